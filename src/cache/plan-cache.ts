import { CacheMode, CachePolicy } from './cache-policy';
import { CacheSource } from './cache-source';
import { normalizeProjectPath } from '../core/paths';
import type { PlannedCache, PlannedCacheRead, PlannedCacheSegment, PlannedCacheSpec } from '../plan/build-plan';
import { BUILD_FACT_VARIABLES, CACHE_FACT_VARIABLES, SETTING_VARIABLES } from '../plan/variables';

/** The tag of the default registry cache image, next to the image's own repository. @internal */
export const BUILDCACHE_TAG = 'buildcache';

/** The tag prefix of pull-request images (`pr-<N>`), as the pull-request jobs push them. @internal */
export const PULL_REQUEST_TAG_PREFIX = 'pr-';

/** What the planned cache of an image needs to know about it. @internal */
export interface CachedImage {
  readonly id: string;
  readonly repository: string;
  readonly tagVariable: string;
  /** The image's planned platforms as `PLATFORMS` takes them (`''` for the native platform). */
  readonly platforms: string;
}

/**
 * The cache of `image` under `policy` (validated): reads and the writes, as literal text and variable references.
 *
 * - registry (`<ref>` = `<repo>:<tag>`, default `$REGISTRY/<repository>:buildcache`): reads `<ref>-pr-$GIT_PR` (when
 *   set), `<ref>-branch-$CACHE_BRANCH` (when set), `<ref>`, then the policy's image sources; writes
 *   `<ref>$CACHE_SUFFIX` with `mode=…,oci-mediatypes=true,image-manifest=true`, and `type=inline` with image sources.
 * - gha: `type=gha,scope=[<scope>-]<image id>-<platforms>`; the write adds `mode=…`.
 * - inline: reads the image's own reference (`$REGISTRY/<repository>:$<FAMILY>_TAG`), writes `type=inline`.
 * - local: `type=local,src=<dir>/<image id>`, writes `type=local,dest=<dir>/<image id>,mode=…`.
 * - none: no cache.
 * @internal
 */
export function plannedCache(policy: CachePolicy | undefined, image: CachedImage): PlannedCache | undefined {
  const cache = unmerged(policy, image);
  return cache === undefined ? undefined : {
    backend: cache.backend,
    from: cache.from.map((read) => ({ ...read, spec: merged(read.spec) })),
    to: cache.to.map(merged),
  };
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
    case 'registry':
      return registryCache(value, mode, (policy._readImages as CacheSource[] | undefined) ?? [], image);
    case 'gha': {
      const scope: PlannedCacheSpec = [lit(`type=gha,scope=${value === undefined ? '' : `${value}-`}${image.id}-`), platforms(image)];
      return { backend: 'gha', from: [{ spec: scope }], to: [[...scope, lit(`,mode=${mode}`)]] };
    }
    case 'inline':
      return {
        backend: 'inline',
        from: [{ spec: [lit('type=registry,ref='), variable(SETTING_VARIABLES.registry), lit(`/${image.repository}:`), variable(image.tagVariable)] }],
        to: [[lit('type=inline')]],
      };
    case 'local': {
      const normalized = normalizeProjectPath(value ?? '');
      if ('reason' in normalized) throw new Error(`internal error: image ${image.id}: cache dir ${JSON.stringify(value)} ${normalized.reason}`);
      const dir = `${normalized.path}/${image.id}`;
      return { backend: 'local', from: [{ spec: [lit(`type=local,src=${dir}`)] }], to: [[lit(`type=local,dest=${dir},mode=${mode}`)]] };
    }
    default:
      return undefined;
  }
}

/** The registry read chain (pull request, branch, default branch, then image sources) and the writes. */
function registryCache(value: string | undefined, mode: CacheMode, sources: readonly CacheSource[], image: CachedImage): PlannedCache {
  const ref: PlannedCacheSpec = value === undefined
    ? [lit('type=registry,ref='), variable(SETTING_VARIABLES.registry), lit(`/${image.repository}:${BUILDCACHE_TAG}`)]
    : [lit(`type=registry,ref=${value}`)];
  const own: PlannedCacheSpec = [lit('type=registry,ref='), variable(SETTING_VARIABLES.registry), lit(`/${image.repository}:`)];
  const from: PlannedCacheRead[] = [
    { spec: [...ref, lit(`-${PULL_REQUEST_TAG_PREFIX}`), variable(BUILD_FACT_VARIABLES.pr)], when: BUILD_FACT_VARIABLES.pr },
    { spec: [...ref, lit('-branch-'), variable(CACHE_FACT_VARIABLES.branch)], when: CACHE_FACT_VARIABLES.branch },
    { spec: ref },
    ...sources.map((source): PlannedCacheRead => (source._kind === 'pull-request-image'
      ? { spec: [...own, lit(PULL_REQUEST_TAG_PREFIX), variable(BUILD_FACT_VARIABLES.pr)], when: BUILD_FACT_VARIABLES.pr }
      : { spec: [...own, lit(source._tag as string)] })),
  ];
  const to: PlannedCacheSpec[] = [[...ref, variable(CACHE_FACT_VARIABLES.suffix), lit(`,mode=${mode},oci-mediatypes=true,image-manifest=true`)]];
  if (sources.length > 0) to.push([lit('type=inline')]);
  return { backend: 'registry', from, to };
}

/** The platforms word of a gha scope: `PLATFORMS` when set, else the image's planned platforms, else `native`. */
function platforms(image: CachedImage): PlannedCacheSegment {
  return { kind: 'platforms', planned: platformsWord(image.platforms) };
}

/** `linux/amd64,linux/arm64` → `linux-amd64-linux-arm64`; `''` → `native`. @internal */
export function platformsWord(list: string): string {
  return list === '' ? 'native' : list.replace(/[/,]/g, '-');
}

/** Whether any image of `images` reads or writes a cache. @internal */
export function usesCache(images: ReadonlyArray<{ readonly cache?: PlannedCache }>): boolean {
  return images.some((image) => image.cache !== undefined);
}

/** Whether any image of `images` has a registry cache (whose chain reads the cache facts). @internal */
export function usesCacheChain(images: ReadonlyArray<{ readonly cache?: PlannedCache }>): boolean {
  return images.some((image) => image.cache?.backend === 'registry');
}

/** Whether any image of `images` has a gha cache (whose scope reads the platforms word). @internal */
export function usesGhaCache(images: ReadonlyArray<{ readonly cache?: PlannedCache }>): boolean {
  return images.some((image) => image.cache?.backend === 'gha');
}

/** Every variable a cache spec or read condition of `images` reads, in first-use order. @internal */
export function cacheVariables(images: ReadonlyArray<{ readonly cache?: PlannedCache }>): string[] {
  const names = new Set<string>();
  for (const image of images) {
    for (const read of image.cache?.from ?? []) {
      if (read.when !== undefined) names.add(read.when);
      for (const s of read.spec) if (s.kind === 'variable') names.add(s.name);
    }
    for (const spec of image.cache?.to ?? []) for (const s of spec) if (s.kind === 'variable') names.add(s.name);
  }
  return [...names];
}

function lit(text: string): PlannedCacheSegment {
  return { kind: 'literal', text };
}

function variable(name: string): PlannedCacheSegment {
  return { kind: 'variable', name };
}
