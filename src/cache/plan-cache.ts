import { CacheMode, CachePolicy } from './cache-policy';
import { normalizeProjectPath } from '../core/paths';
import type { PlannedCache, PlannedCacheSegment, PlannedCacheSpec } from '../plan/build-plan';
import { SETTING_VARIABLES } from '../plan/variables';

/** The tag of the default registry cache image, next to the image's own repository. @internal */
export const BUILDCACHE_TAG = 'buildcache';

/** What the planned cache of an image needs to know about it. @internal */
export interface CachedImage {
  readonly id: string;
  readonly repository: string;
  readonly tagVariable: string;
}

/**
 * The cache of `image` under `policy` (validated): reads and the write, as literal text and variable references.
 *
 * - registry: `type=registry,ref=<ref>` (default `$REGISTRY/<repository>:buildcache`); the write adds
 *   `mode=…,oci-mediatypes=true,image-manifest=true`.
 * - gha: `type=gha,scope=[<scope>-]<image id>`; the write adds `mode=…`.
 * - inline: reads the image's own reference (`$REGISTRY/<repository>:$<FAMILY>_TAG`), writes `type=inline`.
 * - local: `type=local,src=<dir>/<image id>`, writes `type=local,dest=<dir>/<image id>,mode=…`.
 * - none: no cache.
 * @internal
 */
export function plannedCache(policy: CachePolicy | undefined, image: CachedImage): PlannedCache | undefined {
  const cache = unmerged(policy, image);
  return cache === undefined ? undefined : { backend: cache.backend, from: cache.from.map(merged), to: merged(cache.to) };
}

/** `spec` with adjacent literals joined. */
function merged(spec: PlannedCacheSpec): PlannedCacheSpec {
  const out: PlannedCacheSegment[] = [];
  for (const segment of spec) {
    const last = out[out.length - 1];
    if (segment.kind === 'literal' && last?.kind === 'literal') out[out.length - 1] = lit(last.text + segment.text);
    else out.push(segment);
  }
  return out;
}

function unmerged(policy: CachePolicy | undefined, image: CachedImage): PlannedCache | undefined {
  if (policy === undefined) return undefined;
  const mode = (policy._mode as CacheMode | undefined) ?? CacheMode.MAX;
  const value = policy._value as string | undefined;
  switch (policy._backend) {
    case 'registry': {
      const ref: PlannedCacheSpec = value === undefined
        ? [lit('type=registry,ref='), variable(SETTING_VARIABLES.registry), lit(`/${image.repository}:${BUILDCACHE_TAG}`)]
        : [lit(`type=registry,ref=${value}`)];
      return { backend: 'registry', from: [ref], to: [...ref, lit(`,mode=${mode},oci-mediatypes=true,image-manifest=true`)] };
    }
    case 'gha': {
      const scope = value === undefined ? image.id : `${value}-${image.id}`;
      return { backend: 'gha', from: [[lit(`type=gha,scope=${scope}`)]], to: [lit(`type=gha,scope=${scope},mode=${mode}`)] };
    }
    case 'inline':
      return {
        backend: 'inline',
        from: [[lit('type=registry,ref='), variable(SETTING_VARIABLES.registry), lit(`/${image.repository}:`), variable(image.tagVariable)]],
        to: [lit('type=inline')],
      };
    case 'local': {
      const normalized = normalizeProjectPath(value ?? '');
      if ('reason' in normalized) throw new Error(`internal error: image ${image.id}: cache dir ${JSON.stringify(value)} ${normalized.reason}`);
      const dir = `${normalized.path}/${image.id}`;
      return { backend: 'local', from: [[lit(`type=local,src=${dir}`)]], to: [lit(`type=local,dest=${dir},mode=${mode}`)] };
    }
    default:
      return undefined;
  }
}

/** Whether any image of `images` reads or writes a cache. @internal */
export function usesCache(images: ReadonlyArray<{ readonly cache?: PlannedCache }>): boolean {
  return images.some((image) => image.cache !== undefined);
}

function lit(text: string): PlannedCacheSegment {
  return { kind: 'literal', text };
}

function variable(name: string): PlannedCacheSegment {
  return { kind: 'variable', name };
}
