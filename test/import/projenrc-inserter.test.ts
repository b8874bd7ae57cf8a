import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as projen from 'projen';
import * as tsMorph from 'ts-morph';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as library from '../../src';
import { readDockerfile } from '../../src/import/dockerfile-reader';
import { ImportError } from '../../src/import/import-error';
import { Insertion, insertIntoProjenrc, InsertOptions, TsMorphModule } from '../../src/import/projenrc-inserter';

const DOCKERFILE = [
  'FROM golang:1.22 AS build',
  'RUN --mount=type=cache,target=/root/.cache go build -o /out/app .',
  'FROM debian:12-slim',
  'COPY --from=build /out/app /app',
  'USER 10001',
  '',
].join('\n');
const OPTIONS: InsertOptions = { family: 'app', dockerfile: 'Dockerfile', images: [], source: 'Dockerfile', registry: 'registry.example/acme' };

function insert(text: string, options: InsertOptions = OPTIONS) {
  return insertIntoProjenrc(tsMorph as unknown as TsMorphModule, text, readDockerfile(DOCKERFILE).stages, options);
}

/** The original text, recovered from the edited one by cutting out each insertion where it must stand. */
function withoutInsertions(edited: string, insertions: readonly Insertion[]): string {
  let out = '';
  let pos = 0;
  let previous = 0;
  for (const i of [...insertions].sort((a, b) => a.at - b.at)) {
    out += edited.slice(pos, pos + i.at - previous);
    pos += i.at - previous;
    expect(edited.slice(pos, pos + i.text.length)).toBe(i.text);
    pos += i.text.length;
    previous = i.at;
  }
  return out + edited.slice(pos);
}

/** Runs the edited file against the library's sources; returns the Dockerfile it synthesizes. */
function run(edited: string, outdir: string): string {
  const js = ts.transpileModule(edited, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const modules: Record<string, unknown> = { 'projen': projen, 'projen-containers': library };
  const exports = {};
  new Function('require', 'module', 'exports', 'OUTDIR', js)((id: string) => modules[id], { exports }, exports, outdir);
  return readFileSync(join(outdir, 'Dockerfile'), 'utf8');
}

const FILES: Record<string, string> = {
  'no import of the library, CRLF line ends': "import { Project } from 'projen';\r\n\r\n// the project\r\nconst project = new Project({ name: 'x', outdir: OUTDIR });\r\n\r\nproject.synth();\r\n",
  'aliased imports and an existing pipeline': [
    "import { Project } from 'projen';",
    "import { Containers as Pipeline, ImageSource as Src } from 'projen-containers';",
    '',
    'const build = 1; // a name a stage would take',
    'const Mount = build; // a name the library export would take',
    "const project = new Project({ name: 'x', outdir: OUTDIR });",
    "const pipeline = new Pipeline(project, { registry: 'r.example/x' });",
    'void Src; void Mount;',
    '',
    '    project.synth()   ;',
    '',
  ].join('\n'),
  'a namespace import and an unnamed pipeline': [
    "import * as pc from 'projen-containers';",
    "import { Project } from 'projen';",
    "const project = new Project({ name: 'x', outdir: OUTDIR });",
    "new pc.Containers(project, { registry: 'r.example/x' });",
    'project.synth();',
  ].join('\n'),
};

describe('insertIntoProjenrc', () => {
  for (const [name, text] of Object.entries(FILES)) {
    it(`leaves every byte of the file in place and yields code that synthesizes: ${name}`, () => {
      const result = insert(text);
      expect(withoutInsertions(result.text, result.insertions)).toBe(text);
      const dockerfile = run(result.text, mkdtempSync(join(tmpdir(), 'import-inserter-')));
      expect(dockerfile).toContain('COPY --from=build /out/app /app');
      expect(dockerfile).toContain('--mount=type=cache,target=/root/.cache,sharing=shared');
    });
  }

  it('reuses the file\'s names: aliases, the existing pipeline, fresh names for taken ones', () => {
    const result = insert(FILES['aliased imports and an existing pipeline']);
    expect(result.text).toContain("const appFamily = pipeline.addFamily('app'");
    expect(result.text).toContain("Src.registry('golang:1.22')");
    expect(result.text).toContain('const build2 = ');
    expect(result.text).toContain("import { Containers as Pipeline, ImageSource as Src, CacheSharing, Mount as Mount2 } from 'projen-containers';");
    expect(result.text).toContain('Mount2.cache(');
    expect(result.text).not.toContain('new Pipeline(project, { registry: \'registry.example');
    // the code goes before the synth call, at its indentation
    expect(result.text).toMatch(/\n {4}const appFamily[\s\S]*\n\n {4}project\.synth\(\) {3};\n$/);
  });

  it('reaches a pipeline that has no variable through Containers.of', () => {
    expect(insert(FILES['a namespace import and an unnamed pipeline']).text).toContain('pc.Containers.of(project)!.addFamily(');
  });

  it('refuses a file without a synth call, and a file without a pipeline when no registry is given', () => {
    expect(() => insert("import { Project } from 'projen';\nconst project = new Project({ name: 'x' });\n")).toThrow(ImportError);
    expect(() => insert("import { Project } from 'projen';\nconst project = new Project({ name: 'x' });\nproject.synth();\n", { ...OPTIONS, registry: undefined }))
      .toThrow(/pass --registry/);
  });
});
