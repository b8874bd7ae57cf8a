/**
 * On the real engine: the run and clean instructions of CONTAINERS.md, executed as written. The plain `docker run` of
 * "Run locally" runs the image with its EXPOSEd port published; `make clean` removes exactly the images the pipeline
 * tagged under its current tag, and nothing else: not the same repositories under other tags, not other images; the
 * `docker image ls` of "Clean" lists what is left.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Project } from 'projen';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { MINUTES, makeEnv } from './example-make';
import { Containers, ImageSource } from '../../src';
import { describeEngine, docker, REGISTRY_ADDRESS, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';

/** A host port unlikely to be taken on a shared machine. */
const PORT = 39217;

/** Runs shell lines as a user would paste them (bash, errexit), outside git (the tag is the fallback, `dev`). */
function shell(dir: string, command: string): string {
  try {
    return execFileSync('bash', ['-euo', 'pipefail', '-c', command], {
      cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: MINUTES, env: makeEnv({ GIT_CEILING_DIRECTORIES: dirname(dir) }),
    });
  } catch (e: any) {
    throw new Error(`${command} failed:\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

/** The lines of the first `sh` code block after the `## <title>` heading. */
function commands(doc: string, title: string, occurrence = 0): string[] {
  let at = doc.indexOf(`\n## ${title}\n`);
  expect(at, title).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= occurrence; i++) at = doc.indexOf('```sh\n', at + 1);
  return doc.slice(at + '```sh\n'.length, doc.indexOf('\n```', at + 1)).split('\n');
}

/** Local references (`repository:tag`) below `namespace`, sorted. */
function localImages(namespace: string): string[] {
  return docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=${namespace}/*:*`])
    .split('\n').filter((line) => line !== '').sort();
}

describeEngine('CONTAINERS.md run and clean instructions on the real engine', () => {
  let dir: string;
  const namespace = `${REGISTRY_ADDRESS}/${uniqueTag('mkclean')}`;
  const bystanders = [`${namespace}/mc-web:other`, `${namespace}/unrelated:dev`];

  beforeAll(() => {
    // GIVEN two families (one image built on another, one serving a port), synthesized outside git (tag `dev`)
    dir = mkdtempSync(join(tmpdir(), 'pc-mkclean-'));
    const project = new Project({ name: 'mkclean', outdir: dir });
    const containers = new Containers(project, { registry: namespace, workflow: { enabled: false } });
    const mc = containers.addFamily('mc');
    const web = mc.addImage('web', { from: ImageSource.registry(TEST_BASE_IMAGE) });
    web.expose(PORT);
    web.cmd(['sh', '-c', 'echo served']);
    mc.addImage('tools', { from: ImageSource.stage(web) }).run(['touch /etc/tools']);
    containers.addFamily('other').addImage('job', { from: ImageSource.registry(TEST_BASE_IMAGE) }).run(['touch /etc/job']);
    project.synth();
    // AND images the pipeline did not tag as it is now: its repository under another tag, another repository
    for (const image of bystanders) docker(['tag', TEST_BASE_IMAGE, image]);
  });

  afterAll(() => {
    for (const image of localImages(namespace)) {
      try { docker(['image', 'rm', '--force', image]); } catch { /* gone */ }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('docker run of "Run locally" runs the image it built, publishing its port', () => {
    const doc = readFileSync(join(dir, 'CONTAINERS.md'), 'utf8');
    const run = commands(doc, 'Run locally', 1);
    expect(run).toStrictEqual([
      'make build-mc-web TAG=my-test',
      `docker run --rm -p ${PORT}:${PORT}/tcp ${namespace}/mc-web:my-test`,
    ]);
    // WHEN the lines run as written
    const output = shell(dir, run.join('\n'));
    // THEN the image ran; its port is the one published
    expect(output.trim().split('\n').pop()).toBe('served');
    expect(docker(['image', 'inspect', '--format', '{{json .Config.ExposedPorts}}', `${namespace}/mc-web:my-test`])).toContain(`"${PORT}/tcp"`);
  });

  test('make clean removes the pipeline\'s images under the current tag and nothing else', () => {
    const doc = readFileSync(join(dir, 'CONTAINERS.md'), 'utf8');
    const clean = commands(doc, 'Clean');
    expect(clean[0]).toMatch(/^make clean +# /);
    shell(dir, 'make --no-print-directory build');
    const pipeline = [`${namespace}/mc-tools:dev`, `${namespace}/mc-web:dev`, `${namespace}/other-job:dev`];
    const before = localImages(namespace);
    expect(before).toStrictEqual([...pipeline, ...bystanders, `${namespace}/mc-web:my-test`].sort());

    // WHEN the first Clean command runs as written
    shell(dir, clean[0].replace(/ +#.*$/, ''));
    // THEN exactly the pipeline's images under its current tag are gone
    expect(localImages(namespace)).toStrictEqual(before.filter((image) => !pipeline.includes(image)));

    // AND again: an image that is not there is skipped
    shell(dir, 'make --no-print-directory clean');
    // AND the per-image command removes the image tagged by the run example; the listing shows the rest
    expect(clean[clean.length - 1]).toMatch(/^make clean-mc-web TAG=my-test +# /);
    shell(dir, clean[clean.length - 1].replace(/ +#.*$/, ''));
    expect(localImages(namespace)).toStrictEqual([...bystanders].sort());
    const listing = shell(dir, `${commands(doc, 'Clean', 1)[0]} --format '{{.Repository}}:{{.Tag}}'`);
    expect(listing.split('\n').filter((line) => line !== '').sort()).toStrictEqual([`${namespace}/mc-web:other`]);
  });
});
