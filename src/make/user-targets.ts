import { recipeWord } from './make-escape';
import type { MakeCommand, MakeRule } from './makefile-model';
import { command, rule } from './rules';
import { containerCommand } from './run-command';
import type { BuildPlan, PlannedMakeTarget } from '../plan/build-plan';

/** Longest generated description of a user target without one. */
const MAX_DOC = 80;

/**
 * The user's own phony targets (`MakeOptions.targets`), in declaration order: prerequisites as given, each command
 * one recipe line whose words are single-quoted literals, on the host or in a container of the target's image.
 *
 * @throws `internal error` if a target names an image the plan does not have (validation guarantees it)
 * @internal
 */
export function userTargetRules(plan: BuildPlan): MakeRule[] {
  return plan.make.targets.map((target) => {
    const doc = target.description ?? generatedDoc(target);
    return rule(target.name, doc, target.prerequisites, commandsOf(plan, target));
  });
}

function commandsOf(plan: BuildPlan, target: PlannedMakeTarget): MakeCommand[] {
  if (target.image === undefined) {
    return target.commands.map((argv) => command(argv.map((word) => recipeWord(word, `make target ${target.name}: command word`))));
  }
  const image = plan.images.find((candidate) => candidate.id === target.image);
  if (image === undefined) throw new Error(`internal error: make target ${target.name} runs in unknown image ${target.image}`);
  return target.commands.map((argv) => containerCommand(image, target.workdir, argv));
}

/** `Run make generate (in ci-image)`, shortened. */
function generatedDoc(target: PlannedMakeTarget): string {
  const commands = target.commands.map((argv) => argv.join(' ')).join('; ');
  const where = target.image === undefined ? '' : ` (in ${target.image})`;
  const text = commands === '' ? `Make ${target.prerequisites.join(' ')}` : `Run ${commands}${where}`;
  return text.length > MAX_DOC ? `${text.slice(0, MAX_DOC - 1)}…` : text;
}
