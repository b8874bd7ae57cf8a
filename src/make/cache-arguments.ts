import { recipeWord } from './make-escape';
import type { PlannedCacheSpec, PlannedImage } from '../plan/build-plan';
import { CACHE_FACT_VARIABLES, CACHE_TO_VARIABLE } from '../plan/variables';

/** Variable names spliced into recipes as `"$$NAME"`. */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A platforms word (`linux-amd64`, `native`): tag characters only, nothing the shell expands. */
const PLATFORMS_WORD = /^[a-z0-9_.-]+$/;

/**
 * The cache arguments of `docker buildx build` for an image with a cache: `--cache-from <spec>` per read (a read
 * with a condition as `$${NAME:+--cache-from <spec>}`, passed only while `NAME` is non-empty), then
 * `$${CACHE_TO:+--cache-to <spec>}` per write, so a build writes the cache only when `CACHE_TO` is non-empty. Literal
 * parts are single-quoted, variables read from the environment in double quotes (`'type=registry,ref='"$$REGISTRY"'/…'`).
 * @internal
 */
export function cacheArguments(image: PlannedImage): string[] {
  const cache = image.cache;
  if (cache === undefined) return [];
  const what = `image ${image.id}: cache`;
  return [
    ...cache.from.map((read) => (read.when === undefined
      ? `--cache-from ${cacheWord(read.spec, what)}`
      : `$\${${checkName(read.when, what)}:+--cache-from ${cacheWord(read.spec, what)}}`)),
    ...cache.to.map((spec) => `$\${${CACHE_TO_VARIABLE}:+--cache-to ${cacheWord(spec, what)}}`),
  ];
}

/** One cache spec as one shell word in a recipe. */
function cacheWord(spec: PlannedCacheSpec, what: string): string {
  return spec.map((segment) => {
    if (segment.kind === 'literal') return recipeWord(segment.text, what);
    if (segment.kind === 'platforms') {
      if (!PLATFORMS_WORD.test(segment.planned)) throw new Error(`internal error: ${what}: platforms ${JSON.stringify(segment.planned)} is not a tag word`);
      return `"$\${${CACHE_FACT_VARIABLES.platforms}:-${segment.planned}}"`;
    }
    return `"$$${checkName(segment.name, what)}"`;
  }).join('');
}

function checkName(name: string, what: string): string {
  if (!VARIABLE.test(name)) throw new Error(`internal error: ${what}: ${JSON.stringify(name)} is not a variable name`);
  return name;
}
