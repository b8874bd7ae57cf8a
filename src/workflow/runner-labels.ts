/**
 * GitHub-hosted Linux runner labels that actionlint (1.7) knows, plus `self-hosted`: the labels `workflow.runsOn`
 * accepts. Container builds need a Linux runner; custom labels of self-hosted runners would also need an actionlint
 * configuration in the consumer's repository, which the generator does not write yet.
 * @see https://docs.github.com/en/actions/using-github-hosted-runners/about-github-hosted-runners
 * @internal
 */
export const RUNNER_LABELS: readonly string[] = [
  'ubuntu-latest',
  'ubuntu-latest-4-cores',
  'ubuntu-latest-8-cores',
  'ubuntu-latest-16-cores',
  'ubuntu-24.04',
  'ubuntu-24.04-arm',
  'ubuntu-22.04',
  'ubuntu-22.04-arm',
  'self-hosted',
];

/**
 * The runner each platform builds on when a workflow fans out over platforms: GitHub-hosted runners of that
 * architecture. A platform not listed here (and not set in `platformRunners`) builds on the workflow's `runsOn`
 * under QEMU emulation.
 * @see https://docs.github.com/en/actions/using-github-hosted-runners/about-github-hosted-runners
 * @internal
 */
export const NATIVE_RUNNERS: Readonly<Record<string, string>> = {
  'linux/amd64': 'ubuntu-24.04',
  'linux/arm64': 'ubuntu-24.04-arm',
};
