/**
 * Warnings with ids, and acknowledging them: an acknowledgement covers one id in a construct's subtree, other ids
 * and other subtrees still warn, an acknowledgement that covers nothing is reported, and wrong input from untyped
 * callers is an error at the acknowledgement, never a TypeError.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'projen';
import { describe, expect, test } from 'vitest';
import { Containers, ContainersProps, Image, ImageSource } from '../../src';
import { WARNING_IDS } from '../../src/core/warning-ids';
import { newPipeline, synthFiles, validationErrorOf } from '../synth/pipeline-fixture';

const SOURCE = readFileSync(__filename, 'utf8').split('\n');

/** The 1-based line of this file that holds `marker` and is not a lookup of it. */
function lineOf(marker: string): number {
  const found = SOURCE.flatMap((text, i) => (text.includes(marker) && !text.includes('lineOf(') ? [i + 1] : []));
  expect(found, marker).toHaveLength(1);
  return found[0];
}

/** Two families, each with one image on an unpinned base: two `unpinned-base` warnings. */
function pipeline(props: Partial<ContainersProps> = {}) {
  const { project, containers } = newPipeline(props);
  const app = containers.addFamily('app');
  const runtime = app.addImage('runtime', { from: ImageSource.registry('ubuntu:24.04') });
  const other = containers.addFamily('other').addImage('tool', { from: ImageSource.registry('debian:12') });
  const warnings: string[] = [];
  project.logger.warn = (...text: unknown[]) => void warnings.push(text.join(' '));
  return { project, containers, app, runtime, other, warnings };
}

/** The `[path] message` lines of the printed warnings. */
function heads(warnings: readonly string[]): string[] {
  return warnings.map((w) => w.split('\n')[0]);
}

describe('printed warnings', () => {
  test('each warning once, with its id, construct path, location and how to acknowledge it, sorted by path', () => {
    const { project, runtime, other, warnings } = pipeline();
    synthFiles(project);
    expect(heads(warnings)).toStrictEqual([
      `projen-containers warning unpinned-base: [${runtime.node.path}] base image "ubuntu:24.04" is not pinned to a digest (no entry in containers.lock.json); builds are not reproducible: run \`npx projen containers:pin\` to pin it`,
      `projen-containers warning unpinned-base: [${other.node.path}] base image "debian:12" is not pinned to a digest (no entry in containers.lock.json); builds are not reproducible: run \`npx projen containers:pin\` to pin it`,
    ]);
    const [first] = warnings;
    expect(first.split('\n').slice(1)).toStrictEqual([
      expect.stringMatching(new RegExp(`^ {2}at /.*acknowledgements\\.test\\.ts:${lineOf("const runtime = app.addImage('runtime'")}:\\d+$`)),
      "  acknowledge: containers.acknowledgeWarning(<this construct or an ancestor>, 'unpinned-base', '<why it does not apply>')",
    ]);
  });

  test('the order does not depend on the order of creation', () => {
    const a = pipeline();
    synthFiles(a.project);
    const { project, containers, warnings } = newPipelineWithWarnings();
    containers.addFamily('other').addImage('tool', { from: ImageSource.registry('debian:12') });
    containers.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu:24.04') });
    synthFiles(project);
    expect(heads(warnings)).toStrictEqual(heads(a.warnings));
  });
});

function newPipelineWithWarnings() {
  const { project, containers } = newPipeline();
  const warnings: string[] = [];
  project.logger.warn = (...text: unknown[]) => void warnings.push(text.join(' '));
  return { project, containers, warnings };
}

describe('acknowledging a warning', () => {
  test('covers the construct and its subtree only', () => {
    const { project, containers, app, other, warnings } = pipeline();
    containers.acknowledgeWarning(app, 'unpinned-base', 'the app family is rebuilt from the latest base on purpose');
    synthFiles(project);
    expect(heads(warnings)).toStrictEqual([expect.stringContaining(`[${other.node.path}] base image "debian:12" is not pinned`)]);
  });

  test('on the pipeline, covers every warning of that id', () => {
    const { project, containers, warnings } = pipeline();
    containers.acknowledgeWarning(containers, 'unpinned-base', 'pinning comes later');
    synthFiles(project);
    expect(warnings).toStrictEqual([]);
  });

  test('another id leaves the warning alone, and is itself reported as covering nothing, at the call', () => {
    const { project, containers, runtime, other, warnings } = pipeline();
    containers.acknowledgeWarning(runtime, 'stale-pin', 'wrong id'); // acknowledgement: wrong id
    synthFiles(project);
    expect(heads(warnings)).toStrictEqual([
      `projen-containers warning unused-acknowledgement: [${containers.node.path}/acknowledgement.0] acknowledges warning "stale-pin" for ${runtime.node.path}, where no finding has that id: remove the acknowledgement`,
      expect.stringContaining(`[${runtime.node.path}] base image "ubuntu:24.04"`),
      expect.stringContaining(`[${other.node.path}] base image "debian:12"`),
    ]);
    expect(warnings[0].split('\n')[1]).toMatch(new RegExp(`acknowledgements\\.test\\.ts:${lineOf('// acknowledgement: wrong id')}:\\d+$`));
    // how to acknowledge is not offered for a stale acknowledgement: it is to be removed
    expect(warnings[0]).not.toContain('acknowledge: ');
  });

  test('a stale acknowledgement is reported once the warning it covered is gone', () => {
    const { project, containers } = newPipeline();
    const warnings: string[] = [];
    project.logger.warn = (...text: unknown[]) => void warnings.push(text.join(' '));
    const image = containers.addFamily('app').addImage('runtime', { from: ImageSource.registry(`ubuntu:24.04@sha256:${'a'.repeat(64)}`) });
    containers.acknowledgeWarning(image, 'unpinned-base', 'was unpinned');
    synthFiles(project);
    expect(heads(warnings)).toStrictEqual([expect.stringContaining(`acknowledges warning "unpinned-base" for ${image.node.path}, where no finding has that id`)]);
  });

  test('an id this library does not have is reported with the ids it has', () => {
    const { project, containers, warnings } = pipeline();
    containers.acknowledgeWarning(containers, 'unpinned-bases', 'typo');
    synthFiles(project);
    const stale = warnings.find((w) => w.includes('unused-acknowledgement'));
    expect(stale).toContain(`"unpinned-bases" (not a warning id of this library; the ids are ${Object.keys(WARNING_IDS).join(', ')})`);
  });

  test('in frozen mode the warning is an error and keeps its id: the acknowledgement is not stale, and does not silence it', () => {
    const { project, containers, runtime } = pipeline({ pinning: { frozen: true } });
    containers.acknowledgeWarning(containers, 'unpinned-base', 'ignored in frozen mode');
    const error = validationErrorOf(() => synthFiles(project));
    expect(error.diagnostics.map((d) => [d.path, d.id])).toStrictEqual([
      [runtime.node.path, 'unpinned-base'],
      [expect.stringContaining('/other/tool'), 'unpinned-base'],
    ]);
  });

  test('two acknowledgements of the same id, one covering the other: both are in use', () => {
    const { project, containers, app, runtime, warnings } = pipeline();
    containers.acknowledgeWarning(app, 'unpinned-base', 'family');
    containers.acknowledgeWarning(runtime, 'unpinned-base', 'image');
    synthFiles(project);
    expect(heads(warnings)).toStrictEqual([expect.stringContaining('[Project#test@<root>/Containers/other/tool]')]);
  });
});

describe('acknowledging with wrong input (untyped callers)', () => {
  const anyContainers = (c: Containers) => c as unknown as { acknowledgeWarning: (...args: unknown[]) => void };

  test.each<[string, (c: Containers, image: Image) => unknown[], string]>([
    ['scope not a construct', () => ['app', 'unpinned-base', 'why'], 'the scope must be the pipeline or a construct in it (a family, image or stage), got "app"'],
    ['scope undefined', () => [undefined, 'unpinned-base', 'why'], 'the scope must be the pipeline or a construct in it (a family, image or stage), got undefined'],
    ['scope of another project', () => [new Project({ name: 'elsewhere' }), 'unpinned-base', 'why'], 'the scope must be the pipeline or a construct in it (a family, image or stage), got construct "Project#elsewhere@<root>" outside the pipeline'],
    ['scope the project above the pipeline', (c) => [c.project, 'unpinned-base', 'why'], 'the scope must be the pipeline or a construct in it (a family, image or stage), got construct "Project#test@<root>" outside the pipeline'],
    ['id a number', (_c, image) => [image, 42, 'why'], 'the warning id must be a non-empty string, got number'],
    ['id empty', (_c, image) => [image, ' ', 'why'], 'the warning id must be a non-empty string, got " "'],
    ['reason missing', (_c, image) => [image, 'unpinned-base'], 'the reason must be a non-empty string (why the warning does not apply), got undefined'],
    ['reason empty', (_c, image) => [image, 'unpinned-base', ''], 'the reason must be a non-empty string (why the warning does not apply), got ""'],
    ['reason an object', (_c, image) => [image, 'unpinned-base', { why: 1 }], 'the reason must be a non-empty string (why the warning does not apply), got an object'],
    ['acknowledging unused-acknowledgement', (_c, image) => [image, 'unused-acknowledgement', 'why'], '"unused-acknowledgement" cannot be acknowledged: remove the acknowledgement it reports'],
  ])('%s is an error at the acknowledgement', (_name, args, message) => {
    const { project, containers, runtime } = pipeline();
    expect(() => anyContainers(containers).acknowledgeWarning(...args(containers, runtime))).not.toThrow();
    const error = validationErrorOf(() => synthFiles(project));
    expect(error.diagnostics).toStrictEqual([expect.objectContaining({
      level: 'error', path: `${containers.node.path}/acknowledgement.0`, message: `acknowledgeWarning: ${message}`,
    })]);
    expect(error.diagnostics[0].location).toMatch(/acknowledgements\.test\.ts:\d+:\d+$/);
  });

  test('every problem of one call is listed', () => {
    const { project, containers } = pipeline();
    anyContainers(containers).acknowledgeWarning(null, null, null);
    const error = validationErrorOf(() => synthFiles(project));
    expect(error.diagnostics.map((d) => d.message)).toStrictEqual([
      'acknowledgeWarning: the scope must be the pipeline or a construct in it (a family, image or stage), got null',
      'acknowledgeWarning: the warning id must be a non-empty string, got null',
      'acknowledgeWarning: the reason must be a non-empty string (why the warning does not apply), got null',
    ]);
  });
});

describe('the README', () => {
  test('lists every warning id in its table, and no other', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Errors and warnings'));
    const table = section.slice(section.indexOf('| Id | Raised when |'));
    const rows = table.split('\n').slice(2);
    const ids = rows.slice(0, rows.findIndex((line) => !line.startsWith('|'))).map((line) => /^\| `([^`]+)`/.exec(line)?.[1]);
    expect(ids).toStrictEqual(Object.keys(WARNING_IDS));
  });
});
