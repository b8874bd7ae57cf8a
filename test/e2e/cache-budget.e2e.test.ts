/**
 * End to end on the real engine: the registry cache policy and the size budget of a generated pipeline.
 *
 * Cache round trip on a clean builder cache: the shared engine's builder cannot be pruned as a whole (other suites
 * build on it at the same time) and a builder of its own needs the moby/buildkit image from Docker Hub, which is
 * unreachable here. So the test makes its RUN step unique (a nonce), and after each build removes exactly the builder
 * cache records of that step (`docker buildx prune --filter id=…`, the ids found by the nonce in `buildx du --verbose`)
 * together with the image: the step then has no local cache, as on a fresh CI runner. A control build reading an
 * empty cache reruns the step; the build reading the exported registry cache answers it from there (`importing cache
 * manifest`, `CACHED`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'projen';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CachePolicy, Containers, ImageSource } from '../../src';
import { describeEngine, docker, REGISTRY_ADDRESS, registryTags, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';

const MINUTES = 5 * 60_000;

interface Run { readonly status: number | null; readonly log: string }

/** `make <args>` in `cwd` with plain BuildKit progress; stdout and stderr together. */
function make(cwd: string, args: readonly string[], env: Record<string, string> = {}): Run {
  const r = spawnSync('make', ['--no-print-directory', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, BUILDKIT_PROGRESS: 'plain', ...env }, timeout: MINUTES, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, log: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function mustMake(cwd: string, args: readonly string[], env: Record<string, string> = {}): string {
  const r = make(cwd, args, env);
  if (r.status !== 0) throw new Error(`make ${args.join(' ')} failed (status ${r.status}):\n${r.log}`);
  return r.log;
}

/** Whether the BuildKit step whose line holds `marker` was answered from the cache in `log`. */
function stepCached(log: string, marker: string): boolean {
  const step = log.split('\n').find((l) => /^#\d+ \[/.test(l) && l.includes(marker));
  if (!step) throw new Error(`no step running ${JSON.stringify(marker)} in:\n${log}`);
  return log.split('\n').includes(`${step.split(' ')[0]} CACHED`);
}

/** Removes the builder cache records whose description holds `nonce` (only this test's step); returns how many. */
function pruneRecords(nonce: string): number {
  const ids: string[] = [];
  let id = '';
  for (const line of docker(['buildx', 'du', '--verbose']).split('\n')) {
    if (line.startsWith('ID:')) id = line.slice(3).trim();
    if (line.startsWith('Description:') && line.includes(nonce) && id !== '') ids.push(id);
  }
  for (const record of ids) docker(['buildx', 'prune', '--force', '--filter', `id=${record}`]);
  return ids.length;
}

/** Synthesizes the pipeline in `dir`: one image whose RUN holds `nonce`, a registry cache, a budget of `maxSizeMb`. */
function synth(dir: string, registry: string, nonce: string, maxSizeMb: number): void {
  const project = new Project({ name: 'cache-e2e', outdir: dir });
  const containers = new Containers(project, { registry, workflow: { enabled: false }, cache: CachePolicy.registry() });
  const runtime = containers.addFamily('app').addImage('runtime', { from: ImageSource.registry(TEST_BASE_IMAGE), maxSizeMb });
  runtime.run([`echo ${nonce} > /nonce && sleep 1`]);
  project.synth();
}

/** An argument printer standing in for `docker`: one JSON array of its arguments. */
const PRINT_ARGS = '#!/bin/sh\nnode -e \'console.log(JSON.stringify(process.argv.slice(1)))\' -- "$@"\n';

describeEngine('registry cache round trip and size budgets on the real engine', () => {
  let dir: string;
  const namespace = uniqueTag('cache-e2e');
  const registry = `${REGISTRY_ADDRESS}/${namespace}`;
  const empty = `${REGISTRY_ADDRESS}/${namespace}-empty`;
  const nonce = `nonce-${namespace}`;
  const image = `${registry}/app-runtime:dev`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-cache-'));
    synth(dir, registry, nonce, 50);
  });

  afterAll(() => {
    for (const ref of [image, `${empty}/app-runtime:dev`]) {
      try { docker(['image', 'rm', '--force', ref]); } catch { /* not built */ }
    }
    pruneRecords(nonce);
    rmSync(dir, { recursive: true, force: true });
  });

  test('bake --print shows the cache chain the Makefile passes, with and without CACHE_TO, on a branch, the default branch and a pull request', () => {
    writeFileSync(join(dir, 'print-args'), PRINT_ARGS, { mode: 0o755 });
    const ref = `type=registry,ref=${registry}/app-runtime:buildcache`;
    const write = (suffix: string) => `${ref}${suffix},mode=max,oci-mediatypes=true,image-manifest=true`;
    // the GitHub variables CI sets; the Makefile computes the facts from them, CI hands them to bake (print-build-facts)
    const states: Array<{ name: string; github: Record<string, string>; from: string[]; suffix: string }> = [
      { name: 'default branch', github: { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main', GITHUB_REF: 'refs/heads/main' }, from: [ref], suffix: '' },
      {
        name: 'another branch',
        github: { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'Feature/X', GITHUB_REF: 'refs/heads/Feature/X' },
        from: [`${ref}-branch-feature-x`, ref],
        suffix: '-branch-feature-x',
      },
      {
        name: 'pull request',
        github: { GITHUB_REF: 'refs/pull/7/merge', GITHUB_HEAD_REF: 'feature/x', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: '7/merge' },
        from: [`${ref}-pr-7`, `${ref}-branch-feature-x`, ref],
        suffix: '-pr-7',
      },
    ];
    for (const state of states) {
      const facts = Object.fromEntries(mustMake(dir, ['print-build-facts'], state.github).trim().split('\n').map((l) => l.split('=', 2) as [string, string]));
      for (const cacheTo of ['', '1']) {
        const env = { CACHE_TO: cacheTo, REGISTRY: registry, TAG: 'dev' };
        const line = mustMake(dir, ['build-app-runtime', `DOCKER=${join(dir, 'print-args')}`], { ...state.github, ...env }).split('\n').find((l) => l.startsWith('["buildx"'));
        const args = JSON.parse(line!) as string[];
        const values = (flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));
        const printed = JSON.parse(docker(['buildx', 'bake', '--file', 'docker-bake.json', '--print', 'app-runtime'], { cwd: dir, env: { ...facts, ...env } })).target['app-runtime'];
        expect(values('--cache-from'), state.name).toStrictEqual(state.from);
        expect(printed['cache-from'], state.name).toStrictEqual(values('--cache-from'));
        expect(printed['cache-to'] ?? [], state.name).toStrictEqual(values('--cache-to'));
        expect(values('--cache-to'), state.name).toStrictEqual(cacheTo === '' ? [] : [write(state.suffix)]);
      }
    }
  });

  test('gha: bake --print shows the same per-image, per-platform scope as the Makefile', () => {
    const ghaDir = mkdtempSync(join(tmpdir(), 'pc-cache-gha-'));
    try {
      const project = new Project({ name: 'cache-gha-e2e', outdir: ghaDir });
      const containers = new Containers(project, { registry, workflow: { enabled: false }, cache: CachePolicy.gha({ scope: 'ci' }) });
      containers.addFamily('app').addImage('runtime', { from: ImageSource.registry(TEST_BASE_IMAGE), platforms: ['linux/amd64'] });
      project.synth();
      writeFileSync(join(ghaDir, 'print-args'), PRINT_ARGS, { mode: 0o755 });
      for (const [platforms, scope] of [['', 'ci-app-runtime-linux-amd64'], ['linux/arm64,linux/arm/v7', 'ci-app-runtime-linux-arm64-linux-arm-v7']]) {
        const env = { CACHE_TO: '1', REGISTRY: registry, TAG: 'dev', PLATFORMS: platforms };
        const line = mustMake(ghaDir, ['build-app-runtime', `DOCKER=${join(ghaDir, 'print-args')}`], env).split('\n').find((l) => l.startsWith('["buildx"'));
        const args = JSON.parse(line!) as string[];
        const values = (flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));
        const printed = JSON.parse(docker(['buildx', 'bake', '--file', 'docker-bake.json', '--print', 'app-runtime'], { cwd: ghaDir, env })).target['app-runtime'];
        expect(values('--cache-from')).toStrictEqual([`type=gha,scope=${scope}`]);
        expect(values('--cache-to')).toStrictEqual([`type=gha,scope=${scope},mode=max`]);
        expect(printed['cache-from']).toStrictEqual(values('--cache-from'));
        expect(printed['cache-to']).toStrictEqual(values('--cache-to'));
      }
    } finally {
      rmSync(ghaDir, { recursive: true, force: true });
    }
  });

  test('a build exports the cache to the registry only with CACHE_TO; a later build on a clean step cache imports it', async () => {
    // GIVEN a build without CACHE_TO writes no cache image
    mustMake(dir, ['build-app-runtime']);
    expect(await registryTags(`${namespace}/app-runtime`)).toStrictEqual([]);
    docker(['image', 'rm', '--force', image]);
    expect(pruneRecords(nonce)).toBeGreaterThan(0);
    // WHEN a build with CACHE_TO=1 runs the step and exports the cache
    const exported = mustMake(dir, ['build-app-runtime', 'CACHE_TO=1']);
    expect(stepCached(exported, nonce)).toBe(false);
    expect(exported).toMatch(/writing cache (image )?manifest/);
    expect(await registryTags(`${namespace}/app-runtime`)).toContain('buildcache');
    docker(['image', 'rm', '--force', image]);
    expect(pruneRecords(nonce)).toBeGreaterThan(0);
    // THEN without that cache (another registry, empty) the step runs again: the local cache of the step is gone
    const control = mustMake(dir, ['build-app-runtime', `REGISTRY=${empty}`]);
    expect(stepCached(control, nonce)).toBe(false);
    pruneRecords(nonce);
    // AND reading the exported registry cache answers the step from it
    const imported = mustMake(dir, ['build-app-runtime']);
    expect(imported).toContain(`importing cache manifest from ${registry}/app-runtime:buildcache`);
    expect(stepCached(imported, nonce)).toBe(true);
    expect(docker(['run', '--rm', '--entrypoint', 'cat', image, '/nonce']).trim()).toBe(nonce);
  }, 4 * MINUTES);

  test('check-size passes within the budget and fails, naming image, size and budget, when it is lowered', () => {
    mustMake(dir, ['build-app-runtime']);
    const size = docker(['image', 'inspect', '--format', '{{.Size}}', image]).trim();
    const pass = make(dir, ['check-size']);
    expect(pass.status, pass.log).toBe(0);
    expect(pass.log).toContain(`image app-runtime is ${size} bytes, within its size budget of 50000000 bytes`);
    // WHEN the budget is lowered to 0.001 MB (1000 bytes)
    synth(dir, registry, nonce, 0.001);
    const fail = make(dir, ['check-size-app-runtime']);
    expect(fail.status).not.toBe(0);
    expect(fail.log).toContain(`image app-runtime (${image}) is ${size} bytes, over its size budget of 1000 bytes`);
    synth(dir, registry, nonce, 50);
  }, 2 * MINUTES);
});
