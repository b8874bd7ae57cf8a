import { GIT_FACTS, gitFactAssignments } from './git-facts';
import { helpRule } from './help-rule';
import { makeLiteral } from './make-escape';
import type { MakeAssignment, MakeBlock, MakeLine } from './makefile-model';
import { printMakefile } from './makefile-printer';
import { commentText, pipelineRules } from './pipeline-rules';
import { tagExpression } from './tag-expression';
import type { BuildPlan } from '../plan/build-plan';

/** Settings every Makefile defines before the plan's own variables. */
const SETTINGS = ['DOCKER', 'REGISTRY', 'PLATFORMS', 'TAG'];

/** Names a plan variable must not take: our own settings and variables with a meaning to make or the shell. */
const RESERVED = new Set([
  ...SETTINGS, ...GIT_FACTS.map((fact) => fact.name),
  'SHELL', 'MAKE', 'MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEFILES', 'MAKECMDGOALS', 'MAKEFILE_LIST', 'CURDIR', 'VPATH',
  'SUFFIXES', 'GPATH', 'PATH', 'HOME', 'IFS', 'PWD', 'ENV', 'BASH_ENV', 'CDPATH',
]);

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Renders the pipeline Makefile for a plan.
 *
 * The Makefile is the single implementation of the pipeline: CI runs the same targets (and reads each family tag
 * from `make --no-print-directory print-tag-<family>`), so tags are computed by the same code locally and in CI.
 *
 * Layout: marker; safe header (`bash`, `-euo pipefail`, `.DELETE_ON_ERROR`, warnings on undefined variables, no
 * built-in rules, default goal `help`); overridable settings (`DOCKER`, `REGISTRY`, `PLATFORMS`, `TAG`) and plan
 * variables (`?=`); git facts (`GIT_VERSION`, `GIT_BRANCH`, `GIT_SHA`, `GIT_PR`, `GIT_REVISION`, `GIT_CREATED`, `:=`
 * through `$(shell …)`); one tag variable per family; a line making command-line and environment values literal;
 * `export` of everything recipes read; then the phony rules.
 *
 * Security: user data only reaches recipes as exported environment variables expanded by the shell inside double
 * quotes (`"$$NAME"`), never as `$(NAME)`; literals from the plan are single-quoted; values given on the command line
 * or in the environment are not expanded by make.
 *
 * @param plan the validated build plan
 * @param marker the generated-file marker, printed as the first line (`# <marker>`)
 * @returns the Makefile text (`\n` line ends, final newline)
 * @throws when the plan holds names or values a Makefile cannot carry safely (see the messages)
 * @internal
 */
export function renderMakefile(plan: BuildPlan, marker: string): string {
  checkPlanNames(plan);
  const rules = pipelineRules(plan);
  const exported = [
    ...SETTINGS,
    ...plan.variables.map((variable) => variable.name),
    ...GIT_FACTS.map((fact) => fact.name),
    ...plan.families.map((family) => family.tagVariable),
  ];
  const blocks: MakeBlock[] = [
    [comment(marker), comment('Container pipeline. `make help` lists the targets and the variables you can override.')],
    header(),
    settings(plan),
    ...(plan.variables.length > 0 ? [pipelineVariables(plan)] : []),
    gitFacts(),
    tags(plan),
    exportBlock(plan, exported),
    [helpRule(rules, exported)],
    ...rules.map((rule) => [rule]),
  ];
  return printMakefile({ blocks });
}

function header(): MakeBlock {
  return [
    assign('SHELL', ':=', 'bash'),
    assign('.SHELLFLAGS', ':=', '--norc --noprofile -euo pipefail -c'),
    { kind: 'rule', targets: ['.DELETE_ON_ERROR'], prerequisites: [], orderOnly: [], recipe: [], phony: false },
    assign('MAKEFLAGS', '+=', '--warn-undefined-variables --no-builtin-rules'),
    assign('.DEFAULT_GOAL', ':=', 'help'),
  ];
}

function settings(plan: BuildPlan): MakeBlock {
  return [
    comment('Settings: override on the command line or in the environment, e.g. `make push REGISTRY=... TAG=...`.'),
    comment('Container CLI (docker or a compatible one)'),
    assign('DOCKER', '?=', 'docker'),
    comment('Registry and namespace that image names start with'),
    assign('REGISTRY', '?=', makeLiteral(plan.registry, 'registry')),
    comment("Comma-separated platforms of images without their own; empty: the builder's native platform"),
    assign('PLATFORMS', '?=', makeLiteral(plan.platforms.join(','), 'platforms')),
    comment('One tag for every family; empty: each family computes its tag from git'),
    assign('TAG', '?=', ''),
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

function gitFacts(): MakeBlock {
  const docs = GIT_FACTS.map((fact) => comment(`  ${fact.name}: ${fact.doc}`));
  return [
    comment('Facts about the checkout, computed once per run; each is empty outside git or when it does not apply.'),
    comment('GitHub Actions variables (GITHUB_REF_TYPE, GITHUB_REF_NAME, GITHUB_HEAD_REF, GITHUB_REF) take precedence.'),
    ...docs,
    ...gitFactAssignments(),
  ];
}

function tags(plan: BuildPlan): MakeBlock {
  const lines: MakeLine[] = [];
  for (const family of plan.families) {
    const expression = tagExpression(family.tag, family.id);
    const templates = family.tag.templates.join(', ');
    lines.push(comment(`Tag of family ${family.id}: TAG, else the first of [${templates}] whose git facts are set, else ${family.tag.fallback}`));
    lines.push(assign(family.tagVariable, '?=', expression));
  }
  return lines;
}

function exportBlock(plan: BuildPlan, exported: readonly string[]): MakeBlock {
  return [
    comment('Values from the command line or the environment are used literally (make would expand `$` in them).'),
    {
      kind: 'directive',
      text: `$(foreach v,${exported.join(' ')},$(if $(filter command environment,$(firstword $(origin $(v)))),$(eval override $(v) := $$(value $(v)))))`,
    },
    { kind: 'blank' },
    comment('Recipes read these from the environment, always as "$$NAME", never as $(NAME).'),
    ...[
      SETTINGS,
      plan.variables.map((variable) => variable.name),
      GIT_FACTS.map((fact) => fact.name),
      plan.families.map((family) => family.tagVariable),
    ].filter((names) => names.length > 0).map((names): MakeLine => ({ kind: 'export', names })),
  ];
}

/** Checks names that become make variables and references between images before anything is printed. */
function checkPlanNames(plan: BuildPlan): void {
  const names = new Set<string>();
  const declare = (name: string, what: string): void => {
    if (!VARIABLE.test(name)) {
      throw new Error(`${what} ${JSON.stringify(name)} is not a valid variable name ([A-Za-z_][A-Za-z0-9_]*)`);
    }
    if (RESERVED.has(name) || names.has(name)) {
      throw new Error(`${what} ${name} collides with ${RESERVED.has(name) ? 'a name the Makefile reserves' : 'another variable'}; rename it`);
    }
    names.add(name);
  };
  plan.variables.forEach((variable) => declare(variable.name, 'variable'));
  plan.families.forEach((family) => declare(family.tagVariable, `tag variable of family ${family.id}`));
  const tagVariables = new Set(plan.families.map((family) => family.tagVariable));
  const ids = new Set(plan.images.map((image) => image.id));
  for (const image of plan.images) {
    if (!tagVariables.has(image.tagVariable)) {
      throw new Error(`image ${image.id}: tag variable ${image.tagVariable} is not the tag variable of any family`);
    }
    for (const parent of image.dependsOn) {
      if (!ids.has(parent)) throw new Error(`image ${image.id} depends on unknown image ${parent}`);
    }
  }
  for (const family of plan.families) {
    for (const image of family.images) {
      if (!ids.has(image)) throw new Error(`family ${family.id} lists unknown image ${image}`);
    }
  }
}

function comment(text: string): MakeLine {
  return { kind: 'comment', text };
}

function assign(name: string, operator: MakeAssignment['operator'], value: string): MakeAssignment {
  return { kind: 'assignment', name, operator, value };
}
