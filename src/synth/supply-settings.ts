import { SigningSettings, validateAttestations, validateSigning } from './validate-supply';
import type { Diagnostics } from '../core/diagnostics';
import { UntypedReader } from '../core/untyped';

/** Signing, attestations and reproducibility, checked, with defaults resolved. @internal */
export interface SupplySettings {
  readonly signing?: SigningSettings;
  /** buildx `--attest` specs. */
  readonly attestations: readonly string[];
  readonly reproducible: boolean;
}

/**
 * Reads `signing`, `attestations` and `reproducible` from the pipeline props (untyped) and checks them; absent when
 * none is set, so pipelines without them plan and render exactly as before.
 * @internal
 */
export function readSupplySettings(p: Record<string, unknown>, path: string, d: Diagnostics): { supply?: SupplySettings } {
  if (p.signing === undefined && p.attestations === undefined && p.reproducible === undefined) return {};
  const signing = validateSigning(d, path, p.signing, p.sourceUrl);
  const attestations = validateAttestations(d, path, p.attestations);
  const reproducible = new UntypedReader(d, path).optionalBoolean('reproducible', p.reproducible) ?? false;
  return { supply: { ...(signing === undefined ? {} : { signing }), attestations, reproducible } };
}
