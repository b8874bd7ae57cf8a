/**
 * A `RUN --mount` as typed data, one variant per mount type; the printer writes it as `--mount=type=…,key=value`.
 * Optional fields that are absent are not written.
 * @internal
 */
export type MountSpec = CacheMountSpec | BindMountSpec | SecretMountSpec | SshMountSpec | TmpfsMountSpec;

/** `type=cache`. @internal */
export interface CacheMountSpec {
  readonly type: 'cache';
  readonly target: string;
  readonly id?: string;
  readonly sharing: 'shared' | 'private' | 'locked';
  readonly readOnly: boolean;
  readonly mode?: string;
  readonly uid?: number;
  readonly gid?: number;
}

/** `type=bind` from the build context. @internal */
export interface BindMountSpec {
  readonly type: 'bind';
  readonly target: string;
  readonly source?: string;
  readonly readWrite: boolean;
}

/** `type=secret`. @internal */
export interface SecretMountSpec {
  readonly type: 'secret';
  readonly id: string;
  readonly target?: string;
  readonly env?: string;
  readonly required: boolean;
  readonly mode?: string;
  readonly uid?: number;
  readonly gid?: number;
}

/** `type=ssh`. @internal */
export interface SshMountSpec {
  readonly type: 'ssh';
  readonly id?: string;
  readonly target?: string;
  readonly required: boolean;
  readonly mode?: string;
  readonly uid?: number;
  readonly gid?: number;
}

/** `type=tmpfs`. @internal */
export interface TmpfsMountSpec {
  readonly type: 'tmpfs';
  readonly target: string;
  readonly sizeBytes?: number;
}

/**
 * The `key=value` pairs of a mount, in the order they are written (after `type=`); absent options are left out.
 * @internal
 */
export function mountOptions(spec: MountSpec): Array<readonly [string, string]> {
  const pairs: Array<readonly [string, string | number | undefined]> = (() => {
    switch (spec.type) {
      case 'cache':
        return [['id', spec.id], ['target', spec.target], ['sharing', spec.sharing], ['readonly', spec.readOnly ? 'true' : undefined],
          ['mode', spec.mode], ['uid', spec.uid], ['gid', spec.gid]];
      case 'bind':
        return [['source', spec.source], ['target', spec.target], ['readwrite', spec.readWrite ? 'true' : undefined]];
      case 'secret':
        return [['id', spec.id], ['target', spec.target], ['env', spec.env], ['required', String(spec.required)],
          ['mode', spec.mode], ['uid', spec.uid], ['gid', spec.gid]];
      case 'ssh':
        return [['id', spec.id], ['target', spec.target], ['required', String(spec.required)], ['mode', spec.mode], ['uid', spec.uid], ['gid', spec.gid]];
      case 'tmpfs':
        return [['target', spec.target], ['size', spec.sizeBytes]];
    }
  })();
  return pairs.flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as const]));
}
