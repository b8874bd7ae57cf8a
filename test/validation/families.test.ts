/** Bad input of the entry points in cases/families.ts: a PipelineValidationError naming the construct path, nothing written. */
import { FAMILY_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad input (families) with a PipelineValidationError naming the construct path', FAMILY_CASES);
