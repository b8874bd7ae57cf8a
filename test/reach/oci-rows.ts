/** Option-reach rows of the OCI metadata options (`licenses` on the pipeline, a family, an image). */
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
