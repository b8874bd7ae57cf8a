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

import type { CacheSource } from './cache-source';

/** Options of `CachePolicy.registry()`. */
export interface RegistryCacheOptions {
  /**
   * The cache image reference (`host/namespace/repository:tag`) of the default branch, shared by every image the
   * policy applies to only if you want that: the default gives each image its own. Builds read a chain of refs
   * derived from it: `<tag>-pr-<N>` (in a pull request), `<tag>-branch-<branch>` (on a branch other than the
   * default branch), then `<tag>`; they write only the ref of the current one (see {@link CachePolicy}). The tag
   * is at most 20 characters, so every derived tag stays within 128.
   * @default - `<REGISTRY>/<image repository>:buildcache`, following the `REGISTRY` variable
   */
  readonly ref?: string;
  /**
   * Images of the image's own repository read as caches after the cache refs, in order (e.g.
   * `[CacheSource.pullRequestImage(), CacheSource.imageTag('v2')]`). With any, cache writes also embed the inline
   * cache in the built image, so later builds can read it from its tags.
   * @default - none: only the cache refs
   */
  readonly readImages?: CacheSource[];
  /**
   * What the export writes.
   * @default CacheMode.MAX
   */
  readonly mode?: CacheMode;
}

/** Options of `CachePolicy.gha()`. */
export interface GhaCacheOptions {
  /**
   * Prefix of the GitHub Actions cache scope; each image gets `<scope>-<image id>-<platforms>` (platforms as one word,
   * e.g. `linux-arm64`, `native` without planned platforms), so neither images nor platforms evict each other.
   * @default - the image id and platforms alone
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
 * asked (`CACHE_TO=1` for the Makefile and bake).
 *
 * Registry caches read a chain — the pull request's ref, the branch's, the default branch's — computed by the
 * Makefile from `GIT_PR` and `GIT_BRANCH` (so a local build reads the CI cache of its branch and of the default
 * branch) and write only the current ref's. The generated workflow sets `CACHE_TO` in its publishing job (pushes,
 * manual and scheduled runs), and in the job pushing `pr-<N>` images of same-repository pull requests for registry
 * caches only (it writes `<tag>-pr-<N>`, which no other ref reads); never for pull requests from forks, and never the
 * gha cache from a pull request.
 *
 * @example
 * import { Project } from 'projen';
 * import { CachePolicy, Containers } from 'projen-containers';
 *
 * declare const project: Project;
 * // every image reads $REGISTRY/<repository>:buildcache; CI's publishing job writes it
 * const containers = new Containers(project, { registry: 'ghcr.io/acme', cache: CachePolicy.registry() });
 * // this family uses the GitHub Actions cache instead
 * containers.addFamily('tools', { cache: CachePolicy.gha({ scope: 'tools' }) });
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
    return new CachePolicy('registry', options.mode, options.ref, options.readImages);
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
  /** The extra image sources (registry), exactly as given. @internal */
  public readonly _readImages: unknown;

  private constructor(backend: CacheBackend, mode?: unknown, value?: unknown, readImages?: unknown) {
    Object.defineProperty(this, CACHE_POLICY_SYMBOL, { value: true });
    this._backend = backend;
    this._mode = mode;
    this._value = value;
    this._readImages = readImages;
  }
}

const CACHE_POLICY_SYMBOL = Symbol.for('projen-containers.CachePolicy');
