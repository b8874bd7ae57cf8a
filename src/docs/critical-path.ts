import { compareStrings } from '../core/graph';
import type { BuildPlan, PlannedWorkflow } from '../plan/build-plan';
import { containersJobs, JOB_IDS } from '../workflow/jobs';
import { fanOutPlatforms } from '../workflow/platform-jobs';

/** The critical path of a workflow's publishing run in CONTAINERS.md. @internal */
export interface CriticalPathView {
  /**
   * `` `tag` → `build-linux-amd64` ∥ `build-linux-arm64` → `merge-app` ``: the job rounds, in order; `''` for a workflow
   * that never publishes (pull requests only).
   */
  readonly criticalPath: string;
  /** Lines of a Mermaid `graph LR` of the same jobs (without the fences): one edge per direct `needs`. */
  readonly jobGraph: readonly string[];
  /** Whether publishing fans out over platforms (one job per platform, one merge per image). */
  readonly fansOut: boolean;
}

/**
 * The jobs a publishing run of the workflow goes through (push, manual or scheduled runs), read
 * from the generated jobs themselves, grouped in rounds by their longest `needs` chain: jobs of one round run in
 * parallel (`∥`), each round waits for the one before (`→`).
 * @internal
 */
export function criticalPathOf(plan: BuildPlan, wf: PlannedWorkflow): CriticalPathView {
  const t = wf.triggers;
  if (t.push === undefined && t.dispatch === undefined && t.schedule.length === 0) return { criticalPath: '', jobGraph: [], fansOut: false };
  const jobs = containersJobs(plan, wf);
  const needsOf = (id: string): string[] => {
    const needs = jobs[id]?.needs ?? [];
    return [...needs];
  };
  const publishing = Object.keys(jobs).filter((id) => id === JOB_IDS.tag || id === JOB_IDS.publish || id === JOB_IDS.sign || /^(build-.+|merge-.+)$/.test(id) && jobs[id].if !== "github.event_name == 'pull_request'");
  const ids = publishing;
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const value = Math.max(0, ...needsOf(id).filter((n) => ids.includes(n)).map((n) => depthOf(n) + 1));
    depth.set(id, value);
    return value;
  };
  const rounds: string[][] = [];
  for (const id of ids) (rounds[depthOf(id)] ??= []).push(id);
  const criticalPath = rounds.map((round) => round.map((id) => `\`${id}\``).join(' ∥ ')).join(' → ');
  // node ids by position: job ids may differ only in `-` and `_`
  const node = (id: string) => `j${ids.indexOf(id)}`;
  const edges = ids.flatMap((id) => {
    const direct = needsOf(id).filter((n) => ids.includes(n));
    // an edge implied by a longer chain (merge needs tag through its platform jobs) is left out
    const implied = (n: string) => direct.some((other) => other !== n && reaches(other, n));
    return direct.filter((n) => !implied(n)).sort(compareStrings).map((n) => `  ${node(n)} --> ${node(id)}`);
  });
  function reaches(from: string, to: string): boolean {
    return needsOf(from).some((n) => n === to || reaches(n, to));
  }
  return {
    criticalPath,
    jobGraph: ['graph LR', ...ids.map((id) => `  ${node(id)}["${id}"]`), ...edges],
    fansOut: fanOutPlatforms(plan, wf).length > 0,
  };
}
