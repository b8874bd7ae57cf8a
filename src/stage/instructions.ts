import type { Mount } from './mount';
import type { HealthcheckOptions, Protocol, RunNetwork } from './options';
import type { Stage } from './stage';
import type { Origin } from '../core/origin';

/**
 * The typed instructions of a stage, in order, as read from what the stage recorded; the Dockerfile builder turns
 * them into Dockerfile lines. Values of the wrong type are replaced by stand-ins here and reported by validation.
 * @internal
 */
export type Instruction =
  | { readonly kind: 'arg'; readonly name: string; readonly defaultValue?: string }
  | { readonly kind: 'env'; readonly variables: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'label'; readonly labels: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'run'; readonly commands: readonly string[]; readonly mounts: readonly Mount[]; readonly network?: RunNetwork }
  | {
    readonly kind: 'copy';
    /** Build-context sources are normalised (`./a//b/` → `a/b`); sources from a stage are kept as given. */
    readonly sources: readonly string[];
    readonly destination: string;
    readonly from?: Stage;
    readonly link: boolean;
    readonly chown?: string;
    readonly chmod?: string;
  }
  | { readonly kind: 'add'; readonly url: string; readonly destination: string; readonly checksum: string; readonly chown?: string; readonly chmod?: string }
  | { readonly kind: 'workdir'; readonly path: string }
  | { readonly kind: 'user'; readonly user: string }
  | { readonly kind: 'expose'; readonly port: number; readonly protocol: Protocol }
  | { readonly kind: 'healthcheck'; readonly options?: HealthcheckOptions }
  | { readonly kind: 'entrypoint'; readonly argv: readonly string[] }
  | { readonly kind: 'cmd'; readonly argv: readonly string[] }
  | { readonly kind: 'stopsignal'; readonly signal: string }
  | { readonly kind: 'shell'; readonly argv: readonly string[] }
  | { readonly kind: 'raw'; readonly line: string };

/**
 * One call of a stage method as made: its kind and its arguments, unchecked (JavaScript and jsii callers may pass
 * anything).
 * @internal
 */
export interface RecordedInstruction {
  readonly kind: Instruction['kind'];
  readonly args: readonly unknown[];
  /** Where the call was made (findings at the instruction's path name it). */
  readonly origin?: Origin;
}
