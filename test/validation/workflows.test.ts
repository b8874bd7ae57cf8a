/** Bad input of declared workflows in cases/workflows.ts: a PipelineValidationError naming the workflow's path, nothing written. */
import { WORKFLOW_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad declared workflows with a PipelineValidationError naming the construct path', WORKFLOW_CASES);
