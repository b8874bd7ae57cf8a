/**
 * Helpers of the engine tests of the bundled examples: `make` in a copy of an example, with BuildKit's plain
 * progress, without the GitHub Actions variables of the machine running the tests (the Makefile reads the event from
 * them), so the tag rules see the test's own git repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Ten minutes: the longest a single make run may take on a cold machine. */
export const MINUTES = 10 * 60_000;

/** The environment of a `make` run: the test's, without `GITHUB_*`, plus `extra`. */
export function makeEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, BUILDKIT_PROGRESS: 'plain' };
  for (const key of Object.keys(env)) if (key.startsWith('GITHUB_')) delete env[key];
  return { ...env, ...extra };
}

/** `make <args>` in `cwd`; returns stdout and stderr interleaved, throws with them on failure. */
export function make(cwd: string, args: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): string {
  const r = spawnSync('make', ['--no-print-directory', ...args], {
    cwd, encoding: 'utf8', env: makeEnv(extraEnv), timeout: MINUTES, maxBuffer: 64 * 1024 * 1024,
  });
  const log = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`make ${args.join(' ')} failed (status ${r.status}):\n${log}`);
  return log;
}

/** A copy of `examples/<name>` in a temporary directory, committed on `main` in a fresh git repository. */
export function checkoutExample(name: string): string {
  const work = mkdtempSync(join(tmpdir(), `pc-${name}-e2e-`));
  cpSync(join(__dirname, '..', '..', 'examples', name), work, { recursive: true });
  const git = (args: string[]) => execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], { cwd: work, stdio: 'ignore' });
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'example']);
  return work;
}

/** HEAD's commit in `dir`. */
export function headCommit(dir: string): string {
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
}

/** Whether the BuildKit step whose line holds `marker` was answered from the cache in `log`. */
export function stepCached(log: string, marker: string): boolean {
  const step = log.split('\n').find((l) => /^#\d+ \[/.test(l) && l.includes(marker));
  if (!step) throw new Error(`no step ${JSON.stringify(marker)} in:\n${log}`);
  const id = step.split(' ')[0];
  return log.split('\n').some((l) => l === `${id} CACHED`);
}

/** The tags of `repository` in the local image store. */
export function localTags(repository: string): string[] {
  const r = spawnSync('docker', ['image', 'ls', '--format', '{{.Tag}}', repository], { encoding: 'utf8' });
  return (r.stdout ?? '').split('\n').filter((t) => t !== '');
}
