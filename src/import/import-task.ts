import type { Project } from 'projen';

/** Name of the projen task that imports a Dockerfile into `.projenrc.ts`. @internal */
export const IMPORT_TASK = 'containers:import';

/** The command the package ships (`bin` in package.json). @internal */
export const IMPORT_COMMAND = 'projen-containers-import';

/**
 * Adds the `containers:import` task: `npx projen containers:import [--image STAGE] Dockerfile` inserts the
 * Dockerfile's constructs into `.projenrc.ts`.
 * @internal
 */
export function addImportTask(project: Project): void {
  if (project.tasks.tryFind(IMPORT_TASK)) return;
  project.addTask(IMPORT_TASK, {
    description: 'Insert the constructs of an existing Dockerfile into .projenrc.ts (arguments: [--image STAGE]... [--family ID] DOCKERFILE)',
    exec: IMPORT_COMMAND,
    receiveArgs: true,
  });
}
