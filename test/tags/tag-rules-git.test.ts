/**
 * The tag rules evaluated by the real Makefile (real GNU make, real git repositories) for the git states and GitHub
 * events of issue 6, each compared with the tags docker/metadata-action yields for the same event and rules. The
 * expected lists are written by hand from metadata-action's semantics (src/tag.ts, src/meta.ts): rules by priority,
 * the first value is the main tag, duplicates dropped, `latest` decided by the first rule that yields a value.
 * Where this project deliberately differs, the row says so (README "Tag rules").
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Containers, ImageSource, TagCondition, TagRule } from '../../src';
import type { BuildPlan } from '../../src/plan/build-plan';
import { flagValues, git, make, removeWorkspaces, stubLines, workspace } from '../make/make-harness';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

afterAll(removeWorkspaces);

/** 2026-01-02 03:04:05 UTC, the run time of every row (`SOURCE_DATE_EPOCH`). */
const RUN_TIME = '1767323045';

/**
 * metadata-action's common configuration plus the seed-001 time stamp:
 * `type=schedule`, `type=semver,pattern={{version}}`, `…{{major}}.{{minor}}`, `…{{major}}`, `type=edge`,
 * `type=ref,event=branch`, `type=ref,event=tag`, `type=ref,event=pr`,
 * `type=raw,value=latest,enable={{is_default_branch}}`,
 * `type=raw,value=v{{date 'YYYYMMDD-HHmmss'}},enable=${{ github.event_name == 'workflow_dispatch' }}`, `type=sha`.
 */
function rulesPlan(): BuildPlan {
  const { containers } = newPipeline();
  containers.addFamily('app', {
    tags: [
      TagRule.schedule(),
      TagRule.semver('{{version}}'),
      TagRule.semver('{{major}}.{{minor}}'),
      TagRule.semver('{{major}}'),
      TagRule.edge(),
      TagRule.branch(),
      TagRule.tag(),
      TagRule.pr(),
      TagRule.raw('latest', { enable: TagCondition.onDefaultBranch() }),
      TagRule.timestamp('YYYYMMDD-HHmmss', { prefix: 'v', enable: TagCondition.onEvent(['workflow_dispatch']) }),
      TagRule.sha(),
    ],
  }).addImage('web', { from: ImageSource.registry('ubuntu:24.04'), user: '10001' });
  return planOf(containers);
}

function planOf(containers: Containers): BuildPlan {
  synthFiles(containers.project);
  return containers._plan;
}

/** The variables GitHub Actions sets for an event (only those the Makefile reads, plus the usual companions). */
function actions(event: string, ref: string, extra: Record<string, string> = {}): Record<string, string> {
  const type = ref.startsWith('refs/tags/') ? 'tag' : 'branch';
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_REF: ref,
    GITHUB_REF_TYPE: type,
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags|pull)\//, ''),
    ...extra,
  };
}

/** `make print-tags` → { APP_TAG, APP_TAGS } */
function printTags(dir: string, env: Record<string, string>): Record<string, string> {
  const result = make(dir, ['-s', 'print-tags'], { SOURCE_DATE_EPOCH: RUN_TIME, ...env });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return Object.fromEntries(result.stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

interface Row {
  readonly state: string;
  /** Prepares the repository (runs in order; each row starts from the previous one's state). */
  readonly setup: (dir: string) => void;
  /** GitHub Actions variables of the event; `undefined` for a local run (no Actions variables). */
  readonly env?: Record<string, string>;
  /** metadata-action's tags for the same event, `S` standing for the short commit. */
  readonly metadataAction: readonly string[];
  /** This project's result where it deliberately differs (README "Tag rules"). */
  readonly ours?: readonly string[];
}

const ROWS: readonly Row[] = [
  { state: 'push to the default branch (local, on main)', setup: () => {}, metadataAction: ['edge', 'main', 'latest', 'sha-S'] },
  { state: 'push to the default branch (CI)', setup: () => {}, env: actions('push', 'refs/heads/main'), metadataAction: ['edge', 'main', 'latest', 'sha-S'] },
  {
    state: 'push to another branch (local, feature/Login)',
    setup: (dir) => git(dir, 'checkout', '-q', '-b', 'feature/Login'),
    metadataAction: ['feature-Login', 'sha-S'],
  },
  { state: 'push to another branch (CI)', setup: () => {}, env: actions('push', 'refs/heads/feature/Login'), metadataAction: ['feature-Login', 'sha-S'] },
  {
    state: 'v1.2.3 tag push (local: detached at the tag, as a tag checkout)',
    setup: (dir) => { git(dir, 'tag', 'v1.2.3'); git(dir, 'checkout', '-q', '--detach', 'v1.2.3'); },
    metadataAction: ['1.2.3', '1.2', '1', 'v1.2.3', 'sha-S', 'latest'],
  },
  { state: 'v1.2.3 tag push (CI)', setup: () => {}, env: actions('push', 'refs/tags/v1.2.3'), metadataAction: ['1.2.3', '1.2', '1', 'v1.2.3', 'sha-S', 'latest'] },
  {
    state: 'v1.2.3-rc.1 tag push (local)',
    setup: (dir) => { commit(dir, 'rc'); git(dir, 'tag', 'v1.2.3-rc.1'); git(dir, 'checkout', '-q', '--detach', 'v1.2.3-rc.1'); },
    metadataAction: ['1.2.3-rc.1', 'v1.2.3-rc.1', 'sha-S'],
  },
  { state: 'v1.2.3-rc.1 tag push (CI)', setup: () => {}, env: actions('push', 'refs/tags/v1.2.3-rc.1'), metadataAction: ['1.2.3-rc.1', 'v1.2.3-rc.1', 'sha-S'] },
  {
    state: 'pull request #42 from feature/x (CI)',
    setup: () => {},
    env: actions('pull_request', 'refs/pull/42/merge', { GITHUB_HEAD_REF: 'feature/x', GITHUB_BASE_REF: 'main' }),
    metadataAction: ['pr-42', 'sha-S'],
  },
  {
    state: 'workflow_dispatch on main (CI)',
    setup: () => {},
    env: actions('workflow_dispatch', 'refs/heads/main'),
    metadataAction: ['edge', 'main', 'latest', 'v20260102-030405', 'sha-S'],
  },
  { state: 'schedule on main (CI)', setup: () => {}, env: actions('schedule', 'refs/heads/main'), metadataAction: ['nightly', 'edge', 'main', 'latest', 'sha-S'] },
  {
    state: 'detached HEAD without a tag (local)',
    setup: (dir) => { git(dir, 'checkout', '-q', 'main'); commit(dir, 'detached'); git(dir, 'checkout', '-q', '--detach'); },
    metadataAction: ['sha-S'],
  },
];

function commit(dir: string, text: string): void {
  writeFileSync(join(dir, 'README'), `${text}\n`);
  git(dir, 'commit', '-q', '-am', text);
}

describe('tag rules on real git states match docker/metadata-action', () => {
  let dir: string;
  beforeAll(() => {
    dir = workspace(rulesPlan());
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README'), 'hello\n');
    git(dir, 'add', 'README');
    git(dir, 'commit', '-q', '-m', 'first');
  });

  test.each(ROWS.map((row) => [row.state, row] as const))('%s', (_state, row) => {
    // GIVEN the git state (and the event's Actions variables)
    row.setup(dir);
    const sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
    // WHEN the Makefile computes the tags, as CI's tag job does
    const tags = printTags(dir, row.env ?? {});
    // THEN every tag metadata-action yields, in its order; the first is the main tag
    const expected = (row.ours ?? row.metadataAction).map((t) => t.replace(/^sha-S$/, `sha-${sha}`));
    expect(tags.APP_TAGS.split(' ')).toStrictEqual(expected);
    expect(tags.APP_TAG).toBe(expected[0]);
  });

  test('outside git: metadata-action yields no tag; the policy falls back to "dev" (a deliberate difference)', () => {
    expect(printTags(workspace(rulesPlan()), {})).toStrictEqual({ APP_TAG: 'dev', APP_TAGS: 'dev' });
  });

  test('TAG, or the family tag given on the command line or in the environment, replaces every computed tag', () => {
    expect(printTags(dir, { TAG: 'pinned' })).toStrictEqual({ APP_TAG: 'pinned', APP_TAGS: 'pinned' });
    expect(printTags(dir, { APP_TAG: 'from-env' })).toStrictEqual({ APP_TAG: 'from-env', APP_TAGS: 'from-env' });
    const result = make(dir, ['-s', 'print-tags', 'APP_TAG=cli$(id)'], {});
    expect(result.stdout).toBe('APP_TAG=cli$(id)\nAPP_TAGS=cli$(id)\n');
    expect(make(dir, ['-s', 'print-tags', 'APP_TAGS=a b'], {}).stdout).toBe('APP_TAG=a\nAPP_TAGS=a b\n');
  });

  test('push passes every tag to buildx, and the OCI version label is the main tag', () => {
    git(dir, 'checkout', '-q', '--detach', 'v1.2.3');
    const sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
    const result = make(dir, ['-s', 'push-app-web', `DOCKER=${join(dir, 'docker-stub')}`]);
    expect(result.stderr).toBe('');
    const pushed = stubLines(result.stdout).slice(-40);
    const tags = flagValues(stubLines(result.stdout), '--tag');
    // build (load) then push: the same tags both times
    const one = ['1.2.3', '1.2', '1', 'v1.2.3', `sha-${sha}`, 'latest'].map((t) => `ghcr.io/acme/app-web:${t}`);
    expect(tags).toStrictEqual([...one, ...one]);
    expect(flagValues(pushed, '--label')).toContain('org.opencontainers.image.version=1.2.3');
  });
});

describe('tag rules are never shell or make syntax', () => {
  test('a branch and GitHub variables with shell and make syntax are sanitised and nothing executes', () => {
    const dir = workspace(rulesPlan());
    git(dir, 'init', '-q', '-b', 'x;touch${IFS}PWNED;$(touch${IFS}PWNED)`touch${IFS}PWNED`');
    writeFileSync(join(dir, 'README'), 'hello\n');
    git(dir, 'add', 'README');
    git(dir, 'commit', '-q', '-m', 'first');
    const sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
    expect(printTags(dir, {}).APP_TAGS).toBe(`x-touch-IFS-PWNED-touch-IFS-PWNED-touch-IFS-PWNED- sha-${sha}`);
    const ci = printTags(dir, actions('push$(id)', 'refs/tags/v1.0.0$(touch PWNED)', { GITHUB_HEAD_REF: '$(touch PWNED)' }));
    // a non-semver tag: the tag rule yields it and, first to yield, makes `latest` (metadata-action auto)
    expect(ci.APP_TAGS).toBe(`v1.0.0-touch-PWNED- sha-${sha} latest`);
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
  });

  test('a semver tag with build metadata: {{version}} drops it, {{raw}}-like tag rule keeps it sanitised', () => {
    const dir = workspace(rulesPlan());
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README'), 'hello\n');
    git(dir, 'add', 'README');
    git(dir, 'commit', '-q', '-m', 'first');
    const sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
    // metadata-action: 2.0.0, 2.0, 2, v2.0.0-build.5 (sanitised +), sha, latest
    expect(printTags(dir, actions('push', 'refs/tags/v2.0.0+build.5')).APP_TAGS).toBe(`2.0.0 2.0 2 v2.0.0-build.5 sha-${sha} latest`);
    // not a semantic version: only the tag and sha rules; the tag rule decides latest (metadata-action: auto → true)
    expect(printTags(dir, actions('push', 'refs/tags/release-7')).APP_TAGS).toBe(`release-7 sha-${sha} latest`);
  });
});

describe("seed 001's tags (README \"Tag rules\")", () => {
  test('runtime: v<YYYYMMDD-HHMMSS> and latest on a manual run; app: the commit, and latest on main', () => {
    // GIVEN the README's two families
    const { containers } = newPipeline();
    containers.addFamily('runtime', {
      tags: [
        TagRule.timestamp('YYYYMMDD-HHmmss', { prefix: 'v' }),
        TagRule.raw('latest', { enable: TagCondition.onEvent(['workflow_dispatch']) }),
      ],
    }).addImage('python', { from: ImageSource.registry('python:3.12-slim'), user: '10001' });
    containers.addFamily('app', {
      tags: [
        // the commit first (priority above raw's 200): it is the main tag and the OCI version label
        TagRule.sha({ prefix: '', priority: 300 }),
        TagRule.raw('latest', { enable: TagCondition.onDefaultBranch() }),
      ],
      tagFlavor: { fallback: 'dev' },
    }).addImage('web', { from: ImageSource.registry('python:3.12-slim'), user: '10001' });
    const dir = workspace(planOf(containers));
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README'), 'hello\n');
    git(dir, 'add', 'README');
    git(dir, 'commit', '-q', '-m', 'first');
    const sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
    // WHEN/THEN a manual run on main
    const dispatch = printTags(dir, actions('workflow_dispatch', 'refs/heads/main'));
    expect(dispatch.RUNTIME_TAGS).toBe('v20260102-030405 latest');
    expect(dispatch.APP_TAGS).toBe(`${sha} latest`);
    // a push to main, then to a branch
    expect(printTags(dir, actions('push', 'refs/heads/main')).RUNTIME_TAGS).toBe('v20260102-030405');
    expect(printTags(dir, actions('push', 'refs/heads/fix/x')).APP_TAGS).toBe(sha);
  });
});
