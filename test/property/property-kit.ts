/**
 * One shape for every property: build a pipeline around a generated value; the synthesis must be rejected with the
 * one PipelineValidationError (nothing written), or its outputs must parse back to the structure the same pipeline has
 * with a benign value, pass the format-wide checks (no `${{` in `run:`) and the property's own expectations.
 */
import fc from 'fast-check';
import { test } from 'vitest';
import { classify, dockerignoreProblems, expectNoProblems, Outputs, structureOf, workflowProblems } from './output-checks';
import { BASE_PROPS, BuildPipeline, synthesize, synthesizeFiles } from './synth-harness';

/** How a property builds its pipeline from the generated value. */
export interface HostileCase<T> {
  /** Pipeline props for the value (default: BASE_PROPS). */
  readonly props?: (value: T) => unknown;
  /** Builds the pipeline for the value. */
  readonly build: (value: T) => BuildPipeline;
  /** A value the outputs of every accepted hostile value are compared with. */
  readonly benign: T;
  /** Checks of an accepted value's outputs beyond the structure (e.g. the RUN script equals the command). */
  readonly expect?: (value: T, outputs: Outputs) => void;
  /**
   * Compare the whole structure with the benign one (default true); off (or off for some values, e.g. `undefined`
   * meaning "the default") where the value legitimately changes it.
   */
  readonly sameStructure?: boolean | ((value: T) => boolean);
  readonly numRuns?: number;
  /**
   * Whether every generated value may be rejected (default false: at least one accepted value must reach the output
   * checks, so a property cannot pass by checking rejections only).
   */
  readonly mayRejectAll?: boolean;
}

/**
 * Registers a vitest test running the property with a fixed seed (fast-check prints the seed, the shrunk
 * counterexample and the path to replay it when it fails).
 */
export function hostileProperty<T>(name: string, seed: number, arbitrary: fc.Arbitrary<T>, c: HostileCase<T>): void {
  test(`${name} [seed ${seed}]`, () => {
    const props = c.props ?? (() => BASE_PROPS);
    const baseline = structureOf(classify(synthesizeFiles(props(c.benign), c.build(c.benign))));
    let accepted = 0;
    assertCompact(
      fc.property(arbitrary, (value) => {
        const outcome = synthesize(props(value), c.build(value));
        if (outcome.kind === 'rejected') return;
        accepted++;
        const outputs = classify(outcome.files);
        expectNoProblems(workflowProblems(outputs));
        expectNoProblems(dockerignoreProblems(outputs));
        const compare = typeof c.sameStructure === 'function' ? c.sameStructure(value) : c.sameStructure !== false;
        if (compare) expectSameStructure(structureOf(outputs), baseline);
        c.expect?.(value, outputs);
      }),
      { seed, numRuns: c.numRuns ?? 150 },
    );
    if (!c.mayRejectAll && accepted === 0) throw new Error('every generated value was rejected: the output checks never ran');
  });
}

/** `fc.assert`, with runs of a repeated text in the report (the 70 000-character inputs) shortened to `<…×N>`. */
export function assertCompact<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>, params: fc.Parameters<Ts>): void {
  try {
    fc.assert(property, params);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const compact = new Error(shorten(e.message));
    compact.stack = `${compact.message}\n${(e.stack ?? '').split('\n').slice(1).join('\n')}`;
    if (e.cause instanceof Error) compact.cause = new Error(shorten(e.cause.message));
    throw compact;
  }
}

/** `fc.assert` of an async property, reported like {@link assertCompact}. */
export async function assertCompactAsync<Ts extends [unknown, ...unknown[]]>(
  property: fc.IAsyncProperty<Ts>,
  params: fc.Parameters<Ts>,
): Promise<void> {
  try {
    await fc.assert(property, params);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    const compact = new Error(shorten(e.message));
    if (e.cause instanceof Error) compact.cause = new Error(shorten(e.cause.message));
    throw compact;
  }
}

/** Replaces a text repeated more than 20 times in a row by `<text×count>`. */
export function shorten(text: string): string {
  return text.replace(/(.{1,12}?)\1{20,}/gs, (run, unit: string) => `<${unit}×${run.length / unit.length}>`);
}

/** Fails with the parts of the structure that differ from the baseline (each shortened). */
export function expectSameStructure(actual: Record<string, unknown>, baseline: Record<string, unknown>): void {
  const differences = Object.keys({ ...baseline, ...actual })
    .filter((k) => JSON.stringify(actual[k]) !== JSON.stringify(baseline[k]))
    .map((k) => `${k}: got ${JSON.stringify(actual[k]).slice(0, 400)}, with the benign value ${JSON.stringify(baseline[k]).slice(0, 400)}`);
  if (differences.length > 0) throw new Error(`outputs changed structure:\n${differences.join('\n')}`);
}
