/**
 * Synthesis with a lockfile: locked bases are rendered name:tag@digest everywhere a base default appears, frozen
 * mode fails naming every offender, the digests env file and the containers:pin task follow the model.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, Testing } from 'projen';
import { describe, expect, test } from 'vitest';
import { Containers, ContainersProps, ImageSource } from '../../src';

const DA = `sha256:${'a'.repeat(64)}`;
const DB = `sha256:${'b'.repeat(64)}`;

function pipeline(props: Partial<ContainersProps>, lock?: Record<string, string>, lockPath = 'containers.lock.json') {
  const project = new Project({ name: 'pins' });
  if (lock) {
    const images = Object.fromEntries(Object.entries(lock).map(([ref, digest]) => [ref, { digest, mediaType: 'application/vnd.oci.image.index.v1+json' }]));
    mkdirSync(join(project.outdir, lockPath, '..'), { recursive: true });
    writeFileSync(join(project.outdir, lockPath), JSON.stringify({ lockfileVersion: 1, images }));
  }
  const containers = new Containers(project, { registry: 'ghcr.io/acme', ...props });
  const fam = containers.addFamily('app', { dockerfile: 'Dockerfile' });
  const builder = fam.addImage('builder', { from: ImageSource.registry('debian:bookworm') });
  builder.run(['true']);
  const runner = fam.addImage('runner', { from: ImageSource.registry('busybox:1') });
  runner.copy(['/out'], '/app', { from: builder });
  fam.addImage('pinned', { from: ImageSource.registry(`alpine:3@${DB}`) });
  return project;
}

function synthError(project: Project): string {
  try {
    Testing.synth(project);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected synthesis to fail');
}

describe('a lockfile in synthesis', () => {
  test('locked bases keep their tag and gain the digest in the Dockerfile, Makefile and bake file', () => {
    const files = Testing.synth(pipeline({}, { 'debian:bookworm': DA, 'busybox:1': DB }), { parseJson: false });
    expect(files.Dockerfile).toContain(`ARG BUILDER_BASE_IMAGE=debian:bookworm@${DA}\n`);
    expect(files.Dockerfile).toContain(`ARG RUNNER_BASE_IMAGE=busybox:1@${DB}\n`);
    expect(files.Dockerfile).toContain(`ARG PINNED_BASE_IMAGE=alpine:3@${DB}\n`);
    expect(files.Makefile).toContain(`APP_BUILDER_BASE_IMAGE ?= debian:bookworm@${DA}`);
    expect(JSON.parse(files['docker-bake.json']).variable.APP_RUNNER_BASE_IMAGE.default).toBe(`busybox:1@${DB}`);
  });

  test('the containers:pin task lists exactly the bases without a digest of their own', () => {
    const tasks = Testing.synth(pipeline({ pinning: { lockFile: 'ci/pins.json' } }))['.projen/tasks.json'].tasks;
    expect(tasks['containers:pin'].steps).toStrictEqual([
      { exec: 'projen-containers-pin --lock ci/pins.json busybox:1 debian:bookworm', receiveArgs: true },
      { spawn: 'default' },
    ]);
  });

  test('digests env file: one VARIABLE=reference per base variable, pinned where locked', () => {
    const files = Testing.synth(pipeline({ pinning: { digestsEnvFile: 'container/digests.env' } }, { 'debian:bookworm': DA }), { parseJson: false });
    const lines = files['container/digests.env'].split('\n').filter((l: string) => !l.startsWith('#'));
    expect(lines).toStrictEqual([`APP_BUILDER_BASE_IMAGE=debian:bookworm@${DA}`, `APP_PINNED_BASE_IMAGE=alpine:3@${DB}`, 'APP_RUNNER_BASE_IMAGE=busybox:1', '']);
  });

  test('not frozen: an unpinned base is a warning and synthesis goes on', () => {
    const files = Testing.synth(pipeline({}, { 'debian:bookworm': DA }), { parseJson: false });
    expect(files.Dockerfile).toContain('ARG RUNNER_BASE_IMAGE=busybox:1\n');
  });

  test('frozen: every unpinned base and every stale entry is named, and nothing is written', () => {
    const message = synthError(pipeline({ pinning: { frozen: true } }, { 'debian:bookworm': DA, 'ubuntu:22.04': DA }));
    expect(message).toContain('/Containers/app/runner] base image "busybox:1" is not pinned to a digest (no entry in containers.lock.json)');
    expect(message).toContain('/Containers] lockfile containers.lock.json pins "ubuntu:22.04", which no stage of the pipeline uses any more');
    expect(message).not.toContain('debian:bookworm');
    expect(message).not.toContain('alpine');
  });

  test('frozen through PROJEN_CONTAINERS_FROZEN=1', () => {
    process.env.PROJEN_CONTAINERS_FROZEN = '1';
    try {
      expect(synthError(pipeline({}, {}))).toContain('base image "debian:bookworm" is not pinned');
    } finally {
      delete process.env.PROJEN_CONTAINERS_FROZEN;
    }
  });

  test('frozen and fully locked: synthesis succeeds', () => {
    expect(() => Testing.synth(pipeline({ pinning: { frozen: true } }, { 'debian:bookworm': DA, 'busybox:1': DB }))).not.toThrow();
  });

  test('a malformed lockfile is an error naming the file and the fix', () => {
    const project = pipeline({});
    writeFileSync(join(project.outdir, 'containers.lock.json'), '{"lockfileVersion":1,"images":{"busybox:1":{"digest":"sha256:abc"}}}');
    expect(synthError(project)).toContain('lockfile "containers.lock.json" entry "busybox:1" needs a "digest" (sha256:<64 lowercase hex>) and a "mediaType"; fix it, or delete it and run `npx projen containers:pin`');
  });
});
