/**
 * Runs one pipeline through a real `project.synth()` in a fresh output directory and classifies the outcome:
 * either the one PipelineValidationError naming construct paths with nothing written anywhere, or the written files
 * (all inside the project). Anything else — another error type, a partial write, a file outside the project — fails.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { Project } from 'projen';
import { Containers, ContainersProps } from '../../src';

// projen's post-synthesis steps (npm install, …) are not under test and would dominate the run time.
process.env.PROJEN_DISABLE_POST = 'true';

/** Outcome of one synthesis. */
export type SynthOutcome =
  | { readonly kind: 'rejected'; readonly message: string }
  | { readonly kind: 'files'; readonly files: ReadonlyMap<string, string> };

/** Builds the pipeline under test; may call any public API. */
export type BuildPipeline = (containers: Containers, project: Project) => void;

/** The pipeline props every property starts from (overridden per property). */
export const BASE_PROPS: ContainersProps = { registry: 'ghcr.io/acme' };

/** The outdir lies this deep below a private temp root, so a `..` escape lands inside the root and is seen. */
const DEPTH = ['d1', 'd2', 'd3', 'd4'];

/**
 * Synthesizes a project whose pipeline is `new Containers(project, props)` built by `build`.
 * Throws (failing the property) on any outcome that is neither a clean rejection nor a clean write.
 */
export function synthesize(props: unknown, build: BuildPipeline): SynthOutcome {
  const root = mkdtempSync(join(tmpdir(), 'pc-prop-'));
  const outdir = join(root, ...DEPTH, 'project');
  mkdirSync(outdir, { recursive: true });
  try {
    let thrown: unknown;
    let project: Project | undefined;
    try {
      project = new Project({ name: 'test', outdir });
      const containers = new Containers(project, props as ContainersProps);
      build(containers, project);
      project.synth();
    } catch (e) {
      thrown = e;
    }
    const written = filesUnder(root);
    if (thrown !== undefined) {
      assertValidationError(thrown);
      if (written.length > 0) {
        throw new Error(`PipelineValidationError, but files were written: ${written.slice(0, 10).join(', ')}`);
      }
      return { kind: 'rejected', message: (thrown as Error).message };
    }
    const prefix = [...DEPTH, 'project', ''].join(sep);
    const outside = written.filter((f) => !f.startsWith(prefix));
    if (outside.length > 0) {
      throw new Error(`synthesis wrote outside the project directory: ${outside.join(', ')}`);
    }
    const files = new Map<string, string>();
    for (const f of written) files.set(relative(join(...DEPTH, 'project'), f).split(sep).join('/'), readFileSync(join(root, f), 'utf8'));
    return { kind: 'files', files };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Synthesizes and requires files (for the benign baselines). */
export function synthesizeFiles(props: unknown, build: BuildPipeline): ReadonlyMap<string, string> {
  const outcome = synthesize(props, build);
  if (outcome.kind !== 'files') throw new Error(`baseline pipeline was rejected:\n${outcome.message}`);
  return outcome.files;
}

/**
 * The error must be the one PipelineValidationError: its header counts the errors and every error line names a
 * construct path below the pipeline (`[…/Containers…]`).
 */
export function assertValidationError(e: unknown): void {
  if (!(e instanceof Error) || e.name !== 'PipelineValidationError') {
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new Error(`expected a PipelineValidationError, got ${what.slice(0, 800)}`);
  }
  const header = /^projen-containers: (\d+) validation error\(s\), no file was written:\n/.exec(e.message);
  if (!header) throw new Error(`PipelineValidationError without the expected header: ${e.message.slice(0, 400)}`);
  const count = Number(header[1]);
  const pathLines = e.message.split('\n').filter((line) => /^ {2}\[[^\]]*\/Containers(\/[^\]]*)?\] /.test(line) || /^ {2}\[[^\]]*\/Containers\/.*?\] /.test(line));
  if (count < 1 || pathLines.length < count) {
    throw new Error(`PipelineValidationError lists ${count} error(s) but only ${pathLines.length} line(s) name a construct path: ${e.message.slice(0, 800)}`);
  }
}

/** Every regular file below `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(join(dir, f)).isFile()).sort();
}
