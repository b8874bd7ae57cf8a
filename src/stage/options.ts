import type { Mount } from './mount';
import type { Stage } from './stage';

/** Network mode of a RUN instruction. */
export enum RunNetwork {
  /** The default sandboxed network. */
  DEFAULT = 'default',
  /** No network access. */
  NONE = 'none',
  /** The host's network (needs the `network.host` entitlement). */
  HOST = 'host',
}

/** Options of `Stage.run()`. */
export interface RunOptions {
  /**
   * Mounts for the duration of the RUN.
   * @default - none
   */
  readonly mounts?: Mount[];
  /**
   * Network mode.
   * @default - the builder's default network
   */
  readonly network?: RunNetwork;
}

/** Options of `Stage.copy()`. */
export interface CopyOptions {
  /**
   * Copy from this stage (or image of the same Dockerfile) instead of the build context.
   * @default - the build context
   */
  readonly from?: Stage;
  /**
   * Use `--link` so the copied layer does not depend on the layers below it.
   * @default true
   */
  readonly link?: boolean;
  /**
   * Numeric owner `uid[:gid]` of the copied files.
   * @default - root
   */
  readonly chown?: string;
  /**
   * Octal permissions of the copied files, e.g. `0755`.
   * @default - permissions of the source
   */
  readonly chmod?: string;
}

/** Options of `Stage.add()`. */
export interface AddOptions {
  /** Expected `sha256:<64 hex>` checksum of the download; the build fails when it differs. */
  readonly checksum: string;
  /**
   * Numeric owner `uid[:gid]` of the file.
   * @default - root
   */
  readonly chown?: string;
  /**
   * Octal permissions of the file.
   * @default "0644"
   */
  readonly chmod?: string;
}

/** Protocol of an exposed port. */
export enum Protocol {
  TCP = 'tcp',
  UDP = 'udp',
}

/** Options of `Stage.healthcheck()`. */
export interface HealthcheckOptions {
  /** Command in exec form, e.g. `['/usr/local/bin/app', 'health']`. */
  readonly command: string[];
  /**
   * Seconds between checks.
   * @default 30
   */
  readonly intervalSeconds?: number;
  /**
   * Seconds before a check counts as failed.
   * @default 30
   */
  readonly timeoutSeconds?: number;
  /**
   * Seconds of start-up grace.
   * @default 0
   */
  readonly startPeriodSeconds?: number;
  /**
   * Seconds between checks during the start period (frontend 1.6+, Engine 25+).
   * @default - the interval
   */
  readonly startIntervalSeconds?: number;
  /**
   * Consecutive failures before the container is unhealthy.
   * @default 3
   */
  readonly retries?: number;
}
