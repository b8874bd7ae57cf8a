/** A parsed `WWW-Authenticate` challenge. @internal */
export interface AuthChallenge {
  /** `bearer` or `basic` (lowercase), or another scheme the resolver does not speak. */
  readonly scheme: string;
  /** Parameters (`realm`, `service`, `scope`, …), keys lowercase. */
  readonly params: Readonly<Record<string, string>>;
}

const PARAM = /([A-Za-z][A-Za-z0-9_-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;

/**
 * Parses the first challenge of a `WWW-Authenticate` header (`Bearer realm="…",service="…",scope="…"`), or
 * `undefined` when there is none.
 * @internal
 */
export function parseChallenge(header: string | undefined): AuthChallenge | undefined {
  if (!header) return undefined;
  const m = /^\s*([A-Za-z][A-Za-z0-9_-]*)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2].matchAll(PARAM)) {
    const key = p[1].toLowerCase();
    if (!(key in params)) params[key] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3];
  }
  return { scheme: m[1].toLowerCase(), params };
}
