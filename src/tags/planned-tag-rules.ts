/**
 * A family's tag rules after validation, with every default resolved: what the Makefile evaluates and the docs list.
 * @internal
 */
export interface PlannedTagRules {
  /** Rules by descending priority (ties keep the given order, as metadata-action's stable sort). */
  readonly rules: readonly PlannedTagRule[];
  /** When `latest` is added. */
  readonly latest: 'auto' | 'always' | 'never';
  /** The `latest` tag, with the flavor's prefix/suffix when they apply to it. */
  readonly latestParts: readonly TemplatePart[];
  /** The `latest` tag as written (placeholders unexpanded), for the docs. */
  readonly latestText: string;
  /** The tag when no rule yields one. */
  readonly fallback: string;
}

/** One rule: when it fires and the tag it yields. @internal */
export interface PlannedTagRule {
  readonly kind: import('./tag-rule').TagRuleKind;
  readonly priority: number;
  /** The user's `enable`, absent for always. */
  readonly enable?: PlannedCondition;
  /** Only for `edge`: the branch (absent: the default branch). */
  readonly branch?: string;
  /** The tag (prefix, value, suffix); a semver rule's value for a release. */
  readonly parts: readonly TemplatePart[];
  /** A semver rule's tag for a pre-release. */
  readonly prereleaseParts?: readonly TemplatePart[];
  /** Whether the rule makes `latest` under `LatestTag.AUTO`: never, always, or for semver releases only. */
  readonly autoLatest: 'never' | 'always' | 'release';
  /** metadata-action's spelling of the rule, e.g. `type=semver,pattern={{version}}` (docs, Makefile comment). */
  readonly description: string;
}

/** Literal tag text, a git fact (a make variable), or a UTC time in a `date` format. @internal */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'fact'; readonly variable: string }
  | { readonly kind: 'date'; readonly source: 'run' | 'commit'; readonly format: string };

/** A normalised `TagCondition`. @internal */
export type PlannedCondition =
  | { readonly kind: 'defaultBranch' }
  | { readonly kind: 'event'; readonly events: readonly string[] }
  | { readonly kind: 'ref'; readonly pattern: string }
  | { readonly kind: 'not'; readonly condition: PlannedCondition }
  | { readonly kind: 'all' | 'any'; readonly conditions: readonly PlannedCondition[] };
