/**
 * End to end on the real engine: the committed, synthesized flow-pipe files (Dockerfile, Makefile, bake file) build
 * the runtime → base → dev family, push it to the local registry under one tag, and the external stage repository
 * builds a plugin FROM dev and ships it on runtime. Base images come from Debian packages (no Docker Hub).
 */
import { execFileSync, spawnSync } from 'child_process';
import { closeSync, cpSync, mkdtempSync, openSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeEngine, docker, REGISTRY_ADDRESS, registryTags } from '../support/engine';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
/** A minimal Debian root (debootstrap minbase, no compiler, no headers), pushed by the provisioning script. */
const OS_IMAGE = `${REGISTRY_ADDRESS}/testbase/debian:bookworm-minbase`;
const IMAGES = ['flow-pipe-runtime', 'flow-pipe-base', 'flow-pipe-dev'];
const BUILD_MINUTES = 15 * 60_000;

function run(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): string {
  try {
    return execFileSync(cmd, args, {
      cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: BUILD_MINUTES,
    });
  } catch (e: any) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** Runs a command with stdout and stderr interleaved in one log (BuildKit reports progress on stderr). */
function runLogged(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): string {
  const logFile = join(mkdtempSync(join(tmpdir(), 'pc-e2e-log-')), 'log');
  const fd = openSync(logFile, 'w');
  try {
    const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', fd, fd], env: { ...process.env, ...env }, timeout: BUILD_MINUTES });
    const log = readFileSync(logFile, 'utf8');
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (status ${r.status}):\n${log}`);
    return log;
  } finally {
    closeSync(fd);
  }
}

/** Runs a command inside an image (entrypoint replaced by sh) and returns its output. */
function inImage(image: string, script: string): string {
  return docker(['run', '--rm', '--entrypoint', 'sh', image, '-c', script]).trim();
}

function labels(image: string): Record<string, string> {
  return JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', image]));
}

describeEngine('flow-pipe family and stage repository on the real engine', () => {
  let work: string;
  let family: string;
  let stage: string;
  // a fresh release version per run, so registry assertions cannot pass on leftovers
  const version = `0.1.${Date.now() % 1_000_000_000}`;
  const tag = `${version}-ubuntu24.04`;
  const makeRegistry = `${REGISTRY_ADDRESS}/e2e-make`;
  const bakeRegistry = `${REGISTRY_ADDRESS}/e2e-bake`;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pc-e2e-'));
    family = join(work, 'flow-pipe');
    stage = join(work, 'flow-pipe-stage');
    cpSync(join(EXAMPLES, 'flow-pipe'), family, { recursive: true });
    cpSync(join(EXAMPLES, 'flow-pipe-stage'), stage, { recursive: true });
    // the family repository is released as v<version>: the Makefile derives the tag from git
    const git = ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid'];
    run('git', ['init', '-q', '-b', 'main'], family);
    run('git', ['add', '-A'], family);
    run('git', [...git, 'commit', '-q', '-m', 'release'], family);
    run('git', [...git, 'tag', '-a', `v${version}`, '-m', `v${version}`], family);
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the Makefile computes one tag for the whole family from the release tag', () => {
    // no GitHub variables: the same code CI runs, fed by git
    const env = { GITHUB_REF_TYPE: '', GITHUB_REF_NAME: '', GITHUB_HEAD_REF: '', GITHUB_REF: '' };
    expect(run('make', ['--no-print-directory', 'print-tag-flow-pipe'], family, env).trim()).toBe(tag);
    expect(run('make', ['--no-print-directory', 'print-tags'], family, env).trim()).toBe(`FLOW_PIPE_TAG=${tag}`);
    // the label facts CI reads from the same Makefile
    const revision = run('git', ['rev-parse', 'HEAD'], family).trim();
    const created = run('git', ['log', '-1', '--format=%cI'], family).trim();
    expect(run('make', ['--no-print-directory', 'print-build-facts'], family, env).trim().split('\n')).toEqual([
      `GIT_REVISION=${revision}`,
      `GIT_CREATED=${created}`,
    ]);
  });

  test('make -j2 push builds runtime → base → dev in order and pushes all three with the same tag', async () => {
    const env = { GITHUB_REF_TYPE: '', GITHUB_REF_NAME: '', GITHUB_HEAD_REF: '', GITHUB_REF: '' };
    const log = runLogged('make', ['-j2', 'push', `REGISTRY=${makeRegistry}`, `FLOW_PIPE_OS_IMAGE=${OS_IMAGE}`], family, env);
    // the DAG: a child's build starts only after its parent's image was written
    const parentDone = (img: string) => log.indexOf(`naming to ${makeRegistry}/${img}:${tag}`);
    const childStart = (target: string) => log.indexOf(`--target '${target}'`);
    expect(parentDone('flow-pipe-runtime')).toBeGreaterThan(0);
    expect(childStart('base')).toBeGreaterThan(parentDone('flow-pipe-runtime'));
    expect(childStart('dev')).toBeGreaterThan(parentDone('flow-pipe-base'));
    for (const img of IMAGES) {
      expect(await registryTags(`e2e-make/${img}`)).toContain(tag);
      expect(labels(`${makeRegistry}/${img}:${tag}`)['org.opencontainers.image.version']).toBe(tag);
    }
  }, BUILD_MINUTES);

  test('docker buildx bake builds the family in one run (target: contexts) and pushes it', async () => {
    run('docker', ['buildx', 'bake', '--file', 'docker-bake.json', '--push', 'flow-pipe'], family, {
      REGISTRY: bakeRegistry, FLOW_PIPE_TAG: tag, FLOW_PIPE_OS_IMAGE: OS_IMAGE,
    });
    for (const img of IMAGES) {
      expect(await registryTags(`e2e-bake/${img}`)).toContain(tag);
    }
  }, BUILD_MINUTES);

  test('runtime has the flow runtime but no compiler and no headers, and runs as a numeric non-root user', () => {
    const runtime = `${makeRegistry}/flow-pipe-runtime:${tag}`;
    expect(inImage(runtime, 'test -x /usr/local/bin/flow_runtime && echo yes')).toBe('yes');
    expect(inImage(runtime, 'for c in gcc cc cpp c++ cmake; do command -v $c; done; echo end')).toBe('end');
    expect(inImage(runtime, 'find /usr/include /opt/flow-pipe/include -type f 2>/dev/null | wc -l')).toBe('0');
    expect(inImage(runtime, 'id -u; id -g')).toBe('10001\n10001');
    expect(docker(['run', '--rm', runtime]).trim()).toBe('flow_runtime: 0 stage(s) ran');
  });

  test('dev has the headers, the CMake package configuration and a working toolchain', () => {
    const dev = `${makeRegistry}/flow-pipe-dev:${tag}`;
    expect(inImage(dev, 'test -f /opt/flow-pipe/include/flow_pipe/stage.h && echo yes')).toBe('yes');
    expect(inImage(dev, 'test -f /opt/flow-pipe/lib/cmake/flow-pipe/flow-pipeConfig.cmake && echo yes')).toBe('yes');
    expect(inImage(dev, 'for c in gcc cmake ninja; do command -v $c; done | wc -l')).toBe('3');
    // base sits between: runtime plus shared libraries, still no compiler
    const base = `${makeRegistry}/flow-pipe-base:${tag}`;
    expect(inImage(base, 'ls /usr/lib/*/libyaml-0.so.2 | wc -l')).toBe('1');
    expect(inImage(base, 'command -v gcc || echo none')).toBe('none');
  });

  test('the stage repository compiles its plugin FROM dev and ships the .so on runtime with the same tag', () => {
    const plugin = `${makeRegistry}/stages-uppercase:${tag}`;
    run('make', ['build', `REGISTRY=${makeRegistry}`, `TAG=${tag}`, `FLOW_PIPE_REGISTRY=${makeRegistry}`, `FLOW_PIPE_TAG=${tag}`], stage);
    expect(inImage(plugin, 'ls /opt/flow-pipe/plugins')).toBe('libuppercase_stage.so');
    expect(inImage(plugin, 'command -v gcc || echo none')).toBe('none');
    // on top of runtime: the runtime's layers are the plugin image's first layers
    const layers = (img: string) => JSON.parse(docker(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', img])) as string[];
    const runtimeLayers = layers(`${makeRegistry}/flow-pipe-runtime:${tag}`);
    expect(layers(plugin).slice(0, runtimeLayers.length)).toEqual(runtimeLayers);
    expect(docker(['run', '--rm', plugin, '/opt/flow-pipe/plugins', 'hello']).trim().split('\n')).toEqual([
      'flow_runtime: loaded libuppercase_stage.so',
      'uppercase_stage: HELLO',
      'flow_runtime: 1 stage(s) ran',
    ]);
  }, BUILD_MINUTES);
});
