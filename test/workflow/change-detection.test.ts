/**
 * The `changes` job's detection script, run by bash in real git repositories: a pull request that touches an image's
 * inputs yields `pr-<N>` (same repository) or the stable tag (fork), one that does not yields the stable tag.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { seed002, synthFiles } from './seed-pipelines';

const DETECT = (parse(synthFiles((p) => seed002(p))['.github/workflows/build-ci-image.yml']).jobs.changes.steps as any[])
  .find((s) => s.id === 'detect').run as string;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e.x', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' }).trim();
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** A repository with the seed's inputs on `main`, then a pull request commit changing `changed`; the script's outputs. */
function detect(changed: Record<string, string>, trusted: boolean): Record<string, string> {
  const root = mkdtempSync(join(tmpdir(), 'pc-changes-'));
  dirs.push(root);
  git(root, 'init', '-q', '-b', 'main');
  write(root, { 'gen.Dockerfile': 'FROM x\n', 'script/tools.txt': 'a\n', 'script/install/a.sh': 'true\n', 'README.md': 'r\n' });
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'base');
  git(root, 'checkout', '-qb', 'pr');
  write(root, changed);
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'change');
  // the base moves on after the pull request branched: its changes must not count (merge-base diff)
  git(root, 'checkout', '-q', 'main');
  write(root, { 'gen.Dockerfile': 'FROM y\n' });
  git(root, 'commit', '-qam', 'base moves');
  git(root, 'checkout', '-q', 'pr');
  const output = join(root, 'out');
  writeFileSync(output, '');
  execFileSync('bash', ['-eo', 'pipefail', '-c', DETECT], {
    cwd: root,
    env: { ...process.env, BASE_SHA: git(root, 'rev-parse', 'main'), PR_NUMBER: '7', TRUSTED: String(trusted), REGISTRY: 'ghcr.io/flyteorg/flyte', GITHUB_OUTPUT: output },
  });
  return Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('change detection against the merge base (bash, real git)', () => {
  test('documentation only: nothing to build, the stable tag is handed on', () => {
    expect(detect({ 'README.md': 'changed\n' }, true)).toEqual({ CI_IMAGE_IMAGE: 'ghcr.io/flyteorg/flyte/ci-image:v2', targets: '', any: 'false' });
  });

  test('a COPY source: the image is rebuilt and pushed as pr-<N>', () => {
    expect(detect({ 'script/tools.txt': 'b\n' }, true)).toEqual({ CI_IMAGE_IMAGE: 'ghcr.io/flyteorg/flyte/ci-image:pr-7', targets: 'ci-image', any: 'true' });
  });

  test('a file below a bind-mount directory counts; a sibling with the same prefix does not', () => {
    expect(detect({ 'script/install/b.sh': 'b\n' }, true).any).toBe('true');
    expect(detect({ 'script/installer': 'x\n' }, true).any).toBe('false');
  });

  test('the Dockerfile changed only on the base branch: not a change of the pull request', () => {
    expect(detect({ 'docs/x.md': 'x\n' }, true).any).toBe('false');
  });

  test('a fork: built (targets) but the stable reference is handed on, since nothing is pushed', () => {
    expect(detect({ 'gen.Dockerfile': 'FROM z\n' }, false)).toEqual({ CI_IMAGE_IMAGE: 'ghcr.io/flyteorg/flyte/ci-image:v2', targets: 'ci-image', any: 'true' });
  });

  test('a file name with shell characters is compared, never executed', () => {
    expect(detect({ 'script/$(touch pwned)': 'x\n', 'script/tools.txt;id': 'x\n' }, true).any).toBe('false');
  });
});
