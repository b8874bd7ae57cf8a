import type { MakeLine } from './makefile-model';
import type { BuildPlan } from '../plan/build-plan';
import { SUPPLY_VARIABLES } from '../plan/variables';

/**
 * The settings of signing and reproducible builds, in the order they are defined: `COSIGN`, `COSIGN_KEY` and
 * `COSIGN_ARGS` with signing, `REWRITE_TIMESTAMP` for reproducible builds; none otherwise.
 * @internal
 */
export function supplySettingNames(plan: BuildPlan): string[] {
  const v = SUPPLY_VARIABLES;
  return [
    ...(plan.supply?.signing !== undefined ? [v.cosign, v.cosignKey, v.cosignArgs] : []),
    ...(plan.supply?.reproducible === true ? [v.rewriteTimestamp] : []),
  ];
}

/** Their documented `?=` assignments for the Makefile's settings block. @internal */
export function supplySettings(plan: BuildPlan): MakeLine[] {
  const v = SUPPLY_VARIABLES;
  const lines: MakeLine[] = [];
  if (plan.supply?.signing !== undefined) {
    lines.push(
      comment('cosign command of the sign targets'),
      assign(v.cosign, 'cosign'),
      comment('Key the sign targets sign with (a cosign.key file or a KMS URI); empty: keyless (OIDC, Fulcio, Rekor)'),
      assign(v.cosignKey, ''),
      comment('Extra cosign sign arguments, split at blanks, e.g. `--allow-http-registry --tlog-upload=false` for a local registry'),
      assign(v.cosignArgs, ''),
    );
  }
  if (plan.supply?.reproducible === true) {
    lines.push(
      comment('Non-empty: pushes rewrite file timestamps to SOURCE_DATE_EPOCH (rewrite-timestamp=true; needs a builder that'),
      comment('does not unpack, e.g. docker-container: the docker driver refuses it); empty: they keep build-time mtimes'),
      assign(v.rewriteTimestamp, ''),
    );
  }
  return lines;
}

function comment(text: string): MakeLine {
  return { kind: 'comment', text };
}

function assign(name: string, value: string): MakeLine {
  return { kind: 'assignment', name, operator: '?=', value };
}
