/** Bad dispatch input variables in cases/dispatch.ts: a PipelineValidationError naming the workflow, nothing written. */
import { DISPATCH_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects dispatch inputs setting a variable the build does not read, or with a type that cannot hold it', DISPATCH_CASES);
