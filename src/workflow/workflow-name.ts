/**
 * A workflow name that is also a safe file name (`.github/workflows/<name>.yml`): 1-100 letters, digits, `.`, `_` or
 * `-`, starting with a letter or digit. Pipeline workflows and the pin-refresh workflow share it.
 * @internal
 */
export const WORKFLOW_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
