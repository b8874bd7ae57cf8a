/**
 * Quoting helpers for Dockerfile arguments.
 * @internal
 */

/** A double-quoted Dockerfile word: `\`, `"` and `$` escaped so the value is taken literally. */
export function dockerfileQuote(value: string): string {
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/** A word left bare when it is plainly safe, else double-quoted. */
export function dockerfileWord(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : dockerfileQuote(value);
}

/** The exec (JSON array) form used by CMD, ENTRYPOINT, HEALTHCHECK and COPY with awkward paths. */
export function execForm(argv: readonly string[]): string {
  return `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;
}
