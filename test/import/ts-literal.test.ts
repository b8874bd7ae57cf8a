import * as fc from 'fast-check';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { IdentifierPool } from '../../src/import/identifiers';
import { tsLineComment, tsString } from '../../src/import/ts-literal';

/** Evaluates `code` as the body of a transpiled TypeScript module and returns what it assigns to `out`. */
function evaluate(code: string): unknown {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const box: { out?: unknown } = {};
  new Function('box', js)(box);
  return box.out;
}

describe('tsString', () => {
  it('yields exactly the same value for any string, adversarial characters included', () => {
    const nasty = fc.constantFrom("'", '"', '`', '\\', '${', '\r', '\n', '\r\n', '\u2028', '\u2029', '\u0000', '\ud800', '\udfff', '*/', '// ', '\t', 'é', '😀');
    const text = fc.array(fc.oneof(fc.string({ unit: 'binary' }), nasty), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(fc.property(text, (value) => {
      const literal = tsString(value);
      expect(literal).toMatch(/^'[\x20-\x7e]*'$/);
      expect(evaluate(`box.out = ${literal};`)).toBe(value);
    }), { seed: 20260412, numRuns: 400 });
  });

  it('keeps a line comment on one line, whatever its text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(evaluate(`${tsLineComment(text)}\nbox.out = 1;`)).toBe(1);
    }), { seed: 20260413, numRuns: 200 });
  });
});

describe('IdentifierPool', () => {
  it('derives valid, unique identifiers that avoid taken names and reserved words', () => {
    const pool = new IdentifierPool(['build', 'project']);
    const names = ['build', 'build', 'build-env', '0stage', 'default', 'new', '', 'ÄÖ', 'project'].map((n) => pool.claim(n));
    expect(names).toEqual(['build2', 'build3', 'buildEnv', 'stage0stage', 'defaultStage', 'newStage', 'stage', 'stage2', 'project2']);
    for (const n of names) expect(evaluate(`const ${n} = 1; box.out = ${n};`)).toBe(1);
  });
});
