/**
 * Pushes an OCI image layout directory (BuildKit's `--output type=oci,tar=false,dest=<dir>`) to the local registry
 * through the OCI distribution API: every blob (skipped when present), then every manifest by digest, children first,
 * and the layout's top manifest under `tag`. The bytes are uploaded unchanged, so the registry serves the digests
 * BuildKit computed. For engine tests only: the `docker` driver cannot push with `rewrite-timestamp` (its exporter
 * unpacks into the image store, or ignores the option), but it can export an OCI layout with it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY_ADDRESS } from './engine';

interface Descriptor { readonly mediaType: string; readonly digest: string }
interface Manifest { readonly mediaType?: string; readonly manifests?: Descriptor[]; readonly config?: Descriptor; readonly layers?: Descriptor[] }

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];

/** Pushes the layout at `dir` as `<repository>:<tag>`; returns the digest of the pushed top manifest. */
export async function pushOciLayout(dir: string, repository: string, tag: string): Promise<string> {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Manifest;
  const top = index.manifests?.[0];
  if (top === undefined || index.manifests!.length !== 1) throw new Error(`${dir}/index.json must list exactly one manifest`);
  await pushManifest(dir, repository, top);
  await putManifest(repository, tag, top, blob(dir, top.digest));
  return top.digest;
}

async function pushManifest(dir: string, repository: string, descriptor: Descriptor): Promise<void> {
  const bytes = blob(dir, descriptor.digest);
  const manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
  if (INDEX_TYPES.includes(descriptor.mediaType)) {
    for (const child of manifest.manifests ?? []) await pushManifest(dir, repository, child);
  } else {
    for (const d of [manifest.config!, ...(manifest.layers ?? [])]) await pushBlob(dir, repository, d.digest);
  }
  await putManifest(repository, descriptor.digest, descriptor, bytes);
}

async function pushBlob(dir: string, repository: string, digest: string): Promise<void> {
  const base = `http://${REGISTRY_ADDRESS}/v2/${repository}/blobs`;
  if ((await fetch(`${base}/${digest}`, { method: 'HEAD' })).ok) return;
  const start = await fetch(`${base}/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`starting an upload of ${digest} answered ${start.status}`);
  const location = new URL(start.headers.get('location')!, `http://${REGISTRY_ADDRESS}`);
  location.searchParams.set('digest', digest);
  const put = await fetch(location, { method: 'PUT', body: blob(dir, digest), headers: { 'content-type': 'application/octet-stream' } });
  if (put.status !== 201) throw new Error(`uploading ${digest} answered ${put.status}: ${await put.text()}`);
}

async function putManifest(repository: string, reference: string, descriptor: Descriptor, bytes: Buffer): Promise<void> {
  const put = await fetch(`http://${REGISTRY_ADDRESS}/v2/${repository}/manifests/${reference}`, {
    method: 'PUT', body: bytes, headers: { 'content-type': descriptor.mediaType },
  });
  if (put.status !== 201) throw new Error(`putting manifest ${reference} answered ${put.status}: ${await put.text()}`);
  const served = put.headers.get('docker-content-digest');
  if (served !== null && served !== descriptor.digest) throw new Error(`the registry stored ${descriptor.digest} as ${served}`);
}

function blob(dir: string, digest: string): Buffer {
  const [algorithm, hex] = digest.split(':');
  return readFileSync(join(dir, 'blobs', algorithm, hex));
}
