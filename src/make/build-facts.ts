import { cacheVariables } from '../cache/plan-cache';
import type { BuildPlan } from '../plan/build-plan';
import { BUILD_FACT_VARIABLES, CACHE_FACT_VARIABLES } from '../plan/variables';

/**
 * The build facts (`GIT_REVISION`, `GIT_CREATED`, …) that the planned labels read, `SOURCE_DATE_EPOCH` when builds
 * are reproducible, then the facts the cache chain reads (`GIT_PR`, `CACHE_BRANCH`, `CACHE_SUFFIX`), in table order:
 * what `make print-build-facts` prints and what CI hands from the `tag` job to the bake jobs (buildx reads
 * `SOURCE_DATE_EPOCH` from the environment).
 * @internal
 */
export function labelBuildFacts(plan: BuildPlan): string[] {
  const read = new Set(plan.images.flatMap((image) => image.labels.flatMap((l) => (l.value.kind === 'variable' ? [l.value.name] : []))));
  if (plan.supply?.reproducible === true) read.add(BUILD_FACT_VARIABLES.sourceDateEpoch);
  const cached = new Set(cacheVariables(plan.images));
  const handed = [CACHE_FACT_VARIABLES.branch, CACHE_FACT_VARIABLES.suffix];
  return [
    ...Object.values(BUILD_FACT_VARIABLES).filter((name) => read.has(name) || cached.has(name)),
    ...handed.filter((name) => cached.has(name)),
  ];
}
