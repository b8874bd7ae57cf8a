/**
 * Dispatch inputs that set build variables (`WorkflowDispatchInputOptions.variable`): the generated steps read them
 * through `env:` only, the workflow stays hardened, and the steps' own shell, run for real, sets the variable when the
 * input is given, leaves it alone when empty and refuses a value the variable cannot hold without running it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from './actionlint';
import { checkWorkflow, parseWorkflow, PermissionAllowList } from './rules';
import { ImageSource, TagCondition, TagRule, WorkflowInputType } from '../../src';
import { ACTION_PINS } from '../../src/workflow';
import { cleanEnv, git, removeWorkspaces, workspace } from '../make/make-harness';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

afterAll(removeWorkspaces);

/** Seed 001's runtime, with a manual workflow whose inputs set its base image and its tag. */
function pipeline() {
  const { containers } = newPipeline();
  containers.addFamily('runtime', {
    tags: [TagRule.timestamp('YYYYMMDD-HHmmss', { prefix: 'v' }), TagRule.raw('latest', { enable: TagCondition.onEvent(['workflow_dispatch']) })],
  }).addImage('python', { from: ImageSource.registry('python:3.11-slim-bookworm', { buildArg: 'PYTHON_BASE_IMAGE' }), user: '10001' });
  containers.addWorkflow('build-runtime', {
    families: ['runtime'],
    dispatch: {
      inputs: [
        { name: 'python_image', description: 'Python base image', variable: 'RUNTIME_PYTHON_BASE_IMAGE' },
        { name: 'tag', type: WorkflowInputType.STRING, variable: 'RUNTIME_TAG' },
      ],
    },
  });
  const files = synthFiles(containers.project);
  return { plan: containers._plan, text: files['.github/workflows/build-runtime.yml'], docs: files['CONTAINERS.md'] };
}

type Step = { id?: string; env?: Record<string, string>; run?: string };
type Workflow = { jobs: Record<string, { steps: Step[] }> };

describe('a dispatch input mapped to a build variable', () => {
  const { plan, text, docs } = pipeline();
  const doc = parse(text) as Workflow;
  const step = (job: string, id: string) => doc.jobs[job].steps.find((s) => s.id === id)!;

  test('the tag job reads the tag input, the publishing bake step the base image input, through env: only', () => {
    expect(step('tag', 'tags').env).toStrictEqual({ DISPATCH_RUNTIME_TAG: '${{ inputs.tag }}' });
    expect(step('publish', 'bake').env).toMatchObject({ DISPATCH_RUNTIME_PYTHON_BASE_IMAGE: '${{ inputs.python_image }}' });
    expect(step('publish', 'bake').env).not.toHaveProperty('DISPATCH_RUNTIME_TAG');
    for (const job of Object.values(doc.jobs)) for (const s of job.steps) expect(s.run ?? '').not.toContain('${{');
  });

  test('CONTAINERS.md names each input and the variable it sets', () => {
    expect(docs).toContain('Manual runs ("Run workflow"): input `python_image` sets `RUNTIME_PYTHON_BASE_IMAGE` when given; input `tag` sets `RUNTIME_TAG` when given.');
  });

  test('actionlint and the hardening rules report nothing', async () => {
    expect(await actionlint(text, '.github/workflows/build-runtime.yml')).toEqual([]);
    const permissions: PermissionAllowList = { tag: { contents: 'read' }, publish: { contents: 'read', packages: 'write' } };
    expect(checkWorkflow(parseWorkflow(text), { lock: ACTION_PINS, permissions })).toEqual([]);
  });

  /** Runs a step's `run:` as GitHub does (`bash -e`), with its env, in a checkout holding the Makefile. */
  const runStep = (s: Step, dir: string, env: Record<string, string>) => {
    const output = join(dir, `output-${Math.random().toString(36).slice(2)}`);
    writeFileSync(output, '');
    const result = spawnSync('bash', ['-e', '-c', s.run!], {
      cwd: dir,
      encoding: 'utf8',
      env: cleanEnv(dir, {
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_REF: 'refs/heads/main',
        GITHUB_REF_TYPE: 'branch',
        GITHUB_REF_NAME: 'main',
        GITHUB_OUTPUT: output,
        SOURCE_DATE_EPOCH: '1767323045',
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
        ...env,
      }),
    });
    return { status: result.status, stderr: result.stderr, stdout: result.stdout, output: readFileSync(output, 'utf8') };
  };

  const checkout = () => {
    const dir = workspace(plan);
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', 'Makefile');
    git(dir, 'commit', '-q', '-m', 'first');
    // a docker CLI that shows what bake would read
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'docker'), '#!/bin/sh\nprintf "base=%s args=%s\\n" "${RUNTIME_PYTHON_BASE_IMAGE-unset}" "$*"\n');
    chmodSync(join(dir, 'bin', 'docker'), 0o755);
    return dir;
  };

  test('the tag step: a given tag is the only tag; an empty input leaves the rules\' tags', () => {
    const dir = checkout();
    const given = runStep(step('tag', 'tags'), dir, { DISPATCH_RUNTIME_TAG: 'hotfix-1' });
    expect(given.status, given.stderr).toBe(0);
    expect(given.output).toContain('RUNTIME_TAG=hotfix-1\nRUNTIME_TAGS=hotfix-1\n');
    const empty = runStep(step('tag', 'tags'), dir, { DISPATCH_RUNTIME_TAG: '' });
    expect(empty.status, empty.stderr).toBe(0);
    expect(empty.output).toContain('RUNTIME_TAGS=v20260102-030405 latest\n');
  });

  test('the tag step refuses a value that is not a tag, and runs nothing of it', () => {
    const dir = checkout();
    for (const bad of ['a b', '$(touch PWNED)', 'x;touch PWNED', '-v', 'x'.repeat(129), 'a\nb']) {
      const result = runStep(step('tag', 'tags'), dir, { DISPATCH_RUNTIME_TAG: bad });
      expect(result.status, bad).toBe(1);
      expect(result.stderr).toContain('::error::input tag is not a valid value for RUNTIME_TAG');
      expect(result.output).toBe('');
    }
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
  });

  test('the publishing bake step: a given base image reaches bake\'s environment; empty leaves the default; a bad one is refused', () => {
    const dir = checkout();
    const bake = step('publish', 'bake');
    const given = runStep(bake, dir, { DISPATCH_RUNTIME_PYTHON_BASE_IMAGE: 'python:3.12-slim-bookworm@sha256:' + 'a'.repeat(64) });
    expect(given.status, given.stderr).toBe(0);
    expect(given.stdout).toBe(`base=python:3.12-slim-bookworm@sha256:${'a'.repeat(64)} args=buildx bake --file docker-bake.json --push --metadata-file /bake-metadata.json runtime-python\n`);
    expect(runStep(bake, dir, { DISPATCH_RUNTIME_PYTHON_BASE_IMAGE: '' }).stdout).toBe('base=unset args=buildx bake --file docker-bake.json --push --metadata-file /bake-metadata.json runtime-python\n');
    const bad = runStep(bake, dir, { DISPATCH_RUNTIME_PYTHON_BASE_IMAGE: 'python:3.12 --push evil' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
  });
});
