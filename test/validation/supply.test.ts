/** Bad input of signing, attestations and reproducibility in cases/supply.ts: a PipelineValidationError naming the construct path, nothing written. */
import { SUPPLY_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad signing, attestation and reproducibility settings with a PipelineValidationError naming the construct path', SUPPLY_CASES);
