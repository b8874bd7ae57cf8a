/** Option-reach rows of the cache policy (`CachePolicy` factories and options) and the size budget. */
import { expect } from 'vitest';
import type { Effect, ReachRow } from './option-table';
import { CacheMode, CachePolicy } from '../../src';

/** The bake target `app-runtime` reads `from` and writes `to` behind `CACHE_TO`. */
function bakeCache(from: string, to: string): Effect {
  return (after) => {
    const target = JSON.parse(after!).target['app-runtime'];
    expect(target['cache-from']).toStrictEqual([from]);
    expect(target['cache-to']).toBe(`\${compact([CACHE_TO != "" ? "${to}" : ""])}`);
  };
}

/** The Makefile passes `from` and, with `CACHE_TO`, `to` (as recipe words). */
function makeCache(from: string, to: string): Effect {
  return (after, before) => {
    expect(after).toContain(`--cache-from ${from}`);
    expect(after).toContain(`$\${CACHE_TO:+--cache-to ${to}}`);
    expect(after).toContain('CACHE_TO ?=');
    expect(before).not.toContain('--cache-from');
  };
}

/** The publishing job sets `CACHE_TO`, which the baseline did not. */
const WRITES: Effect = (after, before) => {
  expect(after).toMatch(/CACHE_TO: "1"/);
  expect(before).not.toContain('CACHE_TO');
};

const REGISTRY_FROM = "'type=registry,ref='\"$$REGISTRY\"'/app-runtime:buildcache'";
const REGISTRY_TO = "'type=registry,ref='\"$$REGISTRY\"'/app-runtime:buildcache,mode=max,oci-mediatypes=true,image-manifest=true'";
const REGISTRY_EFFECTS: ReachRow['effects'] = {
  makefile: makeCache(REGISTRY_FROM, REGISTRY_TO),
  bake: bakeCache('type=registry,ref=${REGISTRY}/app-runtime:buildcache', 'type=registry,ref=${REGISTRY}/app-runtime:buildcache,mode=max,oci-mediatypes=true,image-manifest=true'),
  workflow: WRITES,
};

/** gha: read in every output; the workflow does not write it (validation warns), so it is unchanged. */
function ghaEffects(scope: string, mode = 'max'): ReachRow['effects'] {
  return {
    makefile: makeCache(`'type=gha,scope=${scope}'`, `'type=gha,scope=${scope},mode=${mode}'`),
    bake: bakeCache(`type=gha,scope=${scope}`, `type=gha,scope=${scope},mode=${mode}`),
  };
}

export const CACHE_ROWS: ReachRow[] = [
  { option: 'ContainersProps.cache', variant: { props: { cache: CachePolicy.registry() } }, effects: REGISTRY_EFFECTS },
  { option: 'ImageFamilyProps.cache', variant: { family: { cache: CachePolicy.registry() } }, effects: REGISTRY_EFFECTS },
  { option: 'ImageProps.cache', variant: { image: { cache: CachePolicy.registry() } }, effects: REGISTRY_EFFECTS },
  { option: 'CachePolicy.registry', variant: { image: { cache: CachePolicy.registry() } }, effects: REGISTRY_EFFECTS },
  {
    option: 'RegistryCacheOptions.ref',
    variant: { image: { cache: CachePolicy.registry({ ref: 'ghcr.io/acme/cache:app' }) } },
    effects: {
      makefile: makeCache("'type=registry,ref=ghcr.io/acme/cache:app'", "'type=registry,ref=ghcr.io/acme/cache:app,mode=max,oci-mediatypes=true,image-manifest=true'"),
      bake: bakeCache('type=registry,ref=ghcr.io/acme/cache:app', 'type=registry,ref=ghcr.io/acme/cache:app,mode=max,oci-mediatypes=true,image-manifest=true'),
      workflow: WRITES,
    },
  },
  {
    option: 'RegistryCacheOptions.mode',
    variant: { image: { cache: CachePolicy.registry({ mode: CacheMode.MIN }) } },
    effects: {
      makefile: makeCache(REGISTRY_FROM, REGISTRY_TO.replace('mode=max', 'mode=min')),
      bake: bakeCache('type=registry,ref=${REGISTRY}/app-runtime:buildcache', 'type=registry,ref=${REGISTRY}/app-runtime:buildcache,mode=min,oci-mediatypes=true,image-manifest=true'),
      workflow: WRITES,
    },
  },
  { option: 'CachePolicy.gha', variant: { image: { cache: CachePolicy.gha() } }, effects: ghaEffects('app-runtime') },
  { option: 'GhaCacheOptions.scope', variant: { image: { cache: CachePolicy.gha({ scope: 'ci' }) } }, effects: ghaEffects('ci-app-runtime') },
  { option: 'GhaCacheOptions.mode', variant: { image: { cache: CachePolicy.gha({ mode: CacheMode.MIN }) } }, effects: ghaEffects('app-runtime', 'min') },
  {
    option: 'CachePolicy.inline',
    variant: { image: { cache: CachePolicy.inline() } },
    effects: {
      makefile: makeCache("'type=registry,ref='\"$$REGISTRY\"'/app-runtime:'\"$$APP_TAG\"", "'type=inline'"),
      bake: bakeCache('type=registry,ref=${REGISTRY}/app-runtime:${APP_TAG}', 'type=inline'),
      workflow: WRITES,
    },
  },
  {
    option: 'CachePolicy.local',
    variant: { image: { cache: CachePolicy.local({ dir: '.cache/buildx' }) } },
    effects: {
      makefile: makeCache("'type=local,src=.cache/buildx/app-runtime'", "'type=local,dest=.cache/buildx/app-runtime,mode=max'"),
      bake: bakeCache('type=local,src=.cache/buildx/app-runtime', 'type=local,dest=.cache/buildx/app-runtime,mode=max'),
      workflow: WRITES,
    },
  },
  {
    option: 'LocalCacheOptions.dir',
    variant: { image: { cache: CachePolicy.local({ dir: './tmp//cache/' }) } },
    effects: {
      makefile: makeCache("'type=local,src=tmp/cache/app-runtime'", "'type=local,dest=tmp/cache/app-runtime,mode=max'"),
      bake: bakeCache('type=local,src=tmp/cache/app-runtime', 'type=local,dest=tmp/cache/app-runtime,mode=max'),
      workflow: WRITES,
    },
  },
  {
    option: 'LocalCacheOptions.mode',
    variant: { image: { cache: CachePolicy.local({ dir: 'c', mode: CacheMode.MIN }) } },
    effects: {
      makefile: makeCache("'type=local,src=c/app-runtime'", "'type=local,dest=c/app-runtime,mode=min'"),
      bake: bakeCache('type=local,src=c/app-runtime', 'type=local,dest=c/app-runtime,mode=min'),
      workflow: WRITES,
    },
  },
  {
    // none on the image overrides the family's registry policy: the outputs are those of no cache at all
    option: 'CachePolicy.none',
    base: { family: { cache: CachePolicy.registry() } },
    variant: { family: { cache: CachePolicy.registry() }, image: { cache: CachePolicy.none() } },
    effects: {
      makefile: (after, before) => {
        expect(before).toContain('--cache-from');
        expect(after).not.toContain('--cache-from');
        expect(after).not.toContain('CACHE_TO');
      },
      bake: (after, before) => {
        expect(JSON.parse(before!).target['app-runtime']['cache-from']).toBeDefined();
        expect(JSON.parse(after!).target['app-runtime']['cache-from']).toBeUndefined();
      },
      workflow: (after, before) => {
        expect(before).toContain('CACHE_TO');
        expect(after).not.toContain('CACHE_TO');
      },
    },
  },
  {
    option: 'ImageProps.maxSizeMb',
    variant: { image: { maxSizeMb: 120 } },
    effects: {
      makefile: (after, before) => {
        expect(before).not.toContain('check-size');
        expect(after).toContain('check-size-app-runtime:');
        expect(after).toContain("image inspect --format '{{.Size}}' \"$$APP_RUNTIME_IMAGE\"");
        expect(after).toContain('-gt 120000000 ]');
      },
      workflow: (after, before) => {
        expect(before).not.toContain('check-size');
        expect(after).toContain('check-size-app-runtime');
      },
    },
  },
];
