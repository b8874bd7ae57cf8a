/** What a {@link CacheSource} names. */
type CacheSourceKind = 'image-tag' | 'pull-request-image';

/**
 * An image of the image's own repository read as an extra cache (`--cache-from type=registry,ref=…`), after the
 * policy's cache refs: e.g. the pull request's `pr-<N>` image and a stable tag (seed 002: buildcache → PR tag →
 * stable tag). BuildKit can only reuse an image that carries cache metadata, so a policy with such sources also
 * writes the inline cache (`type=inline`) into the images it builds when it writes its cache (`CACHE_TO`).
 */
export class CacheSource {
  /** Whether `x` is a CacheSource (also across copies of this library). */
  public static isCacheSource(x: unknown): x is CacheSource {
    return typeof x === 'object' && x !== null && CACHE_SOURCE_SYMBOL in x;
  }

  /**
   * The image's own reference with this tag: `$REGISTRY/<repository>:<tag>`, e.g. the stable `v2` that pull requests
   * build on.
   */
  public static imageTag(tag: string): CacheSource {
    return new CacheSource('image-tag', tag);
  }

  /**
   * The image's pull-request tag `$REGISTRY/<repository>:pr-<N>` (what pull-request images push), read only in a
   * pull request (`GIT_PR` set).
   */
  public static pullRequestImage(): CacheSource {
    return new CacheSource('pull-request-image');
  }

  /** @internal */
  public readonly _kind: CacheSourceKind;
  /** The tag (image-tag), exactly as given. @internal */
  public readonly _tag: unknown;

  private constructor(kind: CacheSourceKind, tag?: unknown) {
    Object.defineProperty(this, CACHE_SOURCE_SYMBOL, { value: true });
    this._kind = kind;
    this._tag = tag;
  }
}

const CACHE_SOURCE_SYMBOL = Symbol.for('projen-containers.CacheSource');
