import { PipelineIndex } from './pipeline-index';
import { Diagnostics } from '../core/diagnostics';
import type { PlannedDockerignore } from '../plan/build-plan';

/** Patterns every generated `.dockerignore` excludes after the allow-list (secrets, VCS data, dependencies). @internal */
export const DEFAULT_EXCLUDES = ['**/.git', '**/.env', '**/.env.*', '**/node_modules', '**/*.pem'];


/**
 * Derives one allow-list `.dockerignore` per build context from what its stages COPY and bind-mount, appends the
 * default and user excludes, and reports every source the result would ignore (BuildKit's CopyIgnoredFile).
 * @internal
 */
export function planDockerignores(index: PipelineIndex, userPatterns: readonly string[], d: Diagnostics): PlannedDockerignore[] {
  const byContext = new Map<string, Array<{ source: string; path: string }>>();
  for (const family of index.families) {
    const list = byContext.get(family.context) ?? [];
    for (const image of family.images) {
      for (const stage of [image, ...image.stages]) {
        stage._instructions.forEach((ins, i) => {
          const path = `${stage.node.path}/instruction.${i}`;
          if (ins.kind === 'copy' && !ins.from) ins.sources.forEach((source) => list.push({ source: clean(source), path }));
          if (ins.kind === 'run') {
            for (const m of ins.mounts) {
              if (m._contextSource !== undefined) list.push({ source: clean(m._contextSource), path });
            }
          }
        });
      }
    }
    byContext.set(family.context, list);
  }

  const plans: PlannedDockerignore[] = [];
  for (const context of [...byContext.keys()].sort()) {
    const sources = byContext.get(context)!;
    const wholeContext = sources.some((s) => s.source === '.');
    const allow = [...new Set(sources.map((s) => s.source))].filter((s) => s !== '.').sort();
    const excludes = lastOccurrences([...DEFAULT_EXCLUDES, ...userPatterns]);
    const allowList = wholeContext ? [] : ['**', ...allow.flatMap((s) => (hasGlob(s) ? [`!${s}`] : [`!${s}`, `!${s}/**`]))];
    const patterns = lastOccurrences([...allowList, ...excludes]);
    // After the allow-list every source is included again by its own `!source`, so only the patterns after it
    // can exclude a source: evaluating those alone gives the same answer in linear time.
    for (const s of sources) {
      const pattern = s.source === '.' ? undefined : excludingPattern(s.source, excludes);
      if (pattern !== undefined) {
        const fix = DEFAULT_EXCLUDES.includes(pattern) && !userPatterns.includes(pattern)
          ? 'it is a default exclude (secrets, VCS data and dependencies never reach the builder): copy from another path'
          : 'remove or narrow it in the dockerignorePatterns option of Containers, or re-include the path with a "!" pattern after it';
        d.error(s.path, `"${s.source}" would be excluded from the build context "${context}" by the .dockerignore pattern "${pattern}"; ${fix}`);
      }
    }
    plans.push({ path: context === '.' ? '.dockerignore' : `${context}/.dockerignore`, context, patterns });
  }
  return plans;
}

/** Drops repeated patterns, keeping each at its last position (where it decides, as the last match wins). */
function lastOccurrences(patterns: readonly string[]): string[] {
  const last = new Map(patterns.map((p, i) => [p, i]));
  return patterns.filter((p, i) => last.get(p) === i);
}

function clean(p: string): string {
  const c = p.replace(/^\.\//, '').replace(/\/+$/, '').replace(/\/+/g, '/');
  return c.length === 0 ? '.' : c;
}

function hasGlob(p: string): boolean {
  return /[*?[]/.test(p);
}

/**
 * Whether `path` is excluded by `patterns` with .dockerignore semantics: patterns anchored at the context root,
 * `**` spanning directories, `!` re-including, the last matching pattern wins, a match on a parent counts.
 * @internal
 */
export function isIgnored(path: string, patterns: readonly string[]): boolean {
  return excludingPattern(path, patterns) !== undefined;
}

/**
 * The pattern that excludes `path` (the last matching pattern, when it is not a `!` re-include), or undefined when
 * the path is kept.
 * @internal
 */
export function excludingPattern(path: string, patterns: readonly string[]): string | undefined {
  let decided: string | undefined;
  for (const raw of patterns) {
    const negate = raw.startsWith('!');
    const pattern = clean((negate ? raw.slice(1) : raw).replace(/^\//, ''));
    if (matchesOrParentMatches(pattern, path)) decided = negate ? undefined : raw;
  }
  return decided;
}

function matchesOrParentMatches(pattern: string, path: string): boolean {
  const re = patternRegex(pattern);
  const parts = path.split('/');
  for (let i = parts.length; i >= 1; i--) {
    if (re.test(parts.slice(0, i).join('/'))) return true;
  }
  return false;
}

const compiled = new Map<string, RegExp>();

function patternRegex(pattern: string): RegExp {
  let cached = compiled.get(pattern);
  if (!cached) {
    cached = compilePattern(pattern);
    compiled.set(pattern, cached);
  }
  return cached;
}

function compilePattern(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') { i++; re += '(?:.*/)?'; } else { re += '.*'; }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) { re += '\\['; continue; }
      re += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = end;
    } else {
      re += c.replace(/[.+^${}()|\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}
