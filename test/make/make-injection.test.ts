import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { flagValues, make, removeWorkspaces, stubLines, workspace } from './make-harness';
import { randomStrings } from './random-strings';
import type { BuildPlan, PlannedImage } from '../../src/plan/build-plan';
import { FLOW_PIPE_PLAN } from '../fixtures/plans';

afterAll(removeWorkspaces);

const COUNT = 30;
const names = Array.from({ length: COUNT }, (_, i) => `V${String(i).padStart(2, '0')}`);

/** flow-pipe with COUNT extra variables, each passed to the runtime image as build argument `A<i>`. */
function planWith(defaults: readonly string[], imagePatch: Partial<PlannedImage> = {}): BuildPlan {
  const runtime: PlannedImage = {
    ...FLOW_PIPE_PLAN.images[0],
    buildArgs: names.map((name) => ({ name: `A${name.slice(1)}`, variable: name })),
    ...imagePatch,
  };
  return {
    ...FLOW_PIPE_PLAN,
    images: [runtime, ...FLOW_PIPE_PLAN.images.slice(1)],
    variables: names.map((name, i) => ({ name, defaultValue: defaults[i], description: `random ${i}` })),
  };
}

/** Builds the runtime image with the docker stub and returns its argument lines, asserting nothing ran. */
function buildRuntime(dir: string, args: string[] = [], env: Record<string, string> = {}): string[] {
  const result = make(dir, ['-s', 'build-flow-pipe-runtime', `DOCKER=${join(dir, 'docker-stub')}`, ...args], env);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(existsSync(join(dir, 'PWNED')), 'a value was executed').toBe(false);
  const lines = stubLines(result.stdout);
  expect(lines).not.toContain('PWNED');
  return lines;
}

const expectedArgs = (values: readonly string[]): string[] => values.map((value, i) => `A${names[i].slice(1)}=${value}`);

describe('values with make and shell syntax reach docker byte for byte and never execute', () => {
  test('as plan variable defaults (MK-1)', () => {
    const values = randomStrings(COUNT, 101);
    const dir = workspace(planWith(values));
    expect(flagValues(buildRuntime(dir), '--build-arg')).toEqual(expectedArgs(values));
  });

  test('on the command line (MK-2)', () => {
    const values = randomStrings(COUNT, 202);
    const dir = workspace(planWith(names.map(() => 'default')));
    const args = names.map((name, i) => `${name}=${values[i]}`);
    expect(flagValues(buildRuntime(dir, args), '--build-arg')).toEqual(expectedArgs(values));
  });

  test('in the environment (MK-2)', () => {
    const values = randomStrings(COUNT, 303);
    const dir = workspace(planWith(names.map(() => 'default')));
    const env = Object.fromEntries(names.map((name, i) => [name, values[i]]));
    expect(flagValues(buildRuntime(dir, [], env), '--build-arg')).toEqual(expectedArgs(values));
  });

  test('as REGISTRY, TAG and PLATFORMS', () => {
    const [registry, tag, platforms] = ['r$(shell touch PWNED)#x', 't\'$(id)";echo PWNED,)', 'p $$x `touch PWNED`'];
    const dir = workspace(planWith(names.map(() => 'default')));
    const lines = buildRuntime(dir, [`REGISTRY=${registry}`, `TAG=${tag}`, `PLATFORMS=${platforms}`]);
    expect(flagValues(lines, '--tag')).toEqual([`${registry}/flow-pipe-runtime:${tag}`]);
    expect(flagValues(lines, '--platform')).toEqual([platforms]);
    expect(flagValues(lines, '--label')).toContain(`org.opencontainers.image.version=${tag}`);
    const fromEnv = buildRuntime(dir, [], { REGISTRY: registry, TAG: tag, PLATFORMS: platforms });
    expect(flagValues(fromEnv, '--tag')).toEqual([`${registry}/flow-pipe-runtime:${tag}`]);
  });

  test('as file paths, targets and literal labels from the plan', () => {
    const [dockerfile, target, context, description] = randomStrings(4, 404);
    const labels = FLOW_PIPE_PLAN.images[0].labels.map((label) => (label.key === 'org.opencontainers.image.description'
      ? { ...label, value: { kind: 'literal' as const, text: description } } : label));
    const dir = workspace(planWith(names.map(() => 'default'), { dockerfile, target, context, description, labels }));
    const lines = buildRuntime(dir);
    expect(flagValues(lines, '--file')).toEqual([dockerfile]);
    expect(flagValues(lines, '--target')).toEqual([target]);
    expect(flagValues(lines, '--load')).toEqual([context.startsWith('-') ? `./${context}` : context]);
    expect(flagValues(lines, '--label')).toContain(`org.opencontainers.image.description=${description}`);
  });
});
