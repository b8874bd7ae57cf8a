import type { TagCondition } from './tag-condition';

/** Options every tag rule takes (metadata-action's global attributes `enable`, `prefix`, `suffix`, `priority`). */
export interface TagRuleOptions {
  /**
   * When the rule is enabled.
   * @default - always
   */
  readonly enable?: TagCondition;
  /**
   * Text before the value (may use `{{branch}}`, `{{tag}}`, `{{sha}}`, `{{date 'FORMAT'}}`, `{{commit_date 'FORMAT'}}`).
   * An empty string removes the rule type's default prefix and the flavor's prefix.
   * @default - `sha-` for `sha()`, `pr-` for `pr()`, otherwise the policy's `TagFlavor.prefix`
   */
  readonly prefix?: string;
  /**
   * Text after the value (same placeholders as `prefix`). An empty string removes the flavor's suffix.
   * @default - the policy's `TagFlavor.suffix`
   */
  readonly suffix?: string;
  /**
   * Rules are evaluated by descending priority: the first value becomes the main tag (and the OCI `version` label)
   * and the first rule that yields a value decides `latest`.
   * @default - metadata-action's: schedule 1000, semver 900, edge 700, branch/tag/pr 600, raw and timestamp 200, sha 100
   */
  readonly priority?: number;
}

/** Options of `TagRule.sha()`. */
export interface ShaTagRuleOptions extends TagRuleOptions {
  /**
   * Short (7 characters) or the full commit.
   * @default ShaFormat.SHORT
   */
  readonly format?: ShaFormat;
}

/** Options of `TagRule.edge()`. */
export interface EdgeTagRuleOptions extends TagRuleOptions {
  /**
   * The branch whose pushes get the `edge` tag.
   * @default - the workflow's default branch (`DEFAULT_BRANCH` in the Makefile)
   */
  readonly branch?: string;
}

/** Options of `TagRule.timestamp()`. */
export interface TimestampTagRuleOptions extends TagRuleOptions {
  /**
   * The time formatted: the run (`SOURCE_DATE_EPOCH` when set, else the time make starts) or HEAD's commit time.
   * @default TimestampSource.RUN
   */
  readonly source?: TimestampSource;
}

/** `TagRule.sha()` formats. */
export enum ShaFormat {
  /** The first 7 characters of the commit. */
  SHORT = 'short',
  /** The full commit. */
  LONG = 'long',
}

/** The time `TagRule.timestamp()` formats. */
export enum TimestampSource {
  /** The time of the run (metadata-action's `{{date}}`); `SOURCE_DATE_EPOCH` replaces it when set. */
  RUN = 'run',
  /** HEAD's commit time (metadata-action's `{{commit_date}}`). */
  COMMIT = 'commit',
}

/** The rule types, as metadata-action names them (`ref` split by event). @internal */
export type TagRuleKind = 'schedule' | 'semver' | 'edge' | 'branch' | 'tag' | 'pr' | 'raw' | 'timestamp' | 'sha';

/** metadata-action's default priorities (`DefaultPriorities` in its `tag.ts`). @internal */
export const DEFAULT_PRIORITIES: Readonly<Record<TagRuleKind, number>> = {
  schedule: 1000,
  semver: 900,
  edge: 700,
  branch: 600,
  tag: 600,
  pr: 600,
  raw: 200,
  timestamp: 200,
  sha: 100,
};

/** A rule as given (validation reads it, whatever its types). @internal */
export interface TagRuleSpec {
  readonly kind: TagRuleKind;
  /** The pattern (semver, schedule), value (raw) or format (timestamp), as given. */
  readonly text?: unknown;
  /** The options bag, as given. */
  readonly options: unknown;
}

/**
 * One typed tag rule with docker/metadata-action's semantics. A family's `tags` is a list of rules; the Makefile
 * evaluates them from git (GitHub Actions variables take precedence), locally and in CI's tag job alike.
 *
 * @example
 * import { Containers, TagCondition, TagRule } from 'projen-containers';
 *
 * declare const containers: Containers;
 * containers.addFamily('app', {
 *   tags: [
 *     TagRule.semver('{{version}}'),
 *     TagRule.semver('{{major}}.{{minor}}'),
 *     TagRule.branch(),
 *     TagRule.sha(),
 *     TagRule.raw('latest', { enable: TagCondition.onDefaultBranch() }),
 *   ],
 * });
 */
export class TagRule {
  /** Whether `x` is a TagRule (also across copies of this library). */
  public static isTagRule(x: unknown): x is TagRule {
    return typeof x === 'object' && x !== null && TAG_RULE_SYMBOL in x;
  }

  /** `type=ref,event=branch`: the branch of a push, sanitised (`feature/x` → `feature-x`). */
  public static branch(options: TagRuleOptions = {}): TagRule {
    return new TagRule({ kind: 'branch', options });
  }

  /** `type=ref,event=tag`: the git tag of a tag push, sanitised; decides `latest` (auto) like metadata-action. */
  public static tag(options: TagRuleOptions = {}): TagRule {
    return new TagRule({ kind: 'tag', options });
  }

  /** `type=ref,event=pr`: the pull request number, with the default prefix `pr-`. */
  public static pr(options: TagRuleOptions = {}): TagRule {
    return new TagRule({ kind: 'pr', options });
  }

  /**
   * `type=semver`: on a tag push whose tag is a semantic version (`v1.2.3`, `1.2.3-rc.1`), the pattern with
   * `{{version}}`, `{{major}}`, `{{minor}}`, `{{patch}}` and `{{raw}}` (the tag as pushed). A pre-release yields
   * `{{version}}` whatever the pattern (unless it is exactly `{{raw}}`) and does not make `latest`.
   */
  public static semver(pattern: string, options: TagRuleOptions = {}): TagRule {
    return new TagRule({ kind: 'semver', text: pattern, options });
  }

  /** `type=sha`: the commit, with the default prefix `sha-`. */
  public static sha(options: ShaTagRuleOptions = {}): TagRule {
    return new TagRule({ kind: 'sha', options });
  }

  /**
   * `type=schedule`: on `schedule` events only, the pattern (placeholders as `TagRuleOptions.prefix`, e.g.
   * `nightly-{{date 'YYYYMMDD'}}`).
   * @param pattern default `nightly`
   */
  public static schedule(pattern?: string, options: TagRuleOptions = {}): TagRule {
    return new TagRule({ kind: 'schedule', text: pattern ?? 'nightly', options });
  }

  /**
   * A UTC time stamp in a moment.js-style format (`YYYY`, `YY`, `MM`, `DD`, `HH`, `mm`, `ss`, `X`, separators `-`,
   * `_`, `.` and `[literal]` text), e.g. `TagRule.timestamp('YYYYMMDD-HHmmss', { prefix: 'v' })` →
   * `v20260102-030405`; metadata-action's `type=raw,value={{date '…'}}`.
   */
  public static timestamp(format: string, options: TimestampTagRuleOptions = {}): TagRule {
    return new TagRule({ kind: 'timestamp', text: format, options });
  }

  /** `type=raw`: a fixed value (placeholders as `TagRuleOptions.prefix`), e.g. `latest` gated by `enable`. */
  public static raw(value: string, options: TagRuleOptions = {}): TagRule {
    return new TagRule({ kind: 'raw', text: value, options });
  }

  /** `type=edge`: `edge` on pushes to the default branch (or `branch`). */
  public static edge(options: EdgeTagRuleOptions = {}): TagRule {
    return new TagRule({ kind: 'edge', options });
  }

  /** @internal */
  public readonly _spec: TagRuleSpec;

  private constructor(spec: TagRuleSpec) {
    Object.defineProperty(this, TAG_RULE_SYMBOL, { value: true });
    this._spec = spec;
  }
}

const TAG_RULE_SYMBOL = Symbol.for('projen-containers.TagRule');
