import type { PlannedCondition, PlannedTagRule, PlannedTagRules, TemplatePart } from './planned-tag-rules';
import { DEFAULT_BRANCH_VARIABLE, dateScript, RULE_FACT_VARIABLES, RULE_FACTS } from './rule-facts';
import { TAG_TEXT } from './tag-template';
import { variablePrefix } from '../core/names';
import { makeShellCall } from '../make/git-facts';
import { makeLiteral } from '../make/make-escape';
import type { MakeAssignment, MakeLine } from '../make/makefile-model';
import { SETTING_VARIABLES } from '../plan/variables';

/** Events on which metadata-action's `{{is_default_branch}}` holds whatever the branch (they run on its last commit). */
const DEFAULT_BRANCH_EVENTS = ['schedule', 'create', 'issues', 'discussion', 'discussion_comment'];

/** A family (or an image with rules of its own) whose tags come from rules, as the Makefile needs it. @internal */
export interface RuleFamily {
  readonly id: string;
  /**
   * `image` for an image's own rules: its make variables are `tag_image__<id>_…` (a family's `tag_<id>_…` never holds
   * `__`, ids having no two separators in a row), its comment says "image".
   * @default 'family'
   */
  readonly owner?: 'family' | 'image';
  readonly tagVariable: string;
  readonly tagsVariable: string;
  readonly rules: PlannedTagRules;
}

/**
 * The Makefile variables shared by every rule family: `DEFAULT_BRANCH ?= <branch>`, the rule facts (`GIT_REF`,
 * `GIT_EVENT`, `GIT_REF_BRANCH`, `GIT_REF_TAG`, `GIT_SEMVER_*`), `GIT_IS_DEFAULT_BRANCH` and one variable per date
 * format the rules use. Names of the shared variables, for `export`, are in {@link ruleFactNames}.
 * @internal
 */
export function ruleFactLines(families: readonly RuleFamily[], defaultBranch: string): MakeLine[] {
  const lines: MakeLine[] = [
    comment('Facts the tag rules read (docker/metadata-action semantics). DEFAULT_BRANCH: the branch whose pushes are "on the default branch".'),
    assign(DEFAULT_BRANCH_VARIABLE, '?=', makeLiteral(defaultBranch, 'default branch')),
    ...RULE_FACTS.flatMap((fact): MakeLine[] => [comment(`  ${fact.name}: ${fact.doc}`), assign(fact.name, ':=', makeShellCall(fact.script))]),
    comment(`  ${RULE_FACT_VARIABLES.isDefaultBranch}: 1 on a push to DEFAULT_BRANCH or on ${DEFAULT_BRANCH_EVENTS.join(', ')} events`),
    assign(RULE_FACT_VARIABLES.isDefaultBranch, ':=', `$(if $(or $(filter refs/heads/$(${DEFAULT_BRANCH_VARIABLE}),$(${RULE_FACT_VARIABLES.ref})),$(and $(${RULE_FACT_VARIABLES.ref}),$(filter ${DEFAULT_BRANCH_EVENTS.join(' ')},$(${RULE_FACT_VARIABLES.event})))),1)`),
  ];
  for (const [key, name] of dateVariables(families)) {
    const [source, format] = key.split(' ', 2) as ['run' | 'commit', string];
    lines.push(comment(`  ${name}: the ${source === 'run' ? 'run time (SOURCE_DATE_EPOCH when set)' : 'commit time of HEAD'} in UTC as ${format}`));
    lines.push(assign(name, ':=', makeShellCall(dateScript(source, format))));
  }
  return lines;
}

/** Names of the variables {@link ruleFactLines} defines that recipes and CI may read. @internal */
export function ruleFactNames(): string[] {
  return [DEFAULT_BRANCH_VARIABLE, ...RULE_FACTS.map((f) => f.name), RULE_FACT_VARIABLES.isDefaultBranch];
}

/**
 * The evaluation of one family's rules, metadata-action's `getVersion` as make functions: one variable per rule
 * (`tag_<family>_rule_<n>`, empty unless enabled and every fact it reads is set), the `latest` decision of the first
 * rule that yields a value, the list without duplicates, then
 * `<F>_TAGS ?= $(or $(TAG),<F>_TAG when given,<list>,<fallback>)` and `<F>_TAG ?= $(firstword $(<F>_TAGS))` (the main
 * tag, also the OCI version label).
 * @internal
 */
export function ruleFamilyLines(family: RuleFamily, families: readonly RuleFamily[]): MakeLine[] {
  const dates = dateVariables(families);
  const id = family.id;
  const owner = family.owner ?? 'family';
  // lowercase: never the name of a pipeline variable (those are uppercase)
  const stem = `tag_${owner === 'image' ? 'image__' : ''}${variablePrefix(id).toLowerCase()}`;
  const policy = family.rules;
  const ruleVariable = (n: number) => `${stem}_rule_${n + 1}`;
  const lines: MakeLine[] = [
    comment(`Tags of ${owner} ${id}: TAG, else every tag its rules yield (by priority: ${policy.rules.map((r) => `${r.description} ${r.priority}`).join('; ')}), else ${policy.fallback}`),
  ];
  policy.rules.forEach((rule, n) => lines.push(assign(ruleVariable(n), ':=', ruleValue(rule, dates, `${owner} ${id}`))));
  const latestVariable = `${stem}_latest`;
  let latest = '';
  for (let n = policy.rules.length - 1; n >= 0; n--) {
    latest = `$(if $(${ruleVariable(n)}),${latestOf(policy.rules[n], policy.latest)},${latest})`;
  }
  lines.push(assign(latestVariable, ':=', latest));
  const latestTag = guarded(policy.latestParts, dates, [], `${owner} ${id}: latest`);
  const items = [...policy.rules.map((_, n) => `$(${ruleVariable(n)})`), `$(if $(${latestVariable}),${latestTag})`];
  const unique = items.map((item, n) => (n === 0 ? item : `$(filter-out ${items.slice(0, n).join(' ')},${item})`));
  const listVariable = `${stem}_list`;
  lines.push(assign(listVariable, ':=', `$(strip ${unique.join(' ')})`));
  // <F>_TAG given on the command line or in the environment (made `override` by the export block) is the only tag
  const given = `$(if $(filter command environment override,$(firstword $(origin ${family.tagVariable}))),$(${family.tagVariable}))`;
  lines.push(assign(family.tagsVariable, '?=', `$(or $(${SETTING_VARIABLES.tag}),${given},$(${listVariable}),${checkText(policy.fallback, `${owner} ${id}: fallback`)})`));
  lines.push(assign(family.tagVariable, '?=', `$(firstword $(${family.tagsVariable}))`));
  return lines;
}

/** The rule's tag when it is enabled and everything it reads is set, else empty. */
function ruleValue(rule: PlannedTagRule, dates: ReadonlyMap<string, string>, where: string): string {
  const conditions: string[] = [];
  if (rule.enable) conditions.push(condition(rule.enable));
  switch (rule.kind) {
    case 'schedule': conditions.push(`$(filter schedule,$(${RULE_FACT_VARIABLES.event}))`); break;
    case 'semver': conditions.push(`$(${RULE_FACT_VARIABLES.semverVersion})`); break;
    case 'edge': conditions.push(`$(filter refs/heads/${rule.branch === undefined ? `$(${DEFAULT_BRANCH_VARIABLE})` : checkText(rule.branch, where, /^[A-Za-z0-9._/-]+$/)},$(${RULE_FACT_VARIABLES.ref}))`); break;
    default: break;
  }
  if (rule.prereleaseParts) {
    const release = guarded(rule.parts, dates, conditions, where);
    const prerelease = guarded(rule.prereleaseParts, dates, conditions, where);
    return `$(if $(${RULE_FACT_VARIABLES.semverPrerelease}),${prerelease},${release})`;
  }
  return guarded(rule.parts, dates, conditions, where);
}

/** `$(if $(and <conditions>,<every fact and date read>),<text>)`, or the bare text when nothing is needed. */
function guarded(parts: readonly TemplatePart[], dates: ReadonlyMap<string, string>, conditions: readonly string[], where: string): string {
  const needs = [...conditions];
  let text = '';
  for (const part of parts) {
    let reference: string | undefined;
    if (part.kind === 'text') text += checkText(part.text, where);
    else if (part.kind === 'fact') reference = `$(${checkText(part.variable, where, /^[A-Z_]+$/)})`;
    else reference = `$(${dates.get(`${part.source} ${part.format}`)})`;
    if (reference !== undefined) {
      text += reference;
      if (!needs.includes(reference)) needs.push(reference);
    }
  }
  if (needs.length === 0) return text;
  return `$(if ${needs.length === 1 ? needs[0] : `$(and ${needs.join(',')})`},${text})`;
}

function latestOf(rule: PlannedTagRule, latest: PlannedTagRules['latest']): string {
  if (latest === 'always') return '1';
  if (latest === 'never') return '';
  return rule.autoLatest === 'always' ? '1' : rule.autoLatest === 'release' ? `$(if $(${RULE_FACT_VARIABLES.semverPrerelease}),,1)` : '';
}

/** A condition as make text that is non-empty when it holds. */
function condition(c: PlannedCondition): string {
  switch (c.kind) {
    case 'defaultBranch': return `$(${RULE_FACT_VARIABLES.isDefaultBranch})`;
    case 'event': return `$(filter ${c.events.map((e) => checkText(e, 'event', /^[a-z_]+$/)).join(' ')},$(${RULE_FACT_VARIABLES.event}))`;
    case 'ref': return `$(filter ${checkText(c.pattern, 'ref pattern', /^[A-Za-z0-9._/-]*\*?[A-Za-z0-9._/-]*$/).replace('*', '%')},$(${RULE_FACT_VARIABLES.ref}))`;
    case 'not': return `$(if ${condition(c.condition)},,1)`;
    case 'all':
    case 'any': {
      const inner = c.conditions.map(condition);
      return inner.length === 1 ? inner[0] : `$(${c.kind === 'all' ? 'and' : 'or'} ${inner.join(',')})`;
    }
  }
}

/** One make variable per distinct (source, format) date, numbered in order of first use: `tag_date_<n>`. */
function dateVariables(families: readonly RuleFamily[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const family of families) {
    for (const rule of family.rules.rules) {
      for (const part of [...rule.parts, ...(rule.prereleaseParts ?? []), ...family.rules.latestParts]) {
        if (part.kind !== 'date') continue;
        const key = `${part.source} ${part.format}`;
        if (!/^[%A-Za-z0-9_.-]+$/.test(part.format)) throw new Error(`internal error: date format ${JSON.stringify(part.format)}`);
        if (!found.has(key)) found.set(key, `tag_date_${found.size + 1}`);
      }
    }
  }
  return found;
}

function checkText(text: string, where: string, pattern: RegExp = TAG_TEXT): string {
  if (!pattern.test(text)) throw new Error(`internal error: ${where}: ${JSON.stringify(text)} is not tag text (validation refuses it)`);
  return text;
}

function comment(text: string): MakeLine {
  return { kind: 'comment', text };
}

function assign(name: string, operator: MakeAssignment['operator'], value: string): MakeAssignment {
  return { kind: 'assignment', name, operator, value };
}
