import { readPlatformRunners } from './platform-runners';
import { WorkflowRegistry } from './workflow-registry';
import type { Diagnostics } from '../core/diagnostics';
import { UntypedReader } from '../core/untyped';
import type { PlannedDispatchInput, PlannedRegistry } from '../plan/build-plan';

/** The tag of published parents a workflow does not select. @internal */
export const DEFAULT_PARENT_TAG = 'latest';

/** A workflow as declared (props or `addWorkflow`), every default resolved but images not yet selected. @internal */
export interface WorkflowDeclaration {
  /** Construct path for messages, `<pipeline>/workflow.<id>`. */
  readonly path: string;
  readonly id: string;
  readonly name: string;
  /** Selected families and images; both undefined = every image. */
  readonly families?: readonly string[];
  readonly images?: readonly string[];
  readonly push?: { readonly branches: readonly string[]; readonly tags: readonly string[] };
  readonly pullRequest?: { readonly branches: readonly string[] };
  readonly dispatch?: { readonly inputs: readonly PlannedDispatchInput[] };
  readonly schedule: readonly string[];
  readonly pathsFromInputs: boolean;
  readonly paths: readonly string[];
  readonly pathsIgnore: readonly string[];
  readonly registry: PlannedRegistry;
  readonly usernameSecret?: string;
  readonly passwordSecret?: string;
  readonly runsOn: string;
  /** Runner label per platform (the pipeline's `workflow.platformRunners`, then the workflow's own). */
  readonly platformRunners: Readonly<Record<string, string>>;
  readonly timeoutMinutes: number;
  /** Tag of published parents the workflow does not select (default `latest`). */
  readonly parentTag: string;
  readonly pullRequestImages?: { readonly comment: boolean; readonly deleteOnClose: boolean; readonly stableTag?: string };
}

/** The pipeline-wide workflow settings. @internal */
export interface WorkflowSettings {
  readonly enabled: boolean;
  /** The `workflow.defaultBranch` option (default `main`). */
  readonly defaultBranch: string;
  /** The `workflow.runsOn` option (default `ubuntu-24.04`), also the runner of the pin refresh workflow. */
  readonly runsOn: string;
  /** The `workflow.timeoutMinutes` option (default 60), also the time limit of the pin refresh workflow. */
  readonly timeoutMinutes: number;
  /** The workflows to generate (the single default one when none is declared); empty when disabled. */
  readonly declarations: readonly WorkflowDeclaration[];
}

/** The registry whose login uses the workflow's own `GITHUB_TOKEN`. @internal */
export const GHCR_HOST = 'ghcr.io';

/**
 * Reads `props.workflow` and the declared workflows (`props.workflows`, then `addWorkflow` calls) into settings.
 * Wrong types are reported to `d`; nothing throws.
 * @param path construct path of the pipeline
 * @param declared `addWorkflow(id, options)` calls in order
 * @internal
 */
export function resolveWorkflowSettings(
  rawProps: Record<string, unknown>, declared: ReadonlyArray<{ readonly id: unknown; readonly options: unknown }>,
  path: string, d: Diagnostics,
): WorkflowSettings {
  const r = new UntypedReader(d, path);
  const wfRaw = r.optionalObject('workflow', rawProps.workflow);
  const enabled = r.optionalBoolean('workflow.enabled', wfRaw.enabled) ?? true;
  const defaultBranch = r.optionalString('workflow.defaultBranch', wfRaw.defaultBranch) ?? 'main';
  const registry = typeof rawProps.registry === 'string' ? rawProps.registry : '';
  const ghcr = registry.split('/')[0] === GHCR_HOST;
  const common = {
    runsOn: r.optionalString('workflow.runsOn', wfRaw.runsOn) ?? 'ubuntu-24.04',
    timeoutMinutes: r.optionalInteger('workflow.timeoutMinutes', wfRaw.timeoutMinutes, 1, 360) ?? 60,
    usernameSecret: r.optionalString('workflow.usernameSecret', wfRaw.usernameSecret) ?? 'REGISTRY_USERNAME',
    passwordSecret: r.optionalString('workflow.passwordSecret', wfRaw.passwordSecret) ?? 'REGISTRY_PASSWORD',
    platformRunners: readPlatformRunners(d, path, 'workflow.platformRunners', wfRaw.platformRunners) ?? {},
  };
  const entries: Array<{ id: unknown; options: unknown; what: string }> = [];
  if (rawProps.workflows !== undefined) {
    if (!Array.isArray(rawProps.workflows)) {
      d.error(path, 'workflows must be an array of workflow definitions');
    } else {
      rawProps.workflows.forEach((w, i) => {
        const name = typeof w === 'object' && w !== null ? (w as Record<string, unknown>).name : undefined;
        entries.push({ id: name, options: w, what: `workflows[${i}]` });
      });
    }
  }
  for (const w of declared) entries.push({ id: w.id, options: w.options, what: `addWorkflow(${JSON.stringify(typeof w.id === 'string' ? w.id : String(w.id))})` });

  const shared = { enabled, defaultBranch, runsOn: common.runsOn, timeoutMinutes: common.timeoutMinutes };
  if (!enabled) return { ...shared, declarations: [] };
  if (entries.length === 0) {
    const name = r.optionalString('workflow.name', wfRaw.name) ?? 'containers';
    return {
      ...shared,
      declarations: [{
        path,
        id: name,
        name,
        push: { branches: [defaultBranch], tags: ['v*'] },
        pullRequest: { branches: [defaultBranch] },
        dispatch: { inputs: [] },
        schedule: [],
        pathsFromInputs: false,
        paths: [],
        pathsIgnore: [],
        registry: { kind: 'literal', registry },
        // it builds every image: no parent is left to pull
        parentTag: DEFAULT_PARENT_TAG,
        ...common,
        usernameSecret: ghcr ? undefined : common.usernameSecret,
        passwordSecret: ghcr ? undefined : common.passwordSecret,
      }],
    };
  }
  if (wfRaw.name !== undefined) {
    d.warning('workflow-name-ignored', path, 'workflow.name only names the default workflow, which declared workflows replace: name each declared workflow instead');
  }
  const declarations = entries.map((e) => readDeclaration(e, path, registry, defaultBranch, common, d));
  return { ...shared, declarations };
}

/** The pipeline's `workflow` settings every declared workflow starts from. */
interface CommonWorkflowSettings {
  readonly runsOn: string;
  readonly timeoutMinutes: number;
  readonly usernameSecret: string;
  readonly passwordSecret: string;
  readonly platformRunners: Record<string, string>;
}

function readDeclaration(
  entry: { id: unknown; options: unknown; what: string }, pipelinePath: string, pipelineRegistry: string, defaultBranch: string,
  common: CommonWorkflowSettings, d: Diagnostics,
): WorkflowDeclaration {
  const id = typeof entry.id === 'string' ? entry.id : '';
  const path = `${pipelinePath}/workflow.${id === '' ? entry.what : id}`;
  const r = new UntypedReader(d, path);
  if (typeof entry.id !== 'string') d.error(path, `${entry.what}: the workflow needs a name (its id), got ${entry.id === undefined ? 'none' : typeof entry.id}`);
  const o = r.optionalObject('options', entry.options);
  const name = r.optionalString('name', o.name) ?? id;
  const pushRaw = o.push === undefined ? undefined : r.optionalObject('push', o.push);
  const prRaw = o.pullRequest === undefined ? undefined : r.optionalObject('pullRequest', o.pullRequest);
  const dispatchRaw = o.dispatch === undefined ? undefined : r.optionalObject('dispatch', o.dispatch);
  const pushTags = pushRaw ? r.strings('push.tags', pushRaw.tags) ?? [] : [];
  const pathsIgnore = r.strings('pathsIgnore', o.pathsIgnore) ?? [];
  const registry = readRegistry(r, o.registry, pipelineRegistry);
  const loginWithToken = registry.kind === 'ghcr-owner' || (registry.kind === 'literal' && registry.registry.split('/')[0] === GHCR_HOST);
  const prImagesRaw = o.pullRequestImages === undefined ? undefined : r.optionalObject('pullRequestImages', o.pullRequestImages);
  return {
    path,
    id,
    name,
    families: r.strings('families', o.families),
    images: r.strings('images', o.images),
    push: pushRaw && {
      branches: r.strings('push.branches', pushRaw.branches) ?? (pushTags.length > 0 ? [] : [defaultBranch]),
      tags: pushTags,
    },
    pullRequest: prRaw && { branches: r.strings('pullRequest.branches', prRaw.branches) ?? [defaultBranch] },
    dispatch: dispatchRaw && { inputs: readInputs(r, d, path, dispatchRaw.inputs) },
    schedule: r.strings('schedule', o.schedule) ?? [],
    pathsFromInputs: r.optionalBoolean('pathsFromInputs', o.pathsFromInputs) ?? pathsIgnore.length === 0,
    paths: r.strings('paths', o.paths) ?? [],
    pathsIgnore,
    registry,
    usernameSecret: loginWithToken ? undefined : r.optionalString('usernameSecret', o.usernameSecret) ?? common.usernameSecret,
    passwordSecret: loginWithToken ? undefined : r.optionalString('passwordSecret', o.passwordSecret) ?? common.passwordSecret,
    runsOn: r.optionalString('runsOn', o.runsOn) ?? common.runsOn,
    platformRunners: { ...common.platformRunners, ...readPlatformRunners(d, path, 'platformRunners', o.platformRunners) },
    timeoutMinutes: r.optionalInteger('timeoutMinutes', o.timeoutMinutes, 1, 360) ?? common.timeoutMinutes,
    parentTag: r.optionalString('parentTag', o.parentTag) ?? DEFAULT_PARENT_TAG,
    pullRequestImages: prImagesRaw && {
      comment: r.optionalBoolean('pullRequestImages.comment', prImagesRaw.comment) ?? true,
      deleteOnClose: r.optionalBoolean('pullRequestImages.deleteOnClose', prImagesRaw.deleteOnClose) ?? false,
      stableTag: r.optionalString('pullRequestImages.stableTag', prImagesRaw.stableTag),
    },
  };
}

function readRegistry(r: UntypedReader, raw: unknown, pipelineRegistry: string): PlannedRegistry {
  const reg = r.optionalInstance('registry', raw, WorkflowRegistry.isWorkflowRegistry, 'a WorkflowRegistry');
  if (reg === undefined) return { kind: 'literal', registry: pipelineRegistry };
  if (reg._kind === 'ghcr-owner') return { kind: 'ghcr-owner' };
  const value = r.string(`registry (${reg._kind})`, reg._value);
  return reg._kind === 'literal' ? { kind: 'literal', registry: value } : { kind: reg._kind, name: value };
}

function optionalVariable(variable: string | undefined): { variable?: string } {
  return variable === undefined ? {} : { variable };
}

/** GitHub's `workflow_dispatch` input types (`WorkflowInputType`). @internal */
export const INPUT_TYPES: readonly string[] = ['string', 'boolean', 'choice', 'number', 'environment'];

function readInputs(r: UntypedReader, d: Diagnostics, path: string, raw: unknown): PlannedDispatchInput[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    d.error(path, 'dispatch.inputs must be an array of inputs');
    return [];
  }
  return raw.map((item, i) => {
    const what = `dispatch.inputs[${i}]`;
    const o = r.optionalObject(what, item);
    const name = r.string(`${what}.name`, o.name);
    const type = r.optionalString(`${what}.type`, o.type) ?? 'string';
    return {
      name,
      description: r.optionalString(`${what}.description`, o.description) ?? name,
      type,
      required: r.optionalBoolean(`${what}.required`, o.required) ?? false,
      default: r.optionalString(`${what}.default`, o.default),
      options: r.strings(`${what}.options`, o.options) ?? [],
      ...optionalVariable(r.optionalString(`${what}.variable`, o.variable)),
    };
  });
}
