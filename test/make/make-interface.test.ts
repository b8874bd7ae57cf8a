/**
 * The Makefile interface on real GNU make with a docker stub that prints its arguments one per line: the naming
 * scheme (seed 003), aliases, a user target running in the CI image and a full-reference variable (seed 002), the
 * default goal, `<IMAGE>_IMAGE` reaching children, `run-<image>` (ports, RUN_ARGS, --init, TTY) and pull targets.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cleanEnv, make, removeWorkspaces, stubLines, workspace } from './make-harness';
import { Containers, ContainersProps, ImageSource, Protocol } from '../../src';
import type { BuildPlan } from '../../src/plan/build-plan';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

afterAll(removeWorkspaces);

/** The plan of a pipeline built by `build` (synthesized once, so validation ran). */
function planOf(build: (c: Containers) => void, props: Partial<ContainersProps> = {}): BuildPlan {
  const { project, containers } = newPipeline(props);
  build(containers);
  synthFiles(project);
  return containers._plan;
}

/** Runs make in a workspace of `plan` with the stub as DOCKER; returns status, stub lines and stderr. */
function makeWith(dir: string, args: string[], env: Record<string, string> = {}) {
  const result = make(dir, ['-s', ...args, `DOCKER=${join(dir, 'docker-stub')}`], env);
  return { ...result, lines: stubLines(result.stdout) };
}

/** Seed 002: one CI image with aliases, a renamed full-reference variable and a `gen` target run inside it. */
const CI_PLAN = planOf((c) => {
  const ci = c.addFamily('flyte').addImage('ci', {
    from: ImageSource.registry('debian:bookworm'),
    repository: 'flyte/ci',
    make: { imageVariable: 'DOCKER_CI_IMAGE', buildAlias: 'docker-build', pullAlias: 'docker-pull', runAlias: 'docker-dev' },
  });
  ci.run(['true']);
  c.addMakeTarget({ name: 'gen', description: 'Regenerate code in the CI image', image: ci, commands: [['make', 'generate'], ['git', 'diff', '--exit-code']] });
}, { registry: 'ghcr.io/flyteorg', make: { defaultGoal: 'docker-build' } });

describe('seed 003: a naming scheme per pipeline', () => {
  const plan = planOf((c) => {
    const f = c.addFamily('svc');
    f.addImage('control-plane', { from: ImageSource.scratch() });
    f.addImage('agent', { from: ImageSource.scratch() });
  }, { make: { targetPrefix: 'container-' } });

  test('verb targets carry the prefix; help and print-tags keep their names', () => {
    // GIVEN the Makefile with prefix container-
    const dir = workspace(plan);
    // WHEN building every image, one image, and asking for help and the tags
    const all = makeWith(dir, ['container-build']);
    const one = makeWith(dir, ['container-build-svc-agent']);
    const help = make(dir, ['help']);
    const tags = make(dir, ['print-tags']);
    const unprefixed = make(dir, ['build']);
    // THEN the prefixed targets build, the fixed ones answer, the unprefixed verb does not exist
    expect(all.status).toBe(0);
    expect(all.lines.filter((l) => l === 'build')).toHaveLength(2);
    expect(one.lines[one.lines.indexOf('--target') + 1]).toBe('agent');
    expect(one.lines).toContain('ghcr.io/acme/svc-agent:dev');
    expect(help.stdout).toMatch(/\n {2}container-build-svc-control-plane {2,}Build svc-control-plane\n/);
    for (const name of ['container-push', 'container-pull', 'container-clean', 'container-bake', 'container-run-svc-agent', 'container-pull-svc']) {
      expect(help.stdout).toContain(`\n  ${name} `);
    }
    expect(tags.stdout).toBe('SVC_TAG=dev\n');
    expect(unprefixed.status).not.toBe(0);
    expect(unprefixed.stderr).toContain("No rule to make target 'build'");
  });
});

describe('seed 002: aliases, DOCKER_CI_IMAGE, gen and the default goal', () => {
  test('make with no goal runs the chosen default goal (the build alias)', () => {
    const dir = workspace(CI_PLAN);
    const result = makeWith(dir, []);
    expect(result.status).toBe(0);
    expect(result.lines.slice(0, 2)).toEqual(['buildx', 'build']);
    expect(result.lines).toContain('ghcr.io/flyteorg/flyte/ci:dev');
  });

  test('make docker-pull gen DOCKER_CI_IMAGE=…:pr-456 pulls and runs the generator in that image', () => {
    // GIVEN the seed's command line
    const dir = workspace(CI_PLAN);
    const reference = 'ghcr.io/flyteorg/flyte/ci:pr-456';
    // WHEN
    const result = makeWith(dir, ['docker-pull', 'gen', `DOCKER_CI_IMAGE=${reference}`]);
    // THEN pull of that reference, then each command in a container of it, with the checkout mounted
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const uid = String(process.getuid?.() ?? 0);
    const gid = String(process.getgid?.() ?? 0);
    const container = (...argv: string[]) => ['run', '--rm', '--init', '--user', `${uid}:${gid}`, '--volume', `${dir}:/workspace`, '--workdir', '/workspace', reference, ...argv];
    expect(result.lines).toEqual(['pull', reference, ...container('make', 'generate'), ...container('git', 'diff', '--exit-code')]);
  });

  test('aliases run their targets, and help lists them', () => {
    const dir = workspace(CI_PLAN);
    const dev = makeWith(dir, ['-o', 'build-flyte-ci', 'docker-dev']);
    expect(dev.lines.slice(0, 3)).toEqual(['run', '--rm', '--init']);
    expect(dev.lines.at(-1)).toBe('ghcr.io/flyteorg/flyte/ci:dev');
    const help = make(dir, ['help']).stdout;
    expect(help).toMatch(/\n {2}docker-build {2,}Alias of build-flyte-ci\n/);
    expect(help).toMatch(/\n {2}gen {2,}Regenerate code in the CI image\n/);
    expect(help).toMatch(/\n {2}DOCKER_CI_IMAGE {2,}ghcr\.io\/flyteorg\/flyte\/ci:dev\n/);
  });
});

describe('<IMAGE>_IMAGE: one variable for registry, repository and tag', () => {
  // base in the family Dockerfile, app in its own Dockerfile FROM base, tool in the family Dockerfile FROM base
  const plan = planOf((c) => {
    const f = c.addFamily('app');
    const base = f.addImage('base', { from: ImageSource.scratch() });
    f.addImage('web', { from: ImageSource.stage(base), dockerfile: 'web/Dockerfile' }).expose(8000);
    f.addImage('tool', { from: ImageSource.stage(base) });
  });
  const hostile = 'localhost:5000/x/base:pr-1$(shell touch pwned)';

  test.each([
    ['on the command line', (ref: string) => ({ args: [`APP_BASE_IMAGE=${ref}`], env: {} })],
    ['in the environment', (ref: string) => ({ args: [], env: { APP_BASE_IMAGE: ref } })],
  ])('%s it names the image and the parent of every child, literally', (_, how) => {
    // GIVEN the Makefile and a reference holding make syntax
    const dir = workspace(plan);
    const { args, env } = how(hostile);
    // WHEN building both children
    const result = makeWith(dir, ['build-app-web', 'build-app-tool', ...args], env);
    // THEN base is tagged with it, both children read it as their named context, and nothing ran
    expect(result.stderr).toBe('');
    const lines = result.lines;
    expect(lines.filter((l) => l === hostile)).toHaveLength(1);
    expect(lines).toContain(`app-base=docker-image://${hostile}`);
    expect(lines).toContain(`base=docker-image://${hostile}`);
    // the other Dockerfile's FROM ${APP_BASE_IMAGE} is pointed at the named context
    expect(lines).toContain('APP_BASE_IMAGE=app-base');
    expect(lines).toContain('ghcr.io/acme/app-web:dev');
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  test('every target of the image reads it: push, pull, clean, run', () => {
    const dir = workspace(plan);
    const ref = 'registry.example.com/other/name:v9';
    for (const target of ['push-app-base', 'pull-app-base', 'clean-app-base']) {
      const result = makeWith(dir, [target, `APP_BASE_IMAGE=${ref}`]);
      expect(result.lines, target).toContain(ref);
      expect(result.lines.join('\n'), target).not.toContain('ghcr.io/acme/app-base');
    }
    const run = makeWith(dir, ['-o', 'build-app-base', 'run-app-base', `APP_BASE_IMAGE=${ref}`]);
    expect(run.lines.at(-1)).toBe(ref);
  });

  test('REGISTRY and the family tag still reach the default', () => {
    const dir = workspace(plan);
    const result = makeWith(dir, ['pull', 'REGISTRY=localhost:5000/me', 'APP_TAG=t1']);
    expect(result.lines.filter((l) => l !== 'pull').sort()).toEqual([
      'localhost:5000/me/app-base:t1', 'localhost:5000/me/app-tool:t1', 'localhost:5000/me/app-web:t1',
    ]);
  });
});

describe('run-<image>', () => {
  const plan = planOf((c) => {
    const api = c.addFamily('app').addImage('api', { from: ImageSource.scratch() });
    api.expose(8000);
    api.expose(53, Protocol.UDP);
  });
  const runArgs = (dir: string, args: string[], env: Record<string, string> = {}) => makeWith(dir, ['-o', 'build-app-api', 'run-app-api', ...args], env).lines;

  test('publishes the declared ports, uses --init and --rm, no TTY without a terminal', () => {
    const dir = workspace(plan);
    const lines = runArgs(dir, []);
    expect(lines.slice(0, 5)).toEqual(['run', '--rm', '--init', '--name', lines[4]]);
    expect(lines[4]).toMatch(/^run-app-api-\d+$/);
    expect(lines.slice(5)).toEqual(['--publish', '8000:8000/tcp', '--publish', '53:53/udp', 'ghcr.io/acme/app-api:dev']);
    expect(lines).not.toContain('--tty');
    expect(lines).not.toContain('-it');
  });

  test('the ports variable changes the host ports; empty publishes none', () => {
    const dir = workspace(plan);
    expect(runArgs(dir, ['APP_API_PORTS=127.0.0.1:18000:8000/tcp']).slice(5, 7)).toEqual(['--publish', '127.0.0.1:18000:8000/tcp']);
    expect(runArgs(dir, ['APP_API_PORTS=']).slice(5)).toEqual(['ghcr.io/acme/app-api:dev']);
  });

  test('RUN_ARGS: split at blanks into literal words, nothing evaluated by make or the shell', () => {
    // GIVEN hostile words: make and shell substitutions, a separator, quotes, a glob and a newline
    const dir = workspace(plan);
    const hostile = '--env A=1 ; $(touch pwned-shell) $(shell touch pwned-make) `touch pwned-tick` "q" \'s\' * --rm\n--read-only';
    // WHEN passed on the command line and in the environment
    for (const lines of [runArgs(dir, [`RUN_ARGS=${hostile}`, 'APP_API_PORTS=']), runArgs(dir, ['APP_API_PORTS='], { RUN_ARGS: hostile })]) {
      // THEN each blank-separated word is one argument, in order, before the image
      expect(lines.slice(5)).toEqual([
        '--env', 'A=1', ';', '$(touch', 'pwned-shell)', '$(shell', 'touch', 'pwned-make)', '`touch', 'pwned-tick`', '"q"', "'s'", '*', '--rm',
        '--read-only', 'ghcr.io/acme/app-api:dev',
      ]);
    }
    expect(readdirSync(dir).filter((f) => f.startsWith('pwned'))).toEqual([]);
  });

  test('with a terminal on stdin and stdout it attaches --interactive --tty', () => {
    // GIVEN a pseudo-terminal from script(1)
    const dir = workspace(plan);
    const command = `make -s --no-print-directory -o build-app-api run-app-api DOCKER=${join(dir, 'docker-stub')}`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env: cleanEnv(dir), encoding: 'utf8', timeout: 20_000 });
    // THEN the stub saw the TTY flags
    expect(result.status).toBe(0);
    const lines = result.stdout.split(/\r?\n/).filter((l) => l !== '');
    expect(lines).toContain('--interactive');
    expect(lines).toContain('--tty');
  });

  test('an interrupted run removes its container (EXIT trap), with the name it ran under', () => {
    // GIVEN a stub that logs every call and fails the run as an interrupted docker would (130)
    const dir = workspace(plan);
    const log = join(dir, 'calls.log');
    const stub = join(dir, 'fail-stub');
    writeFileSync(stub, `#!/usr/bin/env bash\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\n[ "$1" = run ] && exit 130\nexit 0\n`);
    chmodSync(stub, 0o755);
    // WHEN
    const result = make(dir, ['-s', '-o', 'build-app-api', 'run-app-api', `DOCKER=${stub}`]);
    // THEN make fails and the trap removed the named container
    expect(result.status).not.toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    const name = calls[0].split(' ')[4];
    expect(calls).toEqual([expect.stringMatching(/^run --rm --init --name run-app-api-\d+ /), `rm --force ${name}`]);
  });
});
