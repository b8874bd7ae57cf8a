/**
 * The generated Makefile run by real GNU make with a docker stub that records its argv: for hostile values in every
 * setting that reaches a recipe, `make build-app-img` either is never generated (the one validation error) or runs
 * the stub once with each value as exactly one argument, and no injected command runs (the canary file stays absent).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hostileAround } from './arbitraries';
import { assertCompact } from './property-kit';
import { synthesize } from './synth-harness';
import { ContainersProps, FamilyTag, ImageSource } from '../../src';

/** Records each call's argv, NUL-separated, in $STUB_DIR/call-<n>. */
const STUB = `#!/usr/bin/env bash
n=$(ls "$STUB_DIR" | wc -l)
printf '%s\\0' "$@" > "$STUB_DIR/call-$n"
`;

/** Pieces that would create the canary file if they ever reached a shell or make unquoted. */
const INJECTIONS = ['$(touch PWNED)', '`touch PWNED`', ';touch PWNED;', '"; touch PWNED; "', "'; touch PWNED; '", '$$(touch PWNED)', '$(shell touch PWNED)', '\n\ttouch PWNED\n', '\\\n\ttouch PWNED'];

const hostile = (word: string) => fc.oneof(
  hostileAround(word),
  fc.tuple(fc.constantFrom(...INJECTIONS), fc.boolean()).map(([i, before]) => (before ? i + word : word + i)),
);

interface Settings {
  readonly registry: string;
  readonly description: string;
  readonly sourceUrl: string;
  readonly repository: string;
  readonly tag: string;
  readonly reference: string;
  readonly dockerfile: string;
  readonly context: string;
}

const BENIGN: Settings = { registry: 'ghcr.io/acme', description: 'The image', sourceUrl: 'https://github.com/acme/app', repository: 'app-img', tag: '1.2.3', reference: 'busybox:1', dockerfile: 'docker/app/Dockerfile', context: 'app' };

/** Runs `make build-app-img` in a workspace holding `files`; returns the stub calls (argv each) and whether the canary exists. */
function runMake(files: ReadonlyMap<string, string>): { status: number | null; stderr: string; calls: string[][]; pwned: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'pc-prop-make-'));
  try {
    for (const [path, text] of files) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const stubDir = join(dir, '.stub-calls');
    mkdirSync(stubDir);
    writeFileSync(join(dir, '.docker-stub'), STUB);
    chmodSync(join(dir, '.docker-stub'), 0o755);
    const makefile = [...files.entries()].find(([, t]) => /^\.DEFAULT_GOAL := /m.test(t))![0];
    const result = spawnSync('make', ['--no-print-directory', '-f', makefile, 'build-app-img', `DOCKER=${join(dir, '.docker-stub')}`], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LC_ALL: 'C', STUB_DIR: stubDir, GIT_CEILING_DIRECTORIES: dirname(dir), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
    });
    const calls = readdirSync(stubDir).sort().map((f) => readFileSync(join(stubDir, f), 'utf8').split('\0').slice(0, -1));
    return { status: result.status, stderr: result.stderr, calls, pwned: existsSync(join(dir, 'PWNED')) || existsSync(join(dir, '..', 'PWNED')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The values following each `flag` in argv. */
const values = (argv: readonly string[], flag: string) => argv.flatMap((a, i) => (a === flag && i + 1 < argv.length ? [argv[i + 1]] : []));

describe('the Makefile under real GNU make', () => {
  test('build-<image> passes every setting as exactly one argument and runs nothing injected [seed 5001]', () => {
    const arbitrary = fc.record({
      registry: hostile(BENIGN.registry),
      description: hostile(BENIGN.description),
      sourceUrl: hostile(BENIGN.sourceUrl),
      repository: hostile(BENIGN.repository),
      tag: hostile(BENIGN.tag),
      reference: hostile(BENIGN.reference),
      dockerfile: hostile(BENIGN.dockerfile),
      context: hostile(BENIGN.context),
    }).chain((all) => fc.constantFrom(...(Object.keys(all) as Array<keyof Settings>)).map((key) => ({ ...BENIGN, [key]: all[key] })));
    let accepted = 0;
    assertCompact(fc.property(arbitrary, (s: Settings) => {
      const outcome = synthesize({ registry: s.registry, sourceUrl: s.sourceUrl } as ContainersProps, (c) => {
        const img = c.addFamily('app', { tag: FamilyTag.fixed(s.tag), dockerfile: s.dockerfile, context: s.context })
          .addImage('img', { from: ImageSource.registry(s.reference), repository: s.repository, description: s.description });
        img.copy(['src'], '/src/');
      });
      if (outcome.kind === 'rejected') return;
      accepted++;
      const run = runMake(outcome.files);
      expect(run.pwned).toBe(false);
      expect(run.stderr).not.toMatch(/PWNED/);
      expect(run.status).toBe(0);
      expect(run.calls.length).toBe(1);
      const argv = run.calls[0];
      expect(argv.slice(0, 2)).toStrictEqual(['buildx', 'build']);
      expect(values(argv, '--tag')).toStrictEqual([`${s.registry}/${s.repository}:${s.tag}`]);
      expect(values(argv, '--build-arg')).toStrictEqual([`IMG_BASE_IMAGE=${s.reference}`]);
      const labels = values(argv, '--label');
      expect(labels).toContain(`org.opencontainers.image.description=${s.description}`);
      expect(labels).toContain(`org.opencontainers.image.source=${s.sourceUrl}`);
      // the Dockerfile make passes is the one written, and the context is the last argument
      const dockerfiles = [...outcome.files.entries()].filter(([, t]) => /^FROM /m.test(t) && !/^\.DEFAULT_GOAL/m.test(t)).map(([p]) => p);
      expect(values(argv, '--file')).toStrictEqual(dockerfiles);
      expect(posix.normalize(argv[argv.length - 1])).toBe(posix.normalize(s.context));
    }), { seed: 5001, numRuns: 200 });
    // not vacuous: many hostile values are accepted and reach make
    expect(accepted).toBeGreaterThan(5);
  });
});
