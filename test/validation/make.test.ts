/** Bad input of the Makefile interface in cases/make.ts: a PipelineValidationError naming the construct path, nothing written. */
import { MAKE_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad input (Makefile interface) with a PipelineValidationError naming the construct path', MAKE_CASES);
