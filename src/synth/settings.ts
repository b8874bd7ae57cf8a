import { MakeSettings, readMakeSettings } from './make-settings';
import { readSupplySettings, SupplySettings } from './supply-settings';
import { validateCachePolicy } from './validate-cache';
import { CachePolicy } from '../cache/cache-policy';
import { Diagnostics } from '../core/diagnostics';
import { normalizeProjectPath } from '../core/paths';
import { UntypedReader } from '../core/untyped';
import { DockerfileSyntax } from '../dockerfile/syntax';
import { FamilyTag } from '../family/family-tag';
import type { PlannedOutputs } from '../plan/build-plan';
import { WORKFLOW_NAME } from '../workflow/workflow-name';
import { resolveWorkflowSettings, WorkflowSettings } from '../workflow/workflow-settings';

/** Pipeline-wide settings with every default resolved, read once from the props. @internal */
export interface PipelineSettings {
  /** Construct path of the pipeline, for messages. */
  readonly path: string;
  readonly registry: string;
  readonly platforms: readonly string[];
  readonly defaultTag: FamilyTag;
  readonly defaultUser: string;
  readonly sourceUrl?: string;
  /** SPDX license expression of every image unless its family or itself says otherwise. */
  readonly licenses?: string;
  readonly dockerignorePatterns: readonly string[];
  readonly dockerfileSyntax: DockerfileSyntax;
  /** The pipeline's cache policy (validated), if any. */
  readonly cache?: CachePolicy;
  readonly outputs: PlannedOutputs;
  readonly workflow: WorkflowSettings;
  /** The Makefile's naming scheme, default goal and user targets. */
  readonly make: MakeSettings;
  /** Digest pinning. */
  readonly pinning: PinningSettings;
  /** Signing, attestations and reproducibility, when any is set. */
  readonly supply?: SupplySettings;
}

/** Pinning settings with defaults resolved. @internal */
export interface PinningSettings {
  /** Normalised project-relative path of the lockfile. */
  readonly lockFile: string;
  /** Whether unpinned bases and stale lock entries are errors. */
  readonly frozen: boolean;
  /** The scheduled refresh workflow, when asked for. */
  readonly refresh?: PinRefreshSettings;
}

/** The scheduled pin refresh workflow with defaults resolved. @internal */
export interface PinRefreshSettings {
  readonly name: string;
  readonly schedule: string;
  readonly branch: string;
}

/** The environment variable that turns frozen pinning on (CI). @internal */
export const FROZEN_ENV = 'PROJEN_CONTAINERS_FROZEN';


/**
 * Reads the pipeline props (which may come untyped from JavaScript or a jsii language) into typed settings with
 * every default resolved. Wrong types and unusable paths are reported to `d` at `path`; nothing here throws.
 * `addedTargets` are the Makefile targets added with `Containers.addMakeTarget()`, after `make.targets`.
 * @internal
 */
export function resolveSettings(
  rawProps: unknown, path: string, d: Diagnostics,
  addedTargets: readonly unknown[] = [],
  declaredWorkflows: ReadonlyArray<{ readonly id: unknown; readonly options: unknown }> = [],
  env: NodeJS.ProcessEnv = process.env,
): PipelineSettings {
  const r = new UntypedReader(d, path);
  const p = r.optionalObject('props', rawProps);
  const pinRaw = r.optionalObject('pinning', p.pinning);
  const digestsEnv = r.optionalString('pinning.digestsEnvFile', pinRaw.digestsEnvFile);
  const registry = r.string('registry', p.registry);
  const refresh = readRefresh(r, pinRaw.refreshWorkflow);
  const workflow = resolveWorkflowSettings(p, declaredWorkflows, path, d);
  for (const w of workflow.declarations) {
    if (!WORKFLOW_NAME.test(w.name)) {
      const what = w.path === path ? 'workflow.name' : 'workflow name';
      d.error(w.path, `${what} ${JSON.stringify(w.name)} must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit (it is also the file name)`);
    }
  }
  const outputs = {
    makefile: outputPath(d, path, 'makefile', r.optionalString('makefile', p.makefile) ?? 'Makefile'),
    bakeFile: outputPath(d, path, 'bakeFile', r.optionalString('bakeFile', p.bakeFile) ?? 'docker-bake.json'),
    docs: outputPath(d, path, 'docs', r.optionalString('docs', p.docs) ?? 'CONTAINERS.md'),
    workflows: workflow.declarations.map((w) => `.github/workflows/${w.name}.yml`),
    ...(digestsEnv === undefined ? {} : { digestsEnv: outputPath(d, path, 'pinning.digestsEnvFile', digestsEnv) }),
    ...(refresh === undefined ? {} : { pinRefreshWorkflow: `.github/workflows/${refresh.name}.yml` }),
  };
  const lockFile = outputPath(d, path, 'pinning.lockFile', r.optionalString('pinning.lockFile', pinRaw.lockFile) ?? 'containers.lock.json');
  checkDistinct(d, path, outputs, lockFile);
  return {
    path,
    registry,
    platforms: r.strings('platforms', p.platforms) ?? [],
    defaultTag: r.optionalInstance('tag', p.tag, FamilyTag.isFamilyTag, 'a FamilyTag') ?? FamilyTag.templates(['{version}', '{branch}'], { fallback: 'dev' }),
    defaultUser: r.optionalString('defaultUser', p.defaultUser) ?? '10001:10001',
    sourceUrl: r.optionalString('sourceUrl', p.sourceUrl),
    licenses: r.optionalString('licenses', p.licenses),
    dockerignorePatterns: r.strings('dockerignorePatterns', p.dockerignorePatterns) ?? [],
    dockerfileSyntax: r.optionalInstance('dockerfileSyntax', p.dockerfileSyntax, DockerfileSyntax.isDockerfileSyntax, 'a DockerfileSyntax') ?? DockerfileSyntax.auto(),
    ...cacheSetting(p.cache, path, d),
    ...readSupplySettings(p, path, d),
    outputs,
    make: readMakeSettings(p.make, path, d, addedTargets),
    workflow,
    pinning: {
      lockFile,
      frozen: (r.optionalBoolean('pinning.frozen', pinRaw.frozen) ?? false) || env[FROZEN_ENV] === '1',
      ...(refresh === undefined ? {} : { refresh }),
    },
  };
}

function readRefresh(r: UntypedReader, raw: unknown): PinRefreshSettings | undefined {
  if (raw === undefined) return undefined;
  const o = r.optionalObject('pinning.refreshWorkflow', raw);
  return {
    name: r.optionalString('pinning.refreshWorkflow.name', o.name) ?? 'containers-pin',
    schedule: r.optionalString('pinning.refreshWorkflow.schedule', o.schedule) ?? '0 5 * * 1',
    branch: r.optionalString('pinning.refreshWorkflow.branch', o.branch) ?? 'containers/pin-refresh',
  };
}

function outputPath(d: Diagnostics, path: string, what: string, value: string): string {
  const result = normalizeProjectPath(value);
  if ('reason' in result) {
    d.error(path, `${what} ${JSON.stringify(value)} ${result.reason}`);
    return value;
  }
  return result.path;
}

function checkDistinct(d: Diagnostics, path: string, outputs: PlannedOutputs, lockFile: string): void {
  const seen = new Map<string, string>();
  const entries: Array<[string, string]> = [
    ['makefile', outputs.makefile], ['bakeFile', outputs.bakeFile], ['docs', outputs.docs], ['pinning.lockFile', lockFile],
    ...(outputs.digestsEnv !== undefined ? [['pinning.digestsEnvFile', outputs.digestsEnv] as [string, string]] : []),
    ...outputs.workflows.map((file): [string, string] => [`the workflow ${file}`, file]),
    ...(outputs.pinRefreshWorkflow !== undefined ? [['pinning.refreshWorkflow.name', outputs.pinRefreshWorkflow] as [string, string]] : []),
  ];
  for (const [what, file] of entries) {
    const other = seen.get(file);
    if (other) d.error(path, `${what} and ${other} both name the file "${file}"; give each output its own path`);
    seen.set(file, what);
  }
}

/** The pipeline's cache policy, checked (a bad one is reported and dropped). */
function cacheSetting(raw: unknown, path: string, d: Diagnostics): { cache?: CachePolicy } {
  const before = d.errors.length;
  validateCachePolicy(d, path, raw);
  return raw !== undefined && d.errors.length === before && CachePolicy.isCachePolicy(raw) ? { cache: raw } : {};
}
