/** Bad input of the entry points in cases/settings.ts: a PipelineValidationError naming the construct path, nothing written. */
import { SETTINGS_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad input (settings) with a PipelineValidationError naming the construct path', SETTINGS_CASES);
