import type { BuildPlan } from '../plan/build-plan';
import { BUILD_FACT_VARIABLES } from '../plan/variables';

/**
 * The build facts (`GIT_REVISION`, `GIT_CREATED`, …) that the planned labels read, in the order of
 * `BUILD_FACT_VARIABLES`: what `make print-build-facts` prints and what CI hands from the `tag` job to the bake jobs.
 * @internal
 */
export function labelBuildFacts(plan: BuildPlan): string[] {
  const read = new Set(plan.images.flatMap((image) => image.labels.flatMap((l) => (l.value.kind === 'variable' ? [l.value.name] : []))));
  return Object.values(BUILD_FACT_VARIABLES).filter((name) => read.has(name));
}
