import type { PlannedCondition, PlannedTagRule, PlannedTagRules, TemplatePart } from './planned-tag-rules';
import { FACT_MAX_LENGTH, RULE_FACT_VARIABLES } from './rule-facts';
import { TagCondition } from './tag-condition';
import { LatestTag, TagFlavor } from './tag-flavor';
import { DEFAULT_PRIORITIES, ShaFormat, TagRule, TagRuleKind, TimestampSource } from './tag-rule';
import { dateFormat, dateLength, GLOBAL_PLACEHOLDERS, parseTemplate, SEMVER_PLACEHOLDERS } from './tag-template';
import type { Diagnostics } from '../core/diagnostics';
import { describe, UntypedReader } from '../core/untyped';
import { BUILD_FACT_VARIABLES } from '../plan/variables';
import { isTag } from '../reference/image-reference';

/** The longest tag a registry accepts. */
const MAX_TAG_LENGTH = 128;

/** GitHub event names. */
const EVENT = /^[a-z_]{1,64}$/;

/** A ref pattern: ref characters and at most one `*` (a make `filter` pattern once `*` becomes `%`). */
const REF_PATTERN = /^[A-Za-z0-9._/-]*\*?[A-Za-z0-9._/-]*$/;

/** Branch names `edge` accepts (also a make `filter` pattern without wildcard). */
const BRANCH = /^[A-Za-z0-9._/-]{1,255}$/;

/**
 * Reads a family's `tags` and `tagFlavor` (as given, whatever their types) into the planned policy, reporting every
 * problem at `path`: not a TagRule, a wrong option type, text a tag cannot hold, an unknown placeholder, a rule that
 * can never be enabled, one that yields an empty tag or can yield more than 128 characters (every fact at its
 * longest), an invalid fallback. Returns `undefined` when `rules` is not an array.
 * @internal
 */
export function readTagPolicy(d: Diagnostics, path: string, rules: unknown, flavorInput: unknown): PlannedTagRules | undefined {
  const r = new UntypedReader(d, path);
  if (!Array.isArray(rules)) {
    d.error(path, `tags must be an array of TagRule (e.g. [TagRule.semver('{{version}}'), TagRule.sha()]), got ${describe(rules)}`);
    return undefined;
  }
  if (rules.length === 0) d.error(path, 'tags is empty: the policy would yield no tag; add a rule (e.g. TagRule.sha()) or use tag: FamilyTag');
  const flavor = r.optionalObject('tagFlavor', flavorInput) as Partial<TagFlavor>;
  const flavorPrefix = templateOption(d, path, 'tagFlavor.prefix', flavor.prefix);
  const flavorSuffix = templateOption(d, path, 'tagFlavor.suffix', flavor.suffix);
  const latest = flavor.latest ?? LatestTag.AUTO;
  if (!Object.values(LatestTag).includes(latest)) d.error(path, `tagFlavor.latest must be a LatestTag, got ${describe(latest)}`);
  const prefixLatest = r.optionalBoolean('tagFlavor.prefixLatest', flavor.prefixLatest) ?? false;
  const suffixLatest = r.optionalBoolean('tagFlavor.suffixLatest', flavor.suffixLatest) ?? false;
  const fallback = r.optionalString('tagFlavor.fallback', flavor.fallback) ?? 'dev';
  if (!isTag(fallback)) d.error(path, `tagFlavor.fallback ${JSON.stringify(fallback)} is not a valid tag (letters, digits, "_", "." and "-", not starting with "." or "-", at most 128 characters)`);

  const planned: PlannedTagRule[] = [];
  rules.forEach((rule, i) => {
    const where = `tags[${i}]`;
    if (!TagRule.isTagRule(rule)) {
      d.error(path, `${where} must be a TagRule (e.g. TagRule.branch()), got ${describe(rule)}`);
      return;
    }
    const result = readRule(d, path, where, rule, {
      prefix: flavorPrefix,
      suffix: flavorSuffix,
      prefixText: typeof flavor.prefix === 'string' ? flavor.prefix : undefined,
      suffixText: typeof flavor.suffix === 'string' ? flavor.suffix : undefined,
    });
    if (result) planned.push(result);
  });
  const latestParts: TemplatePart[] = [
    ...(prefixLatest ? flavorPrefix ?? [] : []), { kind: 'text', text: 'latest' }, ...(suffixLatest ? flavorSuffix ?? [] : []),
  ];
  checkLength(d, path, 'the latest tag', latestParts);
  const latestText = `${prefixLatest ? flavor.prefix ?? '' : ''}latest${suffixLatest ? flavor.suffix ?? '' : ''}`;
  // a stable sort, as metadata-action's
  planned.sort((a, b) => b.priority - a.priority);
  return { rules: planned, latest, latestParts, latestText, fallback };
}

interface Flavor {
  readonly prefix?: TemplatePart[];
  readonly suffix?: TemplatePart[];
  /** As given, for the rule descriptions. */
  readonly prefixText?: string;
  readonly suffixText?: string;
}

function readRule(d: Diagnostics, path: string, where: string, rule: TagRule, flavor: Flavor): PlannedTagRule | undefined {
  const { kind, text } = rule._spec;
  const r = new UntypedReader(d, path);
  const options = r.optionalObject(`${where} options`, rule._spec.options) as Record<string, unknown>;
  const priority = r.optionalInteger(`${where} priority`, options.priority, 0, 1_000_000) ?? DEFAULT_PRIORITIES[kind];
  const enable = options.enable === undefined ? undefined : readCondition(d, path, `${where} enable`, options.enable);
  const defaultPrefix = kind === 'sha' ? 'sha-' : kind === 'pr' ? 'pr-' : undefined;
  const prefix = options.prefix !== undefined
    ? templateOption(d, path, `${where} prefix`, options.prefix)
    : defaultPrefix !== undefined ? [{ kind: 'text', text: defaultPrefix } as TemplatePart] : flavor.prefix;
  const suffix = options.suffix !== undefined ? templateOption(d, path, `${where} suffix`, options.suffix) : flavor.suffix;
  const value = ruleValue(d, path, where, kind, text, options);
  if (value === undefined) return undefined;
  const parts = [...(prefix ?? []), ...value.parts, ...(suffix ?? [])];
  const prereleaseParts = value.prerelease ? [...(prefix ?? []), ...value.prerelease, ...(suffix ?? [])] : undefined;
  let branch: string | undefined;
  if (kind === 'edge' && options.branch !== undefined) {
    branch = r.string(`${where} branch`, options.branch);
    if (!BRANCH.test(branch)) d.error(path, `${where} branch ${JSON.stringify(branch)} must be a branch name (letters, digits, ".", "_", "/", "-")`);
  }
  if (parts.length === 0) d.error(path, `${where} (${value.description}) yields an empty tag; give it a value or a prefix`);
  // metadata-action's spelling, with the prefix and suffix that apply (the type's default prefix is implied)
  const prefixText = typeof options.prefix === 'string' ? options.prefix : defaultPrefix === undefined ? flavor.prefixText : undefined;
  const suffixText = typeof options.suffix === 'string' ? options.suffix : flavor.suffixText;
  const description = value.description
    + (branchOption(kind, options) !== undefined ? `,branch=${String(options.branch)}` : '')
    + (prefixText ? `,prefix=${prefixText}` : '') + (suffixText ? `,suffix=${suffixText}` : '');
  checkLength(d, path, `${where} (${value.description})`, parts);
  if (prereleaseParts) checkLength(d, path, `${where} (${value.description}) on a pre-release`, prereleaseParts);
  return {
    kind,
    priority,
    ...(enable ? { enable } : {}),
    ...(branch !== undefined ? { branch } : {}),
    parts,
    ...(prereleaseParts ? { prereleaseParts } : {}),
    autoLatest: kind === 'tag' ? 'always' : kind === 'semver' ? 'release' : 'never',
    description,
  };
}

function branchOption(kind: TagRuleKind, options: Record<string, unknown>): unknown {
  return kind === 'edge' ? options.branch : undefined;
}

interface RuleValue {
  readonly parts: TemplatePart[];
  readonly prerelease?: TemplatePart[];
  readonly description: string;
}

/** The value part of a rule (without prefix and suffix) and metadata-action's spelling of the rule. */
function ruleValue(
  d: Diagnostics, path: string, where: string, kind: TagRuleKind, text: unknown, options: Record<string, unknown>,
): RuleValue | undefined {
  const r = new UntypedReader(d, path);
  const fact = (variable: string): TemplatePart[] => [{ kind: 'fact', variable }];
  switch (kind) {
    case 'branch': return { parts: fact(RULE_FACT_VARIABLES.refBranch), description: 'type=ref,event=branch' };
    case 'tag': return { parts: fact(RULE_FACT_VARIABLES.refTag), description: 'type=ref,event=tag' };
    case 'pr': return { parts: fact(BUILD_FACT_VARIABLES.pr), description: 'type=ref,event=pr' };
    case 'edge': return { parts: [{ kind: 'text', text: 'edge' }], description: 'type=edge' };
    case 'sha': {
      const format = options.format ?? ShaFormat.SHORT;
      if (format !== ShaFormat.SHORT && format !== ShaFormat.LONG) {
        d.error(path, `${where} format must be a ShaFormat, got ${describe(format)}`);
        return undefined;
      }
      return { parts: fact(format === ShaFormat.LONG ? BUILD_FACT_VARIABLES.revision : BUILD_FACT_VARIABLES.sha), description: `type=sha,format=${format}` };
    }
    case 'semver': {
      const pattern = r.string(`${where} pattern`, text);
      const parsed = parseTemplate(pattern, SEMVER_PLACEHOLDERS, false);
      if ('problem' in parsed) {
        d.error(path, `${where} semver pattern ${JSON.stringify(pattern)}: ${parsed.problem}`);
        return undefined;
      }
      // a pre-release yields {{version}}, unless the pattern is exactly {{raw}}
      const raw = parsed.parts.length === 1 && parsed.parts[0].kind === 'fact' && parsed.parts[0].variable === RULE_FACT_VARIABLES.semverRaw;
      return { parts: parsed.parts, prerelease: raw ? parsed.parts : fact(RULE_FACT_VARIABLES.semverVersion), description: `type=semver,pattern=${pattern}` };
    }
    case 'raw':
    case 'schedule': {
      const what = kind === 'raw' ? 'value' : 'pattern';
      const value = r.string(`${where} ${what}`, text);
      const parsed = parseTemplate(value, GLOBAL_PLACEHOLDERS, true);
      if ('problem' in parsed) {
        d.error(path, `${where} ${kind} ${what} ${JSON.stringify(value)}: ${parsed.problem}`);
        return undefined;
      }
      if (value === '') d.error(path, `${where} ${kind} ${what} is empty: it would yield an empty tag`);
      return { parts: parsed.parts, description: `type=${kind},${what}=${value}` };
    }
    case 'timestamp': {
      const format = r.string(`${where} format`, text);
      const source = options.source ?? TimestampSource.RUN;
      if (source !== TimestampSource.RUN && source !== TimestampSource.COMMIT) {
        d.error(path, `${where} source must be a TimestampSource, got ${describe(source)}`);
        return undefined;
      }
      const parsed = dateFormat(format);
      if ('problem' in parsed) {
        d.error(path, `${where} timestamp: ${parsed.problem}`);
        return undefined;
      }
      const helper = source === TimestampSource.RUN ? 'date' : 'commit_date';
      return { parts: [{ kind: 'date', source, format: parsed.strftime }], description: `type=raw,value={{${helper} '${format}'}}` };
    }
  }
}

/** A prefix or suffix: a template of tag text and global placeholders. */
function templateOption(d: Diagnostics, path: string, what: string, value: unknown): TemplatePart[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    d.error(path, `${what} must be a string, got ${describe(value)}`);
    return undefined;
  }
  const parsed = parseTemplate(value, GLOBAL_PLACEHOLDERS, true);
  if ('problem' in parsed) {
    d.error(path, `${what} ${JSON.stringify(value)}: ${parsed.problem}`);
    return undefined;
  }
  return parsed.parts;
}

function readCondition(d: Diagnostics, path: string, what: string, value: unknown): PlannedCondition | undefined {
  if (!TagCondition.isTagCondition(value)) {
    d.error(path, `${what} must be a TagCondition (e.g. TagCondition.onDefaultBranch()), got ${describe(value)}`);
    return undefined;
  }
  const spec = value._spec;
  switch (spec.kind) {
    case 'defaultBranch': return spec;
    case 'event': {
      const events = spec.events.filter((e, i) => {
        const ok = typeof e === 'string' && EVENT.test(e);
        if (!ok) d.error(path, `${what}: event[${i}] ${describe(e)} must be a GitHub event name (lowercase letters and "_")`);
        return ok;
      }) as string[];
      if (spec.events.length === 0) d.error(path, `${what}: onEvent([]) can never be enabled; name at least one event`);
      return { kind: 'event', events: [...new Set(events)] };
    }
    case 'ref': {
      const ok = typeof spec.pattern === 'string' && spec.pattern !== '' && REF_PATTERN.test(spec.pattern);
      if (!ok) d.error(path, `${what}: ref pattern ${describe(spec.pattern)} must be ref characters (letters, digits, ".", "_", "/", "-") with at most one "*"`);
      return { kind: 'ref', pattern: ok ? spec.pattern as string : 'invalid' };
    }
    case 'not': {
      const inner = readCondition(d, path, `${what} not`, spec.condition);
      return inner ? { kind: 'not', condition: inner } : undefined;
    }
    case 'all':
    case 'any': {
      if (spec.conditions.length === 0) d.error(path, `${what}: ${spec.kind === 'all' ? 'allOf' : 'anyOf'}([]) needs at least one condition`);
      const conditions = spec.conditions.map((c, i) => readCondition(d, path, `${what} ${spec.kind}[${i}]`, c));
      return { kind: spec.kind, conditions: conditions.filter((c): c is PlannedCondition => c !== undefined) };
    }
  }
}

/** The worst case: every fact and date at its longest; the sample (each fact `x0`) must be a valid tag. */
function checkLength(d: Diagnostics, path: string, what: string, parts: readonly TemplatePart[]): void {
  const longest = parts.reduce((n, p) => n + (p.kind === 'text' ? p.text.length : p.kind === 'date' ? dateLength(p.format) : FACT_MAX_LENGTH[p.variable] ?? 100), 0);
  const sample = parts.map((p) => (p.kind === 'text' ? p.text : 'x0')).join('');
  if (sample !== '' && !isTag(sample.slice(0, MAX_TAG_LENGTH))) {
    d.error(path, `${what} does not yield a valid tag (letters, digits, "_", "." and "-", not starting with "." or "-")`);
  } else if (longest > MAX_TAG_LENGTH) {
    d.error(path, `${what} can yield ${longest} characters (each fact at its maximum length), more than the ${MAX_TAG_LENGTH} a tag may have; shorten its prefix, suffix or value`);
  }
}
