import { javascript, Project, Testing } from 'projen';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { Containers, ContainersProps, ImageSource } from '../../src';
import { CHECKOUT } from '../../src/workflow';
import { actionlint } from '../workflow/actionlint';
import { checkWorkflow, parseWorkflow } from '../workflow/rules';

const PATH = '.github/workflows/containers-pin.yml';

/** A one-image pipeline on `project` with `props`, synthesized; every file as text. */
function synth(props: Partial<ContainersProps>, project: Project = new Project({ name: 'pin-refresh' })): Record<string, string> {
  const c = new Containers(project, { registry: 'ghcr.io/acme', ...props });
  c.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu:24.04') }).run(['true']);
  return Testing.synth(project, { parseJson: false });
}

describe('pinning.refreshWorkflow', () => {
  const files = synth({ pinning: { refreshWorkflow: {} } });
  const text = files[PATH];
  const doc = parse(text);
  const job = doc.jobs.refresh;

  test('matches the snapshot', async () => {
    await expect(text).toMatchFileSnapshot('./__snapshots__/containers-pin.yml');
  });

  test('is off unless asked for', () => {
    expect(Object.keys(synth({})).filter((p) => p.startsWith('.github/workflows/'))).toEqual(['.github/workflows/containers.yml']);
  });

  test('runs weekly on a cron schedule and by hand', () => {
    expect(doc.on).toEqual({ schedule: [{ cron: '0 5 * * 1' }], workflow_dispatch: {} });
  });

  test('checks out the default branch without persisted credentials, pinned by SHA', () => {
    expect(job.steps[0]).toMatchObject({ uses: `${CHECKOUT.action}@${CHECKOUT.sha}`, with: { 'ref': 'main', 'persist-credentials': false } });
    expect(text).toContain(`@${CHECKOUT.sha} # ${CHECKOUT.version}\n`);
  });

  test('re-resolves every tag, then opens or updates the pull request through gh with the job token in env', () => {
    expect(job.steps.map((s: any) => s.run?.split('\n')[0])).toEqual([undefined, 'npm ci', 'npx projen containers:pin --update', 'git add -A']);
    const pr = job.steps[3];
    expect(pr.env).toEqual({ GH_TOKEN: '${{ github.token }}', BASE_BRANCH: 'main', PIN_BRANCH: 'containers/pin-refresh' });
    expect(pr.run).toContain('git switch -C "$PIN_BRANCH"');
    expect(pr.run).toContain('gh pr create --base "$BASE_BRANCH" --head "$PIN_BRANCH"');
    expect(pr.run).toContain('gh auth setup-git');
  });

  test('holds only contents and pull-requests write, in its one job, with reasons; a time limit; a concurrency group', () => {
    expect(doc.permissions).toEqual({});
    expect(job.permissions).toEqual({ 'contents': 'write', 'pull-requests': 'write' });
    expect(text).toContain('contents: write # push the refresh branch\n');
    expect(text).toContain('pull-requests: write # open the pull request\n');
    expect(job['timeout-minutes']).toBe(60);
    expect(doc.concurrency).toEqual({ 'group': '${{ github.workflow }}', 'cancel-in-progress': false });
  });

  test('every hardening rule reports nothing', () => {
    const findings = checkWorkflow(parseWorkflow(text), {
      lock: [CHECKOUT],
      permissions: { refresh: { 'contents': 'write', 'pull-requests': 'write' } },
    });
    expect(findings).toEqual([]);
  });

  test('actionlint 1.7.7 reports nothing', async () => {
    expect(await actionlint(text, PATH)).toEqual([]);
  });

  test('schedule, name, branch, default branch, runner and time limit reach the file', async () => {
    const custom = synth({
      workflow: { defaultBranch: 'trunk', runsOn: 'ubuntu-22.04', timeoutMinutes: 20 },
      pinning: { refreshWorkflow: { schedule: '30 3 * * *', name: 'pins', branch: 'bot/pins' } },
    });
    const wf = parse(custom['.github/workflows/pins.yml']);
    expect(custom[PATH]).toBeUndefined();
    expect(wf.name).toBe('pins');
    expect(wf.on.schedule).toEqual([{ cron: '30 3 * * *' }]);
    expect(wf.jobs.refresh.steps[0].with.ref).toBe('trunk');
    expect(wf.jobs.refresh.steps[3].env).toMatchObject({ BASE_BRANCH: 'trunk', PIN_BRANCH: 'bot/pins' });
    expect(wf.jobs.refresh['runs-on']).toBe('ubuntu-22.04');
    expect(wf.jobs.refresh['timeout-minutes']).toBe(20);
    expect(await actionlint(custom['.github/workflows/pins.yml'], '.github/workflows/pins.yml')).toEqual([]);
  });

  test('is generated when the pipeline workflow is disabled', () => {
    const only = synth({ workflow: { enabled: false }, pinning: { refreshWorkflow: {} } });
    expect(Object.keys(only).filter((p) => p.startsWith('.github/workflows/'))).toEqual([PATH]);
  });

  test('a pipeline in a subproject is refused (the workflow runs the root project\'s task)', () => {
    const root = new Project({ name: 'root' });
    const sub = new Project({ name: 'sub', parent: root, outdir: 'sub' });
    expect(() => synth({ pinning: { refreshWorkflow: {} } }, sub)).toThrow('pinning.refreshWorkflow needs the pipeline in the root project');
  });

  test('a Node project installs and runs the task with its own package manager', () => {
    const project = new javascript.NodeProject({ name: 'node-pins', defaultReleaseBranch: 'main', packageManager: javascript.NodePackageManager.YARN_CLASSIC, github: true });
    const wf = parse(synth({ pinning: { refreshWorkflow: {} } }, project)[PATH]);
    expect(wf.jobs.refresh.steps[1].run).toBe('yarn install --check-files --frozen-lockfile');
    expect(wf.jobs.refresh.steps[2].run).toBe('npx projen containers:pin --update');
  });
});
