import { labelBuildFacts } from './build-facts';
import { buildxArguments, buildxCommand, buildxInvocation, imageReference } from './buildx-command';
import { recipeWord } from './make-escape';
import type { MakeCommand, MakeRule } from './makefile-model';
import { platformRules } from './platform-rules';
import { command, rule } from './rules';
export { commentText } from './rules';
import { runCommand } from './run-command';
import { signRules } from './sign-rules';
import { sizeCheckRules } from './size-check';
import { pushArgument } from './supply-arguments';
import { userTargetRules } from './user-targets';
import type { BuildPlan, PlannedFamily, PlannedImage } from '../plan/build-plan';
import { tagVariableNames } from '../plan/tag-variable-names';
import { BAKE_DEFAULT_GROUP, familyTargets, globalTargets, imageTargets } from '../plan/target-names';

/**
 * The phony rules of the pipeline, in print order: global aggregates (`build`, `push`, `pull`, `clean`, `print-tags`,
 * `print-build-facts`, `bake`), then per family (`build-<f>`, `push-<f>`, `pull-<f>`, `clean-<f>`, `print-tag-<f>`,
 * `bake-<f>`), then per image (`build-<id>`, `push-<id>`, `pull-<id>`, `clean-<id>`, `run-<id>` and the image's
 * aliases), then the user's targets. Names come from `plan/target-names.ts` with the plan's target prefix. Image rules
 * depend on their parents' rules, so `make -j build` builds independent images in parallel and parents first.
 *
 * Recipes read every variable from the environment (`"$$NAME"`); literals are single-quoted.
 *
 * @throws `internal error` on duplicate target names (validation reports colliding constructs)
 * @internal
 */
export function pipelineRules(plan: BuildPlan): MakeRule[] {
  const facts = labelBuildFacts(plan);
  const prefix = plan.make.targetPrefix;
  const global = globalTargets(prefix);
  const families = plan.families.map((f) => familyTargets(f.id, prefix));
  const tagNames = tagVariableNames(plan);
  const rules: MakeRule[] = [
    rule(global.build, 'Build every image into the local image store', families.map((f) => f.build)),
    rule(global.push, 'Build and push every image', families.map((f) => f.push)),
    rule(global.pull, 'Pull every image from the registry', families.map((f) => f.pull)),
    rule(global.clean, 'Remove every image from the local image store', families.map((f) => f.clean)),
    rule(global.printTags, 'Print every family tag as NAME=value', [], [printPairs(tagNames, tagNames.length > 1)]),
    rule(global.printBuildFacts, 'Print the build facts the labels read as NAME=value', [], facts.length > 0 ? [printPairs(facts, false)] : []),
    rule(global.bake, 'Build every family with docker buildx bake, with the tags and settings computed here', [], [
      bakeCommand(plan, BAKE_DEFAULT_GROUP),
    ]),
  ];
  for (const family of plan.families) {
    rules.push(...familyRules(plan, family));
  }
  for (const image of plan.images) {
    rules.push(...imageRules(image, plan));
  }
  rules.push(...platformRules(plan));
  rules.push(...sizeCheckRules(plan));
  rules.push(...signRules(plan));
  rules.push(...userTargetRules(plan));
  checkUnique(rules);
  return rules;
}

function familyRules(plan: BuildPlan, family: PlannedFamily): MakeRule[] {
  const id = family.id;
  const prefix = plan.make.targetPrefix;
  const targets = familyTargets(id, prefix);
  const images = family.images.map((image) => imageTargets(image, prefix));
  return [
    rule(targets.build, `Build the ${id} images`, images.map((image) => image.build)),
    rule(targets.push, `Build and push the ${id} images`, images.map((image) => image.push)),
    rule(targets.pull, `Pull the ${id} images from the registry`, images.map((image) => image.pull)),
    rule(targets.clean, `Remove the ${id} images from the local image store`, images.map((image) => image.clean)),
    rule(targets.printTag, `Print the ${id} tag (CI reads it from here)`, [], [
      command([`printf '%s\\n' "$$${family.tagVariable}"`], true),
    ]),
    rule(targets.bake, `Build the ${id} images with docker buildx bake`, [], [bakeCommand(plan, id)]),
  ];
}

function imageRules(image: PlannedImage, plan: BuildPlan): MakeRule[] {
  const prefix = plan.make.targetPrefix;
  const targets = imageTargets(image.id, prefix);
  const parents = image.dependsOn.map((parent) => imageTargets(parent, prefix));
  const shared = buildxArguments(image, plan);
  const reference = imageReference(image);
  const description = image.description === undefined ? '' : `: ${image.description}`;
  return [
    rule(targets.build, `Build ${image.id}${description}`, parents.map((parent) => parent.build), [
      buildxCommand(image, shared, 'load'),
    ]),
    rule(targets.push, `Build and push ${image.id}`, [...parents.map((parent) => parent.push), targets.build], [
      buildxCommand(image, shared, 'push', pushArgument(plan)),
    ]),
    rule(targets.pull, `Pull ${image.id} from the registry`, [], [
      command([`"$$DOCKER" pull ${reference}`]),
    ]),
    rule(targets.clean, `Remove ${image.id} from the local image store (if present)`, [], [
      command([
        `if "$$DOCKER" image inspect ${reference} >/dev/null 2>&1;`,
        `then "$$DOCKER" image rm --force ${reference}; fi`,
      ]),
    ]),
    rule(targets.run, `Run ${image.id}, publishing ${image.portsVariable}, with RUN_ARGS`, [targets.build], [runCommand(image)]),
    ...image.aliases.map((alias) => rule(alias.name, `Alias of ${targets[alias.verb]}`, [targets[alias.verb]])),
  ];
}

/**
 * `"$$DOCKER" buildx [--builder "$$BUILDER"] bake --file '<bake file>' '<group>'`. Bake reads its variables (registry, platforms, family tags,
 * build facts, base images) from the environment, where the Makefile exports the values it computed.
 */
function bakeCommand(plan: BuildPlan, group: string): MakeCommand {
  return command([
    `${buildxInvocation()} bake`,
    `--file ${recipeWord(plan.outputs.bakeFile, 'bake file')}`,
    recipeWord(group, 'bake group'),
  ]);
}

/** `printf '%s=%s\n' 'A' "$$A" …`, one variable per line. */
function printPairs(names: readonly string[], wrap: boolean): MakeCommand {
  const pairs = names.map((name) => `${recipeWord(name)} "$$${name}"`);
  return command(["printf '%s=%s\\n'", ...pairs], true, wrap);
}

function checkUnique(rules: readonly MakeRule[]): void {
  const seen = new Set<string>();
  for (const target of rules.flatMap((r) => r.targets)) {
    if (seen.has(target)) {
      throw new Error(`internal error: two rules define make target ${target}`);
    }
    seen.add(target);
  }
}
