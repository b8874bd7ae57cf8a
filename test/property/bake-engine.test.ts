/**
 * The bake file read back by the real `docker buildx bake --print` (when the engine is there): for hostile values
 * that synthesis accepts, bake resolves exactly one target per image whose tag, labels and build argument hold the
 * values as given (no variable interpolation of user text, no extra target).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { hostileAround } from './arbitraries';
import { assertCompact } from './property-kit';
import { synthesize } from './synth-harness';
import { ContainersProps, FamilyTag, ImageSource } from '../../src';
import { describeEngine, docker } from '../support/engine';

interface Printed {
  readonly target: Record<string, { tags?: string[]; labels?: Record<string, string>; args?: Record<string, string> }>;
}

describeEngine('bake file under docker buildx bake --print', () => {
  test('hostile settings resolve to exactly the given values [seed 6001]', () => {
    const keys = ['registry', 'description', 'sourceUrl', 'tag', 'reference'] as const;
    const benign = { registry: 'ghcr.io/acme', description: 'The image', sourceUrl: 'https://github.com/acme/app', tag: '1.2.3', reference: 'busybox:1' };
    const arbitrary = fc.tuple(fc.constantFrom(...keys), hostileAround('x')).map(([key, value]) => ({ ...benign, [key]: key === 'description' ? value : `${benign[key]}${value}` }));
    let accepted = 0;
    assertCompact(fc.property(arbitrary, (s) => {
      const outcome = synthesize({ registry: s.registry, sourceUrl: s.sourceUrl } as ContainersProps, (c) => {
        c.addFamily('app', { tag: FamilyTag.fixed(s.tag) })
          .addImage('img', { from: ImageSource.registry(s.reference), description: s.description })
          .copy(['src'], '/src/');
      });
      if (outcome.kind === 'rejected') return;
      accepted++;
      const dir = mkdtempSync(join(tmpdir(), 'pc-prop-bake-'));
      try {
        for (const [path, text] of outcome.files) {
          mkdirSync(dirname(join(dir, path)), { recursive: true });
          writeFileSync(join(dir, path), text);
        }
        const bakeFile = [...outcome.files.entries()].find(([p, t]) => p.endsWith('.json') && t.includes('"target"'))![0];
        // no variables from this process: the file's defaults apply
        const env = Object.fromEntries(['REGISTRY', 'APP_TAG', 'PLATFORMS', 'GIT_CREATED', 'GIT_REVISION', 'APP_IMG_BASE_IMAGE'].map((k) => [k, '']));
        const printed = JSON.parse(docker(['buildx', 'bake', '--file', bakeFile, '--print', 'default'], { cwd: dir, env: { ...env, REGISTRY: s.registry, APP_TAG: s.tag } })) as Printed;
        expect(Object.keys(printed.target)).toStrictEqual(['app-img']);
        const t = printed.target['app-img'];
        expect(t.tags).toStrictEqual([`${s.registry}/app-img:${s.tag}`]);
        expect(t.labels?.['org.opencontainers.image.description']).toBe(s.description);
        expect(t.labels?.['org.opencontainers.image.source']).toBe(s.sourceUrl);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }), { seed: 6001, numRuns: 40 });
    // not vacuous: hostile values are accepted and reach bake
    expect(accepted).toBeGreaterThan(3);
  });
});
