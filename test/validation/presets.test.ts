/** Bad input of the presets in cases/presets.ts: a PipelineValidationError naming the construct path, nothing written. */
import { PRESET_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad input (presets) with a PipelineValidationError naming the construct path', PRESET_CASES);
