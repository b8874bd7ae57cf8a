import type { DockerfileModel } from '../dockerfile/ir';
import type { PlannedTagRules } from '../tags/planned-tag-rules';

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
  /** The generated CI workflows (none when disabled), in declaration order. */
  readonly workflows: readonly PlannedWorkflow[];
  /** The repository's default branch (`workflow.defaultBranch`): tag rules' default-branch conditions and `edge` read it. */
  readonly defaultBranch: string;
  /** Where the source code lives (for the `org.opencontainers.image.source` label), if known. */
  readonly sourceUrl?: string;
  /** Paths of the generated pipeline files; every output that names another one uses these. */
  readonly outputs: PlannedOutputs;
  /** Every generated Dockerfile, as a typed model, in path order. */
  readonly dockerfiles: readonly PlannedDockerfile[];
  /** One `.dockerignore` per build context, in path order. */
  readonly dockerignores: readonly PlannedDockerignore[];
  /** The Makefile's naming scheme, default goal and user targets. */
  readonly make: PlannedMake;
  /** Digest pinning. */
  readonly pins: PlannedPins;
  /** Signing, attestations and reproducibility (absent: none of them). */
  readonly supply?: PlannedSupply;
}

/** The supply-chain settings every output reads (see `src/supply/`). @internal */
export interface PlannedSupply {
  /** cosign signing of pushed images, by digest. */
  readonly signing?: PlannedSigning;
  /** buildx `--attest` values (`type=provenance,mode=max`, `type=sbom[,generator=…]`), in that order. */
  readonly attestations: readonly string[];
  /** `SOURCE_DATE_EPOCH` from the commit time and, when `REWRITE_TIMESTAMP` is set, `rewrite-timestamp=true` on push. */
  readonly reproducible: boolean;
}

/** What `cosign verify` checks for a keylessly signed image. @internal */
export interface PlannedSigning {
  /** Anchored Go regular expression of the certificate identity. */
  readonly identityRegexp: string;
  /** OIDC issuer URL. */
  readonly issuer: string;
}

/** The Makefile interface the user chose. @internal */
export interface PlannedMake {
  /** Prefix of the verb targets (`build`, `push`, `pull`, `clean`, `run`, `bake`); empty for none. */
  readonly targetPrefix: string;
  /** The `.DEFAULT_GOAL`, a target the Makefile defines. */
  readonly defaultGoal: string;
  /** Targets of the user, in declaration order. */
  readonly targets: readonly PlannedMakeTarget[];
}

/** A phony target of the user: argument vectors run on the host or in a container of a planned image. @internal */
export interface PlannedMakeTarget {
  readonly name: string;
  readonly description?: string;
  /** Argument vectors, in order; every word literal. */
  readonly commands: readonly (readonly string[])[];
  /** Target names made first. */
  readonly prerequisites: readonly string[];
  /** Id of the planned image whose container runs the commands, if any. */
  readonly image?: string;
  /** Mount point of the working directory in that container (absolute). */
  readonly workdir: string;
}

/** Another name for one of an image's targets. @internal */
export interface PlannedAlias {
  /** Which target it names: `build`, `push`, `pull`, `clean` or `run`. */
  readonly verb: 'build' | 'push' | 'pull' | 'clean' | 'run';
  readonly name: string;
}

/** Normalised project-relative paths (POSIX separators) of the generated files. @internal */
export interface PlannedOutputs {
  readonly makefile: string;
  readonly bakeFile: string;
  readonly docs: string;
  /** `.github/workflows/<name>.yml` of every workflow (none when disabled). */
  readonly workflows: readonly string[];
  /** The generated digests env file, when asked for. */
  readonly digestsEnv?: string;
  /** `.github/workflows/<name>.yml` of the scheduled pin refresh workflow, when asked for. */
  readonly pinRefreshWorkflow?: string;
}

/** Digest pinning: what the pin task resolves and what the lock pinned. @internal */
export interface PlannedPins {
  /** Project-relative path of the lockfile. */
  readonly lockFile: string;
  /** Every registry base reference without a digest of its own, sorted: what `containers:pin` resolves. */
  readonly references: readonly string[];
  /** Every `ADD` URL of the pipeline, sorted: what `containers:pin` downloads and checksums. */
  readonly urls: readonly string[];
  /** Per base image variable, the reference it defaults to (pinned when locked), sorted by variable. */
  readonly variables: ReadonlyArray<{ readonly variable: string; readonly reference: string }>;
  /** The scheduled workflow that refreshes the lock, when asked for. */
  readonly refresh?: PlannedPinRefresh;
}

/** The scheduled pin refresh workflow: every value is validated (names, branches, cron). @internal */
export interface PlannedPinRefresh {
  /** Construct path of the pipeline, for messages. */
  readonly path: string;
  readonly name: string;
  /** `<name>.yml` */
  readonly fileName: string;
  /** 5-field cron, UTC. */
  readonly schedule: string;
  /** Branch the pull request comes from. */
  readonly branch: string;
  /** Branch it is based on and targets (`workflow.defaultBranch`). */
  readonly baseBranch: string;
  readonly runsOn: string;
  readonly timeoutMinutes: number;
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

/**
 * An OCI annotation of an image: a label's key and value on the image's manifests or its index (buildx
 * `--annotation <level>:<key>=<value>`, bake `annotations`).
 * @internal
 */
export interface PlannedAnnotation {
  readonly level: 'index' | 'manifest';
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
  /** With tag rules: the variable holding every tag of the image, space-separated, e.g. `APP_TAGS`. */
  readonly tagsVariable?: string;
  /**
   * The image's own tag rules (`ImageProps.tags`), evaluated into its own {@link tagVariable} and
   * {@link tagsVariable} (`<IMAGE ID>_TAG`, `<IMAGE ID>_TAGS`) instead of its family's.
   */
  readonly tagRules?: PlannedTagRules;
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
  /** Exposed ports as `<port>/<protocol>`; `run-<image>` publishes them (through {@link portsVariable}). */
  readonly ports: readonly string[];
  /**
   * Makefile variable holding the full reference (`registry/repository:tag`), e.g. `APP_RUNTIME_IMAGE`; every target of
   * the image and of the images built on it reads it. It is also the build argument naming this image in the
   * Dockerfiles of images built on it from another Dockerfile.
   */
  readonly imageVariable: string;
  /** Makefile variable holding the `-p` values of `run-<image>`, e.g. `APP_RUNTIME_PORTS`. */
  readonly portsVariable: string;
  /** Alias targets, in verb order (build, push, pull, clean, run). */
  readonly aliases: readonly PlannedAlias[];
  /** OCI labels, sorted by key. */
  readonly labels: readonly PlannedLabel[];
  /** OCI annotations carrying the labels' values (index level first, then manifest; each sorted by key). */
  readonly annotations: readonly PlannedAnnotation[];
  /** The build cache of the image (the nearest policy), if any. */
  readonly cache?: PlannedCache;
  /** Size budget in bytes, if any. */
  readonly sizeBudgetBytes?: number;
}

/**
 * The cache of an image as buildx `--cache-from`/`--cache-to` values, each a sequence of literal text and variable
 * references (e.g. `type=registry,ref=` + `REGISTRY` + `/app:buildcache`) that the Makefile and the bake file render
 * in their own syntax, so both pass the same values.
 * @internal
 */
export interface PlannedCache {
  readonly backend: 'registry' | 'gha' | 'inline' | 'local';
  /** Read first to last; a read with `when` only while that variable is non-empty. */
  readonly from: readonly PlannedCacheRead[];
  /** Written only when `CACHE_TO` is set, every one of them. */
  readonly to: readonly PlannedCacheSpec[];
}

/** One `--cache-from` value, passed only while the variable `when` (if any) is non-empty. @internal */
export interface PlannedCacheRead {
  readonly spec: PlannedCacheSpec;
  readonly when?: string;
}

/** One cache spec: literal CSV text, variable values and the platform slug, concatenated. @internal */
export type PlannedCacheSpec = readonly PlannedCacheSegment[];

/**
 * `platforms`: the platforms the build targets as one word of `[a-z0-9_.-]` (`/` and `,` become `-`): `PLATFORMS`
 * when set, else `planned` (the image's planned platforms as such a word, or `native`). The Makefile reads it from
 * `CACHE_PLATFORMS`, the bake file computes it from `PLATFORMS`.
 * @internal
 */
export type PlannedCacheSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'platforms'; readonly planned: string };

/** @internal */
export interface PlannedParentContext {
  readonly name: string;
  readonly image: string;
  /**
   * For a parent of another Dockerfile: the build argument the child's `FROM ${…}` reads (the parent's image variable).
   * Its Dockerfile default is the parent's full reference with the fallback tag (so a plain `docker build` works);
   * the Makefile and bake pass `name` instead, which the named context `name` then substitutes.
   */
  readonly buildArg?: string;
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
  /** The tag policy, evaluated identically by the Makefile (locally and in CI); without templates when `rules` is set. */
  readonly tag: PlannedTag;
  /** Typed tag rules (instead of the templates), evaluated by the Makefile into `tagsVariable`. */
  readonly rules?: PlannedTagRules;
  /** With rules: the variable holding every tag, space-separated, e.g. `APP_TAGS`. */
  readonly tagsVariable?: string;
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

/** A generated GitHub Actions workflow. @internal */
export interface PlannedWorkflow {
  /** Construct path of the declaration, for messages. */
  readonly path: string;
  /** Workflow name and file name (`.github/workflows/<fileName>`). */
  readonly name: string;
  readonly fileName: string;
  /** Ids of the images it builds, in plan order; every image when `allImages`. */
  readonly images: readonly string[];
  /** Whether it builds every image (bake's `default` group) rather than a list of targets. */
  readonly allImages: boolean;
  readonly triggers: PlannedTriggers;
  readonly registry: PlannedRegistry;
  /** Secret names for logins that do not use `GITHUB_TOKEN`. */
  readonly usernameSecret?: string;
  readonly passwordSecret?: string;
  /** Runner label. */
  readonly runsOn: string;
  /** Runner label per platform for the per-platform publishing jobs (see `workflow/platform-runners.ts`). */
  readonly platformRunners: Readonly<Record<string, string>>;
  readonly timeoutMinutes: number;
  /** Tag of the published parents of selected images that the workflow does not select (pulled instead of built). */
  readonly parentTag: string;
  /** Pull-request images, when enabled. */
  readonly pullRequestImages?: PlannedPullRequestImages;
}

/** The `on:` of a workflow; absent triggers are not rendered. @internal */
export interface PlannedTriggers {
  readonly push?: PlannedRefFilter;
  readonly pullRequest?: PlannedRefFilter;
  readonly dispatch?: { readonly inputs: readonly PlannedDispatchInput[] };
  /** Cron expressions. */
  readonly schedule: readonly string[];
}

/** Ref and path filters of push or pull_request (at most one of `paths` and `pathsIgnore` is non-empty). @internal */
export interface PlannedRefFilter {
  readonly branches: readonly string[];
  readonly tags: readonly string[];
  readonly paths: readonly string[];
  readonly pathsIgnore: readonly string[];
  /** pull_request activity types; empty for GitHub's default (opened, synchronize, reopened). */
  readonly types: readonly string[];
}

/** @internal */
export interface PlannedDispatchInput {
  readonly name: string;
  readonly description: string;
  readonly type: string;
  readonly required: boolean;
  readonly default?: string;
  readonly options: readonly string[];
  /** The Makefile/bake variable a non-empty value sets for the run's build (`WorkflowDispatchInputOptions.variable`). */
  readonly variable?: string;
}

/**
 * Where a workflow publishes. `literal`: written into the workflow (`ghcr.io` hosts log in with `GITHUB_TOKEN`);
 * `variable`/`secret`: read at run time through `env:`; `ghcr-owner`: `ghcr.io/<repository owner, lowercased>`.
 * @internal
 */
export type PlannedRegistry =
  | { readonly kind: 'literal'; readonly registry: string }
  | { readonly kind: 'variable' | 'secret'; readonly name: string }
  | { readonly kind: 'ghcr-owner' };

/** @internal */
export interface PlannedPullRequestImages {
  readonly comment: boolean;
  readonly deleteOnClose: boolean;
  /** One entry per selected image, in plan order. */
  readonly images: readonly PlannedPullRequestImage[];
}

/** @internal */
export interface PlannedPullRequestImage {
  readonly id: string;
  readonly repository: string;
  readonly tagVariable: string;
  /** Tag handed on when the pull request does not change the image. */
  readonly stableTag: string;
  /**
   * Project paths whose change rebuilds the image (its inputs and those of its parents); a path is a file or a
   * directory (prefix); `''` stands for the whole project.
   */
  readonly inputs: readonly string[];
}
