import { contextPathOrInput } from './context-path';
import type { InputReader } from './input-reader';
import { CacheSharing, Mount } from './mount';
import type { MountSpec } from '../dockerfile/mount-spec';

/**
 * Reads a mount's options as given into its typed specification, with BuildKit's defaults filled in (cache sharing
 * `locked`, secrets and ssh `required`). Wrong types are reported through `r` and replaced by stand-ins.
 * @internal
 */
export function readMountSpec(mount: Mount, r: InputReader): MountSpec {
  const what = `${mount._type} mount`;
  const o = mount._type === 'ssh' ? r.optionalObject(`${what} options`, mount._input) : r.object(`${what} options`, mount._input);
  const str = (key: string) => r.optionalString(`${what} ${key}`, o[key]);
  const num = (key: string) => r.optionalNumber(`${what} ${key}`, o[key]);
  const bool = (key: string) => r.optionalBoolean(`${what} ${key}`, o[key]);
  switch (mount._type) {
    case 'cache':
      return {
        type: 'cache',
        target: r.string(`${what} target`, o.target),
        id: str('id'),
        sharing: r.optionalEnum(`${what} sharing`, o.sharing, Object.values(CacheSharing)) ?? CacheSharing.LOCKED,
        readOnly: bool('readOnly') ?? false,
        mode: str('mode'),
        uid: num('uid'),
        gid: num('gid'),
      };
    case 'bind':
      return { type: 'bind', target: r.string(`${what} target`, o.target), source: optionalContextPath(str('source')), readWrite: bool('readWrite') ?? false };
    case 'secret':
      return {
        type: 'secret',
        id: r.string(`${what} id`, o.id),
        target: str('target'),
        env: str('env'),
        required: bool('required') ?? true,
        mode: str('mode'),
        uid: num('uid'),
        gid: num('gid'),
      };
    case 'ssh':
      return { type: 'ssh', id: str('id'), target: str('target'), required: bool('required') ?? true, mode: str('mode'), uid: num('uid'), gid: num('gid') };
    case 'tmpfs':
      return { type: 'tmpfs', target: r.string(`${what} target`, o.target), sizeBytes: num('sizeBytes') };
  }
}

function optionalContextPath(value: string | undefined): string | undefined {
  return value === undefined ? undefined : contextPathOrInput(value);
}
