import type { Mount } from './mount';
import type { HealthcheckOptions, RunNetwork } from './options';
import type { Stage } from './stage';

/**
 * The typed instructions a stage records, in order; the Dockerfile builder turns them into Dockerfile lines.
 * @internal
 */
export type Instruction =
  | { readonly kind: 'arg'; readonly name: string; readonly defaultValue?: string }
  | { readonly kind: 'env'; readonly variables: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'label'; readonly labels: ReadonlyArray<readonly [string, string]> }
  | { readonly kind: 'run'; readonly commands: readonly string[]; readonly mounts: readonly Mount[]; readonly network?: RunNetwork }
  | {
    readonly kind: 'copy';
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
  | { readonly kind: 'expose'; readonly port: number; readonly protocol: string }
  | { readonly kind: 'healthcheck'; readonly options?: HealthcheckOptions }
  | { readonly kind: 'entrypoint'; readonly argv: readonly string[] }
  | { readonly kind: 'cmd'; readonly argv: readonly string[] }
  | { readonly kind: 'stopsignal'; readonly signal: string }
  | { readonly kind: 'shell'; readonly argv: readonly string[] }
  | { readonly kind: 'raw'; readonly line: string };
