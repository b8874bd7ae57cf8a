import { recipeWord } from './make-escape';
import type { BuildPlan } from '../plan/build-plan';
import { SUPPLY_VARIABLES } from '../plan/variables';

/**
 * `--attest <spec>` for each planned attestation (the same specs as the bake file's `attest`), single-quoted.
 * @internal
 */
export function attestArguments(plan: BuildPlan): string[] {
  return (plan.supply?.attestations ?? []).map((spec) => `--attest ${recipeWord(spec, 'attestation')}`);
}

/**
 * The output flag of a push: `--push`, or for reproducible builds
 * `--output "type=image,push=true$${REWRITE_TIMESTAMP:+,rewrite-timestamp=true}"`, which rewrites file timestamps in
 * the pushed layers to `SOURCE_DATE_EPOCH` when `REWRITE_TIMESTAMP` is set.
 * @internal
 */
export function pushArgument(plan: BuildPlan): string {
  if (plan.supply?.reproducible !== true) return '--push';
  return `--output "type=image,push=true$\${${SUPPLY_VARIABLES.rewriteTimestamp}:+,rewrite-timestamp=true}"`;
}
