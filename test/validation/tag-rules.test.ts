/** Bad input of the tag rules in cases/tag-rules.ts: a PipelineValidationError naming the construct path, nothing written. */
import { TAG_RULE_CASES } from './cases';
import { runCases } from './support';

runCases('synthesis rejects bad tag rules with a PipelineValidationError naming the construct path', TAG_RULE_CASES);
