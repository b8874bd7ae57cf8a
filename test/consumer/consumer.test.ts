/**
 * A real consumer: packs the library as published (jsii build → `npm pack`), installs the tarball into a scratch npm
 * project next to projen, and synthesizes a pipeline from that project's own `.projenrc.ts` with `npx projen`.
 *
 * Slow by nature (jsii compile when lib/ is stale, npm install, three ts-node synth runs); npm's cache is reused
 * (`--prefer-offline`), so a warm run takes well under two minutes. Set PROJEN_CONTAINERS_KEEP_CONSUMER=1 to keep the
 * scratch project (its path is printed).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bootstrapProjen, installConsumer, packLibrary, run } from '../support/packed-library';

/** What the consumer's pipeline must generate (family `app` writes the root Dockerfile). */
const GENERATED = ['Dockerfile', 'Makefile', 'docker-bake.json', '.dockerignore', 'CONTAINERS.md', '.github/workflows/containers.yml'];

const CONSUMER_PROJENRC = `import { Project, typescript } from 'projen';
import { CacheSharing, Containers, DockerfileSyntax, FamilyTag, ImageRole, ImageSource, Mount } from 'projen-containers';

const project = new Project({ name: 'consumer' });
new typescript.ProjenrcTs(project);

const containers = new Containers(project, {
  registry: 'ghcr.io/acme',
  sourceUrl: 'https://github.com/acme/consumer',
  dockerfileSyntax: DockerfileSyntax.omit(),
});

const app = containers.addFamily('app', {
  description: 'consumer app images',
  dockerfile: 'Dockerfile',
  tag: FamilyTag.templates(['{version}', '{branch}'], { fallback: 'dev' }),
});

const os = ImageSource.registry('ubuntu:24.04@sha256:${'0'.repeat(64)}', { buildArg: 'OS_IMAGE' });
const apt = [Mount.cache({ target: '/var/cache/apt', id: 'apt-cache', sharing: CacheSharing.LOCKED })];

const runtime = app.addImage('runtime', { from: os, role: ImageRole.RUNTIME, description: 'Runs the app' });
const build = runtime.addStage('build', { from: os });
build.run(['apt-get update', 'apt-get install -y --no-install-recommends gcc libc6-dev'], { mounts: apt });
build.copy(['src'], '/src/');
build.run(['gcc -O2 -o /out/app /src/main.c']);
runtime.copy(['/out/app'], '/usr/local/bin/app', { from: build });
runtime.entrypoint(['/usr/local/bin/app']);

const dev = app.addImage('dev', { from: ImageSource.stage(runtime), role: ImageRole.SDK, description: 'Builds plugins' });
dev.run(['apt-get update', 'apt-get install -y --no-install-recommends gcc'], { mounts: apt });
dev.env({ APP_HOME: '/opt/app' });

project.synth();
`;

type FileState = { sha256: string; mtimeMs: number; mode: number } | 'absent';

/**
 * Path → sha256, mtime and mode of every file `.projen/files.json` lists (projen lists `.projen/deps.json` even when a
 * project without dependencies writes none: `'absent'`), plus the list itself.
 */
function snapshot(dir: string): { files: string[]; state: Record<string, FileState> } {
  const files: string[] = JSON.parse(readFileSync(join(dir, '.projen', 'files.json'), 'utf8')).files;
  const state: Record<string, FileState> = {};
  for (const f of files) {
    const path = join(dir, f);
    if (!existsSync(path)) {
      state[f] = 'absent';
      continue;
    }
    const st = statSync(path);
    state[f] = { sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mtimeMs: st.mtimeMs, mode: st.mode };
  }
  return { files, state };
}

describe('consumer project installing the packed library', () => {
  let scratch: string;
  let consumer: string;
  let first: ReturnType<typeof snapshot>;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'projen-containers-consumer-'));
    const tarball = packLibrary(scratch);

    consumer = join(scratch, 'consumer');
    installConsumer(consumer, tarball, CONSUMER_PROJENRC);
    bootstrapProjen(consumer);
    run('npx', ['--yes', 'projen'], consumer);
    first = snapshot(consumer);
    if (process.env.PROJEN_CONTAINERS_KEEP_CONSUMER === '1') process.stderr.write(`consumer project: ${consumer}\n`);
  }, 600_000);

  afterAll(() => {
    if (scratch && process.env.PROJEN_CONTAINERS_KEEP_CONSUMER !== '1') rmSync(scratch, { recursive: true, force: true });
  });

  test('installs the library from the tarball', () => {
    const installed = JSON.parse(readFileSync(join(consumer, 'node_modules', 'projen-containers', 'package.json'), 'utf8'));
    expect(installed.name).toBe('projen-containers');
    expect(existsSync(join(consumer, 'node_modules', 'projen-containers', '.jsii'))).toBe(true);
    expect(existsSync(join(consumer, 'node_modules', 'projen-containers', 'lib', 'index.js'))).toBe(true);
  });

  test.each(GENERATED)('%s exists, carries the projen marker and is read-only', (file) => {
    const path = join(consumer, file);
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toContain('~~ Generated by projen');
    // permission digits without the write bit (2): 0, 1, 4, 5
    expect((statSync(path).mode % 0o1000).toString(8).padStart(3, '0')).toMatch(/^[0145]{3}$/);
  });

  test('.projen/files.json lists every generated file', () => {
    expect(first.files).toEqual(expect.arrayContaining(GENERATED));
  });

  test('the Dockerfile has both images as targets', () => {
    const dockerfile = readFileSync(join(consumer, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM .* AS runtime$/m);
    expect(dockerfile).toMatch(/^FROM runtime AS dev$/m);
    expect(dockerfile).toMatch(/^FROM .* AS build$/m);
  });

  // projen skips writing a file whose content and mode are unchanged, but it tests "read-only" with access(W_OK),
  // which always succeeds for root (projen/lib/util.js isWritable): as uid 0 it rewrites every file with identical
  // bytes, so mtimes are compared only for other users.
  test('a second `npx projen` changes nothing', () => {
    run('npx', ['--yes', 'projen'], consumer);
    const second = snapshot(consumer);
    const withoutMtimes = (s: ReturnType<typeof snapshot>) => ({
      files: s.files,
      state: Object.fromEntries(Object.entries(s.state).map(([f, st]) => [f, st === 'absent' ? st : { sha256: st.sha256, mode: st.mode }])),
    });
    expect(withoutMtimes(second)).toEqual(withoutMtimes(first));
    if (process.getuid?.() !== 0) expect(second).toEqual(first);
  });
});
