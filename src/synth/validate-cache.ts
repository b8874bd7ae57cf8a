import { CacheMode, CachePolicy } from '../cache/cache-policy';
import { CacheSource } from '../cache/cache-source';
import type { Diagnostics } from '../core/diagnostics';
import { normalizeProjectPath } from '../core/paths';
import { describe } from '../core/untyped';
import { parseImageReference } from '../reference/image-reference';

/** A gha scope prefix: a safe word of a cache key and a CSV field (no `,`, `=`, quotes or blanks). */
const SCOPE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** The largest size budget, in MB (1 TB): anything above is a typo. */
export const MAX_SIZE_MB = 1_000_000;

/**
 * Checks a `cache` prop (pipeline, family or image) at `path`: a CachePolicy whose mode is a CacheMode, whose registry
 * ref is a tagged image reference without a digest, whose gha scope is a short safe word and whose local dir stays in
 * the project. Every value lands in `--cache-from`/`--cache-to` (CSV, read by buildx) in the Makefile, the bake file
 * and the workflow, so commas, quotes and blanks are refused.
 * @internal
 */
export function validateCachePolicy(d: Diagnostics, path: string, raw: unknown): void {
  if (raw === undefined) return;
  if (!CachePolicy.isCachePolicy(raw)) {
    d.error(path, `cache must be a CachePolicy (e.g. CachePolicy.registry()), got ${describe(raw)}`);
    return;
  }
  if (raw._mode !== undefined && !Object.values(CacheMode).includes(raw._mode as CacheMode)) {
    d.error(path, `cache mode must be one of ${Object.values(CacheMode).map((m) => JSON.stringify(m)).join(', ')}, got ${describe(raw._mode)}`);
  }
  const value = raw._value;
  switch (raw._backend) {
    case 'registry': {
      validateReadImages(d, path, raw._readImages);
      if (value === undefined) return;
      if (typeof value !== 'string') {
        d.error(path, `cache ref must be a string, got ${describe(value)}`);
        return;
      }
      const parsed = parseImageReference(value);
      if (typeof parsed === 'string') {
        d.error(path, `cache ref: ${parsed}`);
      } else if (parsed.digest !== undefined) {
        d.error(path, `cache ref "${value}" must not hold a digest: the cache export moves it`);
      } else if (parsed.tag === undefined) {
        d.error(path, `cache ref "${value}" needs a tag, e.g. "${value}:buildcache"`);
      } else if (parsed.tag.length > MAX_CACHE_TAG) {
        d.error(path, `cache ref tag "${parsed.tag}" must be at most ${MAX_CACHE_TAG} characters: the chain derives <tag>-branch-<branch> (up to 128) from it`);
      }
      return;
    }
    case 'gha':
      if (value === undefined) return;
      if (typeof value !== 'string' || !SCOPE.test(value)) {
        d.error(path, `cache scope ${describe(value)} must be 1-80 letters, digits, ".", "_" or "-", starting with a letter or digit`);
      }
      return;
    case 'local': {
      if (typeof value !== 'string') {
        d.error(path, `cache dir must be a string, got ${describe(value)}`);
        return;
      }
      const normalized = normalizeProjectPath(value);
      if ('reason' in normalized) d.error(path, `cache dir "${value}" ${normalized.reason}`);
      return;
    }
    default:
      return;
  }
}

/** Longest tag of a registry cache ref: `<tag>-branch-` plus a 100-character branch stays within 128. */
const MAX_CACHE_TAG = 20;

/** A Docker tag. */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Checks `readImages` of a registry policy: an array of CacheSources, image tags valid Docker tags, no repeats. */
function validateReadImages(d: Diagnostics, path: string, raw: unknown): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) {
    d.error(path, `cache readImages must be an array of CacheSource, got ${describe(raw)}`);
    return;
  }
  const seen = new Set<string>();
  raw.forEach((source: unknown, i) => {
    if (!CacheSource.isCacheSource(source)) {
      d.error(path, `cache readImages[${i}] must be a CacheSource (e.g. CacheSource.imageTag('v2')), got ${describe(source)}`);
      return;
    }
    const tag = source._tag;
    if (source._kind === 'image-tag' && (typeof tag !== 'string' || !TAG.test(tag))) {
      d.error(path, `cache readImages[${i}]: tag ${describe(tag)} must be 1-128 letters, digits, "_", "." or "-", not starting with "." or "-"`);
      return;
    }
    const key = source._kind === 'image-tag' ? `tag ${String(tag)}` : 'the pull-request image';
    if (seen.has(key)) d.error(path, `cache readImages[${i}] repeats ${key}`);
    seen.add(key);
  });
}

/** Checks `maxSizeMb` of an image: a finite number above 0 and at most {@link MAX_SIZE_MB}. @internal */
export function validateSizeBudget(d: Diagnostics, path: string, raw: unknown): void {
  if (raw === undefined) return;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw <= 0 || raw > MAX_SIZE_MB) {
    d.error(path, `maxSizeMb must be a number above 0 and at most ${MAX_SIZE_MB}, got ${describe(raw)}`);
  } else if (raw < 0.000001) {
    d.error(path, `maxSizeMb must be at least 0.000001 (one byte), got ${raw}`);
  }
}
