/**
 * Seed 002 on the real engine: the committed ci-image example (tool stages built in parallel from Debian's Go and
 * Python toolchains, apt's caches mounted in the image, scripts/provision-engine.sh) gets the seed's tag table from its
 * Makefile, is pushed as `pr-<N>` under DOCKER_CI_IMAGE to the local registry with the pull request's event, is rebuilt
 * from BuildKit's cache (every tool step `CACHED`), and `make docker-pull gen DOCKER_CI_IMAGE=…:pr-<N>` runs the
 * generators of the pulled pull-request image on the checkout.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkoutExample, headCommit, make, MINUTES, stepCached } from './example-make';
import { describeEngine, REGISTRY_ADDRESS, registryTags, uniqueTag } from '../support/engine';

const TOOLCHAIN = `${REGISTRY_ADDRESS}/testbase/toolchain`;
/** A pull request's event as GitHub Actions gives it to the Makefile. */
const PULL_REQUEST_7 = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' };

/** The `NAME=value` lines of `make print-tags` as an object. */
function printTags(dir: string, env: Readonly<Record<string, string>> = {}): Record<string, string> {
  return Object.fromEntries(make(dir, ['print-tags'], env).trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
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
