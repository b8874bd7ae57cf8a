/**
 * `ADD` URL checksums in the lock: the containers:pin task lists every ADD URL, and synthesis compares the lock's
 * checksum with the pipeline's, naming the instruction (an error when frozen, a warning otherwise).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, Testing } from 'projen';
import { describe, expect, test } from 'vitest';
import { Containers, ContainersProps, ImageSource } from '../../src';

const CA = `sha256:${'a'.repeat(64)}`;
const CB = `sha256:${'b'.repeat(64)}`;
const D = `sha256:${'d'.repeat(64)}`;
const TOOL = 'https://example.com/tool-1.2.tar.gz';
const CONF = 'https://example.com/conf?x=1&y=2';

/** Image `app/runtime` (digest-pinned base) ADDing TOOL (checksum CA) as instruction 1 and CONF (CB) as instruction 2. */
function pipeline(props: Partial<ContainersProps>, urls?: Record<string, string>) {
  const project = new Project({ name: 'urls' });
  if (urls) {
    mkdirSync(project.outdir, { recursive: true });
    const entries = Object.fromEntries(Object.entries(urls).map(([url, checksum]) => [url, { checksum }]));
    writeFileSync(join(project.outdir, 'containers.lock.json'), JSON.stringify({ lockfileVersion: 1, images: {}, urls: entries }));
  }
  const containers = new Containers(project, { registry: 'ghcr.io/acme', ...props });
  const image = containers.addFamily('app').addImage('runtime', { from: ImageSource.registry(`busybox:1@${D}`) });
  image.run(['true']);
  image.add(TOOL, '/opt/tool.tar.gz', { checksum: CA });
  image.add(CONF, '/etc/conf', { checksum: CB });
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

describe('ADD URL checksums in the lock', () => {
  test('the containers:pin task passes every ADD URL, shell-quoted', () => {
    const tasks = Testing.synth(pipeline({}))['.projen/tasks.json'].tasks;
    expect(tasks['containers:pin'].steps[0]).toStrictEqual({
      exec: `projen-containers-pin --lock containers.lock.json --url '${CONF}' --url ${TOOL}`,
      receiveArgs: true,
    });
    expect(tasks['containers:pin'].description).toContain('ADD URLs to checksums');
  });

  test('frozen and the lock agreeing with the pipeline: synthesis succeeds', () => {
    expect(() => Testing.synth(pipeline({ pinning: { frozen: true } }, { [TOOL]: CA, [CONF]: CB }))).not.toThrow();
  });

  test('frozen: a checksum that differs from the lock and a URL missing from it are errors naming the instruction', () => {
    const message = synthError(pipeline({ pinning: { frozen: true } }, { [TOOL]: CB }));
    expect(message).toContain(`/Containers/app/runtime/instruction.1] ADD ${TOOL}: containers.lock.json records checksum ${CB}, the pipeline says ${CA}`);
    expect(message).toContain(`/Containers/app/runtime/instruction.2] ADD ${CONF} has no checksum in containers.lock.json`);
  });

  test('frozen: a lock entry no ADD uses is an error', () => {
    const message = synthError(pipeline({ pinning: { frozen: true } }, { [TOOL]: CA, [CONF]: CB, 'https://example.com/old': CA }));
    expect(message).toContain('/Containers] lockfile containers.lock.json records a checksum for "https://example.com/old", which no ADD of the pipeline uses any more');
  });

  test('not frozen: the same findings are warnings and the Dockerfile keeps the pipeline\'s checksum', () => {
    const project = pipeline({}, { [TOOL]: CB });
    const warnings: string[] = [];
    project.logger.warn = (...text: unknown[]) => void warnings.push(text.join(' '));
    const files = Testing.synth(project, { parseJson: false });
    const dockerfile = Object.entries(files).find(([path]) => path.endsWith('Dockerfile'))![1];
    expect(dockerfile).toContain(`ADD --checksum=${CA} ${TOOL} /opt/tool.tar.gz`);
    expect(warnings.join('\n')).toContain(`/Containers/app/runtime/instruction.1] ADD ${TOOL}: containers.lock.json records checksum ${CB}, the pipeline says ${CA}`);
    expect(warnings.join('\n')).toContain(`/Containers/app/runtime/instruction.2] ADD ${CONF} has no checksum in containers.lock.json`);
  });

  test('a malformed urls entry is an error naming the file', () => {
    const project = pipeline({});
    writeFileSync(join(project.outdir, 'containers.lock.json'), JSON.stringify({ lockfileVersion: 1, images: {}, urls: { [TOOL]: { checksum: 'md5:1' } } }));
    expect(synthError(project)).toContain(`lockfile "containers.lock.json" url "${TOOL}" needs a "checksum" (sha256:<64 lowercase hex>)`);
  });
});
