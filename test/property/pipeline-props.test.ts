/**
 * Containers props with hostile values: rejected with the one validation error (nothing written), or every output
 * keeps the structure of the same pipeline with a benign value, every file stays inside the project, no `${{` lands
 * in a `run:`, the workflow passes actionlint, and the value lands where it belongs.
 */
import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { anything, hostileAround, hostileList } from './arbitraries';
import { classify, expectNoProblems, Outputs } from './output-checks';
import { assertCompactAsync, hostileProperty } from './property-kit';
import { synthesize } from './synth-harness';
import { Containers, ContainersProps, ImageSource } from '../../src';
import { actionlint } from '../workflow/actionlint';

/** One family with one image from busybox, with a description and a COPY (so every output has content). */
const pipeline = (c: Containers) => {
  const img = c.addFamily('app', { description: 'The app' }).addImage('img', { from: ImageSource.registry('busybox:1'), description: 'The image' });
  img.copy(['src'], '/src/');
};

const props = (extra: Record<string, unknown>) => ({ registry: 'ghcr.io/acme', ...extra }) as unknown as ContainersProps;

/** The one file of each output kind (by content), failing when there is not exactly one. */
function onePath(files: ReadonlyMap<string, unknown>): string {
  expect(files.size).toBe(1);
  return [...files.keys()][0];
}

describe('Containers props with hostile values', () => {
  hostileProperty('registry', 3001, anything('ghcr.io/acme'), {
    props: (registry) => props({ registry }),
    benign: 'ghcr.io/acme' as unknown,
    build: () => pipeline,
    expect: (registry, o) => {
      const [bake] = [...o.bakeFiles.values()] as Array<{ variable: Record<string, { default: string }> }>;
      expect(bake.variable.REGISTRY.default).toBe(registry);
    },
  });

  hostileProperty('platforms: each one reaches the bake file as exactly one platform', 3002, hostileList('linux/amd64'), {
    props: (platforms) => props({ platforms }),
    benign: ['linux/amd64'] as unknown,
    build: () => pipeline,
    // no platforms (undefined or []) means the builder's native platform: no QEMU step
    sameStructure: (p) => Array.isArray(p) && p.length > 0,
    expect: (platforms, o) => {
      if (platforms === undefined) return;
      expect(Array.isArray(platforms)).toBe(true);
      for (const p of platforms as unknown[]) expect(String(p)).toMatch(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/);
      const bake = [...o.bakeFiles.values()][0] as { target: Record<string, unknown>; variable: Record<string, { default?: string }> };
      expect(JSON.stringify(bake)).toContain((platforms as string[]).join(','));
    },
  });

  hostileProperty('defaultUser', 3003, fc.oneof(fc.constantFrom<unknown>('1000', '65532:65532'), anything('10001:10001')), {
    props: (defaultUser) => props({ defaultUser }),
    benign: '10001:10001' as unknown,
    build: () => pipeline,
    sameStructure: false,
    expect: (user, o) => {
      const [file] = [...o.dockerfiles.values()];
      const stage = file.stages[file.stages.length - 1];
      const users = stage.instructions.filter((i) => i.keyword === 'USER');
      expect(users.map((u) => u.content)).toStrictEqual([user]);
      expect(String(user)).toMatch(/^[1-9][0-9]*(:[0-9]+)?$/);
    },
  });

  hostileProperty('sourceUrl', 3004, anything('https://github.com/acme/app'), {
    props: (sourceUrl) => props({ sourceUrl }),
    benign: 'https://github.com/acme/app' as unknown,
    build: () => pipeline,
    sameStructure: (url) => url !== undefined,
    expect: (url, o) => {
      if (url === undefined) return;
      const [bake] = [...o.bakeFiles.values()] as Array<{ target: Record<string, { labels: Record<string, string> }> }>;
      expect(Object.values(bake.target)[0].labels['org.opencontainers.image.source']).toBe(url);
    },
  });

  for (const [option, benign, seed, kind] of [
    ['makefile', 'Makefile', 3005, 'makefiles'],
    ['bakeFile', 'docker-bake.json', 3006, 'bakeFiles'],
    ['docs', 'CONTAINERS.md', 3007, 'docs'],
  ] as const) {
    hostileProperty(`${option} (an output path): inside the project, one file, referred to by the others`, seed, anything(benign), {
      props: (path) => props({ [option]: path }),
      benign: benign as unknown,
      build: () => pipeline,
      expect: (path, o) => {
        const written = onePath(o[kind] as ReadonlyMap<string, unknown>);
        expect(written.split('/')).not.toContain('..');
        expect(written).toBe(posix.normalize(String(path ?? benign)).replace(/\/$/, ''));
        if (option === 'makefile') expectWorkflowRunsMention(o, written);
        if (option === 'bakeFile') expectWorkflowRunsMention(o, written);
      },
    });
  }

  hostileProperty('dockerignorePatterns: each pattern is exactly one .dockerignore line', 3008, fc.array(hostileAround('*.log'), { minLength: 1, maxLength: 3 }), {
    props: (dockerignorePatterns) => props({ dockerignorePatterns }),
    benign: ['*.log'],
    build: () => pipeline,
    sameStructure: false,
    expect: (patterns, o) => {
      const lines = [...o.dockerignores.values()][0].split('\n');
      for (const p of patterns) expect(lines).toContain(p);
      // a user pattern must not re-include what the allow-list excludes (e.g. `!**/.git`)
      for (const p of patterns) expect(p.startsWith('!')).toBe(false);
    },
  });

  hostileProperty('dockerignorePatterns untyped', 3009, hostileList('*.log'), {
    props: (dockerignorePatterns) => props({ dockerignorePatterns }),
    benign: ['*.log'] as unknown,
    build: () => pipeline,
    sameStructure: false,
    expect: (patterns) => expect(Array.isArray(patterns) && (patterns as unknown[]).every((p) => typeof p === 'string')).toBe(true),
  });

  for (const [option, benign, seed] of [
    ['name', 'containers', 3010],
    ['defaultBranch', 'main', 3011],
    ['runsOn', 'ubuntu-24.04', 3012],
    ['usernameSecret', 'REGISTRY_USERNAME', 3013],
    ['passwordSecret', 'REGISTRY_PASSWORD', 3014],
  ] as const) {
    // username/password secrets are used for registries other than ghcr.io
    const registry = option.endsWith('Secret') ? 'registry.example.com/acme' : 'ghcr.io/acme';
    hostileProperty(`workflow.${option}: same workflow structure, nothing evaluated in run:`, seed, anything(benign), {
      props: (value) => props({ registry, workflow: { [option]: value } }),
      benign: benign as unknown,
      build: () => pipeline,
      numRuns: 60,
      expect: (value, o) => {
        const path = onePath(o.workflows);
        expect(path.split('/').slice(0, 2)).toStrictEqual(['.github', 'workflows']);
        expect(path.split('/').length).toBe(3);
        if (option === 'name') expect(path).toBe(`.github/workflows/${String(value ?? benign)}.yml`);
        expect(o.workflowTexts.get(path)).toBeDefined();
      },
    });
  }

  hostileProperty('workflow.timeoutMinutes and enabled, untyped', 3015, fc.record({ timeoutMinutes: fc.constantFrom<unknown>(30, 0, -1, 1.5, Number.NaN, Infinity, '60', null, 100_000), enabled: fc.constantFrom<unknown>(true, false, 'no', 0, null) }), {
    props: (workflow) => props({ workflow }),
    benign: { timeoutMinutes: 30, enabled: true } as Record<string, unknown>,
    build: () => pipeline,
    sameStructure: false,
    expect: (w, o) => {
      expect(typeof w.enabled === 'boolean' || w.enabled === undefined).toBe(true);
      if (w.enabled === false) return;
      expect(Number.isInteger(w.timeoutMinutes) && (w.timeoutMinutes as number) > 0 && (w.timeoutMinutes as number) <= 360 * 24).toBe(true);
      expect(o.workflows.size).toBe(1);
    },
  });
});

/** The workflow's run: lines refer to `path` (`make -f <makefile>`, `bake --file <bake file>`). */
function expectWorkflowRunsMention(o: Outputs, path: string): void {
  const text = [...o.workflowTexts.values()][0];
  expect(text).toContain(path.length > 0 && /^[A-Za-z0-9._/-]+$/.test(path) ? path : `'${path}'`);
}

describe('workflows accepted from hostile workflow settings pass actionlint', () => {
  for (const [option, benign, seed] of [
    ['name', 'containers', 3020],
    ['defaultBranch', 'main', 3021],
    ['runsOn', 'ubuntu-24.04', 3022],
    ['usernameSecret', 'REGISTRY_USERNAME', 3023],
    ['passwordSecret', 'REGISTRY_PASSWORD', 3024],
  ] as const) {
    const registry = option.endsWith('Secret') ? 'registry.example.com/acme' : 'ghcr.io/acme';
    test(`workflow.${option} [seed ${seed}]`, async () => {
      await assertCompactAsync(fc.asyncProperty(hostileAround(benign), async (value) => {
        const outcome = synthesize(props({ registry, workflow: { [option]: value } }), pipeline);
        if (outcome.kind === 'rejected') return;
        const o = classify(outcome.files);
        for (const [path, text] of o.workflowTexts) {
          const findings = await actionlint(text, path);
          expectNoProblems(findings.map((f) => `${f.kind} line ${f.line}: ${f.message}`));
        }
      }), { seed, numRuns: 40 });
    });
  }
});
