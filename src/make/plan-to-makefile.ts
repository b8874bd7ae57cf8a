import { imageReferenceDefault } from './buildx-command';
import { cacheFactLines, cacheFactNames } from './cache-facts';
import { gitFactAssignments, gitFactsOf } from './git-facts';
import { helpRule } from './help-rule';
import { makeLiteral } from './make-escape';
import type { MakeAssignment, MakeBlock, MakeLine } from './makefile-model';
import { printMakefile } from './makefile-printer';
import { commentText, pipelineRules } from './pipeline-rules';
import { supplySettingNames, supplySettings } from './supply-settings';
import { tagExpression } from './tag-expression';
import { usesCache } from '../cache/plan-cache';
import type { BuildPlan } from '../plan/build-plan';
import { publishedPorts } from '../plan/published-ports';
import { tagVariableNames } from '../plan/tag-variable-names';
import { CACHE_TO_VARIABLE, SETTING_VARIABLES } from '../plan/variables';
import { RuleFamily, ruleFactLines, ruleFactNames, ruleFamilyLines } from '../tags/tag-rules-make';

/** Settings every Makefile defines before the plan's own variables, in the order of the table. */
const SETTINGS: readonly string[] = Object.values(SETTING_VARIABLES);

/** The settings of a plan: {@link SETTINGS}, and `CACHE_TO` when an image has a cache. */
function settingNames(plan: BuildPlan): string[] {
  return [...SETTINGS, ...(usesCache(plan.images) ? [CACHE_TO_VARIABLE] : []), ...supplySettingNames(plan)];
}

/**
 * Renders the pipeline Makefile for a plan.
 *
 * The Makefile is the single implementation of the pipeline: CI runs the same targets (and reads each family tag
 * from `make --no-print-directory print-tag-<family>`), so tags are computed by the same code locally and in CI.
 *
 * Layout: marker; safe header (`bash`, `-euo pipefail`, `.DELETE_ON_ERROR`, warnings on undefined variables, no
 * built-in rules, the planned default goal, `help` by default); overridable settings (`DOCKER`, `REGISTRY`,
 * `PLATFORMS`, `TAG`, `RUN_ARGS`) and plan variables (`?=`); git facts (`GIT_VERSION`, `GIT_BRANCH`, `GIT_SHA`,
 * `GIT_PR`, `GIT_REVISION`, `GIT_CREATED`, `:=` through `$(shell …)`); one tag variable per family; the full
 * reference and run ports of each image (`<IMAGE>_IMAGE`, `<IMAGE>_PORTS`); a line making command-line and environment values literal;
 * `export` of everything recipes read; then the phony rules. Variable and target names come from `plan/variables.ts`
 * and `plan/target-names.ts`.
 *
 * Security: user data only reaches recipes as exported environment variables expanded by the shell inside double
 * quotes (`"$$NAME"`), never as `$(NAME)`; literals from the plan are single-quoted; values given on the command line
 * or in the environment are not expanded by make.
 *
 * @param plan the validated build plan
 * @param marker the generated-file marker, printed as the first line (`# <marker>`)
 * @returns the Makefile text (`\n` line ends, final newline)
 * @throws `internal error` when the plan breaks an invariant of the plan builder or validation (see the messages)
 * @internal
 */
export function renderMakefile(plan: BuildPlan, marker: string): string {
  checkPlanReferences(plan);
  const rules = pipelineRules(plan);
  const ruleFamilies = ruleFamiliesOf(plan);
  const factNames = [...gitFactsOf(plan).map((fact) => fact.name), ...(ruleFamilies.length > 0 ? ruleFactNames() : []), ...cacheFactNames(plan)];
  const tagNames = tagVariableNames(plan);
  const exported = [
    ...settingNames(plan),
    ...plan.variables.map((variable) => variable.name),
    ...factNames,
    ...tagNames,
    ...imageVariables(plan),
  ];
  const blocks: MakeBlock[] = [
    [comment(marker), comment('Container pipeline. `make help` lists the targets and the variables you can override.')],
    header(plan),
    settings(plan),
    ...(plan.variables.length > 0 ? [pipelineVariables(plan)] : []),
    gitFacts(plan),
    ...(ruleFamilies.length > 0 ? [ruleFactLines(ruleFamilies, plan.defaultBranch)] : []),
    ...(cacheFactNames(plan).length > 0 ? [cacheFactLines(plan)] : []),
    tags(plan, ruleFamilies),
    ...(plan.images.length > 0 ? [images(plan)] : []),
    exportBlock(plan, [factNames, tagNames, imageVariables(plan)], exported),
    [helpRule(rules, exported)],
    ...rules.map((rule) => [rule]),
  ];
  return printMakefile({ blocks });
}

function header(plan: BuildPlan): MakeBlock {
  return [
    assign('SHELL', ':=', 'bash'),
    assign('.SHELLFLAGS', ':=', '--norc --noprofile -euo pipefail -c'),
    { kind: 'rule', targets: ['.DELETE_ON_ERROR'], prerequisites: [], orderOnly: [], recipe: [], phony: false },
    assign('MAKEFLAGS', '+=', '--warn-undefined-variables --no-builtin-rules'),
    assign('.DEFAULT_GOAL', ':=', makeLiteral(plan.make.defaultGoal, 'default goal')),
  ];
}

function settings(plan: BuildPlan): MakeBlock {
  const v = SETTING_VARIABLES;
  return [
    comment(`Settings: override on the command line or in the environment, e.g. \`make push ${v.registry}=... ${v.tag}=...\`.`),
    comment('Container CLI (docker or a compatible one)'),
    assign(v.docker, '?=', 'docker'),
    comment('Registry and namespace that image names start with'),
    assign(v.registry, '?=', makeLiteral(plan.registry, 'registry')),
    comment('Comma-separated platforms for every image (e.g. linux/arm64, or local for the native one), overriding the'),
    comment("platforms each image plans (its own, its family's or the pipeline's); empty: the planned platforms"),
    assign(v.platforms, '?=', ''),
    comment('One tag for every family; empty: each family computes its tag from git'),
    assign(v.tag, '?=', ''),
    comment('Extra docker run arguments of every run target, split into words at blanks (no quoting, nothing evaluated),'),
    comment("e.g. `make run-<image> RUN_ARGS='--env-file .env --memory 1g'`"),
    assign(v.runArgs, '?=', ''),
    comment('Buildx builder of every build and bake (a builder instance or docker context, e.g. a remote BuildKit);'),
    comment('empty: the current builder'),
    assign(v.builder, '?=', ''),
    ...(usesCache(plan.images) ? [
      comment('Non-empty: builds also write their cache (--cache-to); empty: they only read it (--cache-from)'),
      assign(CACHE_TO_VARIABLE, '?=', ''),
    ] : []),
    ...supplySettings(plan),
  ];
}

function pipelineVariables(plan: BuildPlan): MakeBlock {
  const lines: MakeLine[] = [comment('Pipeline variables')];
  for (const variable of plan.variables) {
    const doc = commentText(variable.description);
    if (doc !== '') lines.push(comment(doc));
    lines.push(assign(variable.name, '?=', makeLiteral(variable.defaultValue, `default of variable ${variable.name}`)));
  }
  return lines;
}

function gitFacts(plan: BuildPlan): MakeBlock {
  const facts = gitFactsOf(plan);
  const docs = facts.map((fact) => comment(`  ${fact.name}: ${fact.doc}`));
  return [
    comment('Facts about the checkout, computed once per run; each is empty outside git or when it does not apply.'),
    comment('GitHub Actions variables (GITHUB_REF_TYPE, GITHUB_REF_NAME, GITHUB_HEAD_REF, GITHUB_REF) take precedence.'),
    ...docs,
    ...gitFactAssignments(facts),
  ];
}

/** The families whose tags come from rules, then the images with rules of their own. */
function ruleFamiliesOf(plan: BuildPlan): RuleFamily[] {
  return [
    ...plan.families.flatMap((family) => (family.rules && family.tagsVariable
      ? [{ id: family.id, tagVariable: family.tagVariable, tagsVariable: family.tagsVariable, rules: family.rules }]
      : [])),
    ...plan.images.flatMap((image) => (image.tagRules && image.tagsVariable
      ? [{ id: image.id, owner: 'image' as const, tagVariable: image.tagVariable, tagsVariable: image.tagsVariable, rules: image.tagRules }]
      : [])),
  ];
}

function tags(plan: BuildPlan, ruleFamilies: readonly RuleFamily[]): MakeBlock {
  const lines: MakeLine[] = [];
  for (const family of plan.families) {
    const ruleFamily = ruleFamilies.find((candidate) => candidate.owner !== 'image' && candidate.id === family.id);
    if (ruleFamily) {
      lines.push(...ruleFamilyLines(ruleFamily, ruleFamilies));
      continue;
    }
    const expression = tagExpression(family.tag, family.id);
    const templates = family.tag.templates.join(', ');
    lines.push(comment(`Tag of family ${family.id}: TAG, else the first of [${templates}] whose git facts are set, else ${family.tag.fallback}`));
    lines.push(assign(family.tagVariable, '?=', expression));
  }
  for (const ruleImage of ruleFamilies.filter((candidate) => candidate.owner === 'image')) {
    lines.push(...ruleFamilyLines(ruleImage, ruleFamilies));
  }
  return lines;
}

/** Names of the per-image variables (full reference, ports of the run target), in plan order. */
function imageVariables(plan: BuildPlan): string[] {
  return plan.images.flatMap((image) => [image.imageVariable, image.portsVariable]);
}

function images(plan: BuildPlan): MakeBlock {
  const lines: MakeLine[] = [
    comment('Full reference of each image: setting it overrides registry, repository and tag together, for every target'),
    comment('of the image and for the images built on it. Ports: the docker run --publish values of its run target.'),
  ];
  for (const image of plan.images) {
    lines.push(assign(image.imageVariable, '?=', imageReferenceDefault(image)));
    const ports = publishedPorts(image).join(' ');
    lines.push(assign(image.portsVariable, '?=', makeLiteral(ports, `ports of image ${image.id}`)));
  }
  return lines;
}

type NameLists = readonly [facts: readonly string[], tags: readonly string[], images: readonly string[]];

function exportBlock(plan: BuildPlan, [factNames, tagNames, imageNames]: NameLists, exported: readonly string[]): MakeBlock {
  return [
    comment('Values from the command line or the environment are used literally (make would expand `$` in them).'),
    {
      kind: 'directive',
      text: `$(foreach v,${exported.join(' ')},$(if $(filter command environment,$(firstword $(origin $(v)))),$(eval override $(v) := $$(value $(v)))))`,
    },
    { kind: 'blank' },
    comment('Recipes read these from the environment, always as "$$NAME", never as $(NAME).'),
    ...[
      settingNames(plan),
      plan.variables.map((variable) => variable.name),
      factNames,
      tagNames,
      imageNames,
    ].filter((names) => names.length > 0).map((names): MakeLine => ({ kind: 'export', names })),
  ];
}

/** Checks the references between the plan's images, families and tag variables (the plan builder guarantees them). */
function checkPlanReferences(plan: BuildPlan): void {
  const tagVariables = new Set(plan.families.map((family) => family.tagVariable));
  const ids = new Set(plan.images.map((image) => image.id));
  for (const image of plan.images) {
    if (image.tagRules === undefined && !tagVariables.has(image.tagVariable)) {
      throw new Error(`internal error: image ${image.id}: tag variable ${image.tagVariable} is not the tag variable of any family`);
    }
    for (const parent of image.dependsOn) {
      if (!ids.has(parent)) throw new Error(`internal error: image ${image.id} depends on unknown image ${parent}`);
    }
  }
  for (const family of plan.families) {
    for (const image of family.images) {
      if (!ids.has(image)) throw new Error(`internal error: family ${family.id} lists unknown image ${image}`);
    }
  }
}

function comment(text: string): MakeLine {
  return { kind: 'comment', text };
}

function assign(name: string, operator: MakeAssignment['operator'], value: string): MakeAssignment {
  return { kind: 'assignment', name, operator, value };
}
