import { describe, expect, test } from 'vitest';
import type { PlannedFamily } from '../../src/plan/build-plan';
import { stableTagOf } from '../../src/workflow/plan-workflows';
import { cronProblem } from '../../src/workflow/validate-workflows';

function family(templates: string[], constants: Record<string, string> = {}): PlannedFamily {
  return {
    id: 'f',
    images: [],
    tagVariable: 'F_TAG',
    tag: { templates, constants: Object.entries(constants).map(([name, value]) => ({ name, value })), fallback: 'dev' },
  };
}

describe('stableTagOf: the tag a policy yields on a push to a branch', () => {
  test.each([
    [['{version}', '{branch}'], {}, 'main', 'main'],
    [['{version}-{os}', '{branch}-{os}'], { os: 'ubuntu24.04' }, 'main', 'main-ubuntu24.04'],
    [['{pr}', 'latest'], {}, 'main', 'latest'],
    [['{branch}'], {}, 'Feature/X', 'feature-x'],
    [['{branch}'], {}, '.hidden', 'hidden'],
    [['{sha}'], {}, 'main', undefined],
    [['{branch}-{sha}'], {}, 'main', undefined],
    [['{version}'], {}, 'main', undefined],
    [['{branch}'], {}, 'release/*', undefined],
  ] as const)('%j %j on %s → %s', (templates, constants, branch, expected) => {
    expect(stableTagOf(family([...templates], constants), branch)).toBe(expected);
  });
});

describe('cronProblem', () => {
  test.each(['0 4 * * 1', '*/15 * * * *', '0 0 1 JAN,jul *', '30 2 * * MON-FRI', '0 0-23/2 1-31 1-12 0-6'])('accepts %s', (cron) => {
    expect(cronProblem(cron)).toBeUndefined();
  });

  test.each([
    ['0 4 * *', 'must be 5 fields'],
    ['0 4 * * * *', 'must be 5 fields'],
    ['0 4 * * 7', 'day of week outside 0-6'],
    ['0 4 32 * *', 'day of month outside 1-31'],
    ['0 4 * 13 *', 'month outside 1-12'],
    ['0 4 * * SUN-MON-TUE', 'invalid day of week field'],
    ['0 4 * * 1/0', 'step outside'],
    ['0 4 * * L', 'day of week outside'],
    ['@daily', 'must be 5 fields'],
    ['', 'must be 5 fields'],
  ])('refuses %j (%s)', (cron, message) => {
    expect(cronProblem(cron)).toContain(message);
  });
});
