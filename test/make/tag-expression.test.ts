import { describe, expect, test } from 'vitest';
import { makeShellCall } from '../../src/make/git-facts';
import { tagExpression } from '../../src/make/tag-expression';
import type { PlannedTag } from '../../src/plan/build-plan';

function tag(templates: string[], fallback = 'dev', constants: { name: string; value: string }[] = []): PlannedTag {
  return { templates, constants, fallback };
}

describe('tagExpression', () => {
  test.each<[string, PlannedTag, string]>([
    ['fallback only', tag([]), '$(or $(TAG),dev)'],
    ['one placeholder', tag(['{version}']), '$(or $(TAG),$(if $(GIT_VERSION),$(GIT_VERSION),dev))'],
    ['chain in order', tag(['{version}', 'sha-{sha}']),
      '$(or $(TAG),$(if $(GIT_VERSION),$(GIT_VERSION),$(if $(GIT_SHA),sha-$(GIT_SHA),dev)))'],
    ['constants substituted', tag(['{version}-{os}', '{branch}-{os}'], 'dev-ubuntu24.04', [{ name: 'os', value: 'ubuntu24.04' }]),
      '$(or $(TAG),$(if $(GIT_VERSION),$(GIT_VERSION)-ubuntu24.04,$(if $(GIT_BRANCH),$(GIT_BRANCH)-ubuntu24.04,dev-ubuntu24.04)))'],
    ['several placeholders need all', tag(['{branch}-{sha}-{branch}']),
      '$(or $(TAG),$(if $(and $(GIT_BRANCH),$(GIT_SHA)),$(GIT_BRANCH)-$(GIT_SHA)-$(GIT_BRANCH),dev))'],
    ['pull request', tag(['pr-{pr}']), '$(or $(TAG),$(if $(GIT_PR),pr-$(GIT_PR),dev))'],
    ['constant-only template ends the chain', tag(['{version}', 'edge-{os}', '{sha}'], 'dev', [{ name: 'os', value: 'alpine' }]),
      '$(or $(TAG),$(if $(GIT_VERSION),$(GIT_VERSION),edge-alpine))'],
  ])('%s', (_name, input, expected) => {
    expect(tagExpression(input, 'fam')).toBe(expected);
  });

  test.each<[string, PlannedTag, RegExp]>([
    ['unknown placeholder', tag(['{nope}']), /^internal error: tag of family fam: unknown placeholder \{nope\}/],
    ['shadowing constant', tag(['{sha}'], 'dev', [{ name: 'sha', value: 'x' }]), /^internal error: .*shadows a built-in placeholder/],
    ['make syntax in template', tag(['$(shell id)']), /^internal error: .*outside A-Z/],
    ['comma in template', tag(['a,b-{sha}']), /^internal error: .*outside A-Z/],
    ['stray brace', tag(['{sha']), /^internal error: .*outside A-Z/],
    ['bad constant value', tag(['{os}'], 'dev', [{ name: 'os', value: 'a b' }]), /^internal error: .*constant \{os\}/],
    ['bad fallback', tag([], 'dev)'), /^internal error: .*fallback/],
    ['empty fallback', tag([], ''), /^internal error: .*empty fallback/],
  ])('internal error on %s (validation refuses it first)', (_name, input, message) => {
    expect(() => tagExpression(input, 'fam')).toThrow(message);
  });
});

describe('makeShellCall', () => {
  test('doubles $ and wraps in $(shell …)', () => {
    expect(makeShellCall('printf %s "${A:-}" "$(date)"')).toBe('$(shell printf %s "$${A:-}" "$$(date)")');
  });

  test.each([['unbalanced ('], ['a ) b ('], ['two\nlines']])('rejects %j', (script) => {
    expect(() => makeShellCall(script)).toThrow(/^internal error: .*balanced parentheses/);
  });
});
