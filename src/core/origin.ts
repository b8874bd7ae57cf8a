import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Where in the user's code a construct was created or an instruction call was made: a captured stack, turned into
 * `file:line:column` only when a finding is reported (formatting a stack applies source maps, which is the costly
 * part; capturing the frames is cheap).
 * @internal
 */
export class Origin {
  /** Captures the current call stack (the frames of the caller of the function `above`, and further out). */
  public static capture(above: Function): Origin {
    const holder: { stack?: string } = {};
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = FRAMES;
    Error.captureStackTrace(holder, above);
    Error.stackTraceLimit = limit;
    return new Origin(holder);
  }

  private resolved?: { readonly file: string; readonly line: number; readonly column: number } | null;

  private constructor(private readonly holder: { stack?: string }) {}

  /**
   * The first frame outside this library, projen, constructs and Node.js itself as `file:line:column`, the file
   * relative to `directory` when it is inside it; `undefined` when no frame qualifies.
   */
  public locate(directory: string): string | undefined {
    if (this.resolved === undefined) this.resolved = userFrame(stackText(this.holder));
    if (this.resolved === null) return undefined;
    const { file, line, column } = this.resolved;
    const rel = isAbsolute(file) ? relative(directory, file) : file;
    const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : file;
    return `${shown}:${line}:${column}`;
  }
}

/**
 * Frames captured per origin: the library is at most four calls deep between the user's call and the capture (a
 * preset adding an image), and each frame costs (about half a microsecond), so ten, as Node.js keeps by default.
 */
const FRAMES = 10;

/** The library's own directory: its compiled `lib/` and, through source maps, its `src/`. */
const LIBRARY_ROOT = resolve(__dirname, '..', '..');
const LIBRARY_DIRS = [`${LIBRARY_ROOT}${sep}lib${sep}`, `${LIBRARY_ROOT}${sep}src${sep}`];
/** Packages whose frames are never the user's code. */
const FOREIGN = ['projen', 'constructs', 'ts-node', '@cspotcode', 'source-map-support'].map((p) => `${sep}node_modules${sep}${p}${sep}`);

function stackText(holder: { stack?: string }): string {
  try {
    return typeof holder.stack === 'string' ? holder.stack : '';
  } catch {
    // a source-map hook that fails must not turn a report into a crash
    return '';
  }
}

/** `file:line:column` at the end of a V8 frame line, inside parentheses or not. */
const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

/**
 * The first frame of a formatted stack (its first line is the message) outside this library, projen, constructs,
 * ts-node and Node.js itself, or `null`.
 * @internal
 */
export function userFrame(stack: string): { file: string; line: number; column: number } | null {
  for (const text of stack.split('\n').slice(1)) {
    if (text.includes('(eval at ')) continue;
    const m = FRAME.exec(text);
    if (!m) continue;
    let file = m[1];
    if (file.startsWith('file://')) {
      try {
        file = decodeURIComponent(new URL(file).pathname);
      } catch {
        continue;
      }
    }
    if (file.startsWith('node:') || !isAbsolute(file)) continue;
    if (LIBRARY_DIRS.some((dir) => file.startsWith(dir))) continue;
    if (FOREIGN.some((dir) => file.includes(dir))) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return null;
}

const ORIGINS = new WeakMap<object, Origin>();

/** Remembers where `construct` was created: called from its constructor, which is left out of the stack. @internal */
export function recordOrigin(construct: object, constructor: Function): void {
  ORIGINS.set(construct, Origin.capture(constructor));
}

/** Where `construct` was created, when its constructor recorded it. @internal */
export function originOf(construct: object): Origin | undefined {
  return ORIGINS.get(construct);
}
