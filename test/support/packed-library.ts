/**
 * The library as a consumer gets it: compiled by jsii, packed by `npm pack`, installed from the tarball into a
 * scratch project. Shared by the tests that act as a user (consumer project, project type, errors a user sees).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMPILE_LOCK } from './process-lock';

/** The repository root. */
export const ROOT = resolve(__dirname, '..', '..');

/**
 * The environment of a user's shell: no vitest/test markers (projen reads NODE_ENV=test at import time), and not a CI
 * job's (`CI` makes projen install with `npm ci`, which a project just created, without a lockfile, cannot do).
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };
  for (const key of Object.keys(env)) {
    if (key === 'NODE_ENV' || key.startsWith('VITEST') || key === 'TEST' || key === 'PROJEN_DISABLE_POST' || key === 'CI') delete env[key];
  }
  return { ...env, ...extra };
}

/** Runs a command as a user would; a failure throws with the command's whole output. */
export function run(command: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, { cwd, env: userEnv(extraEnv), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  } catch (e: any) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

/** A finished command: exit status and both output streams. */
export interface Outcome {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Like `run`, for a command expected to fail: its exit status and both output streams. */
export function runFailing(command: string, args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Outcome {
  try {
    const stdout = execFileSync(command, args, { cwd, env: userEnv(extraEnv), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    return { status: 0, stdout, stderr: '' };
  } catch (e: any) {
    return { status: typeof e.status === 'number' ? e.status : -1, stdout: `${e.stdout ?? ''}`, stderr: `${e.stderr ?? e.message}` };
  }
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds lib/ and .jsii with jsii unless they exist and are newer than every source (a clean clone has neither). */
export function ensureCompiled(): void {
  const outputs = [join(ROOT, 'lib', 'index.js'), join(ROOT, '.jsii')];
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'templates')), statSync(join(ROOT, 'package.json')).mtimeMs);
  const current = () => outputs.every((o) => existsSync(o) && statSync(o).mtimeMs >= sources);
  if (current()) return;
  COMPILE_LOCK.acquireSync(1_200_000);
  try {
    // another test process may have compiled while this one waited
    if (!current()) run('npx', ['--yes', 'projen', 'compile'], ROOT);
  } finally {
    COMPILE_LOCK.release();
  }
}

/** Compiles if needed and packs the library into `dir`; returns the tarball's path. */
export function packLibrary(dir: string): string {
  ensureCompiled();
  const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir], ROOT)) as Array<{ filename: string }>;
  return join(dir, packed[0].filename);
}

/** What a scratch consumer project installs next to the packed library. */
const CONSUMER_DEV_DEPS = ['projen@0.103.25', 'constructs@^10.5', 'ts-node@10.9.2', 'typescript@~6.0.3', '@types/node@^20'];

/**
 * A scratch npm project `dir` (created) with projen and the packed library installed from `tarball`, as a user
 * installs them (npm's cache is reused: `--prefer-offline`); `projenrc` becomes its `.projenrc.ts` when given.
 */
export function installConsumer(dir: string, tarball: string, projenrc?: string): void {
  mkdirSync(dir, { recursive: true });
  run('npm', ['init', '-y'], dir);
  run('npm', ['install', '--save-dev', '--no-audit', '--no-fund', '--prefer-offline', ...CONSUMER_DEV_DEPS, tarball], dir);
  if (projenrc !== undefined) writeFileSync(join(dir, '.projenrc.ts'), projenrc);
}

/**
 * Runs `.projenrc.ts` once directly with ts-node: a project's first synth, which writes the `.projen/tasks.json` that
 * `npx projen` needs.
 */
export function bootstrapProjen(dir: string): void {
  run('npx', ['--yes', 'ts-node', '-O', '{"module":"commonjs"}', '.projenrc.ts'], dir);
}
