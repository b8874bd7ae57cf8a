import type { IConstruct } from 'constructs';
import { Component, IgnoreFile, Project } from 'projen';
import type { CachePolicy } from './cache/cache-policy';
import { acknowledgeHint, acknowledgementPath, readAcknowledgements, RecordedAcknowledgement, unacknowledged } from './core/acknowledgements';
import { Diagnostics, PipelineValidationError } from './core/diagnostics';
import { findingLines } from './core/findings-block';
import { Origin, recordOrigin } from './core/origin';
import { OriginIndex } from './core/origin-index';
import { DockerfileSyntax } from './dockerfile/syntax';
import { ExternalFamily, ExternalFamilyProps } from './family/external-family';
import { FamilyTag } from './family/family-tag';
import { ImageFamily, ImageFamilyProps } from './family/image-family';
import { projenMarker } from './files/marker';
import { RenderedFile } from './files/rendered-file';
import { addImportTask } from './import/import-task';
import type { MakeOptions, MakeTargetOptions } from './make/make-options';
import { addPinTask } from './pin/pin-task';
import { addPinRefreshWorkflow } from './pin/refresh-workflow';
import type { BuildPlan } from './plan/build-plan';
import type { AttestationOptions } from './supply/attestations';
import type { Signing } from './supply/signing';
import { checkPins, checkUrlPins, loadPinLock, Pins } from './synth/pin-lock';
import { PipelineIndex } from './synth/pipeline-index';
import { buildPlan } from './synth/plan-builder';
import { renderPipeline } from './synth/render-pipeline';
import { resolveSettings } from './synth/settings';
import { validatePipeline } from './synth/validate';
import { validatePlatformSubsets } from './synth/validate-platforms';
import { validateProjectFit } from './synth/validate-project';
import type { ValidationDiagnostic } from './validation-diagnostic';
import { addContainersWorkflow } from './workflow/containers-workflow';
import type { WorkflowDefinitionOptions } from './workflow/workflow-definition';

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
   * Runner label per platform when a workflow publishes images with planned platforms: one job per platform builds
   * and pushes by digest on its runner, then one merge job per image creates the multi-platform index. A platform
   * without a runner here or in the built-in table builds on `runsOn` under QEMU emulation.
   * @default - linux/amd64 on "ubuntu-24.04", linux/arm64 on "ubuntu-24.04-arm", other platforms on runsOn with QEMU
   */
  readonly platformRunners?: { [platform: string]: string };
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

/** Digest pinning of base images through a lockfile (see README "Pinning"). */
export interface ContainersPinningOptions {
  /**
   * Path of the lockfile mapping every registry base image reference to its digest, written by the
   * `containers:pin` task (`projen-containers-pin`) and read by synthesis: a locked base is rendered
   * `name:tag@sha256:<digest>` in Dockerfiles and as the default of its Makefile and bake variable.
   * @default "containers.lock.json"
   */
  readonly lockFile?: string;
  /**
   * Frozen mode for CI: synthesis fails, naming every offender, when a registry base has no digest in the
   * pipeline or the lockfile, or the lockfile holds entries the pipeline no longer uses. The environment
   * variable `PROJEN_CONTAINERS_FROZEN=1` turns it on as well.
   * @default false
   */
  readonly frozen?: boolean;
  /**
   * Path of a generated `KEY=value` file holding, per base image variable, the pinned reference (a
   * `digests.env` for scripts and `docker compose --env-file`).
   * @default - none
   */
  readonly digestsEnvFile?: string;
  /**
   * Generate a scheduled workflow that runs `containers:pin --update`, synthesizes again and opens (or updates) a pull
   * request with the changed lock and outputs. Off by default: it needs write permissions and the repository setting
   * "Allow GitHub Actions to create and approve pull requests".
   * @default - no refresh workflow
   */
  readonly refreshWorkflow?: ContainersPinRefreshOptions;
}

/** The scheduled workflow that keeps the lock's pins fresh (see README "Pinning"). */
export interface ContainersPinRefreshOptions {
  /**
   * When it runs: a 5-field cron expression (UTC). It can also be started by hand (`workflow_dispatch`).
   * @default "0 5 * * 1" (Mondays at 05:00 UTC)
   */
  readonly schedule?: string;
  /**
   * Workflow name; the file is `.github/workflows/<name>.yml`.
   * @default "containers-pin"
   */
  readonly name?: string;
  /**
   * Branch the pull request comes from; it is reset to the default branch (`workflow.defaultBranch`) plus one commit
   * on every run that changes something.
   * @default "containers/pin-refresh"
   */
  readonly branch?: string;
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
   * Where the build cache is read from and written to (the default of every family and image; CI writes it only when publishing).
   * @default - no cache import or export
   */
  readonly cache?: CachePolicy;
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
   * SPDX license expression of the published images (e.g. `"Apache-2.0"`, `"MIT OR Apache-2.0"`), written to the
   * `org.opencontainers.image.licenses` label and annotation; the nearest of image, family and pipeline wins.
   * @default - no licenses label
   */
  readonly licenses?: string;
  /**
   * Path of the generated Makefile.
   * @default "Makefile"
   */
  readonly makefile?: string;
  /**
   * Target names, default goal and targets of your own in the generated Makefile.
   * @default - verb targets without prefix, default goal `help`, no targets of your own
   */
  readonly make?: MakeOptions;
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
   * The CI workflow settings; with declared `workflows`, `enabled`, `defaultBranch`, `runsOn`, `timeoutMinutes` and the
   * secret names apply to all of them (as defaults), `name` only to the single default workflow.
   * @default - enabled with the defaults of ContainersWorkflowOptions
   */
  readonly workflow?: ContainersWorkflowOptions;
  /**
   * Several workflows, each with its images and triggers (more can be added with `addWorkflow`). Declaring any
   * replaces the single default workflow; each needs a `name`.
   * @default - one default workflow: pull requests build, pushes to the default branch and `v*` tags publish
   */
  readonly workflows?: WorkflowDefinitionOptions[];

  /**
   * Sign every published image with cosign, by digest: a `sign` job in CI (keyless, `id-token: write` in that job
   * only), `sign-<image>` targets in the Makefile (`COSIGN_KEY`, else keyless) and the `cosign verify` command in
   * CONTAINERS.md.
   * @default - images are not signed
   */
  readonly signing?: Signing;
  /**
   * Attestations attached to every pushed image (provenance, optionally an SBOM), passed identically by the Makefile,
   * the bake file and CI.
   * @default - none requested (buildx may still add its default minimal provenance to pushes)
   */
  readonly attestations?: AttestationOptions;
  /**
   * Reproducible images: builds get `SOURCE_DATE_EPOCH` = the commit time (a Makefile build fact CI passes on), and
   * pushes rewrite layer file timestamps to it (`rewrite-timestamp=true`) when `REWRITE_TIMESTAMP` is set, which the
   * publishing CI job does. Labels already take their time from the commit (`org.opencontainers.image.created`).
   * @default false
   */
  readonly reproducible?: boolean;

  /**
   * Digest pinning of base images.
   * @default - lockfile `containers.lock.json`, not frozen, no digests env file
   */
  readonly pinning?: ContainersPinningOptions;
}

/**
 * The container pipeline of a projen project: image families, their Dockerfiles, `.dockerignore`, Makefile,
 * bake file, GitHub workflow and CONTAINERS.md, all derived from one model.
 *
 * The whole tree is validated before anything is written; every problem is reported at once with its construct path.
 *
 * @example
 * import { Project } from 'projen';
 * import { Containers, FamilyTag, ImageSource } from 'projen-containers';
 *
 * const project = new Project({ name: 'app' });
 * const containers = new Containers(project, { registry: 'ghcr.io/acme' });
 * const app = containers.addFamily('app', {
 *   dockerfile: 'Dockerfile',
 *   tag: FamilyTag.templates(['{version}', '{branch}']),
 * });
 * const api = app.addImage('api', { from: ImageSource.registry('debian:bookworm-slim') });
 * api.copy(['bin/api'], '/usr/local/bin/api');
 * api.expose(8080);
 * api.cmd(['/usr/local/bin/api']);
 * project.synth();
 */
export class Containers extends Component {
  /** Whether `x` is a Containers pipeline (also across copies of this library). */
  public static isContainers(x: unknown): x is Containers {
    return typeof x === 'object' && x !== null && CONTAINERS_SYMBOL in x;
  }

  /**
   * The findings carried by an error that synthesis threw, when it is a `PipelineValidationError`; otherwise
   * `undefined`. For languages that cannot catch the TypeScript error class by type.
   */
  public static validationDiagnostics(error: any): ValidationDiagnostic[] | undefined {
    return PipelineValidationError.isPipelineValidationError(error) ? [...error.diagnostics] : undefined;
  }

  /** The pipeline of `project`, if it has one. */
  public static of(project: Project): Containers | undefined {
    return project.components.find((c): c is Containers => Containers.isContainers(c));
  }

  private readonly props: ContainersProps;
  private readonly makeTargets: MakeTargetOptions[] = [];
  private readonly declaredWorkflows: Array<{ readonly id: unknown; readonly options: unknown; readonly origin: Origin }> = [];
  private readonly acknowledgements: Array<RecordedAcknowledgement & { readonly origin: Origin }> = [];
  private plan?: BuildPlan;

  constructor(project: Project, props: ContainersProps) {
    super(project, 'Containers');
    recordOrigin(this, Containers);
    Object.defineProperty(this, CONTAINERS_SYMBOL, { value: true });
    this.props = props;
    addImportTask(project);
  }

  /** Adds an image family. */
  public addFamily(id: string, props: ImageFamilyProps = {}): ImageFamily {
    return new ImageFamily(this, id, props);
  }

  /** Declares a family published by another repository, to build on its images with one shared tag. */
  public addExternalFamily(id: string, props: ExternalFamilyProps): ExternalFamily {
    return new ExternalFamily(this, id, props);
  }

  /**
   * Adds a target of your own to the Makefile, after `make.targets` (e.g. one that runs in an image added before).
   */
  public addMakeTarget(target: MakeTargetOptions): void {
    this.makeTargets.push(target);
  }

  /**
   * Adds a GitHub Actions workflow with its own images and triggers; declaring any workflow replaces the single
   * default one.
   * @param id the workflow's id, also its name and file name (`.github/workflows/<id>.yml`) unless `options.name` is set
   */
  public addWorkflow(id: string, options: WorkflowDefinitionOptions = {}): void {
    this.declaredWorkflows.push({ id, options, origin: Origin.capture(this.addWorkflow) });
  }

  /**
   * Acknowledges the warning `id` (see README "Errors and warnings") for `scope` and every construct below it: such
   * warnings are no longer printed. An acknowledgement that covers no finding of its id is itself reported (warning
   * `unused-acknowledgement`), so none outlives what it was written for.
   * @param scope this pipeline, or a family, image or stage of it
   * @param id the warning's id, e.g. `unpinned-base`
   * @param reason why the warning does not apply here (for the next reader of the code)
   */
  public acknowledgeWarning(scope: IConstruct, id: string, reason: string): void {
    this.acknowledgements.push({ scope, id, reason, origin: Origin.capture(this.acknowledgeWarning) });
  }

  /** The build plan, available after validation (during synthesis). @internal */
  public get _plan(): BuildPlan {
    if (!this.plan) throw new Error(`[${this.node.path}] the build plan is only available during synthesis`);
    return this.plan;
  }

  /**
   * Validates the whole tree, builds the plan and renders every output before any file object exists: a problem in
   * user input is one `PipelineValidationError` listing every construct path, and then nothing is written.
   */
  public preSynthesize(): void {
    const origins = new OriginIndex(this, this.project.root.outdir);
    this.declaredWorkflows.forEach((w) => typeof w.id === 'string' && origins.add(`${this.node.path}/workflow.${w.id}`, w.origin));
    this.acknowledgements.forEach((a, n) => origins.add(acknowledgementPath(this.node.path, n), a.origin));
    const d = new Diagnostics((path) => origins.locate(path));
    const acknowledgements = readAcknowledgements(this.acknowledgements, this, d);
    const settings = resolveSettings(this.props, this.node.path, d, this.makeTargets, this.declaredWorkflows);
    const index = new PipelineIndex(this, d);
    validatePipeline(index, settings, d);
    const pins = new Pins(loadPinLock(this.project.outdir, settings.pinning, this.node.path, d));
    const pinReferences = checkPins(index, settings.pinning, pins, this.node.path, d);
    const pinUrls = checkUrlPins(index, settings.pinning, pins, this.node.path, d);
    d.throwIfErrors();
    const plan = buildPlan(index, settings, d, pins, pinReferences, pinUrls);
    validateProjectFit(this.project, plan, settings.path, d);
    validatePlatformSubsets(d, index, plan);
    d.throwIfErrors();
    const rendered = renderPipeline(plan, projenMarker(this.project));
    for (const w of d.located(unacknowledged(acknowledgements, d))) {
      const hint = acknowledgeHint(w.id);
      this.project.logger.warn([`projen-containers warning ${w.id}: ${findingLines(w)}`, ...(hint ? [`  ${hint}`] : [])].join('\n'));
    }
    this.plan = plan;
    for (const file of rendered.files) new RenderedFile(this, file.path, file.content);
    for (const ignore of plan.dockerignores) {
      // the patterns are final (deduplicated, in order): handing them over whole keeps IgnoreFile linear
      new IgnoreFile(this.project, ignore.path, { ignorePatterns: [...ignore.patterns] });
    }
    excludeFromNpmPackage(this.project, [...rendered.files.map((file) => file.path), ...plan.dockerignores.map((ignore) => ignore.path)]);
    for (const workflow of rendered.workflows) addContainersWorkflow(this.project, workflow.plan, workflow.jobs);
    addPinTask(this.project, plan.pins);
    if (plan.pins.refresh) addPinRefreshWorkflow(this.project, plan.pins.refresh);
  }
}

/**
 * Keeps the generated files (Dockerfiles, Makefile, bake file, CONTAINERS.md, `.dockerignore` files) out of the npm
 * package of a Node.js project (its `.npmignore`): they build the repository's images, they are not part of its
 * library. Paths are anchored at the project root (`/Makefile`), so files of the same name elsewhere stay packed.
 */
function excludeFromNpmPackage(project: Project, paths: readonly string[]): void {
  const npmignore = (project as { npmignore?: IgnoreFile }).npmignore;
  if (npmignore === undefined || typeof npmignore.exclude !== 'function') return;
  npmignore.exclude(...[...new Set(paths)].sort().map((path) => `/${path}`));
}

const CONTAINERS_SYMBOL = Symbol.for('projen-containers.Containers');
