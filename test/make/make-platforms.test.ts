/**
 * Per-platform targets and the BUILDER variable, run by real GNU make against the docker stub (it prints its arguments
 * one per line and logs `start <target> <mode>` lines).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { flagValues, make, removeWorkspaces, stubLines, workspace } from './make-harness';
import { ImageSource } from '../../src';
import type { BuildPlan } from '../../src/plan/build-plan';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

afterAll(removeWorkspaces);

/**
 * `container-` targets; family `app` (pipeline platforms amd64 and arm64): `runtime`, `dev` FROM it; family `edge`
 * (linux/arm/v7): `tiny`.
 */
function platformPlan(): BuildPlan {
  const { project, containers } = newPipeline({ platforms: ['linux/amd64', 'linux/arm64'], make: { targetPrefix: 'container-' } });
  const app = containers.addFamily('app');
  const runtime = app.addImage('runtime', { from: ImageSource.scratch() });
  app.addImage('dev', { from: ImageSource.stage(runtime) });
  containers.addFamily('edge', { platforms: ['linux/arm/v7'] }).addImage('tiny', { from: ImageSource.scratch() });
  synthFiles(project);
  return containers._plan;
}

const PLAN = platformPlan();

/** Runs `make -s <args>` with the stub as docker and returns the stub's log and arguments. */
function run(args: string[], env: Record<string, string> = {}) {
  const dir = workspace(PLAN);
  const result = make(dir, ['-s', ...args, 'DOCKER=./docker-stub'], { STUB_LOG: join(dir, 'log'), ...env });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const log = readFileSync(join(dir, 'log'), 'utf8').split('\n').filter((line) => line.startsWith('start'));
  return { log, lines: stubLines(result.stdout) };
}

describe('per-platform targets', () => {
  test('container-build-arm64 builds every image planned for linux/arm64, parents first, for linux/arm64 only', () => {
    const { log, lines } = run(['container-build-arm64']);
    expect(log).toEqual(['start runtime load', 'start dev load']);
    expect(flagValues(lines, '--platform')).toEqual(['linux/arm64', 'linux/arm64']);
  });

  test('PLATFORMS does not change what a per-platform target builds', () => {
    const { lines } = run(['container-build-amd64'], { PLATFORMS: 'linux/s390x' });
    expect(flagValues(lines, '--platform')).toEqual(['linux/amd64', 'linux/amd64']);
  });

  test('linux/arm/v7 is build-armv7 and only builds the images planned for it', () => {
    const { log, lines } = run(['container-build-armv7']);
    expect(log).toEqual(['start tiny load']);
    expect(flagValues(lines, '--platform')).toEqual(['linux/arm/v7']);
  });

  test('a per-image platform target builds the image and its parents for that platform', () => {
    const { log, lines } = run(['container-build-app-dev-amd64']);
    expect(log).toEqual(['start runtime load', 'start dev load']);
    expect(flagValues(lines, '--platform')).toEqual(['linux/amd64', 'linux/amd64']);
  });

  test('make help lists the platform targets', () => {
    const dir = workspace(PLAN);
    const help = make(dir, ['help']).stdout;
    for (const target of ['container-build-amd64', 'container-build-arm64', 'container-build-armv7', 'container-build-app-runtime-arm64', 'container-build-edge-tiny-armv7']) {
      expect(help).toMatch(new RegExp(`^  ${target} +Build `, 'm'));
    }
    expect(help).not.toContain('container-build-edge-tiny-amd64');
    expect(help).toMatch(/^ {2}BUILDER +$/m);
  });
});

describe('BUILDER', () => {
  test('empty by default: no --builder', () => {
    const { lines } = run(['container-build-app-runtime']);
    expect(lines[0]).toBe('buildx');
    expect(lines[1]).toBe('build');
    expect(lines).not.toContain('--builder');
  });

  test('set: every build and bake runs on it, the value passed as one word, never evaluated', () => {
    const builder = 'remote one $(touch pwned) `id` ;x';
    const build = run(['container-build-app-dev-arm64', `BUILDER=${builder}`]);
    expect(flagValues(build.lines, '--builder')).toEqual([builder, builder]);
    expect(build.lines.slice(0, 4)).toEqual(['buildx', '--builder', builder, 'build']);
    const dir = workspace(PLAN);
    const bake = make(dir, ['-s', 'container-bake', 'DOCKER=./docker-stub'], { BUILDER: builder });
    expect(bake.status).toBe(0);
    expect(stubLines(bake.stdout).slice(0, 4)).toEqual(['buildx', '--builder', builder, 'bake']);
  });
});
