/**
 * Every Stage method fed hostile strings (and wrong-typed values): rejected with the one validation error, or the
 * Dockerfile holds exactly the instruction the model describes — one RUN running exactly the commands, exec-form
 * argv equal to the given list, ENV/LABEL values unchanged and not expanded, no flag the model did not set, and
 * the image still ends as the expected user.
 */
import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { anything, hostileAround, hostileList, hostileNumber, hostileString, sometimes } from './arbitraries';
import { buildKitWords, finalUser, ReadInstruction, ReadStage, runScript } from './dockerfile-reading';
import { Outputs } from './output-checks';
import { hostileProperty } from './property-kit';
import { Image, ImageSource, Stage } from '../../src';

/** Family `app`, image `img` from busybox; `configure` calls the method under test on the image. */
const onImage = (configure: (image: Image) => void) => (c: import('../../src').Containers) => {
  configure(c.addFamily('app').addImage('img', { from: ImageSource.registry('busybox:1') }));
};

/** The image's stage (the last stage of the only Dockerfile). */
function imageStage(o: Outputs): ReadStage {
  const [file] = [...o.dockerfiles.values()];
  return file.stages[file.stages.length - 1];
}

/** The single instruction of `keyword` the image holds (fails when there are more or none). */
function only(o: Outputs, keyword: string): ReadInstruction {
  const found = imageStage(o).instructions.filter((i) => i.keyword === keyword);
  expect(found.map((i) => i.keyword)).toStrictEqual([keyword]);
  return found[0];
}

/** Arguments of COPY/ADD as BuildKit splits them: a JSON array, else whitespace-separated words (no unquoting). */
function pathArgs(i: ReadInstruction): string[] {
  const content = i.content.trim();
  if (content.startsWith('[')) {
    try {
      return JSON.parse(content) as string[];
    } catch {
      // not JSON: BuildKit reads it as words
    }
  }
  return content.split(/\s+/).filter((w) => w !== '');
}

/** `$name` / `${…}` that BuildKit would expand in COPY/ADD/WORKDIR arguments. */
const EXPANSION = /(^|[^\\])\$[{A-Za-z_]/;

const DEFAULT_USER = '10001:10001';

const expectFinalUser = (o: Outputs, user = DEFAULT_USER) => {
  const last = finalUser(imageStage(o));
  expect(last === undefined ? undefined : buildKitWords(last).words).toStrictEqual([user]);
};

describe('Stage methods with hostile strings', () => {
  hostileProperty('run([command]) is one RUN running exactly the command', 1001, hostileAround('echo hi'), {
    benign: 'echo hi',
    build: (cmd) => onImage((i) => i.run([cmd])),
    expect: (cmd, o) => {
      const run = only(o, 'RUN');
      expect(run.flags).toStrictEqual([]);
      expect(runScript(run)).toBe(cmd);
      expectFinalUser(o);
    },
  });

  hostileProperty('run([a, b]) is one RUN running exactly the commands, in order', 1002, fc.tuple(hostileAround('echo a'), hostileAround('echo b')), {
    benign: ['echo a', 'echo b'] as [string, string],
    build: ([a, b]) => onImage((i) => i.run([a, b])),
    expect: ([a, b], o) => {
      const run = only(o, 'RUN');
      expect(run.flags).toStrictEqual([]);
      expect(runScript(run)).toBe(`${a}\n${b}`);
      expectFinalUser(o);
    },
  });

  hostileProperty('run(untyped commands) never crashes', 1003, hostileList('echo hi'), {
    benign: ['echo hi'],
    build: (cmds) => onImage((i) => i.run(cmds as string[])),
    sameStructure: false,
    expect: (cmds, o) => {
      expect(Array.isArray(cmds)).toBe(true);
      const list = cmds as unknown[];
      if (list.length === 0) return;
      expect(runScript(only(o, 'RUN'))).toBe(list.join('\n'));
      expectFinalUser(o);
    },
  });

  hostileProperty('copy([source], destination) copies exactly that source to that destination', 1004, fc.tuple(hostileAround('src'), hostileAround('/app/')), {
    benign: ['src', '/app/'] as [string, string],
    build: ([s, d]) => onImage((i) => i.copy([s], d)),
    expect: ([s, d], o) => {
      const copy = only(o, 'COPY');
      expect(copy.flags).toStrictEqual(['link']);
      // `./src` and `src` name the same context path; the destination keeps its trailing slash (a directory)
      expect(pathArgs(copy).map((a) => posix.normalize(a))).toStrictEqual([posix.normalize(s), posix.normalize(d)]);
      expect(copy.content).not.toMatch(EXPANSION);
      expectFinalUser(o);
    },
  });

  hostileProperty('copy options chown/chmod are one flag value each', 1005, fc.tuple(sometimes<unknown>('1000:1000', anything('1000:1000')), sometimes<unknown>('0755', anything('0755'))), {
    benign: ['1000:1000', '0755'] as [unknown, unknown],
    build: ([chown, chmod]) => onImage((i) => i.copy(['src'], '/app/', { chown: chown as string, chmod: chmod as string })),
    expect: ([chown, chmod], o) => {
      const copy = only(o, 'COPY');
      expect(copy.flags).toStrictEqual(['link', 'chown', 'chmod'].filter((f) => f === 'link' || copy.flags.includes(f)));
      expect(copy.flagValues.filter((v) => v !== null)).toStrictEqual([chown, chmod].filter((v) => v !== undefined));
      expect(pathArgs(copy)).toStrictEqual(['src', '/app/']);
    },
    sameStructure: false,
  });

  hostileProperty('add(url, destination, { checksum }) downloads exactly that URL', 1006, fc.tuple(hostileAround('https://example.com/a.tgz'), hostileAround('/opt/a.tgz'), sometimes<unknown>(`sha256:${'a'.repeat(64)}`, anything(`sha256:${'a'.repeat(64)}`))), {
    benign: ['https://example.com/a.tgz', '/opt/a.tgz', `sha256:${'a'.repeat(64)}`] as [string, string, unknown],
    build: ([url, dest, checksum]) => onImage((i) => i.add(url, dest, { checksum: checksum as string })),
    expect: ([url, dest, checksum], o) => {
      const add = only(o, 'ADD');
      expect(add.flags.filter((f) => !['checksum', 'chmod', 'link'].includes(f))).toStrictEqual([]);
      expect(add.flagValues[add.flags.indexOf('checksum')]).toBe(checksum);
      expect(pathArgs(add)).toStrictEqual([url, dest]);
      expect(add.content).not.toMatch(EXPANSION);
      expectFinalUser(o);
    },
  });

  hostileProperty('workdir(path) is one WORKDIR of exactly that path', 1007, anything('/work'), {
    benign: '/work' as unknown,
    build: (p) => onImage((i) => i.workdir(p as string)),
    expect: (p, o) => {
      expect(buildKitWords(only(o, 'WORKDIR').content).words).toStrictEqual([p]);
      expect(String(p)).not.toMatch(EXPANSION);
      expectFinalUser(o);
    },
  });

  hostileProperty('user(user) sets exactly that final user', 1008, anything('1000:1000'), {
    benign: '1000:1000' as unknown,
    build: (u) => onImage((i) => i.user(u as string)),
    sameStructure: false,
    expect: (u, o) => {
      expectFinalUser(o, String(u));
      // published images run as a numeric non-root user
      expect(String(u)).toMatch(/^[0-9]+(:[0-9]+)?$/);
      const [uid, gid = uid] = String(u).split(':').map(Number);
      expect(uid).toBeGreaterThan(0);
      expect(Math.max(uid, gid)).toBeLessThanOrEqual(2 ** 31 - 1);
    },
  });

  hostileProperty('expose(port, protocol) is one EXPOSE port/protocol', 1009, fc.tuple(hostileNumber, fc.oneof(fc.constantFrom<unknown>('tcp', 'udp'), anything('tcp'))), {
    benign: [8080, 'tcp'] as [unknown, unknown],
    build: ([port, proto]) => onImage((i) => i.expose(port as number, proto as never)),
    expect: ([port, proto], o) => {
      expect(buildKitWords(only(o, 'EXPOSE').content).words).toStrictEqual([`${String(port)}/${String(proto)}`]);
      expect(Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535).toBe(true);
    },
  });

  hostileProperty('arg(name, default) is one ARG name=default', 1010, fc.tuple(anything('MY_ARG'), fc.option(anything('value'), { nil: undefined })), {
    benign: ['MY_ARG', 'value'] as [unknown, unknown],
    build: ([name, value]) => onImage((i) => i.arg(name as string, value as string)),
    sameStructure: false,
    expect: ([name, value], o) => {
      const arg = only(o, 'ARG');
      const { words } = buildKitWords(arg.content);
      expect(words).toStrictEqual([value === undefined ? String(name) : `${String(name)}=${String(value)}`]);
      expectFinalUser(o);
    },
  });

  hostileProperty('env({ key: value }) is one ENV with exactly that value, not expanded', 1011, fc.tuple(anything('MY_VAR'), anything('value')), {
    benign: ['MY_VAR', 'value'] as [unknown, unknown],
    build: ([k, v]) => onImage((i) => i.env({ [String(k)]: v as string })),
    expect: ([k, v], o) => {
      const { words, expands } = buildKitWords(only(o, 'ENV').content);
      expect(words).toStrictEqual([`${String(k)}=${String(v)}`]);
      expect(expands).toBe(false);
      expectFinalUser(o);
    },
  });

  hostileProperty('label({ key: value }) is a LABEL with exactly that value, not expanded', 1012, fc.tuple(anything('com.example.key'), anything('value')), {
    benign: ['com.example.key', 'value'] as [unknown, unknown],
    build: ([k, v]) => onImage((i) => i.label({ [String(k)]: v as string })),
    expect: ([k, v], o) => {
      const labels = imageStage(o).instructions.filter((i) => i.keyword === 'LABEL').map((i) => buildKitWords(i.content));
      expect(labels.some((l) => l.words.includes(`${String(k)}=${String(v)}`))).toBe(true);
      expect(labels.some((l) => l.expands)).toBe(false);
      expectFinalUser(o);
    },
  });

  for (const [method, seed] of [['entrypoint', 1013], ['cmd', 1014], ['shell', 1015]] as const) {
    hostileProperty(`${method}(argv) is one exec-form instruction with exactly that argv`, seed, fc.array(hostileAround('/bin/app'), { minLength: 1, maxLength: 3 }), {
      benign: method === 'shell' ? ['/bin/sh', '-c'] : ['/bin/app'],
      build: (argv) => onImage((i: Stage) => i[method](argv)),
      expect: (argv, o) => {
        expect(JSON.parse(only(o, method.toUpperCase()).content)).toStrictEqual(argv);
        expectFinalUser(o);
      },
    });
  }

  hostileProperty('entrypoint/cmd/shell with untyped argv never crash', 1016, fc.tuple(fc.constantFrom('entrypoint', 'cmd', 'shell'), hostileList('/bin/app')), {
    benign: ['cmd', ['/bin/app']] as ['entrypoint' | 'cmd' | 'shell', unknown],
    build: ([method, argv]) => onImage((i: Stage) => i[method](argv as string[])),
    sameStructure: false,
    expect: ([method, argv], o) => {
      expect(JSON.parse(only(o, method.toUpperCase()).content)).toStrictEqual(argv);
    },
  });

  hostileProperty('healthcheck({ command, …seconds }) is one HEALTHCHECK with exactly that command', 1017,
    fc.tuple(fc.array(hostileAround('/bin/health'), { minLength: 1, maxLength: 2 }), fc.option(hostileNumber, { nil: undefined }), fc.option(hostileNumber, { nil: undefined })), {
      benign: [['/bin/health'], 30, 3] as [string[], unknown, unknown],
      build: ([command, interval, retries]) => onImage((i) =>
        i.healthcheck({ command, intervalSeconds: interval as number, retries: retries as number })),
      sameStructure: false,
      expect: ([command, interval, retries], o) => {
        const hc = only(o, 'HEALTHCHECK');
        const cmd = /^CMD\s+(.*)$/s.exec(hc.content.trim());
        expect(cmd).not.toBeNull();
        expect(JSON.parse(cmd![1])).toStrictEqual(command);
        expect(hc.flags.filter((f) => !['interval', 'timeout', 'start-period', 'start-interval', 'retries'].includes(f))).toStrictEqual([]);
        for (const n of [interval, retries]) if (n !== undefined) expect(Number.isInteger(n) && (n as number) > 0).toBe(true);
        expectFinalUser(o);
      },
    });

  hostileProperty('stopSignal(signal) is one STOPSIGNAL of exactly that signal', 1018, fc.oneof(fc.constantFrom<unknown>('SIGKILL', '9', 'SIGRTMIN+3'), anything('SIGTERM')), {
    benign: 'SIGTERM' as unknown,
    build: (s) => onImage((i) => i.stopSignal(s as string)),
    expect: (s, o) => {
      expect(buildKitWords(only(o, 'STOPSIGNAL').content).words).toStrictEqual([s]);
      expectFinalUser(o);
    },
  });

  hostileProperty('addRawLine(line) stays one line: one instruction, the image still ends as the default user', 1019, anything('RUN true'), {
    benign: 'RUN true' as unknown,
    build: (line) => onImage((i) => i.addRawLine(line as string)),
    sameStructure: false,
    expect: (_line, o) => {
      const stage = imageStage(o);
      // FROM, the raw line, the OCI title LABEL, USER
      expect(stage.instructions.length).toBe(3);
      expectFinalUser(o);
      expect(o.dockerfiles.size).toBe(1);
    },
  });

  hostileProperty('methods called with hostile strings in a build stage keep the image user', 1020, fc.tuple(hostileString, hostileString), {
    benign: ['echo a', '/x'] as [string, string],
    build: ([cmd, path]) => (c) => {
      const img = c.addFamily('app').addImage('img', { from: ImageSource.registry('busybox:1') });
      const build = img.addStage('build', { from: ImageSource.registry('busybox:1') });
      build.run([cmd]);
      build.workdir(`/${path}`);
      img.copy(['/out'], '/out', { from: build });
    },
    expect: (_v, o) => {
      expectFinalUser(o);
      const [file] = [...o.dockerfiles.values()];
      expect(file.stages.length).toBe(2);
    },
  });
});
