/**
 * The option-reach table: for every public option, the expected effect in each output it concerns. An output a row
 * does not list is "not concerned" and must come out unchanged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { CACHE_ROWS } from './cache-rows';
import { IMAGE_TAG_ROWS } from './image-tag-rows';
import { DISPATCH_ROWS, OCI_ROWS } from './oci-rows';
import { DEFAULT_TAG, flowPipe, Output, OutputPaths, Parts, plugin, Variation } from './pipeline';
import { PROJECT_TYPE_ROWS } from './project-type-rows';
import { SUPPLY_ROWS } from './supply-rows';
import { WORKFLOW_ROWS } from './workflow-rows';
import {
  BuildSteps, CacheMounts, CacheSharing, CmakeSdk, CmakeSdkProps, DockerfileSyntax, FamilyTag, GoService, GoServiceProps,
  ImageRole, ImageSource, LatestTag, Mount, RunNetwork,
  PythonService, PythonServiceProps, RustService, RustServiceProps, ShaFormat, TagCondition, TagRule, TimestampSource,
} from '../../src';

/** Checks one output of the pipeline with the option against the baseline. */
export type Effect = (after: string | undefined, before: string | undefined) => void;

/** One row: an option, the two pipelines compared and the effects per output. */
export interface ReachRow {
  /** `Interface.property`, or `Class.factory` for the factories. */
  readonly option: string;
  /** The baseline of this row (default: the plain baseline). */
  readonly base?: Variation;
  /** The pipeline with the option set. */
  readonly variant: Variation;
  /** Where the variant's outputs are written when the option moves them. */
  readonly paths?: OutputPaths;
  /** Expected effect per concerned output; every other output is unchanged. */
  readonly effects: Partial<Record<Output, Effect>>;
  /** Why no output is concerned (options that only feed validation). */
  readonly validationOnly?: string;
}

// ---- pinning ----

/** The digest the rows' lockfiles pin `ubuntu:24.04` to. */
const LOCKED_DIGEST = `sha256:${'a'.repeat(64)}`;

/** Writes a lockfile pinning the baseline's `ubuntu:24.04` (to `a…` or `fill…`) at `file` of the project. */
function writeLock(file: string, fill = 'a'): (p: Parts) => void {
  return (p) => {
    const path = join(p.containers.project.outdir, file);
    mkdirSync(dirname(path), { recursive: true });
    const images = { 'ubuntu:24.04': { digest: `sha256:${fill.repeat(64)}`, mediaType: 'application/vnd.oci.image.index.v1+json' } };
    writeFileSync(path, JSON.stringify({ lockfileVersion: 1, images }));
  };
}

// ---- effects ----

/** The output exists with the option and holds every `text`, which the baseline did not all hold. */
export function has(...texts: string[]): Effect {
  return (after, before) => {
    expect(after, 'output missing').toBeDefined();
    for (const t of texts) expect(after, `expected ${JSON.stringify(t)}`).toContain(t);
    expect(texts.every((t) => before?.includes(t)), `the baseline already held all of ${JSON.stringify(texts)}`).toBe(false);
  };
}

/** Like `has`, and none of `gone` is left (e.g. a default the option replaces). */
export function replaces(gone: string[], ...texts: string[]): Effect {
  return (after, before) => {
    has(...texts)(after, before);
    for (const g of gone) expect(after, `expected ${JSON.stringify(g)} to be gone`).not.toContain(g);
  };
}

/** A line the baseline does not have holds every one of `parts`. */
export function hasLine(...parts: string[]): Effect {
  return (after, before) => {
    expect(after, 'output missing').toBeDefined();
    const old = new Set((before ?? '').split('\n'));
    const added = after!.split('\n').filter((l) => !old.has(l));
    expect(added.some((l) => parts.every((p) => l.includes(p))), `no new line holding all of ${JSON.stringify(parts)} in:\n${added.join('\n')}`).toBe(true);
  };
}

/** None of `texts` is left (each held by the baseline). */
export function lacks(...texts: string[]): Effect {
  return (after, before) => {
    expect(after, 'output missing').toBeDefined();
    for (const t of texts) {
      expect(before, `the baseline should hold ${JSON.stringify(t)}`).toContain(t);
      expect(after, `expected ${JSON.stringify(t)} to be gone`).not.toContain(t);
    }
  };
}

/** The output is no longer generated. */
export const absent: Effect = (after, before) => {
  expect(before, 'baseline output missing').toBeDefined();
  expect(after, 'output still generated').toBeUndefined();
};

/** Every effect in `effects` holds. */
export function all(...effects: Effect[]): Effect {
  return (after, before) => effects.forEach((e) => e(after, before));
}

/** The bake file parses; `check` gets the bake file and its target `app-<image>` (default `app-runtime`). */
export function bake(check: (target: any, file: any) => void, target = 'app-runtime'): Effect {
  return (after) => {
    expect(after, 'bake file missing').toBeDefined();
    const file = JSON.parse(after!);
    expect(file.target?.[target], `bake target ${target}`).toBeDefined();
    check(file.target[target], file);
  };
}

/**
 * The bake target `app-runtime` builds `platforms`: the list itself, or an expression defaulting to it (so that
 * `PLATFORMS` in the environment can still override it).
 */
function bakePlatforms(...platforms: string[]): Effect {
  return bake((t) => {
    if (Array.isArray(t.platforms)) expect(t.platforms).toStrictEqual(platforms);
    else expect(String(t.platforms)).toContain(`"${platforms.join(',')}"`);
  });
}

/** The bake target `app-runtime` has the label `key` = `value`. */
function bakeLabel(key: string, value: string, target?: string): Effect {
  return bake((t) => expect(t.labels?.[key]).toBe(value), target);
}

/** The bake variable `name` defaults to `value`. */
function bakeVariable(name: string, value: string): Effect {
  return bake((_, f) => expect(f.variable?.[name]?.default).toBe(value));
}

const QEMU = has('docker/setup-qemu-action');
const SHA_A = `sha256:${'a'.repeat(64)}`;
const SHA_B = `sha256:${'b'.repeat(64)}`;
const SOURCE = 'https://github.com/acme/app';
const DESCRIPTION = 'Runs the acme app';

/** A RUN with `mount` (the row's baseline runs `mount` with the option unset). */
function mountRow(option: string, base: () => Mount, variant: () => Mount, ...texts: string[]): ReachRow {
  return {
    option,
    base: { extra: (p) => p.runtime.run(['make install'], { mounts: [base()] }) },
    variant: { extra: (p) => p.runtime.run(['make install'], { mounts: [variant()] }) },
    effects: { dockerfile: has(...texts) },
  };
}

/** A mount row whose variant needs a newer Dockerfile frontend: CONTAINERS.md's Troubleshooting names the directive. */
function frontendMountRow(option: string, base: () => Mount, variant: () => Mount, frontend: string, ...texts: string[]): ReachRow {
  const row = mountRow(option, base, variant, ...texts);
  return { ...row, effects: { ...row.effects, docs: has(`(\`${frontend}\`)`) } };
}

/** A Go service `app/svc` from `services/svc` on golang:1.23, with `props` over that. */
function goService(props: Partial<GoServiceProps> = {}): Variation {
  return { extra: (p) => new GoService(p.family, 'svc', { source: 'services/svc', builder: ImageSource.registry('golang:1.23'), ...props }) };
}

/** A Rust service `app/svc` from `services/svc` on rust:1.83, with `props` over that. */
function rustService(props: Partial<RustServiceProps> = {}): Variation {
  return { extra: (p) => new RustService(p.family, 'svc', { source: 'services/svc', builder: ImageSource.registry('rust:1.83'), ...props }) };
}

/** A CMake SDK/runtime pair `app/svc` from `tools/svc` on debian:12, program `svc`, with `props` over that. */
function cmakeSdk(props: Partial<CmakeSdkProps> = {}): Variation {
  return { extra: (p) => new CmakeSdk(p.family, 'svc', { source: 'tools/svc', base: ImageSource.registry('debian:12'), program: 'svc', ...props }) };
}

/** A Python service `app/svc` from `services/svc` on python:3.12, with `props` over that. */
function pythonService(props: Partial<PythonServiceProps> = {}): Variation {
  return {
    extra: (p) => new PythonService(p.family, 'svc', {
      source: 'services/svc', builder: ImageSource.registry('python:3.12'), command: ['/opt/venv/bin/python', '-m', 'svc'], ...props,
    }),
  };
}

/** A service row: the baseline service and the same with `props`. */
function serviceRow(option: string, service: (props?: Record<string, unknown>) => Variation, props: Record<string, unknown>, effects: ReachRow['effects']): ReachRow {
  return { option, base: service(), variant: service(props), effects };
}

/** A RUN of `BuildSteps.cargoBuild()` on the runtime image (the baseline builds binary `app`). */
function cargoRow(option: string, options: Record<string, unknown>, ...texts: string[]): ReachRow {
  return {
    option,
    base: { extra: (p) => BuildSteps.cargoBuild(p.runtime, { binary: 'app' }) },
    variant: { extra: (p) => BuildSteps.cargoBuild(p.runtime, { binary: 'app', ...options }) },
    effects: { dockerfile: has(...texts) },
  };
}

/** A RUN with `CacheMounts.pip(options)` (the baseline uses the defaults). */
function presetMountRow(option: string, options: Record<string, unknown>, ...texts: string[]): ReachRow {
  return mountRow(option, () => CacheMounts.pip(), () => CacheMounts.pip(options), ...texts);
}

/** A stage calling `call` (the row's baseline calls `baseCall`). */
function stageRow(option: string, baseCall: (p: Parts) => void, call: (p: Parts) => void, effects: ReachRow['effects']): ReachRow {
  return { option, base: { extra: baseCall }, variant: { extra: call }, effects };
}

/** The baseline with an external family and a plugin image FROM its `dev` image, with `props` on the family. */
function external(props: Record<string, unknown> = {}, image = 'dev'): Variation {
  return { extra: (p) => plugin(p, flowPipe(p.containers, props), image) };
}

/** Rows of `MakeTargetOptions` (added with `Containers.addMakeTarget`): a baseline with target `gen` and the same target with one field set. */
function makeTargetRows(): ReachRow[] {
  const gen = { name: 'gen', commands: [['make', 'generate']] };
  const row = (option: string, change: Record<string, unknown>, effects: ReachRow['effects'], inImage = false): ReachRow => ({
    option,
    base: { extra: (p) => p.containers.addMakeTarget({ ...gen, ...(inImage ? { image: p.runtime } : {}) }) },
    variant: { extra: (p) => p.containers.addMakeTarget({ ...gen, ...(inImage ? { image: p.runtime } : {}), ...change }) },
    effects,
  });
  return [
    row('MakeTargetOptions.name', { name: 'generate' }, { makefile: all(hasLine('generate:'), lacks('\ngen:')) }),
    row('MakeTargetOptions.description', { description: 'Regenerate the code' }, { makefile: hasLine('# Regenerate the code') }),
    row('MakeTargetOptions.commands', { commands: [['make', 'lint'], ['git', 'diff']] }, { makefile: all(hasLine("'make' 'lint'"), hasLine("'git' 'diff'")) }),
    row('MakeTargetOptions.prerequisites', { prerequisites: ['build-app-runtime'] }, { makefile: hasLine('gen: build-app-runtime') }),
    row('MakeTargetOptions.image', { image: undefined }, {}, false),
    row('MakeTargetOptions.workdir', { workdir: '/src' }, { makefile: hasLine("--workdir '/src'") }, true),
  ].map((r) => (r.option === 'MakeTargetOptions.image'
    ? { ...r, base: { extra: (p: Parts) => p.containers.addMakeTarget(gen) }, variant: { extra: (p: Parts) => p.containers.addMakeTarget({ ...gen, image: p.runtime }) }, effects: { makefile: all(hasLine('--init'), hasLine('"$$APP_RUNTIME_IMAGE"')) } }
    : r));
}

/** A family whose tags come from one sha rule: the baseline of the tag-rule rows. */
const SHA_RULE: Variation = { family: { tags: [TagRule.sha()] } };

/** A rule row: the baseline's sha rule, and `rule` replacing it (`replace`) or added after it. */
function ruleRow(option: string, rule: TagRule, makeText: string, docsText: string, replace = false): ReachRow {
  return {
    option,
    base: SHA_RULE,
    variant: { family: { tags: replace ? [rule] : [TagRule.sha(), rule] } },
    effects: { makefile: has(makeText), docs: has(docsText) },
  };
}

/** A condition row: the sha rule enabled by `condition`. */
function conditionRow(option: string, condition: TagCondition, makeText: string, docsText: string): ReachRow {
  return ruleRow(option, TagRule.sha({ enable: condition }), makeText, docsText, true);
}

export const ROWS: ReachRow[] = [
  // ---------------- ContainersProps ----------------
  {
    option: 'ContainersProps.registry',
    variant: { props: { registry: 'quay.io/acme' } },
    effects: {
      makefile: has('REGISTRY ?= quay.io/acme'),
      bake: bakeVariable('REGISTRY', 'quay.io/acme'),
      workflow: has('REGISTRY: quay.io/acme', 'registry: quay.io'),
      docs: has('quay.io/acme'),
    },
  },
  {
    option: 'ContainersProps.platforms',
    variant: { props: { platforms: ['linux/amd64', 'linux/arm64'] } },
    effects: {
      makefile: all(hasLine('--platform', 'linux/amd64,linux/arm64'), has('\nbuild-amd64: build-app-runtime-amd64\n', '\nbuild-arm64: build-app-runtime-arm64\n')),
      bake: bakePlatforms('linux/amd64', 'linux/arm64'),
      workflow: all(QEMU, has('  build-linux-amd64:\n', '  build-linux-arm64:\n', '    runs-on: ubuntu-24.04-arm\n', '  merge-app-runtime:\n', 'docker buildx imagetools create')),
      docs: hasLine('latforms', '`linux/amd64`', '`linux/arm64`'),
    },
  },
  {
    option: 'ContainersProps.tag',
    variant: { props: { tag: FamilyTag.templates(['{sha}'], { fallback: 'local' }) } },
    effects: {
      makefile: has('$(GIT_SHA)', 'local'),
      bake: bakeVariable('APP_TAG', 'local'),
      docs: all(hasLine('`{sha}`'), hasLine('`local`')),
    },
  },
  {
    option: 'ContainersProps.dockerfileSyntax',
    variant: { props: { dockerfileSyntax: DockerfileSyntax.custom('registry.internal/docker/dockerfile:1.7') } },
    effects: {
      dockerfile: has('# syntax=registry.internal/docker/dockerfile:1.7\n'),
      docs: has('(`registry.internal/docker/dockerfile:1.7`)', 'BUILDKIT_SYNTAX=mirror.example/docker/dockerfile:1.7'),
    },
  },
  {
    option: 'ContainersProps.defaultUser',
    variant: { props: { defaultUser: '20000:20000' } },
    effects: { dockerfile: replaces(['USER 10001:10001'], 'USER 20000:20000') },
  },
  {
    option: 'ContainersProps.sourceUrl',
    variant: { props: { sourceUrl: SOURCE } },
    effects: {
      dockerfile: has(`org.opencontainers.image.source="${SOURCE}"`),
      makefile: has(`org.opencontainers.image.source=${SOURCE}`),
      bake: bakeLabel('org.opencontainers.image.source', SOURCE),
      // the workflow badge snippets name the repository
      docs: replaces(['OWNER/REPO'], `${SOURCE}/actions/workflows/containers.yml/badge.svg`),
    },
  },
  {
    option: 'ContainersProps.makefile',
    variant: { props: { makefile: 'ci/containers.mk' } },
    paths: { makefile: 'ci/containers.mk' },
    effects: {
      makefile: (after) => expect(after, 'no Makefile at ci/containers.mk').toBeDefined(),
      workflow: all(has('make -f ci/containers.mk'), (after) => expect(after).not.toMatch(/run: make (?!-f)/)),
      docs: has('make -f ci/containers.mk'),
    },
  },
  {
    option: 'ContainersProps.bakeFile',
    variant: { props: { bakeFile: 'ci/bake.json' } },
    paths: { bakeFile: 'ci/bake.json' },
    effects: {
      bake: (after) => expect(after, 'no bake file at ci/bake.json').toBeDefined(),
      workflow: replaces(['docker-bake.json'], '--file ci/bake.json'),
      docs: replaces(['docker-bake.json'], 'ci/bake.json'),
      makefile: has('ci/bake.json'),
    },
  },
  {
    option: 'ContainersProps.docs',
    variant: { props: { docs: 'docs/CONTAINERS.md' } },
    paths: { docs: 'docs/CONTAINERS.md' },
    effects: { docs: (after) => expect(after, 'no docs at docs/CONTAINERS.md').toBeDefined() },
  },
  {
    option: 'ContainersProps.dockerignorePatterns',
    variant: { props: { dockerignorePatterns: ['**/*.log'] } },
    effects: { dockerignore: has('**/*.log') },
  },
  {
    option: 'ContainersProps.workflow',
    variant: { props: { workflow: { enabled: false } } },
    effects: { workflow: absent, docs: lacks('## Workflows') },
  },
  {
    option: 'ContainersProps.pinning',
    base: { extra: writeLock('containers.lock.json') },
    variant: { props: { pinning: { digestsEnvFile: 'digests.env' } }, extra: writeLock('containers.lock.json') },
    paths: { digestsEnv: 'digests.env' },
    effects: { digestsEnv: has(`APP_RUNTIME_BASE_IMAGE=ubuntu:24.04@${LOCKED_DIGEST}`) },
  },
  // ---------------- ContainersPinningOptions ----------------
  {
    option: 'ContainersPinningOptions.lockFile',
    base: { extra: writeLock('containers.lock.json') },
    variant: { props: { pinning: { lockFile: 'ci/pins.json' } }, extra: writeLock('ci/pins.json', 'b') },
    effects: {
      dockerfile: has(`ARG RUNTIME_BASE_IMAGE=ubuntu:24.04@sha256:${'b'.repeat(64)}`),
      makefile: has(`ubuntu:24.04@sha256:${'b'.repeat(64)}`),
      bake: has(`ubuntu:24.04@sha256:${'b'.repeat(64)}`),
      docs: has(`ubuntu:24.04@sha256:${'b'.repeat(64)}`),
    },
  },
  {
    option: 'ContainersPinningOptions.frozen',
    base: { extra: writeLock('containers.lock.json') },
    variant: { props: { pinning: { frozen: true } }, extra: writeLock('containers.lock.json') },
    effects: {},
    validationOnly: 'frozen turns an unpinned base or a stale lock entry from a warning into an error; a fully pinned pipeline synthesizes the same',
  },
  {
    option: 'ContainersPinningOptions.digestsEnvFile',
    base: { extra: writeLock('containers.lock.json') },
    variant: { props: { pinning: { digestsEnvFile: 'container/digests.env' } }, extra: writeLock('containers.lock.json') },
    paths: { digestsEnv: 'container/digests.env' },
    effects: { digestsEnv: has(`APP_RUNTIME_BASE_IMAGE=ubuntu:24.04@${LOCKED_DIGEST}\n`) },
  },
  {
    option: 'ContainersPinningOptions.refreshWorkflow',
    variant: { props: { pinning: { refreshWorkflow: {} } } },
    effects: { workflow: has('==> .github/workflows/containers-pin.yml <==', '    - cron: 0 5 * * 1\n', 'run: npx projen containers:pin --update\n') },
  },
  // ---------------- ContainersPinRefreshOptions ----------------
  {
    option: 'ContainersPinRefreshOptions.schedule',
    base: { props: { pinning: { refreshWorkflow: {} } } },
    variant: { props: { pinning: { refreshWorkflow: { schedule: '15 2 * * *' } } } },
    effects: { workflow: replaces(['    - cron: 0 5 * * 1\n'], '    - cron: 15 2 * * *\n') },
  },
  {
    option: 'ContainersPinRefreshOptions.name',
    base: { props: { pinning: { refreshWorkflow: {} } } },
    variant: { props: { pinning: { refreshWorkflow: { name: 'pins' } } } },
    effects: { workflow: replaces(['==> .github/workflows/containers-pin.yml <==', 'name: containers-pin\n'], '==> .github/workflows/pins.yml <==', 'name: pins\n') },
  },
  {
    option: 'ContainersPinRefreshOptions.branch',
    base: { props: { pinning: { refreshWorkflow: {} } } },
    variant: { props: { pinning: { refreshWorkflow: { branch: 'bot/pins' } } } },
    effects: { workflow: replaces(['PIN_BRANCH: containers/pin-refresh\n'], 'PIN_BRANCH: bot/pins\n') },
  },
  // ---------------- ContainersWorkflowOptions ----------------
  {
    option: 'ContainersWorkflowOptions.enabled',
    variant: { props: { workflow: { enabled: false } } },
    effects: { workflow: absent, docs: lacks('## Workflows') },
  },
  {
    option: 'ContainersWorkflowOptions.name',
    variant: { props: { workflow: { name: 'images' } } },
    effects: { workflow: has('name: images\n'), docs: replaces(['.github/workflows/containers.yml'], '.github/workflows/images.yml') },
  },
  {
    option: 'ContainersWorkflowOptions.defaultBranch',
    variant: { props: { workflow: { defaultBranch: 'trunk' } } },
    effects: { workflow: replaces(['- main\n'], '- trunk\n') },
  },
  {
    option: 'ContainersWorkflowOptions.runsOn',
    variant: { props: { workflow: { runsOn: 'ubuntu-22.04' } } },
    effects: { workflow: replaces(['runs-on: ubuntu-24.04'], 'runs-on: ubuntu-22.04'), docs: replaces(['| `ubuntu-24.04` | runner |'], '| `ubuntu-22.04` | runner |') },
  },
  {
    option: 'ContainersWorkflowOptions.platformRunners',
    base: { props: { platforms: ['linux/amd64', 'linux/riscv64'] } },
    variant: { props: { platforms: ['linux/amd64', 'linux/riscv64'], workflow: { platformRunners: { 'linux/riscv64': 'self-hosted' } } } },
    effects: { workflow: has('    runs-on: self-hosted\n'), docs: has('| `self-hosted` | runner |') },
  },
  {
    option: 'ContainersWorkflowOptions.timeoutMinutes',
    variant: { props: { workflow: { timeoutMinutes: 30 } } },
    effects: { workflow: has('timeout-minutes: 30\n') },
  },
  {
    option: 'ContainersWorkflowOptions.usernameSecret',
    base: { props: { registry: 'docker.io/acme' } },
    variant: { props: { registry: 'docker.io/acme', workflow: { usernameSecret: 'HUB_USER' } } },
    effects: { workflow: has('secrets.HUB_USER'), docs: has('| `HUB_USER` | secret |') },
  },
  {
    option: 'ContainersWorkflowOptions.passwordSecret',
    base: { props: { registry: 'docker.io/acme' } },
    variant: { props: { registry: 'docker.io/acme', workflow: { passwordSecret: 'HUB_TOKEN' } } },
    effects: { workflow: has('secrets.HUB_TOKEN'), docs: has('| `HUB_TOKEN` | secret |') },
  },
  // ---------------- ImageFamilyProps ----------------
  {
    option: 'ImageFamilyProps.dockerfile',
    variant: { family: { dockerfile: 'images/app.Dockerfile' } },
    effects: {
      dockerfile: (after) => expect(after, 'no Dockerfile').toBeDefined(),
      makefile: replaces(['docker/app/Dockerfile'], 'images/app.Dockerfile'),
      bake: bake((t) => expect(t.dockerfile).toBe('images/app.Dockerfile')),
      docs: replaces(['docker/app/Dockerfile'], 'images/app.Dockerfile'),
    },
  },
  {
    option: 'ImageFamilyProps.context',
    variant: { family: { context: 'services/app' } },
    effects: {
      dockerignore: (after) => expect(after, 'no .dockerignore').toBeDefined(),
      makefile: has("'services/app'"),
      bake: bake((t) => expect(t.context).toBe('services/app')),
    },
  },
  {
    option: 'ImageFamilyProps.tag',
    variant: { family: { tag: FamilyTag.templates(['{sha}'], { fallback: 'local' }) } },
    effects: {
      makefile: has('$(GIT_SHA)', 'local'),
      bake: bakeVariable('APP_TAG', 'local'),
      docs: all(hasLine('`{sha}`'), hasLine('`local`')),
    },
  },
  {
    option: 'ImageFamilyProps.platforms',
    variant: { family: { platforms: ['linux/arm64'] } },
    effects: {
      makefile: all(hasLine('--platform', 'linux/arm64'), has('\nbuild-arm64: build-app-runtime-arm64\n')),
      bake: bakePlatforms('linux/arm64'),
      workflow: QEMU,
      docs: hasLine('latforms', '`linux/arm64`'),
    },
  },
  {
    option: 'ImageFamilyProps.description',
    variant: { family: { description: DESCRIPTION } },
    effects: { docs: has(DESCRIPTION) },
  },
  // ---------------- ImageProps ----------------
  {
    option: 'ImageProps.repository',
    variant: { image: { repository: 'acme-app' } },
    effects: {
      // the OCI title label names the repository
      dockerfile: has('org.opencontainers.image.title="acme-app"'),
      makefile: has('$(REGISTRY)/acme-app:'),
      bake: bake((t) => expect(t.tags).toStrictEqual(['${REGISTRY}/acme-app:${APP_TAG}'])),
      docs: has('ghcr.io/acme/acme-app'),
    },
  },
  {
    option: 'ImageProps.description',
    variant: { image: { description: DESCRIPTION } },
    effects: {
      dockerfile: has(`org.opencontainers.image.description="${DESCRIPTION}"`),
      makefile: has(`org.opencontainers.image.description=${DESCRIPTION}`),
      bake: bakeLabel('org.opencontainers.image.description', DESCRIPTION),
      docs: has(DESCRIPTION),
    },
  },
  {
    option: 'ImageProps.dockerfile',
    variant: { image: { dockerfile: 'images/runtime.Dockerfile' } },
    effects: {
      dockerfile: (after) => expect(after, 'no Dockerfile').toBeDefined(),
      makefile: replaces(['docker/app/Dockerfile'], 'images/runtime.Dockerfile'),
      bake: bake((t) => expect(t.dockerfile).toBe('images/runtime.Dockerfile')),
      docs: replaces(['docker/app/Dockerfile'], 'images/runtime.Dockerfile'),
    },
  },
  {
    option: 'ImageProps.user',
    variant: { image: { user: '20000' } },
    effects: { dockerfile: replaces(['USER 10001:10001'], 'USER 20000') },
  },
  {
    option: 'ImageProps.role',
    variant: { image: { role: ImageRole.SDK } },
    effects: {},
    validationOnly: 'the role keeps layering rules (no RUN on a runtime image); no generated file shows it',
  },
  {
    option: 'ImageProps.platforms',
    variant: { image: { platforms: ['linux/arm64'] } },
    effects: {
      makefile: all(hasLine('--platform', 'linux/arm64'), has('\nbuild-app-runtime-arm64:\n')),
      bake: bakePlatforms('linux/arm64'),
      workflow: QEMU,
      docs: hasLine('latforms', '`linux/arm64`'),
    },
  },
  // ---------------- StageProps ----------------
  {
    option: 'StageProps.from',
    variant: { image: { from: ImageSource.registry('debian:12') } },
    effects: {
      dockerfile: replaces(['ubuntu:24.04'], 'debian:12'),
      makefile: replaces(['ubuntu:24.04'], 'APP_RUNTIME_BASE_IMAGE ?= debian:12'),
      bake: bakeVariable('APP_RUNTIME_BASE_IMAGE', 'debian:12'),
      docs: replaces(['ubuntu:24.04'], 'debian:12'),
    },
  },
  {
    option: 'StageProps.platform',
    base: { extra: (p) => p.runtime.addStage('build', { from: ImageSource.registry('golang:1.23') }).run(['go build']) },
    variant: { extra: (p) => p.runtime.addStage('build', { from: ImageSource.registry('golang:1.23'), platform: '$BUILDPLATFORM' }).run(['go build']) },
    effects: { dockerfile: has('FROM --platform=$BUILDPLATFORM') },
  },
  // ---------------- RegistryImageOptions ----------------
  {
    option: 'RegistryImageOptions.buildArg',
    variant: { image: { from: ImageSource.registry('ubuntu:24.04', { buildArg: 'OS_IMAGE' }) } },
    effects: {
      dockerfile: has('ARG OS_IMAGE=ubuntu:24.04', 'FROM ${OS_IMAGE}'),
      makefile: has('OS_IMAGE='),
      bake: bake((t) => expect(Object.keys(t.args ?? {})).toContain('OS_IMAGE')),
      docs: has('OS_IMAGE'),
    },
  },
  // ---------------- RunOptions ----------------
  stageRow('RunOptions.mounts', (p) => p.runtime.run(['make test']), (p) => p.runtime.run(['make test'], { mounts: [Mount.cache({ target: '/root/.cache' })] }), {
    dockerfile: has('--mount=type=cache', 'target=/root/.cache'),
  }),
  stageRow('RunOptions.network', (p) => p.runtime.run(['make test']), (p) => p.runtime.run(['make test'], { network: RunNetwork.NONE }), {
    dockerfile: has('--network=none'),
  }),
  // ---------------- CopyOptions ----------------
  stageRow(
    'CopyOptions.from',
    (p) => {
      p.runtime.addStage('build', { from: ImageSource.registry('golang:1.23') });
      p.runtime.copy(['out'], '/opt/out');
    },
    (p) => p.runtime.copy(['out'], '/opt/out', { from: p.runtime.addStage('build', { from: ImageSource.registry('golang:1.23') }) }),
    { dockerfile: has('--from=build'), dockerignore: lacks('!out\n') },
  ),
  stageRow('CopyOptions.link', (p) => p.runtime.copy(['etc'], '/etc/app'), (p) => p.runtime.copy(['etc'], '/etc/app', { link: false }), {
    dockerfile: lacks('COPY --link etc /etc/app'),
  }),
  stageRow('CopyOptions.chown', (p) => p.runtime.copy(['etc'], '/etc/app'), (p) => p.runtime.copy(['etc'], '/etc/app', { chown: '10001:10001' }), {
    dockerfile: has('--chown=10001:10001'),
  }),
  stageRow('CopyOptions.chmod', (p) => p.runtime.copy(['etc'], '/etc/app'), (p) => p.runtime.copy(['etc'], '/etc/app', { chmod: '0750' }), {
    dockerfile: has('--chmod=0750'),
  }),
  // ---------------- AddOptions ----------------
  stageRow('AddOptions.checksum', (p) => p.runtime.add('https://example.com/a.tgz', '/a.tgz', { checksum: SHA_A }), (p) => p.runtime.add('https://example.com/a.tgz', '/a.tgz', { checksum: SHA_B }), {
    dockerfile: replaces([SHA_A], `--checksum=${SHA_B}`),
  }),
  stageRow('AddOptions.chown', (p) => p.runtime.add('https://example.com/a.tgz', '/a.tgz', { checksum: SHA_A }), (p) => p.runtime.add('https://example.com/a.tgz', '/a.tgz', { checksum: SHA_A, chown: '10001' }), {
    dockerfile: has('--chown=10001'),
  }),
  stageRow('AddOptions.chmod', (p) => p.runtime.add('https://example.com/a.tgz', '/a.tgz', { checksum: SHA_A }), (p) => p.runtime.add('https://example.com/a.tgz', '/a.tgz', { checksum: SHA_A, chmod: '0600' }), {
    dockerfile: has('--chmod=0600'),
  }),
  // ---------------- HealthcheckOptions ----------------
  stageRow('HealthcheckOptions.command', (p) => p.runtime.healthcheck({ command: ['/bin/true'] }), (p) => p.runtime.healthcheck({ command: ['/usr/bin/app', 'health'] }), {
    dockerfile: replaces(['"/bin/true"'], '"/usr/bin/app"', '"health"'),
  }),
  ...([
    ['intervalSeconds', '--interval=11s'],
    ['timeoutSeconds', '--timeout=11s'],
    ['startPeriodSeconds', '--start-period=11s'],
    ['startIntervalSeconds', '--start-interval=11s'],
    ['retries', '--retries=11'],
  ] as const).map(([key, flag]) => stageRow(
    `HealthcheckOptions.${key}`,
    (p) => p.runtime.healthcheck({ command: ['/bin/true'] }),
    (p) => p.runtime.healthcheck({ command: ['/bin/true'], [key]: 11 }),
    key === 'startIntervalSeconds' ? { dockerfile: has(flag), docs: has('(`docker/dockerfile:1.6`)') } : { dockerfile: has(flag) },
  )),
  // ---------------- mounts ----------------
  mountRow('CacheMountOptions.target', () => Mount.cache({ target: '/root/.cache' }), () => Mount.cache({ target: '/var/cache/apt' }), 'target=/var/cache/apt'),
  mountRow('CacheMountOptions.id', () => Mount.cache({ target: '/c' }), () => Mount.cache({ target: '/c', id: 'apt-cache' }), 'id=apt-cache'),
  mountRow('CacheMountOptions.sharing', () => Mount.cache({ target: '/c' }), () => Mount.cache({ target: '/c', sharing: CacheSharing.SHARED }), 'sharing=shared'),
  mountRow('CacheMountOptions.readOnly', () => Mount.cache({ target: '/c' }), () => Mount.cache({ target: '/c', readOnly: true }), 'type=cache', 'readonly'),
  mountRow('CacheMountOptions.mode', () => Mount.cache({ target: '/c' }), () => Mount.cache({ target: '/c', mode: '0700' }), 'mode=0700'),
  mountRow('CacheMountOptions.uid', () => Mount.cache({ target: '/c' }), () => Mount.cache({ target: '/c', uid: 1234 }), 'uid=1234'),
  mountRow('CacheMountOptions.gid', () => Mount.cache({ target: '/c' }), () => Mount.cache({ target: '/c', gid: 4321 }), 'gid=4321'),
  mountRow('BindMountOptions.target', () => Mount.bind({ target: '/src', source: 'src' }), () => Mount.bind({ target: '/workspace', source: 'src' }), 'target=/workspace'),
  {
    option: 'BindMountOptions.source',
    base: { extra: (p) => p.runtime.run(['make install'], { mounts: [Mount.bind({ target: '/cfg', source: 'src' })] }) },
    variant: { extra: (p) => p.runtime.run(['make install'], { mounts: [Mount.bind({ target: '/cfg', source: 'config' })] }) },
    effects: { dockerfile: has('source=config'), dockerignore: has('!config') },
  },
  mountRow('BindMountOptions.readWrite', () => Mount.bind({ target: '/src', source: 'src' }), () => Mount.bind({ target: '/src', source: 'src', readWrite: true }), 'type=bind', 'readwrite'),
  mountRow('SecretMountOptions.id', () => Mount.secret({ id: 'npmrc' }), () => Mount.secret({ id: 'netrc' }), 'id=netrc'),
  mountRow('SecretMountOptions.target', () => Mount.secret({ id: 'npmrc' }), () => Mount.secret({ id: 'npmrc', target: '/root/.npmrc' }), 'target=/root/.npmrc'),
  frontendMountRow('SecretMountOptions.env', () => Mount.secret({ id: 'tok' }), () => Mount.secret({ id: 'tok', env: 'NPM_TOKEN' }), 'docker/dockerfile:1.10', 'env=NPM_TOKEN'),
  mountRow('SecretMountOptions.required', () => Mount.secret({ id: 'tok' }), () => Mount.secret({ id: 'tok', required: false }), 'required=false'),
  mountRow('SecretMountOptions.mode', () => Mount.secret({ id: 'tok' }), () => Mount.secret({ id: 'tok', mode: '0440' }), 'mode=0440'),
  mountRow('SecretMountOptions.uid', () => Mount.secret({ id: 'tok' }), () => Mount.secret({ id: 'tok', uid: 1234 }), 'uid=1234'),
  mountRow('SecretMountOptions.gid', () => Mount.secret({ id: 'tok' }), () => Mount.secret({ id: 'tok', gid: 4321 }), 'gid=4321'),
  mountRow('SshMountOptions.id', () => Mount.ssh(), () => Mount.ssh({ id: 'github' }), 'id=github'),
  mountRow('SshMountOptions.target', () => Mount.ssh(), () => Mount.ssh({ target: '/run/ssh.sock' }), 'target=/run/ssh.sock'),
  mountRow('SshMountOptions.required', () => Mount.ssh(), () => Mount.ssh({ required: false }), 'required=false'),
  mountRow('SshMountOptions.mode', () => Mount.ssh(), () => Mount.ssh({ mode: '0666' }), 'mode=0666'),
  mountRow('SshMountOptions.uid', () => Mount.ssh(), () => Mount.ssh({ uid: 1234 }), 'uid=1234'),
  mountRow('SshMountOptions.gid', () => Mount.ssh(), () => Mount.ssh({ gid: 4321 }), 'gid=4321'),
  mountRow('TmpfsMountOptions.target', () => Mount.tmpfs({ target: '/tmp' }), () => Mount.tmpfs({ target: '/scratch' }), 'target=/scratch'),
  mountRow('TmpfsMountOptions.sizeBytes', () => Mount.tmpfs({ target: '/tmp' }), () => Mount.tmpfs({ target: '/tmp', sizeBytes: 65536 }), 'size=65536'),
  // ---------------- FamilyTag ----------------
  {
    option: 'FamilyTagOptions.constants',
    base: { family: { tag: FamilyTag.templates(['{version}-{os}'], { constants: { os: 'ubuntu24.04' } }) } },
    variant: { family: { tag: FamilyTag.templates(['{version}-{os}'], { constants: { os: 'debian12' } }) } },
    effects: { makefile: replaces(['ubuntu24.04'], 'debian12'), docs: replaces(['ubuntu24.04'], 'debian12') },
  },
  {
    option: 'FamilyTagOptions.fallback',
    base: { family: { tag: DEFAULT_TAG } },
    variant: { family: { tag: FamilyTag.templates(['{version}', '{branch}'], { fallback: 'snapshot' }) } },
    effects: {
      makefile: has('snapshot'),
      bake: bakeVariable('APP_TAG', 'snapshot'),
      docs: has('snapshot'),
    },
  },
  {
    option: 'FamilyTag.templates',
    base: { family: { tag: DEFAULT_TAG } },
    variant: { family: { tag: FamilyTag.templates(['{branch}-{sha}']) } },
    effects: { makefile: has('$(GIT_BRANCH)', '$(GIT_SHA)'), docs: has('{branch}-{sha}') },
  },
  {
    option: 'FamilyTag.fixed',
    base: { family: { tag: DEFAULT_TAG } },
    variant: { family: { tag: FamilyTag.fixed('1.0.0') } },
    effects: { makefile: has('1.0.0'), bake: bakeVariable('APP_TAG', '1.0.0'), docs: has('1.0.0') },
  },
  // ---------------- tag rules ----------------
  {
    option: 'ImageFamilyProps.tags',
    variant: { family: { tags: [TagRule.sha()] } },
    effects: {
      makefile: has('APP_TAGS ?= $(or $(TAG),', '$(tag_app_list),dev)', 'sha-$(GIT_SHA)', '"$${tag_args[@]}"'),
      bake: bake((t) => expect(t.tags).toBe('${formatlist("%s/app-runtime:%s", REGISTRY, compact(split(" ", APP_TAGS)))}')),
      workflow: has('APP_TAGS: ${{ needs.tag.outputs.APP_TAGS }}'),
      docs: has('`APP_TAGS`', '`type=sha,format=short`'),
    },
  },
  {
    option: 'ImageFamilyProps.tagFlavor',
    base: SHA_RULE,
    variant: { family: { tags: [TagRule.sha()], tagFlavor: { fallback: 'snapshot' } } },
    effects: { makefile: has('$(tag_app_list),snapshot)'), bake: bakeVariable('APP_TAGS', 'snapshot'), docs: has('`snapshot`') },
  },
  {
    option: 'TagFlavor.fallback',
    base: SHA_RULE,
    variant: { family: { tags: [TagRule.sha()], tagFlavor: { fallback: 'unreleased' } } },
    effects: { makefile: has('$(tag_app_list),unreleased)'), bake: bakeVariable('APP_TAGS', 'unreleased'), docs: has('`unreleased`') },
  },
  {
    option: 'TagFlavor.latest',
    base: { family: { tags: [TagRule.tag()] } },
    variant: { family: { tags: [TagRule.tag()], tagFlavor: { latest: LatestTag.NEVER } } },
    effects: { makefile: replaces(['$(if $(tag_app_rule_1),1,)'], '$(if $(tag_app_rule_1),,)'), docs: has('never added automatically') },
  },
  {
    option: 'TagFlavor.prefix',
    base: { family: { tags: [TagRule.branch()] } },
    variant: { family: { tags: [TagRule.branch()], tagFlavor: { prefix: 'img-' } } },
    effects: { makefile: has('img-$(GIT_REF_BRANCH)'), docs: has('`type=ref,event=branch,prefix=img-`') },
  },
  {
    option: 'TagFlavor.suffix',
    base: { family: { tags: [TagRule.branch()] } },
    variant: { family: { tags: [TagRule.branch()], tagFlavor: { suffix: '-ubuntu24.04' } } },
    effects: { makefile: has('$(GIT_REF_BRANCH)-ubuntu24.04'), docs: has('suffix=-ubuntu24.04') },
  },
  {
    option: 'TagFlavor.prefixLatest',
    base: { family: { tags: [TagRule.tag()], tagFlavor: { prefix: 'img-' } } },
    variant: { family: { tags: [TagRule.tag()], tagFlavor: { prefix: 'img-', prefixLatest: true } } },
    effects: { makefile: has('img-latest'), docs: has('`img-latest`') },
  },
  {
    option: 'TagFlavor.suffixLatest',
    base: { family: { tags: [TagRule.tag()], tagFlavor: { suffix: '-slim' } } },
    variant: { family: { tags: [TagRule.tag()], tagFlavor: { suffix: '-slim', suffixLatest: true } } },
    effects: { makefile: has('latest-slim'), docs: has('`latest-slim`') },
  },
  ruleRow('TagRuleOptions.enable', TagRule.sha({ enable: TagCondition.onDefaultBranch() }), '$(if $(and $(GIT_IS_DEFAULT_BRANCH),$(GIT_SHA)),sha-$(GIT_SHA))', 'enabled on the default branch', true),
  ruleRow('TagRuleOptions.prefix', TagRule.sha({ prefix: 'commit-' }), 'commit-$(GIT_SHA)', '`type=sha,format=short,prefix=commit-`', true),
  ruleRow('TagRuleOptions.suffix', TagRule.sha({ suffix: '-amd64' }), 'sha-$(GIT_SHA)-amd64', '`type=sha,format=short,suffix=-amd64`', true),
  {
    option: 'TagRuleOptions.priority',
    base: { family: { tags: [TagRule.branch(), TagRule.sha()] } },
    variant: { family: { tags: [TagRule.branch(), TagRule.sha({ priority: 1000 })] } },
    effects: { makefile: has('type=sha,format=short 1000; type=ref,event=branch 600'), docs: has('(priority 1000)') },
  },
  ruleRow('ShaTagRuleOptions.format', TagRule.sha({ format: ShaFormat.LONG }), 'sha-$(GIT_REVISION)', '`type=sha,format=long`', true),
  {
    option: 'EdgeTagRuleOptions.branch',
    base: { family: { tags: [TagRule.edge()] } },
    variant: { family: { tags: [TagRule.edge({ branch: 'develop' })] } },
    effects: { makefile: replaces(['refs/heads/$(DEFAULT_BRANCH),$(GIT_REF)),edge)'], 'refs/heads/develop'), docs: has('`type=edge,branch=develop`') },
  },
  {
    option: 'TimestampTagRuleOptions.source',
    base: { family: { tags: [TagRule.timestamp('YYYYMMDD')] } },
    variant: { family: { tags: [TagRule.timestamp('YYYYMMDD', { source: TimestampSource.COMMIT })] } },
    effects: { makefile: replaces(['SOURCE_DATE_EPOCH:-'], 'git log -1 --format=%ct'), docs: has("{{commit_date 'YYYYMMDD'}}") },
  },
  ruleRow('TagRule.branch', TagRule.branch(), '$(if $(GIT_REF_BRANCH),$(GIT_REF_BRANCH))', '`type=ref,event=branch`'),
  ruleRow('TagRule.tag', TagRule.tag(), '$(if $(GIT_REF_TAG),$(GIT_REF_TAG))', '`type=ref,event=tag`'),
  ruleRow('TagRule.pr', TagRule.pr(), '$(if $(GIT_PR),pr-$(GIT_PR))', '`type=ref,event=pr`'),
  ruleRow('TagRule.semver', TagRule.semver('{{major}}.{{minor}}'), '$(GIT_SEMVER_MAJOR).$(GIT_SEMVER_MINOR)', '`type=semver,pattern={{major}}.{{minor}}`'),
  {
    option: 'TagRule.sha',
    base: { family: { tags: [TagRule.branch()] } },
    variant: { family: { tags: [TagRule.branch(), TagRule.sha()] } },
    effects: { makefile: has('$(if $(GIT_SHA),sha-$(GIT_SHA))'), docs: has('`type=sha,format=short`') },
  },
  ruleRow('TagRule.schedule', TagRule.schedule(), '$(if $(filter schedule,$(GIT_EVENT)),nightly)', '`type=schedule,pattern=nightly`'),
  ruleRow('TagRule.timestamp', TagRule.timestamp('YYYYMMDD-HHmmss', { prefix: 'v' }), "+'%Y%m%d-%H%M%S'", "`type=raw,value={{date 'YYYYMMDD-HHmmss'}},prefix=v`"),
  ruleRow('TagRule.raw', TagRule.raw('stable'), 'tag_app_rule_1 := stable', '`type=raw,value=stable`'),
  ruleRow('TagRule.edge', TagRule.edge(), '$(if $(filter refs/heads/$(DEFAULT_BRANCH),$(GIT_REF)),edge)', '`type=edge`'),
  conditionRow('TagCondition.onDefaultBranch', TagCondition.onDefaultBranch(), '$(GIT_IS_DEFAULT_BRANCH)', 'enabled on the default branch'),
  conditionRow('TagCondition.onEvent', TagCondition.onEvent(['push', 'workflow_dispatch']), '$(filter push workflow_dispatch,$(GIT_EVENT))', 'enabled on `push` or `workflow_dispatch` events'),
  conditionRow('TagCondition.onRef', TagCondition.onRef('refs/tags/v2.*'), '$(filter refs/tags/v2.%,$(GIT_REF))', 'enabled when the ref matches `refs/tags/v2.*`'),
  conditionRow('TagCondition.not', TagCondition.not(TagCondition.onDefaultBranch()), '$(if $(GIT_IS_DEFAULT_BRANCH),,1)', 'enabled unless on the default branch'),
  conditionRow('TagCondition.allOf', TagCondition.allOf([TagCondition.onDefaultBranch(), TagCondition.onEvent(['push'])]), '$(and $(GIT_IS_DEFAULT_BRANCH),$(filter push,$(GIT_EVENT)))', 'enabled on the default branch and on `push` events'),
  conditionRow('TagCondition.anyOf', TagCondition.anyOf([TagCondition.onDefaultBranch(), TagCondition.onEvent(['schedule'])]), '$(or $(GIT_IS_DEFAULT_BRANCH),$(filter schedule,$(GIT_EVENT)))', 'enabled (on the default branch or on `schedule` events)'),
  // ---------------- external families ----------------
  {
    option: 'ExternalFamilyProps.registry',
    base: external(),
    variant: external({ registry: 'ghcr.io/mirror' }),
    effects: {
      dockerfile: replaces(['ghcr.io/hurdad'], 'ghcr.io/mirror'),
      makefile: replaces(['ghcr.io/hurdad'], 'ghcr.io/mirror'),
      bake: bakeVariable('FLOW_PIPE_REGISTRY', 'ghcr.io/mirror'),
      docs: replaces(['ghcr.io/hurdad'], 'ghcr.io/mirror'),
    },
  },
  {
    option: 'ExternalFamilyProps.tag',
    base: external(),
    variant: external({ tag: '0.2.0' }),
    effects: {
      dockerfile: replaces(['0.1.0'], '0.2.0'),
      makefile: replaces(['0.1.0'], '0.2.0'),
      bake: bakeVariable('FLOW_PIPE_TAG', '0.2.0'),
      docs: replaces(['0.1.0'], '0.2.0'),
    },
  },
  {
    option: 'ExternalFamilyProps.images',
    base: external(),
    variant: external({ images: [{ name: 'dev', repository: 'flow-pipe-sdk', role: ImageRole.SDK }] }),
    // CONTAINERS.md lists each image's parents: an external parent is one of them
    effects: { dockerfile: replaces(['flow-pipe-dev'], 'flow-pipe-sdk'), docs: has('flow-pipe-sdk') },
  },
  {
    option: 'ExternalImageProps.name',
    base: external(),
    variant: external({ images: [{ name: 'sdk', repository: 'flow-pipe-dev', role: ImageRole.SDK }] }, 'sdk'),
    effects: {},
    validationOnly: 'the name only selects the image in code (family.image(name)); outputs name the repository',
  },
  {
    option: 'ExternalImageProps.repository',
    base: external(),
    variant: external({ images: [{ name: 'dev', repository: 'flow-pipe-devel', role: ImageRole.SDK }] }),
    effects: { dockerfile: replaces(['flow-pipe-dev:'], 'flow-pipe-devel'), docs: has('flow-pipe-devel') },
  },
  {
    option: 'ExternalImageProps.role',
    base: external(),
    variant: external({ images: [{ name: 'dev', repository: 'flow-pipe-dev', role: ImageRole.GENERAL }] }),
    effects: {},
    validationOnly: 'the role keeps layering rules (no RUN on a runtime image); no generated file shows it',
  },
  // ---------------- Makefile interface ----------------
  {
    option: 'ContainersProps.make',
    variant: { props: { make: { targetPrefix: 'ctr-' } } },
    effects: { makefile: hasLine('ctr-build:'), docs: has('make ctr-build') },
  },
  {
    option: 'MakeOptions.targetPrefix',
    variant: { props: { make: { targetPrefix: 'container-' } } },
    // the workflow calls print-tags, which keeps its name
    effects: { makefile: all(hasLine('container-build-app-runtime:'), hasLine('container-run-app-runtime:')), docs: has('make container-build-app-runtime') },
  },
  {
    option: 'MakeOptions.defaultGoal',
    variant: { props: { make: { defaultGoal: 'build' } } },
    effects: { makefile: replaces(['.DEFAULT_GOAL := help'], '.DEFAULT_GOAL := build') },
  },
  {
    option: 'MakeOptions.targets',
    variant: { props: { make: { targets: [{ name: 'gen', commands: [['make', 'generate']] }] } } },
    effects: { makefile: all(hasLine('gen:'), hasLine("'make' 'generate'")) },
  },
  ...makeTargetRows(),
  {
    option: 'ImageProps.make',
    variant: { image: { make: { imageVariable: 'RUNTIME_REF' } } },
    // the publishing job's digest output is named after the image variable (digestOutputOf)
    effects: { makefile: has('RUNTIME_REF ?= $(REGISTRY)/app-runtime:$(APP_TAG)'), docs: has('RUNTIME_REF='), workflow: has('RUNTIME_REF_DIGEST:') },
  },
  {
    option: 'ImageMakeOptions.imageVariable',
    variant: { image: { make: { imageVariable: 'DOCKER_CI_IMAGE' } } },
    effects: {
      makefile: replaces(['APP_RUNTIME_IMAGE'], 'DOCKER_CI_IMAGE ?= $(REGISTRY)/app-runtime:$(APP_TAG)', '--tag "$$DOCKER_CI_IMAGE"'),
      docs: replaces(['APP_RUNTIME_IMAGE='], 'DOCKER_CI_IMAGE='),
      workflow: replaces(['APP_RUNTIME_IMAGE_DIGEST'], 'DOCKER_CI_IMAGE_DIGEST:'),
    },
  },
  {
    option: 'ImageMakeOptions.portsVariable',
    variant: { image: { make: { portsVariable: 'API_PORTS' } } },
    effects: { makefile: replaces(['APP_RUNTIME_PORTS'], 'API_PORTS ?=', 'ports=($$API_PORTS)') },
  },
  ...(['build', 'push', 'pull', 'clean', 'run'] as const).map((verb): ReachRow => ({
    option: `ImageMakeOptions.${verb}Alias`,
    variant: { image: { make: { [`${verb}Alias`]: `docker-${verb}` } } },
    effects: { makefile: hasLine(`docker-${verb}: ${verb}-app-runtime`), docs: hasLine(`make docker-${verb}`, `alias of ${verb}-app-runtime`) },
  })),
  // ---------------- DockerfileSyntax ----------------
  {
    option: 'DockerfileSyntax.custom',
    base: { props: { dockerfileSyntax: DockerfileSyntax.omit() } },
    variant: { props: { dockerfileSyntax: DockerfileSyntax.custom('mirror.internal/docker/dockerfile:1.10') } },
    effects: { dockerfile: has('# syntax=mirror.internal/docker/dockerfile:1.10\n'), docs: has('(`mirror.internal/docker/dockerfile:1.10`)') },
  },
  {
    option: 'DockerfileSyntax.omit',
    base: { props: { dockerfileSyntax: DockerfileSyntax.custom('mirror.internal/docker/dockerfile:1.10') } },
    variant: { props: { dockerfileSyntax: DockerfileSyntax.omit() } },
    effects: { dockerfile: lacks('# syntax='), docs: lacks('(`mirror.internal/docker/dockerfile:1.10`)') },
  },
  {
    option: 'DockerfileSyntax.auto',
    // a secret exposed as an environment variable needs frontend 1.10, newer than any supported engine has built in
    base: { props: { dockerfileSyntax: DockerfileSyntax.omit() }, extra: (p) => p.runtime.run(['make'], { mounts: [Mount.secret({ id: 'tok', env: 'TOKEN' })] }) },
    variant: { props: { dockerfileSyntax: DockerfileSyntax.auto() }, extra: (p) => p.runtime.run(['make'], { mounts: [Mount.secret({ id: 'tok', env: 'TOKEN' })] }) },
    effects: { dockerfile: has('# syntax=docker/dockerfile:1.'), docs: has('(`docker/dockerfile:1.10`)') },
  },
  // ---------------- presets: CacheMountPresetOptions ----------------
  presetMountRow('CacheMountPresetOptions.uid', { uid: 10001 }, 'uid=10001', 'gid=10001'),
  presetMountRow('CacheMountPresetOptions.gid', { uid: 10001, gid: 20002 }, 'uid=10001', 'gid=20002'),
  presetMountRow('CacheMountPresetOptions.home', { home: '/home/app' }, 'target=/home/app/.cache/pip'),
  // ---------------- presets: CargoBuildOptions ----------------
  cargoRow('CargoBuildOptions.binary', { binary: 'server' }, '--bin server', '/out/server', 'id=cargo-target-server'),
  cargoRow('CargoBuildOptions.directory', { directory: '/work/crate' }, 'cd /work/crate', 'target=/work/crate/target'),
  cargoRow('CargoBuildOptions.outDir', { outDir: '/dist' }, 'mkdir -p /dist', '/dist/app'),
  cargoRow('CargoBuildOptions.musl', { musl: true }, 'x86_64-unknown-linux-musl', 'aarch64-unknown-linux-musl'),
  // ---------------- presets: ServicePresetProps, GoServiceProps, RustServiceProps ----------------
  serviceRow('ServicePresetProps.source', goService, { source: 'go/api' }, {
    dockerfile: has('COPY --link go/api/go.mod go/api/go.sum /src/', 'COPY --link go/api /src/'),
    dockerignore: has('!go/api'),
  }),
  serviceRow('ServicePresetProps.builder', goService, { builder: ImageSource.registry('golang:1.24') }, {
    dockerfile: has('golang:1.24'),
    makefile: has('golang:1.24'),
    bake: has('golang:1.24'),
    docs: has('golang:1.24'),
  }),
  serviceRow('ServicePresetProps.base', goService, { base: ImageSource.registry('debian:12') }, {
    dockerfile: has('debian:12'),
    makefile: has('debian:12'),
    bake: has('debian:12'),
    docs: has('debian:12'),
  }),
  serviceRow('ServicePresetProps.binary', goService, { binary: 'api' }, {
    dockerfile: has('-o /out/api .', 'ENTRYPOINT ["/usr/local/bin/api"]', 'HEALTHCHECK CMD ["/usr/local/bin/api", "--healthcheck"]'),
  }),
  serviceRow('ServicePresetProps.port', goService, { port: 9090 }, { dockerfile: replaces(['EXPOSE 8080/tcp'], 'EXPOSE 9090/tcp'), makefile: has('9090:9090/tcp'), docs: replaces(['-p 8080:8080/tcp'], '-p 9090:9090/tcp') }),
  serviceRow('ServicePresetProps.healthcheck', goService, { healthcheck: { command: ['/usr/local/bin/svc', 'ping'], intervalSeconds: 5 } }, {
    dockerfile: has('HEALTHCHECK --interval=5s CMD ["/usr/local/bin/svc", "ping"]'),
  }),
  serviceRow('ServicePresetProps.user', goService, { user: '65532:65532' }, { dockerfile: has('USER 65532:65532') }),
  serviceRow('ServicePresetProps.certificates', goService, { certificates: false }, {
    dockerfile: lacks('/etc/ssl/certs/ca-certificates.crt', '/usr/share/zoneinfo'),
  }),
  serviceRow('ServicePresetProps.maxSizeMb', goService, { maxSizeMb: 100 }, {
    makefile: has('check-size-app-svc:', '-gt 100000000 ]'),
    workflow: has('check-size-app-svc'),
  }),
  serviceRow('ServicePresetProps.make', goService, { make: { buildAlias: 'container-build-svc' } }, {
    makefile: hasLine('container-build-svc:'),
    docs: has('container-build-svc'),
  }),
  serviceRow('ServicePresetProps.repository', goService, { repository: 'control-plane' }, {
    dockerfile: has('org.opencontainers.image.title="control-plane"'),
    makefile: has('$(REGISTRY)/control-plane:'),
    bake: has('control-plane'),
    docs: has('control-plane'),
  }),
  serviceRow('ServicePresetProps.description', rustService, { description: 'The svc service' }, {
    dockerfile: has('org.opencontainers.image.description="The svc service"'),
    makefile: has('org.opencontainers.image.description=The svc service'),
    bake: has('The svc service'),
    docs: has('The svc service'),
  }),
  serviceRow('GoServiceProps.packagePath', goService, { packagePath: './cmd/api' }, { dockerfile: has('-o /out/svc ./cmd/api') }),
  serviceRow('RustServiceProps.musl', rustService, { musl: true }, { dockerfile: has('x86_64-unknown-linux-musl') }),
  serviceRow('CmakeSdkProps.source', cmakeSdk, { source: 'cpp/flow' }, { dockerfile: has('COPY --link cpp/flow /src/'), dockerignore: has('!cpp/flow') }),
  serviceRow('CmakeSdkProps.base', cmakeSdk, { base: ImageSource.registry('debian:13-slim') }, {
    dockerfile: has('debian:13-slim'),
    makefile: has('debian:13-slim'),
    bake: has('debian:13-slim'),
    docs: has('debian:13-slim'),
  }),
  serviceRow('CmakeSdkProps.program', cmakeSdk, { program: 'flow_runtime' }, { dockerfile: has('/out/bin/flow_runtime /usr/local/bin/flow_runtime', 'ENTRYPOINT ["/usr/local/bin/flow_runtime"]') }),
  serviceRow('CmakeSdkProps.sdkPackages', cmakeSdk, { sdkPackages: ['clang', 'cmake'] }, { dockerfile: has('--no-install-recommends clang cmake') }),
  serviceRow('CmakeSdkProps.runtimePackages', cmakeSdk, { runtimePackages: ['libyaml-0-2'] }, { dockerfile: has('--no-install-recommends libyaml-0-2') }),
  serviceRow('CmakeSdkProps.cmakeDefinitions', cmakeSdk, { cmakeDefinitions: ['-DWITH_YAML=ON'] }, { dockerfile: has("'-DWITH_YAML=ON'") }),
  serviceRow('CmakeSdkProps.sharedLibraries', cmakeSdk, { sharedLibraries: true }, { dockerfile: has('/out/lib/ /usr/local/lib/', 'RUN ldconfig') }),
  serviceRow('PythonServiceProps.source', pythonService, { source: 'py/api' }, {
    dockerfile: has('COPY --link py/api/requirements.txt /tmp/requirements/', 'COPY --link py/api /app/'),
    dockerignore: has('!py/api'),
  }),
  serviceRow('PythonServiceProps.builder', pythonService, { builder: ImageSource.registry('python:3.13') }, {
    dockerfile: has('python:3.13'),
    makefile: has('python:3.13'),
    bake: has('python:3.13'),
    docs: has('python:3.13'),
  }),
  serviceRow('PythonServiceProps.base', pythonService, { base: ImageSource.registry('python:3.12-slim') }, {
    dockerfile: has('python:3.12-slim'),
    makefile: has('python:3.12-slim'),
    bake: has('python:3.12-slim'),
    docs: has('python:3.12-slim'),
  }),
  serviceRow('PythonServiceProps.requirements', pythonService, { requirements: 'requirements/prod.txt' }, {
    dockerfile: has('COPY --link services/svc/requirements/prod.txt /tmp/requirements/', '-r /tmp/requirements/prod.txt'),
    dockerignore: has('!services/svc/requirements/prod.txt'),
  }),
  serviceRow('PythonServiceProps.command', pythonService, { command: ['/opt/venv/bin/gunicorn', 'svc:app'] }, {
    dockerfile: has('ENTRYPOINT ["/opt/venv/bin/gunicorn", "svc:app"]'),
  }),
  serviceRow('PythonServiceProps.port', pythonService, { port: 9000 }, { dockerfile: has('EXPOSE 9000/tcp', 'http://127.0.0.1:9000/'), makefile: has('9000:9000/tcp'), docs: has('-p 9000:9000/tcp') }),
  serviceRow('PythonServiceProps.healthcheck', pythonService, { healthcheck: { command: ['/opt/venv/bin/python', '-m', 'svc.health'] } }, {
    dockerfile: has('HEALTHCHECK CMD ["/opt/venv/bin/python", "-m", "svc.health"]'),
  }),
  serviceRow('PythonServiceProps.user', pythonService, { user: '65532:65532' }, { dockerfile: has('USER 65532:65532') }),
  ...WORKFLOW_ROWS,
  ...CACHE_ROWS,
  ...SUPPLY_ROWS,
  ...IMAGE_TAG_ROWS,
  ...OCI_ROWS,
  ...DISPATCH_ROWS,
  ...PROJECT_TYPE_ROWS,
];
