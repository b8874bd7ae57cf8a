import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as projen from 'projen';
import { Project, ProjectOptions, Testing } from 'projen';
import * as ts from 'typescript';
import { describe, expect, test } from 'vitest';
import * as library from '../../src';

const ROOT = path.join(__dirname, '..', '..');

/** Every `@example` of the TSDoc under src/: the comment lines after the tag, up to the next tag or the comment's end. */
function examples(): Array<{ where: string; code: string }> {
  const found: Array<{ where: string; code: string }> = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) {visit(file);} else if (name.endsWith('.ts')) {
        const text = readFileSync(file, 'utf8');
        for (const comment of text.match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
          const lines = comment.split('\n').map((line) => line.replace(/^\s*\/?\*+\/?\s?/, ''));
          const at = lines.findIndex((line) => line.startsWith('@example'));
          if (at < 0) continue;
          const body = [lines[at].slice('@example'.length).trim(), ...lines.slice(at + 1)];
          const end = body.findIndex((line, i) => i > 0 && line.startsWith('@'));
          const declaration = text.slice(text.indexOf(comment) + comment.length).match(/export (?:abstract )?(?:class|interface) (\w+)/)?.[1];
          found.push({ where: `${path.relative(ROOT, file)} ${declaration}`, code: (end < 0 ? body : body.slice(0, end)).join('\n').trim() + '\n' });
        }
      }
    }
  };
  visit(path.join(ROOT, 'src'));
  return found;
}

describe('API examples (@example in TSDoc, rendered into API.md)', () => {
  const all = examples();

  test('the constructs and options a user needs first have one', () => {
    const documented = new Set(all.map((example) => example.where.split(' ')[1]));
    for (const name of ['Containers', 'ImageFamily', 'Image', 'Stage', 'ImageSource', 'FamilyTag', 'TagRule', 'TagCondition',
      'GoService', 'RustService', 'PythonService', 'CmakeSdk', 'CacheMounts', 'BuildSteps', 'Mount', 'CachePolicy', 'Signing',
      'WorkflowDefinitionOptions', 'WorkflowRegistry']) {
      expect(documented, name).toContain(name);
    }
  });

  test('every example is a whole program importing from projen-containers, and type-checks against the library', () => {
    // GIVEN each example as its own module; `projen-containers` resolves to the library's source
    const dir = mkdtempSync(path.join(tmpdir(), 'api-examples-'));
    try {
      const files = all.map((example, i) => {
        expect(example.code, example.where).toMatch(/^import .* from 'projen-containers';$/m);
        const file = path.join(dir, `example${i}.ts`);
        writeFileSync(file, example.code);
        return file;
      });
      const program = ts.createProgram(files, {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        ignoreDeprecations: '6.0',
        types: [],
        baseUrl: ROOT,
        paths: { 'projen-containers': ['src/index.ts'], 'projen': ['node_modules/projen'] },
      } as ts.CompilerOptions);
      // WHEN
      const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => d.file !== undefined && files.includes(path.resolve(d.file.fileName)));
      // THEN no example has a type error
      const messages = diagnostics.map((d) => {
        const index = files.indexOf(path.resolve(d.file!.fileName));
        return `${all[index].where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
      expect(messages).toStrictEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('Containers\' example synthesizes the pipeline it shows', () => {
    // GIVEN the example as JavaScript, with its project in a scratch directory and the library from source
    const example = all.find((e) => e.where.endsWith(' Containers'))!;
    const js = ts.transpileModule(example.code.replace('project.synth();', ''), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    }).outputText;
    const outdir = mkdtempSync(path.join(tmpdir(), 'api-example-'));
    try {
      class ScratchProject extends Project {
        constructor(options: ProjectOptions) {
          super({ ...options, outdir });
        }
      }
      const load = (id: string): unknown => {
        if (id === 'projen-containers') return library;
        if (id === 'projen') return { ...projen, Project: ScratchProject };
        throw new Error(`the example imports ${id}`);
      };
      // WHEN it runs and the project synthesizes
      const project = new Function('require', 'exports', `${js}\nreturn project;`)(load, {}) as Project;
      const files = Testing.synth(project);
      // THEN the files hold what it declared
      expect(files.Dockerfile).toContain('ARG API_BASE_IMAGE=debian:bookworm-slim');
      expect(files.Dockerfile).toContain('COPY --link bin/api /usr/local/bin/api');
      expect(files.Dockerfile).toContain('EXPOSE 8080/tcp');
      expect(files.Makefile).toContain('APP_API_IMAGE ?= $(REGISTRY)/app-api:$(APP_TAG)');
      expect(files['CONTAINERS.md']).toContain('make run-app-api  # builds app-api (and its parents), then runs it, publishing 8080:8080/tcp');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
