import type { Diagnostics } from '../core/diagnostics';
import { describe } from '../core/untyped';
import { spdxProblem } from '../plan/spdx-expression';

/**
 * Checks a `licenses` option (pipeline, family or image) at `path`: a string holding an SPDX license expression
 * (`plan/spdx-expression.ts`), which keeps it free of control characters and of shell, make and HCL syntax.
 * @internal
 */
export function validateLicenses(d: Diagnostics, path: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string') {
    d.error(path, `licenses must be an SPDX license expression string (e.g. "Apache-2.0"), got ${describe(value)}`);
    return;
  }
  const problem = spdxProblem(value);
  if (problem) d.error(path, `licenses ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)} ${problem}`);
}
