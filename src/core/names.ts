/** Lowercase identifiers for families, images and stages: they become repository names, Make targets and stage names. @internal */
export const ID_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;

/** Environment-variable-like names (ARG, ENV, Makefile and bake variables). @internal */
export const VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Relative POSIX paths that are safe to place in a Makefile, a workflow and a shell word. @internal */
export const SAFE_PATH_PATTERN = /^[A-Za-z0-9._@+\-][A-Za-z0-9._@+\-/]*$/;

/** Reserved stage names (BuildKit `ReservedStageName`). @internal */
export const RESERVED_STAGE_NAMES = ['context', 'scratch'];

/**
 * BuildKit's SecretsUsedInArgOrEnv: a key is secret-like when the deny pattern matches and the allow pattern does not.
 * @internal
 */
export function isSecretLikeName(name: string): boolean {
  const deny = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
  const allow = /(?:_|^)(?:public|file|version)(?:_|$)/i;
  return deny.test(name) && !allow.test(name);
}

/** `flow-pipe` → `FLOW_PIPE`: a make/bake variable prefix from an id. @internal */
export function variablePrefix(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** Characters that must never reach a Makefile, a workflow or a Dockerfile line from a user string. @internal */
export function unsafeTextReason(value: string): string | undefined {
  if (value.includes('${{')) {
    return 'contains "${{", which GitHub Actions would evaluate as an expression';
  }
  if (/[\r\n\0]/.test(value)) {
    return 'contains a line break or NUL character';
  }
  return undefined;
}

/** Whether `path` is a safe relative path inside the project (no `..`, not absolute). @internal */
export function isSafeRelativePath(path: string): boolean {
  return SAFE_PATH_PATTERN.test(path) && !path.split('/').includes('..') && !path.startsWith('/');
}
