/**
 * ContainersTesting.synth: exactly the files the pipeline generated (no package.json, .gitignore, .projen/…), each as
 * Testing.synth wrote it, in path order, the same for the same pipeline, and a clear error without a pipeline.
 */
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project, Testing, typescript } from 'projen';
import { describe, expect, test } from 'vitest';
import { Containers, ContainersTesting, ImageSource } from '../../src';

function pipeline(project: Project, opts: { makefile?: string; dockerfile?: string } = {}): Containers {
  const containers = new Containers(project, { registry: 'ghcr.io/acme', makefile: opts.makefile });
  const family = containers.addFamily('app', { dockerfile: opts.dockerfile ?? 'Dockerfile' });
  const runtime = family.addImage('runtime', { from: ImageSource.registry('debian:bookworm-slim', { buildArg: 'BASE_IMAGE' }) });
  runtime.copy(['src'], '/app/');
  return containers;
}

describe('ContainersTesting.synth', () => {
  test('returns the pipeline files and nothing else of the project', () => {
    const project = new Project({ name: 'plain' });
    pipeline(project);
    const files = ContainersTesting.synth(project);
    expect(Object.keys(files)).toStrictEqual(['.dockerignore', '.github/workflows/containers.yml', 'CONTAINERS.md', 'Dockerfile', 'Makefile', 'docker-bake.json']);
    expect(files.Dockerfile).toMatch(/^FROM \$\{BASE_IMAGE\} AS runtime$/m);
    expect(files.Makefile).toContain('REGISTRY ?= ghcr.io/acme');
    // text, not parsed JSON: a snapshot shows the bytes the user commits
    expect(typeof files['docker-bake.json']).toBe('string');
    expect(JSON.parse(files['docker-bake.json'])).toHaveProperty('target');
  });

  test('each file is byte for byte what Testing.synth writes, keys in path order', () => {
    const a = new Project({ name: 'a' });
    pipeline(a, { makefile: 'build/Makefile', dockerfile: 'docker/app.Dockerfile' });
    const b = new Project({ name: 'a' });
    pipeline(b, { makefile: 'build/Makefile', dockerfile: 'docker/app.Dockerfile' });
    const mine = ContainersTesting.synth(a);
    const all = Testing.synth(b, { parseJson: false });
    expect(Object.keys(mine)).toStrictEqual(Object.keys(mine).sort());
    expect(Object.keys(mine)).toEqual(expect.arrayContaining(['build/Makefile', 'docker/app.Dockerfile']));
    for (const [path, content] of Object.entries(mine)) expect(content, path).toBe(all[path]);
    // the rest of the project is not there
    expect(Object.keys(all).filter((p) => !(p in mine))).toEqual(expect.arrayContaining(['.gitignore', '.projen/tasks.json']));
  });

  test('the same pipeline gives the same files (stable snapshots)', () => {
    const synth = () => {
      const project = new Project({ name: 'same' });
      pipeline(project);
      return ContainersTesting.synth(project);
    };
    expect(synth()).toStrictEqual(synth());
  });

  test('in a TypeScript project: the same pipeline files, none of the TypeScript project files', () => {
    const ts = new typescript.TypeScriptProject({ name: 'ts', defaultReleaseBranch: 'main' });
    pipeline(ts);
    const plain = new Project({ name: 'plain' });
    pipeline(plain);
    expect(ContainersTesting.synth(ts)).toStrictEqual(ContainersTesting.synth(plain));
  });

  test('the pipeline can still be synthesized normally afterwards (preSynthesize is restored)', () => {
    const project = new Project({ name: 'restored' });
    const containers = pipeline(project);
    ContainersTesting.synth(project);
    expect(Object.prototype.hasOwnProperty.call(containers, 'preSynthesize')).toBe(false);
  });

  test('a pipeline of a subproject: paths relative to the root project, the workflow at the root', () => {
    const root = new Project({ name: 'root' });
    const sub = new Project({ name: 'sub', parent: root, outdir: 'images' });
    pipeline(sub);
    expect(Object.keys(ContainersTesting.synth(sub))).toStrictEqual([
      '.github/workflows/containers.yml', 'images/.dockerignore', 'images/CONTAINERS.md', 'images/Dockerfile', 'images/Makefile', 'images/docker-bake.json',
    ]);
  });

  test('a project whose output directory is the working directory is refused before anything is removed', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'containers-testing-cwd-')));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const project = new Project({ name: 'here', outdir: dir });
      pipeline(project);
      expect(() => ContainersTesting.synth(project)).toThrow(/project "here" would be synthesized into the working directory .* give it an outdir of its own/);
      expect(existsSync(dir)).toBe(true);
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a project without a pipeline is an error that says how to add one', () => {
    expect(() => ContainersTesting.synth(new Project({ name: 'bare' }))).toThrow(/project "bare" has no Containers pipeline/);
  });

  test('an invalid pipeline throws its validation error', () => {
    const project = new Project({ name: 'invalid' });
    const containers = new Containers(project, { registry: 'ghcr.io/acme' });
    containers.addFamily('app').addImage('runtime', { from: ImageSource.registry('debian:bookworm-slim') }).run([]);
    expect(() => ContainersTesting.synth(project)).toThrow(/app\/runtime/);
  });
});
