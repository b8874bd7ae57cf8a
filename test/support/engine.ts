/**
 * Shared support for tests that run a REAL build engine (Docker Engine + buildx) and the local OCI registry.
 *
 * Provisioned by `npx projen engine:provision` (scripts/provision-engine.sh):
 * dockerd with BuildKit and buildx, a registry on {@link REGISTRY_ADDRESS}, and {@link TEST_BASE_IMAGE} in it
 * (there is no Docker Hub, so test Dockerfiles must build FROM that image and omit `# syntax=`).
 *
 * Usage:
 * ```ts
 * import { describeEngine, docker, registryTags, TEST_BASE_IMAGE } from '../support/engine';
 *
 * describeEngine('bake file on the engine', () => {
 *   test('builds', () => { docker(['buildx', 'bake', '--print'], { cwd: dir }); });
 * });
 * ```
 *
 * Policy: when the engine is unavailable the suite is SKIPPED, and its name says why; when the environment variable
 * {@link REQUIRE_ENGINE_ENV} is `1` (CI jobs that provisioned the engine), an unavailable engine FAILS instead, so an
 * engine that silently went missing cannot turn the end-to-end tests green.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { ENGINE_LOCK } from './process-lock';

/** The local registry (plain HTTP; dockerd treats 127.0.0.0/8 as insecure by default, so pushes work). */
export const REGISTRY_ADDRESS = '127.0.0.1:5000';

/** A busybox image pushed by the provisioning script; the only base image tests may use. */
export const TEST_BASE_IMAGE = `${REGISTRY_ADDRESS}/testbase/busybox:1`;

/** Set to `1` to make a missing engine fail the engine suites instead of skipping them. */
export const REQUIRE_ENGINE_ENV = 'PROJEN_CONTAINERS_REQUIRE_ENGINE';

/** Whether the engine and registry can be used, and if not, the first check that failed. */
export interface EngineStatus {
  readonly available: boolean;
  /** Why the engine is unavailable (absent when available). */
  readonly reason?: string;
}

/** Time allowed for each probe; the probes run synchronously while vitest collects the tests. */
const PROBE_TIMEOUT_MS = 15_000;

let cached: EngineStatus | undefined;

/** Whether {@link REQUIRE_ENGINE_ENV} asks for a missing engine to fail the tests. */
export function engineRequired(): boolean {
  return process.env[REQUIRE_ENGINE_ENV] === '1';
}

/**
 * Probes, in order: `docker info` (daemon reachable), `docker buildx version` (plugin present), the registry's
 * `GET /v2/` and the manifest of {@link TEST_BASE_IMAGE}. Computed once per test file (vitest isolates modules per
 * file) and cached.
 */
export function engineStatus(): EngineStatus {
  cached ??= probe();
  return cached;
}

/** How long a suite waits for the engine lock (other suites' runs) before failing. */
const ENGINE_WAIT_MS = 1_800_000;

/**
 * `describe` for suites that need the engine: runs them when it is available, one suite at a time across processes
 * (see `process-lock.ts`); otherwise skips them with the reason in
 * the suite name, or, with {@link REQUIRE_ENGINE_ENV}=1, replaces them with one failing test that gives the reason.
 */
export function describeEngine(name: string, fn: () => void): void {
  const status = engineStatus();
  if (status.available) {
    describe(name, () => {
      // registered before the suite's own hooks, so they run inside the lock
      beforeAll(() => ENGINE_LOCK.acquire(ENGINE_WAIT_MS), ENGINE_WAIT_MS + 10_000);
      afterAll(() => ENGINE_LOCK.release());
      fn();
    });
  } else if (engineRequired()) {
    describe(name, () => {
      test('needs the build engine', () => {
        throw new Error(`${REQUIRE_ENGINE_ENV}=1 but the build engine is unavailable: ${status.reason}`);
      });
    });
  } else {
    // The default reporter shows no suite names for skipped files, so say it once on stderr as well.
    console.warn(`[engine] skipping "${name}": ${status.reason} (set ${REQUIRE_ENGINE_ENV}=1 to fail instead)`);
    describe.skip(`${name} [skipped: ${status.reason}]`, fn);
  }
}

/** Options of {@link docker}. */
export interface DockerOptions {
  /** Working directory (e.g. the temp dir holding the bake file). */
  readonly cwd?: string;
  /** Extra environment variables, merged over `process.env` (bake variables are overridden this way). */
  readonly env?: Readonly<Record<string, string>>;
  /** @default 300_000 */
  readonly timeoutMs?: number;
}

/**
 * Runs the docker CLI synchronously and returns its stdout. Throws with the command, exit status and stderr on failure,
 * so a failed build shows BuildKit's log in the test report.
 */
export function docker(args: readonly string[], options: DockerOptions = {}): string {
  try {
    return execFileSync('docker', args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 300_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failure = error as { status?: number | null; stderr?: string; message: string };
    throw new Error(`docker ${args.join(' ')} failed (exit ${failure.status ?? '?'}):\n${failure.stderr ?? failure.message}`);
  }
}

/** Tags of `repository` (path below the registry, e.g. `pc-test/app`) in the local registry; empty when unknown. */
export async function registryTags(repository: string): Promise<string[]> {
  const response = await fetch(`http://${REGISTRY_ADDRESS}/v2/${repository}/tags/list`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  if (response.status === 404) {
    return [];
  }
  if (!response.ok) {
    throw new Error(`GET /v2/${repository}/tags/list answered ${response.status}`);
  }
  const body = await response.json() as { tags?: string[] | null };
  return body.tags ?? [];
}

/**
 * A tag unique to this run (`<prefix>-<time>-<pid>`), so registry assertions cannot pass on leftovers of earlier runs.
 */
export function uniqueTag(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${process.pid}`;
}

function probe(): EngineStatus {
  const checks: readonly (readonly [string, () => void])[] = [
    ['`docker info` failed (is dockerd running? `npm run engine:provision`)', () => run('docker', ['info', '--format', '{{.ServerVersion}}'])],
    ['`docker buildx version` failed (buildx plugin missing)', () => run('docker', ['buildx', 'version'])],
    [`the registry at ${REGISTRY_ADDRESS} does not answer GET /v2/`, () => httpOk(`http://${REGISTRY_ADDRESS}/v2/`)],
    [`the base image ${TEST_BASE_IMAGE} is not in the registry`, () => httpOk(manifestUrl(TEST_BASE_IMAGE), MANIFEST_TYPES)],
  ];
  for (const [reason, check] of checks) {
    try {
      check();
    } catch (error) {
      return { available: false, reason: `${reason}: ${firstLine(error)}` };
    }
  }
  return { available: true };
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

function manifestUrl(image: string): string {
  const withoutRegistry = image.slice(REGISTRY_ADDRESS.length + 1);
  const colon = withoutRegistry.lastIndexOf(':');
  return `http://${REGISTRY_ADDRESS}/v2/${withoutRegistry.slice(0, colon)}/manifests/${withoutRegistry.slice(colon + 1)}`;
}

function run(command: string, args: readonly string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: PROBE_TIMEOUT_MS });
}

/** A synchronous HTTP HEAD-like probe: a child node process fetches `url` and exits 0 on a 2xx answer. */
function httpOk(url: string, accept?: string): void {
  const script = `
    const headers = ${JSON.stringify(accept === undefined ? {} : { Accept: accept })};
    fetch(${JSON.stringify(url)}, { method: 'HEAD', headers, signal: AbortSignal.timeout(${PROBE_TIMEOUT_MS - 1_000}) })
      .then((r) => { if (!r.ok) { console.error('HTTP ' + r.status); process.exit(2); } })
      .catch((e) => { console.error(String(e.cause ?? e)); process.exit(1); });`;
  execFileSync(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'], timeout: PROBE_TIMEOUT_MS });
}

function firstLine(error: unknown): string {
  const failure = error as { stderr?: Buffer | string; message?: string };
  const text = failure.stderr?.toString().trim() || failure.message || String(error);
  return text.split('\n')[0];
}

/**
 * The body of `GET http://<address>/` once the server there answers (a container just started takes a moment to
 * listen); empty when it never does within about 20 s, so the caller's assertion on the body fails with a readable diff.
 */
export async function httpAnswer(address: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      return await (await fetch(`http://${address}/`, { signal: AbortSignal.timeout(2_000) })).text();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return '';
}
