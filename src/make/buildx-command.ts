import { cacheArguments } from './cache-arguments';
import { recipeWord } from './make-escape';
import type { MakeCommand } from './makefile-model';
import { platformList } from './platforms';
import { attestArguments } from './supply-arguments';
import type { BuildPlan, PlannedImage, PlannedLabel } from '../plan/build-plan';
import { SETTING_VARIABLES } from '../plan/variables';

/** OCI distribution repository path (lowercase components separated by `/`); free of shell and make syntax. */
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

/** Shell/make variable names we splice into double-quoted words (also Dockerfile `ARG` names). */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Label keys (and `<level>:<key>` annotation keys) that mean the same inside double quotes. */
const PLAIN_KEY = /^[A-Za-z0-9._/:-]+$/;

/** Whether a recipe builds into the local image store or pushes to the registry. */
export type BuildOutput = 'load' | 'push';

/**
 * The shell word naming an image in a recipe: `"$$<IMAGE_VARIABLE>"`, the image's full reference read from the
 * environment at run time (its Makefile default is `$(REGISTRY)/<repository>:$(<FAMILY>_TAG)`).
 *
 * @throws `internal error` if the repository or image variable is not well formed (validation guarantees both)
 * @internal
 */
export function imageReference(image: PlannedImage): string {
  if (!REPOSITORY.test(image.repository)) {
    throw new Error(`internal error: image ${image.id}: repository ${JSON.stringify(image.repository)} is not a lowercase repository path`);
  }
  return `"${variableReference(image.imageVariable, `image ${image.id}: image variable`)}"`;
}

/**
 * The Makefile default of an image's reference variable: `$(REGISTRY)/<repository>:$(<FAMILY>_TAG)` (make text; both
 * variables are literal by the time it expands).
 * @internal
 */
export function imageReferenceDefault(image: PlannedImage): string {
  if (!REPOSITORY.test(image.repository)) {
    throw new Error(`internal error: image ${image.id}: repository ${JSON.stringify(image.repository)} is not a lowercase repository path`);
  }
  return `$(${checkName(SETTING_VARIABLES.registry, 'registry variable')})/${image.repository}:$(${checkName(image.tagVariable, `image ${image.id}: tag variable`)})`;
}

/**
 * The arguments of `docker buildx build` shared by `build-<id>` and `push-<id>`, one shell word (or flag with its
 * value) per entry, in a fixed order: file, target, tag, build arguments, parent build arguments and contexts, labels,
 * annotations (the labels' values, `plan/labels.ts`), platforms, cache (reads, and the write when `CACHE_TO` is set),
 * attestations.
 *
 * @param image the image to build
 * @param plan the plan, for parent images, platforms and declared variables
 * @param platform builds for this one platform only (per-platform targets), whatever `PLATFORMS` says
 * @throws `internal error` on a build argument reading an undeclared variable or a parent context naming an unknown
 *   image (the plan builder guarantees both)
 * @internal
 */
export function buildxArguments(image: PlannedImage, plan: BuildPlan, platform?: string): string[] {
  const declared = new Set(plan.variables.map((variable) => variable.name));
  const args = [
    `--file ${recipeWord(image.dockerfile, `image ${image.id}: dockerfile`)}`,
    `--target ${recipeWord(image.target, `image ${image.id}: target`)}`,
    image.tagsVariable === undefined ? `--tag ${imageReference(image)}` : '"$${tag_args[@]}"',
  ];
  for (const arg of image.buildArgs) {
    if (!declared.has(arg.variable)) {
      throw new Error(`internal error: image ${image.id}: build argument ${arg.name} reads undeclared variable ${arg.variable}`);
    }
    args.push(`--build-arg "${checkName(arg.name, `image ${image.id}: build argument`)}=${variableReference(arg.variable, `image ${image.id}: build argument variable`)}"`);
  }
  for (const parent of image.parentContexts) {
    const parentImage = plan.images.find((candidate) => candidate.id === parent.image);
    if (parentImage === undefined) {
      throw new Error(`internal error: image ${image.id}: build context ${parent.name} names unknown image ${parent.image}`);
    }
    const name = recipeWord(parent.name, `image ${image.id}: build context name`);
    if (parent.buildArg !== undefined) {
      // the Dockerfile's `FROM ${ARG}` defaults to the parent's published reference; here it names the context below
      args.push(`--build-arg ${recipeWord(`${checkName(parent.buildArg, `image ${image.id}: parent build argument`)}=${parent.name}`, `image ${image.id}: parent build argument`)}`);
    }
    args.push(`--build-context ${name}=${imageReference(parentImage).replace(/^"/, '"docker-image://')}`);
  }
  args.push(...image.labels.map((label) => `--label ${labelWord(image, label)}`));
  args.push(...image.annotations.map((annotation) => `--annotation ${labelWord(image, { key: `${annotation.level}:${annotation.key}`, value: annotation.value })}`));
  args.push(platform === undefined ? platformArgument(plan, image) : `--platform ${recipeWord(checkPlatform(platform, image), `image ${image.id}: platform`)}`);
  args.push(...cacheArguments(image));
  args.push(...attestArguments(plan));
  return args;
}

/**
 * `"$$DOCKER" buildx build <shared arguments> --load|--push '<context>'`, wrapped one argument per line.
 * @param outputFlag replaces `--load`/`--push` (a push of a reproducible build: see `pushArgument`)
 * @internal
 */
export function buildxCommand(image: PlannedImage, sharedArguments: readonly string[], output: BuildOutput, outputFlag: string = `--${output}`): MakeCommand {
  const context = image.context.startsWith('-') ? `./${image.context}` : image.context;
  return {
    words: [...tagArguments(image), `${buildxInvocation()} build`, ...sharedArguments, `${outputFlag} ${recipeWord(context, `image ${image.id}: context`)}`],
    silent: false,
    wrap: true,
  };
}

/**
 * `"$$DOCKER" buildx`, followed by `--builder "$$BUILDER"` only when `BUILDER` is set (the shell drops the whole
 * `$${BUILDER:+…}` word when it is empty, so the default builder is used): one implementation for builds and bakes.
 * @internal
 */
export function buildxInvocation(): string {
  const docker = variableReference(SETTING_VARIABLES.docker, 'container CLI variable');
  const builder = checkName(SETTING_VARIABLES.builder, 'builder variable');
  return `"${docker}" buildx $\${${builder}:+--builder "$$${builder}"}`;
}

/**
 * With tag rules: shell words building `tag_args` (one `--tag "$REGISTRY/<repository>:<tag>"` per word of the
 * image's tags variable, read with `read -a`, so no word is globbed or re-split), which `"$${tag_args[@]}"` passes on.
 */
function tagArguments(image: PlannedImage): string[] {
  if (image.tagsVariable === undefined) return [];
  if (!REPOSITORY.test(image.repository)) {
    throw new Error(`internal error: image ${image.id}: repository ${JSON.stringify(image.repository)} is not a lowercase repository path`);
  }
  const tags = variableReference(image.tagsVariable, `image ${image.id}: tags variable`);
  const registry = variableReference(SETTING_VARIABLES.registry, 'registry variable');
  const reference = imageReference(image);
  return [
    `tag_args=(); read -r -a tags <<< "${tags}";`,
    `for t in "$\${tags[@]}"; do tag_args+=(--tag "${registry}/${image.repository}:$$t"); done;`,
    // the image's reference variable is one of them by default; an overridden one is added, so images built on it find it
    `case " $\${tag_args[*]} " in *" "${reference}" "*) ;; *) tag_args+=(--tag ${reference});; esac;`,
  ];
}

/** One planned label as the value of `--label` (or `--annotation`): a literal single-quoted, a variable read by the shell. */
function labelWord(image: PlannedImage, label: PlannedLabel): string {
  const what = `image ${image.id}: label ${label.key}`;
  if (label.value.kind === 'literal') {
    return recipeWord(`${label.key}=${label.value.text}`, what);
  }
  const value = `"${variableReference(label.value.name, what)}"`;
  return PLAIN_KEY.test(label.key) ? `"${label.key}=${value.slice(1)}` : `${recipeWord(`${label.key}=`, what)}${value}`;
}

/**
 * `--platform`: `PLATFORMS` when set, else the image's planned platforms; without planned platforms, only when
 * `PLATFORMS` is set (otherwise the builder's native platform).
 */
function platformArgument(plan: BuildPlan, image: PlannedImage): string {
  const platforms = checkName(SETTING_VARIABLES.platforms, 'platforms variable');
  const planned = platformList(plan, image);
  return planned === ''
    ? `$\${${platforms}:+--platform "$$${platforms}"}`
    : `--platform "$\${${platforms}:-${planned}}"`;
}

/** One `os/arch[/variant]` platform (validation refuses others). */
function checkPlatform(platform: string, image: PlannedImage): string {
  if (!/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/.test(platform)) {
    throw new Error(`internal error: image ${image.id}: platform ${JSON.stringify(platform)} is not os/arch[/variant]`);
  }
  return platform;
}

function variableReference(name: string, what: string): string {
  return `$$${checkName(name, what)}`;
}

function checkName(name: string, what: string): string {
  if (!VARIABLE.test(name)) {
    throw new Error(`internal error: ${what} ${JSON.stringify(name)} is not a variable name`);
  }
  return name;
}
