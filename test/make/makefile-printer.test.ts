import { describe, expect, test } from 'vitest';
import type { MakeLine, MakeRule } from '../../src/make/makefile-model';
import { printCommand, printLine, printMakefile } from '../../src/make/makefile-printer';

function rule(overrides: Partial<MakeRule>): MakeRule {
  return { kind: 'rule', targets: ['t'], prerequisites: [], orderOnly: [], recipe: [], phony: false, ...overrides };
}

describe('printLine', () => {
  test.each<[string, MakeLine, string]>([
    ['comment', { kind: 'comment', text: 'hello' }, '# hello'],
    ['empty comment', { kind: 'comment', text: '' }, '#'],
    ['blank', { kind: 'blank' }, ''],
    ['simple assignment', { kind: 'assignment', name: 'SHELL', operator: ':=', value: 'bash' }, 'SHELL := bash'],
    ['conditional assignment', { kind: 'assignment', name: 'REGISTRY', operator: '?=', value: 'ghcr.io/x' }, 'REGISTRY ?= ghcr.io/x'],
    ['empty value', { kind: 'assignment', name: 'TAG', operator: '?=', value: '' }, 'TAG ?='],
    ['append', { kind: 'assignment', name: 'MAKEFLAGS', operator: '+=', value: '-r' }, 'MAKEFLAGS += -r'],
    ['special variable', { kind: 'assignment', name: '.SHELLFLAGS', operator: ':=', value: '-c' }, '.SHELLFLAGS := -c'],
    ['export', { kind: 'export', names: ['A', 'B'] }, 'export A B'],
    ['directive', { kind: 'directive', text: '$(info x)' }, '$(info x)'],
    ['special target', rule({ targets: ['.DELETE_ON_ERROR'] }), '.DELETE_ON_ERROR:'],
    ['prerequisites', rule({ targets: ['b'], prerequisites: ['a1', 'a2'] }), 'b: a1 a2'],
    ['order-only', rule({ targets: ['b'], prerequisites: ['a'], orderOnly: ['dir'] }), 'b: a | dir'],
    ['order-only alone', rule({ targets: ['b'], orderOnly: ['dir'] }), 'b: | dir'],
    ['several targets', rule({ targets: ['x', 'y'] }), 'x y:'],
    ['phony with doc', rule({ targets: ['build'], prerequisites: ['a'], phony: true, doc: 'Build it' }),
      '# Build it\n.PHONY: build\nbuild: a'],
    ['recipe', rule({ recipe: [{ words: ['echo', "'hi'"], silent: false, wrap: false }] }), "t:\n\techo 'hi'"],
    ['silent recipe', rule({ recipe: [{ words: ['printf', "'%s\\n'", '"$$X"'], silent: true, wrap: false }] }),
      "t:\n\t@printf '%s\\n' \"$$X\""],
    ['wrapped recipe', rule({ recipe: [{ words: ['cmd', '--a 1', '--b 2'], silent: false, wrap: true }] }),
      't:\n\tcmd \\\n\t\t--a 1 \\\n\t\t--b 2'],
    ['two commands', rule({
      recipe: [{ words: ['one'], silent: false, wrap: false }, { words: ['two'], silent: true, wrap: false }],
    }), 't:\n\tone\n\t@two'],
  ])('%s', (_name, line, expected) => {
    expect(printLine(line)).toBe(expected);
  });

  test.each<[string, MakeLine, RegExp]>([
    ['newline in comment', { kind: 'comment', text: 'a\nb' }, /newline/],
    ['comment ending with backslash', { kind: 'comment', text: 'a\\' }, /backslash/],
    ['newline in value', { kind: 'assignment', name: 'A', operator: ':=', value: 'a\nb' }, /newline/],
    ['bad variable', { kind: 'assignment', name: 'A B', operator: ':=', value: '' }, /variable name/],
    ['bad export', { kind: 'export', names: ['A=1'] }, /variable name/],
    ['empty export', { kind: 'export', names: [] }, /at least one name/],
    ['NUL in directive', { kind: 'directive', text: 'a\0' }, /NUL/],
    ['no target', rule({ targets: [] }), /at least one target/],
    ['target with colon', rule({ targets: ['a:b'] }), /target name/],
    ['prerequisite with space', rule({ prerequisites: ['a b'] }), /target name/],
    ['pattern target', rule({ targets: ['%.o'] }), /target name/],
    ['newline in recipe', rule({ recipe: [{ words: ['a\nb'], silent: false, wrap: false }] }), /newline/],
    ['empty command', rule({ recipe: [{ words: [], silent: false, wrap: false }] }), /at least one word/],
  ])('rejects %s', (_name, line, message) => {
    expect(() => printLine(line)).toThrow(message);
  });
});

describe('printCommand', () => {
  test('every physical line starts with a TAB (MK-4)', () => {
    const text = printCommand({ words: ['a', 'b', 'c'], silent: false, wrap: true });
    expect(text.split('\n').every((line) => line.startsWith('\t'))).toBe(true);
  });
});

describe('printMakefile', () => {
  test('blocks are separated by one blank line and the file ends with a newline', () => {
    // GIVEN a model with three blocks
    const text = printMakefile({
      blocks: [
        [{ kind: 'comment', text: 'marker' }],
        [{ kind: 'assignment', name: 'A', operator: ':=', value: '1' }, { kind: 'blank' }, { kind: 'export', names: ['A'] }],
        [rule({ targets: ['all'], phony: true, recipe: [{ words: ['true'], silent: false, wrap: false }] })],
      ],
    });
    // THEN
    expect(text).toBe('# marker\n\nA := 1\n\nexport A\n\n.PHONY: all\nall:\n\ttrue\n');
  });

  test('an empty model prints a single newline', () => {
    expect(printMakefile({ blocks: [] })).toBe('\n');
  });
});
