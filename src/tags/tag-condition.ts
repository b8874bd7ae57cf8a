/** What a {@link TagCondition} tests, as data. @internal */
export type ConditionSpec =
  | { readonly kind: 'defaultBranch' }
  | { readonly kind: 'event'; readonly events: readonly unknown[] }
  | { readonly kind: 'ref'; readonly pattern: unknown }
  | { readonly kind: 'not'; readonly condition: unknown }
  | { readonly kind: 'all' | 'any'; readonly conditions: readonly unknown[] };

/**
 * When a tag rule is enabled (metadata-action's `enable=` attribute, typed). Evaluated by the Makefile from the git
 * facts, identically locally and in CI.
 *
 * @example
 * import { Containers, TagCondition, TagRule } from 'projen-containers';
 *
 * declare const containers: Containers;
 * containers.addFamily('app', {
 *   tags: [
 *     TagRule.semver('{{version}}'),
 *     // `latest` and `edge` on the default branch only
 *     TagRule.raw('latest', { enable: TagCondition.onDefaultBranch() }),
 *     TagRule.raw('edge', { enable: TagCondition.allOf([TagCondition.onDefaultBranch(), TagCondition.onEvent(['push'])]) }),
 *   ],
 * });
 */
export class TagCondition {
  /** Whether `x` is a TagCondition (also across copies of this library). */
  public static isTagCondition(x: unknown): x is TagCondition {
    return typeof x === 'object' && x !== null && TAG_CONDITION_SYMBOL in x;
  }

  /**
   * On the default branch: a push to it, or an event that always runs on its last commit (`schedule`, `create`,
   * `issues`, `discussion`, `discussion_comment`), as metadata-action's `{{is_default_branch}}`. False on tag pushes
   * and pull requests.
   */
  public static onDefaultBranch(): TagCondition {
    return new TagCondition({ kind: 'defaultBranch' });
  }

  /**
   * On one of the GitHub events, e.g. `['push', 'workflow_dispatch']`. Outside GitHub Actions the event is `push`
   * when HEAD is on a branch or at a tag, and none otherwise.
   */
  public static onEvent(events: string[]): TagCondition {
    return new TagCondition({ kind: 'event', events: Array.isArray(events) ? [...events] : [events] });
  }

  /**
   * When the full git ref matches `pattern`, e.g. `refs/tags/v2.*` or `refs/heads/release-*`: letters, digits,
   * `/`, `.`, `_`, `-` and at most one `*` (any text, including `/`).
   */
  public static onRef(pattern: string): TagCondition {
    return new TagCondition({ kind: 'ref', pattern });
  }

  /** When `condition` does not hold. */
  public static not(condition: TagCondition): TagCondition {
    return new TagCondition({ kind: 'not', condition });
  }

  /** When every one of `conditions` holds. */
  public static allOf(conditions: TagCondition[]): TagCondition {
    return new TagCondition({ kind: 'all', conditions: Array.isArray(conditions) ? [...conditions] : [conditions] });
  }

  /** When at least one of `conditions` holds. */
  public static anyOf(conditions: TagCondition[]): TagCondition {
    return new TagCondition({ kind: 'any', conditions: Array.isArray(conditions) ? [...conditions] : [conditions] });
  }

  /** @internal */
  public readonly _spec: ConditionSpec;

  private constructor(spec: ConditionSpec) {
    Object.defineProperty(this, TAG_CONDITION_SYMBOL, { value: true });
    this._spec = spec;
  }
}

const TAG_CONDITION_SYMBOL = Symbol.for('projen-containers.TagCondition');
