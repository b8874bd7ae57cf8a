import type { DockerfileModel } from '../dockerfile/ir';

/**
 * The resolved, validated build plan: what every emitter (Makefile, bake file, workflow, docs) reads.
 *
 * Constructs build it once per synthesis (after validation); emitters never look at constructs.
 * Everything here is plain data in a stable order, so emitters stay pure functions of the plan.
 * @internal
 */
export interface BuildPlan {
  /** Registry host and namespace, e.g. `ghcr.io/hurdad`; overridable as `REGISTRY` (Makefile) and bake variable. */
  readonly registry: string;
  /** Default platforms (e.g. `linux/amd64`); empty means the builder's native platform. */
  readonly platforms: readonly string[];
  /** Every image that the pipeline builds, in a topological order (parents first, ties by id). */
  readonly images: readonly PlannedImage[];
  /** Families in id order. */
  readonly families: readonly PlannedFamily[];
  /** Pipeline-wide variables that become Makefile variables and bake variables (sorted by name). */
  readonly variables: readonly PlannedVariable[];
  /** Settings of the generated CI workflow. */
  readonly workflow: PlannedWorkflow;
  /** Where the source code lives (for the `org.opencontainers.image.source` label), if known. */
  readonly sourceUrl?: string;
  /** Paths of the generated pipeline files; every output that names another one uses these. */
  readonly outputs: PlannedOutputs;
  /** Every generated Dockerfile, as a typed model, in path order. */
  readonly dockerfiles: readonly PlannedDockerfile[];
  /** One `.dockerignore` per build context, in path order. */
  readonly dockerignores: readonly PlannedDockerignore[];
  /** Digest pinning. */
  readonly pins: PlannedPins;
}

/** Normalised project-relative paths (POSIX separators) of the generated files. @internal */
export interface PlannedOutputs {
  readonly makefile: string;
  readonly bakeFile: string;
  readonly docs: string;
  /** `.github/workflows/<name>.yml`, absent when the workflow is disabled. */
  readonly workflow?: string;
  /** The generated digests env file, when asked for. */
  readonly digestsEnv?: string;
}

/** Digest pinning: what the pin task resolves and what the lock pinned. @internal */
export interface PlannedPins {
  /** Project-relative path of the lockfile. */
  readonly lockFile: string;
  /** Every registry base reference without a digest of its own, sorted: what `containers:pin` resolves. */
  readonly references: readonly string[];
  /** Per base image variable, the reference it defaults to (pinned when locked), sorted by variable. */
  readonly variables: ReadonlyArray<{ readonly variable: string; readonly reference: string }>;
}

/** A Dockerfile to write: its typed lines and the `# syntax=` directive value, if any. @internal */
export interface PlannedDockerfile {
  readonly path: string;
  readonly directive?: string;
  readonly model: DockerfileModel;
}

/** A `.dockerignore` to write next to a build context. @internal */
export interface PlannedDockerignore {
  /** File path, e.g. `.dockerignore` or `app/.dockerignore`. */
  readonly path: string;
  readonly context: string;
  readonly patterns: readonly string[];
}

/**
 * An OCI label of an image, decided once: the Dockerfile writes the literal ones (so a plain `docker build` has them),
 * the Makefile and the bake file set all of them, the variable ones from build-time facts.
 * @internal
 */
export interface PlannedLabel {
  readonly key: string;
  readonly value: PlannedLabelValue;
}

/** A literal label value, or the value of a pipeline variable at build time. @internal */
export type PlannedLabelValue =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string };

/** One image the pipeline builds and publishes. @internal */
export interface PlannedImage {
  /** Unique id across the pipeline, `<family>-<image>`; the suffix of Make targets and the bake target name. */
  readonly id: string;
  /** The family id. */
  readonly family: string;
  /** The image's id within its family (also its stage name in the Dockerfile). */
  readonly name: string;
  /** Repository path below the registry, e.g. `flow-pipe-runtime`. */
  readonly repository: string;
  /** Name of the Makefile/bake variable holding this family's tag, e.g. `FLOW_PIPE_TAG`. */
  readonly tagVariable: string;
  /** Dockerfile path relative to the project root, POSIX separators. */
  readonly dockerfile: string;
  /** Build context relative to the project root (`.` for the root). */
  readonly context: string;
  /** Stage to build (`--target`). */
  readonly target: string;
  /** Ids of pipeline images this one builds on (direct parents), sorted. */
  readonly dependsOn: readonly string[];
  /** Images of external families this one (or one of its build stages) builds on, as `registry/repository:tag`, sorted. */
  readonly externalParents: readonly string[];
  /**
   * Named build contexts that substitute a parent image (another Dockerfile's target) during the build.
   * `name` is how the Dockerfile refers to the parent; `image` the id of the planned image providing it.
   */
  readonly parentContexts: readonly PlannedParentContext[];
  /** Build arguments passed explicitly, sorted by name; each value comes from a variable. */
  readonly buildArgs: readonly PlannedBuildArg[];
  /** Platforms for this image; empty means the builder's native platform. */
  readonly platforms: readonly string[];
  /** One-line description (CONTAINERS.md, OCI description label). */
  readonly description?: string;
  /** Exposed ports, for `run-<image>` (`-p` flags are not published automatically; informational). */
  readonly ports: readonly string[];
  /** OCI labels, sorted by key. */
  readonly labels: readonly PlannedLabel[];
}

/** @internal */
export interface PlannedParentContext {
  readonly name: string;
  readonly image: string;
}

/** A build argument whose value is the Makefile/bake variable `variable`. @internal */
export interface PlannedBuildArg {
  readonly name: string;
  readonly variable: string;
}

/** A pipeline variable: a Makefile `NAME ?= default` and a bake `variable "NAME" { default = … }`. @internal */
export interface PlannedVariable {
  readonly name: string;
  readonly defaultValue: string;
  readonly description: string;
}

/** @internal */
export interface PlannedFamily {
  readonly id: string;
  /** Image ids of the family in topological order. */
  readonly images: readonly string[];
  /** Variable holding the family tag, e.g. `FLOW_PIPE_TAG`. */
  readonly tagVariable: string;
  /** The tag policy, evaluated identically by the Makefile (locally and in CI). */
  readonly tag: PlannedTag;
  readonly description?: string;
}

/**
 * A family tag: the first template whose placeholders all resolve wins.
 * Placeholders: `{version}` (from a `v<semver>` git tag on HEAD, without the `v`), `{branch}` (branch name, or the
 * pull request's head branch, sanitised), `{sha}` (7-character commit), `{pr}` (pull request number) and user constants.
 * @internal
 */
export interface PlannedTag {
  readonly templates: readonly string[];
  /** Constants substituted in the templates, sorted by name. */
  readonly constants: readonly { readonly name: string; readonly value: string }[];
  /** Used when no template resolves. */
  readonly fallback: string;
}

/** @internal */
export interface PlannedWorkflow {
  readonly enabled: boolean;
  /** Workflow name and file name (`.github/workflows/<fileName>`). */
  readonly name: string;
  readonly fileName: string;
  /** The default branch whose pushes publish. */
  readonly defaultBranch: string;
  /** Registry host to log in to (e.g. `ghcr.io`); absent for no login. */
  readonly loginRegistry?: string;
  /** Secret names for registries other than ghcr.io (GHCR uses `GITHUB_TOKEN`). */
  readonly usernameSecret?: string;
  readonly passwordSecret?: string;
  /** Runner label. */
  readonly runsOn: string;
  readonly timeoutMinutes: number;
}
