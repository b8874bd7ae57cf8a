/**
 * Why `branch` is not a usable branch name: git's rules (git check-ref-format), plus what GitHub's branch filters would
 * read as a pattern; `undefined` when it is one.
 * @internal
 */
export function branchProblem(branch: string): string | undefined {
  if (branch.length === 0 || branch.length > 255) return 'must be 1-255 characters';
  if (/[\x00-\x20\x7f~^:?*[\\$'"`]/.test(branch)) return 'must not contain spaces, control characters, quotes, "$" or any of ~ ^ : ? * [ \\';
  if (branch.startsWith('/') || branch.endsWith('/') || branch.includes('//') || branch.endsWith('.') || branch.endsWith('.lock')) {
    return 'must not start or end with "/", end with "." or ".lock", or contain "//"';
  }
  if (branch.includes('..') || branch.includes('@{') || branch === '@' || branch.startsWith('-') || branch.startsWith('!')) {
    return 'must not contain ".." or "@{", be "@", or start with "-" or "!"';
  }
  if (branch.split('/').some((part) => part.startsWith('.'))) return 'no part may start with "."';
  return undefined;
}
