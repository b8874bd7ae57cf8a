import { makeLiteral } from './make-escape';
import type { MakeBlock, MakeLine } from './makefile-model';
import { PULL_REQUEST_TAG_PREFIX, usesCacheChain, usesGhaCache } from '../cache/plan-cache';
import type { BuildPlan } from '../plan/build-plan';
import { BUILD_FACT_VARIABLES, CACHE_FACT_VARIABLES, SETTING_VARIABLES } from '../plan/variables';

/**
 * A branch name as `GIT_BRANCH` holds it (the one sanitising rule of the git facts: lowercase, characters outside
 * `[A-Za-z0-9_.-]` become `-`, no leading `.` or `-`, at most 100 characters), so the default branch compares equal.
 * @internal
 */
export function sanitisedBranch(branch: string): string {
  return branch.toLowerCase().replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]*/, '').slice(0, 100);
}

/** The cache facts a plan's Makefile computes, in order (none without a registry or gha cache). @internal */
export function cacheFactNames(plan: BuildPlan): string[] {
  return [
    ...(usesCacheChain(plan.images) ? [CACHE_FACT_VARIABLES.branch, CACHE_FACT_VARIABLES.suffix] : []),
    ...(usesGhaCache(plan.images) ? [CACHE_FACT_VARIABLES.platforms] : []),
  ];
}

/**
 * The Makefile block computing the cache facts from the git facts (after them): the branch and write suffix of the
 * registry cache chain, and the platforms word of gha scopes. Every value is made of tag characters: `GIT_BRANCH` and
 * `GIT_PR` are sanitised where they are computed, `PLATFORMS` has `/` and `,` replaced (a value that is not a platform
 * list is the user's own input, passed to buildx in double quotes).
 * @internal
 */
export function cacheFactLines(plan: BuildPlan): MakeBlock {
  const names = cacheFactNames(plan);
  if (names.length === 0) return [];
  const b = CACHE_FACT_VARIABLES;
  const pr = BUILD_FACT_VARIABLES.pr;
  const defaultBranch = makeLiteral(sanitisedBranch(plan.defaultBranch), 'default branch');
  const lines: MakeLine[] = [
    { kind: 'comment', text: 'Cache facts: registry caches read <ref>-pr-<GIT_PR>, <ref>-branch-<CACHE_BRANCH>, then <ref> (the default' },
    { kind: 'comment', text: 'branch\'s), and write <ref><CACHE_SUFFIX> only, with CACHE_TO.' },
  ];
  if (names.includes(b.branch)) {
    lines.push(
      { kind: 'comment', text: `  ${b.branch}: GIT_BRANCH, empty on the default branch (${sanitisedBranch(plan.defaultBranch)})` },
      { kind: 'comment', text: `  ${b.suffix}: -${PULL_REQUEST_TAG_PREFIX}<GIT_PR> in a pull request, else -branch-<CACHE_BRANCH>, else empty` },
      { kind: 'assignment', name: b.branch, operator: ':=', value: `$(if $(filter-out ${defaultBranch},$(${BUILD_FACT_VARIABLES.branch})),$(${BUILD_FACT_VARIABLES.branch}))` },
      { kind: 'assignment', name: b.suffix, operator: ':=', value: `$(if $(${pr}),-${PULL_REQUEST_TAG_PREFIX}$(${pr}),$(if $(${b.branch}),-branch-$(${b.branch})))` },
    );
  }
  if (names.includes(b.platforms)) {
    lines.push(
      { kind: 'comment', text: `  ${b.platforms}: PLATFORMS with / and , replaced by - (gha scopes: one per image and platform)` },
      { kind: 'assignment', name: 'cache_comma', operator: ':=', value: ',' },
      { kind: 'assignment', name: b.platforms, operator: ':=', value: `$(subst /,-,$(subst $(cache_comma),-,$(${SETTING_VARIABLES.platforms})))` },
    );
  }
  return lines;
}
