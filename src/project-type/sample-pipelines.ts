import * as path from 'path';
import { ContainersSample } from './containers-sample';
import type { Containers } from '../containers';
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
 * of sources its image builds. A test evaluates `moduleBody` and compares its pipeline with `define`'s. @internal
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

const family = (containers: Containers) => containers.addFamily('services', { dockerfile: 'Dockerfile', description: 'The services of this repository' });
const FAMILY_LINE = "  const services = containers.addFamily('services', { dockerfile: 'Dockerfile', description: 'The services of this repository' });";

const SAMPLES: Record<ContainersSample, SamplePipeline> = {
  [ContainersSample.GO_SERVICE]: {
    imports: ['Containers', 'GoService', 'ImageSource'],
    moduleBody: [
      FAMILY_LINE,
      '  // The toolchain is a build argument (`make build SERVICES_GO_IMAGE=…` builds on a mirror); pin it by digest.',
      "  new GoService(services, 'hello', {",
      `    source: '${SAMPLE_SOURCE}',`,
      "    builder: ImageSource.registry('golang:1.23-bookworm', { buildArg: 'GO_IMAGE' }),",
      '  });',
    ],
    define: (containers) => {
      new GoService(family(containers), 'hello', {
        source: SAMPLE_SOURCE,
        builder: ImageSource.registry('golang:1.23-bookworm', { buildArg: 'GO_IMAGE' }),
      });
    },
    sourceDir: path.join(TEMPLATES, 'go-service'),
  },
  [ContainersSample.RUST_SERVICE]: {
    imports: ['Containers', 'ImageSource', 'RustService'],
    moduleBody: [
      FAMILY_LINE,
      '  // The toolchain is a build argument (`make build SERVICES_RUST_IMAGE=…` builds on a mirror); pin it by digest.',
      "  new RustService(services, 'hello', {",
      `    source: '${SAMPLE_SOURCE}',`,
      "    builder: ImageSource.registry('rust:1.83-bookworm', { buildArg: 'RUST_IMAGE' }),",
      '  });',
    ],
    define: (containers) => {
      new RustService(family(containers), 'hello', {
        source: SAMPLE_SOURCE,
        builder: ImageSource.registry('rust:1.83-bookworm', { buildArg: 'RUST_IMAGE' }),
      });
    },
    sourceDir: path.join(TEMPLATES, 'rust-service'),
  },
  [ContainersSample.PYTHON_SERVICE]: {
    imports: ['Containers', 'ImageSource', 'PythonService'],
    moduleBody: [
      FAMILY_LINE,
      '  // Both images are build arguments (`make build SERVICES_PYTHON_IMAGE=… SERVICES_PYTHON_SLIM_IMAGE=…`); pin them by digest.',
      "  new PythonService(services, 'hello', {",
      `    source: '${SAMPLE_SOURCE}',`,
      "    builder: ImageSource.registry('python:3.12-bookworm', { buildArg: 'PYTHON_IMAGE' }),",
      "    base: ImageSource.registry('python:3.12-slim-bookworm', { buildArg: 'PYTHON_SLIM_IMAGE' }),",
      "    command: ['/opt/venv/bin/python', '/app/app.py'],",
      '  });',
    ],
    define: (containers) => {
      new PythonService(family(containers), 'hello', {
        source: SAMPLE_SOURCE,
        builder: ImageSource.registry('python:3.12-bookworm', { buildArg: 'PYTHON_IMAGE' }),
        base: ImageSource.registry('python:3.12-slim-bookworm', { buildArg: 'PYTHON_SLIM_IMAGE' }),
        command: ['/opt/venv/bin/python', '/app/app.py'],
      });
    },
    sourceDir: path.join(TEMPLATES, 'python-service'),
  },
  [ContainersSample.CMAKE_SDK]: {
    imports: ['CmakeSdk', 'Containers', 'ImageSource'],
    moduleBody: [
      FAMILY_LINE,
      '  // The base is a build argument (`make build SERVICES_BASE_IMAGE=…` builds on a mirror); pin it by digest.',
      "  new CmakeSdk(services, 'hello', {",
      `    source: '${SAMPLE_SOURCE}',`,
      "    base: ImageSource.registry('debian:bookworm-slim', { buildArg: 'BASE_IMAGE' }),",
      "    program: 'hello',",
      '  });',
    ],
    define: (containers) => {
      new CmakeSdk(family(containers), 'hello', {
        source: SAMPLE_SOURCE,
        base: ImageSource.registry('debian:bookworm-slim', { buildArg: 'BASE_IMAGE' }),
        program: 'hello',
      });
    },
    sourceDir: path.join(TEMPLATES, 'cmake-sdk'),
  },
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
