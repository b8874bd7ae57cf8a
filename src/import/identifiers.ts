/** Words that cannot name a variable (reserved words, strict-mode and contextual ones that would confuse readers). */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'as', 'implements', 'interface',
  'let', 'package', 'private', 'protected', 'public', 'static', 'yield', 'any', 'boolean', 'constructor', 'declare',
  'get', 'module', 'require', 'number', 'set', 'string', 'symbol', 'type', 'from', 'of', 'await', 'async', 'undefined',
  'arguments', 'eval', 'NaN', 'Infinity', 'exports',
]);

/**
 * Hands out variable names derived from Dockerfile names (`build-env` → `buildEnv`): valid identifiers, never a
 * reserved word, never one already taken in the file or handed out before.
 * @internal
 */
export class IdentifierPool {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string>) {
    this.taken = new Set(taken);
  }

  /** `name` itself when free, else `name` with the lowest free number appended. */
  public claimExact(name: string): string {
    let candidate = name;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${name}${n}`;
    this.taken.add(candidate);
    return candidate;
  }

  /** A fresh identifier for `name`, with `suffix` appended (e.g. `Family`). */
  public claim(name: string, suffix = ''): string {
    const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
    let base = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('') + suffix;
    if (base.length === 0) base = 'stage';
    if (/^[0-9]/.test(base)) base = `stage${base}`;
    if (RESERVED.has(base)) base = `${base}Stage`;
    let candidate = base;
    for (let n = 2; this.taken.has(candidate); n++) candidate = `${base}${n}`;
    this.taken.add(candidate);
    return candidate;
  }
}
