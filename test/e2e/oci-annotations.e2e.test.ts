/**
 * OCI labels and annotations on the real engine: `make push-<image>` publishes images whose manifests (and, for a
 * multi-platform image, whose index) carry the same annotations as the config's labels, from the same evaluation
 * (tag rules → version, git → revision and created, options → title, description, source, licenses); and
 * `docker buildx bake --print`, run by the Makefile's `bake-<family>` with the values it computed, resolves exactly
 * the annotations the Makefile passes to `docker buildx build`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ImageSource, TagRule } from '../../src';
import { git } from '../make/make-harness';
import { describeEngine, docker, REGISTRY_ADDRESS, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

const OCI = 'org.opencontainers.image';

interface Descriptor { readonly digest: string; readonly platform?: { readonly architecture: string; readonly os: string } }
interface Manifest {
  readonly mediaType: string;
  readonly manifests?: readonly Descriptor[];
  readonly config?: Descriptor;
  readonly annotations?: Record<string, string>;
}

describeEngine('OCI labels and annotations on the real engine', () => {
  // a namespace of this run only (tags6: this branch's prefix on the shared engine)
  const namespace = uniqueTag('tags6-oci');
  const registry = `${REGISTRY_ADDRESS}/${namespace}`;
  let dir: string;
  let sha: string;
  let revision: string;

  beforeAll(() => {
    const { containers } = newPipeline({ registry, licenses: 'Apache-2.0 OR MIT', sourceUrl: 'https://example.com/acme/app' });
    const family = containers.addFamily('app', { tags: [TagRule.sha({ priority: 300 }), TagRule.raw('stable')] });
    family.addImage('one', { from: ImageSource.registry(TEST_BASE_IMAGE), user: '10001', description: 'One platform' });
    // FROM scratch builds for any platform without emulation: two platforms, so an index to annotate
    const multi = family.addImage('multi', { from: ImageSource.scratch(), user: '10001', platforms: ['linux/amd64', 'linux/arm64'], licenses: 'GPL-2.0-only' });
    multi.copy(['hello.txt'], '/hello.txt');
    dir = mkdtempSync(join(tmpdir(), 'pc-tags6-oci-'));
    for (const [file, text] of Object.entries(synthFiles(containers.project))) {
      if (file.startsWith('.projen/') || file.startsWith('.github/')) continue;
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    writeFileSync(join(dir, 'hello.txt'), 'hello\n');
    // DOCKER for the bake parity check: prints bake's resolved configuration instead of building
    writeFileSync(join(dir, 'bake-print'), '#!/bin/sh\nexec docker "$@" --print\n');
    // DOCKER that prints its arguments one per line (what the Makefile passes)
    writeFileSync(join(dir, 'print-args'), '#!/bin/sh\nprintf \'%s\\n\' "$@"\n');
    chmodSync(join(dir, 'bake-print'), 0o755);
    chmodSync(join(dir, 'print-args'), 0o755);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'first');
    sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
    revision = git(dir, 'rev-parse', 'HEAD');
  });

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const make = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync('make', args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_CEILING_DIRECTORIES: dirname(dir), GITHUB_REF: '', GITHUB_EVENT_NAME: '', GITHUB_ACTIONS: '', ...env },
      timeout: 600_000,
    });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };

  const get = async <T>(path: string, accept?: string): Promise<T> => {
    const response = await fetch(`http://${REGISTRY_ADDRESS}/v2/${path}`, { headers: accept ? { Accept: accept } : {} });
    expect(response.status, path).toBe(200);
    return await response.json() as T;
  };
  const manifest = (repository: string, reference: string) => get<Manifest>(`${namespace}/${repository}/manifests/${reference}`, [
    'application/vnd.oci.image.index.v1+json', 'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.docker.distribution.manifest.v2+json',
  ].join(', '));
  const rawOf = (reference: string) => JSON.parse(docker(['buildx', 'imagetools', 'inspect', '--raw', reference])) as Manifest;

  /** The OCI metadata of `repository` as labels must have it, from the same values as the Makefile computed. */
  const expected = (repository: string, licenses: string, description?: string): Record<string, string> => ({
    [`${OCI}.created`]: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown as string,
    ...(description === undefined ? {} : { [`${OCI}.description`]: description }),
    [`${OCI}.licenses`]: licenses,
    [`${OCI}.revision`]: revision,
    [`${OCI}.source`]: 'https://example.com/acme/app',
    [`${OCI}.title`]: repository,
    [`${OCI}.version`]: `sha-${sha}`,
  });

  /** Labels and annotations of each platform manifest under `reference` (an index or a single manifest). */
  const platformMetadata = async (repository: string, top: Manifest) => {
    const manifests = top.manifests
      ? await Promise.all(top.manifests.filter((m) => m.platform?.os === 'linux').map((m) => manifest(repository, m.digest)))
      : [top];
    return Promise.all(manifests.map(async (m) => {
      const config = await get<{ config?: { Labels?: Record<string, string> } }>(`${namespace}/${repository}/blobs/${m.config!.digest}`);
      return { labels: config.config?.Labels ?? {}, annotations: m.annotations ?? {} };
    }));
  };

  test('make push-app-one: the manifest has annotations equal to the config labels (licenses, version, revision, ...)', async () => {
    make(['-s', 'push-app-one']);
    const reference = `${registry}/app-one:sha-${sha}`;
    const metadata = await platformMetadata('app-one', rawOf(reference));
    expect(metadata.length).toBe(1);
    const want = expected('app-one', 'Apache-2.0 OR MIT', 'One platform');
    for (const { labels, annotations } of metadata) {
      expect(labels).toMatchObject(want);
      for (const key of Object.keys(want)) expect(annotations[key], key).toBe(labels[key]);
    }
  });

  // the local registry now and then answers 500 to the HEAD of a second tag pushed at the same moment as the first
  // (seen once in CI; the push is idempotent): retried
  test('make push-app-multi (two platforms): the index and both platform manifests carry the annotations; the image license wins', { retry: 1 }, async () => {
    make(['-s', 'push-app-multi']);
    const reference = `${registry}/app-multi:stable`;
    const index = rawOf(reference);
    expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    const want = expected('app-multi', 'GPL-2.0-only');
    expect(index.annotations).toMatchObject(want);
    const metadata = await platformMetadata('app-multi', index);
    expect(metadata.length).toBe(2);
    for (const { labels, annotations } of metadata) {
      expect(labels).toMatchObject(want);
      expect(annotations).toMatchObject(want);
      expect(annotations[`${OCI}.created`]).toBe(index.annotations?.[`${OCI}.created`]);
    }
  });

  test('docker buildx bake --print, given the Makefile\'s values, resolves the annotations the Makefile passes', () => {
    const passed = (image: string) => {
      const words = make(['-s', `build-app-${image}`, `DOCKER=${join(dir, 'print-args')}`]).split('\n');
      return words.flatMap((word, i) => (word === '--annotation' ? [words[i + 1]] : []));
    };
    const printed = JSON.parse(make(['-s', 'bake-app', `DOCKER=${join(dir, 'bake-print')}`])) as { target: Record<string, { annotations?: string[] }> };
    for (const image of ['one', 'multi']) {
      const fromMake = passed(image);
      expect(fromMake.length).toBeGreaterThan(0);
      expect(printed.target[`app-${image}`].annotations).toStrictEqual(fromMake);
    }
    expect(passed('multi').filter((a) => a.startsWith('index:')).length).toBe(passed('multi').length / 2);
    expect(passed('one').every((a) => a.startsWith('manifest:'))).toBe(true);
  });
});
