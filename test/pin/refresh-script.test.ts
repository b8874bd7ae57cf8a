/**
 * Runs the refresh workflow's pull-request step for real: bash over a clone of a local bare repository, with a `gh`
 * stand-in on PATH that records its arguments (and answers `pr list` with the number of open pull requests).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project, Testing } from 'projen';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { Containers, ImageSource } from '../../src';

function prStep(): { run: string; env: Record<string, string> } {
  const project = new Project({ name: 'pin-refresh' });
  const c = new Containers(project, { registry: 'ghcr.io/acme', pinning: { refreshWorkflow: { branch: 'bot/pins' } } });
  c.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu:24.04') }).run(['true']);
  const doc = parse(Testing.synth(project, { parseJson: false })['.github/workflows/containers-pin.yml']);
  return doc.jobs.refresh.steps.find((s: any) => s.name === 'Open or update the pull request');
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

describe('the pull-request step', () => {
  const step = prStep();
  let dir: string;
  let work: string;
  let remote: string;
  let log: string;
  let open: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pin-refresh-'));
    remote = join(dir, 'remote.git');
    work = join(dir, 'work');
    log = join(dir, 'gh.log');
    open = join(dir, 'open');
    writeFileSync(open, '0');
    git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
    git(dir, 'clone', '--quiet', remote, work);
    git(work, 'config', 'user.name', 'seed');
    git(work, 'config', 'user.email', 'seed@example.com');
    writeFileSync(join(work, 'containers.lock.json'), '{"images":{"ubuntu:24.04":"sha256:aa"}}\n');
    git(work, 'add', '-A');
    git(work, 'commit', '--quiet', '-m', 'init');
    git(work, 'push', '--quiet', 'origin', 'HEAD:refs/heads/main');
    const bin = join(dir, 'bin');
    execFileSync('mkdir', [bin]);
    writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho "$*" >> '${log}'\nif [ "$1 $2" = "pr list" ]; then cat '${open}'; fi\n`);
    chmodSync(join(bin, 'gh'), 0o755);
    path = `${bin}:${process.env.PATH}`;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = () => execFileSync('bash', ['-eo', 'pipefail', '-c', step.run], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, ...step.env, GH_TOKEN: 'token', PATH: path, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' },
  });
  const ghCalls = () => { try { return readFileSync(log, 'utf8').trim().split('\n'); } catch { return []; } };

  test('proposes nothing when no pin moved', () => {
    expect(run()).toContain('Every pin is current');
    expect(ghCalls()).toEqual([]);
    expect(git(remote, 'branch', '--list')).toBe('* main');
  });

  test('pushes the changed lock to the refresh branch and opens a pull request', () => {
    writeFileSync(join(work, 'containers.lock.json'), '{"images":{"ubuntu:24.04":"sha256:bb"}}\n');
    run();
    expect(git(remote, 'show', 'bot/pins:containers.lock.json')).toContain('sha256:bb');
    expect(git(remote, 'rev-list', '--count', 'main..bot/pins')).toBe('1');
    const calls = ghCalls();
    expect(calls[0]).toBe('auth setup-git');
    expect(calls[1]).toBe('pr list --head bot/pins --base main --state open --json number --jq length');
    expect(calls[2]).toMatch(/^pr create --base main --head bot\/pins --title Refresh base image pins --body Base image tags re-resolved with `containers:pin --update`/);
  });

  test('updates the branch of an open pull request without opening another', () => {
    writeFileSync(open, '1');
    git(work, 'push', '--quiet', 'origin', 'HEAD:refs/heads/bot/pins');
    writeFileSync(join(work, 'containers.lock.json'), '{"images":{"ubuntu:24.04":"sha256:cc"}}\n');
    expect(run()).toContain('The open pull request from bot/pins now holds the new pins.');
    expect(git(remote, 'show', 'bot/pins:containers.lock.json')).toContain('sha256:cc');
    expect(ghCalls().some((c) => c.startsWith('pr create'))).toBe(false);
  });
});
