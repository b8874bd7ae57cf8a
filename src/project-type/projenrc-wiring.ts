import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { Component, Project } from 'projen';
import { DEFINE_PIPELINE } from './sample-pipelines';

/**
 * Wires the pipeline module into the `.projenrc.ts` that projen writes when it creates the project: imports the
 * module's function and calls it on `project.containers` before `project.synth()`, so every later `npx projen` builds
 * the pipeline the module defines. Runs after projen's own projenrc component (components run in the order they were
 * added); a `.projenrc.ts` that already calls the function, or that does not end with `project.synth();`, is left
 * as it is. @internal
 */
export class ProjenrcWiring extends Component {
  constructor(project: Project, private readonly rcFile: string, private readonly moduleImport: string) {
    super(project, 'ProjenrcWiring');
  }

  public projectCreation(): void {
    const file = path.join(this.project.outdir, this.rcFile);
    if (!existsSync(file)) return;
    const wired = wireProjenrc(readFileSync(file, 'utf8'), this.moduleImport);
    if (wired === undefined) {
      this.project.logger.warn(`${this.rcFile}: call ${DEFINE_PIPELINE}(project.containers) from ${this.moduleImport} before project.synth() to build its pipeline`);
      return;
    }
    writeFileSync(file, wired);
  }
}

/** The projenrc text with the pipeline wired in; the text itself when already wired; undefined when it cannot tell where. @internal */
export function wireProjenrc(text: string, moduleImport: string): string | undefined {
  if (text.includes(`${DEFINE_PIPELINE}(`)) return text;
  const lines = text.split('\n');
  const synth = lines.lastIndexOf('project.synth();');
  let lastImport = -1;
  lines.forEach((line, i) => {
    if (/^import .* from ["'][^"']+["'];$/.test(line)) lastImport = i;
  });
  if (synth < 0 || lastImport < 0 || lastImport > synth) return undefined;
  const call = ['', `${DEFINE_PIPELINE}(project.containers);`, ''];
  return [
    ...lines.slice(0, lastImport + 1),
    `import { ${DEFINE_PIPELINE} } from ${JSON.stringify(moduleImport)};`,
    ...lines.slice(lastImport + 1, synth),
    ...call,
    ...lines.slice(synth),
  ].join('\n');
}
