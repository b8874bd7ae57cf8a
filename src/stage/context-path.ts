/**
 * Reads a COPY source or bind-mount source in the build context: normalised (`./a//b/` → `a/b`, the context root is
 * `.`), or the reason it cannot be one.
 *
 * Paths are literal: `$` (variable expansion) and `\` (the Dockerfile escape character) are refused rather than
 * escaped, as COPY expands variables even in its JSON form. Glob characters and spaces are allowed.
 * @internal
 */
export function normalizeContextPath(value: string): { readonly path: string } | { readonly reason: string } {
  const literal = literalPathProblem(value);
  if (literal) return { reason: literal };
  if (value.startsWith('/')) return { reason: 'must be relative to the build context, not absolute; drop the leading "/"' };
  const parts = value.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { reason: 'must stay inside the build context; remove the ".." segments' };
  const path = parts.length === 0 ? '.' : parts.join('/');
  if (path.startsWith('-')) return { reason: 'must not start with "-" (it would be read as a flag); prefix it with "./"' };
  return { path };
}

/**
 * Why `value` cannot be written as a literal COPY/ADD/bind path (empty, a leading `-`, `$` or `\`), or undefined.
 * @internal
 */
export function literalPathProblem(value: string): string | undefined {
  if (value.trim().length === 0) return 'must not be empty';
  if (value.startsWith('-')) return 'must not start with "-" (it would be read as a flag); prefix it with "./"';
  if (/[$\\]/.test(value)) return 'must not contain "$" or "\\": paths are literal, variables are not expanded';
  return undefined;
}

/** The normalised path when `value` is a valid context path, else `value` unchanged (validation reports it). @internal */
export function contextPathOrInput(value: string): string {
  const n = normalizeContextPath(value);
  return 'path' in n ? n.path : value;
}
