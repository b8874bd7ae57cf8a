import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { flagValues, git, make, removeWorkspaces, stubLines, workspace } from './make-harness';
import type { BuildPlan } from '../../src/plan/build-plan';
import { FAN_IN_PLAN, FLOW_PIPE_PLAN } from '../fixtures/plans';

afterAll(removeWorkspaces);

/** `make -s print-tag-flow-pipe` in `dir`, asserting a clean run. */
function flowPipeTag(dir: string, args: string[] = [], env: Record<string, string> = {}): string {
  const result = make(dir, ['-s', 'print-tag-flow-pipe', ...args], env);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** A workspace that is a git repository with one commit on `main`. */
function repository(plan: BuildPlan): string {
  const dir = workspace(plan);
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README'), 'hello\n');
  git(dir, 'add', 'README');
  git(dir, 'commit', '-q', '-m', 'first');
  return dir;
}

describe('family tags computed by the Makefile', () => {
  let dir: string;
  beforeAll(() => {
    dir = repository(FLOW_PIPE_PLAN);
  });

  test('outside git: the fallback, silently', () => {
    expect(flowPipeTag(workspace(FLOW_PIPE_PLAN))).toBe('dev-ubuntu24.04\n');
  });

  test('on a v<semver> tag: {version}-{os}', () => {
    git(dir, 'tag', 'v0.1.0');
    expect(flowPipeTag(dir)).toBe('0.1.0-ubuntu24.04\n');
  });

  test('on branch main after the tag: {branch}-{os}', () => {
    writeFileSync(join(dir, 'README'), 'second\n');
    git(dir, 'commit', '-q', '-am', 'second');
    expect(flowPipeTag(dir)).toBe('main-ubuntu24.04\n');
  });

  test('tags not of the form v<digit>... do not count', () => {
    git(dir, 'tag', 'release-2');
    git(dir, 'tag', 'vnext');
    expect(flowPipeTag(dir)).toBe('main-ubuntu24.04\n');
  });

  test('on branch feature/X: sanitised and lowercased', () => {
    git(dir, 'checkout', '-q', '-b', 'feature/X');
    expect(flowPipeTag(dir)).toBe('feature-x-ubuntu24.04\n');
  });

  test('a branch named with shell syntax is sanitised and never executed', () => {
    git(dir, 'checkout', '-q', '-b', 'x;touch${IFS}PWNED;$(touch${IFS}PWNED)`touch${IFS}PWNED`');
    expect(flowPipeTag(dir)).toBe('x-touch--ifs-pwned---touch--ifs-pwned--touch--ifs-pwned--ubuntu24.04\n');
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
    git(dir, 'checkout', '-q', 'feature/X');
  });

  test('detached HEAD without a version tag: the fallback', () => {
    git(dir, 'checkout', '-q', '--detach');
    expect(flowPipeTag(dir)).toBe('dev-ubuntu24.04\n');
    git(dir, 'checkout', '-q', 'feature/X');
  });

  test('GITHUB_HEAD_REF with shell and make syntax is sanitised and nothing executes', () => {
    const result = make(dir, ['-s', 'print-tag-flow-pipe'], { GITHUB_HEAD_REF: 'a$(id)b;echo PWNED' });
    expect(result.stdout).toBe('a--id-b-echo-pwned-ubuntu24.04\n');
    expect(result.stdout + result.stderr).not.toMatch(/uid=/);
    expect(result.stdout.split('\n')).not.toContain('PWNED');
    expect(result.stderr).toBe('');
  });

  test.each<[string, Record<string, string>, string]>([
    ['a tag push', { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v2.3.4' }, '2.3.4-ubuntu24.04\n'],
    ['a tag push of a non-version tag falls back to git', { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'nightly' }, 'feature-x-ubuntu24.04\n'],
    ['a tag push with shell syntax', { GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: 'v1$(id)' }, '1--id--ubuntu24.04\n'],
    ['a branch push', { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'Release/1.x' }, 'release-1.x-ubuntu24.04\n'],
    ['a pull request', { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: '42/merge', GITHUB_HEAD_REF: 'fix/Bug' }, 'fix-bug-ubuntu24.04\n'],
  ])('GitHub Actions variables take precedence: %s', (_name, env, expected) => {
    expect(flowPipeTag(dir, [], env)).toBe(expected);
  });

  test('TAG=override wins on the command line and in the environment', () => {
    expect(flowPipeTag(dir, ['TAG=override'])).toBe('override\n');
    expect(flowPipeTag(dir, [], { TAG: 'from-env' })).toBe('from-env\n');
    expect(flowPipeTag(dir, ['FLOW_PIPE_TAG=family-only'])).toBe('family-only\n');
  });

  test('print-tags prints NAME=value for every family', () => {
    const result = make(dir, ['-s', 'print-tags']);
    expect(result.stdout).toBe('FLOW_PIPE_TAG=feature-x-ubuntu24.04\n');
  });
});

describe('other placeholders and labels', () => {
  test('{sha} is the 7-character commit', () => {
    const dir = repository(FAN_IN_PLAN);
    const sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
    expect(sha).toMatch(/^[0-9a-f]{7}$/);
    expect(make(dir, ['-s', 'print-tag-app']).stdout).toBe(`sha-${sha}\n`);
  });

  test('{pr} is the pull request number from GITHUB_REF', () => {
    const plan: BuildPlan = {
      ...FLOW_PIPE_PLAN,
      families: [{ ...FLOW_PIPE_PLAN.families[0], tag: { templates: ['pr-{pr}', '{branch}'], constants: [], fallback: 'dev' } }],
    };
    const dir = repository(plan);
    expect(flowPipeTag(dir, [], { GITHUB_REF: 'refs/pull/42/merge' })).toBe('pr-42\n');
    expect(flowPipeTag(dir, [], { GITHUB_REF: 'refs/heads/main' })).toBe('main\n');
    expect(flowPipeTag(dir, [], { GITHUB_REF: 'refs/pull/x/merge' })).toBe('main\n');
  });

  test('revision, created and version labels come from git', () => {
    const dir = repository(FLOW_PIPE_PLAN);
    git(dir, 'tag', 'v1.0.0');
    const result = make(dir, ['-s', 'build-flow-pipe-runtime', `DOCKER=${join(dir, 'docker-stub')}`]);
    expect(result.stderr).toBe('');
    const labels = flagValues(stubLines(result.stdout), '--label');
    expect(labels).toEqual([
      'org.opencontainers.image.created=2025-01-02T03:04:05+00:00',
      'org.opencontainers.image.description=Minimal image to run flows',
      `org.opencontainers.image.revision=${git(dir, 'rev-parse', 'HEAD')}`,
      'org.opencontainers.image.source=https://github.com/hurdad/flow-pipe',
      'org.opencontainers.image.title=flow-pipe-runtime',
      'org.opencontainers.image.version=1.0.0-ubuntu24.04',
    ]);
  });
});
