import type { Diagnostics } from './diagnostics';

/**
 * Readers for values that may come from JavaScript or another jsii language without type checks: each reports a
 * wrong type as a validation error at `path` and returns a safe stand-in, so validation goes on and never meets a
 * `TypeError`.
 * @internal
 */
export class UntypedReader {
  constructor(private readonly d: Diagnostics, private readonly path: string) {}

  /** A required string; `''` (and an error) when missing or not a string. */
  public string(what: string, value: unknown): string {
    if (typeof value === 'string') return value;
    this.d.error(this.path, `${what} must be a string, got ${describe(value)}`);
    return '';
  }

  /** An optional string; `undefined` (and an error) when present but not a string. */
  public optionalString(what: string, value: unknown): string | undefined {
    return value === undefined ? undefined : this.string(what, value);
  }

  /** An optional array of strings; entries of another type are reported and dropped. */
  public strings(what: string, value: unknown): string[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.d.error(this.path, `${what} must be an array of strings, got ${describe(value)}`);
      return [];
    }
    return value.flatMap((v, i) => {
      if (typeof v === 'string') return [v];
      this.d.error(this.path, `${what}[${i}] must be a string, got ${describe(v)}`);
      return [];
    });
  }

  /** An optional boolean. */
  public optionalBoolean(what: string, value: unknown): boolean | undefined {
    if (value === undefined || typeof value === 'boolean') return value;
    this.d.error(this.path, `${what} must be true or false, got ${describe(value)}`);
    return undefined;
  }

  /** An optional integer in `[min, max]`. */
  public optionalInteger(what: string, value: unknown, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.d.error(this.path, `${what} must be an integer from ${min} to ${max}, got ${describe(value)}`);
      return undefined;
    }
    return value;
  }

  /** An optional object (props bag); `{}` (and an error) when present but not an object. */
  public optionalObject(what: string, value: unknown): Record<string, unknown> {
    if (value === undefined) return {};
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
    this.d.error(this.path, `${what} must be an object, got ${describe(value)}`);
    return {};
  }

  /** An optional instance recognised by `is`. */
  public optionalInstance<T>(what: string, value: unknown, is: (x: unknown) => x is T, expected: string): T | undefined {
    if (value === undefined) return undefined;
    if (is(value)) return value;
    this.d.error(this.path, `${what} must be ${expected}, got ${describe(value)}`);
    return undefined;
  }
}

/** A short description of a value of the wrong type, for messages. @internal */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing (undefined)';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'symbol') return 'a symbol';
  return `${typeof value} ${String(value)}`;
}
