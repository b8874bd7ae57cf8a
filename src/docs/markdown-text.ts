/**
 * Text helpers of the generated Markdown: inline code, escaped prose, table cells, code fences and commented shell
 * lines. Every user string that reaches CONTAINERS.md goes through one of them.
 * @internal
 */

/** Inline code; longer fences when the text itself contains backticks. @internal */
export function code(text: string): string {
  if (!text.includes('`')) {
    return '`' + text + '`';
  }
  return '`` ' + text + ' ``';
}

/**
 * Plain text as Markdown prose: characters that start inline markup, HTML, entities or headings are backslash-escaped
 * anywhere, and those that start a block (list, quote, setext underline) at the start; CommonMark allows escaping any
 * ASCII punctuation, so `v<digit>`, `a_b_c` or `# x` read as written.
 * @internal
 */
export function prose(text: string): string {
  return text
    .replace(/[\\`*_[\]<>&#~|]/g, '\\$&')
    .replace(/^(\s*)([-+=>])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

/**
 * Makes text safe inside a Markdown table cell: one line, every `|` not already escaped (prose escapes its own) escaped.
 * @internal
 */
export function cell(text: string): string {
  return text.replace(/(?<!\\)\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * A code fence longer than the longest run of backticks in `lines` (CommonMark: a fence closes only a shorter one).
 * @internal
 */
export function fenceFor(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** `command  # comment` lines with the comments aligned. @internal */
export function commented(lines: readonly (readonly [string, string])[]): string[] {
  if (lines.length === 0) return [];
  const width = Math.max(...lines.map(([command]) => command.length));
  return lines.map(([command, comment]) => `${command.padEnd(width)}  # ${comment}`);
}
