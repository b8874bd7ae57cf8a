/** When a policy adds the `latest` tag (metadata-action's `flavor: latest=`). */
export enum LatestTag {
  /** Decided by the first rule that yields a value: a semver tag that is not a pre-release, or a `tag()` rule. */
  AUTO = 'auto',
  /** Whenever a rule yields a value. */
  ALWAYS = 'always',
  /** Never (add `TagRule.raw('latest', …)` to choose yourself). */
  NEVER = 'never',
}

/** Policy-wide settings of a family's tag rules (metadata-action's `flavor`), plus the fallback. */
export interface TagFlavor {
  /**
   * When `latest` is added.
   * @default LatestTag.AUTO
   */
  readonly latest?: LatestTag;
  /**
   * Prefix of every rule without its own `prefix`.
   * @default - none
   */
  readonly prefix?: string;
  /**
   * Suffix of every rule without its own `suffix`.
   * @default - none
   */
  readonly suffix?: string;
  /**
   * Whether `latest` gets the prefix too (`prefix=…,onlatest=true`).
   * @default false
   */
  readonly prefixLatest?: boolean;
  /**
   * Whether `latest` gets the suffix too (`suffix=…,onlatest=true`).
   * @default false
   */
  readonly suffixLatest?: boolean;
  /**
   * The tag when no rule yields one (outside git, detached HEAD without a tag); metadata-action would yield none.
   * @default "dev"
   */
  readonly fallback?: string;
}
