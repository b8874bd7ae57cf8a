import { describe } from '../core/untyped';

/**
 * Reads values recorded from callers without type checks (JavaScript, jsii languages): a value of the wrong type is
 * reported as `<what> must be <expected>, got <value>` and replaced by a stand-in, so reading never throws.
 * @internal
 */
export class InputReader {
  /** @param report receives each problem as a message */
  constructor(private readonly report: (message: string) => void) {}

  /** A required string; `''` when missing or not a string. */
  public string(what: string, value: unknown): string {
    if (typeof value === 'string') return value;
    this.wrong(what, 'a string', value);
    return '';
  }

  /** An optional string. */
  public optionalString(what: string, value: unknown): string | undefined {
    return value === undefined ? undefined : this.string(what, value);
  }

  /** A required array of strings; entries of another type are reported and dropped. */
  public strings(what: string, value: unknown): string[] {
    if (!Array.isArray(value)) {
      this.wrong(what, 'an array of strings', value);
      return [];
    }
    return value.flatMap((v, i) => (typeof v === 'string' ? [v] : (this.wrong(`${what}[${i}]`, 'a string', v), [])));
  }

  /** A required array of anything, described as `expected` when it is not one; `[]` then. */
  public array(what: string, value: unknown, expected: string): unknown[] {
    if (Array.isArray(value)) return value;
    this.wrong(what, expected, value);
    return [];
  }

  /** An optional boolean. */
  public optionalBoolean(what: string, value: unknown): boolean | undefined {
    if (value === undefined || typeof value === 'boolean') return value;
    this.wrong(what, 'true or false', value);
    return undefined;
  }

  /** A required number (any number, `NaN` included: ranges are validation's concern); `NaN` when missing. */
  public number(what: string, value: unknown): number {
    return typeof value === 'number' ? value : (this.wrong(what, 'a number', value), Number.NaN);
  }

  /** An optional number. */
  public optionalNumber(what: string, value: unknown): number | undefined {
    return value === undefined ? undefined : this.number(what, value);
  }

  /** A required object (an options bag); `{}` when missing or not an object. */
  public object(what: string, value: unknown): Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.wrong(what, 'an object', value);
    return {};
  }

  /** An optional object; `{}` when absent. */
  public optionalObject(what: string, value: unknown): Record<string, unknown> {
    return value === undefined ? {} : this.object(what, value);
  }

  /** An optional value of a string enum. */
  public optionalEnum<T extends string>(what: string, value: unknown, allowed: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.wrong(what, `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`, value);
    return undefined;
  }

  /** An optional instance recognised by `is`. */
  public optionalInstance<T>(what: string, value: unknown, is: (x: unknown) => x is T, expected: string): T | undefined {
    if (value === undefined) return undefined;
    if (is(value)) return value;
    this.wrong(what, expected, value);
    return undefined;
  }

  private wrong(what: string, expected: string, value: unknown): void {
    this.report(`${what} must be ${expected}, got ${value === undefined ? 'undefined' : describe(value)}`);
  }
}
