/**
 * Imports a Dockerfile into a bare projen project's `.projenrc.ts` and runs the edited file in-process, with
 * `projen-containers` resolved to the library's sources, so tests see the Dockerfile the imported code synthesizes.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as projen from 'projen';
import * as tsMorph from 'ts-morph';
import * as ts from 'typescript';
import * as library from '../../src';
import { readDockerfile } from '../../src/import/dockerfile-reader';
import type { ImportedStage } from '../../src/import/import-model';
import { insertIntoProjenrc, TsMorphModule } from '../../src/import/projenrc-inserter';

/** What an import produced. */
export interface Imported {
  readonly dockerfile: string;
  readonly stages: ImportedStage[];
  readonly warnings: Array<{ line: number; message: string }>;
  readonly projenrc: string;
}

export function importAndSynth(text: string, options: { readonly family: string; readonly images: readonly string[] }): Imported {
  const outdir = mkdtempSync(join(tmpdir(), 'import-synth-'));
  const projenrc = [
    "import { Project } from 'projen';",
    '',
    `const project = new Project({ name: 'imported', outdir: ${JSON.stringify(outdir)} });`,
    '',
    'project.synth();',
    '',
  ].join('\n');
  const read = readDockerfile(text);
  const result = insertIntoProjenrc(tsMorph as unknown as TsMorphModule, projenrc, read.stages, {
    family: options.family, dockerfile: 'Dockerfile', images: options.images, source: 'Dockerfile', registry: 'registry.example/acme',
  });
  const js = ts.transpileModule(result.text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  const modules: Record<string, unknown> = { 'projen': projen, 'projen-containers': library };
  const exports = {};
  new Function('require', 'module', 'exports', js)((id: string) => {
    if (!(id in modules)) throw new Error(`unexpected require ${id}`);
    return modules[id];
  }, { exports }, exports);
  return { dockerfile: readFileSync(join(outdir, 'Dockerfile'), 'utf8'), stages: read.stages, warnings: [...read.warnings, ...result.emitted.warnings], projenrc: result.text };
}
