/**
 * How much of the build cache a cache export writes: `min` only the layers of the final image, `max` every
 * intermediate step too (build stages, dependency layers), which is what makes a cold CI runner fast.
 */
export enum CacheMode {
  /** Only the layers of the exported image. */
  MIN = 'min',
  /** Every step of every stage. */
  MAX = 'max',
}

/** Options of `CachePolicy.registry()`. */
export interface RegistryCacheOptions {
  /**
   * The cache image reference (`host/namespace/repository:tag`), shared by every image the policy applies to only if
   * you want that: the default gives each image its own.
   * @default - `<REGISTRY>/<image repository>:buildcache`, following the `REGISTRY` variable
   */
  readonly ref?: string;
  /**
   * What the export writes.
   * @default CacheMode.MAX
   */
  readonly mode?: CacheMode;
}

/** Options of `CachePolicy.gha()`. */
export interface GhaCacheOptions {
  /**
   * Prefix of the GitHub Actions cache scope; each image gets `<scope>-<image id>`, so images never evict each other.
   * @default - the image id alone
   */
  readonly scope?: string;
  /**
   * What the export writes.
   * @default CacheMode.MAX
   */
  readonly mode?: CacheMode;
}

/** Options of `CachePolicy.local()`. */
export interface LocalCacheOptions {
  /** Project-relative directory; each image gets `<dir>/<image id>`. */
  readonly dir: string;
  /**
   * What the export writes.
   * @default CacheMode.MAX
   */
  readonly mode?: CacheMode;
}

/** The backend of a cache policy. */
type CacheBackend = 'registry' | 'gha' | 'inline' | 'local' | 'none';

/**
 * Where BuildKit reads (`--cache-from`) and writes (`--cache-to`) the build cache of an image. Set it on the
 * pipeline, a family or an image; the nearest one wins. Every build reads the cache; a build writes it only when
 * asked (`CACHE_TO=1` for the Makefile and bake, which the generated workflow sets in its publishing job only, never
 * for pull requests).
 */
export class CachePolicy {
  /** Whether `x` is a CachePolicy (also across copies of this library). */
  public static isCachePolicy(x: unknown): x is CachePolicy {
    return typeof x === 'object' && x !== null && CACHE_POLICY_SYMBOL in x;
  }

  /**
   * A cache image in an OCI registry (`type=registry`), exported with OCI media types and an image manifest, so any
   * OCI registry stores it.
   */
  public static registry(options: RegistryCacheOptions = {}): CachePolicy {
    return new CachePolicy('registry', options.mode, options.ref);
  }

  /** The GitHub Actions cache service (`type=gha`), one scope per image. */
  public static gha(options: GhaCacheOptions = {}): CachePolicy {
    return new CachePolicy('gha', options.mode, options.scope);
  }

  /**
   * Cache metadata inside the pushed image itself (`type=inline`, min mode only); later builds read it from the
   * image's own reference.
   */
  public static inline(): CachePolicy {
    return new CachePolicy('inline', CacheMode.MIN);
  }

  /** A directory on the build machine (`type=local`), one per image. */
  public static local(options: LocalCacheOptions): CachePolicy {
    return new CachePolicy('local', options?.mode, options?.dir);
  }

  /** No cache import or export (turns off a policy set on a family or the pipeline). */
  public static none(): CachePolicy {
    return new CachePolicy('none');
  }

  /** @internal */
  public readonly _backend: CacheBackend;
  /** @internal */
  public readonly _mode: unknown;
  /** The ref (registry), scope (gha) or dir (local), exactly as given. @internal */
  public readonly _value: unknown;

  private constructor(backend: CacheBackend, mode?: unknown, value?: unknown) {
    Object.defineProperty(this, CACHE_POLICY_SYMBOL, { value: true });
    this._backend = backend;
    this._mode = mode;
    this._value = value;
  }
}

const CACHE_POLICY_SYMBOL = Symbol.for('projen-containers.CachePolicy');
