/** Bad input of cache policies and size budgets in cases/cache.ts: a PipelineValidationError naming the construct path, nothing written. */
import { CACHE_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad cache policies and size budgets with a PipelineValidationError naming the construct path', CACHE_CASES);
