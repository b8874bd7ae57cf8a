/** Option-reach rows of the cache policy (`CachePolicy` factories and options) and the size budget. */
import { expect } from 'vitest';
import type { Effect, ReachRow } from './option-table';
import { CacheMode, CachePolicy, CacheSource } from '../../src';

/** The bake target `app-runtime` reads `from` (a list, or one expression) and writes `to` behind `CACHE_TO`. */
function bakeCache(from: string | string[], ...to: string[]): Effect {
  return (after) => {
    const target = JSON.parse(after!).target['app-runtime'];
    expect(target['cache-from']).toStrictEqual(typeof from === 'string' ? [from] : from);
    expect(target['cache-to']).toBe(`\${compact([${to.map((t) => `CACHE_TO != "" ? "${t}" : ""`).join(', ')}])}`);
  };
}

/** The Makefile passes every `from` and, with `CACHE_TO`, every `to` (as recipe words). */
function makeCache(from: string | string[], ...to: string[]): Effect {
  return (after, before) => {
    for (const f of typeof from === 'string' ? [`--cache-from ${from}`] : from) expect(after).toContain(f);
    for (const t of to) expect(after).toContain(`$\${CACHE_TO:+--cache-to ${t}}`);
    expect(after).toContain('CACHE_TO ?=');
    expect(before).not.toContain('--cache-from');
  };
}

/** The output holds every `text`, which the baseline did not all hold. */
function has(...texts: string[]): Effect {
  return (after, before) => {
    for (const t of texts) expect(after).toContain(t);
    expect(texts.every((t) => before?.includes(t))).toBe(false);
  };
}

/** The publishing job sets `CACHE_TO`, which the baseline did not. */
const WRITES: Effect = (after, before) => {
  expect(after).toMatch(/CACHE_TO: "1"/);
  expect(before).not.toContain('CACHE_TO');
};

/** The registry chain of `ref` (`makeRef`: the recipe text of the ref, its last single quote left open). */
function registryEffects(makeRef: string, bakeRef: string, mode = 'max', extra: { make: string[]; bake: string[] } = { make: [], bake: [] }): ReachRow['effects'] {
  const writeTail = `,mode=${mode},oci-mediatypes=true,image-manifest=true`;
  return {
    makefile: (after, before) => {
      makeCache([
        `$\${GIT_PR:+--cache-from ${makeRef}-pr-'"$$GIT_PR"}`,
        `$\${CACHE_BRANCH:+--cache-from ${makeRef}-branch-'"$$CACHE_BRANCH"}`,
        `--cache-from ${makeRef}' \\`,
        ...extra.make,
      ], `${makeRef}'"$$CACHE_SUFFIX"'${writeTail}'`)(after, before);
      // the chain's facts, computed from the git facts (default branch main)
      expect(after).toContain('CACHE_BRANCH := $(if $(filter-out main,$(GIT_BRANCH)),$(GIT_BRANCH))');
      expect(after).toContain('CACHE_SUFFIX := $(if $(GIT_PR),-pr-$(GIT_PR),$(if $(CACHE_BRANCH),-branch-$(CACHE_BRANCH)))');
    },
    bake: (after) => {
      const doc = JSON.parse(after!);
      const target = doc.target['app-runtime'];
      expect(target['cache-from']).toBe(`\${compact([GIT_PR != "" ? "${bakeRef}-pr-\${GIT_PR}" : "", CACHE_BRANCH != "" ? "${bakeRef}-branch-\${CACHE_BRANCH}" : "", "${bakeRef}"${extra.bake.map((e) => `, ${e}`).join('')}])}`);
      expect(target['cache-to']).toContain(`CACHE_TO != "" ? "${bakeRef}\${CACHE_SUFFIX}${writeTail}" : ""`);
      for (const name of ['GIT_PR', 'CACHE_BRANCH', 'CACHE_SUFFIX']) expect(doc.variable[name]).toStrictEqual({ default: '' });
    },
    workflow: (after, before) => {
      WRITES(after, before);
      // the tag job hands the chain's facts to the bake jobs
      expect(after).toContain('CACHE_SUFFIX: ${{ needs.tag.outputs.CACHE_SUFFIX }}');
    },
  };
}

const REGISTRY_EFFECTS = registryEffects("'type=registry,ref='\"$$REGISTRY\"'/app-runtime:buildcache", 'type=registry,ref=${REGISTRY}/app-runtime:buildcache');

/** gha: read in every output; the publishing job writes it after exposing the Actions runtime. */
function ghaEffects(scope: string, mode = 'max'): ReachRow['effects'] {
  const platforms = '"$${CACHE_PLATFORMS:-native}"';
  const bakePlatforms = '${PLATFORMS != "" ? replace(replace(PLATFORMS, "/", "-"), ",", "-") : "native"}';
  return {
    makefile: (after, before) => {
      makeCache(`'type=gha,scope=${scope}-'${platforms}`, `'type=gha,scope=${scope}-'${platforms}',mode=${mode}'`)(after, before);
      expect(after).toContain('CACHE_PLATFORMS := $(subst /,-,$(subst $(cache_comma),-,$(PLATFORMS)))');
    },
    bake: bakeCache(`type=gha,scope=${scope}-${bakePlatforms}`, `type=gha,scope=${scope}-${bakePlatforms},mode=${mode}`),
    workflow: (after, before) => {
      WRITES(after, before);
      expect(after).toContain('uses: crazy-max/ghaction-github-runtime@04d248b84655b509d8c44dc1d6f990c879747487 # v4.0.0');
    },
    // the Actions cache runtime in CONTAINERS.md's "What CI needs"
    docs: has('| `gha` | cache |'),
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
    effects: registryEffects("'type=registry,ref=ghcr.io/acme/cache:app", 'type=registry,ref=ghcr.io/acme/cache:app'),
  },
  {
    option: 'RegistryCacheOptions.mode',
    variant: { image: { cache: CachePolicy.registry({ mode: CacheMode.MIN }) } },
    effects: registryEffects("'type=registry,ref='\"$$REGISTRY\"'/app-runtime:buildcache", 'type=registry,ref=${REGISTRY}/app-runtime:buildcache', 'min'),
  },
  {
    option: 'RegistryCacheOptions.readImages',
    variant: { image: { cache: CachePolicy.registry({ readImages: [CacheSource.pullRequestImage(), CacheSource.imageTag('v2')] }) } },
    effects: registryEffects("'type=registry,ref='\"$$REGISTRY\"'/app-runtime:buildcache", 'type=registry,ref=${REGISTRY}/app-runtime:buildcache', 'max', {
      make: [
        '$${GIT_PR:+--cache-from \'type=registry,ref=\'"$$REGISTRY"\'/app-runtime:pr-\'"$$GIT_PR"}',
        '--cache-from \'type=registry,ref=\'"$$REGISTRY"\'/app-runtime:v2\'',
        "$${CACHE_TO:+--cache-to 'type=inline'}",
      ],
      bake: ['GIT_PR != "" ? "type=registry,ref=${REGISTRY}/app-runtime:pr-${GIT_PR}" : ""', '"type=registry,ref=${REGISTRY}/app-runtime:v2"'],
    }),
  },
  {
    option: 'CacheSource.pullRequestImage',
    variant: { image: { cache: CachePolicy.registry({ readImages: [CacheSource.pullRequestImage()] }) } },
    effects: {
      ...REGISTRY_EFFECTS,
      makefile: has('$${GIT_PR:+--cache-from \'type=registry,ref=\'"$$REGISTRY"\'/app-runtime:pr-\'"$$GIT_PR"}', "$${CACHE_TO:+--cache-to 'type=inline'}"),
      bake: (after) => expect(JSON.parse(after!).target['app-runtime']['cache-to']).toContain('"type=inline"'),
    },
  },
  {
    option: 'CacheSource.imageTag',
    variant: { image: { cache: CachePolicy.registry({ readImages: [CacheSource.imageTag('stable')] }) } },
    effects: {
      ...REGISTRY_EFFECTS,
      makefile: has('--cache-from \'type=registry,ref=\'"$$REGISTRY"\'/app-runtime:stable\'', "$${CACHE_TO:+--cache-to 'type=inline'}"),
      bake: (after) => expect(JSON.parse(after!).target['app-runtime']['cache-from']).toContain('"type=registry,ref=${REGISTRY}/app-runtime:stable"'),
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
