import { buildxArguments, buildxCommand, imageReference } from './buildx-command';
import type { MakeCommand, MakeRule } from './makefile-model';
import type { BuildPlan, PlannedFamily, PlannedImage } from '../plan/build-plan';

/**
 * The phony rules of the pipeline, in print order: global aggregates (`build`, `push`, `clean`, `print-tags`),
 * then per family (`build-<f>`, `push-<f>`, `clean-<f>`, `print-tag-<f>`), then per image (`build-<id>`,
 * `push-<id>`, `clean-<id>`, `run-<id>`). Image rules depend on their parents' rules, so `make -j build` builds
 * independent images in parallel and parents first.
 *
 * Recipes read every variable from the environment (`"$$NAME"`); literals are single-quoted.
 *
 * @throws on duplicate target names (e.g. a family id equal to an image id) or invalid plan names
 * @internal
 */
export function pipelineRules(plan: BuildPlan): MakeRule[] {
  const rules: MakeRule[] = [
    rule('build', 'Build every image into the local image store', plan.families.map((f) => `build-${f.id}`)),
    rule('push', 'Build and push every image', plan.families.map((f) => `push-${f.id}`)),
    rule('clean', 'Remove every image from the local image store', plan.families.map((f) => `clean-${f.id}`)),
    rule('print-tags', 'Print every family tag as NAME=value', [], [printTags(plan.families)]),
    rule('print-build-facts', 'Print the revision and creation time labels as NAME=value', [], [
      command(["printf '%s=%s\\n'", '\'GIT_REVISION\' "$$GIT_REVISION"', '\'GIT_CREATED\' "$$GIT_CREATED"'], true),
    ]),
  ];
  for (const family of plan.families) {
    rules.push(...familyRules(family));
  }
  for (const image of plan.images) {
    rules.push(...imageRules(image, plan));
  }
  checkUnique(rules);
  return rules;
}

function familyRules(family: PlannedFamily): MakeRule[] {
  const id = family.id;
  return [
    rule(`build-${id}`, `Build the ${id} images`, family.images.map((image) => `build-${image}`)),
    rule(`push-${id}`, `Build and push the ${id} images`, family.images.map((image) => `push-${image}`)),
    rule(`clean-${id}`, `Remove the ${id} images from the local image store`, family.images.map((image) => `clean-${image}`)),
    rule(`print-tag-${id}`, `Print the ${id} tag (CI reads it from here)`, [], [
      command([`printf '%s\\n' "$$${family.tagVariable}"`], true),
    ]),
  ];
}

function imageRules(image: PlannedImage, plan: BuildPlan): MakeRule[] {
  const id = image.id;
  const shared = buildxArguments(image, plan);
  const reference = imageReference(image);
  const description = image.description === undefined ? '' : `: ${image.description}`;
  return [
    rule(`build-${id}`, `Build ${id}${description}`, image.dependsOn.map((parent) => `build-${parent}`), [
      buildxCommand(image, shared, 'load'),
    ]),
    rule(`push-${id}`, `Build and push ${id}`, [...image.dependsOn.map((parent) => `push-${parent}`), `build-${id}`], [
      buildxCommand(image, shared, 'push'),
    ]),
    rule(`clean-${id}`, `Remove ${id} from the local image store (if present)`, [], [
      command([
        `if "$$DOCKER" image inspect ${reference} >/dev/null 2>&1;`,
        `then "$$DOCKER" image rm --force ${reference}; fi`,
      ]),
    ]),
    rule(`run-${id}`, `Run ${id} interactively`, [`build-${id}`], [
      command([`"$$DOCKER" run --rm -it ${reference}`]),
    ]),
  ];
}

/** `printf '%s=%s\n' 'A_TAG' "$$A_TAG" …`, one family per line. */
function printTags(families: readonly PlannedFamily[]): MakeCommand {
  const pairs = families.map((family) => `'${family.tagVariable}' "$$${family.tagVariable}"`);
  return command(["printf '%s=%s\\n'", ...pairs], true, families.length > 1);
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
      throw new Error(`two rules define make target ${target}; rename the family or image so that targets are unique`);
    }
    seen.add(target);
  }
}
