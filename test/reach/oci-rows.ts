/** Option-reach rows of the OCI metadata options (`licenses` on the pipeline, a family, an image) and of dispatch inputs setting build variables. */
import { expect } from 'vitest';
import { bake, has } from './option-table';
import type { Effect, ReachRow } from './option-table';

const KEY = 'org.opencontainers.image.licenses';

/** The license reaches the Dockerfile's LABEL, the Makefile's --label and --annotation, and the bake labels and annotations. */
function licensed(expression: string): Partial<Record<'dockerfile' | 'makefile' | 'bake', Effect>> {
  return {
    dockerfile: has(`${KEY}="${expression}"`),
    makefile: has(`--label '${KEY}=${expression}'`, `--annotation 'manifest:${KEY}=${expression}'`),
    bake: bake((t) => {
      expect(t.labels[KEY]).toBe(expression);
      expect(t.annotations).toContain(`manifest:${KEY}=${expression}`);
    }),
  };
}

export const OCI_ROWS: ReachRow[] = [
  { option: 'ContainersProps.licenses', variant: { props: { licenses: 'Apache-2.0' } }, effects: licensed('Apache-2.0') },
  {
    option: 'ImageFamilyProps.licenses',
    base: { props: { licenses: 'Apache-2.0' } },
    variant: { props: { licenses: 'Apache-2.0' }, family: { licenses: 'MIT OR Apache-2.0' } },
    effects: licensed('MIT OR Apache-2.0'),
  },
  {
    option: 'ImageProps.licenses',
    base: { family: { licenses: 'MIT' } },
    variant: { family: { licenses: 'MIT' }, image: { licenses: 'GPL-2.0-or-later WITH Classpath-exception-2.0' } },
    effects: licensed('GPL-2.0-or-later WITH Classpath-exception-2.0'),
  },
];

/** A dispatch input that sets the base image variable of the baseline's image (`APP_RUNTIME_BASE_IMAGE`). */
export const DISPATCH_ROWS: ReachRow[] = [
  {
    option: 'WorkflowDispatchInputOptions.variable',
    base: { extra: (p) => p.containers.addWorkflow('ci', { dispatch: { inputs: [{ name: 'base' }] } }) },
    variant: { extra: (p) => p.containers.addWorkflow('ci', { dispatch: { inputs: [{ name: 'base', variable: 'APP_RUNTIME_BASE_IMAGE' }] } }) },
    effects: {
      workflow: has('DISPATCH_APP_RUNTIME_BASE_IMAGE: ${{ inputs.base }}', 'export APP_RUNTIME_BASE_IMAGE="$DISPATCH_APP_RUNTIME_BASE_IMAGE"'),
      docs: has('input `base` sets `APP_RUNTIME_BASE_IMAGE` when given'),
    },
  },
];
