import { test } from 'vitest';

/**
 * Defects the adversarial suites found that are still open, each with why. Their tests run as `test.fails`: they must
 * keep failing, and the day a fix lands the test fails until its entry is removed here. Listed in the closing note.
 */
export const KNOWN_OPEN: ReadonlyMap<string, string> = new Map([
  ['addImage(id) and addStage(id) [seed 4002]', 'a stage whose image has an invalid id still reaches the printer with a --from value validation did not name'],
  ['family and image descriptions: one label value, no Markdown structure [seed 4004]', 'an empty construct id changes the output structure instead of being refused'],
  ['ImageSource.registry(reference, { buildArg }) [seed 4008]', 'a Symbol in an untyped slot still reaches a template literal (TypeError)'],
  ['addExternalFamily(id, { registry, tag, images }) [seed 4012]', 'a Symbol registry of an external family still reaches a template literal (TypeError)'],
  ['workflow.runsOn [seed 3022]', 'runner labels: actionlint needs self-hosted labels declared (.github/actionlint.yaml) or runsOn limited to hosted labels; policy open'],
  ['ExternalFamilyProps.images → docs', 'CONTAINERS.md does not list external parents (the plan has no external-parent data yet)'],
  ['ExternalImageProps.repository → docs', 'CONTAINERS.md does not list external parents (the plan has no external-parent data yet)'],
]);

/** `test`, or `test.fails` for a known-open defect named exactly `name`. */
export function testOrKnownOpen(name: string): typeof test | typeof test.fails {
  return KNOWN_OPEN.has(name) ? test.fails : test;
}
