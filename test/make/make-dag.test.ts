import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { flagValues, make, removeWorkspaces, stubLines, workspace } from './make-harness';
import { FAN_IN_PLAN, FLOW_PIPE_PLAN } from '../fixtures/plans';

afterAll(removeWorkspaces);

/** Index of the first line of `lines` matching `pattern` (fails the test when absent). */
function indexOf(lines: readonly string[], pattern: string): number {
  const index = lines.indexOf(pattern);
  expect(index, `${pattern} in\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
  return index;
}

describe('GNU make honours the image DAG', () => {
  test('make -n build prints runtime, then base, then dev', () => {
    // GIVEN the flow-pipe Makefile outside any git checkout
    const dir = workspace(FLOW_PIPE_PLAN);
    // WHEN make only prints the recipes
    const result = make(dir, ['-n', 'build']);
    // THEN the three builds appear parents first, with the shell reading every variable
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n').map((line) => line.trim());
    const runtime = indexOf(lines, "--target 'runtime' \\");
    const base = indexOf(lines, "--target 'base' \\");
    const dev = indexOf(lines, "--target 'dev' \\");
    expect(runtime).toBeLessThan(base);
    expect(base).toBeLessThan(dev);
    expect(lines).toContain('"$DOCKER" buildx ${BUILDER:+--builder "$BUILDER"} build \\');
    expect(lines).toContain('--tag "$FLOW_PIPE_RUNTIME_IMAGE" \\');
  });

  test('DOCKER=echo build runs the exact commands in DAG order, with the planned labels and annotations', () => {
    // GIVEN the flow-pipe Makefile outside any git checkout (git facts empty, fallback tag)
    const dir = workspace(FLOW_PIPE_PLAN);
    // WHEN docker is replaced by echo
    const result = make(dir, ['-s', 'build', 'DOCKER=echo']);
    // THEN each image is built once, parents first, with its exact arguments
    expect(result.stderr).toBe('');
    // the labels, then the same keys and values as manifest annotations (a single-platform image has no index level)
    const labels = (description: string, title: string): string => {
      const pairs = [
        'org.opencontainers.image.created=',
        `org.opencontainers.image.description=${description}`,
        'org.opencontainers.image.revision=',
        'org.opencontainers.image.source=https://github.com/hurdad/flow-pipe',
        `org.opencontainers.image.title=${title}`,
        'org.opencontainers.image.version=dev-ubuntu24.04',
      ];
      return [...pairs.map((p) => `--label ${p}`), ...pairs.map((p) => `--annotation manifest:${p}`)].join(' ');
    };
    expect(result.stdout.split('\n')).toEqual([
      'buildx build --file runtime/docker/Dockerfile --target runtime --tag ghcr.io/hurdad/flow-pipe-runtime:dev-ubuntu24.04'
        + ` --build-arg RUNTIME_BASE_IMAGE=ubuntu:24.04 ${labels('Minimal image to run flows', 'flow-pipe-runtime')} --load .`,
      'buildx build --file runtime/docker/Dockerfile --target base --tag ghcr.io/hurdad/flow-pipe-base:dev-ubuntu24.04'
        + ' --build-context runtime=docker-image://ghcr.io/hurdad/flow-pipe-runtime:dev-ubuntu24.04'
        + ` ${labels('Runtime + shared library dependencies', 'flow-pipe-base')} --load .`,
      'buildx build --file runtime/docker/Dockerfile --target dev --tag ghcr.io/hurdad/flow-pipe-dev:dev-ubuntu24.04'
        + ' --build-context base=docker-image://ghcr.io/hurdad/flow-pipe-base:dev-ubuntu24.04'
        + ` ${labels('SDK image for building custom stages', 'flow-pipe-dev')} --load .`,
      '',
    ]);
  });

  test('PLATFORMS and REGISTRY overrides reach the build', () => {
    const dir = workspace(FLOW_PIPE_PLAN);
    const result = make(dir, ['-s', 'build-flow-pipe-runtime', 'DOCKER=echo', 'PLATFORMS=linux/amd64,linux/arm64', 'REGISTRY=localhost:5000/me']);
    expect(result.stdout).toContain(' --tag localhost:5000/me/flow-pipe-runtime:dev-ubuntu24.04 ');
    expect(result.stdout).toContain(' --platform linux/amd64,linux/arm64 --load .\n');
  });

  test('PLATFORMS on the command line or in the environment overrides family and pipeline platforms', () => {
    // GIVEN fan-in, whose images plan linux/amd64,linux/arm64 (family platforms), and flow-pipe with pipeline platforms
    const fanIn = workspace(FAN_IN_PLAN);
    const pipeline = workspace({ ...FLOW_PIPE_PLAN, platforms: ['linux/s390x'] });
    const stub = (dir: string) => `DOCKER=${join(dir, 'docker-stub')}`;
    const platforms = (dir: string, args: string[], env: Record<string, string> = {}) => {
      const result = make(dir, ['-s', ...args, stub(dir)], env);
      expect(result.stderr).toBe('');
      return flagValues(stubLines(result.stdout), '--platform');
    };
    // WHEN PLATFORMS is not set THEN each image builds its planned platforms
    expect(platforms(fanIn, ['build-app-base'])).toEqual(['linux/amd64,linux/arm64']);
    expect(platforms(pipeline, ['build-flow-pipe-runtime'])).toEqual(['linux/s390x']);
    // WHEN PLATFORMS is set on the command line or in the environment THEN it replaces both
    expect(platforms(fanIn, ['build-app-base', 'PLATFORMS=linux/riscv64'])).toEqual(['linux/riscv64']);
    expect(platforms(fanIn, ['build-app-base'], { PLATFORMS: 'local' })).toEqual(['local']);
    expect(platforms(pipeline, ['build-flow-pipe-runtime', 'PLATFORMS=linux/arm/v7'])).toEqual(['linux/arm/v7']);
  });

  test('make bake runs docker buildx bake with the computed tags, registry, platforms and build facts exported', () => {
    // GIVEN a Makefile with a custom bake file, and a docker stub that prints what bake would read
    const dir = workspace({ ...FAN_IN_PLAN, outputs: { ...FAN_IN_PLAN.outputs, bakeFile: 'ci/bake.json' } });
    const stub = join(dir, 'bake-stub');
    writeFileSync(stub, '#!/usr/bin/env bash\nprintf \'%s\\n\' "$@" "REGISTRY=$REGISTRY" "PLATFORMS=$PLATFORMS" "APP_TAG=$APP_TAG" '
      + '"GIT_REVISION=$GIT_REVISION" "APP_BASE_BASE_IMAGE=$APP_BASE_BASE_IMAGE"\n');
    chmodSync(stub, 0o755);
    // WHEN `make bake` and `make bake-app` run with overrides, outside git (fallback tag, empty facts)
    const all = make(dir, ['-s', 'bake', `DOCKER=${stub}`, 'REGISTRY=localhost:5000/me', 'PLATFORMS=linux/arm64']);
    const family = make(dir, ['-s', 'bake-app', `DOCKER=${stub}`, 'TAG=my-test']);
    // THEN bake gets the planned bake file, the group, and every value the Makefile computed
    expect(all.stderr).toBe('');
    expect(stubLines(all.stdout)).toEqual([
      'buildx', 'bake', '--file', 'ci/bake.json', 'default',
      'REGISTRY=localhost:5000/me', 'PLATFORMS=linux/arm64', 'APP_TAG=dev', 'GIT_REVISION=',
      `APP_BASE_BASE_IMAGE=debian:bookworm-slim@sha256:${'a'.repeat(64)}`,
    ]);
    expect(stubLines(family.stdout).slice(0, 8)).toEqual([
      'buildx', 'bake', '--file', 'ci/bake.json', 'app', 'REGISTRY=registry.example.com/team', 'PLATFORMS=', 'APP_TAG=my-test',
    ]);
  });

  test('make -j4 build runs independent images in parallel, parents first', () => {
    // GIVEN the fan-in Makefile and a docker stub that takes 0.3 s per call and logs start and end
    const dir = workspace(FAN_IN_PLAN);
    const log = join(dir, 'calls.log');
    // WHEN building with four jobs
    const result = make(dir, ['-s', '-j4', 'build', `DOCKER=${join(dir, 'docker-stub')}`], { STUB_LOG: log, STUB_SLEEP: '0.3' });
    // THEN base finishes before its children start, and the two children overlap
    expect(result.status).toBe(0);
    const calls = readFileSync(log, 'utf8').split('\n');
    expect(calls[0]).toBe('start base load');
    expect(calls[1]).toBe('end base load');
    expect(calls.slice(2, 4).sort()).toEqual(['start builder load', 'start runner load']);
    expect(calls.slice(4, 6).sort()).toEqual(['end builder load', 'end runner load']);
  });

  test('make -j4 push pushes parents before children and builds each image before pushing it', () => {
    // GIVEN the flow-pipe Makefile and a logging docker stub
    const dir = workspace(FLOW_PIPE_PLAN);
    const log = join(dir, 'calls.log');
    // WHEN pushing with four jobs
    const result = make(dir, ['-s', '-j4', 'push', `DOCKER=${join(dir, 'docker-stub')}`], { STUB_LOG: log, STUB_SLEEP: '0.05' });
    expect(result.status).toBe(0);
    const calls = readFileSync(log, 'utf8').split('\n').filter((line) => line !== '');
    // THEN every call ran once and the order respects build-x < push-x and push-parent < push-child
    expect(calls).toHaveLength(12);
    const at = (entry: string): number => indexOf(calls, entry);
    for (const target of ['runtime', 'base', 'dev']) {
      expect(at(`end ${target} load`)).toBeLessThan(at(`start ${target} push`));
    }
    expect(at('end runtime push')).toBeLessThan(at('start base push'));
    expect(at('end base push')).toBeLessThan(at('start dev push'));
    expect(at('end runtime load')).toBeLessThan(at('start base load'));
    expect(at('end base load')).toBeLessThan(at('start dev load'));
  });

  test('clean removes only images that exist and run uses the family tag', () => {
    const dir = workspace(FLOW_PIPE_PLAN);
    const clean = make(dir, ['-s', 'clean-flow-pipe-dev', 'DOCKER=echo']);
    expect(clean.stdout).toBe('image rm --force ghcr.io/hurdad/flow-pipe-dev:dev-ubuntu24.04\n');
    const absent = make(dir, ['-s', 'clean', 'DOCKER=false']);
    expect(absent.status).toBe(0);
    expect(absent.stdout).toBe('');
    const run = make(dir, ['-s', '-o', 'build-flow-pipe-dev', 'run-flow-pipe-dev', 'DOCKER=echo']);
    expect(run.stdout).toMatch(/^run --rm --init --name run-flow-pipe-dev-\d+ ghcr\.io\/hurdad\/flow-pipe-dev:dev-ubuntu24\.04\n$/);
  });

  test('help is the default goal and lists targets and current values', () => {
    const dir = workspace(FLOW_PIPE_PLAN);
    const result = make(dir, []);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^Usage: make \[TARGET\.\.\.\] \[NAME=value\.\.\.\]\n\nTargets:\n {2}help {2,}List targets/);
    expect(result.stdout).toMatch(/\n {2}build-flow-pipe-dev {2,}Build flow-pipe-dev: SDK image for building custom stages\n/);
    expect(result.stdout).toMatch(/\n {2}FLOW_PIPE_TAG {2,}dev-ubuntu24\.04\n/);
    expect(result.stdout).toMatch(/\n {2}FLOW_PIPE_DEV_IMAGE {2,}ghcr\.io\/hurdad\/flow-pipe-dev:dev-ubuntu24\.04\n/);
  });
});
