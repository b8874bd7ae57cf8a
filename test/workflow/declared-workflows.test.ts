import { Project, Testing } from 'projen';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from './actionlint';
import { checkWorkflow, parseWorkflow, PermissionAllowList } from './rules';
import { seed001, seed002, synthFiles } from './seed-pipelines';
import { Containers, FamilyTag, ImageSource, WorkflowRegistry } from '../../src';
import { ACTION_PINS, LOGIN, pinnedUses } from '../../src/workflow';

/** Every workflow file of a synthesized project. */
function workflows(build: (project: Project) => unknown): Record<string, string> {
  const files = synthFiles(build);
  return Object.fromEntries(Object.entries(files).filter(([path]) => path.startsWith('.github/workflows/')));
}

function step(job: any, id: string): any {
  return job.steps.find((s: any) => s.id === id);
}

/** A ghcr-owner variant of seed 002: registry from the repository owner, no comment, no deletion. */
function ownerGhcr(project: Project): void {
  const c = new Containers(project, { registry: 'ghcr.io/acme' });
  c.addFamily('ci').addImage('image', { from: ImageSource.registry('ubuntu:24.04') }).copy(['tools'], '/opt/');
  c.addWorkflow('ci-image', {
    pullRequest: {},
    registry: WorkflowRegistry.githubContainerRegistry(),
    pullRequestImages: { comment: false },
  });
}

/** A variable registry with a tags-only push and a schedule. */
function variableRegistry(project: Project): void {
  const c = new Containers(project, { registry: 'registry.example.com/team', sourceUrl: 'https://github.com/acme/app' });
  c.addFamily('app', { tag: FamilyTag.templates(['{version}', '{branch}']) }).addImage('web', { from: ImageSource.scratch() }).copy(['dist'], '/');
  c.addWorkflow('release', {
    push: { tags: ['v*'] },
    pullRequest: { branches: ['main', 'release/**'] },
    schedule: ['30 2 * * 1-5'],
    registry: WorkflowRegistry.fromVariable('REGISTRY_URL'),
    usernameSecret: 'HUB_USER',
    passwordSecret: 'HUB_TOKEN',
    pullRequestImages: {},
  });
}

const SHAPES: Array<{ name: string; build: (p: Project) => unknown }> = [
  { name: 'seed-001', build: (p) => seed001(p) },
  { name: 'seed-002', build: (p) => seed002(p) },
  { name: 'ghcr-owner', build: ownerGhcr },
  { name: 'variable-registry', build: variableRegistry },
];

/** GA-4 allow-list: what any job of a generated workflow may hold. */
const ALLOWED: Record<string, Record<string, 'read' | 'write'>> = {
  'tag': { contents: 'read' },
  'build': { contents: 'read' },
  'publish': { contents: 'read', packages: 'write' },
  'changes': { contents: 'read' },
  'pr-images': { contents: 'read', packages: 'write' },
  'pr-build': { contents: 'read' },
  'pr-comment': { 'pull-requests': 'write' },
  'pr-cleanup': { packages: 'write' },
};

describe.each(SHAPES)('$name', ({ name, build }) => {
  const files = workflows(build);

  test('generates at least one workflow', () => {
    expect(Object.keys(files).length).toBeGreaterThan(0);
  });

  test.each(Object.keys(files))('%s matches the snapshot', async (path) => {
    await expect(files[path]).toMatchFileSnapshot(`./__snapshots__/declared/${name}.${path.split('/').pop()}`);
  });

  test.each(Object.keys(files))('%s: every hardening rule reports nothing', (path) => {
    expect(checkWorkflow(parseWorkflow(files[path]), { lock: ACTION_PINS, permissions: ALLOWED as PermissionAllowList })).toEqual([]);
  });

  test.each(Object.keys(files))('%s: actionlint 1.7.7 reports nothing', async (path) => {
    expect(await actionlint(files[path], path)).toEqual([]);
  });
});

describe('seed 001: a dispatch-only runtime workflow and an app workflow on main and master', () => {
  const files = workflows((p) => seed001(p));
  const runtime = parse(files['.github/workflows/build-runtime.yml']);
  const app = parse(files['.github/workflows/build-app.yml']);

  test('runtime: manual runs only, with a typed input; builds only the runtime image', () => {
    expect(runtime.on).toEqual({
      workflow_dispatch: { inputs: { reason: { description: 'Why the runtime is rebuilt', required: false, type: 'string' } } },
    });
    expect(Object.keys(runtime.jobs)).toEqual(['tag', 'publish']);
    expect(step(runtime.jobs.publish, 'bake').run).toBe('docker buildx bake --file docker-bake.json --push --metadata-file "$RUNNER_TEMP/bake-metadata.json" runtime-python');
    expect(Object.keys(runtime.jobs.tag.outputs)).toEqual(['RUNTIME_TAG', 'GIT_REVISION', 'GIT_CREATED']);
  });

  test('app: pushes to main and master except documentation (paths-ignore, no derived paths)', () => {
    expect(app.on).toEqual({ push: { 'branches': ['main', 'master'], 'paths-ignore': ['**.md', 'docs/**', '.github/ISSUE_TEMPLATE/**'] } });
    expect(Object.keys(app.jobs)).toEqual(['tag', 'publish']);
    expect(step(app.jobs.publish, 'bake').run).toBe('docker buildx bake --file docker-bake.json --push --metadata-file "$RUNNER_TEMP/bake-metadata.json" app-web');
  });

  test('app: the runtime it does not select is pulled in its published version (seed 001), not built', () => {
    const env = step(app.jobs.publish, 'bake').env;
    expect(env.RUNTIME_PYTHON_IMAGE_PUBLISHED).toBe('${{ steps.registry.outputs.registry }}/runtime-python:latest');
    expect(env.REGISTRY).toBe('${{ steps.registry.outputs.registry }}');
    // the runtime workflow builds the runtime itself: nothing to pull
    expect(Object.keys(step(runtime.jobs.publish, 'bake').env).filter((k) => k.endsWith('_PUBLISHED'))).toEqual([]);
  });

  test('the registry comes from the secret through env only, checked before use; login with the named secrets', () => {
    const publish = app.jobs.publish;
    expect(step(publish, 'registry').env).toEqual({ REGISTRY_SOURCE: '${{ secrets.DOCKER_REGISTRY_URL }}' });
    expect(step(publish, 'registry').run).not.toContain('${{');
    expect(step(publish, 'registry').run).toContain('if [[ ! "$registry" =~ ^[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*$ ]]; then');
    expect(step(publish, 'login')).toMatchObject({
      uses: pinnedUses(LOGIN),
      with: { registry: '${{ steps.registry.outputs.host }}', username: '${{ secrets.DOCKER_USERNAME }}', password: '${{ secrets.DOCKER_PASSWORD }}' },
    });
    expect(step(publish, 'bake').env.REGISTRY).toBe('${{ steps.registry.outputs.registry }}');
    expect(publish.permissions).toEqual({ contents: 'read' });
  });

  test("the Makefile's REGISTRY default stays the pipeline's literal registry for local builds", () => {
    const makefile = synthFiles((p) => seed001(p)).Makefile;
    expect(makefile).toMatch(/^REGISTRY \?= registry\.example\.com\/acme$/m);
  });
});

describe('seed 002: pull-request images', () => {
  const doc = parse(workflows((p) => seed002(p))['.github/workflows/build-ci-image.yml']);
  const jobs = doc.jobs;

  test('triggers: pushes to main and v2, pull requests with closed, typed dispatch inputs, a schedule; paths from the inputs', () => {
    expect(doc.on.push.branches).toEqual(['main', 'v2']);
    expect(doc.on.pull_request.types).toEqual(['opened', 'synchronize', 'reopened', 'closed']);
    expect(doc.on.push.paths).toEqual([
      '.dockerignore', '.github/workflows/build-ci-image.yml', 'Makefile', 'docker-bake.json', 'gen.Dockerfile',
      'script/install', 'script/install/**', 'script/tools.txt', 'script/tools.txt/**', 'Makefile.ci',
    ]);
    expect(doc.on.pull_request.paths).toEqual(doc.on.push.paths);
    expect(doc.on.workflow_dispatch.inputs.platform).toEqual({
      description: 'platform', required: false, type: 'choice', default: 'linux/amd64', options: ['linux/amd64', 'linux/arm64'],
    });
    expect(doc.on.workflow_dispatch.inputs['no-cache']).toMatchObject({ type: 'boolean', default: false });
    expect(doc.on.schedule).toEqual([{ cron: '0 4 * * MON' }]);
    expect(Object.keys(jobs)).toEqual(['tag', 'publish', 'changes', 'pr-images', 'pr-build', 'pr-comment', 'pr-cleanup']);
  });

  test('changes: a path diff against the merge base, values through env, one reference output per image', () => {
    const detect = step(jobs.changes, 'detect');
    expect(jobs.changes.if).toBe("github.event_name == 'pull_request' && github.event.action != 'closed'");
    expect(step(jobs.changes, 'checkout').with['fetch-depth']).toBe(0);
    expect(detect.env).toEqual({
      BASE_SHA: '${{ github.event.pull_request.base.sha }}',
      PR_NUMBER: '${{ github.event.pull_request.number }}',
      TRUSTED: '${{ github.event.pull_request.head.repo.full_name == github.repository }}',
      REGISTRY: 'ghcr.io/flyteorg/flyte',
    });
    expect(detect.run).toContain('changed="$(git diff --name-only "$BASE_SHA...HEAD")"');
    expect(detect.run).toContain("if touches '.dockerignore' '.github/workflows/build-ci-image.yml' 'docker-bake.json' 'gen.Dockerfile' 'script/install' 'script/tools.txt'; then");
    expect(detect.run).toContain("tag='v2'");
    expect(jobs.changes.outputs.CI_IMAGE_IMAGE).toBe('${{ steps.detect.outputs.CI_IMAGE_IMAGE }}');
  });

  test('pr-images: same-repository pull requests only, tagged pr-<N>, pushes the changed targets', () => {
    const pr = jobs['pr-images'];
    expect(pr.if).toBe("needs.changes.outputs.any == 'true' && github.event.pull_request.head.repo.full_name == github.repository");
    expect(pr.needs).toEqual(['tag', 'changes']);
    expect(pr.permissions).toEqual({ contents: 'read', packages: 'write' });
    expect(step(pr, 'bake').env).toMatchObject({ CI_TAG: 'pr-${{ github.event.pull_request.number }}', TARGETS: '${{ needs.changes.outputs.targets }}' });
    expect(step(pr, 'bake').run).toBe('read -ra targets <<< "$TARGETS"\ndocker buildx bake --file docker-bake.json --push "${targets[@]}"');
  });

  test('pr-build: forks build without login, secrets or push', () => {
    const fork = jobs['pr-build'];
    expect(fork.if).toBe("needs.changes.outputs.any == 'true' && github.event.pull_request.head.repo.full_name != github.repository");
    expect(fork.permissions).toEqual({ contents: 'read' });
    expect(step(fork, 'login')).toBeUndefined();
    expect(JSON.stringify(fork)).not.toContain('secrets.');
    expect(step(fork, 'bake').run).not.toContain('--push');
  });

  test('pr-comment: only pull-requests: write; the body holds only generated values', () => {
    const comment = jobs['pr-comment'];
    expect(comment.permissions).toEqual({ 'pull-requests': 'write' });
    expect(comment.if).toBe("needs.pr-images.result == 'success'");
    const s = step(comment, 'comment');
    expect(Object.values(s.env)).toEqual([
      '${{ github.token }}', '${{ github.repository }}', '${{ github.event.pull_request.number }}', '${{ needs.changes.outputs.CI_IMAGE_IMAGE }}',
    ]);
    expect(JSON.stringify(comment)).not.toMatch(/title|body\b.*github\.event|head_ref|head\.ref/);
  });

  test('pr-cleanup: on close of a same-repository pull request, deletes only versions tagged exactly pr-<N>', () => {
    const cleanup = jobs['pr-cleanup'];
    expect(cleanup.if).toBe("github.event.action == 'closed' && github.event.pull_request.head.repo.full_name == github.repository");
    expect(cleanup.permissions).toEqual({ packages: 'write' });
    const run = step(cleanup, 'delete').run;
    expect(run).toContain("owner='flyteorg'");
    expect(run).toContain("for package in 'flyte/ci-image'; do");
    expect(run).toContain('select(.metadata.container.tags == [\\"pr-$PR_NUMBER\\"])');
    expect(jobs.tag.if).toBe("github.event.action != 'closed'");
  });

  test('no job of the workflow runs on pull_request_target', () => {
    expect(Object.keys(doc.on)).not.toContain('pull_request_target');
  });
});

describe('registries', () => {
  test('GHCR under the repository owner: lowercased at run time, GITHUB_TOKEN login', () => {
    const doc = parse(workflows(ownerGhcr)['.github/workflows/ci-image.yml']);
    const pr = doc.jobs['pr-images'];
    expect(step(pr, 'registry').run).toContain('registry="ghcr.io/${GITHUB_REPOSITORY_OWNER,,}"');
    expect(step(pr, 'login').with).toEqual({ registry: 'ghcr.io', username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' });
    expect(doc.jobs['pr-comment']).toBeUndefined();
    expect(doc.jobs['pr-cleanup']).toBeUndefined();
    expect(doc.jobs.publish).toBeUndefined();
  });

  test('a repository variable: vars.<name> through env; stable tag from the policy on the default branch', () => {
    const doc = parse(workflows(variableRegistry)['.github/workflows/release.yml']);
    expect(doc.on.push).toEqual({ tags: ['v*'], paths: ['.dockerignore', '.github/workflows/release.yml', 'Makefile', 'dist', 'dist/**', 'docker-bake.json', 'docker/app/Dockerfile'] });
    expect(step(doc.jobs.publish, 'registry').env).toEqual({ REGISTRY_SOURCE: '${{ vars.REGISTRY_URL }}' });
    expect(step(doc.jobs.changes, 'detect').run).toContain("tag='main'");
    expect(doc.on.schedule).toEqual([{ cron: '30 2 * * 1-5' }]);
  });

  test('an empty variable falls back to the pipeline registry only in jobs that never push', () => {
    const doc = parse(workflows(variableRegistry)['.github/workflows/release.yml']);
    const fallback = 'registry="${REGISTRY_SOURCE:-registry.example.com/team}"';
    expect(step(doc.jobs.changes, 'registry').run).toContain(fallback);
    expect(step(doc.jobs['pr-build'], 'registry').run).toContain(fallback);
    for (const job of ['publish', 'pr-images']) {
      expect(step(doc.jobs[job], 'registry').run).toContain('registry="${REGISTRY_SOURCE%/}"');
      expect(step(doc.jobs[job], 'registry').run).not.toContain(':-');
    }
  });
});

describe('the default workflow is unchanged when none is declared', () => {
  test('one containers.yml with the default triggers', () => {
    const files = workflows((p) => new Containers(p, { registry: 'ghcr.io/acme' }).addFamily('a').addImage('b', { from: ImageSource.scratch() }));
    expect(Object.keys(files)).toEqual(['.github/workflows/containers.yml']);
    expect(parse(files['.github/workflows/containers.yml']).on).toEqual({
      push: { branches: ['main'], tags: ['v*'] }, pull_request: { branches: ['main'] }, workflow_dispatch: {},
    });
  });

  test('declaring workflows replaces it', () => {
    const files = workflows((p) => seed001(p));
    expect(Object.keys(files).sort()).toEqual(['.github/workflows/build-app.yml', '.github/workflows/build-runtime.yml']);
  });
});

describe('warnings', () => {
  test('workflow.name next to declared workflows is reported as unused', () => {
    const project = new Project({ name: 'warn' });
    const warnings: string[] = [];
    project.logger.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
    seed001(project, { workflow: { name: 'containers' } });
    Testing.synth(project);
    expect(warnings.some((w) => w.includes('workflow.name only names the default workflow'))).toBe(true);
  });

  test('pull-request images with a registry from a secret warn that references are redacted', () => {
    const project = new Project({ name: 'warn' });
    const warnings: string[] = [];
    project.logger.warn = (...args: unknown[]) => { warnings.push(args.join(' ')); };
    const c = new Containers(project, { registry: 'registry.example.com/acme' });
    c.addFamily('ci').addImage('image', { from: ImageSource.scratch() });
    c.addWorkflow('ci', { pullRequest: {}, registry: WorkflowRegistry.fromSecret('REGISTRY_URL'), pullRequestImages: { stableTag: 'v2' } });
    Testing.synth(project);
    expect(warnings.some((w) => w.includes('GitHub redacts job outputs holding a secret'))).toBe(true);
  });
});
