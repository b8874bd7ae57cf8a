import { describe, expect, test } from 'vitest';
import { MARKER } from './make-harness';
import { renderMakefile } from '../../src/make/plan-to-makefile';
import type { BuildPlan, PlannedImage } from '../../src/plan/build-plan';
import { FAN_IN_PLAN, FLOW_PIPE_PLAN } from '../fixtures/plans';

const PLANS: [string, BuildPlan][] = [['flow-pipe', FLOW_PIPE_PLAN], ['fan-in', FAN_IN_PLAN]];

/** Recipe lines (TAB-indented), continuation lines included. */
function recipeLines(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('\t'));
}

/** Names on `export` lines. */
function exportedNames(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('export ')).flatMap((line) => line.slice('export '.length).split(' '));
}

/** Targets of rule lines (`a b: prereqs`), excluding assignments and special targets. */
function ruleTargets(text: string): string[] {
  return text.split('\n')
    .filter((line) => /^[^\s#$][^=]*:(?!=)/.test(line) && !line.startsWith('.'))
    .flatMap((line) => line.slice(0, line.indexOf(':')).split(' '));
}

describe('renderMakefile snapshots', () => {
  test.each(PLANS)('%s', async (name, plan) => {
    await expect(renderMakefile(plan, MARKER)).toMatchFileSnapshot(`./__snapshots__/${name}.mk`);
  });
});

describe.each(PLANS)('renderMakefile(%s)', (_name, plan) => {
  const text = renderMakefile(plan, MARKER);

  test('starts with the marker and the safe header (MK-3)', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe(`# ${MARKER}`);
    expect(text).toContain([
      'SHELL := bash',
      '.SHELLFLAGS := --norc --noprofile -euo pipefail -c',
      '.DELETE_ON_ERROR:',
      'MAKEFLAGS += --warn-undefined-variables --no-builtin-rules',
      '.DEFAULT_GOAL := help',
    ].join('\n'));
  });

  test('is deterministic, uses \\n line ends and ends with exactly one newline', () => {
    expect(renderMakefile(plan, MARKER)).toBe(text);
    expect(text).not.toContain('\r');
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
  });

  test('every recipe line starts with a TAB and follows a rule or another recipe line (MK-4)', () => {
    const lines = text.split('\n');
    lines.forEach((line, index) => {
      if (/^\s/.test(line)) {
        expect(line.startsWith('\t'), `line ${index + 1}: ${line}`).toBe(true);
        const previous = lines[index - 1];
        expect(previous.startsWith('\t') || /^[^\s#][^=]*:/.test(previous), `line ${index + 1} follows ${previous}`).toBe(true);
      }
    });
  });

  test('recipes never expand make variables and only read exported ones (MK-2)', () => {
    const exported = new Set(exportedNames(text));
    // shell variables a recipe assigns itself (run targets: tty, ports, extra, publish, name; the loop's p)
    const locals = new Set(recipeLines(text).flatMap((line) => [...line.matchAll(/(?:^|[\s;(])([A-Za-z_][A-Za-z0-9_]*)\+?=|\bfor ([A-Za-z_][A-Za-z0-9_]*) in /g)].map((m) => m[1] ?? m[2])));
    for (const line of recipeLines(text)) {
      expect(line, line).not.toMatch(/(^|[^$])\$\(/);
      for (const match of line.matchAll(/\$\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) {
        expect(exported.has(match[1]) || locals.has(match[1]), `${match[1]} in ${line}`).toBe(true);
      }
    }
  });

  test('exports settings, plan variables, git facts and tag variables', () => {
    expect(exportedNames(text)).toEqual([
      'DOCKER', 'REGISTRY', 'PLATFORMS', 'TAG', 'RUN_ARGS', 'BUILDER',
      ...plan.variables.map((v) => v.name),
      'GIT_VERSION', 'GIT_BRANCH', 'GIT_SHA', 'GIT_PR', 'GIT_REVISION', 'GIT_CREATED',
      ...plan.families.map((f) => f.tagVariable),
      ...plan.images.flatMap((i) => [i.imageVariable, i.portsVariable]),
    ]);
  });

  test('declares every target phony (MK-3)', () => {
    const phony = new Set(text.split('\n').filter((l) => l.startsWith('.PHONY: ')).flatMap((l) => l.slice(8).split(' ')));
    const targets = ruleTargets(text);
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) {
      expect(phony.has(target), target).toBe(true);
    }
  });

  test('has build, push, clean and run targets per image and aggregates per family', () => {
    const targets = new Set(ruleTargets(text));
    for (const name of ['help', 'build', 'push', 'clean', 'print-tags']) expect(targets.has(name), name).toBe(true);
    for (const family of plan.families) {
      for (const verb of ['build', 'push', 'clean', 'print-tag']) expect(targets.has(`${verb}-${family.id}`)).toBe(true);
    }
    for (const image of plan.images) {
      for (const verb of ['build', 'push', 'pull', 'clean', 'run']) expect(targets.has(`${verb}-${image.id}`)).toBe(true);
    }
  });
});

describe('renderMakefile rule heads', () => {
  const lines = renderMakefile(FAN_IN_PLAN, MARKER).split('\n');

  test.each([
    'build: build-app',
    'build-app: build-app-base build-app-builder build-app-runner',
    'build-app-base:',
    'build-app-builder: build-app-base',
    'build-app-runner: build-app-base',
    'push-app-runner: push-app-base build-app-runner',
    'run-app-runner: build-app-runner',
    'clean-app: clean-app-base clean-app-builder clean-app-runner',
    'print-tag-app:',
    'APP_TAG ?= $(or $(TAG),$(if $(GIT_VERSION),$(GIT_VERSION),$(if $(GIT_SHA),sha-$(GIT_SHA),dev)))',
    'PLATFORMS ?=',
    'APP_BASE_BASE_IMAGE ?= debian:bookworm-slim@sha256:' + 'a'.repeat(64),
    '\t\t--build-arg \'APP_BASE_IMAGE=app-base\' \\',
    '\t\t--build-context \'app-base\'="docker-image://$$APP_BASE_IMAGE" \\',
    '\t\t--tag "$$APP_RUNNER_IMAGE" \\',
    'APP_BASE_IMAGE ?= $(REGISTRY)/app-base:$(APP_TAG)',
    'APP_RUNNER_PORTS ?= 8080:8080/tcp',
    'APP_BASE_PORTS ?=',
    'pull: pull-app',
    'pull-app: pull-app-base pull-app-builder pull-app-runner',
    '\t"$$DOCKER" pull "$$APP_RUNNER_IMAGE"',
    '\t\t--platform "$${PLATFORMS:-linux/amd64,linux/arm64}" \\',
    'bake:',
    'bake-app:',
    "\t\"$$DOCKER\" buildx $${BUILDER:+--builder \"$$BUILDER\"} bake --file 'docker-bake.json' 'default'",
    "\t\"$$DOCKER\" buildx $${BUILDER:+--builder \"$$BUILDER\"} bake --file 'docker-bake.json' 'app'",
    "\t\t--load 'services/app'",
    "\t\t--push 'services/app'",
  ])('contains %j', (line) => {
    expect(lines).toContain(line);
  });

  test('images without planned platforms use PLATFORMS when set', () => {
    const flow = renderMakefile(FLOW_PIPE_PLAN, MARKER).split('\n');
    expect(flow).toContain('\t\t$${PLATFORMS:+--platform "$$PLATFORMS"} \\');
    expect(flow).toContain('PLATFORMS ?=');
  });

  test('pipeline platforms are the planned platforms of images without their own', () => {
    const flow = renderMakefile({ ...FLOW_PIPE_PLAN, platforms: ['linux/arm64'] }, MARKER).split('\n');
    // build and push of each image follow PLATFORMS; the per-platform targets force their platform
    expect(flow.filter((line) => line.includes('--platform'))).toEqual([
      ...Array(6).fill('\t\t--platform "$${PLATFORMS:-linux/arm64}" \\'),
      ...Array(3).fill("\t\t--platform 'linux/arm64' \\"),
    ]);
    expect(flow).toContain('PLATFORMS ?=');
  });

  test('labels are the planned ones: literals single-quoted, variables read by the shell', () => {
    const flow = renderMakefile(FLOW_PIPE_PLAN, MARKER).split('\n');
    const runtime = flow.slice(flow.indexOf('build-flow-pipe-runtime:'), flow.findIndex((line) => line.startsWith('push-flow-pipe-runtime:')));
    expect(runtime.filter((line) => line.includes('--label'))).toEqual([
      '\t\t--label "org.opencontainers.image.created=$$GIT_CREATED" \\',
      "\t\t--label 'org.opencontainers.image.description=Minimal image to run flows' \\",
      '\t\t--label "org.opencontainers.image.revision=$$GIT_REVISION" \\',
      "\t\t--label 'org.opencontainers.image.source=https://github.com/hurdad/flow-pipe' \\",
      "\t\t--label 'org.opencontainers.image.title=flow-pipe-runtime' \\",
      '\t\t--label "org.opencontainers.image.version=$$FLOW_PIPE_TAG" \\',
    ]);
    expect(FLOW_PIPE_PLAN.images[0].labels.map((l) => l.key)).toEqual([
      'org.opencontainers.image.created', 'org.opencontainers.image.description', 'org.opencontainers.image.revision',
      'org.opencontainers.image.source', 'org.opencontainers.image.title', 'org.opencontainers.image.version',
    ]);
  });

  test('a custom bake file reaches the bake targets', () => {
    const text = renderMakefile({ ...FLOW_PIPE_PLAN, outputs: { ...FLOW_PIPE_PLAN.outputs, bakeFile: 'ci/bake.json' } }, MARKER);
    expect(text).toContain("\t\"$$DOCKER\" buildx $${BUILDER:+--builder \"$$BUILDER\"} bake --file 'ci/bake.json' 'default'\n");
  });
});

describe('renderMakefile edge cases and internal errors (plans validation and the plan builder never produce)', () => {
  const image = FLOW_PIPE_PLAN.images[0];
  const withImage = (patch: Partial<PlannedImage>): BuildPlan =>
    ({ ...FLOW_PIPE_PLAN, images: [{ ...image, ...patch }, ...FLOW_PIPE_PLAN.images.slice(1)] });

  test.each<[string, BuildPlan, RegExp]>([
    ['a variable default with a newline',
      { ...FLOW_PIPE_PLAN, variables: [{ name: 'FLOW_PIPE_RUNTIME_BASE_IMAGE', defaultValue: 'a\nb', description: '' }] },
      /^internal error: default of variable FLOW_PIPE_RUNTIME_BASE_IMAGE .* newline/],
    ['an invalid variable name', { ...FLOW_PIPE_PLAN, variables: [...FLOW_PIPE_PLAN.variables, { name: 'A-B', defaultValue: 'x', description: '' }] },
      /^internal error: "A-B" is not a valid make variable name/],
    ['a repository with shell syntax', withImage({ repository: 'x"$(id)' }), /^internal error: .*not a lowercase repository path/],
    ['a build argument reading an undeclared variable', withImage({ buildArgs: [{ name: 'A', variable: 'NOPE' }] }),
      /^internal error: .*reads undeclared variable NOPE/],
    ['an unknown parent', withImage({ dependsOn: ['ghost'] }), /^internal error: .*depends on unknown image ghost/],
    ['a registry with a newline', { ...FLOW_PIPE_PLAN, registry: 'ghcr.io/x\n' }, /^internal error: registry/],
    ['a platform with shell syntax', withImage({ platforms: ['linux/amd64"$(id)'] }), /^internal error: .*platforms/],
    ['a family id that collides with an image id',
      { ...FLOW_PIPE_PLAN, families: [...FLOW_PIPE_PLAN.families, { ...FLOW_PIPE_PLAN.families[0], id: 'flow-pipe-runtime', images: [], tagVariable: 'OTHER_TAG' }] },
      /^internal error: two rules define make target build-flow-pipe-runtime/],
  ])('%s', (_name, plan, message) => {
    expect(() => renderMakefile(plan, MARKER)).toThrow(message);
  });

  test('renders a plan without variables, families or images', () => {
    const text = renderMakefile({ ...FLOW_PIPE_PLAN, images: [], families: [], variables: [] }, MARKER);
    expect(text.split('\n').filter((line) => line.startsWith('export'))).toEqual([
      'export DOCKER REGISTRY PLATFORMS TAG RUN_ARGS BUILDER',
      'export GIT_VERSION GIT_BRANCH GIT_SHA GIT_PR GIT_REVISION GIT_CREATED',
    ]);
    expect(text).toContain('\nbuild:\n');
  });

  test('quotes odd but legal literals instead of rejecting them', () => {
    const labels = image.labels.map((l) => (l.key === 'org.opencontainers.image.description' ? { ...l, value: { kind: 'literal' as const, text: 'say "hi" $(id)' } } : l));
    const text = renderMakefile(withImage({ dockerfile: 'it\'s $HOME/#x', description: 'say "hi" $(id)', labels }), MARKER);
    expect(text).toContain('\t\t--file \'it\'\\\'\'s $$HOME/#x\' \\');
    expect(text).toContain('\t\t--label \'org.opencontainers.image.description=say "hi" $$(id)\' \\');
  });
});
