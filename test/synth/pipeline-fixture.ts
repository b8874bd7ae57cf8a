/**
 * Small helpers shared by the synth, validation and determinism tests: a fresh pipeline in a test project, its
 * synthesized files, and the construct path every diagnostic of it starts with.
 */
import { rmSync } from 'node:fs';
import { Project, Testing } from 'projen';
import { Containers, ContainersProps } from '../../src';
import { PipelineValidationError } from '../../src/core/diagnostics';

/** Construct path of the pipeline in `new Project({ name: 'test' })` (projen names the root `Project#<name>@<outdir>`). */
export const PIPELINE_PATH = 'Project#test@<root>/Containers';

/** A project named `test` with a pipeline publishing to `ghcr.io/acme` (plus `props`). */
export function newPipeline(props: Partial<ContainersProps> = {}): { project: Project; containers: Containers } {
  const project = new Project({ name: 'test' });
  const containers = new Containers(project, { registry: 'ghcr.io/acme', ...props });
  return { project, containers };
}

/** Synthesizes `project` (in its temporary directory, removed afterwards) and returns path → text (JSON unparsed). */
export function synthFiles(project: Project): Record<string, string> {
  return Testing.synth(project, { parseJson: false });
}

/** Removes the temporary directory of a project that is never synthesized. */
export function disposeProject(project: Project): void {
  rmSync(project.outdir, { recursive: true, force: true });
}

/** `sha256:` followed by 64 copies of `c` (a well-formed digest). */
export function digest(c = 'a'): string {
  return `sha256:${c.repeat(64)}`;
}

/** The PipelineValidationError `fn` throws; fails when it throws nothing or another error. */
export function validationErrorOf(fn: () => unknown): PipelineValidationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PipelineValidationError) return e;
    throw new Error(`expected a PipelineValidationError, got ${String(e)}`);
  }
  throw new Error('expected a PipelineValidationError, but nothing was thrown');
}

/** The message of a PipelineValidationError listing `lines` (each `[path] message`). */
export function validationMessage(...lines: string[]): string {
  return [`projen-containers: ${lines.length} validation error(s), no file was written:`, ...lines.map((l) => `  ${l}`)].join('\n');
}
