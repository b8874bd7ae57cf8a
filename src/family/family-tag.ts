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
 */
export class FamilyTag {
  /**
   * Ordered templates, e.g. `['{version}-{os}', '{branch}-{os}']` → `0.1.0-ubuntu24.04` on tag `v0.1.0`,
   * `main-ubuntu24.04` on branch `main`.
   */
  public static templates(templates: string[], options: FamilyTagOptions = {}): FamilyTag {
    const constants = options.constants ?? {};
    return new FamilyTag([...templates], Object.keys(constants).sort().map((name) => ({ name, value: constants[name] })), options.fallback ?? 'dev');
  }

  /** A fixed tag, e.g. for a pinned external family. */
  public static fixed(tag: string): FamilyTag {
    return new FamilyTag([tag], [], tag);
  }

  /** @internal */
  public readonly _templates: string[];
  /** @internal */
  public readonly _constants: Array<{ name: string; value: string }>;
  /** @internal */
  public readonly _fallback: string;

  private constructor(templates: string[], constants: Array<{ name: string; value: string }>, fallback: string) {
    this._templates = templates;
    this._constants = constants;
    this._fallback = fallback;
  }
}

/** Placeholders resolved from git at build time. @internal */
export const DYNAMIC_PLACEHOLDERS = ['version', 'branch', 'sha', 'pr'];

/** The `{name}` placeholders of a template. @internal */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]);
}
