import { DEFINE_PIPELINE } from './sample-pipelines';

/**
 * The snapshot test written once into a new project: it builds the pipeline of the project's pipeline module on a
 * project of the same type and registry and snapshots the files it generates (`ContainersTesting.synth`), so a change
 * to the pipeline shows up as a reviewed snapshot change. `pipelineImport` is the module's path relative to
 * the test. @internal
 */
export function pipelineTestModule(registry: string, pipelineImport: string): string {
  return [
    "import { mkdtempSync } from 'fs';",
    "import { tmpdir } from 'os';",
    "import { join } from 'path';",
    "import { ContainersTesting, projects } from 'projen-containers';",
    `import { ${DEFINE_PIPELINE} } from ${quote(pipelineImport)};`,
    '',
    "test('the container pipeline generates the expected files', () => {",
    '  // the registry of .projenrc.ts; a directory of its own, which the synthesis removes afterwards',
    '  const project = new projects.ContainersTypeScriptProject({',
    "    name: 'containers',",
    "    defaultReleaseBranch: 'main',",
    `    registry: ${quote(registry)},`,
    "    outdir: mkdtempSync(join(tmpdir(), 'containers-')),",
    '  });',
    `  ${DEFINE_PIPELINE}(project.containers);`,
    '  expect(ContainersTesting.synth(project)).toMatchSnapshot();',
    '});',
    '',
  ].join('\n');
}

/** A single-quoted TypeScript string literal. */
function quote(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`).replace(/\r/g, '\\r').replace(/\n/g, '\\n')}'`;
}
