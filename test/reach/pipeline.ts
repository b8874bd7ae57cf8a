/**
 * The pipelines the option-reach table compares: a small baseline and the same pipeline with one option set, each
 * synthesized into its own temporary directory, with every output picked out of the files.
 */
import { Project, Testing } from 'projen';
import {
  Containers, ContainersProps, ExternalFamily, FamilyTag, Image, ImageFamily, ImageFamilyProps, ImageProps, ImageRole, ImageSource, projects,
} from '../../src';

/** The outputs an option can reach. */
export const OUTPUTS = ['dockerfile', 'dockerignore', 'makefile', 'bake', 'workflow', 'docs', 'digestsEnv'] as const;
export type Output = (typeof OUTPUTS)[number];

/** How one pipeline of a row differs from the plain baseline. */
export interface Variation {
  /** Pipeline props over `{ registry: 'ghcr.io/acme' }`. */
  readonly props?: Partial<ContainersProps>;
  /** Props of family `app`. */
  readonly family?: ImageFamilyProps;
  /** Props of image `app/runtime` over `{ from: ImageSource.registry('ubuntu:24.04') }`. */
  readonly image?: Partial<ImageProps>;
  /** Adds to the pipeline after the family and its image exist (instructions, stages, external families). */
  readonly extra?: (p: Parts) => void;
  /**
   * Builds the baseline on the pipeline of a `ContainersTypeScriptProject` with these options (its registry instead
   * of `props`), as `projen new` creates it when `created` is set.
   */
  readonly projectType?: Partial<projects.ContainersTypeScriptProjectOptions> & { readonly created?: boolean };
}

/** The constructs of a baseline pipeline, for `Variation.extra`. */
export interface Parts {
  readonly containers: Containers;
  readonly family: ImageFamily;
  readonly runtime: Image;
}

/**
 * Builds the baseline: pipeline at `ghcr.io/acme`, family `app` with image `runtime` FROM `ubuntu:24.04` that runs
 * `make` and copies `src` to `/app`; `v` changes it.
 */
export function buildPipeline(project: Project, v: Variation): Parts {
  const containers = Containers.of(project) ?? new Containers(project, { registry: 'ghcr.io/acme', ...v.props });
  const family = containers.addFamily('app', v.family);
  const runtime = family.addImage('runtime', { from: ImageSource.registry('ubuntu:24.04'), ...v.image });
  runtime.run(['make']);
  runtime.copy(['src'], '/app');
  const parts = { containers, family, runtime };
  v.extra?.(parts);
  return parts;
}

/** Where the outputs live when the row moves them. */
export interface OutputPaths {
  readonly makefile?: string;
  readonly bakeFile?: string;
  readonly docs?: string;
  readonly digestsEnv?: string;
}

/** One output's text (several files of a kind joined with a header per file), undefined when no such file exists. */
export type Outputs = Record<Output, string | undefined> & { readonly files: Record<string, string> };

/** Synthesizes the pipeline of `v` and picks out every output. */
export function synthOutputs(v: Variation, paths: OutputPaths = {}): Outputs {
  const project = v.projectType ? projectTypeProject(v.projectType) : new Project({ name: 'test' });
  buildPipeline(project, v);
  const files: Record<string, string> = Testing.synth(project, { parseJson: false });
  const pick = (filter: (path: string) => boolean): string | undefined => {
    const keys = Object.keys(files).filter(filter).sort();
    if (keys.length === 0) return undefined;
    return keys.length === 1 ? files[keys[0]] : keys.map((k) => `==> ${k} <==\n${files[k]}`).join('\n');
  };
  const base = (path: string) => path.split('/').pop() ?? path;
  return {
    files,
    dockerfile: pick((p) => base(p) === 'Dockerfile' || base(p).endsWith('.Dockerfile')),
    dockerignore: pick((p) => base(p) === '.dockerignore' || base(p).endsWith('.Dockerfile.dockerignore')),
    makefile: files[paths.makefile ?? 'Makefile'],
    bake: files[paths.bakeFile ?? 'docker-bake.json'],
    workflow: pick((p) => p.startsWith('.github/workflows/')),
    docs: files[paths.docs ?? 'CONTAINERS.md'],
    digestsEnv: paths.digestsEnv !== undefined ? files[paths.digestsEnv] : undefined,
  };
}

/** A `projects.ContainersTypeScriptProject` (registry `ghcr.io/acme` unless set), constructed as `projen new` does when `created`. */
function projectTypeProject(options: NonNullable<Variation['projectType']>): Project {
  const { created, ...rest } = options;
  const previous = process.env.PROJEN_CREATE_PROJECT;
  if (created) process.env.PROJEN_CREATE_PROJECT = 'true';
  try {
    return new projects.ContainersTypeScriptProject({ name: 'test', defaultReleaseBranch: 'main', registry: 'ghcr.io/acme', ...rest });
  } finally {
    if (previous === undefined) delete process.env.PROJEN_CREATE_PROJECT;
    else process.env.PROJEN_CREATE_PROJECT = previous;
  }
}

/** An external flow-pipe family (runtime and dev images, tag 0.1.0) with `props` over the defaults. */
export function flowPipe(containers: Containers, props: Record<string, unknown> = {}): ExternalFamily {
  return containers.addExternalFamily('flow-pipe', {
    registry: 'ghcr.io/hurdad',
    tag: '0.1.0',
    images: [
      { name: 'runtime', repository: 'flow-pipe-runtime', role: ImageRole.RUNTIME },
      { name: 'dev', repository: 'flow-pipe-dev', role: ImageRole.SDK },
    ],
    ...props,
  } as never);
}

/** A plugin image `app/plugin` FROM the external family's `dev` image (or `image`). */
export function plugin(p: Parts, family: ExternalFamily, image = 'dev'): Image {
  return p.family.addImage('plugin', { from: ImageSource.external(family.image(image)) });
}

/** The default tag policy, spelled out (for rows that vary one of its options). */
export const DEFAULT_TAG = FamilyTag.templates(['{version}', '{branch}'], { fallback: 'dev' });
