import { shellQuote } from '../make/shell-quote';
import { BUILD_FACT_VARIABLES } from '../plan/variables';

/** Make variable of the default branch (`DEFAULT_BRANCH ?= main`), for `edge` and `onDefaultBranch()`. @internal */
export const DEFAULT_BRANCH_VARIABLE = 'DEFAULT_BRANCH';

/** The git facts tag rules read, beyond the family-tag facts of `make/git-facts.ts`. @internal */
export const RULE_FACT_VARIABLES = {
  ref: 'GIT_REF',
  event: 'GIT_EVENT',
  refBranch: 'GIT_REF_BRANCH',
  refTag: 'GIT_REF_TAG',
  semverRaw: 'GIT_SEMVER_RAW',
  semverVersion: 'GIT_SEMVER_VERSION',
  semverMajor: 'GIT_SEMVER_MAJOR',
  semverMinor: 'GIT_SEMVER_MINOR',
  semverPatch: 'GIT_SEMVER_PATCH',
  semverPrerelease: 'GIT_SEMVER_PRERELEASE',
  isDefaultBranch: 'GIT_IS_DEFAULT_BRANCH',
} as const;

/** The longest value each fact a tag can hold may take (the Makefile cuts longer values), for the worst case. @internal */
export const FACT_MAX_LENGTH: Readonly<Record<string, number>> = {
  [RULE_FACT_VARIABLES.refBranch]: 100,
  [RULE_FACT_VARIABLES.refTag]: 100,
  [RULE_FACT_VARIABLES.semverRaw]: 100,
  [RULE_FACT_VARIABLES.semverVersion]: 100,
  [RULE_FACT_VARIABLES.semverMajor]: 20,
  [RULE_FACT_VARIABLES.semverMinor]: 20,
  [RULE_FACT_VARIABLES.semverPatch]: 20,
  [BUILD_FACT_VARIABLES.pr]: 10,
  [BUILD_FACT_VARIABLES.sha]: 7,
  [BUILD_FACT_VARIABLES.revision]: 64,
};

/**
 * The ref being built: `GITHUB_REF` in Actions; locally the branch HEAD is on (`refs/heads/…`), else a tag HEAD is
 * exactly at (`refs/tags/…`, as a tag checkout in CI), else none (detached HEAD, outside git). Sets `r`.
 */
const REF = [
  'r="${GITHUB_REF:-}";',
  'if [ -z "$r" ]; then r="$(git symbolic-ref -q HEAD 2>/dev/null || true)"; fi;',
  'if [ -z "$r" ]; then t="$(git describe --tags --exact-match HEAD 2>/dev/null || true)"; if [ -n "$t" ]; then r="refs/tags/$t"; fi; fi;',
].join(' ');

/**
 * metadata-action's `sanitizeTag` (every run of characters outside `[A-Za-z0-9._-]` becomes `-`), then leading `.`
 * and `-` removed (a tag cannot start with them; metadata-action keeps them) and the value cut to `max`.
 */
function sanitise(max: number): string {
  return `LC_ALL=C tr ${shellQuote('\\n')} ${shellQuote(' ')} | LC_ALL=C sed -E -e ${shellQuote('s/[^A-Za-z0-9._-]+/-/g')} -e ${shellQuote('s/^[.-]+//')} | cut -c1-${max}`;
}

/** node-semver's strict grammar (`semver.valid`), with an optional leading `v`: groups 1-3 numbers, 5 the pre-release. */
const SEMVER = '^v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)'
  + '(-((0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*))?'
  + '(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$';

/** Parses the pushed tag (`/` → `-`, as metadata-action) as a semantic version; prints `value` when it is one. */
function semver(value: string, max: number): string {
  return [
    REF, 't=; if [[ "$r" == refs/tags/* ]]; then t="${r#refs/tags/}"; t="${t//\\//-}"; fi;',
    `re=${shellQuote(SEMVER)};`,
    `if [[ "$t" =~ $re ]]; then printf %s "${value}" | ${sanitise(max)}; fi`,
  ].join(' ');
}

/** A fact computed by a bash snippet (`$(shell …)`); empty when it does not apply. @internal */
export interface RuleFact {
  readonly name: string;
  readonly doc: string;
  readonly script: string;
}

/** The shell-computed rule facts, in definition order. @internal */
export const RULE_FACTS: readonly RuleFact[] = [
  {
    name: RULE_FACT_VARIABLES.ref,
    doc: 'Full git ref (GITHUB_REF; else the branch of HEAD, else a tag at HEAD); empty when detached or outside git',
    script: `${REF} printf %s "$r" | LC_ALL=C tr -d ${shellQuote('[:space:]')} | cut -c1-255`,
  },
  {
    name: RULE_FACT_VARIABLES.event,
    doc: 'Event (GITHUB_EVENT_NAME; else push when there is a ref)',
    script: `${REF} e="\${GITHUB_EVENT_NAME:-}"; if [ -z "$e" ] && [ -n "$r" ]; then e=push; fi; printf %s "$e" | LC_ALL=C tr -cd ${shellQuote('a-z_')} | cut -c1-64`,
  },
  {
    name: RULE_FACT_VARIABLES.refBranch,
    doc: 'Branch of a branch ref, sanitised like metadata-action (runs of other characters become -), at most 100 characters',
    script: `${REF} if [[ "$r" == refs/heads/* ]]; then printf %s "\${r#refs/heads/}" | ${sanitise(100)}; fi`,
  },
  {
    name: RULE_FACT_VARIABLES.refTag,
    doc: 'Tag of a tag ref, sanitised, at most 100 characters',
    script: `${REF} if [[ "$r" == refs/tags/* ]]; then printf %s "\${r#refs/tags/}" | ${sanitise(100)}; fi`,
  },
  { name: RULE_FACT_VARIABLES.semverRaw, doc: 'A semver tag as pushed (v1.2.3-rc.1), sanitised', script: semver('$t', 100) },
  {
    name: RULE_FACT_VARIABLES.semverVersion,
    doc: 'Its version without v and build metadata (1.2.3-rc.1)',
    script: semver('${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}${BASH_REMATCH[4]}', 100),
  },
  { name: RULE_FACT_VARIABLES.semverMajor, doc: 'Its major number', script: semver('${BASH_REMATCH[1]}', 20) },
  { name: RULE_FACT_VARIABLES.semverMinor, doc: 'Its minor number', script: semver('${BASH_REMATCH[2]}', 20) },
  { name: RULE_FACT_VARIABLES.semverPatch, doc: 'Its patch number', script: semver('${BASH_REMATCH[3]}', 20) },
  { name: RULE_FACT_VARIABLES.semverPrerelease, doc: '1 when it is a pre-release', script: semver('${BASH_REMATCH[5]:+1}', 1) },
];

/** The strftime conversion of each supported moment.js token, longest first. @internal */
export const DATE_TOKENS: ReadonlyArray<{ readonly token: string; readonly strftime: string; readonly length: number }> = [
  { token: 'YYYY', strftime: '%Y', length: 4 },
  { token: 'YY', strftime: '%y', length: 2 },
  { token: 'MM', strftime: '%m', length: 2 },
  { token: 'DD', strftime: '%d', length: 2 },
  { token: 'HH', strftime: '%H', length: 2 },
  { token: 'mm', strftime: '%M', length: 2 },
  { token: 'ss', strftime: '%S', length: 2 },
  { token: 'X', strftime: '%s', length: 12 },
];

/** The bash snippet printing the run or commit time in UTC with a strftime format. @internal */
export function dateScript(source: 'run' | 'commit', strftime: string): string {
  const epoch = source === 'run'
    ? 's="${SOURCE_DATE_EPOCH:-$(date +%s)}";'
    : 's="$(git log -1 --format=%ct 2>/dev/null || true)";';
  return `${epoch} if [[ "$s" =~ ^[0-9]+$ ]]; then date -u -d "@$s" +${shellQuote(strftime)}; fi`;
}
