/**
 * How a platform (`os/arch[/variant]`) is named where a name must be one word: Makefile targets
 * (`build-<suffix>`, `build-<image>-<suffix>`) and workflow job ids (`build-<os>-<arch>[-<variant>]`). One table,
 * so the Makefile, the workflow, the docs and validation agree.
 * @internal
 */

/**
 * Make target suffixes of the common platforms (Docker's short architecture names). A platform not listed here is
 * named by {@link platformSuffix}'s rule; validation refuses two platforms of one pipeline with the same suffix.
 * @internal
 */
export const PLATFORM_SUFFIXES: Readonly<Record<string, string>> = {
  'linux/amd64': 'amd64',
  'linux/arm64': 'arm64',
  'linux/arm64/v8': 'arm64',
  'linux/arm/v7': 'armv7',
  'linux/arm/v6': 'armv6',
  'linux/arm/v5': 'armv5',
  'linux/386': '386',
  'linux/ppc64le': 'ppc64le',
  'linux/s390x': 's390x',
  'linux/riscv64': 'riscv64',
  'linux/mips64le': 'mips64le',
};

/**
 * The target suffix of a platform: the table's, else `<arch><variant>` for Linux and `<os>-<arch><variant>` for other
 * systems (e.g. `windows/amd64` → `windows-amd64`). Platforms are validated `os/arch[/variant]` (lowercase letters,
 * digits and `_`), so the suffix is a make target word; `_` becomes `-`.
 * @internal
 */
export function platformSuffix(platform: string): string {
  const known = PLATFORM_SUFFIXES[platform];
  if (known !== undefined) return known;
  const [os, arch = '', variant = ''] = platform.split('/');
  const name = `${arch}${variant}`.replace(/_/g, '-');
  return os === 'linux' ? name : `${os}-${name}`;
}

/**
 * A platform as a workflow job id part and a word in a runner table: `linux/arm/v7` → `linux-arm-v7`.
 * @internal
 */
export function platformSlug(platform: string): string {
  return platform.replace(/[/_]/g, '-');
}
