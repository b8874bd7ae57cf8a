/**
 * `Mount` (src/stage/mount.ts): the `--mount=` flag each factory writes into the Dockerfile, and `_problems()`.
 * Kept with the Dockerfile tests because the flag text is Dockerfile output.
 */
import { describe, expect, test } from 'vitest';
import { CacheSharing, Mount } from '../../src';

describe('Mount._flag()', () => {
  test.each<[string, Mount, string]>([
    ['cache, defaults (sharing=locked)', Mount.cache({ target: '/var/cache/apt' }), '--mount=type=cache,target=/var/cache/apt,sharing=locked'],
    [
      'cache, every option',
      Mount.cache({ target: '/root/.cache', id: 'pip', sharing: CacheSharing.PRIVATE, readOnly: true, mode: '0755', uid: 1000, gid: 0 }),
      '--mount=type=cache,id=pip,target=/root/.cache,sharing=private,readonly=true,mode=0755,uid=1000,gid=0',
    ],
    ['cache, shared', Mount.cache({ target: '/go/pkg/mod', sharing: CacheSharing.SHARED }), '--mount=type=cache,target=/go/pkg/mod,sharing=shared'],
    ['cache, readOnly false writes nothing', Mount.cache({ target: '/c', readOnly: false }), '--mount=type=cache,target=/c,sharing=locked'],
    ['bind, defaults', Mount.bind({ target: '/src' }), '--mount=type=bind,target=/src'],
    ['bind, source and readwrite', Mount.bind({ target: '/src', source: 'src', readWrite: true }), '--mount=type=bind,source=src,target=/src,readwrite=true'],
    ['secret, defaults (required=true)', Mount.secret({ id: 'npmrc' }), '--mount=type=secret,id=npmrc,required=true'],
    [
      'secret, every option',
      Mount.secret({ id: 'npmrc', target: '/root/.npmrc', required: false, mode: '0440', uid: 1, gid: 2 }),
      '--mount=type=secret,id=npmrc,target=/root/.npmrc,required=false,mode=0440,uid=1,gid=2',
    ],
    ['secret as env', Mount.secret({ id: 'api', env: 'API_TOKEN' }), '--mount=type=secret,id=api,env=API_TOKEN,required=true'],
    ['ssh, defaults', Mount.ssh(), '--mount=type=ssh,required=true'],
    [
      'ssh, every option',
      Mount.ssh({ id: 'github', target: '/run/ssh.sock', required: false, mode: '0600', uid: 1000, gid: 1000 }),
      '--mount=type=ssh,id=github,target=/run/ssh.sock,required=false,mode=0600,uid=1000,gid=1000',
    ],
    ['tmpfs, defaults', Mount.tmpfs({ target: '/tmp' }), '--mount=type=tmpfs,target=/tmp'],
    ['tmpfs, size', Mount.tmpfs({ target: '/tmp', sizeBytes: 67108864 }), '--mount=type=tmpfs,target=/tmp,size=67108864'],
  ])('%s', (_name, mount, flag) => {
    expect(mount._flag()).toBe(flag);
  });

  test('bind mounts record the context path they read; other types read none', () => {
    expect(Mount.bind({ target: '/src' })._contextSource).toBe('.');
    expect(Mount.bind({ target: '/src', source: 'go.mod' })._contextSource).toBe('go.mod');
    expect(Mount.cache({ target: '/c' })._contextSource).toBeUndefined();
    expect(Mount.secret({ id: 's' })._contextSource).toBeUndefined();
  });
});

describe('Mount._problems()', () => {
  test.each<[string, Mount, string[]]>([
    ['a valid cache mount', Mount.cache({ target: '/c', id: 'apt-cache', mode: '0755', uid: 0 }), []],
    ['a valid ssh mount without target', Mount.ssh(), []],
    ['a relative target', Mount.cache({ target: 'var/cache' }), ['cache mount target must be an absolute path, got "var/cache"']],
    ['a relative tmpfs target', Mount.tmpfs({ target: 'tmp' }), ['tmpfs mount target must be an absolute path, got "tmp"']],
    ['a non-octal mode', Mount.cache({ target: '/c', mode: '0789' }), ['cache mount option "mode" must be octal (e.g. 0755), got "0789"']],
    ['a symbolic mode', Mount.secret({ id: 's', mode: 'u+r' }), ['secret mount option "mode" must be octal (e.g. 0755), got "u+r"']],
    [
      'a comma in the id',
      Mount.cache({ target: '/c', id: 'a,target=/etc' }),
      ['cache mount option "id" has an invalid value "a,target=/etc": no commas, quotes or whitespace'],
    ],
    ['a space in the target', Mount.bind({ target: '/a b' }), ['bind mount option "target" has an invalid value "/a b": no commas, quotes or whitespace']],
    ['an empty id', Mount.cache({ target: '/c', id: '' }), ['cache mount option "id" has an invalid value "": no commas, quotes or whitespace']],
    ['a bad secret env', Mount.secret({ id: 's', env: '1TOKEN' }), ['secret mount option "env" must be a variable name, got "1TOKEN"']],
    ['a negative uid', Mount.cache({ target: '/c', uid: -1 }), ['cache mount option "uid" must be a non-negative integer, got "-1"']],
    ['a fractional size', Mount.tmpfs({ target: '/t', sizeBytes: 1.5 }), ['tmpfs mount option "size" must be a non-negative integer, got "1.5"']],
    [
      'several problems, in option order',
      Mount.cache({ target: 'rel', mode: '999', gid: -2 }),
      [
        'cache mount option "mode" must be octal (e.g. 0755), got "999"',
        'cache mount option "gid" must be a non-negative integer, got "-2"',
        'cache mount target must be an absolute path, got "rel"',
      ],
    ],
  ])('%s', (_name, mount, problems) => {
    expect(mount._problems()).toStrictEqual(problems);
  });
});
