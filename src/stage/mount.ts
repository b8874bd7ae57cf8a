import { contextPathOrInput } from './context-path';

/** Sharing mode of a cache mount. */
export enum CacheSharing {
  /** Concurrent builds share the cache (BuildKit's default). */
  SHARED = 'shared',
  /** Each concurrent build gets its own cache. */
  PRIVATE = 'private',
  /** Builds wait for one another: right for package managers such as apt that need exclusive access. */
  LOCKED = 'locked',
}

/** Options of a `type=cache` mount. */
export interface CacheMountOptions {
  /** Absolute path of the cache inside the build container. */
  readonly target: string;
  /**
   * Cache id, to share one cache between several targets.
   * @default - BuildKit uses the target path
   */
  readonly id?: string;
  /**
   * How concurrent builds share the cache.
   * @default CacheSharing.LOCKED
   */
  readonly sharing?: CacheSharing;
  /**
   * Mount read-only.
   * @default false
   */
  readonly readOnly?: boolean;
  /**
   * Octal permissions of a new cache directory, e.g. `0755`.
   * @default - BuildKit's default (0755)
   */
  readonly mode?: string;
  /**
   * Owner user id of a new cache directory.
   * @default 0
   */
  readonly uid?: number;
  /**
   * Owner group id of a new cache directory.
   * @default 0
   */
  readonly gid?: number;
}

/** Options of a `type=bind` mount. */
export interface BindMountOptions {
  /** Absolute path inside the build container. */
  readonly target: string;
  /**
   * Path in the build context (or in the `from` stage).
   * @default - the root of the build context
   */
  readonly source?: string;
  /**
   * Allow writes (they are discarded after the RUN).
   * @default false
   */
  readonly readWrite?: boolean;
}

/** Options of a `type=secret` mount. */
export interface SecretMountOptions {
  /** Secret id, as passed with `--secret id=<id>,…`. */
  readonly id: string;
  /**
   * File path of the secret inside the container.
   * @default - `/run/secrets/<id>` unless `env` is set
   */
  readonly target?: string;
  /**
   * Expose the secret as this environment variable instead of a file (frontend 1.10+).
   * @default - no environment variable
   */
  readonly env?: string;
  /**
   * Fail the build when the secret is not provided.
   * @default true
   */
  readonly required?: boolean;
  /**
   * Octal file mode of the secret file.
   * @default "0400"
   */
  readonly mode?: string;
  /**
   * Owner user id of the secret file.
   * @default 0
   */
  readonly uid?: number;
  /**
   * Owner group id of the secret file.
   * @default 0
   */
  readonly gid?: number;
}

/** Options of a `type=ssh` mount. */
export interface SshMountOptions {
  /**
   * SSH agent id, as passed with `--ssh <id>`.
   * @default "default"
   */
  readonly id?: string;
  /**
   * Socket path inside the container.
   * @default - `/run/buildkit/ssh_agent.${N}`
   */
  readonly target?: string;
  /**
   * Fail the build when no agent is forwarded.
   * @default true
   */
  readonly required?: boolean;
  /**
   * Octal socket mode.
   * @default "0600"
   */
  readonly mode?: string;
  /**
   * Owner user id of the socket.
   * @default 0
   */
  readonly uid?: number;
  /**
   * Owner group id of the socket.
   * @default 0
   */
  readonly gid?: number;
}

/** Options of a `type=tmpfs` mount. */
export interface TmpfsMountOptions {
  /** Absolute path inside the build container. */
  readonly target: string;
  /**
   * Size limit in bytes.
   * @default - no limit
   */
  readonly sizeBytes?: number;
}

/** The mount types. @internal */
export type MountType = 'cache' | 'bind' | 'secret' | 'ssh' | 'tmpfs';

const MOUNT_SYMBOL = Symbol.for('projen-containers.Mount');

/**
 * A `RUN --mount`: one factory per mount type, each taking only the options BuildKit accepts for that type.
 * The options are checked when the pipeline is validated (with the construct path of the RUN), not here.
 *
 * @example
 * import { CacheSharing, Image, Mount } from 'projen-containers';
 *
 * declare const image: Image;
 * image.run(['apt-get update', 'apt-get install -y --no-install-recommends curl'], {
 *   mounts: [
 *     Mount.cache({ target: '/var/cache/apt', sharing: CacheSharing.LOCKED }),
 *     Mount.cache({ target: '/var/lib/apt/lists', sharing: CacheSharing.LOCKED }),
 *   ],
 * });
 * image.run(['npm ci'], { mounts: [Mount.secret({ id: 'npmrc', target: '/root/.npmrc' })] });
 */
export class Mount {
  /** Whether `x` is a Mount (also across copies of this library). */
  public static isMount(x: unknown): x is Mount {
    return typeof x === 'object' && x !== null && MOUNT_SYMBOL in x;
  }

  /** A persistent build cache (package manager caches, compiler caches). */
  public static cache(options: CacheMountOptions): Mount {
    return new Mount('cache', options);
  }

  /** A read-only view of build-context files, not copied into a layer. */
  public static bind(options: BindMountOptions): Mount {
    return new Mount('bind', options);
  }

  /** A build secret, never stored in a layer. */
  public static secret(options: SecretMountOptions): Mount {
    return new Mount('secret', options);
  }

  /** The forwarded SSH agent. */
  public static ssh(options: SshMountOptions = {}): Mount {
    return new Mount('ssh', options);
  }

  /** A tmpfs scratch directory. */
  public static tmpfs(options: TmpfsMountOptions): Mount {
    return new Mount('tmpfs', options);
  }

  /** @internal */
  public readonly _type: MountType;
  /** The options as given (unchecked: callers without type checks may pass anything). @internal */
  public readonly _input: unknown;

  private constructor(type: MountType, input: unknown) {
    Object.defineProperty(this, MOUNT_SYMBOL, { value: true });
    this._type = type;
    this._input = input;
  }

  /**
   * The build-context path a bind mount reads (`.` for the whole context), for the `.dockerignore` allow-list;
   * undefined for other mount types and for a source that is not a string (validation reports it).
   * @internal
   */
  public get _contextSource(): string | undefined {
    if (this._type !== 'bind') return undefined;
    const source = typeof this._input === 'object' && this._input !== null ? (this._input as { source?: unknown }).source : undefined;
    if (source === undefined) return '.';
    return typeof source === 'string' ? contextPathOrInput(source) : undefined;
  }
}
