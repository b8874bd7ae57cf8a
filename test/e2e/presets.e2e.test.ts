/**
 * End to end on the real engine: the committed go-rust-services example (a GoService and a RustService in one
 * Dockerfile) is built with its generated Makefile on Debian's Go and Rust toolchains (images built from Debian
 * packages by scripts/provision-engine.sh), each service is run and answers, a one-line source change rebuilds
 * without redoing the dependency layer, and the Go service cross-compiles for arm64 and runs under QEMU. (Debian's
 * rustc has no aarch64 standard library on amd64, so the Rust service is built for amd64 only here.)
 */
import { execFileSync, spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeEngine, docker, httpAnswer, REGISTRY_ADDRESS, registryTags, uniqueTag } from '../support/engine';

const EXAMPLE = join(__dirname, '..', '..', 'examples', 'go-rust-services');
/** Debian bookworm minbase + golang-go / rustc, cargo (scripts/provision-engine.sh). */
const GO_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:golang-bookworm`;
const RUST_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:rust-bookworm`;
/** Debian python3 + python3-venv (builder) and python3 alone (runtime): the same interpreter path. */
const PYTHON_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:python-bookworm`;
const PYTHON_SLIM_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:python-slim-bookworm`;
const REGISTRY = `${REGISTRY_ADDRESS}/presets-e2e`;
const MINUTES = 10 * 60_000;

/** `make <args>` in `cwd` with BuildKit's plain progress; returns stdout and stderr interleaved. */
function make(cwd: string, args: readonly string[]): string {
  const r = spawnSync('make', ['--no-print-directory', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, BUILDKIT_PROGRESS: 'plain' }, timeout: MINUTES, maxBuffer: 64 * 1024 * 1024,
  });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`make ${args.join(' ')} failed (status ${r.status}):\n${log}`);
  return log;
}

/** Whether the BuildKit step whose command line holds `marker` was answered from the cache in `log`. */
function stepCached(log: string, marker: string): boolean {
  const step = log.split('\n').find((l) => /^#\d+ \[/.test(l) && l.includes(marker));
  if (!step) throw new Error(`no step running ${JSON.stringify(marker)} in:\n${log}`);
  const id = step.split(' ')[0];
  return log.split('\n').some((l) => l === `${id} CACHED`);
}

/** Starts `image`, asks it over HTTP, runs its HEALTHCHECK command inside it, stops it; returns the answer. */
async function answer(image: string, port: number, binary: string, platform?: string): Promise<string> {
  const name = uniqueTag(`presets-${binary}`);
  docker(['run', '-d', '--name', name, ...(platform ? ['--platform', platform] : []), '-p', `127.0.0.1::${port}`, image]);
  try {
    const published = docker(['port', name, `${port}/tcp`]).trim().split('\n')[0];
    const body = await httpAnswer(published);
    // the HEALTHCHECK command works inside the image (scratch: no shell, the binary checks itself)
    const check = JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config.Healthcheck.Test}}', image])) as string[];
    expect(check[0]).toBe('CMD');
    if (binary !== 'python') expect(check.slice(1)).toStrictEqual([`/usr/local/bin/${binary}`, '--healthcheck']);
    docker(['exec', name, ...check.slice(1)]);
    return body.trim();
  } finally {
    spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
  }
}

describeEngine('Go and Rust service presets on the real engine', () => {
  let work: string;
  const tag = uniqueTag('presets');
  const vars = (platform: string) => [
    `REGISTRY=${REGISTRY}`, `TAG=${tag}`, `SERVICES_GO_IMAGE=${GO_IMAGE}`, `SERVICES_RUST_IMAGE=${RUST_IMAGE}`,
    `SERVICES_PYTHON_IMAGE=${PYTHON_IMAGE}`, `SERVICES_PYTHON_SLIM_IMAGE=${PYTHON_SLIM_IMAGE}`, `PLATFORMS=${platform}`,
  ];

  beforeAll(async () => {
    for (const image of [GO_IMAGE, RUST_IMAGE, PYTHON_IMAGE, PYTHON_SLIM_IMAGE]) {
      const tagOf = image.slice(image.lastIndexOf(':') + 1);
      if (!(await registryTags('testbase/toolchain')).includes(tagOf)) {
        throw new Error(`${image} is not in the local registry: run \`npx projen engine:provision\` (scripts/provision-engine.sh builds it from Debian packages)`);
      }
    }
    work = mkdtempSync(join(tmpdir(), 'pc-presets-e2e-'));
    cpSync(EXAMPLE, work, { recursive: true });
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: work });
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    for (const image of ['greeter', 'echo', 'hello']) spawnSync('docker', ['image', 'rm', '-f', `${REGISTRY}/services-${image}:${tag}`], { stdio: 'ignore' });
  });

  test('the Go service builds, runs as a numeric non-root user on scratch, and answers', async () => {
    make(work, ['build-services-greeter', ...vars('linux/amd64')]);
    const image = `${REGISTRY}/services-greeter:${tag}`;
    expect(await answer(image, 8080, 'greeter')).toBe('hello from greeter');
    const config = JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config}}', image]));
    expect(config.User).toBe('10001:10001');
    expect(Object.keys(config.ExposedPorts)).toEqual(['8080/tcp']);
    expect(config.Healthcheck.Test).toEqual(['CMD', '/usr/local/bin/greeter', '--healthcheck']);
  }, MINUTES);

  test('the Rust service builds a static binary, runs on scratch and answers', async () => {
    make(work, ['build-services-echo', ...vars('linux/amd64')]);
    const image = `${REGISTRY}/services-echo:${tag}`;
    expect(await answer(image, 8081, 'echo')).toBe('hello from echo');
    expect(JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config.User}}', image]))).toBe('10001:10001');
  }, MINUTES);

  test('the Python service runs from a virtualenv built in the build stage, on the runtime without venv', async () => {
    const log = make(work, ['build-services-hello', ...vars('linux/amd64')]);
    expect(log).toContain('/opt/venv/bin/pip install');
    const image = `${REGISTRY}/services-hello:${tag}`;
    expect(await answer(image, 8000, 'python')).toBe('hello from hello');
    // the runtime has the interpreter but not the venv module's packages: the virtualenv came from the build stage
    const probe = spawnSync('docker', ['run', '--rm', '--entrypoint', '/usr/bin/python3', image, '-m', 'venv', '/tmp/v'], { encoding: 'utf8' });
    expect(probe.status).not.toBe(0);
    expect(`${probe.stdout}${probe.stderr}`.replace(/\s+/g, ' ')).toContain('ensurepip is not available');
    expect(docker(['run', '--rm', '--entrypoint', '/opt/venv/bin/python', image, '-c', 'import os, sys; print(os.getuid(), sys.prefix)']).trim()).toBe('10001 /opt/venv');
  }, MINUTES);

  // BuildKit on the shared engine now and then reports a step it reused as run again (seen about one run in five,
  // also alone; cause not found): retried, each attempt with sources changed anew
  let attempt = 0;
  let again = '';
  test('after a one-line source change the dependency layer is reused and the new code ships', { retry: 2, timeout: MINUTES }, async () => {
    const edit = (file: string, from: RegExp, to: string) => {
      const path = join(work, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(from, to));
    };
    // a text unique to this run and attempt, so the changed sources cannot hit BuildKit's cache of an earlier one
    attempt += 1;
    again = `hello again ${tag}-${attempt}`;
    edit('services/greeter/main.go', /"hello[^"]* from greeter"/, `"${again} from greeter"`);
    edit('services/echo/src/main.rs', /"hello[^"]* from echo"/, `"${again} from echo"`);
    const go = make(work, ['build-services-greeter', ...vars('linux/amd64')]);
    expect(stepCached(go, 'go mod download')).toBe(true);
    expect(stepCached(go, 'go build')).toBe(false);
    const rust = make(work, ['build-services-echo', ...vars('linux/amd64')]);
    // heredoc RUNs show as `RUN … <<"EOF" (set -eu...)`: the fetch is step 4 of the build stage, the build mounts the target cache
    expect(stepCached(rust, '[echo-build 4/6] RUN --mount=type=cache,id=cargo-registry')).toBe(true);
    expect(stepCached(rust, 'id=cargo-target-echo')).toBe(false);
    expect(await answer(`${REGISTRY}/services-greeter:${tag}`, 8080, 'greeter')).toBe(`${again} from greeter`);
    expect(await answer(`${REGISTRY}/services-echo:${tag}`, 8081, 'echo')).toBe(`${again} from echo`);
  });

  test('the Go service cross-compiles on the build machine for arm64 and runs under QEMU', async () => {
    const log = make(work, ['build-services-greeter', ...vars('linux/arm64')]);
    // the build stage runs natively on the build machine and the go command cross-compiles for the target
    const goBuild = log.split('\n').find((l) => /^#\d+ \[greeter-build \d+\/\d+\] RUN .*go build/.test(l));
    expect(goBuild).toContain('GOOS="linux" GOARCH="arm64"');
    const image = `${REGISTRY}/services-greeter:${tag}`;
    expect(docker(['image', 'inspect', '--format', '{{.Architecture}}', image]).trim()).toBe('arm64');
    expect(await answer(image, 8080, 'greeter', 'linux/arm64')).toBe(`${again} from greeter`);
  }, MINUTES);
});
