/**
 * Errors and warnings as a user sees them: the packed library installed into a scratch project, whose `.projenrc.ts`
 * has a mistake on a known line; `npx projen` (projen runs `.projenrc.ts` with ts-node in a child process, where
 * Node.js prints the uncaught error) must show one block naming that line, the construct path and the message, with
 * no frame of the library and no dump of the findings' data, unless PROJEN_CONTAINERS_STACK=1 asks for them. A
 * warning is printed once with its id; an acknowledged one is not printed.
 *
 * Slow by nature (jsii compile when lib/ is stale, npm install, ts-node runs); npm's cache is reused
 * (`--prefer-offline`). Set PROJEN_CONTAINERS_KEEP_CONSUMER=1 to keep the scratch project (its path is printed).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bootstrapProjen, installConsumer, packLibrary, userEnv } from '../support/packed-library';

const HEADER = `import { Project, typescript } from 'projen';
import { Containers, ImageSource } from 'projen-containers';

const project = new Project({ name: 'consumer' });
new typescript.ProjenrcTs(project);
const containers = new Containers(project, { registry: 'ghcr.io/acme' });
`;

const PINNED = `ImageSource.registry('ubuntu:24.04@sha256:${'0'.repeat(64)}')`;

/** A valid pipeline without warnings (the bootstrap synth writes .projen/tasks.json for `npx projen`). */
const VALID = `${HEADER}
containers.addFamily('app', { dockerfile: 'Dockerfile' }).addImage('runtime', { from: ${PINNED} });
project.synth();
`;

/** One mistake: a relative WORKDIR, on the line that holds `workdir(`. */
const MISTAKE = `${HEADER}
const app = containers.addFamily('app', { dockerfile: 'Dockerfile' });
const runtime = app.addImage('runtime', { from: ${PINNED} });
runtime.workdir('relative/path');
project.synth();
`;

/** Two unpinned bases; the one of family `tools` is acknowledged. */
const WARNINGS = `${HEADER}
containers.addFamily('app', { dockerfile: 'Dockerfile' }).addImage('runtime', { from: ImageSource.registry('ubuntu:24.04') });
const tools = containers.addFamily('tools');
tools.addImage('cli', { from: ImageSource.registry('debian:12') });
containers.acknowledgeWarning(tools, 'unpinned-base', 'tools follow the latest Debian 12 on purpose');
project.synth();
`;

/** The 1-based line of `text` that contains `fragment` (exactly one). */
function lineOf(text: string, fragment: string): number {
  const lines = text.split('\n').flatMap((line, i) => (line.includes(fragment) ? [i + 1] : []));
  expect(lines).toHaveLength(1);
  return lines[0];
}

function occurrences(text: string, fragment: string): number {
  return text.split(fragment).length - 1;
}

const INSTRUCTION = 'Project#consumer@<root>/Containers/app/runtime/instruction.0';
const MESSAGE = 'WORKDIR "relative/path" must be absolute';

describe('errors and warnings in a consumer project', () => {
  let scratch: string;
  let consumer: string;

  /** `npx projen` with `.projenrc.ts` set to `projenrc`: exit status and both streams (warnings go to stderr). */
  function projen(projenrc: string, env: NodeJS.ProcessEnv = {}): { status: number | null; output: string } {
    writeFileSync(join(consumer, '.projenrc.ts'), projenrc);
    const done = spawnSync('npx', ['projen'], { cwd: consumer, env: userEnv(env), encoding: 'utf8', timeout: 300_000 });
    return { status: done.status, output: `${done.stdout}\n${done.stderr}` };
  }

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'projen-containers-errors-'));
    const tarball = packLibrary(scratch);
    consumer = join(scratch, 'consumer');
    installConsumer(consumer, tarball, VALID);
    bootstrapProjen(consumer);
    if (process.env.PROJEN_CONTAINERS_KEEP_CONSUMER === '1') process.stderr.write(`consumer project: ${consumer}\n`);
  }, 600_000);

  afterAll(() => {
    if (scratch && process.env.PROJEN_CONTAINERS_KEEP_CONSUMER !== '1') rmSync(scratch, { recursive: true, force: true });
  });

  test('a validation failure is one block: the .projenrc.ts line, the construct path and the message, nothing else', () => {
    const { status, output } = projen(MISTAKE);
    expect(status).not.toBe(0);
    const line = lineOf(MISTAKE, 'workdir(');
    expect(output).toContain([
      'PipelineValidationError: projen-containers: 1 validation error(s), no file was written:',
      `  [${INSTRUCTION}] ${MESSAGE}`,
      `    at .projenrc.ts:${line}:9`,
      '(PROJEN_CONTAINERS_STACK=1 prints the stack trace and the findings as data)',
    ].join('\n'));
    expect(output).not.toContain('node_modules/projen-containers/src');
    expect(output).not.toMatch(/projen-containers\/lib\//);
    expect(output).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m);
    expect(output).not.toContain('diagnostics:');
    expect(output).not.toContain("level: 'error'");
  }, 300_000);

  test('with PROJEN_CONTAINERS_STACK=1 the stack trace and the findings as data follow the block', () => {
    const { status, output } = projen(MISTAKE, { PROJEN_CONTAINERS_STACK: '1' });
    expect(status).not.toBe(0);
    expect(output).toContain(`  [${INSTRUCTION}] ${MESSAGE}\n    at .projenrc.ts:${lineOf(MISTAKE, 'workdir(')}:9`);
    expect(output).toMatch(/^\s+at Containers\.preSynthesize \(.*node_modules\/projen-containers\/.*:\d+:\d+\)$/m);
    expect(output).toContain('diagnostics: [');
    expect(output).toContain(`location: '.projenrc.ts:${lineOf(MISTAKE, 'workdir(')}:9'`);
  }, 300_000);

  test('an unacknowledged warning is printed once with its id, path and line; an acknowledged one is not', () => {
    const { status, output } = projen(WARNINGS);
    expect(status, output).toBe(0);
    const shown = 'projen-containers warning unpinned-base: [Project#consumer@<root>/Containers/app/runtime] base image "ubuntu:24.04" is not pinned';
    expect(occurrences(output, shown)).toBe(1);
    expect(output).toContain(`  at .projenrc.ts:${lineOf(WARNINGS, "addImage('runtime'")}:`);
    expect(output).toContain("acknowledge: containers.acknowledgeWarning(<this construct or an ancestor>, 'unpinned-base', '<why it does not apply>')");
    expect(output).not.toContain('debian:12');
    expect(output).not.toContain('unused-acknowledgement');
  }, 300_000);
});
