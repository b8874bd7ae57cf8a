/**
 * Every option reaches every output it concerns: for each public option, a baseline pipeline and the same pipeline
 * with the option set are synthesized; each output the option concerns changes as the table says, every other output
 * is unchanged. A second test reads the options from the sources and API.md and fails for an option without a row.
 */
import { describe, expect, test } from 'vitest';
import { apiReferencePages, coveringRow, optionsFromApiMd, optionsFromSources } from './enumerate';
import { ReachRow, ROWS } from './option-table';
import { Output, OUTPUTS, Outputs, synthOutputs } from './pipeline';

const synthesized = new Map<ReachRow, { before: Outputs; after: Outputs }>();

/** The row's two pipelines, synthesized once. */
function outputsOf(row: ReachRow): { before: Outputs; after: Outputs } {
  let found = synthesized.get(row);
  if (!found) {
    found = { before: synthOutputs(row.base ?? {}), after: synthOutputs(row.variant, row.paths) };
    synthesized.set(row, found);
  }
  return found;
}

const CELLS: Array<[string, Output, ReachRow]> = ROWS.flatMap((row) => OUTPUTS.map((o) => [row.option, o, row] as [string, Output, ReachRow]));

describe('every option reaches every output it concerns, and no other', () => {

  test.each(CELLS)('%s → %s', (_option, output, row) => {
    const { before, after } = outputsOf(row);
    const effect = row.effects[output];
    if (effect) {
      effect(after[output], before[output]);
    } else {
      // not concerned: the output is exactly the baseline's
      expect(after[output], `${row.option} is not expected to change the ${output}`).toBe(before[output]);
    }
  });

  test('options without an effect on any output say why', () => {
    const silent = ROWS.filter((r) => Object.keys(r.effects).length === 0);
    for (const row of silent) expect(row.validationOnly, `${row.option} has no effects and no reason`).toBeTruthy();
    for (const row of ROWS.filter((r) => r.validationOnly)) expect(Object.keys(row.effects), row.option).toStrictEqual([]);
  });
});

describe('the table covers every public option', () => {
  const rows = new Set(ROWS.map((r) => r.option));
  const { options, parents } = optionsFromSources();
  const declared = new Set(options);

  test('the sources declare the options the table expects to find (the enumeration works)', () => {
    for (const known of ['ContainersProps.platforms', 'ContainersWorkflowOptions.runsOn', 'ImageFamilyProps.platforms', 'StageProps.from', 'TmpfsMountOptions.sizeBytes', 'DockerfileSyntax.omit']) {
      expect(options).toContain(known);
    }
    expect(apiReferencePages()).toStrictEqual(['API.md', 'projects.md']);
    expect(optionsFromApiMd()).toContain('ContainersProps.bakeFile');
    expect(optionsFromApiMd()).toContain('ContainersTypeScriptProjectOptions.containersSample');
  });

  test('every option in the TypeScript sources has a row', () => {
    expect(options.filter((o) => !coveringRow(o, rows, parents, declared))).toStrictEqual([]);
  });

  test('every struct property in API.md has a row', () => {
    expect(optionsFromApiMd().filter((o) => !coveringRow(o, rows, parents, declared))).toStrictEqual([]);
  });

  test('every row names an option that exists', () => {
    const known = new Set([...options, ...optionsFromApiMd()]);
    expect(ROWS.map((r) => r.option).filter((o) => !known.has(o))).toStrictEqual([]);
  });

  test('one row per option', () => {
    expect(rows.size).toBe(ROWS.length);
  });
});
