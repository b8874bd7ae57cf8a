import type { ImportedMount, ImportedOptions, ImportedValue } from './import-model';

type OptionReader = { readonly name: string; readonly read: (v: string) => ImportedValue | undefined };

/** `target` and the aliases BuildKit accepts for it, on every mount type. */
const TARGET: Record<string, OptionReader> = {
  target: { name: 'target', read: path },
  dst: { name: 'target', read: path },
  destination: { name: 'target', read: path },
};

/** The file mode and owner of what a cache, secret or ssh mount creates. */
const OWNERSHIP: Record<string, OptionReader> = {
  mode: { name: 'mode', read: octal },
  uid: { name: 'uid', read: int },
  gid: { name: 'gid', read: int },
};

/** Option names of each mount type, as BuildKit spells them (aliases included), and the typed option they become. */
const OPTIONS: Record<ImportedMount['type'], Record<string, OptionReader>> = {
  cache: {
    ...TARGET,
    id: { name: 'id', read: text },
    sharing: { name: 'sharing', read: (v) => (['shared', 'private', 'locked'].includes(v) ? { enumName: 'CacheSharing', member: v.toUpperCase() } : undefined) },
    readonly: { name: 'readOnly', read: bool },
    ro: { name: 'readOnly', read: bool },
    ...OWNERSHIP,
  },
  bind: {
    ...TARGET,
    source: { name: 'source', read: text },
    src: { name: 'source', read: text },
    rw: { name: 'readWrite', read: bool },
    readwrite: { name: 'readWrite', read: bool },
  },
  secret: {
    id: { name: 'id', read: text },
    ...TARGET,
    env: { name: 'env', read: text },
    required: { name: 'required', read: bool },
    ...OWNERSHIP,
  },
  ssh: {
    id: { name: 'id', read: text },
    ...TARGET,
    required: { name: 'required', read: bool },
    ...OWNERSHIP,
  },
  tmpfs: {
    ...TARGET,
    size: { name: 'sizeBytes', read: int },
  },
};

/** Options a mount type cannot do without. */
const REQUIRED: Record<ImportedMount['type'], readonly string[]> = { cache: ['target'], bind: ['target'], secret: ['id'], ssh: [], tmpfs: ['target'] };

/**
 * Reads the value of one `--mount=` flag into a typed mount, or says why it has no typed equivalent (an option the
 * `Mount` factories do not take, such as a bind mount's `from=`, or a value they would write differently).
 * @internal
 */
export function readMountFlag(value: string): ImportedMount | { readonly problem: string } {
  const pairs = value.split(',').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [part.trim().toLowerCase(), 'true'] as const : [part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1)] as const;
  });
  const type = (pairs.find(([k]) => k === 'type')?.[1] ?? 'bind') as ImportedMount['type'];
  const known = OPTIONS[type];
  if (!known) return { problem: `mount type "${type}" has no Mount factory` };
  const options: Array<readonly [string, ImportedValue]> = [];
  for (const [key, raw] of pairs) {
    if (key === 'type') continue;
    const option = known[key];
    if (!option) return { problem: `mount option "${key}" of a ${type} mount has no typed equivalent` };
    const read = option.read(raw);
    if (read === undefined) return { problem: `mount option ${key}=${raw} has no typed equivalent` };
    if (options.some(([name]) => name === option.name)) return { problem: `mount option "${key}" is given twice` };
    options.push([option.name, read]);
  }
  for (const name of REQUIRED[type]) {
    if (!options.some(([n]) => n === name)) return { problem: `the ${type} mount has no ${name}` };
  }
  // BuildKit's defaults differ from the factories' where the factory writes its own default
  if (type === 'cache' && !options.some(([n]) => n === 'sharing')) options.push(['sharing', { enumName: 'CacheSharing', member: 'SHARED' }]);
  if ((type === 'secret' || type === 'ssh') && !options.some(([n]) => n === 'required')) options.push(['required', false]);
  return { type, options: sorted(options) } as ImportedMount;
}

function sorted(options: ReadonlyArray<readonly [string, ImportedValue]>): ImportedOptions {
  return [...options].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function text(v: string): string | undefined {
  return v.length > 0 && !/[$\\"']/.test(v) ? v : undefined;
}

function path(v: string): string | undefined {
  return text(v) !== undefined && v.startsWith('/') ? v : undefined;
}

function bool(v: string): boolean | undefined {
  return v === 'true' || v === '' ? true : v === 'false' ? false : undefined;
}

function int(v: string): number | undefined {
  return /^\d{1,9}$/.test(v) ? Number(v) : undefined;
}

function octal(v: string): string | undefined {
  return /^0?[0-7]{3,4}$/.test(v) ? v : undefined;
}
