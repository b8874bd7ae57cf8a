import * as path from 'path';
import { SampleDir, SampleFile, typescript } from 'projen';
import { ContainersSample } from './containers-sample';
import { pipelineTestModule } from './pipeline-test-module';
import { ProjenrcWiring } from './projenrc-wiring';
import { pipelineModule, SAMPLE_SOURCE, samplePipeline } from './sample-pipelines';
import { Containers } from '../containers';

/** Options of a TypeScript project with a container pipeline. */
export interface ContainersTypeScriptProjectOptions extends typescript.TypeScriptProjectOptions {
  /**
   * Registry and namespace the pipeline's images are named under (`ContainersProps.registry`); the Makefile's
   * `REGISTRY` variable overrides it per build.
   * @default "ghcr.io/my-org"
   * @pjnew "ghcr.io/my-org"
   */
  readonly registry?: string;

  /**
   * The example the project starts with when `projen new` creates it: its pipeline in `projenrc/containers.ts`
   * (which `.projenrc.ts` calls), its sources in `services/hello` and a snapshot test of the generated files. Read only
   * while the project is created; afterwards the pipeline is whatever `projenrc/containers.ts` defines.
   * @default ContainersSample.GO_SERVICE
   */
  readonly containersSample?: ContainersSample;
}

/**
 * A TypeScript project whose repository builds container images: the `Containers` pipeline (`project.containers`)
 * generates the Dockerfile, `.dockerignore`, Makefile, bake file, GitHub workflow and CONTAINERS.md on every synth.
 *
 * `npx projen new --from projen-containers` creates one with an example image (see `containersSample`): the pipeline
 * lives in `projenrc/containers.ts`, which `.projenrc.ts` calls on `project.containers` and the sample test
 * snapshots; the example's sources are written once and never overwritten. `.projenrc.ts` is TypeScript by default.
 *
 * @pjid containers-ts
 */
export class ContainersTypeScriptProject extends typescript.TypeScriptProject {
  /** The container pipeline: add image families to it (`containers.addFamily(…)`). */
  public readonly containers: Containers;

  constructor(options: ContainersTypeScriptProjectOptions) {
    super({ projenrcTs: true, ...options });
    const registry = options.registry ?? 'ghcr.io/my-org';
    this.containers = new Containers(this, { registry });
    // the Dockerfile import command edits .projenrc.ts with ts-morph, resolved from this project
    this.addDevDeps('ts-morph@^28.0.0');
    // projen sets this variable while `projen new` creates the project (see projen's Projects.createProject)
    if (process.env.PROJEN_CREATE_PROJECT === 'true') this.addSample(options, registry);
  }

  /** The example: the pipeline (also added now, so the first synthesis generates its files), its module, sources and test. */
  private addSample(options: ContainersTypeScriptProjectOptions, registry: string): void {
    const sample = samplePipeline(options.containersSample ?? ContainersSample.GO_SERVICE);
    sample.define(this.containers);
    const codeDir = options.projenrcTsOptions?.projenCodeDir ?? 'projenrc';
    const modulePath = path.posix.join(codeDir, 'containers.ts');
    new SampleFile(this, modulePath, { contents: pipelineModule(sample) });
    if (sample.sourceDir !== undefined) new SampleDir(this, SAMPLE_SOURCE, { sourceDir: sample.sourceDir });
    const moduleImport = (from: string) => {
      const relative = path.posix.relative(from, modulePath.replace(/\.ts$/, ''));
      return relative.startsWith('.') ? relative : `./${relative}`;
    };
    if (this.jest !== undefined) {
      new SampleFile(this, path.posix.join(this.testdir, 'containers.test.ts'), { contents: pipelineTestModule(registry, moduleImport(this.testdir)) });
    }
    if (options.projenrcTs !== false) {
      const rcFile = options.projenrcTsOptions?.filename ?? '.projenrc.ts';
      new ProjenrcWiring(this, rcFile, moduleImport(path.posix.dirname(rcFile)));
    }
  }
}
