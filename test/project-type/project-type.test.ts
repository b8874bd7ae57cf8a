/**
 * The project type (`projects.ContainersTypeScriptProject`) in-process, for every example: while `projen new` creates
 * the project it adds the example's pipeline and writes the pipeline module, the sources and the snapshot test once;
 * the module, evaluated as the user's `.projenrc.ts` and test evaluate it, builds exactly the pipeline the creation
 * generated. Outside creation the project has an empty pipeline and writes nothing of the example. The full
 * `projen new` → `projen build` path is test/consumer/project-type.test.ts.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as pathModule from 'node:path';
import { join, relative } from 'node:path';
import { Testing } from 'projen';
import * as ts from 'typescript';
import { afterEach, describe, expect, test, vi } from 'vitest';
import * as library from '../../src';
import { Containers, ContainersTesting, projects } from '../../src';
import { pipelineTestModule } from '../../src/project-type/pipeline-test-module';
import { wireProjenrc } from '../../src/project-type/projenrc-wiring';

const TEMPLATES = join(__dirname, '..', '..', 'templates', 'samples');

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A project as `projen new` constructs it (projen sets PROJEN_CREATE_PROJECT while it does). */
function created(options: Partial<projects.ContainersTypeScriptProjectOptions> = {}): projects.ContainersTypeScriptProject {
  vi.stubEnv('PROJEN_CREATE_PROJECT', 'true');
  try {
    return new projects.ContainersTypeScriptProject({ name: 'hello', defaultReleaseBranch: 'main', ...options });
  } finally {
    vi.unstubAllEnvs();
  }
}

/** Evaluates a TypeScript module of the new project, resolving imports as the project's node_modules would. */
function evaluate(source: string, modules: Record<string, unknown>): Record<string, unknown> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const exports: Record<string, unknown> = {};
  const require = (name: string) => {
    if (!(name in modules)) throw new Error(`unexpected import ${name}`);
    return modules[name];
  };
  const globals = modules['<globals>'] as Record<string, unknown> | undefined ?? {};
  new Function('exports', 'require', ...Object.keys(globals), js)(exports, require, ...Object.values(globals));
  return exports;
}

/** Path → text of every file below `dir`. */
function filesBelow(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const p = join(d, entry);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const EXAMPLES: Array<[projects.ContainersSample, string, string]> = [
  [projects.ContainersSample.GO_SERVICE, 'go-service', 'SERVICES_GO_IMAGE ?= golang:1.23-bookworm'],
  [projects.ContainersSample.RUST_SERVICE, 'rust-service', 'SERVICES_RUST_IMAGE ?= rust:1.83-bookworm'],
  [projects.ContainersSample.PYTHON_SERVICE, 'python-service', 'SERVICES_PYTHON_SLIM_IMAGE ?= python:3.12-slim-bookworm'],
  [projects.ContainersSample.CMAKE_SDK, 'cmake-sdk', 'SERVICES_BASE_IMAGE ?= debian:bookworm-slim'],
];

describe.each(EXAMPLES)('creating a project with the %s example', (sample, folder, makeVariable) => {
  test('writes the pipeline module, the sources and the snapshot test; the module builds the created pipeline', () => {
    const project = created({ containersSample: sample, registry: 'registry.example.com/team' });
    const files = Testing.synth(project, { parseJson: false });
    const pipeline = Object.fromEntries(Object.entries(files).filter(([p]) => ['Dockerfile', 'Makefile', 'docker-bake.json', 'CONTAINERS.md', '.dockerignore'].includes(p) || p === '.github/workflows/containers.yml'));
    expect(pipeline.Makefile).toContain(makeVariable);
    expect(pipeline.Makefile).toContain('REGISTRY ?= registry.example.com/team');

    // the sources, verbatim
    for (const [path, text] of Object.entries(filesBelow(join(TEMPLATES, folder)))) expect(files[`services/hello/${path}`], path).toBe(text);

    // the module as .projenrc.ts runs it: on a new pipeline with the project's registry
    const module = evaluate(files['projenrc/containers.ts'], { 'projen-containers': library });
    const again = new projects.ContainersTypeScriptProject({ name: 'again', defaultReleaseBranch: 'main', registry: 'registry.example.com/team' });
    (module.definePipeline as (c: Containers) => void)(again.containers);
    const fromModule = ContainersTesting.synth(again);
    expect(fromModule).toStrictEqual(pipeline);

    // the snapshot test as jest runs it: what it snapshots is the created pipeline
    let snapshotted: unknown;
    const globals = {
      test: (_name: string, fn: () => void) => fn(),
      expect: (value: unknown) => ({ toMatchSnapshot: () => { snapshotted = value; } }),
    };
    evaluate(files['test/containers.test.ts'], { 'fs': fs, 'os': os, 'path': pathModule, 'projen-containers': library, '../projenrc/containers': module, '<globals>': globals });
    expect(snapshotted).toStrictEqual(pipeline);
  });
});

describe('ContainersTypeScriptProject', () => {
  test('creation without a choice starts with the Go service', () => {
    const files = Testing.synth(created(), { parseJson: false });
    expect(files['projenrc/containers.ts']).toContain("new GoService(services, 'hello', {");
    expect(files['services/hello/main.go']).toContain('hello from hello');
    expect(files.Makefile).toContain('REGISTRY ?= ghcr.io/my-org');
  });

  test('the none example: an empty pipeline module and test, no sources', () => {
    const files = Testing.synth(created({ containersSample: projects.ContainersSample.NONE }), { parseJson: false });
    expect(Object.keys(files).filter((p) => p.startsWith('services/'))).toStrictEqual([]);
    expect(files['projenrc/containers.ts']).toContain('export function definePipeline(containers: Containers): void {');
    expect(files['test/containers.test.ts']).toContain("registry: 'ghcr.io/my-org',\n    outdir: mkdtempSync(join(tmpdir(), 'containers-')),\n  });\n  definePipeline(project.containers);");
  });

  test('outside creation: the pipeline is empty and nothing of the example is written', () => {
    const project = new projects.ContainersTypeScriptProject({ name: 'later', defaultReleaseBranch: 'main', containersSample: projects.ContainersSample.RUST_SERVICE });
    expect(Containers.of(project)).toBe(project.containers);
    expect(project.containers.node.children).toStrictEqual([]);
    const files = Testing.synth(project, { parseJson: false });
    expect(Object.keys(files).filter((p) => /^(services\/|projenrc\/containers\.ts|test\/containers\.test\.ts|Dockerfile)/.test(p))).toStrictEqual([]);
  });

  test('sample files are written once: an existing file is kept', () => {
    const project = created();
    const outdir = project.outdir;
    // the user's edit before a re-creation in the same folder
    mkdirSync(join(outdir, 'projenrc'), { recursive: true });
    writeFileSync(join(outdir, 'projenrc', 'containers.ts'), '// mine\n');
    expect(Testing.synth(project, { parseJson: false })['projenrc/containers.ts']).toBe('// mine\n');
  });

  test('ts-morph is a development dependency and .projenrc.ts is TypeScript', () => {
    const files = Testing.synth(new projects.ContainersTypeScriptProject({ name: 'deps', defaultReleaseBranch: 'main' }));
    expect(files['package.json'].devDependencies['ts-morph']).toBe('^28.0.0');
    expect(JSON.stringify(files['.projen/tasks.json'].tasks.default)).toContain('.projenrc.ts');
  });

  test('the test module imports the pipeline module relative to a custom test folder and projenrc folder', () => {
    const files = Testing.synth(created({ testdir: 'spec/unit', projenrcTsOptions: { projenCodeDir: 'tools/projen' } }), { parseJson: false });
    expect(files['tools/projen/containers.ts']).toContain('export function definePipeline');
    expect(files['spec/unit/containers.test.ts']).toContain("import { definePipeline } from '../../tools/projen/containers';");
  });

  test('an unknown example is an error naming the choices', () => {
    expect(() => created({ containersSample: 'java' as projects.ContainersSample })).toThrow(
      'containersSample "java" is not one of "go-service", "rust-service", "python-service", "cmake-sdk", "none"');
  });
});

describe('the snapshot test module', () => {
  test.each([
    ['quotes and a backslash', "ghcr.io/it's\\me"],
    ['a line break and a carriage return', 'ghcr.io/a\nb\rc'],
    ['a template placeholder', 'ghcr.io/${process.exit(1)}'],
  ])('passes a registry with %s through as the same string', (_what, registry) => {
    let given: Record<string, unknown> = {};
    class ContainersTypeScriptProjectStub {
      public readonly containers = {};
      constructor(options: Record<string, unknown>) {
        given = options;
      }
    }
    const stubs = {
      'fs': { mkdtempSync: () => '/tmp/x' },
      'os': { tmpdir: () => '/tmp' },
      'path': pathModule,
      'projen-containers': { projects: { ContainersTypeScriptProject: ContainersTypeScriptProjectStub }, ContainersTesting: { synth: () => ({}) } },
      '../projenrc/containers': { definePipeline: () => undefined },
      '<globals>': { test: (_n: string, fn: () => void) => fn(), expect: () => ({ toMatchSnapshot: () => undefined }) },
    };
    evaluate(pipelineTestModule(registry, '../projenrc/containers'), stubs);
    expect(given.registry).toBe(registry);
  });
});

describe('wiring the pipeline module into the .projenrc.ts projen writes', () => {
  const PROJEN_WRITES = [
    'import { projects } from "projen-containers";',
    'const project = new projects.ContainersTypeScriptProject({',
    '  defaultReleaseBranch: "main",',
    '  name: "hello",',
    '});',
    'project.synth();',
  ].join('\n');

  test('imports the function after the imports and calls it on project.containers just before project.synth()', () => {
    expect(wireProjenrc(PROJEN_WRITES, './projenrc/containers')).toBe([
      'import { projects } from "projen-containers";',
      'import { definePipeline } from "./projenrc/containers";',
      'const project = new projects.ContainersTypeScriptProject({',
      '  defaultReleaseBranch: "main",',
      '  name: "hello",',
      '});',
      '',
      'definePipeline(project.containers);',
      '',
      'project.synth();',
    ].join('\n'));
  });

  test('the wired file is valid TypeScript (no syntax errors)', () => {
    const wired = wireProjenrc(PROJEN_WRITES, './projenrc/containers')!;
    const out = ts.transpileModule(wired, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
    expect(out.diagnostics).toStrictEqual([]);
  });

  test('an already wired file stays as it is; a file without project.synth() or imports is not touched', () => {
    const wired = wireProjenrc(PROJEN_WRITES, './projenrc/containers')!;
    expect(wireProjenrc(wired, './projenrc/containers')).toBe(wired);
    expect(wireProjenrc('const project = 1;\nproject.synth();', './x')).toBeUndefined();
    expect(wireProjenrc('import { A } from "a";\nconst project = new A();', './x')).toBeUndefined();
  });
});
