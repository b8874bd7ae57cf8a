import { Component, IgnoreFile, Project } from 'projen';
import { renderBakeJson } from './bake/plan-to-bake';
import { printDockerfile } from './dockerfile/printer';
import { DockerfileSyntax } from './dockerfile/syntax';
import { renderContainersDoc } from './docs/containers-doc';
import { ExternalFamily, ExternalFamilyProps } from './family/external-family';
import { FamilyTag } from './family/family-tag';
import { ImageFamily, ImageFamilyProps } from './family/image-family';
import { RenderedFile } from './files/rendered-file';
import { renderMakefile } from './make/plan-to-makefile';
import type { BuildPlan } from './plan/build-plan';
import { buildDockerfile } from './synth/dockerfile-builder';
import { planDockerignores } from './synth/dockerignore';
import { PipelineIndex } from './synth/pipeline-index';
import { buildPlan } from './synth/plan-builder';
import { StageSourceResolver } from './synth/stage-sources';
import { validatePipeline } from './synth/validate';
import { addContainersWorkflow } from './workflow/containers-workflow';

/** Settings of the generated GitHub Actions workflow. */
export interface ContainersWorkflowOptions {
  /**
   * Generate the workflow.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Workflow name; the file is `.github/workflows/<name>.yml`.
   * @default "containers"
   */
  readonly name?: string;
  /**
   * Branch whose pushes build and publish.
   * @default "main"
   */
  readonly defaultBranch?: string;
  /**
   * Runner label of every job.
   * @default "ubuntu-24.04"
   */
  readonly runsOn?: string;
  /**
   * Time limit of every job.
   * @default 60
   */
  readonly timeoutMinutes?: number;
  /**
   * Secret holding the registry user name (registries other than ghcr.io).
   * @default "REGISTRY_USERNAME"
   */
  readonly usernameSecret?: string;
  /**
   * Secret holding the registry password or token (registries other than ghcr.io).
   * @default "REGISTRY_PASSWORD"
   */
  readonly passwordSecret?: string;
}

/** Properties of the container pipeline. */
export interface ContainersProps {
  /** Registry host and namespace images are published under, e.g. `ghcr.io/acme`. Overridable as `REGISTRY`. */
  readonly registry: string;
  /**
   * Default platforms, e.g. `['linux/amd64', 'linux/arm64']`.
   * @default - the builder's native platform
   */
  readonly platforms?: string[];
  /**
   * Default tag policy of every family.
   * @default - FamilyTag.templates(['{version}', '{branch}'], { fallback: 'dev' })
   */
  readonly tag?: FamilyTag;
  /**
   * The `# syntax=` directive of generated Dockerfiles.
   * @default DockerfileSyntax.auto()
   */
  readonly dockerfileSyntax?: DockerfileSyntax;
  /**
   * Numeric `uid:gid` published images run as unless they say otherwise.
   * @default "10001:10001"
   */
  readonly defaultUser?: string;
  /**
   * URL of the source repository, written to the `org.opencontainers.image.source` label.
   * @default - no source label
   */
  readonly sourceUrl?: string;
  /**
   * Path of the generated Makefile.
   * @default "Makefile"
   */
  readonly makefile?: string;
  /**
   * Path of the generated bake file.
   * @default "docker-bake.json"
   */
  readonly bakeFile?: string;
  /**
   * Path of the generated documentation.
   * @default "CONTAINERS.md"
   */
  readonly docs?: string;
  /**
   * Extra `.dockerignore` patterns, appended after the generated allow-list and default excludes.
   * @default - none
   */
  readonly dockerignorePatterns?: string[];
  /**
   * The CI workflow.
   * @default - enabled with the defaults of ContainersWorkflowOptions
   */
  readonly workflow?: ContainersWorkflowOptions;
}

/**
 * The container pipeline of a projen project: image families, their Dockerfiles, `.dockerignore`, Makefile,
 * bake file, GitHub workflow and CONTAINERS.md, all derived from one model.
 *
 * The whole tree is validated before anything is written; every problem is reported at once with its construct path.
 */
export class Containers extends Component {
  /** The pipeline of `project`, if it has one. */
  public static of(project: Project): Containers | undefined {
    return project.components.find((c): c is Containers => c instanceof Containers);
  }

  /** The properties as given. */
  public readonly props: ContainersProps;
  private plan?: BuildPlan;

  constructor(project: Project, props: ContainersProps) {
    super(project, 'Containers');
    this.props = props;
  }

  /** Adds an image family. */
  public addFamily(id: string, props: ImageFamilyProps = {}): ImageFamily {
    return new ImageFamily(this, id, props);
  }

  /** Declares a family published by another repository, to build on its images with one shared tag. */
  public addExternalFamily(id: string, props: ExternalFamilyProps): ExternalFamily {
    return new ExternalFamily(this, id, props);
  }

  /** The build plan, available after validation (during synthesis). @internal */
  public get _plan(): BuildPlan {
    if (!this.plan) throw new Error(`[${this.node.path}] the build plan is only available during synthesis`);
    return this.plan;
  }

  public preSynthesize(): void {
    const index = new PipelineIndex(this);
    const settings = this.settings();
    const d = validatePipeline(index, settings);
    d.throwIfErrors();
    const plan = buildPlan(index, settings, d);
    const ignores = planDockerignores(index, settings.dockerignorePatterns, d);
    d.throwIfErrors();
    for (const w of d.warnings) this.project.logger.warn(`[${w.path}] ${w.message}`);
    this.plan = plan;
    this.writeFiles(index, plan, ignores);
  }

  private settings() {
    const p = this.props;
    const wf = p.workflow ?? {};
    const registryHost = p.registry.split('/')[0];
    return {
      path: this.node.path,
      registry: p.registry,
      platforms: p.platforms ?? [],
      defaultTag: p.tag ?? FamilyTag.templates(['{version}', '{branch}'], { fallback: 'dev' }),
      defaultUser: p.defaultUser ?? '10001:10001',
      sourceUrl: p.sourceUrl,
      dockerignorePatterns: p.dockerignorePatterns ?? [],
      dockerfileSyntax: p.dockerfileSyntax,
      workflow: {
        enabled: wf.enabled ?? true,
        name: wf.name ?? 'containers',
        fileName: `${wf.name ?? 'containers'}.yml`,
        defaultBranch: wf.defaultBranch ?? 'main',
        loginRegistry: registryHost,
        usernameSecret: registryHost === 'ghcr.io' ? undefined : wf.usernameSecret ?? 'REGISTRY_USERNAME',
        passwordSecret: registryHost === 'ghcr.io' ? undefined : wf.passwordSecret ?? 'REGISTRY_PASSWORD',
        runsOn: wf.runsOn ?? 'ubuntu-24.04',
        timeoutMinutes: wf.timeoutMinutes ?? 60,
      },
    };
  }

  private writeFiles(index: PipelineIndex, plan: BuildPlan, ignores: ReturnType<typeof planDockerignores>): void {
    const sources = new StageSourceResolver(index);
    const syntax = this.props.dockerfileSyntax ?? DockerfileSyntax.auto();
    const ctx = { index, sources, defaultUser: this.props.defaultUser ?? '10001:10001', sourceUrl: this.props.sourceUrl };
    for (const file of index.dockerfiles()) {
      const model = buildDockerfile(file.stages, ctx);
      new RenderedFile(this, file.path, (marker) => {
        const directive = syntax._directive(model.features);
        return [directive ? `# syntax=${directive}` : undefined, `# ${marker}`].filter((l) => l !== undefined).join('\n') + '\n' + printDockerfile(model.lines);
      });
    }
    for (const ignore of ignores) {
      const path = ignore.context === '.' ? '.dockerignore' : `${ignore.context}/.dockerignore`;
      // the patterns are final (deduplicated, in order): handing them over whole keeps IgnoreFile linear
      new IgnoreFile(this.project, path, { ignorePatterns: ignore.patterns });
    }
    new RenderedFile(this, this.props.makefile ?? 'Makefile', (marker) => renderMakefile(plan, marker));
    const bakeFile = this.props.bakeFile ?? 'docker-bake.json';
    new RenderedFile(this, bakeFile, (marker) => renderBakeJson(plan, marker));
    new RenderedFile(this, this.props.docs ?? 'CONTAINERS.md', (marker) => renderContainersDoc(plan, marker));
    if (plan.workflow.enabled) {
      addContainersWorkflow(this.project, plan, bakeFile);
    }
  }
}
