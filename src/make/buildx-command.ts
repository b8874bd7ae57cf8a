import { recipeWord } from './make-escape';
import type { MakeCommand } from './makefile-model';
import type { BuildPlan, PlannedImage } from '../plan/build-plan';

/** OCI distribution repository path (lowercase components separated by `/`); free of shell and make syntax. */
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

/** Shell/make variable names we splice into double-quoted words. */
const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Build argument names (Dockerfile `ARG`). */
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether a recipe builds into the local image store or pushes to the registry. */
export type BuildOutput = 'load' | 'push';

/**
 * The shell word naming an image in a recipe: `"$$REGISTRY/<repository>:$$<TAG_VARIABLE>"`; registry and tag are
 * read from the environment at run time, the repository is checked to contain no shell or make syntax.
 *
 * @throws if the repository or tag variable is not well formed
 * @internal
 */
export function imageReference(image: PlannedImage): string {
  if (!REPOSITORY.test(image.repository)) {
    throw new Error(`image ${image.id}: repository ${JSON.stringify(image.repository)} is not a valid lowercase repository path`);
  }
  return `"$$REGISTRY/${image.repository}:${variableReference(image.tagVariable, `image ${image.id}: tag variable`)}"`;
}

/**
 * The arguments of `docker buildx build` shared by `build-<id>` and `push-<id>`, one shell word (or flag with its
 * value) per entry, in a fixed order: file, target, tag, build arguments, parent build contexts, OCI labels, platforms.
 *
 * @param image the image to build
 * @param plan the plan, for parent images, the source URL and declared variables
 * @throws on a build argument that names an undeclared variable, a parent context naming an unknown image, or
 *   names that cannot be spliced safely
 * @internal
 */
export function buildxArguments(image: PlannedImage, plan: BuildPlan): string[] {
  const declared = new Set(plan.variables.map((variable) => variable.name));
  const args = [
    `--file ${recipeWord(image.dockerfile, `image ${image.id}: dockerfile`)}`,
    `--target ${recipeWord(image.target, `image ${image.id}: target`)}`,
    `--tag ${imageReference(image)}`,
  ];
  for (const arg of image.buildArgs) {
    if (!ARG_NAME.test(arg.name)) {
      throw new Error(`image ${image.id}: build argument name ${JSON.stringify(arg.name)} is not a valid ARG name`);
    }
    if (!declared.has(arg.variable)) {
      throw new Error(`image ${image.id}: build argument ${arg.name} reads variable ${arg.variable}, which the plan does not declare`);
    }
    args.push(`--build-arg "${arg.name}=${variableReference(arg.variable, `image ${image.id}: build argument variable`)}"`);
  }
  for (const parent of image.parentContexts) {
    const parentImage = plan.images.find((candidate) => candidate.id === parent.image);
    if (parentImage === undefined) {
      throw new Error(`image ${image.id}: build context ${parent.name} names unknown image ${parent.image}`);
    }
    const name = recipeWord(parent.name, `image ${image.id}: build context name`);
    args.push(`--build-context ${name}=${imageReference(parentImage).replace(/^"/, '"docker-image://')}`);
  }
  args.push(...labels(image, plan));
  args.push(platformArgument(image));
  return args;
}

/**
 * `"$$DOCKER" buildx build <shared arguments> --load|--push '<context>'`, wrapped one argument per line.
 * @internal
 */
export function buildxCommand(image: PlannedImage, sharedArguments: readonly string[], output: BuildOutput): MakeCommand {
  const context = image.context.startsWith('-') ? `./${image.context}` : image.context;
  return {
    words: ['"$$DOCKER" buildx build', ...sharedArguments, `--${output} ${recipeWord(context, `image ${image.id}: context`)}`],
    silent: false,
    wrap: true,
  };
}

/** OCI annotations as labels, sorted by key; run-time facts come from the exported GIT_* variables. */
function labels(image: PlannedImage, plan: BuildPlan): string[] {
  const prefix = 'org.opencontainers.image';
  const result = [`--label "${prefix}.created=$$GIT_CREATED"`];
  if (image.description !== undefined) {
    result.push(`--label ${recipeWord(`${prefix}.description=${image.description}`, `image ${image.id}: description`)}`);
  }
  result.push(`--label "${prefix}.revision=$$GIT_REVISION"`);
  if (plan.sourceUrl !== undefined) {
    result.push(`--label ${recipeWord(`${prefix}.source=${plan.sourceUrl}`, 'source URL')}`);
  }
  result.push(`--label "${prefix}.version=${variableReference(image.tagVariable, `image ${image.id}: tag variable`)}"`);
  return result;
}

/** The image's own platforms, else `PLATFORMS` when set (an empty value means the builder's native platform). */
function platformArgument(image: PlannedImage): string {
  if (image.platforms.length > 0) {
    return `--platform ${recipeWord(image.platforms.join(','), `image ${image.id}: platforms`)}`;
  }
  return '$${PLATFORMS:+--platform "$$PLATFORMS"}';
}

function variableReference(name: string, what: string): string {
  if (!VARIABLE.test(name)) {
    throw new Error(`${what} ${JSON.stringify(name)} is not a valid variable name`);
  }
  return `$$${name}`;
}
