import { labelBuildFacts } from './build-facts';
import { buildxArguments, buildxCommand, imageReference } from './buildx-command';
import { recipeWord } from './make-escape';
import type { MakeCommand, MakeRule } from './makefile-model';
import type { BuildPlan, PlannedFamily, PlannedImage } from '../plan/build-plan';
import { BAKE_DEFAULT_GROUP, familyTargets, GLOBAL_TARGETS, imageTargets } from '../plan/target-names';

/**
 * The phony rules of the pipeline, in print order: global aggregates (`build`, `push`, `clean`, `print-tags`,
 * `print-build-facts`, `bake`), then per family (`build-<f>`, `push-<f>`, `clean-<f>`, `print-tag-<f>`,
 * `bake-<f>`), then per image (`build-<id>`, `push-<id>`, `clean-<id>`, `run-<id>`). Names come from
 * `plan/target-names.ts`. Image rules depend on their parents' rules, so `make -j build` builds independent images
 * in parallel and parents first.
 *
 * Recipes read every variable from the environment (`"$$NAME"`); literals are single-quoted.
 *
 * @throws `internal error` on duplicate target names (validation reports colliding constructs)
 * @internal
 */
export function pipelineRules(plan: BuildPlan): MakeRule[] {
  const facts = labelBuildFacts(plan);
  const rules: MakeRule[] = [
    rule(GLOBAL_TARGETS.build, 'Build every image into the local image store', plan.families.map((f) => familyTargets(f.id).build)),
    rule(GLOBAL_TARGETS.push, 'Build and push every image', plan.families.map((f) => familyTargets(f.id).push)),
    rule(GLOBAL_TARGETS.clean, 'Remove every image from the local image store', plan.families.map((f) => familyTargets(f.id).clean)),
    rule(GLOBAL_TARGETS.printTags, 'Print every family tag as NAME=value', [], [printPairs(plan.families.flatMap((f) => [f.tagVariable, ...(f.tagsVariable ? [f.tagsVariable] : [])]), plan.families.length > 1 || plan.families.some((f) => f.tagsVariable))]),
    rule(GLOBAL_TARGETS.printBuildFacts, 'Print the build facts the labels read as NAME=value', [], facts.length > 0 ? [printPairs(facts, false)] : []),
    rule(GLOBAL_TARGETS.bake, 'Build every family with docker buildx bake, with the tags and settings computed here', [], [
      bakeCommand(plan, BAKE_DEFAULT_GROUP),
    ]),
  ];
  for (const family of plan.families) {
    rules.push(...familyRules(plan, family));
  }
  for (const image of plan.images) {
    rules.push(...imageRules(image, plan));
  }
  checkUnique(rules);
  return rules;
}

function familyRules(plan: BuildPlan, family: PlannedFamily): MakeRule[] {
  const id = family.id;
  const targets = familyTargets(id);
  return [
    rule(targets.build, `Build the ${id} images`, family.images.map((image) => imageTargets(image).build)),
    rule(targets.push, `Build and push the ${id} images`, family.images.map((image) => imageTargets(image).push)),
    rule(targets.clean, `Remove the ${id} images from the local image store`, family.images.map((image) => imageTargets(image).clean)),
    rule(targets.printTag, `Print the ${id} tag (CI reads it from here)`, [], [
      command([`printf '%s\\n' "$$${family.tagVariable}"`], true),
    ]),
    rule(targets.bake, `Build the ${id} images with docker buildx bake`, [], [bakeCommand(plan, id)]),
  ];
}

function imageRules(image: PlannedImage, plan: BuildPlan): MakeRule[] {
  const targets = imageTargets(image.id);
  const shared = buildxArguments(image, plan);
  const reference = imageReference(image);
  const description = image.description === undefined ? '' : `: ${image.description}`;
  return [
    rule(targets.build, `Build ${image.id}${description}`, image.dependsOn.map((parent) => imageTargets(parent).build), [
      buildxCommand(image, shared, 'load'),
    ]),
    rule(targets.push, `Build and push ${image.id}`, [...image.dependsOn.map((parent) => imageTargets(parent).push), targets.build], [
      buildxCommand(image, shared, 'push'),
    ]),
    rule(targets.clean, `Remove ${image.id} from the local image store (if present)`, [], [
      command([
        `if "$$DOCKER" image inspect ${reference} >/dev/null 2>&1;`,
        `then "$$DOCKER" image rm --force ${reference}; fi`,
      ]),
    ]),
    rule(targets.run, `Run ${image.id} interactively`, [targets.build], [
      command([`"$$DOCKER" run --rm -it ${reference}`]),
    ]),
  ];
}

/**
 * `"$$DOCKER" buildx bake --file '<bake file>' '<group>'`. Bake reads its variables (registry, platforms, family tags,
 * build facts, base images) from the environment, where the Makefile exports the values it computed.
 */
function bakeCommand(plan: BuildPlan, group: string): MakeCommand {
  return command([
    '"$$DOCKER" buildx bake',
    `--file ${recipeWord(plan.outputs.bakeFile, 'bake file')}`,
    recipeWord(group, 'bake group'),
  ]);
}

/** `printf '%s=%s\n' 'A' "$$A" …`, one variable per line. */
function printPairs(names: readonly string[], wrap: boolean): MakeCommand {
  const pairs = names.map((name) => `${recipeWord(name)} "$$${name}"`);
  return command(["printf '%s=%s\\n'", ...pairs], true, wrap);
}

function rule(target: string, doc: string, prerequisites: readonly string[], recipe: readonly MakeCommand[] = []): MakeRule {
  return { kind: 'rule', targets: [target], prerequisites, orderOnly: [], recipe, phony: true, doc: commentText(doc) };
}

function command(words: readonly string[], silent: boolean = false, wrap: boolean = false): MakeCommand {
  return { words, silent, wrap };
}

/**
 * Prose as one comment line: whitespace collapsed, trailing backslashes dropped (they would continue the comment).
 * @internal
 */
export function commentText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\\+$/, '').trim();
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
