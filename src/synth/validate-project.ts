import { github, Project } from 'projen';
import type { Diagnostics } from '../core/diagnostics';
import type { BuildPlan } from '../plan/build-plan';

/**
 * Checks that the plan's files fit the projen project: no two generated files share a path (Dockerfiles,
 * `.dockerignore` files, Makefile, bake file, docs, workflow), none takes the path of a file another component
 * generates, and the workflow name is free.
 * @internal
 */
export function validateProjectFit(project: Project, plan: BuildPlan, path: string, d: Diagnostics): void {
  const owners = new Map<string, string>();
  const claim = (file: string, what: string) => {
    const other = owners.get(file);
    if (other !== undefined) d.error(path, `${what} and ${other} would both be written to "${file}"; give each its own path`);
    else owners.set(file, what);
    if (project.root.tryFindFile(file) !== undefined) {
      d.error(path, `${what} would be written to "${file}", which another component of the project already generates`);
    }
  };
  for (const file of plan.dockerfiles) claim(file.path, `the Dockerfile "${file.path}"`);
  for (const ignore of plan.dockerignores) claim(ignore.path, `the .dockerignore of context "${ignore.context}"`);
  claim(plan.outputs.makefile, 'the Makefile (makefile)');
  claim(plan.outputs.bakeFile, 'the bake file (bakeFile)');
  claim(plan.outputs.docs, 'the documentation (docs)');
  if (plan.outputs.digestsEnv !== undefined) claim(plan.outputs.digestsEnv, 'the digests env file (pinning.digestsEnvFile)');
  claim(plan.pins.lockFile, 'the lockfile (pinning.lockFile)');
  const refresh = plan.pins.refresh;
  if (refresh !== undefined) {
    if (project !== project.root) {
      d.error(path, 'pinning.refreshWorkflow needs the pipeline in the root project: the workflow runs `npx projen containers:pin` at the repository root, where a subproject\'s task does not exist');
    }
    claim(`.github/workflows/${refresh.fileName}`, `the pin refresh workflow "${refresh.name}" (pinning.refreshWorkflow.name)`);
    if (github.GitHub.of(project.root)?.tryFindWorkflow(refresh.name) !== undefined) {
      d.error(path, `a GitHub workflow named "${refresh.name}" already exists; give pinning.refreshWorkflow another name`);
    }
  }
  for (const w of plan.workflows) {
    claim(`.github/workflows/${w.fileName}`, `the workflow "${w.name}" (workflow name)`);
    if (github.GitHub.of(project.root)?.tryFindWorkflow(w.name) !== undefined) {
      d.error(w.path, `a GitHub workflow named "${w.name}" already exists; give this workflow another name`);
    }
  }
}
