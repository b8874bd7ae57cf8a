/** Every bad-input case, by entry point. */
export { SETTINGS_CASES } from './settings';
export { FAMILY_CASES } from './families';
export { IMAGE_CASES } from './images';
export { INSTRUCTION_CASES } from './instructions';
export { UNTYPED_CASES } from './untyped';
export { WORKFLOW_CASES } from './workflows';
