import { Diagnostics } from '../core/diagnostics';
import { VARIABLE_PATTERN } from '../core/names';
import { controlCharacter } from '../dockerfile/hazards';
import { mountOptions } from '../dockerfile/mount-spec';
import { normalizeContextPath } from '../stage/context-path';
import { InputReader } from '../stage/input-reader';
import { Mount } from '../stage/mount';
import { readMountSpec } from '../stage/mount-reader';

/** Mount option values the `--mount=` flag carries literally (no separators, quotes, `=`, `$` or blanks). */
const MOUNT_VALUE = /^[A-Za-z0-9_.:/@%+-]+$/;
const OCTAL = /^0?[0-7]{3,4}$/;
/** The largest uid/gid (2³¹−1). @internal */
export const MAX_ID = 2 ** 31 - 1;

/**
 * Validates one `RUN --mount` at the RUN's path: option types, then each value against the grammar of the flag.
 * @internal
 */
export function validateMount(d: Diagnostics, path: string, mount: Mount): void {
  const spec = readMountSpec(mount, new InputReader((m) => d.error(path, m)));
  const type = spec.type;
  for (const [key, value] of mountOptions(spec)) {
    const control = controlCharacter(value);
    if (control) d.error(path, `${type} mount option "${key}" contains ${control}; remove it`);
    else if (value.length === 0 || /[,"'\s]/.test(value)) d.error(path, `${type} mount option "${key}" has an invalid value ${JSON.stringify(value)}: no commas, quotes or whitespace`);
    else if (!MOUNT_VALUE.test(value)) d.error(path, `${type} mount option "${key}" has an invalid value ${JSON.stringify(value)}: use only letters, digits and "._-/:@%+"`);
  }
  if ('mode' in spec && spec.mode !== undefined && !OCTAL.test(spec.mode)) d.error(path, `${type} mount option "mode" must be octal (e.g. 0755), got "${spec.mode}"`);
  if ('uid' in spec) integer(d, path, `${type} mount option "uid"`, spec.uid, 0, MAX_ID);
  if ('gid' in spec) integer(d, path, `${type} mount option "gid"`, spec.gid, 0, MAX_ID);
  if (spec.type === 'tmpfs') integer(d, path, 'tmpfs mount option "size"', spec.sizeBytes, 1, Number.MAX_SAFE_INTEGER);
  if (spec.type === 'secret') {
    if (spec.env !== undefined && !VARIABLE_PATTERN.test(spec.env)) d.error(path, `secret mount option "env" must be a variable name, got "${spec.env}"`);
    if (!/^[A-Za-z0-9_.-]+$/.test(spec.id)) d.error(path, 'secret mount id must be letters, digits, ".", "_" or "-"');
  }
  if (spec.type === 'bind' && spec.source !== undefined) {
    const n = normalizeContextPath(spec.source);
    if ('reason' in n) d.error(path, `bind mount source ${JSON.stringify(spec.source)} ${n.reason}`);
  }
  if (spec.target !== undefined && spec.target.length > 0 && !spec.target.startsWith('/')) {
    d.error(path, `${type} mount target must be an absolute path, got "${spec.target}"`);
  }
}

/** Reports `value` unless it is absent or an integer in `[min, max]`. @internal */
export function integer(d: Diagnostics, path: string, what: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max) d.error(path, `${what} must be an integer from ${min} to ${max}, got ${value}`);
}
