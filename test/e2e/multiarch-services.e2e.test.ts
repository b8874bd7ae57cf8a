/**
 * End to end on the real engine: the seed-003 example (examples/multiarch-services) built with its generated Makefile
 * on Debian's Go and Rust toolchains (images built from Debian packages by scripts/provision-engine.sh; the Rust one
 * with the arm64 standard library and an aarch64 cross linker, so both compilers run on the build machine):
 *
 * - one Go service (control-plane) and one Rust service (agent) built for linux/amd64 and linux/arm64 and pushed to
 *   the local registry: one index digest holding the two platform manifests;
 * - the arm64 images run under QEMU and answer on `/healthz` and through their HEALTHCHECK command;
 * - the size budget check passes, and fails naming the image, its size and its budget once the budget in
 *   `.projenrc.ts` is lowered and the project synthesized again;
 * - a registry cache export and import round trip on a clean builder cache (the approach of cache-budget.e2e.test.ts:
 *   the shared engine's builder cannot be pruned as a whole and a builder of its own needs the moby/buildkit image from
 *   Docker Hub, so the test removes exactly its own builder cache records, found by a nonce).
 *
 * The nonce: the copy of the example is synthesized with the service binaries named `<service>-<nonce>` (the crates'
 * `[[bin]]` names too), so every
 * compile step and binary copy of this run has a command line, and so builder cache records, of its own: no step
 * comes from an earlier run's cache, and pruning by the nonce never touches anybody else's records. Everything else
 * is the committed example. The file runs in the `alone` vitest project (it prunes builder cache records).
 *
 * Platforms are chosen with `PLATFORMS=…` (the per-platform `container-build-<arch>` targets can replace it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { make, makeEnv, stepCached } from './example-make';
import { describeEngine, docker, REGISTRY_ADDRESS, registryTags, uniqueTag } from '../support/engine';

const ROOT = join(__dirname, '..', '..');
/** Debian bookworm minbase + golang-go (scripts/provision-engine.sh). */
const GO_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:golang-bookworm`;
/** Debian bookworm minbase + rustc, cargo, libstd-rust-dev:arm64 and the aarch64 cross linker. */
const RUST_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:rust-cross-bookworm`;
const MINUTES = 5 * 60_000;

interface Service { readonly name: string; readonly port: number; readonly arch: Record<string, string> }
/** The Go and the Rust service under test, and how each names its architecture (Go's GOARCH, Rust's ARCH). */
const CONTROL_PLANE: Service = { name: 'control-plane', port: 8080, arch: { amd64: 'amd64', arm64: 'arm64' } };
const AGENT: Service = { name: 'agent', port: 8083, arch: { amd64: 'x86_64', arm64: 'aarch64' } };

/** One platform manifest of an OCI index (attestation manifests have platform unknown/unknown). */
interface IndexEntry { readonly digest: string; readonly platform?: { readonly os: string; readonly architecture: string } }

/** Synthesizes the copy of the example in `dir` with ts-node, as `npx projen examples` does. */
function synthesize(dir: string): void {
  execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), '--project', join(ROOT, 'test', 'tsconfig.json'), '.projenrc.ts'], {
    cwd: dir, env: { ...process.env, PROJEN_DISABLE_POST: 'true' }, stdio: 'ignore', timeout: MINUTES,
  });
}

/** Rewrites `.projenrc.ts` in `dir` with `edit` and synthesizes again. */
function resynthesize(dir: string, edit: (source: string) => string): void {
  const path = join(dir, '.projenrc.ts');
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after, 'the edit of .projenrc.ts changed nothing').not.toBe(before);
  writeFileSync(path, after);
  synthesize(dir);
}

/** Removes the builder cache records whose description holds `nonce` (only this run's steps); returns how many. */
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

/** `GET http://<address><path>`, retried while the server starts (QEMU-emulated servers start slower). */
async function get(address: string, path: string): Promise<string> {
  for (let i = 0; i < 150; i++) {
    try {
      return (await (await fetch(`http://${address}${path}`, { signal: AbortSignal.timeout(2_000) })).text()).trim();
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`no answer from http://${address}${path}`);
}

describeEngine('the seed-003 services built for amd64 and arm64 on the real engine', () => {
  let scratch: string;
  let work: string;
  const namespace = uniqueTag('services-e2e');
  const registry = `${REGISTRY_ADDRESS}/${namespace}`;
  const nonce = `n${namespace.replace(/^services-e2e-/, '')}`;
  const tag = 'e2e';
  const vars = [`REGISTRY=${registry}`, `TAG=${tag}`, `CONTROL_PLANE_GO_IMAGE=${GO_IMAGE}`, `AGENT_RUST_IMAGE=${RUST_IMAGE}`];
  const ref = (s: Service) => `${registry}/${s.name}:${tag}`;
  const binary = (s: Service) => `/usr/local/bin/${s.name}-${nonce}`;

  beforeAll(async () => {
    for (const image of [GO_IMAGE, RUST_IMAGE]) {
      if (!(await registryTags('testbase/toolchain')).includes(image.slice(image.lastIndexOf(':') + 1))) {
        throw new Error(`${image} is not in the local registry: run \`npx projen engine:provision\` (scripts/provision-engine.sh builds it from Debian packages)`);
      }
    }
    // <scratch>/examples/multiarch-services with <scratch>/src and node_modules linked, so `../../src` resolves
    scratch = mkdtempSync(join(tmpdir(), 'pc-multiarch-e2e-'));
    work = join(scratch, 'examples', 'multiarch-services');
    mkdirSync(join(scratch, 'examples'));
    cpSync(join(ROOT, 'examples', 'multiarch-services'), work, { recursive: true });
    symlinkSync(join(ROOT, 'src'), join(scratch, 'src'));
    symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'));
    resynthesize(work, (s) => s.replace('binary: s.name,', `binary: \`\${s.name}-${nonce}\`,`));
    for (const crate of ['agent', 'execution-plane']) {
      const manifest = join(work, 'services', crate, 'Cargo.toml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(`[[bin]]\nname = "${crate}"`, `[[bin]]\nname = "${crate}-${nonce}"`));
    }
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: work });
  });

  afterAll(() => {
    for (const s of [CONTROL_PLANE, AGENT]) spawnSync('docker', ['image', 'rm', '--force', ref(s), `${registry}-empty/${s.name}:${tag}`], { stdio: 'ignore' });
    if (work) pruneRecords(nonce);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('a Go and a Rust service are pushed as one index with an amd64 and an arm64 manifest each', () => {
    const log = make(work, ['container-push-control-plane', 'container-push-agent', ...vars, 'PLATFORMS=linux/amd64,linux/arm64']);
    // both compilers ran on the build machine and cross-compiled for arm64 (no QEMU for the toolchains)
    expect(log).toMatch(/\[linux\/amd64->arm64 service-build \d+\/\d+\] RUN .*GOARCH="arm64" go build/);
    expect(log).toMatch(/\[linux\/amd64->arm64 service-build \d+\/\d+\] RUN .*id=cargo-target-agent/);
    for (const s of [CONTROL_PLANE, AGENT]) {
      const index = JSON.parse(docker(['buildx', 'imagetools', 'inspect', '--raw', ref(s)]));
      expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      const platforms = (index.manifests as IndexEntry[]).filter((m) => m.platform && m.platform.os !== 'unknown');
      expect(platforms.map((m) => `${m.platform!.os}/${m.platform!.architecture}`).sort()).toStrictEqual(['linux/amd64', 'linux/arm64']);
      // the tag names that one index: its digest is what `imagetools inspect` reports for the reference
      const digest = docker(['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest.Digest}}', ref(s)]).trim();
      expect(JSON.parse(digest)).toMatch(/^sha256:[0-9a-f]{64}$/);
      const arm = platforms.find((m) => m.platform!.architecture === 'arm64')!;
      const manifest = JSON.parse(docker(['buildx', 'imagetools', 'inspect', '--raw', `${registry}/${s.name}@${arm.digest}`]));
      expect(manifest.layers.length).toBe(3); // CA certificates, time zone data, the binary: nothing else on scratch
    }
  }, MINUTES);

  test('the arm64 images run under QEMU and answer on /healthz and through their HEALTHCHECK', async () => {
    for (const s of [CONTROL_PLANE, AGENT]) {
      const name = uniqueTag(`services-e2e-${s.name}`);
      docker(['run', '-d', '--name', name, '--platform', 'linux/arm64', '-p', `127.0.0.1::${s.port}`, ref(s)]);
      try {
        const address = docker(['port', name, `${s.port}/tcp`]).trim().split('\n')[0];
        expect(await get(address, '/')).toBe(`hello from ${s.name} on linux/${s.arch.arm64}`);
        expect(await get(address, '/healthz')).toBe('ok');
        const check = JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config.Healthcheck.Test}}', ref(s)])) as string[];
        expect(check).toStrictEqual(['CMD', binary(s), '--healthcheck']);
        docker(['exec', name, ...check.slice(1)]);
        expect(JSON.parse(docker(['container', 'inspect', '--format', '{{json .Config.User}}', name]))).toBe('10001:10001');
      } finally {
        spawnSync('docker', ['rm', '--force', name], { stdio: 'ignore' });
      }
    }
  }, MINUTES);

  test('the size budgets pass, and fail naming image, size and budget when a budget is lowered', () => {
    const pass = spawnSync('make', ['--no-print-directory', 'container-check-size-control-plane', 'container-check-size-agent', ...vars], { cwd: work, encoding: 'utf8', env: makeEnv() });
    const passLog = `${pass.stdout}${pass.stderr}`;
    expect(pass.status, passLog).toBe(0);
    const size = docker(['image', 'inspect', '--format', '{{.Size}}', ref(CONTROL_PLANE)]).trim();
    expect(passLog).toContain(`image control-plane-service is ${size} bytes, within its size budget of 100000000 bytes`);
    expect(passLog).toMatch(/image agent-service is \d+ bytes, within its size budget of 150000000 bytes/);
    // WHEN the control plane's budget in .projenrc.ts is lowered to 1 MB (its image holds a ~5 MB binary)
    resynthesize(work, (s) => s.replace("description: 'Multi-tenant API server', maxSizeMb: 100", "description: 'Multi-tenant API server', maxSizeMb: 1"));
    const fail = spawnSync('make', ['--no-print-directory', 'container-check-size-control-plane', ...vars], { cwd: work, encoding: 'utf8', env: makeEnv() });
    expect(fail.status).not.toBe(0);
    expect(`${fail.stdout}${fail.stderr}`).toContain(`image control-plane-service (${ref(CONTROL_PLANE)}) is ${size} bytes, over its size budget of 1000000 bytes`);
    resynthesize(work, (s) => s.replace('maxSizeMb: 1 }', 'maxSizeMb: 100 }'));
  }, MINUTES);

  test('a build exports the registry cache with CACHE_TO=1; a later build on a clean step cache imports it', async () => {
    const amd64 = [...vars, 'PLATFORMS=linux/amd64'];
    const goBuild = `-o /out/control-plane-${nonce}`;
    const cacheRepo = `${namespace}/control-plane`;
    expect(await registryTags(cacheRepo)).not.toContain('buildcache');
    docker(['image', 'rm', '--force', ref(CONTROL_PLANE)]);
    expect(pruneRecords(nonce)).toBeGreaterThan(0);
    // GIVEN a build with CACHE_TO=1 compiles and exports the cache to <registry>/control-plane:buildcache
    const exported = make(work, ['container-build-control-plane', ...amd64, 'CACHE_TO=1']);
    expect(stepCached(exported, goBuild)).toBe(false);
    expect(exported).toMatch(/writing cache (image )?manifest/);
    expect(await registryTags(cacheRepo)).toContain('buildcache');
    docker(['image', 'rm', '--force', ref(CONTROL_PLANE)]);
    expect(pruneRecords(nonce)).toBeGreaterThan(0);
    // THEN reading an empty cache (another registry) compiles again: the local cache of the step is gone
    const control = make(work, ['container-build-control-plane', ...amd64.filter((v) => !v.startsWith('REGISTRY=')), `REGISTRY=${registry}-empty`]);
    expect(stepCached(control, goBuild)).toBe(false);
    docker(['image', 'rm', '--force', `${registry}-empty/control-plane:${tag}`]);
    expect(pruneRecords(nonce)).toBeGreaterThan(0);
    // AND reading the exported registry cache answers the compile step from it
    const imported = make(work, ['container-build-control-plane', ...amd64]);
    expect(imported).toContain(`importing cache manifest from ${registry}/control-plane:buildcache`);
    expect(stepCached(imported, goBuild)).toBe(true);
    expect(docker(['image', 'inspect', '--format', '{{json .Config.Entrypoint}}', ref(CONTROL_PLANE)]).trim()).toBe(JSON.stringify([binary(CONTROL_PLANE)]));
  }, MINUTES);
});
