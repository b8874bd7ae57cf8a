/**
 * The bundled examples: each examples/<name>/.projenrc.ts is run with ts-node in a temporary copy of its directory
 * (placed so that its `../../src` import resolves to this checkout's src), and every file projen generates must be
 * byte-identical to the one committed in examples/<name>/ (so the committed outputs are current; they are the
 * readable snapshots reviewers diff), and must not change when the example is synthesized again.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((name) => existsSync(join(ROOT, 'examples', name, '.projenrc.ts'))).sort();

/** The environment of a user's shell without test markers (projen reads NODE_ENV=test at import time), no post-synth steps. */
function exampleEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PROJEN_DISABLE_POST: 'true' };
  for (const key of Object.keys(env)) {
    if (key === 'NODE_ENV' || key.startsWith('VITEST') || key === 'TEST') delete env[key];
  }
  return env;
}

/**
 * Runs `.projenrc.ts` in `dir` with ts-node and the test tsconfig, as `npx projen examples` does; `typeCheck: false`
 * only transpiles (for a run of code already type-checked by an earlier run: the same output, without the compiler's
 * several seconds per example).
 */
function synthesize(dir: string, typeCheck = true): void {
  try {
    const transpileOnly = typeCheck ? [] : ['--transpile-only'];
    execFileSync(process.execPath, [require.resolve('ts-node/dist/bin'), ...transpileOnly, '--project', join(ROOT, 'test', 'tsconfig.json'), '.projenrc.ts'], {
      cwd: dir,
      env: exampleEnv(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
  } catch (e: any) {
    throw new Error(`.projenrc.ts failed in ${dir}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

/**
 * Path → content of every file listed in the directory's .projen/files.json (which lists itself); `undefined` for a
 * listed file projen left out because it would be empty (e.g. .projen/deps.json without dependencies).
 */
function generatedFiles(dir: string): Map<string, Buffer | undefined> {
  const manifest = JSON.parse(readFileSync(join(dir, '.projen', 'files.json'), 'utf8')) as { files: string[] };
  return new Map(manifest.files.map((file) => [file, existsSync(join(dir, file)) ? readFileSync(join(dir, file)) : undefined]));
}

/** The committed file of example `name` at `file`, or `undefined` if there is none. */
function committedFile(name: string, file: string): Buffer | undefined {
  const path = join(ROOT, 'examples', name, file);
  return existsSync(path) ? readFileSync(path) : undefined;
}

function sameBytes(a: Buffer | undefined, b: Buffer | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.equals(b);
}

describe.each(EXAMPLES)('examples/%s', (name) => {
  let scratch: string;
  let dir: string;
  let first: Map<string, Buffer | undefined>;

  beforeAll(() => {
    // GIVEN a copy of the example at <scratch>/examples/<name>, with <scratch>/src and <scratch>/node_modules linked to
    // this checkout, so `../../src` and the packages resolve as in the repository
    scratch = mkdtempSync(join(tmpdir(), `projen-containers-example-${name}-`));
    dir = join(scratch, 'examples', name);
    mkdirSync(join(scratch, 'examples'));
    cpSync(join(ROOT, 'examples', name), dir, { recursive: true });
    symlinkSync(join(ROOT, 'src'), join(scratch, 'src'), 'dir');
    symlinkSync(join(ROOT, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    // WHEN its .projenrc.ts runs
    synthesize(dir);
    first = generatedFiles(dir);
  });

  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  test('generates the files committed in the example, byte for byte', () => {
    // THEN every generated file exists in examples/<name>/ with the same bytes
    // (a listed file projen did not write must not be committed either)
    const stale = [...first.entries()].filter(([file, content]) => !sameBytes(content, committedFile(name, file))).map(([file]) => file);
    expect(stale, `run "npx projen examples" and commit the result; stale: ${stale.join(', ')}`).toStrictEqual([]);
    expect(first.get('.projen/files.json')).toBeDefined();
  });

  test('synthesizes byte-identical files a second time', () => {
    // WHEN it runs again in the same directory (the first run type-checked the same code)
    synthesize(dir, false);
    // THEN the same files are generated, with the same bytes
    const second = generatedFiles(dir);
    expect([...second.keys()]).toStrictEqual([...first.keys()]);
    for (const [file, content] of first) {
      expect(sameBytes(second.get(file), content), file).toBe(true);
    }
  });
});

test('there are examples to check', () => {
  expect(EXAMPLES).toStrictEqual(['ci-image', 'flow-pipe', 'flow-pipe-stage', 'go-rust-services', 'incremental-chain', 'multiarch-services', 'python-runtime-app']);
});
