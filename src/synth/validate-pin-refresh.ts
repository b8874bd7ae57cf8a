import type { PipelineSettings } from './settings';
import { branchProblem } from '../core/branch-name';
import type { Diagnostics } from '../core/diagnostics';
import { RUNNER_LABELS } from '../workflow/runner-labels';
import { cronProblem, workflowTextProblem } from '../workflow/validate-workflows';
import { WORKFLOW_NAME } from '../workflow/workflow-name';

/**
 * Checks `pinning.refreshWorkflow`: its name (also its file name), cron schedule and pull-request branch, which must
 * not be the default branch the workflow bases it on (each run resets that branch). Findings name the pipeline's path.
 * @internal
 */
export function validatePinRefresh(d: Diagnostics, s: PipelineSettings): void {
  const refresh = s.pinning.refresh;
  if (refresh === undefined) return;
  const err = (message: string) => d.error(s.path, `pinning.refreshWorkflow.${message}`);
  if (!WORKFLOW_NAME.test(refresh.name)) {
    err(`name ${JSON.stringify(refresh.name)} must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit (it is also the file name)`);
  }
  if (s.workflow.declarations.some((w) => w.name === refresh.name)) {
    err(`name ${JSON.stringify(refresh.name)} is also the name of a workflow of the pipeline; give the refresh workflow another name`);
  }
  const cron = workflowTextProblem(refresh.schedule) ?? cronProblem(refresh.schedule);
  if (cron) err(`schedule ${JSON.stringify(refresh.schedule)} ${cron}`);
  const branch = workflowTextProblem(refresh.branch) ?? branchProblem(refresh.branch);
  if (branch) {err(`branch ${JSON.stringify(refresh.branch)} is not a branch name: it ${branch}`);} else if (refresh.branch === s.workflow.defaultBranch) {
    err(`branch ${JSON.stringify(refresh.branch)} is the default branch (workflow.defaultBranch); the workflow resets its branch on every run, so it needs a branch of its own`);
  }
  // the pipeline's workflows check the runner label; without any, nothing else would
  if (s.workflow.declarations.length === 0 && !RUNNER_LABELS.includes(s.workflow.runsOn)) {
    d.error(s.path, `workflow.runsOn ${JSON.stringify(s.workflow.runsOn)} (the runner of the pin refresh workflow) must be a GitHub-hosted Linux runner label or "self-hosted": one of ${RUNNER_LABELS.join(', ')}`);
  }
}
