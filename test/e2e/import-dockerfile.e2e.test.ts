/**
 * Importing a Dockerfile on the real engine: the generated Dockerfile of examples/ci-image is imported into a bare
 * project's .projenrc.ts, synthesized again, and both files are built from the example's context with the same base
 * images (Debian-built toolchains from the local registry). The two images hold the same files: path, type, mode,
 * owner, size, link target and sha256 of every entry of `docker export` (modification times left out), and run with
 * the same user, environment, working directory and command.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkoutExample, MINUTES } from './example-make';
import { describeEngine, docker, REGISTRY_ADDRESS, uniqueTag } from '../support/engine';
import { importAndSynth } from '../support/import-and-synth';

const TOOLCHAIN = `${REGISTRY_ADDRESS}/testbase/toolchain`;
const BUILD_ARGS = [
  `BASE_IMAGE=${TOOLCHAIN}:python-slim-bookworm`,
  `GO_IMAGE=${TOOLCHAIN}:golang-bookworm`,
  `PYTHON_IMAGE=${TOOLCHAIN}:python-bookworm`,
];

/** Every entry of a container's filesystem as `path type mode uid:gid size link sha256`, sorted; no times. */
const LIST_TAR = `
import hashlib, sys, tarfile
rows = []
with tarfile.open(fileobj=sys.stdin.buffer, mode='r|') as tar:
    for m in tar:
        digest = hashlib.sha256(tar.extractfile(m).read()).hexdigest() if m.isfile() else '-'
        rows.append(f"{m.name.rstrip('/')} {m.type.decode()} {m.mode:o} {m.uid}:{m.gid} {m.size} {m.linkname or '-'} {digest}")
print('\\n'.join(sorted(rows)))
`;

describeEngine('an imported Dockerfile builds the same image as the original', () => {
  let work: string;
  let scratch: string;
  const tags: string[] = [];
  const containers: string[] = [];

  beforeAll(() => {
    work = checkoutExample('ci-image');
    scratch = mkdtempSync(join(tmpdir(), 'pc-import-e2e-'));
  });

  afterAll(() => {
    for (const id of containers) {
      try { docker(['rm', '-f', id]); } catch { /* already gone */ }
    }
    for (const tag of tags) {
      try { docker(['image', 'rm', '-f', tag]); } catch { /* already gone */ }
    }
    for (const dir of [work, scratch]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function build(dockerfile: string, name: string): string {
    const tag = `pc-import-e2e:${uniqueTag(name)}`;
    tags.push(tag);
    const path = join(scratch, `${name}.Dockerfile`);
    writeFileSync(path, dockerfile);
    docker(['buildx', 'build', '--load', '--provenance=false', '-f', path, '-t', tag, '--target', 'ci', ...BUILD_ARGS.flatMap((a) => ['--build-arg', a]), work], { timeoutMs: MINUTES });
    return tag;
  }

  function files(tag: string): string[] {
    const id = docker(['create', tag, 'true']).trim(); // a command: the image has none (create only, never started)
    containers.push(id);
    const tar = join(scratch, `${id}.tar`);
    docker(['export', '-o', tar, id]);
    return execFileSync('python3', ['-c', LIST_TAR], { input: readFileSync(tar), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).trim().split('\n');
  }

  function config(tag: string): unknown {
    return JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config.User}} {{json .Config.Env}} {{json .Config.WorkingDir}} {{json .Config.Entrypoint}} {{json .Config.Cmd}}', tag])
      .trim().split(' ').join(',').replace(/^/, '[').replace(/$/, ']'));
  }

  test('same files, modes, owners, sizes and contents; same runtime configuration', () => {
    const original = readFileSync(join(work, 'gen.Dockerfile'), 'utf8');
    const imported = importAndSynth(original, { family: 'flyte', images: ['ci'] });
    expect(imported.dockerfile).not.toBe(original);
    const a = build(original, 'original');
    const b = build(imported.dockerfile, 'imported');
    const left = files(a);
    const right = files(b);
    console.log(`[import e2e] ${left.length} filesystem entries in the original image, ${right.length} in the imported one`);
    expect(left.length).toBeGreaterThan(1000);
    expect(right).toEqual(left);
    expect(config(b)).toEqual(config(a));
  }, 2 * MINUTES);
});
