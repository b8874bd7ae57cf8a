/**
 * Manifest media types the resolver accepts, index types first: a multi-platform tag pins its index (or manifest
 * list), never the manifest of one platform.
 * @internal
 */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

/** The `Accept` header of manifest requests. @internal */
export const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');

/** Whether `contentType` (parameters ignored) is a manifest type the resolver accepts. @internal */
export function isManifestMediaType(contentType: string | undefined): boolean {
  const bare = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return (MANIFEST_MEDIA_TYPES as readonly string[]).includes(bare);
}
