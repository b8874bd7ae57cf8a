import * as fc from 'fast-check';
import { Project } from 'projen';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as library from '../../src';
import { emitCode, LibraryName } from '../../src/import/code-emitter';
import { IdentifierPool } from '../../src/import/identifiers';
import type { ImportedStage } from '../../src/import/import-model';

/** Runs the emitted statements against a fresh pipeline; returns the family it added. */
function evaluate(lines: readonly string[]): library.ImageFamily {
  const project = new Project({ name: 'emitted' });
  const containers = new library.Containers(project, { registry: 'r.example/x' });
  const js = ts.transpileModule(lines.join('\n'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  new Function('containers', 'lib', js.replace(/\b(ImageSource|Mount|CacheSharing|RunNetwork|Protocol)\./g, 'lib.$1.'))(containers, library);
  return containers.node.children.find((c): c is library.ImageFamily => library.ImageFamily.isImageFamily(c))!;
}

const emit = (stages: ImportedStage[], taken: string[] = []) => emitCode(stages, {
  family: 'app', dockerfile: 'Dockerfile', images: [], containers: 'containers', names: (n: LibraryName) => n, pool: new IdentifierPool(taken), source: 'Dockerfile',
});

const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom("'", '\\', '${x}', '\r\n', '\u2028', '\ud800', '*/'));
const stageName = fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/).filter((s) => s.length <= 20 && s !== 'scratch' && s !== 'context');

describe('emitCode', () => {
  it('writes every value so that the evaluated code records exactly that value', () => {
    const commandLists = fc.array(text, { minLength: 1, maxLength: 3 });
    const stageNames = fc.array(stageName, { minLength: 2, maxLength: 4 });
    fc.assert(fc.property(text, text, text, commandLists, stageNames, (key, value, reference, commands, names) => {
      const unique = [...new Set(names)];
      fc.pre(unique.length >= 2);
      const stages: ImportedStage[] = unique.map((name, i) => ({
        name,
        named: true,
        line: i + 1,
        comments: [value],
        platform: value,
        from: i === 0 ? { kind: 'registry', reference, buildArg: key } : { kind: 'stage', stage: unique[i - 1] },
        instructions: [
          { kind: 'env', values: [[key, value]], line: i + 1, comments: [] },
          { kind: 'run', commands, mounts: [{ type: 'cache', options: [['id', value], ['target', key]] }], line: i + 1, comments: [key] },
          { kind: 'raw', text: value, line: i + 1, comments: [] },
        ],
      }));
      const family = evaluate(emit(stages, ['containers', ...unique.map((n) => n.replace(/[^a-z0-9]/g, ''))]).lines);
      const all = family.images.flatMap((image) => [...image.stages, image]);
      expect(all.map((s) => s.stageName).sort()).toEqual([...unique].sort());
      for (const stage of all) {
        expect(stage.platform).toBe(value);
        expect(stage._recorded.map((r) => r.args[0])).toEqual([{ [key]: value }, commands, value]);
        const mount = (stage._recorded[1].args[1] as library.RunOptions).mounts![0];
        expect(mount._input).toEqual({ id: value, target: key });
      }
      const first = all.find((s) => s.stageName === unique[0])!;
      expect(first.from._source).toEqual({ kind: 'registry', reference, buildArg: key });
    }), { seed: 20260414, numRuns: 150 });
  });

  it('publishes the stages images build FROM and attaches the others to the next image', () => {
    const stage = (name: string, from: ImportedStage['from']): ImportedStage => ({ name, named: true, line: 1, comments: [], from, instructions: [] });
    const emitted = emit([
      stage('deps', { kind: 'scratch' }), stage('base', { kind: 'scratch' }), stage('tool', { kind: 'stage', stage: 'deps' }), stage('app', { kind: 'stage', stage: 'base' }),
    ]);
    expect(emitted.images).toEqual(['base', 'app']);
    expect(emitted.warnings.filter((w) => w.message.includes('published'))).toEqual([
      { line: 1, message: 'stage "base" is published as an image because image "app" builds FROM it' },
    ]);
    const family = evaluate(emitted.lines);
    expect(family.images.map((i) => [i.stageName, i.stages.map((s) => s.stageName)])).toEqual([['base', ['deps']], ['app', ['tool']]]);
  });

  it('warns where the pipeline\'s user rules meet an image: no numeric USER, a raw USER, ending as root', () => {
    const image = (name: string, instructions: ImportedStage['instructions']): ImportedStage => ({ name, named: true, line: 1, comments: [], from: { kind: 'scratch' }, instructions });
    const messages = (stage: ImportedStage) => emit([stage]).warnings.map((w) => `${w.line}: ${w.message}`);
    expect(messages(image('a', []))).toEqual(['1: image "a" sets no numeric USER: the pipeline ends it with its default user (Containers defaultUser, "10001:10001" unless set)']);
    expect(messages(image('b', [{ kind: 'raw', text: 'USER app', line: 4, comments: [] }]))).toEqual([
      '4: image "b" sets no numeric USER (its USER is a raw line): the pipeline ends it with its default user (Containers defaultUser, "10001:10001" unless set)',
    ]);
    expect(messages(image('c', [{ kind: 'user', value: '10001', line: 2, comments: [] }, { kind: 'user', value: '0:0', line: 3, comments: [] }]))).toEqual([
      '3: image "c" ends as root (USER 0:0): validation rejects it; end the image with a non-zero numeric user',
    ]);
    expect(messages(image('d', [{ kind: 'user', value: '0', line: 2, comments: [] }, { kind: 'user', value: '10001:0', line: 3, comments: [] }]))).toEqual([]);
  });

  it('turns an image\'s title and description labels into its repository and description when valid there', () => {
    const image = (values: Array<[string, string]>): ImportedStage => ({
      name: 'web', named: true, line: 1, comments: [], from: { kind: 'scratch' }, instructions: [{ kind: 'label', values, line: 2, comments: [] }],
    });
    const code = (values: Array<[string, string]>) => emit([image(values)]).lines.filter((l) => l.includes('web')).join('\n');
    expect(code([['org.opencontainers.image.title', 'acme/web'], ['org.opencontainers.image.description', 'The web app'], ['team', 'a']]))
      .toBe("const web = appFamily.addImage('web', { from: ImageSource.scratch(), repository: 'acme/web', description: 'The web app' });\n// web (line 1)\nweb.label({ 'team': 'a' });");
    expect(code([['org.opencontainers.image.title', 'My App'], ['org.opencontainers.image.description', 'a <b>']]))
      .toBe("const web = appFamily.addImage('web', { from: ImageSource.scratch() });\n// web (line 1)\nweb.label({ 'org.opencontainers.image.title': 'My App', 'org.opencontainers.image.description': 'a <b>' });");
  });
});
