import type { BakeTarget } from './bake-model';
import type { BuildPlan } from '../plan/build-plan';
import { SUPPLY_VARIABLES } from '../plan/variables';

/**
 * The supply-chain attributes of every bake target: `attest` (the Makefile's `--attest` specs) and, for reproducible
 * builds, an `output` that rewrites file timestamps when `REWRITE_TIMESTAMP` is set (the Makefile's push output).
 * @internal
 */
export function supplyAttributes(plan: BuildPlan): Pick<BakeTarget, 'attest' | 'output'> {
  const attestations = plan.supply?.attestations ?? [];
  for (const spec of attestations) {
    if (/["\\]|\$\{|%\{/.test(spec)) throw new Error(`internal error: attestation ${JSON.stringify(spec)} holds a quote, backslash or template`);
  }
  return {
    ...(attestations.length > 0 ? { attest: [...attestations] } : {}),
    ...(plan.supply?.reproducible === true
      ? { output: '${compact([' + SUPPLY_VARIABLES.rewriteTimestamp + ' != "" ? "type=image,rewrite-timestamp=true" : ""])}' }
      : {}),
  };
}

/** Whether the bake file declares `REWRITE_TIMESTAMP`. @internal */
export function declaresRewriteTimestamp(plan: BuildPlan): boolean {
  return plan.supply?.reproducible === true;
}
