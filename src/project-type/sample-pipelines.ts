import * as path from 'path';
import { ContainersSample } from './containers-sample';
import type { Containers } from '../containers';
import type { ImageFamily } from '../family/image-family';
import { ImageSource } from '../image/image-source';
import { CmakeSdk } from '../presets/cmake-sdk';
import { GoService } from '../presets/go-service';
import { PythonService } from '../presets/python-service';
import { RustService } from '../presets/rust-service';

/** The folder of the example's sources, relative to the project root (the family's build context). */
export const SAMPLE_SOURCE = 'services/hello';

/** The name of the function the pipeline module exports. */
export const DEFINE_PIPELINE = 'definePipeline';

/**
 * One example a new project starts with: the pipeline it adds (`define`, used while the project is created), the same
 * pipeline as the TypeScript module written for the user (`moduleBody`, used by every later synthesis) and the folder
 * of sources its image builds. Both are derived from one description of the example; a test evaluates `moduleBody`
 * and compares its pipeline with `define`'s. @internal
 */
export interface SamplePipeline {
  /** Names imported from projen-containers by the module, sorted. */
  readonly imports: readonly string[];
  /** Statements of the pipeline function's body, indented by two spaces (`containers` is its parameter). */
  readonly moduleBody: readonly string[];
  /** Adds the example to `containers`, exactly as `moduleBody` does. */
  readonly define: (containers: Containers) => void;
  /** The folder holding the example's sources, shipped with the library (absent: no sources). */
  readonly sourceDir?: string;
}

const TEMPLATES = path.join(__dirname, '..', '..', 'templates', 'samples');

/** The presets an example can use, by the name the module imports. */
const PRESETS = { GoService, RustService, PythonService, CmakeSdk } as const;

/**
 * An example image, described once: both the pipeline added at creation and the module text written for the user
 * are read from it. Values are constants of this file (plain text, no quotes or backslashes).
 */
interface SampleImage {
  readonly preset: keyof typeof PRESETS;
  /** The comment above the preset call in the module. */
  readonly comment: string;
  /** Base-image props: `ImageSource.registry(reference, { buildArg })`, in the order written. */
  readonly bases: Readonly<Record<string, { readonly reference: string; readonly buildArg: string }>>;
  /** Other props, written after the bases. */
  readonly values?: Readonly<Record<string, string | readonly string[]>>;
}

const FAMILY = { id: 'services', dockerfile: 'Dockerfile', description: 'The services of this repository' };

/** The preset's props as data: what `define` passes. */
function sampleProps(image: SampleImage): Record<string, unknown> {
  const bases = Object.entries(image.bases).map(([name, b]) => [name, ImageSource.registry(b.reference, { buildArg: b.buildArg })]);
  return { source: SAMPLE_SOURCE, ...Object.fromEntries(bases), ...image.values };
}

/** The preset's call as module text: what the user edits afterwards. */
function sampleLines(image: SampleImage): string[] {
  const literal = (v: string | readonly string[]): string => (typeof v === 'string' ? `'${v}'` : `[${v.map(literal).join(', ')}]`);
  return [
    `  const services = containers.addFamily('${FAMILY.id}', { dockerfile: '${FAMILY.dockerfile}', description: '${FAMILY.description}' });`,
    `  // ${image.comment}`,
    `  new ${image.preset}(services, 'hello', {`,
    `    source: '${SAMPLE_SOURCE}',`,
    ...Object.entries(image.bases).map(([name, b]) => `    ${name}: ImageSource.registry('${b.reference}', { buildArg: '${b.buildArg}' }),`),
    ...Object.entries(image.values ?? {}).map(([name, v]) => `    ${name}: ${literal(v)},`),
    '  });',
  ];
}

function imageSample(image: SampleImage, sources: string): SamplePipeline {
  const Preset = PRESETS[image.preset] as unknown as new (family: ImageFamily, id: string, props: Record<string, unknown>) => unknown;
  return {
    imports: ['Containers', 'ImageSource', image.preset].sort(),
    moduleBody: sampleLines(image),
    define: (containers) => {
      new Preset(containers.addFamily(FAMILY.id, { dockerfile: FAMILY.dockerfile, description: FAMILY.description }), 'hello', sampleProps(image));
    },
    sourceDir: path.join(TEMPLATES, sources),
  };
}

const SAMPLES: Record<ContainersSample, SamplePipeline> = {
  [ContainersSample.GO_SERVICE]: imageSample({
    preset: 'GoService',
    comment: 'The toolchain is a build argument (`make build SERVICES_GO_IMAGE=…` builds on a mirror); pin it by digest.',
    bases: { builder: { reference: 'golang:1.23-bookworm', buildArg: 'GO_IMAGE' } },
  }, 'go-service'),
  [ContainersSample.RUST_SERVICE]: imageSample({
    preset: 'RustService',
    comment: 'The toolchain is a build argument (`make build SERVICES_RUST_IMAGE=…` builds on a mirror); pin it by digest.',
    bases: { builder: { reference: 'rust:1.83-bookworm', buildArg: 'RUST_IMAGE' } },
  }, 'rust-service'),
  [ContainersSample.PYTHON_SERVICE]: imageSample({
    preset: 'PythonService',
    comment: 'Both images are build arguments (`make build SERVICES_PYTHON_IMAGE=… SERVICES_PYTHON_SLIM_IMAGE=…`); pin them by digest.',
    bases: {
      builder: { reference: 'python:3.12-bookworm', buildArg: 'PYTHON_IMAGE' },
      base: { reference: 'python:3.12-slim-bookworm', buildArg: 'PYTHON_SLIM_IMAGE' },
    },
    values: { command: ['/opt/venv/bin/python', '/app/app.py'] },
  }, 'python-service'),
  [ContainersSample.CMAKE_SDK]: imageSample({
    preset: 'CmakeSdk',
    comment: 'The base is a build argument (`make build SERVICES_BASE_IMAGE=…` builds on a mirror); pin it by digest.',
    bases: { base: { reference: 'debian:bookworm-slim', buildArg: 'BASE_IMAGE' } },
    values: { program: 'hello' },
  }, 'cmake-sdk'),
  [ContainersSample.NONE]: {
    imports: ['Containers'],
    moduleBody: [
      "  // Add image families here, e.g. `const app = containers.addFamily('app', { dockerfile: 'Dockerfile' });`,",
      '  // then images with `app.addImage(…)` or a preset (`new GoService(app, …)`); see the projen-containers README.',
      '  void containers;',
    ],
    define: () => undefined,
  },
};

/** The example of `sample`; throws for a value that is not a `ContainersSample`. @internal */
export function samplePipeline(sample: ContainersSample): SamplePipeline {
  const found = Object.prototype.hasOwnProperty.call(SAMPLES, sample) ? SAMPLES[sample] : undefined;
  if (found === undefined) {
    const known = Object.values(ContainersSample).map((s) => JSON.stringify(s)).join(', ');
    throw new Error(`containersSample ${JSON.stringify(String(sample))} is not one of ${known}`);
  }
  return found;
}

/** The TypeScript module of the pipeline, written once into the new project (`projenrc/containers.ts`). @internal */
export function pipelineModule(sample: SamplePipeline): string {
  return [
    '// The container pipeline of this project, used by .projenrc.ts and by the pipeline snapshot test. Edit it here and',
    '// run `npx projen` to regenerate the Dockerfile, Makefile, bake file, workflow and CONTAINERS.md.',
    `import { ${sample.imports.join(', ')} } from 'projen-containers';`,
    '',
    '/** Adds the image families of this project to its pipeline. */',
    `export function ${DEFINE_PIPELINE}(containers: Containers): void {`,
    ...sample.moduleBody,
    '}',
    '',
  ].join('\n');
}
