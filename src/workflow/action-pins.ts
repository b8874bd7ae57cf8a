/**
 * The lock table of every GitHub Action the generated workflow uses: `(action, version) → commit`.
 *
 * Each step renders as `uses: <action>@<sha> # <version>` (GitHub: a full commit SHA is "the only way to use an
 * action as an immutable release"; zizmor `unpinned-uses` and `ref-version-mismatch`; Scorecard Pinned-Dependencies).
 * Users can still re-pin through projen's provider: `GitHub.of(project).actions.set('<action>', '<action>@<sha>')`;
 * a re-pinned reference is rendered without our version comment, since we cannot know its version.
 *
 * Every SHA is the peeled commit of the release tag in the action's own repository. Update the table as a whole
 * (one major line at a time) and re-run the workflow tests, which compare rendered pins against this table.
 * @internal
 */
export interface ActionPin {
  /** `owner/repo` (or `owner/repo/path` for actions in a subdirectory). */
  readonly action: string;
  /** The release tag the SHA was resolved from, written as the trailing comment (e.g. `v7.0.1`). */
  readonly version: string;
  /** Full 40-hex commit SHA of `version`. */
  readonly sha: string;
}

/**
 * `actions/checkout` v7.0.1: the same pin projen 0.103.25 uses (`ActionRefs.ACTIONS_CHECKOUT`); node24 runtime.
 * @see https://github.com/actions/checkout/releases/tag/v7.0.1
 */
export const CHECKOUT: ActionPin = {
  action: 'actions/checkout',
  version: 'v7.0.1',
  sha: '3d3c42e5aac5ba805825da76410c181273ba90b1',
};

/**
 * `docker/setup-qemu-action` v4.0.0 (node24; `cache-image` input since v3.3.0).
 * @see https://github.com/docker/setup-qemu-action/releases/tag/v4.0.0
 */
export const SETUP_QEMU: ActionPin = {
  action: 'docker/setup-qemu-action',
  version: 'v4.0.0',
  sha: 'ce360397dd3f832beb865e1373c09c0e9f86d70a',
};

/**
 * `docker/setup-buildx-action` v4.0.0 (node24; `cache-binary` input since v3.1.0).
 * @see https://github.com/docker/setup-buildx-action/releases/tag/v4.0.0
 */
export const SETUP_BUILDX: ActionPin = {
  action: 'docker/setup-buildx-action',
  version: 'v4.0.0',
  sha: '4d04d5d9486b7bd6fa91e7baf45bbb4f8b9deedd',
};

/**
 * `docker/login-action` v4.1.0 (node24).
 * @see https://github.com/docker/login-action/releases/tag/v4.1.0
 */
export const LOGIN: ActionPin = {
  action: 'docker/login-action',
  version: 'v4.1.0',
  sha: '4907a6ddec9925e35a0a9e82d7399ccc52663121',
};

/**
 * `sigstore/cosign-installer` v3.9.2 (composite action; installs a cosign 2.x release after checking its SHA-256).
 * @see https://github.com/sigstore/cosign-installer/releases/tag/v3.9.2
 */
export const COSIGN_INSTALLER: ActionPin = {
  action: 'sigstore/cosign-installer',
  version: 'v3.9.2',
  sha: 'd58896d6a1865668819e1d91763c7751a165e159',
};

/**
 * `crazy-max/ghaction-github-runtime` v4.0.0 (node24): exports `ACTIONS_RUNTIME_TOKEN`, `ACTIONS_CACHE_URL` (and the
 * cache service v2 variables) to later steps, which the buildx gha cache backend reads from a `run:` step.
 * @see https://github.com/crazy-max/ghaction-github-runtime/releases/tag/v4.0.0
 */
export const GITHUB_RUNTIME: ActionPin = {
  action: 'crazy-max/ghaction-github-runtime',
  version: 'v4.0.0',
  sha: '04d248b84655b509d8c44dc1d6f990c879747487',
};

/** Every pin, in a stable order. @internal */
export const ACTION_PINS: readonly ActionPin[] = [CHECKOUT, SETUP_QEMU, SETUP_BUILDX, LOGIN, COSIGN_INSTALLER, GITHUB_RUNTIME];

/** The `uses:` value of a pin: `<action>@<sha>` (the version goes into a trailing comment). @internal */
export function pinnedUses(pin: ActionPin): string {
  return `${pin.action}@${pin.sha}`;
}
