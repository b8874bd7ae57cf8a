/** Bad input of the entry points in cases/untyped.ts: a PipelineValidationError naming the construct path, nothing written. */
import { UNTYPED_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad input (untyped) with a PipelineValidationError naming the construct path', UNTYPED_CASES);
