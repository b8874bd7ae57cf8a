/**
 * The option-reach table: for every public option, the expected effect in each output it concerns. An output a row
 * does not list is "not concerned" and must come out unchanged.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { DEFAULT_TAG, flowPipe, Output, OutputPaths, Parts, plugin, Variation } from './pipeline';
import {
  CacheSharing, DockerfileSyntax, FamilyTag, ImageRole, ImageSource, Mount, RunNetwork,
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

/** A stage calling `call` (the row's baseline calls `baseCall`). */
function stageRow(option: string, baseCall: (p: Parts) => void, call: (p: Parts) => void, effects: ReachRow['effects']): ReachRow {
  return { option, base: { extra: baseCall }, variant: { extra: call }, effects };
}

/** The baseline with an external family and a plugin image FROM its `dev` image, with `props` on the family. */
function external(props: Record<string, unknown> = {}, image = 'dev'): Variation {
  return { extra: (p) => plugin(p, flowPipe(p.containers, props), image) };
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
      makefile: hasLine('--platform', 'linux/amd64,linux/arm64'),
      bake: bakePlatforms('linux/amd64', 'linux/arm64'),
      workflow: QEMU,
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
    effects: { dockerfile: has('# syntax=registry.internal/docker/dockerfile:1.7\n') },
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
    effects: { workflow: absent },
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
  // ---------------- ContainersWorkflowOptions ----------------
  {
    option: 'ContainersWorkflowOptions.enabled',
    variant: { props: { workflow: { enabled: false } } },
    effects: { workflow: absent },
  },
  {
    option: 'ContainersWorkflowOptions.name',
    variant: { props: { workflow: { name: 'images' } } },
    effects: { workflow: has('name: images\n') },
  },
  {
    option: 'ContainersWorkflowOptions.defaultBranch',
    variant: { props: { workflow: { defaultBranch: 'trunk' } } },
    effects: { workflow: replaces(['- main\n'], '- trunk\n') },
  },
  {
    option: 'ContainersWorkflowOptions.runsOn',
    variant: { props: { workflow: { runsOn: 'ubuntu-22.04' } } },
    effects: { workflow: replaces(['runs-on: ubuntu-24.04'], 'runs-on: ubuntu-22.04') },
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
    effects: { workflow: has('secrets.HUB_USER') },
  },
  {
    option: 'ContainersWorkflowOptions.passwordSecret',
    base: { props: { registry: 'docker.io/acme' } },
    variant: { props: { registry: 'docker.io/acme', workflow: { passwordSecret: 'HUB_TOKEN' } } },
    effects: { workflow: has('secrets.HUB_TOKEN') },
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
      makefile: hasLine('--platform', 'linux/arm64'),
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
      makefile: has('$$REGISTRY/acme-app:'),
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
      makefile: hasLine('--platform', 'linux/arm64'),
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
    { dockerfile: has(flag) },
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
  mountRow('SecretMountOptions.env', () => Mount.secret({ id: 'tok' }), () => Mount.secret({ id: 'tok', env: 'NPM_TOKEN' }), 'env=NPM_TOKEN'),
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
  // ---------------- DockerfileSyntax ----------------
  {
    option: 'DockerfileSyntax.custom',
    base: { props: { dockerfileSyntax: DockerfileSyntax.omit() } },
    variant: { props: { dockerfileSyntax: DockerfileSyntax.custom('mirror.internal/docker/dockerfile:1.10') } },
    effects: { dockerfile: has('# syntax=mirror.internal/docker/dockerfile:1.10\n') },
  },
  {
    option: 'DockerfileSyntax.omit',
    base: { props: { dockerfileSyntax: DockerfileSyntax.custom('mirror.internal/docker/dockerfile:1.10') } },
    variant: { props: { dockerfileSyntax: DockerfileSyntax.omit() } },
    effects: { dockerfile: lacks('# syntax=') },
  },
  {
    option: 'DockerfileSyntax.auto',
    // a secret exposed as an environment variable needs frontend 1.10, newer than any supported engine has built in
    base: { props: { dockerfileSyntax: DockerfileSyntax.omit() }, extra: (p) => p.runtime.run(['make'], { mounts: [Mount.secret({ id: 'tok', env: 'TOKEN' })] }) },
    variant: { props: { dockerfileSyntax: DockerfileSyntax.auto() }, extra: (p) => p.runtime.run(['make'], { mounts: [Mount.secret({ id: 'tok', env: 'TOKEN' })] }) },
    effects: { dockerfile: has('# syntax=docker/dockerfile:1.') },
  },
];
