import type { TemplatePart } from './planned-tag-rules';
import { DATE_TOKENS, RULE_FACT_VARIABLES } from './rule-facts';
import { BUILD_FACT_VARIABLES } from '../plan/variables';

/** Literal text a tag may hold (Docker tag characters; also free of make and shell syntax). @internal */
export const TAG_TEXT = /^[A-Za-z0-9_.-]*$/;

/** `{{name}}` placeholders of prefixes, suffixes, raw values and schedule patterns (metadata-action's globals). @internal */
export const GLOBAL_PLACEHOLDERS: Readonly<Record<string, string>> = {
  branch: RULE_FACT_VARIABLES.refBranch,
  tag: RULE_FACT_VARIABLES.refTag,
  sha: BUILD_FACT_VARIABLES.sha,
};

/** `{{name}}` placeholders of a semver pattern. @internal */
export const SEMVER_PLACEHOLDERS: Readonly<Record<string, string>> = {
  raw: RULE_FACT_VARIABLES.semverRaw,
  version: RULE_FACT_VARIABLES.semverVersion,
  major: RULE_FACT_VARIABLES.semverMajor,
  minor: RULE_FACT_VARIABLES.semverMinor,
  patch: RULE_FACT_VARIABLES.semverPatch,
};

const MUSTACHE = /\{\{\s*([a-z_]+)(?:\s+'([^']*)')?\s*\}\}/g;

/** A parsed template, or what is wrong with it. @internal */
export type ParsedTemplate = { readonly parts: TemplatePart[] } | { readonly problem: string };

/**
 * Parses a tag template: literal tag text and `{{name}}` placeholders from `names`, plus (when `dates` is set)
 * `{{date 'FORMAT'}}` and `{{commit_date 'FORMAT'}}`.
 * @internal
 */
export function parseTemplate(text: string, names: Readonly<Record<string, string>>, dates: boolean): ParsedTemplate {
  const parts: TemplatePart[] = [];
  let last = 0;
  const literal = (chunk: string): string | undefined => {
    if (chunk.includes('{{') || chunk.includes('}}')) return `${JSON.stringify(chunk)} is not a placeholder of the form {{name}}`;
    if (!TAG_TEXT.test(chunk)) return `${JSON.stringify(chunk)} holds characters a tag cannot have (letters, digits, "_", "." and "-" only)`;
    if (chunk !== '') parts.push({ kind: 'text', text: chunk });
    return undefined;
  };
  for (const match of text.matchAll(MUSTACHE)) {
    const problem = literal(text.slice(last, match.index));
    if (problem) return { problem };
    const [, name, argument] = match;
    if ((name === 'date' || name === 'commit_date') && dates) {
      const format = dateFormat(argument ?? '');
      if ('problem' in format) return format;
      parts.push({ kind: 'date', source: name === 'date' ? 'run' : 'commit', format: format.strftime });
    } else if (names[name] !== undefined && argument === undefined) {
      parts.push({ kind: 'fact', variable: names[name] });
    } else {
      const known = [...Object.keys(names).map((n) => `{{${n}}}`), ...(dates ? ["{{date 'FORMAT'}}", "{{commit_date 'FORMAT'}}"] : [])];
      return { problem: `unknown placeholder ${JSON.stringify(match[0])}; known: ${known.join(', ')}` };
    }
    last = (match.index ?? 0) + match[0].length;
  }
  const problem = literal(text.slice(last));
  return problem ? { problem } : { parts };
}

/**
 * A moment.js-style date format as strftime: the tokens of `DATE_TOKENS`, the separators `-`, `_`, `.` and
 * `[literal]` text of tag characters.
 * @internal
 */
export function dateFormat(format: string): { strftime: string } | { problem: string } {
  let strftime = '';
  let rest = format;
  if (format === '') return { problem: 'a date format must not be empty' };
  while (rest !== '') {
    const token = DATE_TOKENS.find((t) => rest.startsWith(t.token));
    const bracket = /^\[([A-Za-z0-9_.-]*)\]/.exec(rest);
    if (token) {
      strftime += token.strftime;
      rest = rest.slice(token.token.length);
    } else if (bracket) {
      strftime += bracket[1];
      rest = rest.slice(bracket[0].length);
    } else if (/^[-_.]/.test(rest)) {
      strftime += rest[0];
      rest = rest.slice(1);
    } else {
      return { problem: `date format ${JSON.stringify(format)}: ${JSON.stringify(rest[0])} is not supported (tokens ${DATE_TOKENS.map((t) => t.token).join(', ')}, separators "-", "_", ".", [literal text])` };
    }
  }
  return { strftime };
}

/** The longest text of a strftime format made by {@link dateFormat}. @internal */
export function dateLength(strftime: string): number {
  return strftime.replace(/%([a-zA-Z])/g, (_, c: string) => 'x'.repeat(DATE_TOKENS.find((t) => t.strftime === `%${c}`)?.length ?? 2)).length;
}
