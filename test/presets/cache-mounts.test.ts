import { describe, expect, test } from 'vitest';
import { dockerfileOf } from './support';
import { CacheMounts, ImageSource, Mount } from '../../src';

/** The `--mount=…` flags of `RUN true` with `mounts`, in order. */
function flags(mounts: Mount[]): string[] {
  const dockerfile = dockerfileOf((f) => f.addImage('runtime', { from: ImageSource.scratch() }).run(['true'], { mounts }));
  return [...dockerfile.matchAll(/--mount=(\S+)/g)].map((m) => m[1]);
}

describe('cache-mount presets: stable ids, the sharing mode each tool needs, printed like any mount', () => {
  test.each([
    ['apk', () => [CacheMounts.apk()], ['type=cache,id=apk-cache,target=/etc/apk/cache,sharing=locked']],
    ['pip', () => [CacheMounts.pip()], ['type=cache,id=pip,target=/root/.cache/pip,sharing=shared']],
    ['uv', () => [CacheMounts.uv()], ['type=cache,id=uv,target=/root/.cache/uv,sharing=shared']],
    ['poetry', () => [CacheMounts.poetry()], ['type=cache,id=poetry,target=/root/.cache/pypoetry,sharing=locked']],
    ['npm', () => [CacheMounts.npm()], ['type=cache,id=npm,target=/root/.npm,sharing=shared']],
    ['pnpm', () => [CacheMounts.pnpm()], ['type=cache,id=pnpm,target=/root/.local/share/pnpm/store,sharing=shared']],
    ['yarn', () => [CacheMounts.yarn()], ['type=cache,id=yarn,target=/root/.cache/yarn,sharing=locked']],
    ['goModules', () => [CacheMounts.goModules()], ['type=cache,id=go-mod,target=/go/pkg/mod,sharing=shared']],
    ['goBuild', () => [CacheMounts.goBuild()], ['type=cache,id=go-build,target=/root/.cache/go-build,sharing=shared']],
    ['cargoRegistry', () => [CacheMounts.cargoRegistry()], ['type=cache,id=cargo-registry,target=/usr/local/cargo/registry,sharing=shared']],
    ['cargoGit', () => [CacheMounts.cargoGit()], ['type=cache,id=cargo-git,target=/usr/local/cargo/git,sharing=shared']],
    ['cargoTarget', () => [CacheMounts.cargoTarget('/src/target', 'api')], ['type=cache,id=cargo-target-api,target=/src/target,sharing=locked']],
    ['maven', () => [CacheMounts.maven()], ['type=cache,id=maven,target=/root/.m2/repository,sharing=locked']],
    ['gradle', () => [CacheMounts.gradle()], ['type=cache,id=gradle,target=/root/.gradle/caches,sharing=shared']],
    ['nuget', () => [CacheMounts.nuget()], ['type=cache,id=nuget,target=/root/.nuget/packages,sharing=shared']],
  ] as const)('%s', (_name, mounts, expected) => {
    expect(flags(mounts())).toStrictEqual(expected);
  });

  test('apt: the archive and the lists, both locked', () => {
    expect(flags(CacheMounts.apt())).toStrictEqual([
      'type=cache,id=apt-cache,target=/var/cache/apt,sharing=locked',
      'type=cache,id=apt-lists,target=/var/lib/apt/lists,sharing=locked',
    ]);
  });

  test('a non-root build user: the cache is owned by its uid (gid defaults to it) and lives in its home', () => {
    expect(flags([CacheMounts.npm({ uid: 10001, home: '/home/app/' })])).toStrictEqual([
      'type=cache,id=npm,target=/home/app/.npm,sharing=shared,uid=10001,gid=10001',
    ]);
    expect(flags([CacheMounts.goModules({ uid: 10001, gid: 0 })])).toStrictEqual([
      'type=cache,id=go-mod,target=/go/pkg/mod,sharing=shared,uid=10001,gid=0',
    ]);
  });

  test('each preset is a normal Mount', () => {
    expect(Mount.isMount(CacheMounts.pip())).toBe(true);
    expect(CacheMounts.apt().every((m) => Mount.isMount(m))).toBe(true);
  });
});
