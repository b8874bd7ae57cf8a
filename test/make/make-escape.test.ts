import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { randomStrings } from './random-strings';
import { makeLiteral, recipeWord } from '../../src/make/make-escape';

describe('makeLiteral', () => {
  test.each([
    ['plain', 'plain'],
    ['', ''],
    ['price$5', 'price$$5'],
    ['$(shell id)', '$$(shell id)'],
    ['a#b', 'a\\#b'],
    ['a\\#b', 'a\\\\\\#b'],
    ['a\\\\#b', 'a\\\\\\\\\\#b'],
    ['a\\b', 'a\\b'],
    ['it\'s "quoted"; echo x', 'it\'s "quoted"; echo x'],
    ['has inner  spaces', 'has inner  spaces'],
    ['debian@sha256:abc', 'debian@sha256:abc'],
  ])('%j -> %j', (value, expected) => {
    expect(makeLiteral(value)).toBe(expected);
  });

  test.each([
    ['line\nbreak', /newline/],
    ['carriage\rreturn', /newline/],
    ['nul\0byte', /NUL/],
    ['trailing\\', /backslash/],
    [' leading', /whitespace/],
    ['trailing ', /whitespace/],
    ['tab\t', /whitespace/],
  ])('rejects %j', (value, message) => {
    expect(() => makeLiteral(value, 'default of variable X')).toThrow(message);
  });

  test('names the value in errors', () => {
    expect(() => makeLiteral('a\\', 'default of variable FOO')).toThrow(/^internal error: default of variable FOO "a\\\\" ends with a backslash/);
  });

  test('GNU make reads every escaped literal back byte for byte (MK-1)', () => {
    // GIVEN many random strings made of make- and shell-special characters
    const values = randomStrings(40, 11).map((value, index) => ({ name: `V${index}`, value }));
    const dir = mkdtempSync(join(tmpdir(), 'projen-containers-escape-'));
    try {
      const lines = ['SHELL := bash', '.SHELLFLAGS := -euo pipefail -c', 'MAKEFLAGS += --warn-undefined-variables'];
      for (const { name, value } of values) {
        lines.push(`${name} := ${makeLiteral(value)}`, `export ${name}`);
      }
      lines.push('show:', ...values.map(({ name }) => `\t@printf '%s\\n' "$$${name}"`));
      writeFileSync(join(dir, 'Makefile'), lines.join('\n') + '\n');
      // WHEN make prints each exported variable
      const result = spawnSync('make', ['-s', 'show'], {
        cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      // THEN every value comes back exactly, without warnings
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(values.map(({ value }) => value + '\n').join(''));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('recipeWord', () => {
  test.each([
    ['runtime/docker/Dockerfile', "'runtime/docker/Dockerfile'"],
    ['cost $5', "'cost $$5'"],
    ["it's $(id)", "'it'\\''s $$(id)'"],
    ['a#b', "'a#b'"],
  ])('%j -> %j', (value, expected) => {
    expect(recipeWord(value)).toBe(expected);
  });

  test.each([['a\nb'], ['a\rb'], ['a\0b']])('rejects %j', (value) => {
    expect(() => recipeWord(value, 'image x: dockerfile')).toThrow(/^internal error: image x: dockerfile .* recipe cannot hold/);
  });
});
