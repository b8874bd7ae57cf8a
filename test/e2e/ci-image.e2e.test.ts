/**
 * Seed 002 on the real engine: the committed ci-image example (tool stages built in parallel from Debian's Go and
 * Python toolchains, apt's caches mounted in the image, scripts/provision-engine.sh) gets the seed's tag table from its
 * Makefile, is pushed as `pr-<N>` under DOCKER_CI_IMAGE to the local registry with the pull request's event, is rebuilt
 * from BuildKit's cache (every tool step `CACHED`), and `make docker-pull gen DOCKER_CI_IMAGE=…:pr-<N>` runs the
 * generators of the pulled pull-request image on the checkout.
 *
 * The seed's cache hierarchy (buildcache → PR tag → stable tag) on a clean builder cache: the shared engine's builder
 * cannot be pruned as a whole (other suites build on it at the same time) and a builder of its own needs the
 * moby/buildkit image from Docker Hub, which is unreachable here. So the test builds on base images of its own (the
 * toolchain images plus a layer holding a nonce) and with the nonce in a comment of the copied inputs (`go.mod`,
 * `requirements.txt`: BuildKit matches copied content, so equal files would find another run's records), which makes
 * every step's cache key unique to this run, and after a build removes exactly the builder cache records of that build: the records created since it started whose step is
 * one of this Dockerfile's (`[ci …]`, `[go-tools …]`, `[python-tools …]`, the nonce layers) or that descend from one of
 * them (`buildx du --verbose` gives each record's parent), together with the images holding them.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkoutExample, headCommit, make, MINUTES, stepCached } from './example-make';
import { describeEngine, docker, REGISTRY_ADDRESS, registryTags, uniqueTag } from '../support/engine';

const TOOLCHAIN = `${REGISTRY_ADDRESS}/testbase/toolchain`;
/** A pull request's event as GitHub Actions gives it to the Makefile. */
const PULL_REQUEST_7 = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' };

/** The `NAME=value` lines of `make print-tags` as an object. */
function printTags(dir: string, env: Readonly<Record<string, string>> = {}): Record<string, string> {
  return Object.fromEntries(make(dir, ['print-tags'], env).trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

interface CacheRecord { readonly id: string; readonly parent: string; readonly description: string }

/** Every builder cache record (`docker buildx du --verbose`). */
function cacheRecords(): CacheRecord[] {
  return docker(['buildx', 'du', '--verbose']).split('\n\n').flatMap((block) => {
    const field = (name: string) => block.split('\n').find((l) => l.startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? '';
    return field('ID') === '' ? [] : [{ id: field('ID'), parent: field('Parent'), description: field('Description') }];
  });
}

/**
 * Removes the records of this test's build: those not in `before` whose description is a step of the example's
 * Dockerfile or holds `nonce`, and their descendants; a parent goes once its children are gone. Returns how many.
 */
function pruneBuild(before: ReadonlySet<string>, nonce: string): number {
  const fresh = cacheRecords().filter((r) => !before.has(r.id));
  const ours = new Set(fresh.filter((r) => /^\[(ci|go-tools|python-tools) /.test(r.description) || r.description.includes(nonce)).map((r) => r.id));
  for (let grown = true; grown;) {
    grown = false;
    for (const r of fresh) if (!ours.has(r.id) && ours.has(r.parent)) { ours.add(r.id); grown = true; }
  }
  for (let pass = 0; pass < 8 && ours.size > 0; pass++) {
    for (const id of ours) docker(['buildx', 'prune', '--force', '--filter', `id=${id}`]);
    const left = new Set(cacheRecords().map((r) => r.id));
    for (const id of [...ours]) if (!left.has(id)) ours.delete(id);
  }
  if (ours.size > 0) throw new Error(`builder cache records ${[...ours].join(', ')} could not be removed`);
  return fresh.length;
}

/** The ids of the `CACHED` steps of a plain-progress log. */
function cachedSteps(log: string): string[] {
  return log.split('\n').filter((l) => /^#\d+ CACHED$/.test(l)).map((l) => l.split(' ')[0]);
}

describeEngine('seed 002 (examples/ci-image) on the real engine', () => {
  let work: string;
  let sha: string;
  const namespace = uniqueTag('seeds-ci');
  const registry = `${REGISTRY_ADDRESS}/${namespace}`;
  const prImage = `${registry}/flyte/ci:pr-7`;
  const vars = [
    `REGISTRY=${registry}`, `FLYTE_BASE_IMAGE=${TOOLCHAIN}:python-slim-bookworm`, `FLYTE_GO_IMAGE=${TOOLCHAIN}:golang-bookworm`,
    `FLYTE_PYTHON_IMAGE=${TOOLCHAIN}:python-bookworm`,
  ];

  beforeAll(async () => {
    const present = await registryTags('testbase/toolchain');
    for (const tag of ['python-slim-bookworm', 'golang-bookworm', 'python-bookworm']) {
      if (!present.includes(tag)) throw new Error(`${TOOLCHAIN}:${tag} is not in the local registry: run \`npx projen engine:provision\``);
    }
    work = checkoutExample('ci-image');
    sha = headCommit(work).slice(0, 7);
  });

  afterAll(() => {
    for (const tag of ['pr-7', 'latest', `main-sha-${sha}`]) spawnSync('docker', ['image', 'rm', '--force', `${registry}/flyte/ci:${tag}`], { stdio: 'ignore' });
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the Makefile yields the seed\'s tag table', () => {
    expect(printTags(work)).toEqual({ FLYTE_TAG: 'latest', FLYTE_TAGS: `latest main-sha-${sha}` });
    expect(printTags(work, PULL_REQUEST_7)).toEqual({ FLYTE_TAG: 'pr-7', FLYTE_TAGS: 'pr-7' });
    expect(printTags(work, { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/v2' })).toEqual({ FLYTE_TAG: 'v2', FLYTE_TAGS: `v2 v2-sha-${sha}` });
  });

  test('docker-push of a pull request pushes pr-<N> under DOCKER_CI_IMAGE; the rebuild reuses the cache', async () => {
    // GIVEN the image built with `make docker-build` (the tool stages run in parallel)
    make(work, ['docker-build', ...vars]);
    // WHEN a pull request's build pushes it as pr-7 through DOCKER_CI_IMAGE
    make(work, ['docker-push', ...vars, `DOCKER_CI_IMAGE=${prImage}`], PULL_REQUEST_7);
    // THEN the registry holds pr-7 and nothing else
    expect(await registryTags(`${namespace}/flyte/ci`)).toEqual(['pr-7']);
    // WHEN the image is built again
    const again = make(work, ['docker-build', ...vars]);
    // THEN the tool stages and the apt step came from the cache
    for (const step of ['go build -o /out/gen-hello', '] RUN --mount=type=cache,id=pip,', '] RUN --mount=type=cache,id=apt-cache,']) {
      expect(stepCached(again, step), step).toBe(true);
    }
  }, MINUTES);

  test('the cache hierarchy on a clean builder cache: pr-7 reuses its own cache, pull request 8 the stable v2 image', async () => {
    const nonce = `nonce-${namespace}`;
    const base = `${registry}/base`;
    // a checkout of its own, whose copied inputs hold the nonce
    const dir = checkoutExample('ci-image');
    appendFileSync(join(dir, 'tools', 'gen-hello', 'go.mod'), `// ${nonce}\n`);
    appendFileSync(join(dir, 'tools', 'requirements.txt'), `# ${nonce}\n`);
    for (const tag of ['python-slim-bookworm', 'golang-bookworm', 'python-bookworm']) {
      const built = spawnSync('docker', ['buildx', 'build', '--quiet', '--network', 'none', '--push', '--tag', `${base}:${tag}`, '-'], {
        input: `FROM ${TOOLCHAIN}:${tag}\nRUN echo ${nonce} > /etc/${nonce}\n`, encoding: 'utf8',
      });
      if (built.status !== 0) throw new Error(`base ${tag}: ${built.stderr}`);
    }
    const own = [
      `REGISTRY=${registry}`, `FLYTE_BASE_IMAGE=${base}:python-slim-bookworm`, `FLYTE_GO_IMAGE=${base}:golang-bookworm`,
      `FLYTE_PYTHON_IMAGE=${base}:python-bookworm`,
    ];
    const removeImages = () => {
      for (const ref of [`${registry}/flyte/ci:pr-7`, `${registry}/flyte/ci:pr-8`, `${registry}/flyte/ci:v2`, `${registry}-empty/flyte/ci:pr-7`, `${base}:python-slim-bookworm`, `${base}:golang-bookworm`, `${base}:python-bookworm`]) {
        spawnSync('docker', ['image', 'rm', '--force', ref], { stdio: 'ignore' });
      }
    };
    const clean = (before: ReadonlySet<string>) => {
      removeImages();
      pruneBuild(before, nonce);
    };
    try {
      const tools = ['go build -o /out/gen-hello', '] RUN --mount=type=cache,id=pip,', '] RUN --mount=type=cache,id=apt-cache,'];
      // the steps the control build shows clean; BuildKit answers the go-tools stage even after its records are pruned
      // (its COPY --link layers are content-addressed), so it is reported, not asserted
      const cleanSteps = ['] RUN --mount=type=cache,id=pip,', '] RUN --mount=type=cache,id=apt-cache,'];
      // GIVEN pull request 7 pushes pr-7 and writes its cache (buildcache-pr-7, and the inline cache in pr-7)
      let before = new Set(cacheRecords().map((r) => r.id));
      const first = make(dir, ['docker-build', ...own, 'CACHE_TO=1'], PULL_REQUEST_7);
      for (const step of tools) expect(stepCached(first, step), step).toBe(false);
      make(dir, ['docker-push', ...own, 'CACHE_TO=1'], PULL_REQUEST_7);
      expect(await registryTags(`${namespace}/flyte/ci`)).toEqual(expect.arrayContaining(['pr-7', 'buildcache-pr-7']));
      clean(before);
      // THEN without those caches (another registry namespace, empty) every tool step runs again: the builder cache is clean
      before = new Set(cacheRecords().map((r) => r.id));
      const control = make(dir, ['docker-build', ...own, `REGISTRY=${registry}-empty`], PULL_REQUEST_7);
      for (const step of cleanSteps) expect(stepCached(control, step), step).toBe(false);
      clean(before);
      // WHEN pull request 7 builds again on the clean builder cache
      before = new Set(cacheRecords().map((r) => r.id));
      const again = make(dir, ['docker-build', ...own], PULL_REQUEST_7);
      clean(before);
      // THEN it read its own cache first and every tool step came from it
      expect(again).toContain(`importing cache manifest from ${registry}/flyte/ci:buildcache-pr-7`);
      for (const step of cleanSteps) expect(stepCached(again, step), step).toBe(true);
      expect(cachedSteps(again).length).toBeGreaterThan(cachedSteps(control).length);
      // WHEN pr-7 is published as the stable v2 (as a merge to v2 does) and pull request 8, without caches of its own, builds
      docker(['buildx', 'imagetools', 'create', '--tag', `${registry}/flyte/ci:v2`, `${registry}/flyte/ci:pr-7`]);
      before = new Set(cacheRecords().map((r) => r.id));
      const next = make(dir, ['docker-build', ...own], { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/8/merge' });
      clean(before);
      // THEN it fell back to the stable tag's inline cache: the final image's steps came from v2
      expect(next).toContain(`importing cache manifest from ${registry}/flyte/ci:v2`);
      expect(stepCached(next, '] RUN --mount=type=cache,id=apt-cache,')).toBe(true);
      console.log(`CACHED steps: first ${cachedSteps(first).length}, control ${cachedSteps(control).length}, pr-7 again ${cachedSteps(again).length}, pr-8 from v2 ${cachedSteps(next).length}`);
    } finally {
      removeImages();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 3 * MINUTES);

  test('make docker-pull gen DOCKER_CI_IMAGE=…:pr-7 runs the generators of the pull request\'s image', () => {
    // GIVEN no local copy of the pull request's image
    spawnSync('docker', ['image', 'rm', '--force', prImage], { stdio: 'ignore' });
    // WHEN a developer pulls it and regenerates with it, as the seed's README shows
    const log = make(work, ['docker-pull', 'gen', `DOCKER_CI_IMAGE=${prImage}`]);
    // THEN the image came from the registry and its Go and Python tools wrote gen/
    expect(log).toContain(prImage);
    expect(readFileSync(join(work, 'gen', 'hello.go'), 'utf8')).toContain('const Hello = "hello from the CI image"');
    expect(readFileSync(join(work, 'gen', 'tools.txt'), 'utf8')).toMatch(/^generated with Python 3\.\d+/);
  }, MINUTES);
});
