import type { BuildPlan, PlannedWorkflow } from '../plan/build-plan';
import { publishedVariableOf } from '../plan/variables';

/** A repository path and a tag: nothing GitHub or the shell evaluates. */
const PLAIN = /^[a-z0-9._/-]+$/;

/**
 * The bake environment naming the published parents of the workflow's images that it does not select:
 * `<PARENT>_IMAGE_PUBLISHED: <registry>/<parent repository>:<parentTag>` for each, so bake pulls the parent (seed
 * 001: the app workflow builds on the runtime its own workflow published) instead of building it too.
 * @param registry the `REGISTRY` value of the job (a literal or a step output expression)
 * @throws `internal error` when a repository or the tag is not plain (validation guarantees both)
 * @internal
 */
export function publishedParentEnv(plan: BuildPlan, wf: PlannedWorkflow, registry: string): Record<string, string> {
  const selected = new Set(wf.images);
  const env: Record<string, string> = {};
  for (const image of plan.images.filter((candidate) => selected.has(candidate.id))) {
    for (const context of image.parentContexts) {
      if (selected.has(context.image)) continue;
      const parent = plan.images.find((candidate) => candidate.id === context.image);
      if (parent === undefined) throw new Error(`internal error: image ${image.id}: unknown parent ${context.image}`);
      if (!PLAIN.test(parent.repository) || !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(wf.parentTag)) {
        throw new Error(`internal error: workflow ${wf.name}: parent ${parent.id} ${JSON.stringify(parent.repository)}:${JSON.stringify(wf.parentTag)} is not plain`);
      }
      env[publishedVariableOf(parent.imageVariable)] = `${registry}/${parent.repository}:${wf.parentTag}`;
    }
  }
  return env;
}
