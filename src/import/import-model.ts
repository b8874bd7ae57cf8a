/**
 * What the importer read from a Dockerfile, as typed data: stages with the instructions the library models, raw lines
 * for the rest, and the findings to tell the user. The code emitter turns it into `.projenrc.ts` statements.
 * @internal
 */
export interface ImportedDockerfile {
  readonly stages: readonly ImportedStage[];
  readonly warnings: readonly ImportWarning[];
}

/** A finding about one line of the imported Dockerfile (1-based). @internal */
export interface ImportWarning {
  readonly line: number;
  readonly message: string;
}

/** One `FROM … AS name` stage. @internal */
export interface ImportedStage {
  /** The stage name (`AS name`), or `stage-<n>` for an unnamed stage. */
  readonly name: string;
  /** Whether the Dockerfile names the stage (`AS name`). */
  readonly named: boolean;
  readonly line: number;
  readonly from: ImportedSource;
  /** `FROM --platform=` value. */
  readonly platform?: string;
  /** Comment lines directly above the `FROM`. */
  readonly comments: readonly string[];
  readonly instructions: readonly ImportedInstruction[];
}

/** What a stage builds from. @internal */
export type ImportedSource =
  | { readonly kind: 'scratch' }
  | { readonly kind: 'stage'; readonly stage: string }
  | { readonly kind: 'registry'; readonly reference: string; readonly buildArg?: string };

/** A `RUN --mount`, with the options of the matching `Mount` factory. @internal */
export type ImportedMount =
  | { readonly type: 'cache'; readonly options: ImportedOptions }
  | { readonly type: 'bind'; readonly options: ImportedOptions }
  | { readonly type: 'secret'; readonly options: ImportedOptions }
  | { readonly type: 'ssh'; readonly options: ImportedOptions }
  | { readonly type: 'tmpfs'; readonly options: ImportedOptions };

/** Option values in the order they are written; enum members are named by the enum and member. @internal */
export type ImportedOptions = ReadonlyArray<readonly [string, ImportedValue]>;

/** A literal option value. @internal */
export type ImportedValue = string | number | boolean | { readonly enumName: string; readonly member: string };

/** One instruction of a stage, with its 1-based line and the comment lines directly above it. @internal */
export type ImportedInstruction = { readonly line: number; readonly comments: readonly string[] } & (
  | { readonly kind: 'arg'; readonly name: string; readonly defaultValue?: string }
  | { readonly kind: 'env' | 'label'; readonly values: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'run'; readonly commands: readonly string[]; readonly mounts: readonly ImportedMount[]; readonly network?: string }
  | {
    readonly kind: 'copy';
    readonly sources: readonly string[];
    readonly destination: string;
    /** The stage name of `--from`. */
    readonly from?: string;
    readonly link: boolean;
    readonly chown?: string;
    readonly chmod?: string;
  }
  | { readonly kind: 'add'; readonly url: string; readonly destination: string; readonly checksum: string; readonly chown?: string; readonly chmod?: string }
  | { readonly kind: 'workdir' | 'user' | 'stopSignal'; readonly value: string }
  | { readonly kind: 'expose'; readonly port: number; readonly protocol: 'TCP' | 'UDP' }
  | { readonly kind: 'healthcheck'; readonly command: readonly string[]; readonly options: ImportedOptions }
  | { readonly kind: 'disableHealthcheck' }
  | { readonly kind: 'entrypoint' | 'cmd' | 'shell'; readonly argv: readonly string[] }
  | { readonly kind: 'raw'; readonly text: string }
  /** Nothing the library can write (a heredoc it cannot express): the emitter leaves a comment. */
  | { readonly kind: 'unsupported'; readonly text: string }
);
