/**
 * Quoting for Dockerfile arguments; only the printer uses it.
 * @internal
 */

/** Characters a bare word may hold. */
const BARE_WORD = /^[A-Za-z0-9_./:@%+=,][A-Za-z0-9_./:@%+=,-]*$/;

/** Characters a COPY/ADD path may hold to be written bare (globs included). */
const BARE_PATH = /^[A-Za-z0-9_./*?@%+=,:~][A-Za-z0-9_./*?@%+=,:~-]*$/;

/** A double-quoted Dockerfile word: `\`, `"` and `$` escaped so the value is taken literally. @internal */
export function dockerfileQuote(value: string): string {
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/** A word left bare when it is plainly safe (and does not start with `-`), else double-quoted. @internal */
export function dockerfileWord(value: string): string {
  return BARE_WORD.test(value) ? value : dockerfileQuote(value);
}

/** The exec (JSON array) form used by CMD, ENTRYPOINT, HEALTHCHECK, SHELL and COPY/ADD with awkward paths. @internal */
export function execForm(argv: readonly string[]): string {
  return `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}

/** COPY/ADD paths: space-separated when every path is plainly safe, else the JSON form. @internal */
export function pathList(paths: readonly string[]): string {
  return paths.every((p) => BARE_PATH.test(p)) ? paths.join(' ') : execForm(paths);
}
