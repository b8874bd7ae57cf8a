import { CacheSharing, Mount } from '../stage/mount';

/** Options of the per-user cache-mount presets (`CacheMounts.pip()`, `.npm()`, `.goBuild()`, …). */
export interface CacheMountPresetOptions {
  /**
   * User id of the build user that writes the cache; BuildKit creates the cache directory owned by it, so a non-root
   * build user (`USER 10001` before the RUN) can write to it.
   * @default 0
   */
  readonly uid?: number;
  /**
   * Group id owning a new cache directory.
   * @default - the same as `uid`
   */
  readonly gid?: number;
  /**
   * Home directory of the build user: the caches that live below `$HOME` (pip, uv, poetry, npm, pnpm, yarn, the Go
   * build cache, maven, gradle, nuget) are mounted below it.
   * @default "/root"
   */
  readonly home?: string;
}

/**
 * Cache mounts for the common package managers and compilers: stable ids (so every Dockerfile of the project shares
 * one cache per tool), the sharing mode the tool needs (`locked` where the tool cannot share its cache between
 * concurrent builds) and an owner matching a non-root build user. Each preset is a normal `Mount.cache()`, checked
 * and printed like any other mount.
 *
 * @example
 * import { BuildSteps, CacheMounts, Image, ImageSource } from 'projen-containers';
 *
 * declare const image: Image;
 * const build = image.addStage('build', { from: ImageSource.registry('python:3.12-bookworm') });
 * BuildSteps.aptInstall(build, ['build-essential']);
 * build.copy(['requirements.txt'], '/src/');
 * build.run(['pip install --prefix=/install -r /src/requirements.txt'], { mounts: [CacheMounts.pip()] });
 */
export class CacheMounts {
  /**
   * apt's package archive (`/var/cache/apt`, id `apt-cache`) and lists (`/var/lib/apt/lists`, id `apt-lists`), both
   * `locked` (apt holds exclusive locks on both). apt runs as root. Debian images delete downloaded packages after each
   * install (`/etc/apt/apt.conf.d/docker-clean`); `BuildSteps.aptInstall()` removes that rule so the cache fills.
   */
  public static apt(): Mount[] {
    return [
      Mount.cache({ id: 'apt-cache', target: '/var/cache/apt', sharing: CacheSharing.LOCKED }),
      Mount.cache({ id: 'apt-lists', target: '/var/lib/apt/lists', sharing: CacheSharing.LOCKED }),
    ];
  }

  /** Alpine's apk cache (`/etc/apk/cache`, id `apk-cache`, `locked`); apk uses it whenever the directory exists. */
  public static apk(): Mount {
    return Mount.cache({ id: 'apk-cache', target: '/etc/apk/cache', sharing: CacheSharing.LOCKED });
  }

  /** pip's HTTP and wheel cache (`<home>/.cache/pip`, id `pip`, `shared`: pip writes entries atomically). */
  public static pip(options: CacheMountPresetOptions = {}): Mount {
    return userCache('pip', '.cache/pip', CacheSharing.SHARED, options);
  }

  /** uv's cache (`<home>/.cache/uv`, id `uv`, `shared`: uv locks its cache itself). */
  public static uv(options: CacheMountPresetOptions = {}): Mount {
    return userCache('uv', '.cache/uv', CacheSharing.SHARED, options);
  }

  /** Poetry's cache (`<home>/.cache/pypoetry`, id `poetry`, `locked`: Poetry does not lock its artifact cache). */
  public static poetry(options: CacheMountPresetOptions = {}): Mount {
    return userCache('poetry', '.cache/pypoetry', CacheSharing.LOCKED, options);
  }

  /** npm's content-addressed cache (`<home>/.npm`, id `npm`, `shared`). */
  public static npm(options: CacheMountPresetOptions = {}): Mount {
    return userCache('npm', '.npm', CacheSharing.SHARED, options);
  }

  /** pnpm's content-addressed store (`<home>/.local/share/pnpm/store`, id `pnpm`, `shared`). */
  public static pnpm(options: CacheMountPresetOptions = {}): Mount {
    return userCache('pnpm', '.local/share/pnpm/store', CacheSharing.SHARED, options);
  }

  /** Yarn (classic)'s cache (`<home>/.cache/yarn`, id `yarn`, `locked`: concurrent yarn runs corrupt it). */
  public static yarn(options: CacheMountPresetOptions = {}): Mount {
    return userCache('yarn', '.cache/yarn', CacheSharing.LOCKED, options);
  }

  /**
   * Go's module cache (`/go/pkg/mod`, id `go-mod`, `shared`: the go command locks it). The official Go images set
   * `GOPATH=/go`; with another toolchain set `GOMODCACHE=/go/pkg/mod` (the Go service preset does).
   */
  public static goModules(options: CacheMountPresetOptions = {}): Mount {
    return cache('go-mod', '/go/pkg/mod', CacheSharing.SHARED, options);
  }

  /** Go's build cache (`<home>/.cache/go-build`, the default `GOCACHE`, id `go-build`, `shared`). */
  public static goBuild(options: CacheMountPresetOptions = {}): Mount {
    return userCache('go-build', '.cache/go-build', CacheSharing.SHARED, options);
  }

  /**
   * Cargo's registry index and crate downloads (`/usr/local/cargo/registry`, id `cargo-registry`, `shared`: cargo
   * locks it). The official Rust images set `CARGO_HOME=/usr/local/cargo`; the Rust service preset sets it too.
   */
  public static cargoRegistry(options: CacheMountPresetOptions = {}): Mount {
    return cache('cargo-registry', '/usr/local/cargo/registry', CacheSharing.SHARED, options);
  }

  /** Cargo's git checkouts (`/usr/local/cargo/git`, id `cargo-git`, `shared`). */
  public static cargoGit(options: CacheMountPresetOptions = {}): Mount {
    return cache('cargo-git', '/usr/local/cargo/git', CacheSharing.SHARED, options);
  }

  /**
   * A crate's target directory (id `cargo-target-<name>`, `locked`, so two builds never interleave in it). What is
   * built there is not in any layer: copy the binary out in the same RUN (`BuildSteps.cargoBuild()` does).
   * @param directory the target directory, e.g. `/src/target`
   * @param name distinguishes the crates of a project, e.g. the binary name
   */
  public static cargoTarget(directory: string, name: string, options: CacheMountPresetOptions = {}): Mount {
    return cache(`cargo-target-${name}`, directory, CacheSharing.LOCKED, options);
  }

  /** Maven's local repository (`<home>/.m2/repository`, id `maven`, `locked`: Maven does not lock it). */
  public static maven(options: CacheMountPresetOptions = {}): Mount {
    return userCache('maven', '.m2/repository', CacheSharing.LOCKED, options);
  }

  /** Gradle's dependency and build caches (`<home>/.gradle/caches`, id `gradle`, `shared`: Gradle locks them). */
  public static gradle(options: CacheMountPresetOptions = {}): Mount {
    return userCache('gradle', '.gradle/caches', CacheSharing.SHARED, options);
  }

  /** NuGet's global packages folder (`<home>/.nuget/packages`, id `nuget`, `shared`: NuGet locks per package). */
  public static nuget(options: CacheMountPresetOptions = {}): Mount {
    return userCache('nuget', '.nuget/packages', CacheSharing.SHARED, options);
  }

  private constructor() {}
}

/** A cache below the build user's home. */
function userCache(id: string, relative: string, sharing: CacheSharing, options: CacheMountPresetOptions): Mount {
  const o = optionsOf(options);
  const home = typeof o.home === 'string' ? o.home.replace(/\/+$/, '') : o.home;
  // a home that is not a string stays visible in the target, where validation reports it
  return cache(id, `${String(home ?? '/root')}/${relative}`, sharing, o);
}

/** A cache mount owned by the build user. */
function cache(id: string, target: string, sharing: CacheSharing, options: CacheMountPresetOptions): Mount {
  const o = optionsOf(options);
  const uid = o.uid;
  const gid = o.gid ?? uid;
  return Mount.cache({
    id,
    target,
    sharing,
    ...(uid !== undefined ? { uid } : {}),
    ...(gid !== undefined ? { gid } : {}),
  });
}

function optionsOf(options: unknown): CacheMountPresetOptions {
  return typeof options === 'object' && options !== null ? options as CacheMountPresetOptions : {};
}
