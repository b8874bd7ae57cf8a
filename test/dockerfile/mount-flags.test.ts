/**
 * `Mount` (src/stage/mount.ts) as typed data: what each factory records, its `MountSpec` after reading (defaults
 * filled in), and the `--mount=` flag the printer writes for it.
 */
import { describe, expect, test } from 'vitest';
import { CacheSharing, Mount } from '../../src';
import { printDockerfile } from '../../src/dockerfile/printer';
import { InputReader } from '../../src/stage/input-reader';
import { readMountSpec } from '../../src/stage/mount-reader';

function flagOf(mount: Mount): string {
  const problems: string[] = [];
  const spec = readMountSpec(mount, new InputReader((m) => problems.push(m)));
  expect(problems).toStrictEqual([]);
  return printDockerfile([{ kind: 'instruction', keyword: 'RUN', flags: [{ kind: 'mount', mount: spec }], args: [{ kind: 'shell', command: 'x' }] }])
    .replace(/ x\n$/, '').replace(/^RUN /, '');
}

describe('the --mount= flag of each factory', () => {
  test.each<[string, Mount, string]>([
    ['cache, defaults (sharing=locked)', Mount.cache({ target: '/var/cache/apt' }), '--mount=type=cache,target=/var/cache/apt,sharing=locked'],
    [
      'cache, every option',
      Mount.cache({ target: '/root/.cache', id: 'pip', sharing: CacheSharing.PRIVATE, readOnly: true, mode: '0755', uid: 1000, gid: 0 }),
      '--mount=type=cache,id=pip,target=/root/.cache,sharing=private,readonly=true,mode=0755,uid=1000,gid=0',
    ],
    ['cache, readOnly false writes nothing', Mount.cache({ target: '/c', readOnly: false }), '--mount=type=cache,target=/c,sharing=locked'],
    ['bind, defaults', Mount.bind({ target: '/src' }), '--mount=type=bind,target=/src'],
    ['bind, source normalised, readwrite', Mount.bind({ target: '/src', source: './src//', readWrite: true }), '--mount=type=bind,source=src,target=/src,readwrite=true'],
    ['secret, defaults (required=true)', Mount.secret({ id: 'npmrc' }), '--mount=type=secret,id=npmrc,required=true'],
    ['secret as env', Mount.secret({ id: 'api', env: 'API_TOKEN' }), '--mount=type=secret,id=api,env=API_TOKEN,required=true'],
    ['ssh, defaults', Mount.ssh(), '--mount=type=ssh,required=true'],
    [
      'ssh, every option',
      Mount.ssh({ id: 'github', target: '/run/ssh.sock', required: false, mode: '0600', uid: 1000, gid: 1000 }),
      '--mount=type=ssh,id=github,target=/run/ssh.sock,required=false,mode=0600,uid=1000,gid=1000',
    ],
    ['tmpfs, size', Mount.tmpfs({ target: '/tmp', sizeBytes: 67108864 }), '--mount=type=tmpfs,target=/tmp,size=67108864'],
  ])('%s', (_name, mount, flag) => {
    expect(flagOf(mount)).toBe(flag);
  });
});

describe('Mount records its input unchecked', () => {
  test('bind mounts name the normalised context path they read; other types and non-strings none', () => {
    expect(Mount.bind({ target: '/src' })._contextSource).toBe('.');
    expect(Mount.bind({ target: '/src', source: './go.mod' })._contextSource).toBe('go.mod');
    expect(Mount.bind({ target: '/src', source: 5 as any })._contextSource).toBeUndefined();
    expect(Mount.cache({ target: '/c' })._contextSource).toBeUndefined();
  });

  test('untyped input does not throw; reading reports it', () => {
    const mount = Mount.cache(undefined as any);
    const problems: string[] = [];
    readMountSpec(mount, new InputReader((m) => problems.push(m)));
    expect(problems).toStrictEqual(['cache mount options must be an object, got undefined', 'cache mount target must be a string, got undefined']);
    expect(Mount.isMount(mount)).toBe(true);
    expect(Mount.isMount({ _type: 'cache' })).toBe(false);
  });
});
