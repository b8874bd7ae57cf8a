import { github } from 'projen';
import type { WorkflowDeclaration } from './workflow-settings';
import type { Diagnostics } from '../core/diagnostics';
import { variablePrefix } from '../core/names';
import { sourceOf } from '../image/image-source';
import { EMPTY_LOCK } from '../pin/lockfile';
import type { BuildPlan, PlannedDispatchInput, PlannedWorkflow } from '../plan/build-plan';
import { tagVariableNames } from '../plan/tag-variable-names';
import { SETTING_VARIABLES, tagVariableOf } from '../plan/variables';
import { isTag } from '../reference/image-reference';
import { Pins } from '../synth/pin-lock';
import type { PipelineIndex } from '../synth/pipeline-index';
import type { PipelineSettings } from '../synth/settings';
import { StageSourceResolver } from '../synth/stage-sources';
import { imageTagVariables } from '../tags/image-tag-rules';

/**
 * What a variable a dispatch input may set holds: a tag (`TAG`, `<FAMILY>_TAG`, `<IMAGE ID>_TAG`, an external
 * family's tag) or an image reference or registry (a base image variable, an external family's registry).
 * @internal
 */
export type DispatchValueKind = 'tag' | 'reference';

/** Shell regular expressions (bash `[[ =~ ]]`) a value must match at run time, per kind; also checked at synthesis. */
const VALUE_PATTERNS: Readonly<Record<DispatchValueKind, string>> = {
  tag: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$',
  reference: '^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$',
};

/**
 * The variables a workflow's dispatch inputs may set: `TAG`, the tag variables of its images (their families' and
 * their own), and every pipeline variable (base images, external families' registries and tags), with what they hold.
 * @internal
 */
export function dispatchTargets(index: PipelineIndex, settings: PipelineSettings, w: WorkflowDeclaration): Map<string, DispatchValueKind> {
  const targets = new Map<string, DispatchValueKind>([[SETTING_VARIABLES.tag, 'tag']]);
  const all = w.families === undefined && w.images === undefined;
  for (const image of index.images) {
    const id = index.imageId(image);
    const family = index.familyOf(image).node.id;
    if (!all && !(w.families ?? []).includes(family) && !(w.images ?? []).includes(id)) continue;
    targets.set(image._props.tags !== undefined ? imageTagVariables(id).tagVariable : tagVariableOf(variablePrefix(family)), 'tag');
  }
  const sources = new StageSourceResolver(index, settings, new Pins(EMPTY_LOCK));
  for (const stage of index.stages) {
    const source = sourceOf(stage.from);
    if (source === undefined) continue;
    const args = sources.resolve(stage).buildArgs;
    // an external family passes its registry and its tag; a registry base its reference
    args.forEach((arg, n) => targets.set(arg.variable, source.kind === 'external' && n === 1 ? 'tag' : 'reference'));
  }
  return targets;
}

/**
 * Checks the `variable` of every dispatch input: a variable of the plan the workflow may set (see
 * {@link dispatchTargets}), set by one input only, and an input type whose values fit it (a tag or an image reference:
 * never a boolean or an environment; a number only for a tag; every option of a choice and the default must fit).
 * @internal
 */
export function validateDispatchVariables(d: Diagnostics, index: PipelineIndex, settings: PipelineSettings): void {
  for (const w of settings.workflow.declarations) {
    const mapped = (w.dispatch?.inputs ?? []).filter((i) => i.variable !== undefined);
    if (mapped.length === 0) continue;
    const targets = dispatchTargets(index, settings, w);
    const owners = new Map<string, string>();
    for (const input of mapped) {
      const variable = input.variable!;
      const what = `dispatch input ${JSON.stringify(input.name)}: variable ${JSON.stringify(variable)}`;
      const kind = targets.get(variable);
      if (kind === undefined) {
        const known = [...targets.keys()].sort();
        d.error(w.path, `${what} is not a variable this workflow's build reads; use one of ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`);
        continue;
      }
      const other = owners.get(variable);
      if (other !== undefined) d.error(w.path, `${what} is also set by dispatch input ${JSON.stringify(other)}; one input per variable`);
      owners.set(variable, input.name);
      const typeProblem = input.type === 'boolean' || input.type === 'environment' || (input.type === 'number' && kind === 'reference')
        ? `${input.type === 'environment' ? 'an' : 'a'} ${input.type} input cannot hold ${kind === 'tag' ? 'a tag' : 'an image reference'}; use a string or choice input` : undefined;
      if (typeProblem) d.error(w.path, `${what}: ${typeProblem}`);
      for (const value of [...(input.default === undefined ? [] : [input.default]), ...input.options]) {
        if (!fits(kind, value)) d.error(w.path, `${what}: ${JSON.stringify(value)} is not ${kind === 'tag' ? 'a valid tag' : 'an image reference'}`);
      }
    }
  }
}

function fits(kind: DispatchValueKind, value: string): boolean {
  return kind === 'tag' ? isTag(value) : new RegExp(VALUE_PATTERNS.reference).test(value);
}

/** Which job sets a mapped variable: the `tag` job the tag variables (it computes the tags), the bake step the others. */
export type DispatchJob = 'tag' | 'bake';

/**
 * A step's part of the dispatch inputs mapped to variables: `env` (`DISPATCH_<VARIABLE>: ${{ inputs.<name> }}`) and
 * the shell lines to put before its command, which check a non-empty value against the variable's kind and export it
 * (`VARIABLE="$DISPATCH_VARIABLE"`); an empty input (or another event) leaves the variable alone. No `${{ }}` reaches
 * `run:`. The `tag` job sets the tag variables (its outputs carry them to the bake jobs); the bake step the others.
 * @internal
 */
export function dispatchAssignments(plan: BuildPlan, wf: PlannedWorkflow, job: DispatchJob): { env: Record<string, string>; lines: string[] } {
  const tags = new Set([SETTING_VARIABLES.tag, ...tagVariableNames(plan, wf.images)]);
  const env: Record<string, string> = {};
  const lines: string[] = [];
  for (const input of wf.triggers.dispatch?.inputs ?? []) {
    const variable = input.variable;
    if (variable === undefined || tags.has(variable) !== (job === 'tag')) continue;
    checkName(variable);
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(input.name)) throw new Error(`internal error: dispatch input name ${JSON.stringify(input.name)}`);
    const holder = `DISPATCH_${variable}`;
    env[holder] = `\${{ inputs.${input.name} }}`;
    const pattern = VALUE_PATTERNS[job === 'tag' ? 'tag' : 'reference'];
    lines.push(
      `if [ -n "$${holder}" ]; then`,
      `  if ! [[ "$${holder}" =~ ${pattern} ]]; then echo "::error::input ${input.name} is not a valid value for ${variable}" >&2; exit 1; fi`,
      `  export ${variable}="$${holder}"`,
      'fi',
    );
  }
  return { env, lines };
}

/** The dispatch inputs of a workflow that set a variable, for the docs. @internal */
export function mappedInputs(wf: PlannedWorkflow): PlannedDispatchInput[] {
  return (wf.triggers.dispatch?.inputs ?? []).filter((i) => i.variable !== undefined);
}

/** Adds the dispatch assignments of `job` to a `run:` step (env merged, lines before its command). @internal */
export function withDispatchInputs(step: github.workflows.JobStep, plan: BuildPlan, wf: PlannedWorkflow, job: DispatchJob): github.workflows.JobStep {
  const { env, lines } = dispatchAssignments(plan, wf, job);
  if (lines.length === 0) return step;
  return { ...step, env: { ...step.env, ...env }, run: [...lines, step.run].join('\n') };
}

function checkName(name: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`internal error: dispatch variable ${JSON.stringify(name)} is not a variable name`);
}
