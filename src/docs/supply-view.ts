import { shellWord } from '../make/shell-quote';
import type { BuildPlan } from '../plan/build-plan';
import { signTargets } from '../plan/target-names';
import { SUPPLY_VARIABLES } from '../plan/variables';

/** The supply-chain section of CONTAINERS.md (absent without signing, attestations or reproducibility). @internal */
export interface SupplyView {
  readonly signing?: SigningView;
  /** `` `type=provenance,mode=max` ``, … joined with `, `. */
  readonly attestations?: string;
  /** Shell line showing an image's provenance. */
  readonly provenanceCommand: string;
  readonly reproducible: boolean;
  /** `` `REWRITE_TIMESTAMP` `` */
  readonly rewriteTimestampVariable: string;
}

/** @internal */
export interface SigningView {
  /** Shell lines of the `cosign verify` command (continued with `\`). */
  readonly verify: readonly string[];
  /** Shell line resolving an image's digest. */
  readonly digestCommand: string;
  /** `` `make sign-<image>` `` and `` `make sign` ``. */
  readonly makeSign: string;
  readonly makeSignAll: string;
  /** Shell lines: local key-pair signing and verification. */
  readonly keyPair: readonly string[];
}

/**
 * The view of the plan's supply chain: the `cosign verify` command of the first image with the planned anchored
 * identity and issuer, the Makefile's sign targets, the attestation specs and the reproducibility switch.
 * @param make how the docs call make (`make` or `make -f <file>`)
 * @internal
 */
export function supplyView(plan: BuildPlan, make: string): SupplyView | undefined {
  const supply = plan.supply;
  if (supply === undefined || (supply.signing === undefined && supply.attestations.length === 0 && !supply.reproducible)) return undefined;
  const first = plan.images[0];
  const name = first === undefined ? `${plan.registry}/<repository>` : `${plan.registry}/${first.repository}`;
  const reference = `${name}:<tag>`;
  const digestCommand = `docker buildx imagetools inspect ${shellWord(reference)} --format '{{printf "%s" .Manifest.Digest}}'`;
  let signing: SigningView | undefined;
  if (supply.signing !== undefined) {
    const targets = signTargets(plan.make.targetPrefix);
    const image = first === undefined ? '<image>' : first.id;
    signing = {
      verify: [
        'cosign verify \\',
        `  --certificate-identity-regexp ${shellWord(supply.signing.identityRegexp)} \\`,
        `  --certificate-oidc-issuer ${shellWord(supply.signing.issuer)} \\`,
        `  ${shellWord(`${name}@sha256:<digest>`)}`,
      ],
      digestCommand,
      makeSign: code(`${make} ${targets.image(image)}`),
      makeSignAll: code(`${make} ${targets.all}`),
      keyPair: [
        'COSIGN_PASSWORD= cosign generate-key-pair',
        `${make} ${targets.image(image)} ${SUPPLY_VARIABLES.cosignKey}=cosign.key`,
        `cosign verify --key cosign.pub ${shellWord(`${name}@sha256:<digest>`)}`,
      ],
    };
  }
  // every key present (the template runs in strict mode; `#if` tests the value)
  return {
    signing,
    attestations: supply.attestations.length === 0 ? undefined : supply.attestations.map(code).join(', '),
    provenanceCommand: `docker buildx imagetools inspect ${shellWord(reference)} --format '{{ json .Provenance }}'`,
    reproducible: supply.reproducible,
    rewriteTimestampVariable: code(SUPPLY_VARIABLES.rewriteTimestamp),
  };
}

function code(text: string): string {
  return '`' + text + '`';
}
