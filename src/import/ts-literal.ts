/**
 * A TypeScript single-quoted string literal evaluating to exactly `value`: backslashes and quotes escaped, every
 * character outside printable ASCII written as `\uXXXX` (line breaks, U+2028/U+2029, lone surrogates, control
 * characters), so the literal is one line of plain ASCII whatever the input.
 * @internal
 */
export function tsString(value: string): string {
  let out = "'";
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const ch = value[i];
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else out += `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return `${out}'`;
}

/** A comment's text made safe for a `//` line comment (no line terminators). @internal */
export function tsLineComment(text: string): string {
  return `// ${text.replace(/[\r\n\u2028\u2029]/g, ' ')}`.trimEnd();
}
