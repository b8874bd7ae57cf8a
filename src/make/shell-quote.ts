/**
 * The one quoting of literal text for the POSIX shell (POSIX §2.2): the Makefile's recipes, the workflow's `run:`
 * steps and the commands CONTAINERS.md shows all quote through here.
 *
 * Single quotes keep every character literally; a single quote itself is written `'\''`. Words made only of
 * {@link SHELL_SAFE} characters mean the same bare and may be left unquoted ({@link shellWord}).
 */

/** Characters that are literal in an unquoted shell word, anywhere in it (no globbing, expansion, tilde, comment or separator). @internal */
export const SHELL_SAFE = /^[A-Za-z0-9_./:@=+,-]+$/;

/**
 * `value` as one single-quoted shell word, whatever it holds.
 * @throws `internal error` if `value` contains NUL (no shell argument can hold it; validation refuses such text)
 * @internal
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) {
    throw new Error(`internal error: ${JSON.stringify(value)} contains NUL, which no shell argument can hold`);
  }
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/**
 * `value` as one shell word: bare when every character is {@link SHELL_SAFE} (and it does not start with `-` or `=`,
 * which a command could read as an option or an assignment), otherwise {@link shellQuote}d.
 * @internal
 */
export function shellWord(value: string): string {
  return SHELL_SAFE.test(value) && !/^[-=]/.test(value) ? value : shellQuote(value);
}
