import type { IConstruct } from 'constructs';
import { describe } from './untyped';

/**
 * A construct id from an untyped caller: the id as given when it can be one (a non-empty string of printable
 * characters without "/" or surrounding blanks), else a placeholder unique under `scope`, with the problem for
 * validation to report at the construct's path.
 * @internal
 */
export function constructId(scope: IConstruct, raw: unknown): { readonly id: string; readonly problem?: string } {
  if (typeof raw === 'string' && /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/.test(raw) && !raw.includes('/')) return { id: raw };
  return {
    id: `invalid-id-${scope.node.children.length}`,
    problem: `id ${describe(raw)} cannot name a construct: use a non-empty string of printable characters without "/" or surrounding blanks`,
  };
}
