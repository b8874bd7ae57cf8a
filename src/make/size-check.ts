import { imageReference } from './buildx-command';
import { recipeWord } from './make-escape';
import type { MakeRule } from './makefile-model';
import { command, rule } from './rules';
import type { BuildPlan, PlannedImage } from '../plan/build-plan';
import { sizeCheckTargets } from '../plan/target-names';

/**
 * The size-budget rules: `check-size-<image>` for each image with a budget, `check-size-<family>` for each family
 * with one, and `check-size` for all; none without budgets. A check reads the size of the image's reference in the
 * local image store (`docker image inspect --format '{{.Size}}'`) and fails, naming the image, its size and its
 * budget, when it is larger; it does not build (run it after `build-<image>`, as CI does after its build).
 * @internal
 */
export function sizeCheckRules(plan: BuildPlan): MakeRule[] {
  const budgeted = plan.images.filter((image) => image.sizeBudgetBytes !== undefined);
  if (budgeted.length === 0) return [];
  const names = sizeCheckTargets(plan.make.targetPrefix);
  const families = plan.families.filter((family) => budgeted.some((image) => image.family === family.id));
  return [
    rule(names.all, 'Check every image with a size budget against it (build them first)', families.map((family) => names.family(family.id))),
    ...families.map((family) => rule(names.family(family.id), `Check the ${family.id} images against their size budgets`,
      budgeted.filter((image) => image.family === family.id).map((image) => names.image(image.id)))),
    ...budgeted.map((image) => rule(names.image(image.id), `Fail when ${image.id} is larger than ${image.sizeBudgetBytes} bytes`, [], [sizeCommand(image)])),
  ];
}

/** `size=$(docker image inspect …)`; a failure message on stderr and exit 1 above the budget. */
function sizeCommand(image: PlannedImage): ReturnType<typeof command> {
  const budget = image.sizeBudgetBytes!;
  if (!Number.isSafeInteger(budget) || budget <= 0) throw new Error(`internal error: image ${image.id}: size budget ${budget} is not a positive integer`);
  const reference = imageReference(image);
  const id = recipeWord(image.id, `image ${image.id}: id`);
  return command([
    `size="$$("$$DOCKER" image inspect --format '{{.Size}}' ${reference})";`,
    `if [ "$$size" -gt ${budget} ]; then`,
    `printf 'image %s (%s) is %s bytes, over its size budget of %s bytes\\n' ${id} ${reference} "$$size" '${budget}' >&2;`,
    'exit 1; fi;',
    `printf 'image %s is %s bytes, within its size budget of %s bytes\\n' ${id} "$$size" '${budget}'`,
  ], true, true);
}
