/** Options of `FamilyTag.templates()`. */
export interface FamilyTagOptions {
  /**
   * Constants substituted for `{name}` placeholders, e.g. `{ os: 'ubuntu24.04' }`.
   * @default - none
   */
  readonly constants?: Record<string, string>;
  /**
   * The tag when no template resolves (e.g. outside git).
   * @default "dev"
   */
  readonly fallback?: string;
}

/**
 * The one tag shared by every image of a family, computed once per build, identically locally (Makefile) and in CI
 * (the workflow's first job runs the same Makefile code).
 *
 * A template is a string with placeholders: `{version}` (from a `v<semver>` git tag on the commit, without the `v`),
 * `{branch}` (the branch, or a pull request's head branch, sanitised for tags), `{sha}` (7-character commit id),
 * `{pr}` (pull request number) and constants. The first template whose placeholders all resolve wins.
 *
 * @example
 * import { Containers, FamilyTag } from 'projen-containers';
 *
 * declare const containers: Containers;
 * // 1.2.3-ubuntu24.04 when HEAD is tagged v1.2.3, main-ubuntu24.04 on branch main, else dev-ubuntu24.04
 * containers.addFamily('flow-pipe', {
 *   tag: FamilyTag.templates(['{version}-{os}', '{branch}-{os}'], {
 *     constants: { os: 'ubuntu24.04' },
 *     fallback: 'dev-ubuntu24.04',
 *   }),
 * });
 * containers.addFamily('tools', { tag: FamilyTag.fixed('2024.1') });
 */
export class FamilyTag {
  /** Whether `x` is a FamilyTag (also across copies of this library). */
  public static isFamilyTag(x: unknown): x is FamilyTag {
    return typeof x === 'object' && x !== null && FAMILY_TAG_SYMBOL in x;
  }

  /**
   * Ordered templates, e.g. `['{version}-{os}', '{branch}-{os}']` → `0.1.0-ubuntu24.04` on tag `v0.1.0`,
   * `main-ubuntu24.04` on branch `main`.
   */
  public static templates(templates: string[], options: FamilyTagOptions = {}): FamilyTag {
    // untyped callers (JavaScript, jsii languages) may pass anything: keep what is usable, note the rest for validation
    const problems: string[] = [];
    const list = stringList(templates, 'templates', problems);
    const opts: Partial<FamilyTagOptions> = typeof options === 'object' && options !== null ? options : {};
    const rawConstants: unknown = opts.constants ?? {};
    const constants: Array<{ name: string; value: string }> = [];
    if (typeof rawConstants === 'object' && rawConstants !== null && !Array.isArray(rawConstants)) {
      for (const name of Object.keys(rawConstants).sort()) {
        const value = (rawConstants as Record<string, unknown>)[name];
        if (typeof value === 'string') constants.push({ name, value });
        else problems.push(`tag constant "${name}" must be a string`);
      }
    } else {
      problems.push('tag constants must be an object of strings');
    }
    let fallback: unknown = opts.fallback ?? 'dev';
    if (typeof fallback !== 'string') {
      problems.push('fallback tag must be a string');
      fallback = 'dev';
    }
    return new FamilyTag(list, constants, fallback as string, problems);
  }

  /** A fixed tag, e.g. for a pinned external family. */
  public static fixed(tag: string): FamilyTag {
    const problems: string[] = [];
    if (typeof tag !== 'string') problems.push('fixed tag must be a string');
    const text = typeof tag === 'string' ? tag : '';
    return new FamilyTag([text], [], text, problems);
  }

  /** @internal */
  public readonly _templates: string[];
  /** @internal */
  public readonly _constants: Array<{ name: string; value: string }>;
  /** @internal */
  public readonly _fallback: string;
  /** Wrong-typed input noticed at construction, reported by validation. @internal */
  public readonly _problems: readonly string[];

  private constructor(templates: string[], constants: Array<{ name: string; value: string }>, fallback: string, problems: string[]) {
    Object.defineProperty(this, FAMILY_TAG_SYMBOL, { value: true });
    this._templates = templates;
    this._constants = constants;
    this._fallback = fallback;
    this._problems = problems;
  }
}

const FAMILY_TAG_SYMBOL = Symbol.for('projen-containers.FamilyTag');

function stringList(value: unknown, what: string, problems: string[]): string[] {
  if (!Array.isArray(value)) {
    problems.push(`${what} must be an array of strings`);
    return [];
  }
  return value.filter((v, i) => {
    if (typeof v !== 'string') problems.push(`${what}[${i}] must be a string`);
    return typeof v === 'string';
  });
}

/** The `{name}` placeholders of a template. @internal */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
}
