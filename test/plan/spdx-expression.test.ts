/** SPDX license expressions accepted for the licenses label and annotation (valid ones; bad ones: test/validation/cases/oci.ts). */
import { describe, expect, test } from 'vitest';
import { spdxProblem } from '../../src/plan/spdx-expression';

describe('spdxProblem accepts SPDX 2.3 license expressions', () => {
  test.each([
    'MIT',
    'Apache-2.0',
    'GPL-2.0+',
    'MIT OR Apache-2.0',
    'mit or apache-2.0',
    'LGPL-2.1-only AND MIT AND BSD-2-Clause',
    'GPL-2.0-or-later WITH Classpath-exception-2.0',
    '(MIT OR Apache-2.0) AND BSD-3-Clause',
    '((MIT))',
    'LicenseRef-acme-proprietary',
    'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2',
    'NOASSERTION',
  ])('%s', (expression) => {
    expect(spdxProblem(expression)).toBeUndefined();
  });
});
