import { SAFE_PATH_PATTERN } from './names';

/**
 * Normalises a project-relative path (`./a//b/` → `a/b`); returns a reason instead when the path is empty, absolute,
 * leaves the project (`..`), or holds characters no generated file may carry.
 * @internal
 */
export function normalizeProjectPath(value: string, options: { allowRoot?: boolean } = {}): { path: string } | { reason: string } {
  if (value.length === 0) return { reason: 'must not be empty' };
  if (value.length > 4096) return { reason: 'is longer than 4096 characters' };
  if (value.startsWith('/')) return { reason: 'must be relative to the project root, not absolute' };
  const parts = value.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) return { reason: 'must stay inside the project (no ".." segments)' };
  const path = parts.length === 0 ? '.' : parts.join('/');
  if (path === '.' && !options.allowRoot) return { reason: 'must name a file, not the project root' };
  if (path !== '.' && (!SAFE_PATH_PATTERN.test(path) || parts.some((p) => p.startsWith('-')))) {
    return { reason: 'may only hold letters, digits and "._@+-/", and no segment may start with "-"' };
  }
  return { path };
}
