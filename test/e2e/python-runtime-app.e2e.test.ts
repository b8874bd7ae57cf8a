/**
 * Seed 001 on the real engine: the committed python-runtime-app example is built with its generated Makefile (the
 * runtime from Debian's python3 + python3-venv, scripts/provision-engine.sh, standing in for python:3.11-slim), the
 * tags come from its tag rules, `make run-app-web` serves HTTP on the published port and is cleaned up when
 * interrupted, and after `make build-runtime-python RUNTIME_TAG=dev` a plain `docker build -f build/Dockerfile.app .`
 * builds the application on that runtime. The build-app workflow's bake (only the app selected) pulls the runtime
 * its own workflow published (`RUNTIME_PYTHON_IMAGE_PUBLISHED`) instead of building it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkoutExample, headCommit, localTags, make, makeEnv, MINUTES } from './example-make';
import { describeEngine, docker, REGISTRY_ADDRESS, registryTags, uniqueTag } from '../support/engine';

/** Debian bookworm minbase + python3 + python3-venv (scripts/provision-engine.sh). */
const PYTHON_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:python-bookworm`;
/** The runtime reference build/Dockerfile.app names by default (the example's registry, the fallback tag). */
const FALLBACK_RUNTIME = 'registry.example.com/acme/runtime:dev';

/** A TCP port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The body of GET `url`, retried until it answers or `deadline` (ms since the epoch) passes. */
async function getWhenUp(url: string, deadline: number): Promise<string> {
  for (;;) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return await response.text();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url} did not answer: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Ids of the containers (running or not) created from `image`. */
function containersOf(image: string): string[] {
  return (spawnSync('docker', ['ps', '--all', '--quiet', '--filter', `ancestor=${image}`], { encoding: 'utf8' }).stdout ?? '')
    .split('\n').filter((id) => id !== '');
}

describeEngine('seed 001 (examples/python-runtime-app) on the real engine', () => {
  let work: string;
  let sha: string;
  const registry = `${REGISTRY_ADDRESS}/${uniqueTag('seeds-pyapp')}`;
  const plain = `${registry}/plain-app:1`;
  const vars = [`REGISTRY=${registry}`, `RUNTIME_PYTHON_BASE_IMAGE=${PYTHON_IMAGE}`];

  beforeAll(async () => {
    if (!(await registryTags('testbase/toolchain')).includes('python-bookworm')) {
      throw new Error(`${PYTHON_IMAGE} is not in the local registry: run \`npx projen engine:provision\``);
    }
    work = checkoutExample('python-runtime-app');
    sha = headCommit(work).slice(0, 7);
  });

  afterAll(() => {
    for (const image of [`${registry}/app:${sha}`, `${registry}/app:latest`, plain, FALLBACK_RUNTIME, ...localTags(`${registry}/runtime`).map((t) => `${registry}/runtime:${t}`)]) {
      for (const id of containersOf(image)) spawnSync('docker', ['rm', '--force', id], { stdio: 'ignore' });
      spawnSync('docker', ['image', 'rm', '--force', image], { stdio: 'ignore' });
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('make builds the runtime and the app FROM it, tagged by the seed\'s rules', () => {
    // WHEN the app is built on a push to main (the repository's branch; the Makefile reads the event from git)
    const log = make(work, ['build-app-web', ...vars]);
    // THEN the requirements were installed by a step with pip's cache mounted, into the runtime's virtualenv
    expect(log).toMatch(/\[python \d\/\d\] RUN --mount=type=cache,id=pip,target=\/root\/\.cache\/pip,sharing=shared /);
    const pip = docker(['run', '--rm', '--entrypoint', 'pip', `${registry}/app:${sha}`, '--version']);
    expect(pip).toMatch(/^pip \S+ from \/opt\/venv\//);
    // AND the runtime is tagged v<YYYYMMDD-HHMMSS> (latest only on manual runs), the app <commit> and latest
    expect(localTags(`${registry}/runtime`)).toEqual([expect.stringMatching(/^v\d{8}-\d{6}$/)]);
    expect(localTags(`${registry}/app`).sort()).toEqual([sha, 'latest'].sort());
    // AND the app runs as the non-root user and exposes 8000
    const config = JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config}}', `${registry}/app:${sha}`]));
    expect(config.User).toBe('10001:10001');
    expect(Object.keys(config.ExposedPorts)).toEqual(['8000/tcp']);
  }, MINUTES);

  test('make run-app-web answers HTTP on the published port and removes its container when interrupted', async () => {
    // GIVEN a free host port for the app's 8000
    const port = await freePort();
    const image = `${registry}/app:${sha}`;
    // WHEN `make run-app-web` runs in its own process group (no TTY: it runs in the foreground, as in CI)
    const run = spawn('make', ['--no-print-directory', 'run-app-web', ...vars, `APP_WEB_PORTS=127.0.0.1:${port}:8000/tcp`], {
      cwd: work, env: makeEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    run.stdout.on('data', (d) => { output += String(d); });
    run.stderr.on('data', (d) => { output += String(d); });
    const exited = new Promise<number | null>((resolve) => run.on('close', (code) => resolve(code)));
    try {
      // THEN the app answers on the published port
      const body = JSON.parse(await getWhenUp(`http://127.0.0.1:${port}/`, Date.now() + 120_000));
      expect(body.message).toBe('hello from the app');
      expect(JSON.parse(await getWhenUp(`http://127.0.0.1:${port}/health`, Date.now() + 5_000))).toEqual({ status: 'ok' });
      expect(containersOf(image)).toHaveLength(1);
    } catch (error) {
      throw new Error(`${String(error)}\n${output}`);
    } finally {
      // WHEN interrupted (Ctrl-C reaches the whole process group)
      process.kill(-run.pid!, 'SIGINT');
      await exited;
    }
    // THEN its container is gone
    expect(containersOf(image)).toEqual([]);
  }, MINUTES);

  test('after make build-runtime-python RUNTIME_TAG=dev, a plain docker build of build/Dockerfile.app works', () => {
    // GIVEN the runtime built under the reference build/Dockerfile.app names by default (the example's registry)
    make(work, ['build-runtime-python', 'RUNTIME_TAG=dev', `RUNTIME_PYTHON_BASE_IMAGE=${PYTHON_IMAGE}`]);
    expect(localTags('registry.example.com/acme/runtime')).toContain('dev');
    // WHEN the app is built with docker alone, as the seed's README does
    docker(['build', '--quiet', '-f', 'build/Dockerfile.app', '-t', plain, '.'], { cwd: work });
    // THEN it holds the app on the runtime's virtualenv, as the non-root user
    const out = docker(['run', '--rm', '--entrypoint', 'python', plain, '-c', 'import os, sys, app.server; print(os.getuid(), sys.prefix)']);
    expect(out.trim()).toBe('10001 /opt/venv');
  }, MINUTES);

  test('the build-app workflow\'s bake pulls the published runtime instead of building it', async () => {
    // GIVEN a runtime published as <registry>/runtime:latest (a stand-in: the toolchain image under that name)
    const published = `${registry}/runtime:latest`;
    docker(['buildx', 'imagetools', 'create', '--tag', published, PYTHON_IMAGE]);
    // AND the workflow hands bake that reference for the parent it does not select
    const workflow = readFileSync(join(work, '.github', 'workflows', 'build-app.yml'), 'utf8');
    expect(workflow).toContain('RUNTIME_PYTHON_IMAGE_PUBLISHED: ${{ steps.registry.outputs.registry }}/runtime:latest');
    expect(workflow).toContain('run: docker buildx bake --file docker-bake.json --push --metadata-file "$RUNNER_TEMP/bake-metadata.json" app-web');
    // WHEN bake builds only the app with the environment the workflow sets (loading instead of pushing)
    const env = { REGISTRY: registry, APP_TAG: 'wf', APP_TAGS: 'wf', RUNTIME_PYTHON_IMAGE_PUBLISHED: published };
    const printed = JSON.parse(docker(['buildx', 'bake', '--progress', 'quiet', '--file', 'docker-bake.json', '--print', 'app-web'], { cwd: work, env }));
    const r = spawnSync('docker', ['buildx', 'bake', '--progress', 'plain', '--file', 'docker-bake.json', '--load', 'app-web'], {
      cwd: work, env: makeEnv(env), encoding: 'utf8', timeout: MINUTES,
    });
    const log = `${r.stdout}${r.stderr}`;
    expect(r.status, log).toBe(0);
    // THEN the plan has no runtime target, the log no runtime step, and the app's base layers are the published runtime's
    expect(Object.keys(printed.target)).toEqual(['app-web']);
    expect(printed.target['app-web'].contexts).toEqual({ 'runtime-python': `docker-image://${published}` });
    expect(log).not.toMatch(/\[runtime-python /);
    expect(log).toContain(published);
    docker(['pull', '--quiet', published]);
    const layers = (ref: string) => JSON.parse(docker(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', ref])) as string[];
    const runtimeLayers = layers(published);
    expect(layers(`${registry}/app:wf`).slice(0, runtimeLayers.length)).toEqual(runtimeLayers);
    // AND without the variable (make bake, a workflow selecting both) bake builds the runtime target first
    const local = JSON.parse(docker(['buildx', 'bake', '--progress', 'quiet', '--file', 'docker-bake.json', '--print', 'app-web'], { cwd: work, env: { REGISTRY: registry } }));
    expect(Object.keys(local.target).sort()).toEqual(['app-web', 'runtime-python']);
    for (const image of [published, `${registry}/app:wf`]) spawnSync('docker', ['image', 'rm', '--force', image], { stdio: 'ignore' });
  }, MINUTES);
});
