import { describe, expect, test } from 'vitest';
import {
  ID_PATTERN, isSafeRelativePath, isSecretLikeName, RESERVED_STAGE_NAMES, unsafeTextReason, VARIABLE_PATTERN, variablePrefix,
} from '../../src/core/names';

describe('ID_PATTERN', () => {
  test.each([
    ['flow-pipe', true],
    ['a', true],
    ['ubuntu24.04', true],
    ['a_b.c-d', true],
    ['Flow', false],
    ['-a', false],
    ['a-', false],
    ['a--b', false],
    ['a b', false],
    ['', false],
  ])('%j → %s', (id, expected) => {
    expect(ID_PATTERN.test(id)).toBe(expected);
  });
});

describe('VARIABLE_PATTERN', () => {
  test.each([
    ['OS_IMAGE', true],
    ['_x1', true],
    ['1X', false],
    ['A-B', false],
    ['A B', false],
  ])('%j → %s', (name, expected) => {
    expect(VARIABLE_PATTERN.test(name)).toBe(expected);
  });
});

describe('isSecretLikeName (BuildKit SecretsUsedInArgOrEnv)', () => {
  test.each([
    ['GITHUB_TOKEN', true],
    ['API_KEY', true],
    ['password', true],
    ['DB_PASSWD', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['NPM_AUTH', true],
    ['apikey', true],
    ['PUBLIC_KEY', false],
    ['KEY_FILE', false],
    ['TOKEN_VERSION', false],
    ['MONKEY', false],
    ['TOKENIZER', false],
    ['CMAKE_PREFIX_PATH', false],
  ])('%s → %s', (name, expected) => {
    expect(isSecretLikeName(name)).toBe(expected);
  });
});

describe('variablePrefix', () => {
  test.each([
    ['flow-pipe', 'FLOW_PIPE'],
    ['a.b_c', 'A_B_C'],
    ['app', 'APP'],
    ['ubuntu24.04', 'UBUNTU24_04'],
  ])('%s → %s', (id, expected) => {
    expect(variablePrefix(id)).toBe(expected);
  });
});

describe('unsafeTextReason', () => {
  test.each([
    ['plain text', undefined],
    ['$HOME and $(x) and `y`', undefined],
    ['${{ github.token }}', 'contains "${{", which GitHub Actions would evaluate as an expression'],
    ['a\nb', 'contains a line break or NUL character'],
    ['a\rb', 'contains a line break or NUL character'],
    ['a\0b', 'contains a line break or NUL character'],
  ])('%j → %s', (value, expected) => {
    expect(unsafeTextReason(value)).toBe(expected);
  });
});

describe('isSafeRelativePath', () => {
  test.each([
    ['runtime/docker/Dockerfile', true],
    ['docker/app/Dockerfile', true],
    ['a@b+c-d_e.f', true],
    ['a/./b', true],
    ['../x', false],
    ['a/../b', false],
    ['/abs', false],
    ['a b', false],
    ['$(x)', false],
    ['a;b', false],
    ['a#b', false],
    ['', false],
  ])('%j → %s', (path, expected) => {
    expect(isSafeRelativePath(path)).toBe(expected);
  });
});

test('RESERVED_STAGE_NAMES are the names BuildKit reserves', () => {
  expect(RESERVED_STAGE_NAMES).toStrictEqual(['context', 'scratch']);
});
