import { Component, Project, Testing } from 'projen';
import type { BuildPlan } from '../../src/plan/build-plan';
import { addContainersWorkflow } from '../../src/workflow';
import { containersJobs } from '../../src/workflow/jobs';

export const BAKE_FILE = 'docker-bake.json';

/** Calls `addContainersWorkflow` from `preSynthesize()` with the jobs rendered from the plan, as the pipeline does. */
export class WorkflowAtSynth extends Component {
  public constructor(project: Project, private readonly plan: BuildPlan) {
    super(project);
  }

  public preSynthesize(): void {
    for (const wf of this.plan.workflows) addContainersWorkflow(this.project, wf, containersJobs(this.plan, wf));
  }
}

/** Synthesizes a fresh `new Project({ name: 'x' })` whose workflow is added at synth time; returns every file. */
export function synthPlan(plan: BuildPlan): Record<string, any> {
  const project = new Project({ name: 'x' });
  new WorkflowAtSynth(project, plan);
  return Testing.synth(project);
}

/** The text of the first (or the named) workflow of `plan`, synthesized as above. */
export function synthWorkflow(plan: BuildPlan, fileName = plan.workflows[0]?.fileName): string {
  const text = synthPlan(plan)[`.github/workflows/${fileName}`];
  if (typeof text !== 'string') {
    throw new Error(`no workflow file for ${fileName}`);
  }
  return text;
}
