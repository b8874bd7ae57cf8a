import type { github } from 'projen';
import { GITHUB_RUNTIME, pinnedUses } from './action-pins';
import { usesCache, usesGhaCache } from '../cache/plan-cache';
import type { PlannedImage } from '../plan/build-plan';

/**
 * Who a bake job writes the cache for:
 * - `publish`: pushes, manual and scheduled runs (write access to the repository): every backend.
 * - `pull-request`: the job pushing `pr-<N>` images of a same-repository pull request: registry caches only (their
 *   write goes to `<ref>-pr-<N>`, which only that pull request reads; its author can push branches of the repository
 *   and `pr-<N>` images anyway), never gha (GitHub scopes pull-request caches to the merge ref; the policy keeps every
 *   gha write on reviewed code). If any selected image has a gha cache the job writes nothing (`CACHE_TO` is global).
 * - `platform`: a publishing job of one platform (publishing fanned out over platforms): gha caches only, whose scope
 *   names the platform; a registry cache ref is one manifest that every platform job would overwrite with its own
 *   platform's layers, so if any selected image has a registry (or other) cache the job writes nothing.
 * Jobs of pull requests from forks never write (they get no `writeCache`).
 * @internal
 */
export type CacheWriter = 'publish' | 'pull-request' | 'platform';

/** Whether a bake job of `writer` over `images` sets `CACHE_TO`. @internal */
export function writesCache(images: readonly PlannedImage[], writer: CacheWriter | undefined): boolean {
  if (writer === undefined || !usesCache(images)) return false;
  if (writer === 'platform') return images.every((image) => image.cache === undefined || image.cache.backend === 'gha');
  return writer === 'publish' || !usesGhaCache(images);
}

/**
 * The steps a bake job over `images` needs for its cache: with a gha cache, the pinned action exporting the Actions
 * runtime token and cache URL to later steps (a `run:` step does not get them, and the gha backend needs them to read
 * and to write).
 * @internal
 */
export function cacheSteps(images: readonly PlannedImage[]): github.workflows.JobStep[] {
  if (!usesGhaCache(images)) return [];
  return [{ id: 'github-runtime', name: 'Expose the Actions cache runtime to docker buildx', uses: pinnedUses(GITHUB_RUNTIME) }];
}
