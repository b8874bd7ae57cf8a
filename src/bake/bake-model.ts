/**
 * The subset of the Docker Buildx Bake file format that the pipeline emits, in its JSON form.
 *
 * Declarations only: `plan-to-bake.ts` builds these objects and `renderBakeJson` stringifies them.
 * Every string is an HCL template (bake evaluates `${VAR}` in JSON files too), so literal text that may contain
 * `${` or `%{` must be escaped before it lands here (see `hclLiteral`).
 *
 * Kept to what BuildKit 0.13 / buildx 0.13 accepts: for example a `variable` block has no `description` there.
 * @see https://docs.docker.com/build/bake/reference/
 * @internal
 */
export interface BakeDocument {
  /** Variables overridable from the environment (`REGISTRY=… docker buildx bake`) or `--var` (newer buildx). */
  readonly variable: Readonly<Record<string, BakeVariable>>;
  /** Named groups of targets; groups build their targets in parallel (ordering comes from `target:` contexts). */
  readonly group: Readonly<Record<string, BakeGroup>>;
  /** One target per planned image, named by the image id. */
  readonly target: Readonly<Record<string, BakeTarget>>;
}

/**
 * `variable "NAME" { default = "…" }`.
 * @see https://docs.docker.com/build/bake/reference/#variable
 * @internal
 */
export interface BakeVariable {
  /** Default value; an empty string when the caller (CI, Makefile) is expected to pass one. */
  readonly default: string;
}

/**
 * `group "NAME" { targets = [...] }`.
 * @see https://docs.docker.com/build/bake/reference/#group
 * @internal
 */
export interface BakeGroup {
  /** Target or group names, in a stable (plan) order. */
  readonly targets: readonly string[];
}

/**
 * The target attributes we use. Attribute names are bake's own (kebab-case would apply to those we do not use yet).
 * @see https://docs.docker.com/build/bake/reference/#target
 * @internal
 */
export interface BakeTarget {
  /** One-line description, shown by `docker buildx bake --list=targets` (newer buildx). */
  readonly 'description'?: string;
  /** Build context relative to the bake file's working directory. */
  readonly 'context': string;
  /** Dockerfile path relative to the working directory. */
  readonly 'dockerfile': string;
  /** Stage to build. */
  readonly 'target': string;
  /** Image references to tag (and push with `--push`); with tag rules one interpolation evaluating to the list (like `platforms`). */
  readonly 'tags': readonly string[] | string;
  /** Build arguments; values are templates, typically `${VARIABLE}`. */
  readonly 'args'?: Readonly<Record<string, string>>;
  /** Named contexts; `target:<name>` makes bake build that target first and substitute its result. */
  readonly 'contexts'?: Readonly<Record<string, string>>;
  /** Image labels (OCI annotations keys). */
  readonly 'labels'?: Readonly<Record<string, string>>;
  /** OCI annotations, `<level>:<key>=<value>` (buildx `--annotation`). */
  readonly 'annotations'?: readonly string[];
  /**
   * Target platforms, as one interpolation that evaluates to a list (HCL's JSON syntax unwraps a string made of a
   * single `${…}`), e.g. `${compact(split(",", PLATFORMS != "" ? PLATFORMS : "linux/amd64"))}`; an empty list means
   * the builder's native platform.
   */
  readonly 'platforms': string;
  /**
   * Cache imports (`type=…,…` specs as templates), read first to last; with conditional reads (the registry chain),
   * one interpolation that evaluates to the list, e.g. `${compact([GIT_PR != "" ? "…-pr-${GIT_PR}" : "", "…"])}`.
   */
  readonly 'cache-from'?: readonly string[] | string;
  /**
   * Cache exports, as one interpolation that evaluates to a list: the export when the `CACHE_TO` variable is set,
   * else none, e.g. `${compact([CACHE_TO != "" ? "type=gha,scope=app,mode=max" : ""])}`.
   */
  readonly 'cache-to'?: string;
  /** Attestations (`type=provenance,mode=max`, `type=sbom`), the same specs the Makefile passes as `--attest`. */
  readonly 'attest'?: readonly string[];
  /**
   * Outputs, as one interpolation that evaluates to a list: for reproducible builds
   * `${compact([REWRITE_TIMESTAMP != "" ? "type=image,rewrite-timestamp=true" : ""])}` (bake's `--push` adds
   * `push=true` to it), else absent.
   */
  readonly 'output'?: string;
}
