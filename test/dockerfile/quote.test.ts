import { describe, expect, test } from 'vitest';
import { dockerfileQuote, dockerfileWord, execForm } from '../../src/dockerfile/quote';

describe('dockerfileQuote', () => {
  test.each([
    ['plain', '"plain"'],
    ['', '""'],
    ['say "hi"', '"say \\"hi\\""'],
    ['$HOME ${X}', '"\\$HOME \\${X}"'],
    ['C:\\path\\', '"C:\\\\path\\\\"'],
    ['a \'b\' `c`', '"a \'b\' `c`"'],
  ])('%j → %s', (value, expected) => {
    expect(dockerfileQuote(value)).toBe(expected);
  });
});

describe('dockerfileWord', () => {
  test.each([
    ['ubuntu:24.04', 'ubuntu:24.04'],
    [`ubuntu@sha256:${'a'.repeat(64)}`, `ubuntu@sha256:${'a'.repeat(64)}`],
    ['/opt/flow-pipe', '/opt/flow-pipe'],
    ['a b', '"a b"'],
    ['$X', '"\\$X"'],
    ['', '""'],
  ])('%j → %s', (value, expected) => {
    expect(dockerfileWord(value)).toBe(expected);
  });
});

describe('execForm', () => {
  test.each<[string[], string]>([
    [['/usr/local/bin/app'], '["/usr/local/bin/app"]'],
    [['sh', '-c', 'echo "$X"'], '["sh", "-c", "echo \\"$X\\""]'],
    [['a\\b'], '["a\\\\b"]'],
    [[], '[]'],
  ])('%j → %s', (argv, expected) => {
    expect(execForm(argv)).toBe(expected);
  });
});
