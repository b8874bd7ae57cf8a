/**
 * The bad-input suite's case format and runner: every case builds a small pipeline with one mistake; synthesis must
 * throw one PipelineValidationError listing the mistake under its construct path, and no file may be written.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Project } from 'projen';
import { describe, expect, test } from 'vitest';
import { Containers, ContainersProps, Image, ImageSource } from '../../src';
import { PipelineValidationError } from '../../src/core/diagnostics';
import { PIPELINE_PATH } from '../synth/pipeline-fixture';

/** Construct path of the pipeline. */
export const P = PIPELINE_PATH;
/** Path of the first instruction of image `app/runtime` (see `app`). */
export const I0 = `${P}/app/runtime/instruction.0`;
/** Path of the second instruction of image `app/runtime`. */
export const I1 = `${P}/app/runtime/instruction.1`;

/** One bad-input case. */
export interface BadInput {
  /** What is wrong, as the test title. */
  readonly name: string;
  /** Pipeline props merged over `{ registry: 'ghcr.io/acme' }` (use `replaceProps` to drop the registry). */
  readonly props?: Partial<ContainersProps> | Record<string, unknown>;
  /** Pipeline props used as given, instead of the merge above (untyped callers). */
  readonly replaceProps?: unknown;
  /** How the pipeline is built (the mistake is made here or in the props). */
  readonly build: (c: Containers) => void;
  /** The construct path the error must be listed under. */
  readonly path: string;
  /** A stable fragment of the message, or several that must all appear in one message. */
  readonly message: string | readonly string[];
  /** Another project component added before the pipeline (file collisions). */
  readonly before?: (project: Project) => void;
}

/** Family `app` with image `runtime` FROM scratch; `configure` adds the mistake. */
export function app(configure: (image: Image, c: Containers) => void): (c: Containers) => void {
  return (c) => configure(c.addFamily('app').addImage('runtime', { from: ImageSource.scratch() }), c);
}

/** A valid family `app` with image `runtime`, for cases whose mistake is in the pipeline props. */
export const VALID = app(() => {});

/** `sha256:` followed by 64 copies of `c`. */
export function digest(c = 'a'): string {
  return `sha256:${c.repeat(64)}`;
}

/** What synthesizing a bad pipeline did: the validation error, or the other thing that happened. */
export type Outcome =
  | { readonly kind: 'validation'; readonly error: PipelineValidationError; readonly written: string[] }
  | { readonly kind: 'other'; readonly description: string; readonly written: string[] };

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true }).map(String).filter((f) => statSync(join(dir, f)).isFile()).sort();
}

/** Builds the case's pipeline in a fresh temporary project and synthesizes it for real; reports what happened. */
export function synthesizeCase(c: BadInput): Outcome {
  const project = new Project({ name: 'test' });
  const outdir = project.outdir;
  if (!resolve(outdir).startsWith(tmpdir())) throw new Error(`test project outside the temp directory: ${outdir}`);
  const disablePost = process.env.PROJEN_DISABLE_POST;
  process.env.PROJEN_DISABLE_POST = 'true';
  try {
    c.before?.(project);
    const props = 'replaceProps' in c ? c.replaceProps : { registry: 'ghcr.io/acme', ...c.props };
    try {
      const containers = new Containers(project, props as ContainersProps);
      c.build(containers);
    } catch (e) {
      return { kind: 'other', description: `building the pipeline threw ${describeError(e)}`, written: filesUnder(outdir) };
    }
    try {
      project.synth();
    } catch (e) {
      if (e instanceof PipelineValidationError) return { kind: 'validation', error: e, written: filesUnder(outdir) };
      return { kind: 'other', description: `synthesis threw ${describeError(e)}`, written: filesUnder(outdir) };
    }
    return { kind: 'other', description: 'synthesis succeeded', written: filesUnder(outdir) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
    if (disablePost === undefined) delete process.env.PROJEN_DISABLE_POST;
    else process.env.PROJEN_DISABLE_POST = disablePost;
  }
}

function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.split('\n').slice(0, 3).join(' | ')}`;
  return String(e);
}

/** Asserts the outcome of one case: a validation error listing the fragment under the path, nothing written. */
export function expectRejected(c: BadInput): void {
  const outcome = synthesizeCase(c);
  if (outcome.kind !== 'validation') {
    expect.fail(`expected a PipelineValidationError at [${c.path}] containing ${JSON.stringify(c.message)}, but ${outcome.description}`);
    return;
  }
  const { error, written } = outcome;
  const lines = error.message.split('\n').filter((line) => line.startsWith(`  [${c.path}] `));
  expect(lines.length, `no error for [${c.path}] in:\n${error.message}`).toBeGreaterThan(0);
  const atPath = error._diagnostics.filter((d) => d.level === 'error' && d.path === c.path).map((d) => d.message);
  expect(atPath.some((m) => matches(c, m)), `no error at [${c.path}] containing ${JSON.stringify(c.message)} in:\n${error.message}`).toBe(true);
  expect(written, 'files written despite the validation error').toStrictEqual([]);
}

/** Whether `message` holds every fragment of the case. */
export function matches(c: BadInput, message: string): boolean {
  return (typeof c.message === 'string' ? [c.message] : c.message).every((f) => message.includes(f));
}

/** Defines one test per case. */
export function runCases(title: string, cases: readonly BadInput[]): void {
  describe(title, () => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => expectRejected(c));
  });
}

/** `[case, pipeline props, how the pipeline is built, construct path, message fragment]`. */
export type CaseRow = readonly [string, BadInput['props'], (c: Containers) => void, string, string | readonly string[]];

/** Cases from rows. */
export function rows(list: readonly CaseRow[]): BadInput[] {
  return list.map(([name, props, build, path, message]) => ({ name, props, build, path, message }));
}

/** An untyped value, as a JavaScript or jsii caller could pass it. */
export function untyped(value: unknown): any {
  return value;
}
