import { shellQuote } from './shell-quote';

/**
 * Quoting of literal text for GNU make and the POSIX shell.
 *
 * Two contexts matter in a Makefile (GNU make manual §3.1, §5.1.2, §6.2; verified with GNU Make 4.3):
 * - assignment values: `$` starts a reference (written `$$`), `#` starts a comment (written `\#`), a trailing
 *   backslash continues the line, leading blanks are dropped, trailing blanks are kept;
 * - recipe lines: passed to the shell after make expands `$`; everything else (including `#`) reaches the shell.
 */

/** Characters that break a make line or cannot be carried in an argument. */
const LINE_BREAKING = /[\n\r\0]/;

/**
 * Escapes a literal so that `NAME := <result>` (or `?=`) defines `NAME` as exactly `value`.
 *
 * `$` becomes `$$`; `#` becomes `\#`, doubling any backslashes right before it (make halves a run of backslashes
 * in front of `#`). Other characters, including `'`, `"`, `;`, `\` and spaces inside the value, are kept as is.
 *
 * @param value the literal
 * @param what names the value in error messages, e.g. `default of variable FOO`
 * @returns make text for the right-hand side of an assignment
 * @throws `internal error` if `value` contains a newline, carriage return or NUL, ends with a backslash (line
 *   continuation) or starts or ends with whitespace (make strips leading blanks); validation refuses such values
 */
export function makeLiteral(value: string, what: string = 'value'): string {
  if (LINE_BREAKING.test(value)) {
    throw new Error(`internal error: ${what} ${JSON.stringify(value)} contains a newline, carriage return or NUL, which a Makefile cannot hold`);
  }
  if (value.endsWith('\\')) {
    throw new Error(`internal error: ${what} ${JSON.stringify(value)} ends with a backslash, which make reads as a line continuation`);
  }
  if (/^\s|\s$/.test(value)) {
    throw new Error(`internal error: ${what} ${JSON.stringify(value)} starts or ends with whitespace; remove it (make would not keep it as written)`);
  }
  return value
    .replace(/\$/g, '$$$$')
    .replace(/(\\*)#/g, (_match: string, backslashes: string) => `${backslashes}${backslashes}\\#`);
}

/**
 * Quotes a literal as one shell word inside a make recipe: {@link shellQuote}, then `$` doubled for make.
 *
 * @param value the literal (a file path, a target name, a label)
 * @param what names the value in error messages
 * @throws `internal error` if `value` contains a newline, carriage return or NUL (a recipe command is one line)
 */
export function recipeWord(value: string, what: string = 'value'): string {
  if (LINE_BREAKING.test(value)) {
    throw new Error(`internal error: ${what} ${JSON.stringify(value)} contains a newline, carriage return or NUL, which a recipe cannot hold`);
  }
  return shellQuote(value).replace(/\$/g, '$$$$');
}
