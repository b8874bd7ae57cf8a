import { Construct } from 'constructs';
import { InputReader } from './input-reader';
import { readInstruction } from './instruction-reader';
import type { Instruction, RecordedInstruction } from './instructions';
import { AddOptions, CopyOptions, HealthcheckOptions, Protocol, RunOptions } from './options';
import { constructId } from '../core/construct-id';
import { Origin, recordOrigin } from '../core/origin';
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
 *
 * @example
 * import { Image, ImageSource, Mount } from 'projen-containers';
 *
 * declare const image: Image;
 * const build = image.addStage('build', { from: ImageSource.registry('golang:1.23-bookworm') });
 * build.workdir('/src');
 * build.copy(['go.mod', 'go.sum'], './');
 * build.run(['go mod download'], { mounts: [Mount.cache({ target: '/go/pkg/mod' })] });
 * build.copy(['.'], './');
 * build.run(['CGO_ENABLED=0 go build -o /out/app ./cmd/app']);
 * image.copy(['/out/app'], '/usr/local/bin/app', { from: build });
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
  /** The instruction calls as made, unchecked. @internal */
  public readonly _recorded: RecordedInstruction[] = [];
  private readCache?: { readonly count: number; readonly instructions: Instruction[] };

  /** Why the id as given could not name the construct (validation reports it). @internal */
  public readonly _idProblem?: string;
  /** What a preset that built this stage found wrong with its input (validation reports each). @internal */
  public readonly _presetProblems: string[] = [];

  constructor(scope: Construct, id: string, props: StageProps) {
    const checked = constructId(scope, id);
    super(scope, checked.id);
    recordOrigin(this, Stage);
    this._idProblem = checked.problem;
    Object.defineProperty(this, STAGE_SYMBOL, { value: true });
    const p: Partial<StageProps> = typeof props === 'object' && props !== null ? props : {};
    this.from = p.from as ImageSource;
    this.platform = p.platform;
  }

  /** The stage name in the Dockerfile (`AS <name>`). */
  public get stageName(): string {
    return this.node.id;
  }

  /**
   * The typed instructions, in order. Values of the wrong type (possible from callers without type checks) are
   * replaced by stand-ins; validation reports them with the instruction's path.
   * @internal
   */
  public get _instructions(): readonly Instruction[] {
    if (this.readCache?.count !== this._recorded.length) {
      const ignore = new InputReader(() => undefined);
      this.readCache = { count: this._recorded.length, instructions: this._recorded.map((rec) => readInstruction(rec, ignore)) };
    }
    return this.readCache.instructions;
  }

  /** `ARG name[=default]`. */
  public arg(name: string, defaultValue?: string): void {
    this.record('arg', name, defaultValue);
  }

  /** `ENV key="value" …` (keys written in sorted order). */
  public env(variables: Record<string, string>): void {
    this.record('env', variables);
  }

  /** `LABEL key="value" …` (keys written in sorted order). */
  public label(labels: Record<string, string>): void {
    this.record('label', labels);
  }

  /**
   * `RUN`: one command on one line when that line means exactly the command; otherwise (several commands, line
   * breaks, or a command the parser would read more into) one heredoc script starting with `set -eu`, so the RUN
   * fails on the first failing command.
   */
  public run(commands: string[], options: RunOptions = {}): void {
    this.record('run', copyArray(commands), options);
  }

  /** `COPY [--from] [--link] [--chown] [--chmod] sources… destination`. */
  public copy(sources: string[], destination: string, options: CopyOptions = {}): void {
    this.record('copy', copyArray(sources), destination, options);
  }

  /** `ADD --checksum=… <https url> destination`: remote downloads only, always verified. */
  public add(url: string, destination: string, options: AddOptions): void {
    this.record('add', url, destination, options);
  }

  /** `WORKDIR path` (absolute). */
  public workdir(path: string): void {
    this.record('workdir', path);
  }

  /** `USER uid[:gid]` (numeric). */
  public user(user: string): void {
    this.record('user', user);
  }

  /** `EXPOSE port/protocol`. */
  public expose(port: number, protocol: Protocol = Protocol.TCP): void {
    this.record('expose', port, protocol);
  }

  /** `HEALTHCHECK [options] CMD [...]`. */
  public healthcheck(options: HealthcheckOptions): void {
    this.record('healthcheck', options);
  }

  /** `HEALTHCHECK NONE`: disable a health check inherited from the base image. */
  public disableHealthcheck(): void {
    this.record('healthcheck');
  }

  /** `ENTRYPOINT [...]` (exec form). */
  public entrypoint(argv: string[]): void {
    this.record('entrypoint', copyArray(argv));
  }

  /** `CMD [...]` (exec form). */
  public cmd(argv: string[]): void {
    this.record('cmd', copyArray(argv));
  }

  /** `STOPSIGNAL signal`. */
  public stopSignal(signal: string): void {
    this.record('stopsignal', signal);
  }

  /** `SHELL [...]` for the following RUN instructions, e.g. `['/bin/bash', '-o', 'pipefail', '-c']`. */
  public shell(argv: string[]): void {
    this.record('shell', copyArray(argv));
  }

  /**
   * Escape hatch: one raw Dockerfile line, written as given. It must be a single line starting with an instruction
   * keyword other than `FROM`, without a trailing line continuation or a heredoc.
   */
  public addRawLine(line: string): void {
    this.record('raw', line);
  }

  private record(kind: RecordedInstruction['kind'], ...args: unknown[]): void {
    this._recorded.push({ kind, args, origin: Origin.capture(this.record) });
  }
}

/** A copy of an array argument (so later changes by the caller do not leak in); anything else as given. */
function copyArray(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : value;
}
