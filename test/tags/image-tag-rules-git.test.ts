/**
 * Tag rules on a single image (`ImageProps.tags`), evaluated by the real Makefile on real git repositories for the
 * events of issue 6, beside its family's rules: the image gets exactly what docker/metadata-action yields for its own
 * rules (`APP_WORKER_TAGS`), its sibling keeps the family's (`APP_TAGS`), and the two overrides stay apart.
 * Expected lists are written by hand from metadata-action's semantics (src/tag.ts, src/meta.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ImageSource, TagCondition, TagRule } from '../../src';
import { renderBakeJson } from '../../src/bake/plan-to-bake';
import type { BuildPlan } from '../../src/plan/build-plan';
import { flagValues, git, make, MARKER, removeWorkspaces, stubLines, workspace } from '../make/make-harness';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

afterAll(removeWorkspaces);

/**
 * Family `app`: `type=sha` (priority 100), `type=raw,value=latest,enable={{is_default_branch}}` (200); its image
 * `web` follows it.
 * Image `worker` has its own: `type=semver,pattern={{version}}`, `type=ref,event=branch`, `type=ref,event=pr`,
 * `type=raw,value=stable,enable={{is_default_branch}}`, with `flavor: prefix=w-` (latest auto, never prefixed).
 */
function plan(): BuildPlan {
  const { containers } = newPipeline();
  const family = containers.addFamily('app', {
    tags: [TagRule.sha(), TagRule.raw('latest', { enable: TagCondition.onDefaultBranch() })],
  });
  family.addImage('web', { from: ImageSource.registry('ubuntu:24.04'), user: '10001' });
  family.addImage('worker', {
    from: ImageSource.registry('ubuntu:24.04'),
    user: '10001',
    tags: [TagRule.semver('{{version}}'), TagRule.branch(), TagRule.pr(), TagRule.raw('stable', { enable: TagCondition.onDefaultBranch() })],
    tagFlavor: { prefix: 'w-' },
  });
  synthFiles(containers.project);
  return containers._plan;
}

function actions(event: string, ref: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_REF: ref,
    GITHUB_REF_TYPE: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    GITHUB_REF_NAME: ref.replace(/^refs\/(heads|tags|pull)\//, ''),
    ...extra,
  };
}

function printTags(dir: string, env: Record<string, string>, args: string[] = []): Record<string, string> {
  const result = make(dir, ['-s', 'print-tags', ...args], { SOURCE_DATE_EPOCH: '1767323045', ...env });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return Object.fromEntries(result.stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

interface Row {
  readonly state: string;
  readonly setup: (dir: string) => void;
  readonly env?: Record<string, string>;
  /** metadata-action's tags for the family's rules and for the image's, `S` standing for the short commit. */
  readonly family: readonly string[];
  readonly worker: readonly string[];
}

const ROWS: readonly Row[] = [
  { state: 'push to the default branch (local)', setup: () => {}, family: ['latest', 'sha-S'], worker: ['w-main', 'w-stable'] },
  { state: 'push to the default branch (CI)', setup: () => {}, env: actions('push', 'refs/heads/main'), family: ['latest', 'sha-S'], worker: ['w-main', 'w-stable'] },
  { state: 'push to another branch (CI)', setup: () => {}, env: actions('push', 'refs/heads/feature/x'), family: ['sha-S'], worker: ['w-feature-x'] },
  {
    state: 'v1.2.3 tag push (local, detached at the tag)',
    setup: (dir) => { git(dir, 'tag', 'v1.2.3'); git(dir, 'checkout', '-q', '--detach', 'v1.2.3'); },
    family: ['sha-S'],
    worker: ['w-1.2.3', 'latest'],
  },
  { state: 'v1.2.3 tag push (CI)', setup: () => {}, env: actions('push', 'refs/tags/v1.2.3'), family: ['sha-S'], worker: ['w-1.2.3', 'latest'] },
  {
    state: 'pull request #42 (CI)',
    setup: () => {},
    env: actions('pull_request', 'refs/pull/42/merge', { GITHUB_HEAD_REF: 'feature/x', GITHUB_BASE_REF: 'main' }),
    family: ['sha-S'],
    // the pr rule's own default prefix `pr-` wins over the flavor's (metadata-action)
    worker: ['pr-42'],
  },
  { state: 'workflow_dispatch on main (CI)', setup: () => {}, env: actions('workflow_dispatch', 'refs/heads/main'), family: ['latest', 'sha-S'], worker: ['w-main', 'w-stable'] },
  { state: 'schedule on main (CI)', setup: () => {}, env: actions('schedule', 'refs/heads/main'), family: ['latest', 'sha-S'], worker: ['w-main', 'w-stable'] },
  {
    state: 'detached HEAD without a tag (local)',
    setup: (dir) => { git(dir, 'checkout', '-q', 'main'); commit(dir, 'detached'); git(dir, 'checkout', '-q', '--detach'); },
    family: ['sha-S'],
    // metadata-action yields nothing for these rules here; this project falls back to "dev" (README "Tag rules")
    worker: ['dev'],
  },
];

function commit(dir: string, text: string): void {
  writeFileSync(join(dir, 'README'), `${text}\n`);
  git(dir, 'commit', '-q', '-am', text);
}

describe('an image with tag rules of its own, on real git states', () => {
  let dir: string;
  beforeAll(() => {
    dir = workspace(plan());
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README'), 'hello\n');
    git(dir, 'add', 'README');
    git(dir, 'commit', '-q', '-m', 'first');
  });

  test.each(ROWS.map((row) => [row.state, row] as const))('%s', (_state, row) => {
    // GIVEN the git state and the event
    row.setup(dir);
    const sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
    const expand = (tags: readonly string[]) => tags.map((t) => t.replace(/^sha-S$/, `sha-${sha}`));
    // WHEN the Makefile computes the tags, as CI's tag job does
    const tags = printTags(dir, row.env ?? {});
    // THEN the family's rules for the family, the image's own for the image; the first of each is its main tag
    expect(tags.APP_TAGS.split(' ')).toStrictEqual(expand(row.family));
    expect(tags.APP_WORKER_TAGS.split(' ')).toStrictEqual(expand(row.worker));
    expect(tags.APP_TAG).toBe(expand(row.family)[0]);
    expect(tags.APP_WORKER_TAG).toBe(expand(row.worker)[0]);
  });

  test('outside git both fall back to "dev"', () => {
    expect(printTags(workspace(plan()), {})).toStrictEqual({ APP_TAG: 'dev', APP_TAGS: 'dev', APP_WORKER_TAG: 'dev', APP_WORKER_TAGS: 'dev' });
  });

  test('TAG replaces both; the family tag given replaces only the family\'s, the image tag only the image\'s', () => {
    expect(printTags(dir, { TAG: 'pinned' })).toMatchObject({ APP_TAGS: 'pinned', APP_WORKER_TAGS: 'pinned' });
    const family = printTags(dir, actions('push', 'refs/heads/main'), ['APP_TAG=given']);
    expect(family).toMatchObject({ APP_TAGS: 'given', APP_WORKER_TAGS: 'w-main w-stable' });
    const image = printTags(dir, { ...actions('push', 'refs/heads/main'), APP_WORKER_TAG: 'only-$(id)' });
    expect(image.APP_WORKER_TAGS).toBe('only-$(id)');
    expect(image.APP_TAGS).not.toBe('only-$(id)');
  });

  test('push-app-worker passes every tag of the image, its version label is its main tag; web keeps the family tags', () => {
    git(dir, 'checkout', '-q', '--detach', 'v1.2.3');
    const sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
    const worker = stubLines(make(dir, ['-s', 'push-app-worker', `DOCKER=${join(dir, 'docker-stub')}`]).stdout);
    const one = ['w-1.2.3', 'latest'].map((t) => `ghcr.io/acme/app-worker:${t}`);
    expect(flagValues(worker, '--tag')).toStrictEqual([...one, ...one]);
    expect(flagValues(worker, '--label')).toContain('org.opencontainers.image.version=w-1.2.3');
    const web = stubLines(make(dir, ['-s', 'push-app-web', `DOCKER=${join(dir, 'docker-stub')}`]).stdout);
    expect(flagValues(web, '--tag')).toStrictEqual([`ghcr.io/acme/app-web:sha-${sha}`, `ghcr.io/acme/app-web:sha-${sha}`]);
    expect(flagValues(web, '--label')).toContain(`org.opencontainers.image.version=sha-${sha}`);
  });
});

describe('the bake file reads the image\'s own tag variables', () => {
  test('APP_WORKER_TAG(S) are declared with the fallback; the worker target tags every word of APP_WORKER_TAGS', () => {
    type Bake = { variable: Record<string, { default: string }>; target: Record<string, { tags: unknown; labels: Record<string, string> }> };
    const bake = JSON.parse(renderBakeJson(plan(), MARKER)) as Bake;
    expect(bake.variable.APP_WORKER_TAG).toStrictEqual({ default: 'dev' });
    expect(bake.variable.APP_WORKER_TAGS).toStrictEqual({ default: 'dev' });
    expect(bake.target['app-worker'].tags).toBe('${formatlist("%s/app-worker:%s", REGISTRY, compact(split(" ", APP_WORKER_TAGS)))}');
    expect(bake.target['app-worker'].labels['org.opencontainers.image.version']).toBe('${APP_WORKER_TAG}');
    expect(bake.target['app-web'].tags).toBe('${formatlist("%s/app-web:%s", REGISTRY, compact(split(" ", APP_TAGS)))}');
  });
});
