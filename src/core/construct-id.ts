let invalidIds = 0;

/**
 * A construct id from an untyped caller: the id as given when it can be one (a non-empty string of printable
 * characters without "/"), else a placeholder, with the problem for validation to report at the construct's path.
 * @internal
 */
export function constructId(raw: unknown): { readonly id: string; readonly problem?: string } {
  if (typeof raw === 'string' && /^[\x21-\x7e][\x20-\x7e]*$/.test(raw) && !raw.includes('/') && raw.trim() === raw) return { id: raw };
  invalidIds += 1;
  const shown = typeof raw === 'string' ? JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw) : (raw === null ? 'null' : `a ${typeof raw}`);
  return {
    id: `invalid-id-${invalidIds}`,
    problem: `id ${shown} cannot name a construct: use a non-empty string of printable characters without "/" or surrounding blanks`,
  };
}
