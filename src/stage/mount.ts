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

/**
 * A `RUN --mount`: one factory per mount type, each taking only the options BuildKit accepts for that type.
 */
export class Mount {
  /** A persistent build cache (package manager caches, compiler caches). */
  public static cache(options: CacheMountOptions): Mount {
    return new Mount('cache', [
      ['id', options.id],
      ['target', options.target],
      ['sharing', options.sharing ?? CacheSharing.LOCKED],
      ['readonly', options.readOnly ? 'true' : undefined],
      ['mode', options.mode],
      ['uid', num(options.uid)],
      ['gid', num(options.gid)],
    ], options.target);
  }

  /** A read-only view of build-context files, not copied into a layer. */
  public static bind(options: BindMountOptions): Mount {
    return new Mount('bind', [
      ['source', options.source],
      ['target', options.target],
      ['readwrite', options.readWrite ? 'true' : undefined],
    ], options.target, options.source ?? '.');
  }

  /** A build secret, never stored in a layer. */
  public static secret(options: SecretMountOptions): Mount {
    return new Mount('secret', [
      ['id', options.id],
      ['target', options.target],
      ['env', options.env],
      ['required', (options.required ?? true) ? 'true' : 'false'],
      ['mode', options.mode],
      ['uid', num(options.uid)],
      ['gid', num(options.gid)],
    ], options.target);
  }

  /** The forwarded SSH agent. */
  public static ssh(options: SshMountOptions = {}): Mount {
    return new Mount('ssh', [
      ['id', options.id],
      ['target', options.target],
      ['required', (options.required ?? true) ? 'true' : 'false'],
      ['mode', options.mode],
      ['uid', num(options.uid)],
      ['gid', num(options.gid)],
    ], options.target);
  }

  /** A tmpfs scratch directory. */
  public static tmpfs(options: TmpfsMountOptions): Mount {
    return new Mount('tmpfs', [
      ['target', options.target],
      ['size', num(options.sizeBytes)],
    ], options.target);
  }

  /** @internal */
  public readonly _type: string;
  /** @internal */
  public readonly _options: ReadonlyArray<readonly [string, string | undefined]>;
  /** @internal */
  public readonly _target?: string;
  /** Context path a bind mount reads (for the .dockerignore check). @internal */
  public readonly _contextSource?: string;

  private constructor(type: string, options: Array<[string, string | undefined]>, target?: string, contextSource?: string) {
    this._type = type;
    this._options = options;
    this._target = target;
    this._contextSource = contextSource;
  }

  /** The `--mount=` flag text. @internal */
  public _flag(): string {
    const parts = [`type=${this._type}`, ...this._options.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`)];
    return `--mount=${parts.join(',')}`;
  }

  /** Problems with the option values, in user terms. @internal */
  public _problems(): string[] {
    const problems: string[] = [];
    for (const [key, value] of this._options) {
      if (value === undefined) continue;
      if (/[,"\s\0]/.test(value) || value.length === 0) {
        problems.push(`${this._type} mount option "${key}" has an invalid value ${JSON.stringify(value)}: no commas, quotes or whitespace`);
      }
      if (key === 'mode' && !/^0?[0-7]{3,4}$/.test(value)) {
        problems.push(`${this._type} mount option "mode" must be octal (e.g. 0755), got "${value}"`);
      }
      if ((key === 'uid' || key === 'gid' || key === 'size') && !/^\d+$/.test(value)) {
        problems.push(`${this._type} mount option "${key}" must be a non-negative integer, got "${value}"`);
      }
      if (key === 'env' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
        problems.push(`secret mount option "env" must be a variable name, got "${value}"`);
      }
    }
    if (this._target !== undefined && !this._target.startsWith('/')) {
      problems.push(`${this._type} mount target must be an absolute path, got "${this._target}"`);
    }
    return problems;
  }
}

function num(n: number | undefined): string | undefined {
  return n === undefined ? undefined : String(n);
}
