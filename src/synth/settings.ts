import { Diagnostics } from '../core/diagnostics';
import { normalizeProjectPath } from '../core/paths';
import { UntypedReader } from '../core/untyped';
import { DockerfileSyntax } from '../dockerfile/syntax';
import { FamilyTag } from '../family/family-tag';
import type { PlannedOutputs, PlannedWorkflow } from '../plan/build-plan';

/** Pipeline-wide settings with every default resolved, read once from the props. @internal */
export interface PipelineSettings {
  /** Construct path of the pipeline, for messages. */
  readonly path: string;
  readonly registry: string;
  readonly platforms: readonly string[];
  readonly defaultTag: FamilyTag;
  readonly defaultUser: string;
  readonly sourceUrl?: string;
  readonly dockerignorePatterns: readonly string[];
  readonly dockerfileSyntax: DockerfileSyntax;
  readonly outputs: PlannedOutputs;
  readonly workflow: PlannedWorkflow;
  /** Digest pinning. */
  readonly pinning: PinningSettings;
}

/** Pinning settings with defaults resolved. @internal */
export interface PinningSettings {
  /** Normalised project-relative path of the lockfile. */
  readonly lockFile: string;
  /** Whether unpinned bases and stale lock entries are errors. */
  readonly frozen: boolean;
}

/** The environment variable that turns frozen pinning on (CI). @internal */
export const FROZEN_ENV = 'PROJEN_CONTAINERS_FROZEN';

/** The registry whose login uses the workflow's own `GITHUB_TOKEN`. @internal */
export const GHCR = 'ghcr.io';

/** A workflow name that is also a safe file name. */
const WORKFLOW_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Reads the pipeline props (which may come untyped from JavaScript or a jsii language) into typed settings with
 * every default resolved. Wrong types and unusable paths are reported to `d` at `path`; nothing here throws.
 * @internal
 */
export function resolveSettings(rawProps: unknown, path: string, d: Diagnostics, env: NodeJS.ProcessEnv = process.env): PipelineSettings {
  const r = new UntypedReader(d, path);
  const p = r.optionalObject('props', rawProps);
  const wfRaw = r.optionalObject('workflow', p.workflow);
  const pinRaw = r.optionalObject('pinning', p.pinning);
  const digestsEnv = r.optionalString('pinning.digestsEnvFile', pinRaw.digestsEnvFile);
  const registry = r.string('registry', p.registry);
  const registryHost = registry.split('/')[0];
  const workflowEnabled = r.optionalBoolean('workflow.enabled', wfRaw.enabled) ?? true;
  const workflowName = r.optionalString('workflow.name', wfRaw.name) ?? 'containers';
  if (!WORKFLOW_NAME.test(workflowName)) {
    d.error(path, `workflow.name ${JSON.stringify(workflowName)} must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit (it is also the file name)`);
  }
  const ghcr = registryHost === GHCR;
  const outputs = {
    makefile: outputPath(d, path, 'makefile', r.optionalString('makefile', p.makefile) ?? 'Makefile'),
    bakeFile: outputPath(d, path, 'bakeFile', r.optionalString('bakeFile', p.bakeFile) ?? 'docker-bake.json'),
    docs: outputPath(d, path, 'docs', r.optionalString('docs', p.docs) ?? 'CONTAINERS.md'),
    workflow: workflowEnabled ? `.github/workflows/${workflowName}.yml` : undefined,
    ...(digestsEnv === undefined ? {} : { digestsEnv: outputPath(d, path, 'pinning.digestsEnvFile', digestsEnv) }),
  };
  const lockFile = outputPath(d, path, 'pinning.lockFile', r.optionalString('pinning.lockFile', pinRaw.lockFile) ?? 'containers.lock.json');
  checkDistinct(d, path, { ...outputs, 'pinning.lockFile': lockFile });
  return {
    path,
    registry,
    platforms: r.strings('platforms', p.platforms) ?? [],
    defaultTag: r.optionalInstance('tag', p.tag, FamilyTag.isFamilyTag, 'a FamilyTag') ?? FamilyTag.templates(['{version}', '{branch}'], { fallback: 'dev' }),
    defaultUser: r.optionalString('defaultUser', p.defaultUser) ?? '10001:10001',
    sourceUrl: r.optionalString('sourceUrl', p.sourceUrl),
    dockerignorePatterns: r.strings('dockerignorePatterns', p.dockerignorePatterns) ?? [],
    dockerfileSyntax: r.optionalInstance('dockerfileSyntax', p.dockerfileSyntax, DockerfileSyntax.isDockerfileSyntax, 'a DockerfileSyntax') ?? DockerfileSyntax.auto(),
    outputs,
    workflow: {
      enabled: workflowEnabled,
      name: workflowName,
      fileName: `${workflowName}.yml`,
      defaultBranch: r.optionalString('workflow.defaultBranch', wfRaw.defaultBranch) ?? 'main',
      loginRegistry: registryHost,
      usernameSecret: ghcr ? undefined : r.optionalString('workflow.usernameSecret', wfRaw.usernameSecret) ?? 'REGISTRY_USERNAME',
      passwordSecret: ghcr ? undefined : r.optionalString('workflow.passwordSecret', wfRaw.passwordSecret) ?? 'REGISTRY_PASSWORD',
      runsOn: r.optionalString('workflow.runsOn', wfRaw.runsOn) ?? 'ubuntu-24.04',
      timeoutMinutes: r.optionalInteger('workflow.timeoutMinutes', wfRaw.timeoutMinutes, 1, 360) ?? 60,
    },
    pinning: {
      lockFile,
      frozen: (r.optionalBoolean('pinning.frozen', pinRaw.frozen) ?? false) || env[FROZEN_ENV] === '1',
    },
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

function checkDistinct(d: Diagnostics, path: string, outputs: Record<string, string | undefined>): void {
  const seen = new Map<string, string>();
  for (const [what, file] of Object.entries(outputs)) {
    if (file === undefined) continue;
    const other = seen.get(file);
    if (other) d.error(path, `${what} and ${other} both name the file "${file}"; give each output its own path`);
    seen.set(file, what);
  }
}
