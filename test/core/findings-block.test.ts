/**
 * How a PipelineValidationError reads when printed: Node.js prints an uncaught error with `util.inspect` (its stack,
 * then its own enumerable properties), so the stack is the block of findings and the data is not enumerable, unless
 * PROJEN_CONTAINERS_STACK=1 asks for both.
 */
import { inspect } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { Containers } from '../../src';
import { Diagnostics, PipelineValidationError, STACK_VARIABLE } from '../../src/core/diagnostics';
import { findingsBlock } from '../../src/core/findings-block';

const LOCATIONS: Record<string, string> = {
  'root/Containers/app': '.projenrc.ts:8:27',
  'root/Containers/app/runtime/instruction.0': 'lib/pipeline.ts:40:13',
};

/** The error two findings make, one of them without a location. */
function thrown(): PipelineValidationError {
  const d = new Diagnostics((path) => LOCATIONS[path]);
  d.error('root/Containers/app', 'platforms[0] "x" is not os/arch');
  d.warning('unpinned-base', 'root/Containers/app', 'not an error, not listed');
  d.error('root/Containers/app/runtime/instruction.0', 'WORKDIR "relative" must be absolute');
  d.error('root/Containers/other', 'no location known');
  try {
    d.throwIfErrors();
  } catch (e) {
    if (PipelineValidationError.isPipelineValidationError(e)) return e;
  }
  throw new Error('expected a PipelineValidationError');
}

const BLOCK = [
  'PipelineValidationError: projen-containers: 3 validation error(s), no file was written:',
  '  [root/Containers/app] platforms[0] "x" is not os/arch',
  '    at .projenrc.ts:8:27',
  '  [root/Containers/app/runtime/instruction.0] WORKDIR "relative" must be absolute',
  '    at lib/pipeline.ts:40:13',
  '  [root/Containers/other] no location known',
];

describe('a printed validation error', () => {
  const saved = process.env[STACK_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[STACK_VARIABLE];
    else process.env[STACK_VARIABLE] = saved;
  });

  test('is one block: summary, each finding with its path and location, and how to see more', () => {
    delete process.env[STACK_VARIABLE];
    const error = thrown();
    const printed = inspect(error);
    expect(printed).toBe([...BLOCK, `(${STACK_VARIABLE}=1 prints the stack trace and the findings as data)`].join('\n'));
    expect(error.stack).toBe(printed);
    expect(printed).not.toContain('diagnostics');
    expect(printed).not.toMatch(/\(.*:\d+:\d+\)/);
  });

  test('keeps the message and the findings as data, with location and id', () => {
    delete process.env[STACK_VARIABLE];
    const error = thrown();
    expect(error.message).toBe([
      'projen-containers: 3 validation error(s), no file was written:',
      '  [root/Containers/app] platforms[0] "x" is not os/arch',
      '  [root/Containers/app/runtime/instruction.0] WORKDIR "relative" must be absolute',
      '  [root/Containers/other] no location known',
    ].join('\n'));
    expect(error.name).toBe('PipelineValidationError');
    expect(error).toBeInstanceOf(Error);
    const expected = [
      { level: 'error', path: 'root/Containers/app', message: 'platforms[0] "x" is not os/arch', location: '.projenrc.ts:8:27' },
      { level: 'error', path: 'root/Containers/app/runtime/instruction.0', message: 'WORKDIR "relative" must be absolute', location: 'lib/pipeline.ts:40:13' },
      { level: 'error', path: 'root/Containers/other', message: 'no location known' },
    ];
    expect(error.diagnostics).toStrictEqual(expected);
    expect(Containers.validationDiagnostics(error)).toStrictEqual(expected);
    expect(Object.keys(error)).toStrictEqual([]);
  });

  test(`with ${STACK_VARIABLE}=1: the block, then the stack trace, then the data`, () => {
    process.env[STACK_VARIABLE] = '1';
    const error = thrown();
    const printed = inspect(error);
    expect(printed.startsWith(`${BLOCK.join('\n')}\n    at `)).toBe(true);
    expect(printed).toMatch(/\n {4}at Diagnostics\.throwIfErrors \(.*diagnostics\.ts:\d+:\d+\)/);
    expect(printed).toContain('diagnostics: [');
    expect(printed).toContain("location: '.projenrc.ts:8:27'");
    expect(printed).not.toContain(`${STACK_VARIABLE}=1 prints`);
  });

  test('an id a stricter mode turned into an error stays in the data', () => {
    const d = new Diagnostics();
    d.error('root/Containers/app', 'base image "a:1" is not pinned', 'unpinned-base');
    expect(d.errors).toStrictEqual([{ level: 'error', path: 'root/Containers/app', message: 'base image "a:1" is not pinned', id: 'unpinned-base' }]);
    let error: unknown;
    try {
      d.throwIfErrors();
    } catch (e) {
      error = e;
    }
    expect(Containers.validationDiagnostics(error)).toStrictEqual([{ level: 'error', path: 'root/Containers/app', message: 'base image "a:1" is not pinned', id: 'unpinned-base' }]);
    expect(Containers.validationDiagnostics(new Error('other'))).toBeUndefined();
  });

  test('a block without findings is its summary line', () => {
    expect(findingsBlock('nothing', [])).toBe('nothing');
  });
});
