import { Construct } from 'constructs';
import type { Instruction } from './instructions';
import type { Mount } from './mount';
import { AddOptions, CopyOptions, HealthcheckOptions, Protocol, RunOptions } from './options';
import type { ImageSource } from '../image/image-source';

const STAGE_SYMBOL = Symbol.for('projen-containers.Stage');

/** Properties of a stage. */
export interface StageProps {
  /** What the stage builds from. */
  readonly from: ImageSource;
  /**
   * `FROM --platform=…`, e.g. `$BUILDPLATFORM` for cross-compiling build stages.
   * @default - the target platform
   */
  readonly platform?: string;
}

/**
 * A Dockerfile stage: `FROM … AS <id>` followed by typed instructions, in the order they are added.
 * Images are stages that get published; build stages are added with `Image.addStage()`.
 */
export class Stage extends Construct {
  /** Whether `x` is a Stage. */
  public static isStage(x: unknown): x is Stage {
    return typeof x === 'object' && x !== null && STAGE_SYMBOL in x;
  }

  /** What the stage builds from. */
  public readonly from: ImageSource;
  /** `FROM --platform` value, if any. */
  public readonly platform?: string;
  /** @internal */
  public readonly _instructions: Instruction[] = [];

  constructor(scope: Construct, id: string, props: StageProps) {
    super(scope, id);
    Object.defineProperty(this, STAGE_SYMBOL, { value: true });
    this.from = props.from;
    this.platform = props.platform;
  }

  /** The stage name in the Dockerfile (`AS <name>`). */
  public get stageName(): string {
    return this.node.id;
  }

  /** `ARG name[=default]`. */
  public arg(name: string, defaultValue?: string): void {
    this._instructions.push({ kind: 'arg', name, defaultValue });
  }

  /** `ENV key="value" …` (keys written in sorted order). */
  public env(variables: Record<string, string>): void {
    this._instructions.push({ kind: 'env', variables: sortedEntries(variables) });
  }

  /** `LABEL key="value" …` (keys written in sorted order). */
  public label(labels: Record<string, string>): void {
    this._instructions.push({ kind: 'label', labels: sortedEntries(labels) });
  }

  /**
   * `RUN`: one command as is; several commands as one heredoc script starting with `set -eu`, so the RUN fails on
   * the first failing command.
   */
  public run(commands: string[], options: RunOptions = {}): void {
    const mounts: Mount[] = options.mounts ?? [];
    this._instructions.push({ kind: 'run', commands: [...commands], mounts: [...mounts], network: options.network });
  }

  /** `COPY [--from] [--link] [--chown] [--chmod] sources… destination`. */
  public copy(sources: string[], destination: string, options: CopyOptions = {}): void {
    this._instructions.push({
      kind: 'copy',
      sources: [...sources],
      destination,
      from: options.from,
      link: options.link ?? true,
      chown: options.chown,
      chmod: options.chmod,
    });
  }

  /** `ADD --checksum=… <https url> destination`: remote downloads only, always verified. */
  public add(url: string, destination: string, options: AddOptions): void {
    this._instructions.push({ kind: 'add', url, destination, checksum: options.checksum, chown: options.chown, chmod: options.chmod });
  }

  /** `WORKDIR path` (absolute). */
  public workdir(path: string): void {
    this._instructions.push({ kind: 'workdir', path });
  }

  /** `USER uid[:gid]` (numeric). */
  public user(user: string): void {
    this._instructions.push({ kind: 'user', user });
  }

  /** `EXPOSE port/protocol`. */
  public expose(port: number, protocol: Protocol = Protocol.TCP): void {
    this._instructions.push({ kind: 'expose', port, protocol });
  }

  /** `HEALTHCHECK [options] CMD [...]`. */
  public healthcheck(options: HealthcheckOptions): void {
    this._instructions.push({ kind: 'healthcheck', options });
  }

  /** `HEALTHCHECK NONE`: disable a health check inherited from the base image. */
  public disableHealthcheck(): void {
    this._instructions.push({ kind: 'healthcheck' });
  }

  /** `ENTRYPOINT [...]` (exec form). */
  public entrypoint(argv: string[]): void {
    this._instructions.push({ kind: 'entrypoint', argv: [...argv] });
  }

  /** `CMD [...]` (exec form). */
  public cmd(argv: string[]): void {
    this._instructions.push({ kind: 'cmd', argv: [...argv] });
  }

  /** `STOPSIGNAL signal`. */
  public stopSignal(signal: string): void {
    this._instructions.push({ kind: 'stopsignal', signal });
  }

  /** `SHELL [...]` for the following RUN instructions, e.g. `['/bin/bash', '-o', 'pipefail', '-c']`. */
  public shell(argv: string[]): void {
    this._instructions.push({ kind: 'shell', argv: [...argv] });
  }

  /** Escape hatch: one raw Dockerfile line, written as given. */
  public addRawLine(line: string): void {
    this._instructions.push({ kind: 'raw', line });
  }
}

function sortedEntries(record: Record<string, string>): Array<readonly [string, string]> {
  return Object.keys(record).sort().map((k) => [k, record[k]] as const);
}
