/**
 * Names of the Makefile targets, in one place: the Makefile defines them, the workflow calls them, the docs show them,
 * and validation checks that no two constructs get the same one.
 *
 * The naming scheme: the user-facing verbs (`build`, `push`, `pull`, `clean`, `run`, `bake`) start with the
 * pipeline's target prefix (`MakeOptions.targetPrefix`, empty by default), e.g. `container-build`,
 * `container-build-<image>`. `help` and the targets CI calls (`print-tags`, `print-build-facts`, `print-tag-<family>`)
 * keep fixed names, so the workflow and scripts reach them whatever the scheme.
 * @internal
 */

/** Targets whose names never change: `help` and what CI calls. @internal */
export const FIXED_TARGETS = {
  help: 'help',
  printTags: 'print-tags',
  printBuildFacts: 'print-build-facts',
} as const;

/** The global targets of a Makefile whose verb targets start with `prefix`. @internal */
export function globalTargets(prefix: string = '') {
  return {
    ...FIXED_TARGETS,
    build: `${prefix}build`,
    push: `${prefix}push`,
    pull: `${prefix}pull`,
    clean: `${prefix}clean`,
    /** `docker buildx bake` of the default group, with the Makefile's tags, registry, platforms and build facts. */
    bake: `${prefix}bake`,
  } as const;
}

/** The global targets with the default scheme (no prefix). @internal */
export const GLOBAL_TARGETS = globalTargets();

/** Per-family targets. @internal */
export function familyTargets(family: string, prefix: string = '') {
  return {
    build: `${prefix}build-${family}`,
    push: `${prefix}push-${family}`,
    pull: `${prefix}pull-${family}`,
    clean: `${prefix}clean-${family}`,
    printTag: `print-tag-${family}`,
    bake: `${prefix}bake-${family}`,
  } as const;
}

/**
 * Size-budget checks: `<prefix>check-size` (every image with a budget), `<prefix>check-size-<family>` and
 * `<prefix>check-size-<image id>`; the workflow calls the image targets. Reserved for every image and family, whether
 * or not it has a budget, so adding one never renames anything.
 * @internal
 */
export function sizeCheckTargets(prefix: string = '') {
  return {
    all: `${prefix}check-size`,
    family: (family: string) => `${prefix}check-size-${family}`,
    image: (id: string) => `${prefix}check-size-${id}`,
  } as const;
}

/**
 * cosign signing by digest: `<prefix>sign` (every image) and `<prefix>sign-<image id>`. Reserved for every image,
 * whether or not the pipeline signs, so turning signing on never renames anything.
 * @internal
 */
export function signTargets(prefix: string = '') {
  return {
    all: `${prefix}sign`,
    image: (id: string) => `${prefix}sign-${id}`,
  } as const;
}

/** The verbs of per-image targets, which image aliases name. @internal */
export const IMAGE_VERBS = ['build', 'push', 'pull', 'clean', 'run'] as const;

/** A verb of a per-image target. @internal */
export type ImageVerb = (typeof IMAGE_VERBS)[number];

/** Per-image targets (`id` is the image's plan id, `<family>-<image>`). @internal */
export function imageTargets(id: string, prefix: string = ''): Record<ImageVerb, string> {
  return {
    build: `${prefix}build-${id}`,
    push: `${prefix}push-${id}`,
    pull: `${prefix}pull-${id}`,
    clean: `${prefix}clean-${id}`,
    run: `${prefix}run-${id}`,
  };
}

/**
 * Make target names users may choose (prefix + verb, aliases, their own targets): letters, digits, `.`, `_` and `-`,
 * starting with a letter or digit. Nothing here means anything to make (`%`, `:`, `$`, `=`, `#`, spaces, `\`), the shell
 * (every character is a safe bare word) or `make` itself (no leading `-` or `.`, which would be an option or special
 * target).
 * @internal
 */
export const MAKE_TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A prefix of the verb targets: empty, or the start of a target name (e.g. `container-`). @internal */
export const MAKE_TARGET_PREFIX = /^(?:[A-Za-z0-9][A-Za-z0-9._-]*)?$/;

/** The longest target name a user may choose (also bounds the prefix). @internal */
export const MAX_TARGET_NAME_LENGTH = 100;

/** The bake group `docker buildx bake` builds without a target; no family may take its name. @internal */
export const BAKE_DEFAULT_GROUP = 'default';

/**
 * Per-platform build targets (the suffix comes from `plan/platform-names.ts`, e.g. `amd64`, `armv7`):
 * `<prefix>build-<suffix>` builds every image planned for the platform, for that platform only;
 * `<prefix>build-<image id>-<suffix>` one image (and its parents) for that platform only.
 * @internal
 */
export function platformTargets(prefix: string = '') {
  return {
    all: (suffix: string) => `${prefix}build-${suffix}`,
    image: (id: string, suffix: string) => `${prefix}build-${id}-${suffix}`,
  } as const;
}
