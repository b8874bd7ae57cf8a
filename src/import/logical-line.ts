/**
 * The logical line of an instruction as BuildKit reads it: physical lines joined where a line ends with the escape
 * character (plus blanks), comment lines and empty lines inside the continuation dropped.
 * @param lines the physical lines of the instruction (without their line breaks)
 * @internal
 */
export function logicalLine(lines: readonly string[]): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, '');
    if (i > 0 && (/^\s*#/.test(line) || line.trim().length === 0)) continue;
    const m = /\\[ \t]*$/.exec(line);
    if (m && i < lines.length - 1) {
      out += line.slice(0, m.index);
    } else {
      out += line;
      break;
    }
  }
  return out;
}

/** The arguments of a logical line: without its keyword and leading `--flags`. @internal */
export function argumentsOf(line: string): string {
  return line.replace(/^\s*[A-Za-z]+\s*/, '').replace(/^(?:--\S+\s+)*/, '').replace(/^--\S+$/, '');
}
