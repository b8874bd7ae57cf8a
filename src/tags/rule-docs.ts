import type { PlannedCondition, PlannedTagRules } from './planned-tag-rules';

/** One rule as CONTAINERS.md lists it. @internal */
export interface RuleDocView {
  readonly position: number;
  /** metadata-action's spelling, as Markdown code. */
  readonly rule: string;
  readonly priority: number;
  /** `enabled when …`, or undefined for always. */
  readonly condition?: string;
}

/** The rules in evaluation order, for CONTAINERS.md. @internal */
export function ruleDocViews(rules: PlannedTagRules): RuleDocView[] {
  return rules.rules.map((rule, index) => ({
    position: index + 1,
    rule: code(rule.description),
    priority: rule.priority,
    ...(rule.enable ? { condition: `enabled ${describeCondition(rule.enable)}` } : {}),
  }));
}

/** The `latest` decision in words. @internal */
export function latestDoc(rules: PlannedTagRules): string {
  return latestWhen(rules) + (rules.latestText === 'latest' ? '' : ` (as ${code(rules.latestText)})`);
}

function latestWhen(rules: PlannedTagRules): string {
  switch (rules.latest) {
    case 'always': return 'added whenever a rule yields a tag';
    case 'never': return 'never added automatically';
    default: return 'added when the first rule that yields a tag is a semver release or the pushed git tag (metadata-action `latest=auto`)';
  }
}

function describeCondition(c: PlannedCondition): string {
  switch (c.kind) {
    case 'defaultBranch': return 'on the default branch';
    case 'event': return `on ${c.events.map(code).join(' or ')} events`;
    case 'ref': return `when the ref matches ${code(c.pattern)}`;
    case 'not': return `unless ${describeCondition(c.condition)}`;
    case 'all': return c.conditions.map(describeCondition).join(' and ');
    case 'any': return `(${c.conditions.map(describeCondition).join(' or ')})`;
  }
}

function code(text: string): string {
  return `\`${text}\``;
}
