import { CacheMounts } from './cache-mounts';
import { presetProblem, shellWords } from './preset-input';
import type { Stage } from '../stage/stage';

/** Options of `BuildSteps.cargoBuild()`. */
export interface CargoBuildOptions {
  /** The binary (`[[bin]]` name) to build and copy out. */
  readonly binary: string;
  /**
   * The crate's directory in the build stage (where `Cargo.toml` is).
   * @default "/src"
   */
  readonly directory?: string;
  /**
   * Directory the binary is copied to, outside the cache mount, so it lands in the stage's layer.
   * @default "/out"
   */
  readonly outDir?: string;
  /**
   * Link against musl (`<arch>-unknown-linux-musl` targets) instead of glibc with a static C runtime
   * (`-C target-feature=+crt-static` on the `-gnu` targets). Either way the binary is static.
   * @default false
   */
  readonly musl?: boolean;
}

/** Debian package names, optionally `=version` or `/suite`. */
const APT_PACKAGE = /^[a-z0-9][a-z0-9+.-]*(?:[=/][A-Za-z0-9+.~:_-]+)?$/;
/** A Cargo binary name. */
const BINARY = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/**
 * Ready-made RUN steps that go with the cache-mount presets: each records normal `Stage.run()` calls, so they are
 * checked and printed like any other instruction.
 *
 * @example
 * import { BuildSteps, Image, ImageSource } from 'projen-containers';
 *
 * declare const image: Image;
 * const build = image.addStage('build', { from: ImageSource.registry('rust:1.83-bookworm') });
 * BuildSteps.aptInstall(build, ['pkg-config', 'libssl-dev']);
 * build.workdir('/src');
 * build.copy(['.'], './');
 * BuildSteps.cargoBuild(build, { binary: 'echo' });
 */
export class BuildSteps {
  /**
   * `apt-get update` and `apt-get install -y --no-install-recommends <packages>` with apt's caches mounted
   * (`CacheMounts.apt()`), after the keep-cache recipe: Debian images delete every downloaded package after an install
   * (`/etc/apt/apt.conf.d/docker-clean`), which leaves a cache mount empty, so the step removes that rule and tells
   * apt to keep downloaded packages. Nothing of the caches lands in the layer.
   * @param packages Debian package names, optionally `name=version` or `name/suite`
   */
  public static aptInstall(stage: Stage, packages: string[]): void {
    const list = Array.isArray(packages) ? packages : [];
    if (!Array.isArray(packages) || list.length === 0) presetProblem(stage, 'BuildSteps.aptInstall needs at least one package');
    for (const p of list) {
      if (typeof p !== 'string' || !APT_PACKAGE.test(p)) {
        presetProblem(stage, `BuildSteps.aptInstall: ${JSON.stringify(String(p))} is not a Debian package name (lowercase letters, digits, "+", ".", "-"; optionally "=version" or "/suite")`);
      }
    }
    const names = list.filter((p) => typeof p === 'string' && APT_PACKAGE.test(p));
    stage.run([
      'rm -f /etc/apt/apt.conf.d/docker-clean',
      'echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache',
      'apt-get update',
      `DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${shellWords(names.length > 0 ? names : ['--'])}`,
    ], { mounts: CacheMounts.apt() });
  }

  /**
   * `cargo build --release --locked` of one binary with Cargo's registry, git and target directories mounted as caches
   * (`CacheMounts.cargoRegistry()`, `.cargoGit()`, `.cargoTarget()`), then the copy-out: a cached target directory is
   * not part of any layer, so the same RUN copies the binary to `outDir`. Builds for `$TARGETARCH` when the stage
   * declares it (amd64, arm64, arm), otherwise for the build machine; the binary is static (see `musl`).
   *
   * Before building, the RUN stamps the project's own files (everything outside `target/`) with the current time:
   * Cargo decides what to rebuild from file times, and a COPY answered from BuildKit's layer cache keeps the times of
   * the build that first made it, so a cached target directory could otherwise look newer than sources it never saw
   * (e.g. after going back to an earlier commit) and ship a stale binary. Dependencies from the registry cache are not
   * touched and stay compiled; this RUN only executes when its inputs changed.
   */
  public static cargoBuild(stage: Stage, options: CargoBuildOptions): void {
    const o: Partial<CargoBuildOptions> = typeof options === 'object' && options !== null ? options : {};
    const binary = typeof o.binary === 'string' && BINARY.test(o.binary) ? o.binary : undefined;
    if (binary === undefined) {
      presetProblem(stage, `cargo binary ${JSON.stringify(String(o.binary))} must be 1-128 letters, digits, "_" or "-", starting with a letter or digit`);
    }
    const directory = absoluteDir(stage, 'directory', o.directory, '/src');
    const outDir = absoluteDir(stage, 'outDir', o.outDir, '/out');
    const bin = binary ?? 'invalid';
    if (o.musl !== undefined && typeof o.musl !== 'boolean') presetProblem(stage, `cargo musl must be true or false, got ${JSON.stringify(String(o.musl))}`);
    if (typeof options !== 'object' || options === null) presetProblem(stage, 'BuildSteps.cargoBuild options must be an object with at least binary');
    const libc = o.musl === true ? ['musl', 'musleabihf'] : ['gnu', 'gnueabihf'];
    const rustflags = o.musl === true ? '' : 'RUSTFLAGS="-C target-feature=+crt-static" ';
    stage.run([
      `cd ${shellWords([directory])}`,
      'case "${TARGETARCH:-}" in',
      `  amd64) triple=x86_64-unknown-linux-${libc[0]} ;;`,
      `  arm64) triple=aarch64-unknown-linux-${libc[0]} ;;`,
      `  arm) triple=armv7-unknown-linux-${libc[1]} ;;`,
      o.musl === true ? '  "") triple="$(rustc -vV | sed -n \'s/^host: //p\' | sed \'s/-gnu$/-musl/\')" ;;' : '  "") triple="$(rustc -vV | sed -n \'s/^host: //p\')" ;;',
      '  *) echo "unsupported TARGETARCH: $TARGETARCH" >&2; exit 1 ;;',
      'esac',
      'find . -path ./target -prune -o -type f -exec touch {} +',
      `${rustflags}cargo build --release --locked --target "$triple" --bin ${shellWords([bin])}`,
      `mkdir -p ${shellWords([outDir])}`,
      `cp "target/$triple/release/"${shellWords([bin])} ${shellWords([`${outDir}/${bin}`])}`,
    ], {
      mounts: [
        CacheMounts.cargoRegistry(),
        CacheMounts.cargoGit(),
        CacheMounts.cargoTarget(`${directory}/target`, bin),
      ],
    });
  }

  private constructor() {}
}

/** An absolute directory without `..`, trailing `/` removed; reports anything else and returns the default. */
function absoluteDir(stage: Stage, what: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\/[A-Za-z0-9_./-]*$/.test(value) || value.split('/').includes('..')) {
    presetProblem(stage, `cargo ${what} ${JSON.stringify(String(value))} must be an absolute path of letters, digits, "_", ".", "-" and "/" without ".."`);
    return fallback;
  }
  return value.length > 1 ? value.replace(/\/+$/, '') : value;
}
