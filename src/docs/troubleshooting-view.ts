import { code, fenceFor } from './markdown-text';
import { shellWord } from '../make/shell-quote';
import type { BuildPlan } from '../plan/build-plan';
import { globalTargets } from '../plan/target-names';
import { SETTING_VARIABLES } from '../plan/variables';

/** The registry of the mirror examples (a reserved example domain). */
const MIRROR = 'mirror.example';

/** What the Troubleshooting section of CONTAINERS.md names for this pipeline. @internal */
export interface TroubleshootingView {
  /** `` `runtime/docker/Dockerfile` (`docker/dockerfile:1.6`) `` for each Dockerfile with a `# syntax=` line. */
  readonly syntaxFiles?: string;
  /** `` `docker buildx build --build-arg BUILDKIT_SYNTAX=<mirror of the first such frontend> …` `` */
  readonly syntaxCommand?: string;
  /** `` `FLOW_PIPE_OS_IMAGE` ``, … : the pipeline's base-image variables, comma-separated. */
  readonly baseImageVariables?: string;
  /** Shell line: `make build <VAR>=mirror.example/<reference>` for the first base-image variable. */
  readonly mirrorCommand?: string;
  /** The fence of the mirror command block. */
  readonly fence: string;
  /** `` `PLATFORMS=local` `` */
  readonly platformsLocal: string;
}

/**
 * The pipeline's own facts for Troubleshooting: which Dockerfiles pull a frontend image (`# syntax=`) and which
 * variables hold base images (pipeline variables that images take as build arguments), with a mirror example.
 * @param make how the docs call make
 * @internal
 */
export function troubleshootingView(plan: BuildPlan, make: string): TroubleshootingView {
  const withSyntax = plan.dockerfiles.filter((file) => file.directive !== undefined);
  const buildArgVariables = new Set(plan.images.flatMap((image) => image.buildArgs.map((arg) => arg.variable)));
  const bases = plan.variables.filter((variable) => buildArgVariables.has(variable.name));
  const first = bases[0];
  const mirrorCommand = first === undefined ? undefined
    : `${make} ${globalTargets(plan.make.targetPrefix).build} ${first.name}=${shellWord(mirrorOf(first.defaultValue))}`;
  return {
    syntaxFiles: withSyntax.length === 0 ? undefined
      : withSyntax.map((file) => `${code(file.path)} (${code(file.directive!)})`).join(', '),
    syntaxCommand: withSyntax.length === 0 ? undefined
      : code(`docker buildx build --build-arg ${shellWord(`BUILDKIT_SYNTAX=${mirrorOf(withSyntax[0].directive!)}`)} …`),
    baseImageVariables: bases.length === 0 ? undefined : bases.map((base) => code(base.name)).join(', '),
    mirrorCommand,
    platformsLocal: code(`${SETTING_VARIABLES.platforms}=local`),
    fence: fenceFor(mirrorCommand === undefined ? [] : [mirrorCommand]),
  };
}

/**
 * The reference as pulled through a mirror: `golang:1.23` becomes `mirror.example/library/golang:1.23`, and a
 * registry host (a first component with `.` or `:`, or `localhost`) is replaced by the mirror's.
 */
function mirrorOf(reference: string): string {
  const slash = reference.indexOf('/');
  const first = slash < 0 ? '' : reference.slice(0, slash);
  if (first.includes('.') || first.includes(':') || first === 'localhost') return `${MIRROR}${reference.slice(slash)}`;
  return `${MIRROR}/${slash < 0 ? `library/${reference}` : reference}`;
}
