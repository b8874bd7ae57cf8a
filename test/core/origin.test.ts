/**
 * Where findings come from: constructs and instruction calls made in this file are located at the line that made
 * them (through vitest's source maps, as ts-node maps a `.projenrc.ts`), library frames are passed over, and a
 * finding below a construct without an origin of its own is located at its nearest ancestor.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Project } from 'projen';
import { describe, expect, test } from 'vitest';
import { BuildSteps, CmakeSdk, Containers, GoService, ImageFamily, ImageSource, PythonService, RustService, Stage } from '../../src';
import { Origin, originOf, userFrame } from '../../src/core/origin';
import { OriginIndex } from '../../src/core/origin-index';
import { disposeProject, newPipeline, synthFiles, validationErrorOf } from '../synth/pipeline-fixture';

const SOURCE = readFileSync(__filename, 'utf8').split('\n');

/** The 1-based line of this file that holds `marker` (once). */
function lineOf(marker: string): number {
  const found = SOURCE.flatMap((text, i) => (text.includes(marker) && !/\b(?:lineOf|here)\(/.test(text) ? [i + 1] : []));
  expect(found, marker).toHaveLength(1);
  return found[0];
}

/** `<this file>:<line of marker>:<column>` as a pattern. */
function here(marker: string, file = __filename): RegExp {
  return new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${lineOf(marker)}:\\d+$`);
}

/** A family made one call away from the test (the helper's line is the first frame outside the library). */
function familyOf(containers: Containers): ImageFamily {
  return containers.addFamily('helper'); // origin: helper family
}

describe('location of a finding', () => {
  test('an instruction call is located at its line, the error message is unchanged', () => {
    const { project, containers } = newPipeline();
    const image = containers.addFamily('app').addImage('runtime', { from: ImageSource.scratch() });
    image.workdir('relative'); // origin: workdir call
    const error = validationErrorOf(() => synthFiles(project));
    expect(error.message).toBe([
      'projen-containers: 1 validation error(s), no file was written:',
      `  [${image.node.path}/instruction.0] WORKDIR "relative" must be absolute`,
    ].join('\n'));
    expect(error.diagnostics).toHaveLength(1);
    expect(error.diagnostics[0].location).toMatch(here('// origin: workdir call'));
    expect(Containers.validationDiagnostics(error)?.[0].location).toBe(error.diagnostics[0].location);
  });

  test('a family, an image, a stage and the pipeline are located where they were created', () => {
    const project = new Project({ name: 'test' });
    const containers = new Containers(project, { registry: 'Not A Registry' }); // origin: second pipeline
    const family = containers.addFamily('app', { platforms: ['not-a-platform'] }); // origin: family
    const image = family.addImage('runtime', { from: ImageSource.registry('') }); // origin: image
    const stage = image.addStage('build', { from: ImageSource.registry('bad reference!') }); // origin: stage
    const error = validationErrorOf(() => synthFiles(project));
    const at = (path: string) => error.diagnostics.find((d) => d.path === path)?.location;
    expect(at(containers.node.path)).toMatch(here('// origin: second pipeline'));
    expect(at(family.node.path)).toMatch(here('// origin: family'));
    expect(at(image.node.path)).toMatch(here('// origin: image'));
    expect(at(stage.node.path)).toMatch(here('// origin: stage'));
  });

  test('a construct made by a helper of the project is located in the helper, a preset\'s image at the preset call', () => {
    const { project, containers } = newPipeline();
    const helper = familyOf(containers);
    helper.addImage('bad', { from: ImageSource.scratch(), platforms: ['nope'] });
    const go = new GoService(containers.addFamily('svc'), 'api', { source: 'svc', builder: ImageSource.registry(`golang:1.23@sha256:${'b'.repeat(64)}`), packagePath: '../escape' }); // origin: preset
    const error = validationErrorOf(() => synthFiles(project));
    const at = (path: string) => error.diagnostics.find((d) => d.path === path)?.location;
    expect(at(go.image.node.path)).toMatch(here('// origin: preset'));
    // the image has an origin of its own: the line that added it, in this test
    expect(error.diagnostics.find((d) => d.path === `${helper.node.path}/bad`)?.location).toMatch(new RegExp(`^${__filename.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+$`));
    expect(error.diagnostics.every((d) => d.location !== undefined && !d.location.includes('/src/'))).toBe(true);
  });

  test('every construct and instruction call a preset makes is located at the preset call, within the frames kept', () => {
    const { project, containers } = newPipeline();
    const family = containers.addFamily('presets');
    const base = ImageSource.registry('debian:12');
    new GoService(family, 'go', { source: 'go', builder: ImageSource.registry('golang:1.23') }); // preset: go
    new RustService(family, 'rust', { source: 'rust', builder: ImageSource.registry('rust:1.83') }); // preset: rust
    new PythonService(family, 'py', { source: 'py', builder: ImageSource.registry('python:3.12'), command: ['python'] }); // preset: python
    new CmakeSdk(family, 'sdk', { source: 'sdk', base, program: 'sdk' }); // preset: cmake
    const steps = family.addImage('steps', { from: base });
    BuildSteps.cargoBuild(steps, { binary: 'app' }); // preset: steps
    const expected: Record<string, RegExp> = {
      go: here('// preset: go'), rust: here('// preset: rust'), py: here('// preset: python'), sdk: here('// preset: cmake'),
    };
    const stages = family.node.findAll().filter((c): c is Stage => Stage.isStage(c));
    expect(stages.length).toBeGreaterThanOrEqual(8);
    for (const stage of stages) {
      const id = Object.keys(expected).find((k) => stage.node.path.includes(`/presets/${k}`));
      const want = id === undefined ? null : expected[id];
      if (want) expect(originOf(stage)?.locate(project.outdir), stage.node.path).toMatch(want);
      for (const rec of stage._recorded) {
        expect(rec.origin?.locate(project.outdir), `${stage.node.path} ${rec.kind}`).toMatch(want ?? here('// preset: steps'));
      }
    }
    disposeProject(project);
  });

  test('a path without an origin of its own is located at its nearest ancestor; outside every origin, not at all', () => {
    const { project, containers } = newPipeline();
    const family = containers.addFamily('app'); // origin: ancestor
    const index = new OriginIndex(containers, project.outdir);
    expect(index.locate(`${family.node.path}/not/a/construct`)).toMatch(here('// origin: ancestor'));
    expect(index.locate('elsewhere/entirely')).toBeUndefined();
    disposeProject(project);
  });

  test('inside the project directory the file is relative to it', () => {
    const origin = Origin.capture(Origin.capture); // origin: relative
    expect(origin.locate(dirname(__filename))).toMatch(new RegExp(`^origin\\.test\\.ts:${lineOf('// origin: relative')}:\\d+$`));
    // located once, the same answer after
    expect(origin.locate(dirname(__filename))).toBe(origin.locate(dirname(__filename)));
  });

  test('library, projen, constructs, ts-node and Node.js frames are passed over; file URLs are read as paths', () => {
    const root = resolve(__dirname, '..', '..');
    const frame = (file: string, fn = 'fn') => `    at ${fn} (${file}:3:7)`;
    const stack = (...frames: string[]) => ['Error', ...frames].join('\n');
    const library = [
      frame(join(root, 'lib', 'stage', 'stage.js')),
      frame(join(root, 'src', 'stage', 'stage.ts'), 'new Stage'),
      frame('/p/node_modules/projen/lib/project.js'),
      frame('/p/node_modules/constructs/lib/construct.js'),
      frame('/p/node_modules/ts-node/src/index.ts'),
      '    at Module._compile (node:internal/modules/cjs/loader:1521:14)',
      '    at eval (eval at run (/p/x.js:1:1), <anonymous>:1:1)',
    ];
    expect(userFrame(stack(...library))).toBeNull();
    expect(userFrame(stack(...library, frame('/p/.projenrc.ts', 'Object.<anonymous>')))).toStrictEqual({ file: '/p/.projenrc.ts', line: 3, column: 7 });
    expect(userFrame(stack(library[0], '    at /p/my%20dir/projenrc.mjs:4:2'))).toStrictEqual({ file: '/p/my%20dir/projenrc.mjs', line: 4, column: 2 });
    expect(userFrame(stack(library[0], '    at file:///p/my%20dir/projenrc.mjs:4:2'))).toStrictEqual({ file: '/p/my dir/projenrc.mjs', line: 4, column: 2 });
    // a project's own package in node_modules (e.g. shared presets) is the project's code
    expect(userFrame(stack(library[0], frame('/p/node_modules/acme-presets/lib/index.js')))?.file).toBe('/p/node_modules/acme-presets/lib/index.js');
    expect(userFrame('')).toBeNull();
  });
});
