import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { randomStrings } from './random-strings';
import { shellQuote, shellWord } from '../../src/make/shell-quote';

describe('shellQuote', () => {
  test.each([
    ['', "''"],
    ['plain', "'plain'"],
    ["it's", "'it'\\''s'"],
    ["'", "''\\'''"],
    ['$(id) `id` "x" \\ ; #', '\'$(id) `id` "x" \\ ; #\''],
  ])('%j -> %j', (value, expected) => {
    expect(shellQuote(value)).toBe(expected);
  });

  test('internal error on NUL', () => {
    expect(() => shellQuote('a\0b')).toThrow(/^internal error: .*NUL/);
  });

  test('bash reads every quoted string back byte for byte', () => {
    const values = randomStrings(40, 12);
    const script = `printf '%s\\n' ${values.map(shellQuote).join(' ')}`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(result.stdout).toBe(values.map((value) => value + '\n').join(''));
  });
});

describe('shellWord', () => {
  test.each([
    ['Makefile', 'Makefile'],
    ['ci/containers.mk', 'ci/containers.mk'],
    ['ubuntu:24.04', 'ubuntu:24.04'],
    ['debian@sha256:abc', 'debian@sha256:abc'],
    ['linux/amd64,linux/arm64', 'linux/amd64,linux/arm64'],
    ['', "''"],
    ['-x', "'-x'"],
    ['=x', "'=x'"],
    ['a b', "'a b'"],
    ['~/x', "'~/x'"],
    ['a*', "'a*'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
  ])('%j -> %j', (value, expected) => {
    expect(shellWord(value)).toBe(expected);
  });

  test('bash reads every word back byte for byte', () => {
    const values = [...randomStrings(40, 13), 'Makefile', 'ci/containers.mk', 'a=b', 'x,y'];
    const script = `printf '%s\\n' ${values.map(shellWord).join(' ')}`;
    const result = spawnSync('bash', ['-c', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(result.stdout).toBe(values.map((value) => value + '\n').join(''));
  });
});
