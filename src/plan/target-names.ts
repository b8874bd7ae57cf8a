/**
 * Names of the Makefile targets, in one place: the Makefile defines them, the workflow calls them, the docs show them,
 * and validation checks that no two constructs get the same one.
 * @internal
 */
export const GLOBAL_TARGETS = {
  help: 'help',
  build: 'build',
  push: 'push',
  clean: 'clean',
  printTags: 'print-tags',
  printBuildFacts: 'print-build-facts',
  /** `docker buildx bake` of the default group, with the Makefile's tags, registry, platforms and build facts. */
  bake: 'bake',
} as const;

/** Per-family targets. @internal */
export function familyTargets(family: string) {
  return {
    build: `build-${family}`,
    push: `push-${family}`,
    clean: `clean-${family}`,
    printTag: `print-tag-${family}`,
    bake: `bake-${family}`,
  } as const;
}

/** Per-image targets (`id` is the image's plan id, `<family>-<image>`). @internal */
export function imageTargets(id: string) {
  return {
    build: `build-${id}`,
    push: `push-${id}`,
    clean: `clean-${id}`,
    run: `run-${id}`,
  } as const;
}

/** The bake group `docker buildx bake` builds without a target; no family may take its name. @internal */
export const BAKE_DEFAULT_GROUP = 'default';
