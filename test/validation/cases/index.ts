/** Every bad-input case, by entry point. */
export { SETTINGS_CASES } from './settings';
export { FAMILY_CASES } from './families';
export { IMAGE_CASES } from './images';
export { INSTRUCTION_CASES } from './instructions';
export { UNTYPED_CASES } from './untyped';
export { MAKE_CASES } from './make';
export { PRESET_CASES } from './presets';
export { TAG_RULE_CASES } from './tag-rules';
export { WORKFLOW_CASES } from './workflows';
export { CACHE_CASES } from './cache';
export { SUPPLY_CASES } from './supply';
export { PLATFORM_CASES } from './platforms';
export { OCI_CASES } from './oci';
export { DISPATCH_CASES } from './dispatch';
