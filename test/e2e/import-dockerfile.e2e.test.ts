/**
 * Importing a Dockerfile on the real engine: the generated Dockerfile of examples/ci-image is imported into a bare
 * project's .projenrc.ts, synthesized again, and both files are built from the example's context with the same base
 * images (Debian-built toolchains from the local registry). The two images hold the same files: path, type, mode,
 * owner, size, link target and sha256 of every entry of `docker export` (modification times left out), and run with
 * the same user, environment, working directory and command. The same holds for a hand-written Dockerfile on the
 * local busybox base with a heredoc, tmpfs and bind mounts, a continuation holding a comment, COPY --chown/--chmod and
 * the raw lines VOLUME and a shell-form CMD.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkoutExample, MINUTES } from './example-make';
import { describeEngine, docker, REGISTRY_ADDRESS, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';
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

  function build(dockerfile: string, name: string, context = work, target = 'ci', buildArgs = BUILD_ARGS): string {
    const tag = `pc-import-e2e:${uniqueTag(name)}`;
    tags.push(tag);
    const path = join(scratch, `${name}.Dockerfile`);
    writeFileSync(path, dockerfile);
    docker(['buildx', 'build', '--load', '--provenance=false', '-f', path, '-t', tag, '--target', target, ...buildArgs.flatMap((a) => ['--build-arg', a]), context], { timeoutMs: MINUTES });
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

  test('a hand-written Dockerfile with raw lines, heredocs, mounts and build stages: same files and configuration', () => {
    const context = mkdtempSync(join(scratch, 'context-'));
    writeFileSync(join(context, 'greeting.txt'), 'hello\n');
    const original = [
      `ARG BASE=${TEST_BASE_IMAGE}`,
      'FROM ${BASE} AS build',
      'WORKDIR /out',
      'RUN --mount=type=tmpfs,target=/scratch <<EOF',
      'echo built > /scratch/x',
      'cp /scratch/x /out/built.txt',
      'EOF',
      'RUN --mount=type=bind,source=greeting.txt,target=/in/greeting.txt cat /in/greeting.txt > /out/copied.txt && \\',
      '    # a comment inside the continuation',
      '    chmod 0640 /out/copied.txt',
      '',
      'FROM ${BASE} AS app',
      'ENV APP_HOME=/opt/app GREETING="hello world"',
      'COPY --from=build --chown=10001:10001 /out/ /opt/app/',
      'COPY --chmod=0600 greeting.txt /opt/app/greeting.txt',
      'RUN mkdir -p /data && echo "$GREETING" > /opt/app/env.txt',
      'VOLUME /data',
      'WORKDIR /opt/app',
      'USER 10001:10001',
      'CMD cat /opt/app/greeting.txt',
      '',
    ].join('\n');
    const imported = importAndSynth(original, { family: 'hand', images: [] });
    expect(imported.warnings.map((w) => w.line)).toEqual([4, 17, 20]); // set -eu added; VOLUME and shell-form CMD kept raw
    const args = [`BASE=${TEST_BASE_IMAGE}`];
    const a = build(original, 'hand-original', context, 'app', args);
    const b = build(imported.dockerfile, 'hand-imported', context, 'app', args);
    const left = files(a);
    console.log(`[import e2e] hand-written: ${left.length} filesystem entries in each image`);
    expect(left.some((row) => row.startsWith('opt/app/copied.txt 0 640 10001:10001 6 '))).toBe(true);
    expect(files(b)).toEqual(left);
    expect(config(b)).toEqual(config(a));
  }, 2 * MINUTES);
});
