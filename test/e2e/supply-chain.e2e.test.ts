/**
 * End to end on the real engine: signing, provenance and reproducible images of a generated pipeline.
 *
 * - Signing: Debian's cosign signs the pushed image by digest through `make sign-<image>` with a key pair (no network:
 *   `COSIGN_ARGS='--allow-http-registry --tlog-upload=false'`), `cosign verify --key` accepts that digest and rejects
 *   the tag once it names something else. Keyless signing needs GitHub's OIDC token and the public sigstore services:
 *   it is covered by the workflow tests (actionlint, rules), not here.
 * - Attestations: provenance only (an SBOM needs docker/buildkit-syft-scanner from Docker Hub, unreachable here).
 * - Reproducibility: this engine's builder is the `docker` driver, whose image exporter refuses `rewrite-timestamp`
 *   (it unpacks into the containerd image store) — asserted below. Its OCI exporter honours it, so the Makefile's push
 *   runs through a `DOCKER` wrapper that turns the push output into an OCI layout (same arguments otherwise, plus
 *   `--no-cache`), which `pushOciLayout` uploads unchanged. Two clones of one commit, built without cache at
 *   different times, then push the same image manifest; the same builds without `SOURCE_DATE_EPOCH` and
 *   `REWRITE_TIMESTAMP` (what a pipeline without `reproducible` does) push different ones.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'projen';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Containers, ImageSource, ProvenanceMode, Signing } from '../../src';
import { describeEngine, docker, REGISTRY_ADDRESS, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';
import { pushOciLayout } from '../support/oci-push';

const MINUTES = 5 * 60_000;
/** The commit time of the test repository: 2024-01-02T03:04:05Z. */
const COMMIT_TIME = '2024-01-02T03:04:05Z';
const COMMIT_EPOCH = '1704164645';
const LOCAL_COSIGN = '--allow-http-registry --tlog-upload=false';

interface Run { readonly status: number | null; readonly log: string }

function make(cwd: string, args: readonly string[], env: Record<string, string> = {}): Run {
  const r = spawnSync('make', ['--no-print-directory', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, BUILDKIT_PROGRESS: 'plain', COSIGN_PASSWORD: '', ...env }, timeout: MINUTES, maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, log: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function mustMake(cwd: string, args: readonly string[], env: Record<string, string> = {}): string {
  const r = make(cwd, args, env);
  if (r.status !== 0) throw new Error(`make ${args.join(' ')} failed (status ${r.status}):\n${r.log}`);
  return r.log;
}

function cosign(args: readonly string[], cwd: string): Run {
  const r = spawnSync('cosign', args, { cwd, encoding: 'utf8', env: { ...process.env, COSIGN_PASSWORD: '' }, timeout: MINUTES });
  return { status: r.status, log: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: COMMIT_TIME, GIT_COMMITTER_DATE: COMMIT_TIME },
  });
}

/** The digest the registry serves for `reference`. */
function digestOf(reference: string): string {
  return docker(['buildx', 'imagetools', 'inspect', reference, '--format', '{{printf "%s" .Manifest.Digest}}']).trim();
}

/** One image FROM the test base that copies a file of the checkout and writes one in a RUN step. */
function synth(dir: string, registry: string): void {
  const project = new Project({ name: 'supply-e2e', outdir: dir });
  const containers = new Containers(project, {
    registry,
    sourceUrl: 'https://github.com/acme/supply',
    workflow: { enabled: false },
    signing: Signing.keyless(),
    attestations: { provenance: ProvenanceMode.MAX },
    reproducible: true,
  });
  const runtime = containers.addFamily('app').addImage('runtime', { from: ImageSource.registry(TEST_BASE_IMAGE) });
  runtime.copy(['app.txt'], '/app/');
  runtime.run(['echo built > /built']);
  writeFileSync(join(dir, 'app.txt'), 'hello\n');
  project.synth();
}

/** An argument printer standing in for `docker`: one JSON array of its arguments. */
const PRINT_ARGS = '#!/bin/sh\nnode -e \'console.log(JSON.stringify(process.argv.slice(1)))\' -- "$@"\n';

/**
 * A `docker` that builds without cache and turns a push (`--push`, or `--output type=image,push=true…`) into an OCI
 * layout in `$OCI_DEST`, keeping every other argument (and `rewrite-timestamp=true` when the Makefile passes it); the
 * `--load` build the push target depends on is skipped (it does not feed the push).
 */
const OCI_DOCKER = `#!/usr/bin/env bash
set -euo pipefail
args=()
for a in "$@"; do
  case "$a" in
    --push) args+=(--output "type=oci,tar=false,dest=$OCI_DEST") ;;
    type=image,push=true*) args+=("type=oci,tar=false,dest=$OCI_DEST\${a#type=image,push=true}") ;;
    build) args+=(build --no-cache) ;;
    --load) exit 0 ;;
    *) args+=("$a") ;;
  esac
done
exec docker "\${args[@]}"
`;

describeEngine('signing, provenance and reproducible images on the real engine', () => {
  let origin: string;
  let clones: string[];
  let tools: string;
  const namespace = uniqueTag('supply-e2e');
  const registry = `${REGISTRY_ADDRESS}/${namespace}`;
  const name = `${registry}/app-runtime`;

  beforeAll(() => {
    origin = mkdtempSync(join(tmpdir(), 'pc-supply-'));
    tools = mkdtempSync(join(tmpdir(), 'pc-supply-tools-'));
    synth(origin, registry);
    git(origin, ['init', '-q', '-b', 'main']);
    git(origin, ['add', '-A']);
    git(origin, ['commit', '-q', '-m', 'pipeline']);
    clones = ['a', 'b'].map((suffix) => {
      const clone = mkdtempSync(join(tmpdir(), `pc-supply-${suffix}-`));
      git(tmpdir(), ['clone', '-q', origin, clone]);
      spawnSync('sleep', ['1.1']); // the second clone's files get other mtimes
      return clone;
    });
    writeFileSync(join(tools, 'print-args'), PRINT_ARGS, { mode: 0o755 });
    writeFileSync(join(tools, 'oci-docker'), OCI_DOCKER, { mode: 0o755 });
  });

  afterAll(() => {
    try { docker(['image', 'rm', '--force', `${name}:dev`]); } catch { /* not built */ }
    for (const dir of [origin, tools, ...clones]) rmSync(dir, { recursive: true, force: true });
  });

  test('the Makefile and bake --print pass the same attestations and push output; SOURCE_DATE_EPOCH is the commit time', () => {
    const dir = clones[0];
    expect(mustMake(dir, ['print-build-facts'])).toContain(`SOURCE_DATE_EPOCH=${COMMIT_EPOCH}`);
    const env = { TAG: 'dev', REWRITE_TIMESTAMP: '1' };
    const lines = mustMake(dir, ['push-app-runtime', `DOCKER=${join(tools, 'print-args')}`], env).split('\n').filter((l) => l.startsWith('["buildx"'));
    const push = JSON.parse(lines[lines.length - 1]) as string[];
    const values = (flag: string) => push.flatMap((a, i) => (a === flag ? [push[i + 1]] : []));
    const printed = JSON.parse(docker(['buildx', 'bake', '--file', 'docker-bake.json', '--print', '--push', 'app-runtime'], { cwd: dir, env })).target['app-runtime'];
    expect(values('--attest')).toStrictEqual(['type=provenance,mode=max']);
    expect(printed.attest).toStrictEqual(values('--attest'));
    expect(values('--output')).toStrictEqual(['type=image,push=true,rewrite-timestamp=true']);
    expect(printed.output).toStrictEqual(['type=image,rewrite-timestamp=true,push=true']);
  });

  test('the docker driver refuses rewrite-timestamp on a push (this engine), so it stays opt-in through REWRITE_TIMESTAMP', () => {
    const r = make(clones[0], ['push-app-runtime', 'TAG=dev', 'REWRITE_TIMESTAMP=1']);
    expect(r.status).not.toBe(0);
    expect(r.log).toContain('exporter option "rewrite-timestamp" conflicts with "unpack"');
  });

  test('a push carries max-mode provenance; make sign-<image> signs its digest with a key pair; verify accepts only that digest', () => {
    const dir = clones[0];
    // GIVEN the image pushed by the Makefile (`-o`: without the --load build first, which on this engine's docker
    // driver intermittently fails with "not found" when it carries an attestation)
    mustMake(dir, ['-o', 'build-app-runtime', 'push-app-runtime', 'TAG=dev']);
    const digest = digestOf(`${name}:dev`);
    const provenance = JSON.parse(docker(['buildx', 'imagetools', 'inspect', `${name}:dev`, '--format', '{{ json .Provenance }}']));
    expect(provenance.SLSA.buildConfig.llbDefinition.length).toBeGreaterThan(0); // max mode records the build steps
    expect(JSON.stringify(provenance.SLSA.invocation)).toContain(COMMIT_EPOCH); // the build argument buildx passed
    // WHEN it is signed with a key pair through the Makefile
    expect(cosign(['generate-key-pair'], tools).status).toBe(0);
    const signed = mustMake(dir, ['sign-app-runtime', 'TAG=dev', `COSIGN_KEY=${join(tools, 'cosign.key')}`, `COSIGN_ARGS=${LOCAL_COSIGN}`]);
    expect(signed).toContain('Pushing signature');
    // THEN verify accepts the digest
    const verify = (ref: string) => cosign(['verify', '--key', 'cosign.pub', '--allow-http-registry', '--insecure-ignore-tlog=true', ref], tools);
    const ok = verify(`${name}@${digest}`);
    expect(ok.status, ok.log).toBe(0);
    expect(ok.log).toContain('The signatures were verified against the specified public key');
    // AND rejects the tag once it names another image (and that image's digest)
    docker(['buildx', 'imagetools', 'create', '--tag', `${name}:dev`, TEST_BASE_IMAGE]);
    const other = digestOf(`${name}:dev`);
    expect(other).not.toBe(digest);
    for (const ref of [`${name}:dev`, `${name}@${other}`]) {
      const rejected = verify(ref);
      expect(rejected.status, rejected.log).not.toBe(0);
      expect(rejected.log).toContain('no signatures found');
    }
    expect(verify(`${name}@${digest}`).status).toBe(0);
  });

  test('two clean builds of one commit push the same image manifest; without SOURCE_DATE_EPOCH and rewrite-timestamp they do not', async () => {
    const push = async (clone: string, tag: string, env: Record<string, string>): Promise<{ index: string; image: string }> => {
      const dest = mkdtempSync(join(tmpdir(), 'pc-supply-oci-'));
      try {
        mustMake(clone, ['push-app-runtime', 'TAG=dev', `DOCKER=${join(tools, 'oci-docker')}`], { OCI_DEST: dest, ...env });
        const index = await pushOciLayout(dest, `${namespace}/app-runtime`, tag);
        const manifests = JSON.parse(docker(['buildx', 'imagetools', 'inspect', '--raw', `${name}:${tag}`])).manifests as Array<{ digest: string; platform?: { os: string } }>;
        return { index, image: manifests.find((m) => m.platform?.os === 'linux')!.digest };
      } finally {
        rmSync(dest, { recursive: true, force: true });
      }
    };
    const after = [await push(clones[0], 'repro-a', { REWRITE_TIMESTAMP: '1' }), await push(clones[1], 'repro-b', { REWRITE_TIMESTAMP: '1' })];
    const before = [await push(clones[0], 'plain-a', { SOURCE_DATE_EPOCH: '' }), await push(clones[1], 'plain-b', { SOURCE_DATE_EPOCH: '' })];
    console.log(`reproducible image manifests: ${after.map((p) => p.image).join(' ')}; indexes (with provenance): ${after.map((p) => p.index).join(' ')}`);
    console.log(`without SOURCE_DATE_EPOCH/rewrite-timestamp: ${before.map((p) => p.image).join(' ')}`);
    expect(after[1].image).toBe(after[0].image);
    expect(before[1].image).not.toBe(before[0].image);
    expect(digestOf(`${name}:repro-b`)).toBe(after[1].index);
    expect(readFileSync(join(clones[0], 'Makefile'), 'utf8')).toContain('SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct');
  });
});
