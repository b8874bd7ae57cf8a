/**
 * Deterministic JSON: every object's keys sorted (code-unit order), arrays kept in order, 2-space indent,
 * trailing newline. `undefined` properties are dropped, as `JSON.stringify` does.
 *
 * Sorting at the output boundary (like cdk8s `sanitizeValue` with `sortKeys`) keeps the emitted files stable
 * whatever order the builders inserted keys in.
 * @internal
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), undefined, 2) + '\n';
}

/** A deep copy of `value` whose plain objects have their keys inserted in sorted order. @internal */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort(compareCodeUnits)) {
      if (source[key] !== undefined) {
        sorted[key] = sortKeys(source[key]);
      }
    }
    return sorted;
  }
  return value;
}

/** Locale-independent ordering (what `Array.prototype.sort` does without a comparator), spelt out for clarity. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
