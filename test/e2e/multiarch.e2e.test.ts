/**
 * On the real engine: per-platform make targets and the BUILDER variable.
 *
 * - `make container-build-<image>-arm64` builds a parent and its child for linux/arm64 only (the child on the parent
 *   just loaded, through its named `docker-image://` context); both land in the local image store as arm64 images.
 * - BUILDER on a second engine: the test starts a dockerd of its own (own data root, exec root, pid file and unix
 *   socket under a temporary directory, no TCP, no bridge, no iptables, its own config file) in a network namespace of
 *   its own (`unshare --net`: a dockerd started with `--bridge=none` deletes the host's `docker0` interface, which the
 *   shared engine's RUN steps need; in its namespace it only sees its own loopback, so it cannot reach the registry
 *   either), loads the base image into it with `docker save | docker load`, registers it as a docker context and runs `make … BUILDER=<context>`; the
 *   images exist in the second engine's store and not in the main one. buildx 0.13 uses a docker-driver builder only
 *   when its context is the current one ("use `docker --context=<name> buildx` to switch"), and no other driver can
 *   run here (docker-container needs the moby/buildkit image, remote a buildkitd: neither is reachable offline), so the
 *   build runs with `DOCKER_CONTEXT=<context>` as well; the test first shows that BUILDER alone reaches buildx (which
 *   names the builder in its refusal). The dockerd is stopped by its pid at the end.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Project } from 'projen';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Containers, ImageSource } from '../../src';
import { describeEngine, docker, REGISTRY_ADDRESS, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';

const MINUTES = 5 * 60_000;

interface Run { readonly status: number | null; readonly log: string }

function make(dir: string, args: readonly string[], env: Record<string, string> = {}): Run {
  const r = spawnSync('make', ['--no-print-directory', ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: MINUTES,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: dir,
      GIT_CEILING_DIRECTORIES: dirname(dir),
      DOCKER_CONFIG: process.env.DOCKER_CONFIG ?? join(process.env.HOME ?? '/root', '.docker'),
      ...env,
    },
  });
  return { status: r.status, log: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function mustMake(dir: string, args: readonly string[], env: Record<string, string> = {}): string {
  const r = make(dir, args, env);
  if (r.status !== 0) throw new Error(`make ${args.join(' ')} failed (status ${r.status}):\n${r.log}`);
  return r.log;
}

/** `docker image inspect` on the engine behind `host` (the main one when undefined): `os/arch`, or undefined when absent. */
function platformOf(reference: string, host?: string): string | undefined {
  const r = spawnSync('docker', [...(host ? ['--host', host] : []), 'image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', reference], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

describeEngine('multi-arch make targets and BUILDER on the real engine', () => {
  const tag = uniqueTag('multiarch');
  const registry = `${REGISTRY_ADDRESS}/multiarch-e2e`;
  const runtime = `${registry}/base-runtime:${tag}`;
  const app = `${registry}/base-app:${tag}`;
  const busy = `${registry}/tool-busy:${tag}`;
  const context = `multiarch-e2e-${process.pid}`;
  let dir: string;
  let engineDir: string;
  let host: string;
  let dockerd: ChildProcess | undefined;
  const hasDocker0 = () => spawnSync('ip', ['link', 'show', 'docker0'], { stdio: 'ignore' }).status === 0;
  let docker0AtStart = false;

  beforeAll(async () => {
    // GIVEN family base (linux/amd64 and linux/arm64): runtime FROM scratch, app FROM runtime; family tool (native):
    // busy FROM the local busybox base; make targets prefixed container-
    dir = mkdtempSync(join(tmpdir(), 'pc-multiarch-'));
    writeFileSync(join(dir, 'runtime.txt'), 'runtime\n');
    writeFileSync(join(dir, 'app.txt'), 'app\n');
    const project = new Project({ name: 'multiarch', outdir: dir });
    const containers = new Containers(project, { registry, workflow: { enabled: false }, make: { targetPrefix: 'container-' } });
    const base = containers.addFamily('base', { platforms: ['linux/amd64', 'linux/arm64'] });
    const rt = base.addImage('runtime', { from: ImageSource.scratch() });
    rt.copy(['runtime.txt'], '/runtime.txt');
    base.addImage('app', { from: ImageSource.stage(rt) }).copy(['app.txt'], '/app.txt');
    containers.addFamily('tool').addImage('busy', { from: ImageSource.registry(TEST_BASE_IMAGE) }).copy(['app.txt'], '/busy.txt');
    project.synth();

    // the second engine: everything under its own temporary directory, unix socket only
    docker0AtStart = hasDocker0();
    engineDir = mkdtempSync(join(tmpdir(), 'pc-dockerd-'));
    const socket = join(engineDir, 'docker.sock');
    host = `unix://${socket}`;
    writeFileSync(join(engineDir, 'daemon.json'), JSON.stringify({ features: { 'containerd-snapshotter': true } }));
    const log = openSync(join(engineDir, 'dockerd.log'), 'a');
    // unshare execs sh, which execs dockerd: the child's pid is dockerd's
    dockerd = spawn('unshare', [
      '--net', 'sh', '-c', 'ip link set lo up && exec dockerd "$@"', 'sh',
      '--config-file', join(engineDir, 'daemon.json'),
      '--data-root', join(engineDir, 'data'), '--exec-root', join(engineDir, 'exec'), '--pidfile', join(engineDir, 'dockerd.pid'),
      '--host', host, '--bridge=none', '--iptables=false', '--ip6tables=false',
    ], { stdio: ['ignore', log, log] });
    for (let i = 0; i < 60 && spawnSync('docker', ['--host', host, 'info'], { stdio: 'ignore' }).status !== 0; i++) {
      if (dockerd.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (spawnSync('docker', ['--host', host, 'info'], { stdio: 'ignore' }).status !== 0) {
      throw new Error(`the second dockerd did not start:\n${readFileSync(join(engineDir, 'dockerd.log'), 'utf8').slice(-3000)}`);
    }
    // it has no images: load the local base into it
    const saved = join(engineDir, 'base.tar');
    docker(['image', 'pull', '--quiet', TEST_BASE_IMAGE]);
    docker(['image', 'save', '--output', saved, TEST_BASE_IMAGE]);
    docker(['--host', host, 'image', 'load', '--quiet', '--input', saved]);
    docker(['context', 'create', context, '--docker', `host=${host}`]);
  }, MINUTES);

  afterAll(async () => {
    for (const image of [runtime, app, busy]) spawnSync('docker', ['image', 'rm', '--force', image], { stdio: 'ignore' });
    spawnSync('docker', ['context', 'rm', '--force', context], { stdio: 'ignore' });
    if (dockerd?.pid !== undefined && dockerd.exitCode === null) {
      const exited = new Promise((resolve) => dockerd!.once('exit', resolve));
      process.kill(dockerd.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (engineDir && dockerd?.exitCode !== null) rmSync(engineDir, { recursive: true, force: true });
  }, MINUTES);

  test('container-build-base-app-arm64 builds the parent and the child for linux/arm64 only', () => {
    // WHEN the per-platform target of the child runs on the main engine
    mustMake(dir, ['container-build-base-app-arm64'], { BASE_TAG: tag });
    // THEN both images are arm64 images in the local store, and the child is its parent's layer plus its own
    expect(platformOf(runtime)).toBe('linux/arm64');
    expect(platformOf(app)).toBe('linux/arm64');
    const layers = (reference: string) => JSON.parse(docker(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', reference])) as string[];
    expect(layers(runtime)).toHaveLength(1);
    expect(layers(app)).toEqual([...layers(runtime), expect.stringMatching(/^sha256:/)]);
  }, MINUTES);

  test('BUILDER reaches buildx: a docker context that is not the current one is named in its refusal', () => {
    const r = make(dir, ['container-build-tool-busy', `BUILDER=${context}`], { TOOL_TAG: tag });
    expect(r.status).not.toBe(0);
    expect(r.log).toContain(`--context=${context}`);
    expect(platformOf(busy)).toBeUndefined();
  }, MINUTES);

  test('make container-build-amd64 and the native image with BUILDER=<context> build into the second engine only', () => {
    // WHEN the builds run with BUILDER naming the second engine's context (its current context too, see above)
    mustMake(dir, ['container-build-amd64', 'container-build-tool-busy', `BUILDER=${context}`], { BASE_TAG: tag, TOOL_TAG: tag, DOCKER_CONTEXT: context });
    // THEN the images are in the second engine's store and not in the main one
    expect(platformOf(runtime, host)).toBe('linux/amd64');
    expect(platformOf(app, host)).toBe('linux/amd64');
    expect(platformOf(busy, host)).toBe('linux/amd64');
    expect(platformOf(busy)).toBeUndefined();
    expect(platformOf(app)).toBe('linux/arm64'); // still the main engine's arm64 build of the first test
    expect(existsSync(join(engineDir, 'dockerd.pid'))).toBe(true);
    // the shared engine's bridge is untouched
    expect(hasDocker0()).toBe(docker0AtStart);
  }, MINUTES);
});
