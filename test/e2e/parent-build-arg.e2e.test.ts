/**
 * On the real engine: an image built on an image of another Dockerfile names its parent through a build argument
 * defaulting to the parent's full reference (fallback tag). After `make build-<parent>`, a plain
 * `docker build -f <child Dockerfile> .` builds the child on it, as the seeds document; `make build-<child>` still
 * substitutes the parent just built (named context), also under an overridden `<PARENT>_IMAGE`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Project } from 'projen';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Containers, ImageSource } from '../../src';
import { describeEngine, docker, REGISTRY_ADDRESS, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';

function make(dir: string, args: readonly string[]): string {
  try {
    return execFileSync('make', ['--no-print-directory', ...args], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, GIT_CEILING_DIRECTORIES: dirname(dir), DOCKER_CONFIG: process.env.DOCKER_CONFIG ?? join(process.env.HOME ?? '/root', '.docker') },
    });
  } catch (e: any) {
    throw new Error(`make ${args.join(' ')} failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

describeEngine('parent build argument on the real engine', () => {
  let dir: string;
  const namespace = `${REGISTRY_ADDRESS}/${uniqueTag('makeface-pba')}`;
  const parent = `${namespace}/pba-runtime:dev`;
  const plain = `${namespace}/plain-child:1`;
  const made = `${namespace}/pba-app:dev`;
  const overridden = `${namespace}/elsewhere:pr-7`;

  beforeAll(() => {
    // GIVEN runtime in the family Dockerfile and app in build/Dockerfile.app FROM runtime, synthesized outside git
    dir = mkdtempSync(join(tmpdir(), 'pc-pba-'));
    const project = new Project({ name: 'pba', outdir: dir });
    const containers = new Containers(project, { registry: namespace, workflow: { enabled: false } });
    const family = containers.addFamily('pba');
    const runtime = family.addImage('runtime', { from: ImageSource.registry(TEST_BASE_IMAGE) });
    runtime.run(['echo runtime > /etc/parent-marker']);
    const app = family.addImage('app', { from: ImageSource.stage(runtime), dockerfile: 'build/Dockerfile.app' });
    app.run(['cat /etc/parent-marker > /etc/child-marker']);
    project.synth();
  });

  afterAll(() => {
    for (const image of [parent, plain, made, overridden]) {
      try { docker(['image', 'rm', '--force', image]); } catch { /* not built */ }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('make builds the parent; a plain docker build of the child Dockerfile builds on it', () => {
    // WHEN the parent is built with make, then the child with plain docker build
    make(dir, ['build-pba-runtime']);
    docker(['build', '--quiet', '-f', 'build/Dockerfile.app', '--tag', plain, '.'], { cwd: dir });
    // THEN the child holds what the parent built
    expect(docker(['run', '--rm', '--entrypoint', 'cat', plain, '/etc/child-marker']).trim()).toBe('runtime');
  });

  test('make build-<child> substitutes the parent just built, also under an overridden <PARENT>_IMAGE', () => {
    make(dir, ['build-pba-app', `PBA_RUNTIME_IMAGE=${overridden}`]);
    expect(docker(['run', '--rm', '--entrypoint', 'cat', made, '/etc/child-marker']).trim()).toBe('runtime');
    expect(docker(['image', 'inspect', '--format', '{{.Id}}', overridden]).trim()).toMatch(/^sha256:/);
  });
});
