import { describe, expect, test } from 'vitest';
import { Diagnostics, PipelineValidationError } from '../../src/core/diagnostics';

describe('Diagnostics', () => {
  test('does not throw without errors, even with warnings', () => {
    // GIVEN only a warning
    const d = new Diagnostics();
    d.warning('unpinned-base', 'root/a', 'unpinned');
    // WHEN/THEN
    expect(() => d.throwIfErrors()).not.toThrow();
    expect(d.errors).toStrictEqual([]);
    expect(d.warnings).toStrictEqual([{ level: 'warning', path: 'root/a', message: 'unpinned', id: 'unpinned-base' }]);
  });

  test('throws one PipelineValidationError listing every error in order with its path', () => {
    // GIVEN two errors and a warning
    const d = new Diagnostics();
    d.error('root/b', 'second added first');
    d.warning('stale-pin', 'root/w', 'not listed');
    d.error('root/a', 'added last');
    // WHEN
    let thrown: unknown;
    try {
      d.throwIfErrors();
    } catch (e) {
      thrown = e;
    }
    // THEN
    expect(thrown).toBeInstanceOf(PipelineValidationError);
    const error = thrown as PipelineValidationError;
    expect(error.name).toBe('PipelineValidationError');
    expect(error.message).toBe([
      'projen-containers: 2 validation error(s), no file was written:',
      '  [root/b] second added first',
      '  [root/a] added last',
    ].join('\n'));
    expect(error._diagnostics).toStrictEqual([
      { level: 'error', path: 'root/b', message: 'second added first' },
      { level: 'error', path: 'root/a', message: 'added last' },
    ]);
  });
});
