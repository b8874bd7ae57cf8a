/**
 * Family, image, stage, tag, base-image, syntax and external-family inputs with hostile values: rejected with the one
 * validation error (nothing written), or the outputs keep the structure of the same pipeline with a benign value and
 * the value lands where it belongs (one target per image, the Dockerfile inside the project, the tag as given).
 */
import { posix } from 'node:path';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { anything, hostileAround, hostileList, sometimes } from './arbitraries';
import { Outputs } from './output-checks';
import { hostileProperty } from './property-kit';
import { Containers, DockerfileSyntax, FamilyTag, ImageRole, ImageSource } from '../../src';

const SCRATCH = ImageSource.registry('busybox:1');

/** Family `app` (props) with image `img` (props) copying `src`. */
const family = (familyId: unknown, familyProps: unknown, imageId: unknown = 'img', imageProps: Record<string, unknown> = {}) => (c: Containers) => {
  const img = c.addFamily(familyId as string, familyProps as never).addImage(imageId as string, { from: SCRATCH, ...imageProps } as never);
  img.copy(['src'], '/src/');
};

/** Printable text (no control characters) built from Markdown and HTML syntax around `word`. */
function markdownText(word: string): fc.Arbitrary<string> {
  const pieces = ['# ', '## ', '<!--', '-->', '<b>', '<script>', '[x](http://e.x)', '![i](http://e.x/i.png)', '|', '\\|', '`', '```', '*', '_',
    '- ', '1. ', '> ', '---', '&amp;', '<http://e.x>', 'https://e.x', '\\', '{{', '}}', ' '];
  // blank text means "no description" (the paragraph is left out), a different structure on purpose
  return fc.array(fc.constantFrom(...pieces, word), { minLength: 1, maxLength: 5 }).map((p) => p.join('')).filter((s) => s.trim() !== '');
}

/** The bake targets (name → target). */
function bakeTargets(o: Outputs): Record<string, { dockerfile: string; context: string; tags: string[]; labels?: Record<string, string> }> {
  const [bake] = [...o.bakeFiles.values()] as Array<{ target: Record<string, never> }>;
  return bake.target;
}

describe('families, images and stages with hostile values', () => {
  hostileProperty('addFamily(id): one bake group and target, names within [a-z0-9_-]', 4001, anything('app'), {
    benign: 'app' as unknown,
    build: (id) => family(id, {}),
    expect: (_id, o) => {
      for (const name of Object.keys(bakeTargets(o))) expect(name).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
    },
  });

  hostileProperty('addImage(id) and addStage(id)', 4002, fc.tuple(anything('img'), anything('build')), {
    benign: ['img', 'build'] as [unknown, unknown],
    build: ([imageId, stageId]) => (c) => {
      const img = c.addFamily('app').addImage(imageId as string, { from: SCRATCH });
      const stage = img.addStage(stageId as string, { from: SCRATCH });
      img.copy(['/out'], '/out', { from: stage });
    },
    expect: (_v, o) => {
      const [file] = [...o.dockerfiles.values()];
      for (const s of file.stages) expect(s.from.content).toMatch(/ AS [a-z0-9][a-z0-9_.-]*$/);
    },
  });

  hostileProperty('family dockerfile and context: inside the project, used by make and bake', 4003, fc.tuple(anything('docker/app/Dockerfile'), anything('.')), {
    benign: ['docker/app/Dockerfile', '.'] as [unknown, unknown],
    build: ([dockerfile, context]) => family('app', { dockerfile, context }),
    expect: ([dockerfile], o) => {
      const [path] = [...o.dockerfiles.keys()];
      expect(path.split('/')).not.toContain('..');
      if (typeof dockerfile === 'string') expect(path).toBe(posix.normalize(dockerfile).replace(/\/$/, ''));
      const target = Object.values(bakeTargets(o))[0];
      expect(posix.normalize(posix.join(target.context, target.dockerfile)) === path || target.dockerfile === path).toBe(true);
      expect(target.context.split('/')).not.toContain('..');
    },
  });

  hostileProperty('family and image descriptions: one label value, no Markdown structure', 4004, fc.tuple(anything('The app'), anything('The image')), {
    benign: ['The app', 'The image'] as [unknown, unknown],
    build: ([fd, id]) => family('app', { description: fd }, 'img', { description: id }),
    sameStructure: ([fd, id]) => fd !== undefined && id !== undefined,
    expect: ([, description], o) => {
      if (description === undefined) return;
      expect(Object.values(bakeTargets(o))[0].labels?.['org.opencontainers.image.description']).toBe(description);
    },
  });

  hostileProperty('printable descriptions with Markdown/HTML syntax keep the CONTAINERS.md structure', 4013,
    fc.tuple(markdownText('The app'), markdownText('The image')), {
      benign: ['The app', 'The image'] as [string, string],
      build: ([fd, id]) => family('app', { description: fd }, 'img', { description: id }),
    });

  hostileProperty('family and image platforms', 4005, fc.tuple(hostileList('linux/amd64'), hostileList('linux/arm64')), {
    benign: [['linux/amd64'], ['linux/arm64']] as [unknown, unknown],
    build: ([fp, ip]) => family('app', { platforms: fp }, 'img', { platforms: ip }),
    sameStructure: ([fp, ip]) => Array.isArray(fp) && fp.length > 0 && Array.isArray(ip) && ip.length > 0,
    expect: ([fp, ip]) => {
      for (const p of [fp, ip]) {
        if (p === undefined) continue;
        expect(Array.isArray(p)).toBe(true);
        for (const x of p as unknown[]) expect(String(x)).toMatch(/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/);
      }
    },
  });

  hostileProperty('image repository, user and dockerfile', 4006, fc.record({
    repository: sometimes<unknown>('app-img', anything('app-img')),
    user: sometimes<unknown>('1000:1000', anything('1000:1000')),
    dockerfile: sometimes<unknown>('img/Dockerfile', anything('img/Dockerfile')),
  }), {
    benign: { repository: 'app-img', user: '1000:1000', dockerfile: 'img/Dockerfile' } as Record<string, unknown>,
    build: (v) => family('app', {}, 'img', v),
    sameStructure: (v) => Object.values(v).every((x) => x !== undefined),
    expect: (v, o) => {
      for (const path of o.dockerfiles.keys()) expect(path.split('/')).not.toContain('..');
      const target = Object.values(bakeTargets(o))[0];
      if (typeof v.repository === 'string') expect(target.tags[0]).toBe(`\${REGISTRY}/${v.repository}:\${APP_TAG}`);
      if (v.user !== undefined) expect(String(v.user)).toMatch(/^[1-9][0-9]*(:[0-9]+)?$/);
    },
  });

  hostileProperty('addStage platform (FROM --platform)', 4007, anything('$BUILDPLATFORM'), {
    benign: '$BUILDPLATFORM' as unknown,
    build: (platform) => (c) => {
      const img = c.addFamily('app').addImage('img', { from: SCRATCH });
      img.copy(['/out'], '/out', { from: img.addStage('build', { from: SCRATCH, platform: platform as string }) });
    },
    sameStructure: (p) => p !== undefined,
    expect: (platform, o) => {
      if (platform === undefined) return;
      const [file] = [...o.dockerfiles.values()];
      const from = file.stages[0].from;
      expect(from.flags).toStrictEqual(['platform']);
      expect(from.flagValues[0]).toBe(platform);
    },
  });

  hostileProperty('ImageSource.registry(reference, { buildArg })', 4008, fc.tuple(anything('ubuntu:24.04'), fc.option(anything('OS_IMAGE'), { nil: undefined })), {
    benign: ['ubuntu:24.04', 'OS_IMAGE'] as [unknown, unknown],
    build: ([reference, buildArg]) => (c) => {
      c.addFamily('app').addImage('img', { from: ImageSource.registry(reference as string, { buildArg: buildArg as string }) }).copy(['src'], '/src/');
    },
    sameStructure: ([, arg]) => arg !== undefined,
    expect: ([reference, buildArg], o) => {
      const [file] = [...o.dockerfiles.values()];
      expect(file.globals.map((g) => g.keyword)).toStrictEqual(['ARG']);
      expect(file.globals[0].content).toBe(`${String(buildArg ?? 'IMG_BASE_IMAGE')}=${String(reference)}`);
    },
  });

  hostileProperty('DockerfileSyntax.custom(image): one # syntax= directive naming exactly that image', 4009, anything('registry.internal/docker/dockerfile:1.7'), {
    props: (image) => ({ registry: 'ghcr.io/acme', dockerfileSyntax: DockerfileSyntax.custom(image as string) }),
    benign: 'registry.internal/docker/dockerfile:1.7' as unknown,
    build: () => family('app', {}),
    expect: (image, o) => {
      const [file] = [...o.dockerfiles.values()];
      expect(file.directives).toStrictEqual([`syntax=${String(image)}`]);
    },
  });

  hostileProperty('FamilyTag.templates(templates, { constants, fallback })', 4010,
    fc.record({
      template: hostileAround('{version}-{os}'),
      name: sometimes<unknown>('os', anything('os')),
      value: sometimes<unknown>('ubuntu24.04', anything('ubuntu24.04')),
      fallback: sometimes<unknown>('dev', anything('dev')),
    }), {
      benign: { template: '{version}-{os}', name: 'os', value: 'ubuntu24.04', fallback: 'dev' } as Record<string, unknown>,
      build: (v) => (c) => {
        const tag = FamilyTag.templates([v.template as string, '{branch}'], { constants: { [String(v.name)]: v.value as string }, fallback: v.fallback as string });
        family('app', { tag })(c);
      },
      sameStructure: (v) => v.fallback !== undefined,
      expect: (v, o) => {
        const [bake] = [...o.bakeFiles.values()] as Array<{ variable: Record<string, { default: string }> }>;
        const fallback = bake.variable.APP_TAG.default;
        // an OCI tag: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
        expect(fallback).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/);
        for (const t of [v.template, v.value, v.fallback]) if (typeof t === 'string') expect(t).not.toContain('${{');
      },
    });

  hostileProperty('FamilyTag.fixed(tag): every image tagged exactly that', 4011, anything('1.2.3'), {
    benign: '1.2.3' as unknown,
    build: (tag) => family('app', { tag: FamilyTag.fixed(tag as string) }),
    expect: (tag, o) => {
      const [bake] = [...o.bakeFiles.values()] as Array<{ variable: Record<string, { default: string }> }>;
      expect(bake.variable.APP_TAG.default).toBe(tag);
      expect(String(tag)).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/);
    },
  });

  hostileProperty('addExternalFamily(id, { registry, tag, images })', 4012,
    fc.record({
      id: sometimes<unknown>('flow-pipe', anything('flow-pipe')),
      registry: sometimes<unknown>('ghcr.io/hurdad', anything('ghcr.io/hurdad')),
      tag: sometimes<unknown>('0.1.0', anything('0.1.0')),
      name: sometimes<unknown>('dev', anything('dev')),
      repository: sometimes<unknown>('flow-pipe-dev', anything('flow-pipe-dev')),
    }), {
      benign: { id: 'flow-pipe', registry: 'ghcr.io/hurdad', tag: '0.1.0', name: 'dev', repository: 'flow-pipe-dev' } as Record<string, unknown>,
      build: (v) => (c) => {
        const ext = c.addExternalFamily(v.id as string, {
          registry: v.registry as string,
          tag: v.tag as string,
          images: [{ name: v.name as string, repository: v.repository as string, role: ImageRole.SDK }],
        });
        // the image object itself (image(name) throws by contract for an unknown name)
        c.addFamily('app').addImage('img', { from: ImageSource.external(ext.images[0]) }).copy(['src'], '/src/');
      },
      expect: (v, o) => {
        const [file] = [...o.dockerfiles.values()];
        const args = file.globals.filter((g) => g.keyword === 'ARG').map((g) => g.content);
        expect(args.some((a) => a.endsWith(`=${String(v.registry)}`))).toBe(true);
        expect(args.some((a) => a.endsWith(`=${String(v.tag)}`))).toBe(true);
      },
    });
});
