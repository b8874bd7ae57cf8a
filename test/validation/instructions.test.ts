/** Bad input of the entry points in cases/instructions.ts: a PipelineValidationError naming the construct path, nothing written. */
import { INSTRUCTION_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad input (instructions) with a PipelineValidationError naming the construct path', INSTRUCTION_CASES);
