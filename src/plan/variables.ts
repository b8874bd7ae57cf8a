/**
 * Names of the variables every pipeline declares, in one place: the Makefile defines them, the bake file declares
 * them, the workflow passes them and the docs list them.
 * @internal
 */
export const SETTING_VARIABLES = {
  /** Container CLI (Makefile only). */
  docker: 'DOCKER',
  /** Registry host and namespace. */
  registry: 'REGISTRY',
  /** Comma-separated platforms; overrides every image's own. */
  platforms: 'PLATFORMS',
  /** One tag for every family. */
  tag: 'TAG',
  /** Extra `docker run` arguments of every `run-<image>` target (Makefile only). */
  runArgs: 'RUN_ARGS',
  /**
   * The buildx builder every build and bake runs on (`docker buildx --builder "$BUILDER"`, only when set): another
   * builder instance or docker context, e.g. a remote BuildKit or a second engine (Makefile only).
   */
  builder: 'BUILDER',
} as const;

/**
 * Set when an image has a cache policy: non-empty makes builds (Makefile and bake) also export their cache
 * (`--cache-to`); empty, the default, makes them only read it. The workflow sets it in its publishing job only.
 * @internal
 */
export const CACHE_TO_VARIABLE = 'CACHE_TO';

/** Facts about the checkout that labels and tags read. @internal */
export const BUILD_FACT_VARIABLES = {
  version: 'GIT_VERSION',
  branch: 'GIT_BRANCH',
  sha: 'GIT_SHA',
  pr: 'GIT_PR',
  revision: 'GIT_REVISION',
  created: 'GIT_CREATED',
  /** Commit time in seconds since the epoch; buildx reads it from the environment (reproducible builds). */
  sourceDateEpoch: 'SOURCE_DATE_EPOCH',
} as const;

/**
 * Variables of signing and reproducible builds (Makefile; `REWRITE_TIMESTAMP` also bake): the cosign command, its
 * key (empty: keyless) and extra arguments; non-empty `REWRITE_TIMESTAMP` adds `rewrite-timestamp=true` to pushes.
 * @internal
 */
export const SUPPLY_VARIABLES = {
  cosign: 'COSIGN',
  cosignKey: 'COSIGN_KEY',
  cosignArgs: 'COSIGN_ARGS',
  rewriteTimestamp: 'REWRITE_TIMESTAMP',
} as const;

/** Suffix of a family's tag variable: `<FAMILY>_TAG`. @internal */
export function tagVariableOf(familyPrefix: string): string {
  return `${familyPrefix}_TAG`;
}

/** Default variable holding an image's full reference: `<IMAGE ID>_IMAGE`. @internal */
export function imageVariableOf(imagePrefix: string): string {
  return `${imagePrefix}_IMAGE`;
}

/**
 * Bake variable naming the published reference of a parent image (`<IMAGE VARIABLE>_PUBLISHED`): set, images built on
 * it use that image (a `docker-image://` context) instead of building the parent (`target:`). The workflow sets it for
 * parents it does not select; the Makefile never does. @internal
 */
export function publishedVariableOf(imageVariable: string): string {
  return `${imageVariable}_PUBLISHED`;
}

/** Default variable holding the port publications of `run-<image>`: `<IMAGE ID>_PORTS`. @internal */
export function portsVariableOf(imagePrefix: string): string {
  return `${imagePrefix}_PORTS`;
}

/** A family's list of tags (tag rules): `<FAMILY>_TAGS`. @internal */
export function tagsVariableOf(familyPrefix: string): string {
  return `${familyPrefix}_TAGS`;
}

/**
 * Facts the registry cache chain and the gha scope read, computed by the Makefile after the git facts:
 * `CACHE_BRANCH` (`GIT_BRANCH` unless it is the default branch), `CACHE_SUFFIX` (the suffix of the ref builds write:
 * `-pr-<GIT_PR>`, `-branch-<CACHE_BRANCH>` or empty on the default branch) and `CACHE_PLATFORMS` (`PLATFORMS` as one
 * tag-safe word, Makefile only: the bake file computes it from `PLATFORMS`).
 * @internal
 */
export const CACHE_FACT_VARIABLES = {
  branch: 'CACHE_BRANCH',
  suffix: 'CACHE_SUFFIX',
  platforms: 'CACHE_PLATFORMS',
} as const;
