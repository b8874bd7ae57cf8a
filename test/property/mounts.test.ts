/**
 * Every Mount factory option with hostile strings and numbers: rejected with the one validation error, or the RUN
 * carries exactly one `--mount` flag whose options are exactly the ones given (nothing split off, nothing added), the
 * RUN still runs its command, and the image still ends as the default user.
 */
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { anything, hostileNumber, sometimes } from './arbitraries';
import { finalUser, ReadInstruction, runScript } from './dockerfile-reading';
import { Outputs } from './output-checks';
import { hostileProperty } from './property-kit';
import { CacheSharing, Containers, ImageSource, Mount } from '../../src';

const build = (mount: () => Mount) => (c: Containers) => {
  c.addFamily('app').addImage('img', { from: ImageSource.registry('busybox:1') }).run(['make'], { mounts: [mount()] });
};

function theRun(o: Outputs): ReadInstruction {
  const [file] = [...o.dockerfiles.values()];
  const stage = file.stages[file.stages.length - 1];
  const runs = stage.instructions.filter((i) => i.keyword === 'RUN');
  expect(runs.length).toBe(1);
  expect(finalUser(stage)).toBe('10001:10001');
  return runs[0];
}

/** The options of the single --mount flag, as BuildKit's CSV reader splits them. */
function mountOptions(o: Outputs): Record<string, string> {
  const run = theRun(o);
  expect(runScript(run)).toBe('make');
  expect(run.flags).toStrictEqual(['mount']);
  const value = run.flagValues[0] ?? '';
  const options: Record<string, string> = {};
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    const key = eq === -1 ? field : field.slice(0, eq);
    expect(options).not.toHaveProperty(key);
    options[key] = eq === -1 ? '' : field.slice(eq + 1);
  }
  return options;
}

/** Fields of a CSV record (Go's encoding/csv, which BuildKit uses for --mount): quotes group, `""` is a quote. */
function csvFields(text: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        current += c;
      }
    } else if (c === '"' && current === '') {
      quoted = true;
    } else if (c === ',') {
      fields.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  fields.push(current);
  return fields;
}

/** Expects option `key` to be `value` (when given) and no option outside `allowed`. */
function expectOption(o: Outputs, type: string, given: Record<string, unknown>, allowed: readonly string[]): void {
  const options = mountOptions(o);
  expect(options.type).toBe(type);
  expect(Object.keys(options).filter((k) => k !== 'type' && !allowed.includes(k))).toStrictEqual([]);
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) expect(options[key]).toBe(String(value));
  }
}

describe('Mount factories with hostile options', () => {
  hostileProperty('Mount.cache({ target, id, mode, uid, gid }) is one --mount with exactly those options', 2001,
    fc.record({
      target: sometimes<unknown>('/cache', anything('/cache')),
      id: fc.option(sometimes<unknown>('cache-id', anything('cache-id')), { nil: undefined }),
      mode: fc.option(sometimes<unknown>('0755', anything('0755')), { nil: undefined }),
      uid: fc.option(sometimes<unknown>(1000, hostileNumber), { nil: undefined }),
      gid: fc.option(sometimes<unknown>(1000, hostileNumber), { nil: undefined }),
    }), {
      benign: { target: '/cache', id: 'cache-id', mode: '0755', uid: 1, gid: 1 } as Record<string, unknown>,
      build: (v) => build(() => Mount.cache({ ...(v as object), sharing: CacheSharing.LOCKED } as never)),
      sameStructure: false,
      expect: (v, o) => expectOption(o, 'cache', { target: v.target, id: v.id, mode: v.mode, uid: v.uid, gid: v.gid }, ['target', 'id', 'mode', 'uid', 'gid', 'sharing']),
    });

  hostileProperty('Mount.cache with a hostile sharing or readOnly value', 2002, fc.record({ sharing: anything('locked'), readOnly: fc.constantFrom<unknown>(true, false, 'yes', 0, null) }), {
    benign: { sharing: 'locked', readOnly: true } as Record<string, unknown>,
    build: (v) => build(() => Mount.cache({ target: '/cache', sharing: v.sharing as CacheSharing, readOnly: v.readOnly as boolean })),
    sameStructure: false,
    expect: (v, o) => {
      expectOption(o, 'cache', { sharing: v.sharing ?? 'locked' }, ['target', 'sharing', 'readonly']);
      expect(['shared', 'private', 'locked']).toContain(v.sharing ?? 'locked');
    },
  });

  hostileProperty('Mount.bind({ target, source }) is one --mount reading exactly that source, inside the context', 2003,
    fc.record({ target: anything('/src'), source: fc.option(anything('src'), { nil: undefined }) }), {
      benign: { target: '/src', source: 'src' } as Record<string, unknown>,
      build: (v) => build(() => Mount.bind(v as never)),
      sameStructure: false,
      expect: (v, o) => {
        expectOption(o, 'bind', { target: v.target }, ['target', 'source', 'readwrite', 'from']);
        if (v.source !== undefined) {
          const source = mountOptions(o).source;
          expect(source === String(v.source) || source === String(v.source).replace(/^\.\/+/, '').replace(/\/+$/, '')).toBe(true);
          expect(String(v.source).split('/')).not.toContain('..');
        }
      },
    });

  hostileProperty('Mount.secret({ id, target, env, mode }) is one --mount with exactly those options', 2004,
    fc.record({
      id: sometimes<unknown>('token', anything('token')),
      target: fc.option(sometimes<unknown>('/run/secrets/token', anything('/run/secrets/token')), { nil: undefined }),
      env: fc.option(sometimes<unknown>('TOKEN', anything('TOKEN')), { nil: undefined }),
      mode: fc.option(sometimes<unknown>('0400', anything('0400')), { nil: undefined }),
    }), {
      benign: { id: 'token', target: '/run/secrets/token', env: undefined, mode: '0400' } as Record<string, unknown>,
      build: (v) => build(() => Mount.secret(v as never)),
      sameStructure: false,
      expect: (v, o) => expectOption(o, 'secret', { id: v.id, target: v.target, env: v.env, mode: v.mode }, ['id', 'target', 'env', 'mode', 'required', 'uid', 'gid']),
    });

  hostileProperty('Mount.ssh({ id, target, mode }) is one --mount with exactly those options', 2005,
    fc.record({ id: fc.option(anything('default'), { nil: undefined }), target: fc.option(anything('/run/ssh'), { nil: undefined }), mode: fc.option(anything('0600'), { nil: undefined }) }), {
      benign: { id: 'default', target: '/run/ssh', mode: '0600' } as Record<string, unknown>,
      build: (v) => build(() => Mount.ssh(v as never)),
      sameStructure: false,
      expect: (v, o) => expectOption(o, 'ssh', { id: v.id, target: v.target, mode: v.mode }, ['id', 'target', 'mode', 'required', 'uid', 'gid']),
    });

  hostileProperty('Mount.tmpfs({ target, sizeBytes }) is one --mount with exactly those options', 2006,
    fc.record({ target: anything('/tmp/x'), sizeBytes: fc.option(hostileNumber, { nil: undefined }) }), {
      benign: { target: '/tmp/x', sizeBytes: 1024 } as Record<string, unknown>,
      build: (v) => build(() => Mount.tmpfs(v as never)),
      sameStructure: false,
      expect: (v, o) => {
        expectOption(o, 'tmpfs', { target: v.target, size: v.sizeBytes }, ['target', 'size']);
        if (v.sizeBytes !== undefined) expect(Number.isSafeInteger(v.sizeBytes) && (v.sizeBytes as number) > 0).toBe(true);
      },
    });

  hostileProperty('untyped mount options objects never crash', 2007, fc.tuple(fc.constantFrom('cache', 'bind', 'secret', 'ssh', 'tmpfs'), fc.constantFrom<unknown>(undefined, null, 0, 'x', [], {})), {
    benign: ['cache', { target: '/c' }] as [string, unknown],
    build: ([kind, options]) => build(() => (Mount as unknown as Record<string, (o: unknown) => Mount>)[kind](options)),
    sameStructure: false,
    expect: ([kind, options], o) => {
      // only ssh has no required option
      expect(kind === 'ssh' || (typeof options === 'object' && options !== null && 'target' in options)).toBe(true);
      theRun(o);
    },
  });
});
