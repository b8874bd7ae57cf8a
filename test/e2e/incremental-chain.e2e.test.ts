/**
 * The incremental-chain example (seed 004) on the real engine, from pinned references: a copy of the example is
 * pinned against the local registry (its committed lock holds the digest of the machine that made it; a freshly
 * provisioned registry imports the base anew), synthesized, and built with its Makefile under the seed's target names
 * (`make build-images`, `make run-app`, `make clean-all`). The built images' base layers are the layers of the pinned
 * manifest, and the runner runs the app it copied from the builder image.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { main } from '../../src/pin/cli';
import { describeEngine, docker, REGISTRY_ADDRESS, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';

const ROOT = resolve(__dirname, '..', '..');
const MINUTES = 10 * 60_000;

function run(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, timeout: MINUTES });
  } catch (e: any) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** The uncompressed layer ids (rootfs.diff_ids) of the manifest `digest` of `repository` in the local registry. */
async function pinnedDiffIds(repository: string, digest: string): Promise<string[]> {
  const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';
  const manifest = await (await fetch(`http://${REGISTRY_ADDRESS}/v2/${repository}/manifests/${digest}`, { headers: { Accept: accept } })).json() as any;
  const config = await (await fetch(`http://${REGISTRY_ADDRESS}/v2/${repository}/blobs/${manifest.config.digest}`)).json() as any;
  return config.rootfs.diff_ids;
}

describeEngine('incremental-chain example from pinned references', () => {
  test('pin, synthesize, make build-images: base layers are the pinned manifest\'s; make run-app runs the builder\'s app; make clean-all', async () => {
    // GIVEN a copy of the example, placed so its ../../src import resolves, pinned against this registry
    const scratch = mkdtempSync(join(tmpdir(), 'pin-chain-'));
    const dir = join(scratch, 'examples', 'incremental-chain');
    mkdirSync(join(scratch, 'examples'));
    cpSync(join(ROOT, 'examples', 'incremental-chain'), dir, { recursive: true });
    symlinkSync(join(ROOT, 'src'), join(scratch, 'src'), 'dir');
    symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    const lockFile = join(dir, 'containers.lock.json');
    expect(await main(['--lock', lockFile, '--update', TEST_BASE_IMAGE], () => undefined)).toBe(0);
    const digest: string = JSON.parse(readFileSync(lockFile, 'utf8')).images[TEST_BASE_IMAGE].digest;
    const env: Record<string, string> = { PROJEN_DISABLE_POST: 'true', PROJEN_CONTAINERS_FROZEN: '1' };
    for (const key of Object.keys(process.env)) if (key === 'NODE_ENV' || key.startsWith('VITEST') || key === 'TEST') env[key] = '';
    run(process.execPath, [require.resolve('ts-node/dist/bin'), '--project', join(ROOT, 'test', 'tsconfig.json'), '.projenrc.ts'], dir, env);
    const pinned = `${TEST_BASE_IMAGE}@${digest}`;
    expect(readFileSync(join(dir, 'container', 'Dockerfile.base'), 'utf8')).toContain(`ARG OS_IMAGE=${pinned}\n`);
    expect(readFileSync(join(dir, 'container', 'digests.env'), 'utf8')).toContain(`FFREIS_OS_IMAGE=${pinned}\n`);

    // WHEN every image is built with the generated Makefile, under the seed's target name, and its defaults
    const registry = `${REGISTRY_ADDRESS}/pin-chain`;
    const tag = uniqueTag('chain');
    const vars = [`REGISTRY=${registry}`, `FFREIS_TAG=${tag}`];
    run('make', ['build-images', ...vars], dir);

    // THEN every image starts with the pinned base's layers, and the runner runs the app built in the builder
    const base = await pinnedDiffIds('testbase/busybox', digest);
    const layers = (img: string) => JSON.parse(docker(['image', 'inspect', '--format', '{{json .RootFS.Layers}}', img])) as string[];
    for (const img of ['base', 'base-runner', 'base-builder', 'builder', 'runner']) {
      expect(layers(`${registry}/${img}:${tag}`).slice(0, base.length), img).toStrictEqual(base);
    }
    expect(run('make', ['--silent', 'run-app', ...vars], dir).trim().split('\n').pop()).toBe('hello from the incremental chain');
    expect(docker(['run', '--rm', '--entrypoint', 'sh', `${registry}/runner:${tag}`, '-c', 'ls /app; command -v make || echo no-build-tools']).trim().split('\n'))
      .toStrictEqual(['BUILD_INFO', 'lib.sh', 'main.sh', 'no-build-tools']);

    // AND clean-all removes every image again
    run('make', ['clean-all', ...vars], dir);
    for (const img of ['base', 'base-runner', 'base-builder', 'builder', 'runner']) {
      expect(() => docker(['image', 'inspect', `${registry}/${img}:${tag}`]), img).toThrow();
    }
  }, MINUTES);
});
