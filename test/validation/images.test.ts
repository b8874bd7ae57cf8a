/** Bad input of the entry points in cases/images.ts: a PipelineValidationError naming the construct path, nothing written. */
import { IMAGE_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad input (images) with a PipelineValidationError naming the construct path', IMAGE_CASES);
