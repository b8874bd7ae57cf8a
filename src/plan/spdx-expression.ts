/**
 * SPDX license expressions (SPDX 2.3 Annex D), checked for the `org.opencontainers.image.licenses` label and annotation:
 *
 * ```
 * expression := or ; or := and ("OR" and)* ; and := with ("AND" with)*
 * with := simple ("WITH" idstring)? | "(" expression ")"
 * simple := idstring "+"? | "LicenseRef-" idstring | "DocumentRef-" idstring ":LicenseRef-" idstring
 * idstring := [A-Za-z0-9.-]+
 * ```
 *
 * Operators are case-sensitive and written all uppercase or all lowercase, as the specification allows. The grammar
 * only admits letters, digits, `.`, `-`, `+`, `:`, parentheses and single spaces, so a checked expression is free of
 * shell, make, HCL and GitHub expression syntax. License ids are not checked against the SPDX list (it changes; an
 * unknown id is not a build problem).
 */

/** The longest expression accepted. @internal */
export const MAX_LICENSES_LENGTH = 512;

const ID = /^[A-Za-z0-9.-]+$/;
const OPERATORS = ['AND', 'OR', 'WITH'];

/**
 * What is wrong with `text` as an SPDX license expression, or `undefined` when it is one.
 * @internal
 */
export function spdxProblem(text: string): string | undefined {
  if (text.trim() === '') return 'is empty';
  if (text.length > MAX_LICENSES_LENGTH) return `is longer than ${MAX_LICENSES_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) return 'holds a control character (line break, tab, NUL …)';
  const bad = /[^A-Za-z0-9.+:() -]/.exec(text);
  if (bad) return `holds ${JSON.stringify(bad[0])}, which no SPDX expression has (letters, digits, ".", "-", "+", ":", parentheses, spaces)`;
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  const parser = new Parser(tokens);
  const problem = parser.expression() ?? (parser.done() ? undefined : `unexpected ${JSON.stringify(parser.peek())}`);
  return problem === undefined ? undefined : `is not an SPDX license expression: ${problem} (e.g. "MIT", "Apache-2.0 OR MIT", "GPL-2.0-or-later WITH Classpath-exception-2.0")`;
}

class Parser {
  private position = 0;
  /** `AND`/`OR`/`WITH` or their lowercase forms, fixed by the first operator seen. */
  private operatorCase: 'upper' | 'lower' | undefined;

  public constructor(private readonly tokens: readonly string[]) {}

  public peek(): string | undefined {
    return this.tokens[this.position];
  }

  public done(): boolean {
    return this.position >= this.tokens.length;
  }

  public expression(): string | undefined {
    return this.binary('OR', () => this.binary('AND', () => this.withTerm()));
  }

  private binary(operator: string, operand: () => string | undefined): string | undefined {
    const problem = operand();
    if (problem) return problem;
    while (this.operator(operator)) {
      this.position++;
      const next = operand();
      if (next) return next;
    }
    return undefined;
  }

  private withTerm(): string | undefined {
    const token = this.peek();
    if (token === undefined) return 'ends where a license is expected';
    if (token === '(') {
      this.position++;
      const inner = this.expression();
      if (inner) return inner;
      if (this.peek() !== ')') return 'a "(" is not closed';
      this.position++;
      return undefined;
    }
    const simple = this.simple(token);
    if (simple) return simple;
    this.position++;
    if (this.operator('WITH')) {
      this.position++;
      const exception = this.peek();
      if (exception === undefined || !ID.test(exception) || this.isOperator(exception)) return 'WITH is not followed by an exception id';
      this.position++;
    }
    return undefined;
  }

  private simple(token: string): string | undefined {
    if (this.isOperator(token) || token === ')') return `${JSON.stringify(token)} where a license is expected`;
    const document = /^DocumentRef-([A-Za-z0-9.-]+):LicenseRef-([A-Za-z0-9.-]+)$/.exec(token);
    if (document) return undefined;
    const id = token.endsWith('+') && !token.startsWith('LicenseRef-') ? token.slice(0, -1) : token;
    if (!ID.test(id) || id.startsWith('-') || id.startsWith('.')) return `${JSON.stringify(token)} is not a license id`;
    return undefined;
  }

  /** Whether the next token is `operator` (in the case of the expression). */
  private operator(operator: string): boolean {
    const token = this.peek();
    if (token === undefined || token.toUpperCase() !== operator || !this.isOperator(token)) return false;
    return true;
  }

  private isOperator(token: string): boolean {
    const upper = OPERATORS.includes(token);
    const lower = OPERATORS.includes(token.toUpperCase()) && token === token.toLowerCase();
    if (!upper && !lower) return false;
    const found = upper ? 'upper' : 'lower';
    this.operatorCase ??= found;
    return this.operatorCase === found;
  }
}
