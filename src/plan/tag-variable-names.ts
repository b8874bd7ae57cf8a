import type { BuildPlan } from './build-plan';

/**
 * Every tag variable of a plan, the one list the Makefile exports and prints (`print-tags`), the bake file declares
 * and CI's `tag` job outputs: per family (in family order) `<FAMILY>_TAG` and, with tag rules, `<FAMILY>_TAGS`; then
 * per image with tag rules of its own (in plan order) `<IMAGE ID>_TAG` and `<IMAGE ID>_TAGS`. With `images`, only
 * the families having one of them and those of the images themselves. No duplicates.
 * @internal
 */
export function tagVariableNames(plan: BuildPlan, images?: readonly string[]): string[] {
  const selected = images === undefined ? undefined : new Set(images);
  const families = plan.families.filter((f) => selected === undefined || f.images.some((i) => selected.has(i)));
  const own = plan.images.filter((i) => i.tagRules !== undefined && (selected === undefined || selected.has(i.id)));
  return [...new Set([
    ...families.flatMap((f) => [f.tagVariable, ...(f.tagsVariable ? [f.tagsVariable] : [])]),
    ...own.flatMap((i) => [i.tagVariable, ...(i.tagsVariable ? [i.tagsVariable] : [])]),
  ])];
}
