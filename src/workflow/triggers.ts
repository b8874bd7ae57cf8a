import type { PlannedRefFilter, PlannedTriggers } from '../plan/build-plan';

/**
 * The `on:` object of a workflow, keys as GitHub spells them (`pull_request`, `paths-ignore`, `workflow_dispatch`),
 * in a fixed order; empty lists are left out.
 * @internal
 */
export function renderTriggers(t: PlannedTriggers): Record<string, unknown> {
  const on: Record<string, unknown> = {};
  if (t.push !== undefined) on.push = refFilter(t.push);
  if (t.pullRequest !== undefined) on.pull_request = refFilter(t.pullRequest);
  if (t.dispatch !== undefined) {
    const inputs: Record<string, unknown> = {};
    for (const i of t.dispatch.inputs) {
      inputs[i.name] = {
        description: i.description,
        required: i.required,
        type: i.type,
        ...(i.default !== undefined ? { default: i.type === 'boolean' ? i.default === 'true' : i.type === 'number' ? Number(i.default) : i.default } : {}),
        ...(i.options.length > 0 ? { options: [...i.options] } : {}),
      };
    }
    on.workflow_dispatch = t.dispatch.inputs.length > 0 ? { inputs } : {};
  }
  if (t.schedule.length > 0) on.schedule = t.schedule.map((cron) => ({ cron }));
  return on;
}

function refFilter(f: PlannedRefFilter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.types.length > 0) out.types = [...f.types];
  if (f.branches.length > 0) out.branches = [...f.branches];
  if (f.tags.length > 0) out.tags = [...f.tags];
  if (f.paths.length > 0) out.paths = [...f.paths];
  if (f.pathsIgnore.length > 0) out['paths-ignore'] = [...f.pathsIgnore];
  return out;
}
