/** Bad platform plans in cases/platforms.ts: a PipelineValidationError naming the construct path, nothing written. */
import { PLATFORM_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects platforms a parent lacks and colliding platform targets with a PipelineValidationError naming the construct path', PLATFORM_CASES);
