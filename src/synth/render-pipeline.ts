import type { github } from 'projen';
import { renderBakeJson } from '../bake/plan-to-bake';
import { printDockerfile } from '../dockerfile/printer';
import { renderContainersDoc } from '../docs/containers-doc';
import { renderMakefile } from '../make/plan-to-makefile';
import { renderDigestsEnv } from '../pin/digests-env';
import type { BuildPlan, PlannedDockerfile, PlannedWorkflow } from '../plan/build-plan';
import { containersJobs } from '../workflow/jobs';

/** Every output of a plan as text (and the workflow as typed jobs), rendered before any file object exists. @internal */
export interface RenderedPipeline {
  readonly files: ReadonlyArray<{ readonly path: string; readonly content: string }>;
  /** Each workflow with its jobs (none when disabled). */
  readonly workflows: ReadonlyArray<{ readonly plan: PlannedWorkflow; readonly jobs: Record<string, github.workflows.Job> }>;
}

/**
 * Renders every output of a validated plan. A throw here is an internal error (the plan broke an invariant that
 * validation should have caught); it happens before any file object is created, so nothing is written either way.
 * @param plan the validated plan
 * @param marker projen's marker text, `undefined` when the project is ejected
 * @internal
 */
export function renderPipeline(plan: BuildPlan, marker: string | undefined): RenderedPipeline {
  const m = marker ?? '';
  const files = [
    ...plan.dockerfiles.map((file) => ({ path: file.path, content: dockerfileText(file, marker) })),
    { path: plan.outputs.makefile, content: renderMakefile(plan, m) },
    { path: plan.outputs.bakeFile, content: renderBakeJson(plan, m) },
    { path: plan.outputs.docs, content: renderContainersDoc(plan, m) },
    ...(plan.outputs.digestsEnv !== undefined ? [{ path: plan.outputs.digestsEnv, content: renderDigestsEnv(plan.pins, marker) }] : []),
  ];
  return { files, workflows: plan.workflows.map((w) => ({ plan: w, jobs: containersJobs(plan, w) })) };
}

/** The `# syntax=` directive (parser directives must come first), the marker comment, then the instructions. */
function dockerfileText(file: PlannedDockerfile, marker: string | undefined): string {
  const head = [file.directive !== undefined ? `# syntax=${file.directive}` : undefined, marker !== undefined ? `# ${marker}` : undefined];
  return head.filter((l) => l !== undefined).map((l) => `${l}\n`).join('') + printDockerfile(file.model.lines);
}
