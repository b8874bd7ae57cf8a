/**
 * The ways a value can break out of its place in a Dockerfile, as predicates shared by validation (which reports
 * them with the construct path) and the printer (which refuses them as internal errors).
 * @internal
 */

/** Control characters other than TAB: CR and LF end a line, NUL and the rest have no place in a Dockerfile. @internal */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** BuildKit's line-continuation test: a backslash followed only by blanks at the end of a line. @internal */
export const TRAILING_CONTINUATION = /\\[ \t]*$/;

/** A heredoc start (`<<EOF`, `<<-EOF`, `<<"EOF"`), which would swallow the lines after it. @internal */
export const HEREDOC_START = /<</;

/** BuildKit's maximum line length (its scanner's 64 KiB buffer). @internal */
export const MAX_LINE_BYTES = 65535;

/** The first control character of `value` (other than TAB), described, or undefined. @internal */
export function controlCharacter(value: string): string | undefined {
  const m = CONTROL_CHARACTER.exec(value);
  if (!m) return undefined;
  const names: Record<string, string> = { '\n': 'a line break', '\r': 'a line break (CR)', '\u0000': 'a NUL character' };
  return names[m[0]] ?? `the control character U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why a command printed on one `RUN` line would mean something else than the command itself, or undefined.
 * @internal
 */
export function oneLineShellHazard(command: string): string | undefined {
  if (command.length === 0) return 'is empty';
  if (TRAILING_CONTINUATION.test(command)) return 'ends with a backslash, which would continue onto the next line';
  if (HEREDOC_START.test(command)) return 'contains "<<", which would start a heredoc';
  if (command.trimStart() !== command || command.trimEnd() !== command) return 'starts or ends with whitespace, which the parser trims';
  if (command.startsWith('-')) return 'starts with "-", which would be read as a flag';
  if (command.startsWith('[')) return 'starts with "[", which would be read as an exec-form JSON array';
  return undefined;
}

/** The UTF-8 length of a printed line. @internal */
export function lineBytes(line: string): number {
  return Buffer.byteLength(line, 'utf8');
}
