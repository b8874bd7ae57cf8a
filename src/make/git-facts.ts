import type { MakeAssignment } from './makefile-model';
import { shellQuote } from './shell-quote';
import type { BuildPlan } from '../plan/build-plan';
import { tagPlaceholder } from '../plan/tag-placeholders';
import { BUILD_FACT_VARIABLES } from '../plan/variables';

/**
 * A fact about the checkout, computed once per make run by a bash snippet.
 * @internal
 */
export interface GitFact {
  /** Make variable, e.g. `GIT_VERSION`. */
  readonly name: string;
  /** What the value is (a comment in the Makefile). */
  readonly doc: string;
  /** The bash snippet printing the value; plain shell text, escaped for make by {@link makeShellCall}. */
  readonly script: string;
}

/**
 * Turns a shell snippet into `$(shell …)`: `$` doubled for make. GitHub variables are read by the shell
 * (`"${GITHUB_HEAD_REF:-}"`), never through make, so their contents are never make syntax.
 * Inside `$(shell …)` a `#` is literal (verified with GNU Make 4.3) and parentheses must balance.
 *
 * @throws `internal error` if the snippet's parentheses do not balance or it contains a newline
 * @internal
 */
export function makeShellCall(script: string): string {
  let depth = 0;
  for (const char of script) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (depth < 0) break;
  }
  if (depth !== 0 || /[\n\r\0]/.test(script)) {
    throw new Error(`internal error: shell snippet ${JSON.stringify(script)} must be one line with balanced parentheses`);
  }
  return `$(shell ${script.replace(/\$/g, '$$$$')})`;
}

/** Keeps the characters allowed in a Docker tag (everything else becomes `-`), cut to the placeholder's maximum length. */
function sanitise(placeholder: string): string {
  const maxLength = tagPlaceholder(placeholder)?.maxLength;
  if (maxLength === undefined) throw new Error(`internal error: no tag placeholder {${placeholder}}`);
  return `tr -c 'A-Za-z0-9_.-' '-' | sed -e 's/^[.-]*//' | cut -c1-${maxLength}`;
}

/**
 * The git facts every Makefile computes, in the order they are defined. Each is empty (never an error) outside a
 * git checkout or when it does not apply. Variables set by GitHub Actions take precedence over git, so the values
 * are the same locally and in CI; they are read with `:-` defaults because recipes and `$(shell …)` run under
 * `set -u`.
 * @internal
 */
export const GIT_FACTS: readonly GitFact[] = [
  {
    name: BUILD_FACT_VARIABLES.version,
    doc: 'Version from a v<digit>... tag on HEAD (GITHUB_REF_NAME on tag pushes), without the leading v',
    script: [
      'if [ "${GITHUB_REF_TYPE:-}" = tag ]; then v="${GITHUB_REF_NAME:-}";',
      `else v="$(git describe --tags --exact-match --match ${shellQuote('v[0-9]*')} HEAD 2>/dev/null || true)"; fi;`,
      `if [[ "$v" =~ ^v[0-9] ]]; then printf %s "\${v:1}" | ${sanitise('version')}; fi`,
    ].join(' '),
  },
  {
    name: BUILD_FACT_VARIABLES.branch,
    doc: 'Branch (pull request head branch in CI), sanitised to [a-z0-9_.-], at most 100 characters; empty when detached',
    script: [
      'b="${GITHUB_HEAD_REF:-}";',
      'if [ -z "$b" ] && [ "${GITHUB_REF_TYPE:-}" = branch ]; then b="${GITHUB_REF_NAME:-}"; fi;',
      'if [ -z "$b" ]; then b="$(git rev-parse --abbrev-ref HEAD 2>/dev/null || true)"; fi;',
      'if [ "$b" = HEAD ]; then b=; fi;',
      `printf %s "$b" | tr ${shellQuote('[:upper:]')} ${shellQuote('[:lower:]')} | ${sanitise('branch')}`,
    ].join(' '),
  },
  {
    name: BUILD_FACT_VARIABLES.sha,
    doc: 'Short (7 character) commit of HEAD',
    script: 'git rev-parse --verify --quiet --short=7 HEAD 2>/dev/null || true',
  },
  {
    name: BUILD_FACT_VARIABLES.pr,
    doc: 'Pull request number (from GITHUB_REF refs/pull/<n>/merge)',
    script: 'if [[ "${GITHUB_REF:-}" =~ ^refs/pull/([0-9]+)/merge$ ]]; then printf %s "${BASH_REMATCH[1]}"; fi',
  },
  {
    name: BUILD_FACT_VARIABLES.revision,
    doc: 'Full commit of HEAD (org.opencontainers.image.revision)',
    script: 'git rev-parse --verify --quiet HEAD 2>/dev/null || true',
  },
  {
    name: BUILD_FACT_VARIABLES.created,
    doc: 'Commit time of HEAD, ISO 8601 (org.opencontainers.image.created, reproducible)',
    script: 'git log -1 --format=%cI 2>/dev/null || true',
  },
];

/**
 * `SOURCE_DATE_EPOCH`: the commit time of HEAD in seconds, the one clock of a reproducible build (file and config
 * timestamps); buildx passes it to the build from the environment. Same commit, same value, locally and in CI.
 * @internal
 */
export const SOURCE_DATE_EPOCH_FACT: GitFact = {
  name: BUILD_FACT_VARIABLES.sourceDateEpoch,
  doc: 'Commit time of HEAD in seconds since the epoch (reproducible builds: buildx reads it)',
  script: 'git log -1 --format=%ct 2>/dev/null || true',
};

/** The facts a plan's Makefile computes: {@link GIT_FACTS}, and `SOURCE_DATE_EPOCH` for reproducible builds. @internal */
export function gitFactsOf(plan: BuildPlan): readonly GitFact[] {
  return plan.supply?.reproducible === true ? [...GIT_FACTS, SOURCE_DATE_EPOCH_FACT] : GIT_FACTS;
}

/** `GIT_X := $(shell …)` for every fact. @internal */
export function gitFactAssignments(facts: readonly GitFact[] = GIT_FACTS): MakeAssignment[] {
  return facts.map((fact) => ({
    kind: 'assignment',
    name: fact.name,
    operator: ':=',
    value: makeShellCall(fact.script),
  }));
}
