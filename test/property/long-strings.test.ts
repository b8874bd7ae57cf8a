/**
 * Strings longer than BuildKit's 64 KiB line limit in every string slot that reaches a Dockerfile: rejected with the
 * one validation error (nothing written), or the Dockerfile keeps every line within the limit.
 */
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { longString } from './arbitraries';
import { hostileProperty } from './property-kit';
import { Containers, FamilyTag, Image, ImageSource, Mount } from '../../src';

/** Slot name → how the long string is put into a pipeline. */
const SLOTS: Record<string, (s: string, c: Containers) => void> = {
  'run': (s, c) => image(c).run([s]),
  'run (two commands)': (s, c) => image(c).run(['true', s]),
  'copy source': (s, c) => image(c).copy([s], '/x/'),
  'copy destination': (s, c) => image(c).copy(['src'], `/${s}`),
  'add url': (s, c) => image(c).add(`https://example.com/${s}`, '/x', { checksum: `sha256:${'a'.repeat(64)}` }),
  'workdir': (s, c) => image(c).workdir(`/${s}`),
  'env value': (s, c) => image(c).env({ A: s }),
  'label value': (s, c) => image(c).label({ 'com.example.a': s }),
  'arg default': (s, c) => image(c).arg('A', s),
  'entrypoint': (s, c) => image(c).entrypoint([s]),
  'cmd': (s, c) => image(c).cmd([s]),
  'shell': (s, c) => image(c).shell(['/bin/sh', s]),
  'healthcheck': (s, c) => image(c).healthcheck({ command: [s] }),
  'stopSignal': (s, c) => image(c).stopSignal(s),
  'addRawLine': (s, c) => image(c).addRawLine(`RUN ${s}`),
  'cache mount target': (s, c) => image(c).run(['true'], { mounts: [Mount.cache({ target: `/${s}` })] }),
  'image description': (s, c) => c.addFamily('app').addImage('img', { from: ImageSource.registry('busybox:1'), description: s }),
  'base reference': (s, c) => c.addFamily('app').addImage('img', { from: ImageSource.registry(`busybox:1${s}`) }),
  'fixed tag': (s, c) => image(c, FamilyTag.fixed(s)),
};

function image(c: Containers, tag?: FamilyTag): Image {
  return c.addFamily('app', { tag }).addImage('img', { from: ImageSource.registry('busybox:1') });
}

describe('strings over 64 KiB', () => {
  hostileProperty('every Dockerfile line stays within BuildKit\'s 64 KiB limit', 7001, fc.tuple(fc.constantFrom(...Object.keys(SLOTS)), longString), {
    benign: ['run', 'echo hi'] as [string, string],
    build: ([slot, s]) => (c) => SLOTS[slot](s, c),
    sameStructure: false,
    numRuns: 60,
    // BuildKit's limit: rejecting every such string is a correct outcome
    mayRejectAll: true,
    expect: (_v, o) => {
      for (const [, file] of o.dockerfiles) {
        for (const i of [...file.globals, ...file.stages.flatMap((st) => [st.from, ...st.instructions])]) {
          expect(Buffer.byteLength(i.raw)).toBeLessThanOrEqual(65_535);
        }
      }
    },
  });
});
