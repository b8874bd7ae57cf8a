/**
 * The benchmark workloads. Modules come in as parameters so the same code runs in-process (against src/) and in a
 * fresh Node.js process (against the compiled lib/, see synth.bench.ts): keep this file free of imports with runtime
 * effects.
 */
import type * as projenModule from 'projen';
import type * as libraryModule from '../src';

export type Projen = typeof projenModule;
export type Library = typeof libraryModule;

/** Images per family; families are chained runtime → layer1 → … → sdk. */
export const IMAGES_PER_FAMILY = 10;

/** `new Project` with nothing added: projen's own floor for a synthesis. */
export function bareProject(projen: Projen, outdir: string): projenModule.Project {
  return new projen.Project({ name: 'bench-bare', outdir });
}

/**
 * A pipeline of `images` images: families of {@link IMAGES_PER_FAMILY} chained images, one multi-target Dockerfile per
 * family, a registry base pinned to a digest behind a build argument, a build stage COPY --from'd into the runtime
 * image, and per image a RUN with apt cache mounts, two COPYs of image-specific context paths, an ENV and a WORKDIR.
 */
export function containersProject(projen: Projen, lib: Library, outdir: string, images: number): projenModule.Project {
  const project = new projen.Project({ name: `bench-${images}`, outdir });
  const containers = new lib.Containers(project, {
    registry: 'ghcr.io/bench',
    sourceUrl: 'https://github.com/bench/bench',
    platforms: ['linux/amd64', 'linux/arm64'],
  });
  const apt = [
    lib.Mount.cache({ target: '/var/cache/apt', id: 'apt-cache', sharing: lib.CacheSharing.LOCKED }),
    lib.Mount.cache({ target: '/var/lib/apt/lists', id: 'apt-lists', sharing: lib.CacheSharing.LOCKED }),
  ];
  const os = lib.ImageSource.registry(`ubuntu:24.04@sha256:${'a'.repeat(64)}`, { buildArg: 'OS_IMAGE' });
  const families = Math.ceil(images / IMAGES_PER_FAMILY);
  for (let f = 0; f < families; f++) {
    const fid = `fam${String(f).padStart(3, '0')}`;
    const family = containers.addFamily(fid, { description: `benchmark family ${f}` });
    const count = Math.min(IMAGES_PER_FAMILY, images - f * IMAGES_PER_FAMILY);
    let previous: libraryModule.Image | undefined;
    for (let i = 0; i < count; i++) {
      const name = i === 0 ? 'runtime' : i === count - 1 ? 'sdk' : `layer${i}`;
      const dir = `images/${fid}/${name}`;
      const image = family.addImage(name, {
        from: previous ? lib.ImageSource.stage(previous) : os,
        role: i === 0 ? lib.ImageRole.RUNTIME : i === count - 1 ? lib.ImageRole.SDK : lib.ImageRole.GENERAL,
        description: `${fid} image ${name}`,
      });
      if (i === 0) {
        const build = image.addStage('build', { from: os });
        build.run(['apt-get update', 'apt-get install -y --no-install-recommends gcc libc6-dev'], { mounts: apt });
        build.workdir('/src');
        build.copy([`${dir}/src`], '/src/');
        build.run(['gcc -O2 -o /out/app /src/main.c']);
        image.copy(['/out/app'], '/usr/local/bin/app', { from: build });
        image.entrypoint(['/usr/local/bin/app']);
      } else {
        image.run(['apt-get update', `apt-get install -y --no-install-recommends pkg-${fid}-${i}`], { mounts: apt });
        image.copy([`${dir}/etc`], `/etc/${fid}/${name}/`);
        image.copy([`${dir}/share/README.md`], `/usr/share/doc/${fid}-${name}/`);
        image.env({ [`${fid.toUpperCase()}_${name.toUpperCase()}_HOME`]: `/opt/${fid}/${name}`, LAYER: String(i) });
        image.workdir(`/opt/${fid}/${name}`);
      }
      previous = image;
    }
  }
  return project;
}
