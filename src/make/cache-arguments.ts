import { recipeWord } from './make-escape';
import type { PlannedCacheSpec, PlannedImage } from '../plan/build-plan';
import { CACHE_TO_VARIABLE } from '../plan/variables';

/** Variable names spliced into recipes as `"$$NAME"`. */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The cache arguments of `docker buildx build` for an image with a cache: `--cache-from <spec>` per read, then
 * `$${CACHE_TO:+--cache-to <spec>}`, so a build writes the cache only when `CACHE_TO` is non-empty. Literal parts
 * are single-quoted, variables read from the environment in double quotes (`'type=registry,ref='"$$REGISTRY"'/…'`).
 * @internal
 */
export function cacheArguments(image: PlannedImage): string[] {
  const cache = image.cache;
  if (cache === undefined) return [];
  const what = `image ${image.id}: cache`;
  return [
    ...cache.from.map((spec) => `--cache-from ${cacheWord(spec, what)}`),
    `$\${${CACHE_TO_VARIABLE}:+--cache-to ${cacheWord(cache.to, what)}}`,
  ];
}

/** One cache spec as one shell word in a recipe. */
function cacheWord(spec: PlannedCacheSpec, what: string): string {
  return spec.map((segment) => {
    if (segment.kind === 'literal') return recipeWord(segment.text, what);
    if (!VARIABLE.test(segment.name)) throw new Error(`internal error: ${what}: ${JSON.stringify(segment.name)} is not a variable name`);
    return `"$$${segment.name}"`;
  }).join('');
}
