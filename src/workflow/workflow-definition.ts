import type { PullRequestImagesOptions } from './pull-request-images';
import type { WorkflowRegistry } from './workflow-registry';
import type { WorkflowDispatchOptions, WorkflowPullRequestOptions, WorkflowPushOptions } from './workflow-triggers';

/**
 * A GitHub Actions workflow of the pipeline, one of several (`Containers.addWorkflow(id, …)` or the `workflows`
 * prop). Declaring any replaces the single default workflow.
 *
 * Each selects images and its own triggers; it is hardened like the default one (SHA-pinned actions, `permissions: {}`
 * and least scopes per job, no `${{ }}` in `run:`, timeouts, concurrency).
 *
 * @example
 * import { Containers, WorkflowRegistry } from 'projen-containers';
 *
 * declare const containers: Containers;
 * const registry = WorkflowRegistry.fromSecret('DOCKER_REGISTRY_URL');
 * containers.addWorkflow('build-runtime', { families: ['runtime'], dispatch: {}, registry });
 * containers.addWorkflow('build-app', {
 *   images: ['app-web'],
 *   push: { branches: ['main'] },
 *   pathsIgnore: ['**.md', 'docs/**'],
 *   registry,
 *   usernameSecret: 'DOCKER_USERNAME',
 *   passwordSecret: 'DOCKER_PASSWORD',
 * });
 */
export interface WorkflowDefinitionOptions {
  /**
   * Workflow name, also the file name `.github/workflows/<name>.yml`.
   * @default - the id
   */
  readonly name?: string;
  /**
   * Families whose images the workflow builds (ids).
   * @default - every family, unless `images` is set
   */
  readonly families?: string[];
  /**
   * Images the workflow builds, as `<family>-<image>` (the suffix of their Make targets), added to `families`.
   * @default - none beyond `families`
   */
  readonly images?: string[];
  /**
   * Run on pushes.
   * @default - no push trigger
   */
  readonly push?: WorkflowPushOptions;
  /**
   * Run on pull requests (build without pushing, or pull-request images).
   * @default - no pull_request trigger
   */
  readonly pullRequest?: WorkflowPullRequestOptions;
  /**
   * Run manually.
   * @default - no workflow_dispatch trigger
   */
  readonly dispatch?: WorkflowDispatchOptions;
  /**
   * Cron schedules (5 fields, UTC), e.g. `['0 4 * * 1']`.
   * @default - none
   */
  readonly schedule?: string[];
  /**
   * Derive `paths` of the push and pull_request triggers from the selected images' inputs (Dockerfile,
   * `.dockerignore`, COPY and bind-mount sources, those of parent images, the bake file and this workflow).
   * @default true, unless `pathsIgnore` is set (GitHub forbids both on one event)
   */
  readonly pathsFromInputs?: boolean;
  /**
   * More `paths` patterns for push and pull_request.
   * @default - none
   */
  readonly paths?: string[];
  /**
   * `paths-ignore` patterns for push and pull_request (seed 001: `['**.md', 'docs/**']`); excludes `paths`.
   * @default - none
   */
  readonly pathsIgnore?: string[];
  /**
   * Where the workflow publishes.
   * @default - WorkflowRegistry.literal(<the pipeline's registry>)
   */
  readonly registry?: WorkflowRegistry;
  /**
   * Secret holding the registry user name (registries other than ghcr.io).
   * @default - the pipeline's workflow.usernameSecret ("REGISTRY_USERNAME")
   */
  readonly usernameSecret?: string;
  /**
   * Secret holding the registry password or token (registries other than ghcr.io).
   * @default - the pipeline's workflow.passwordSecret ("REGISTRY_PASSWORD")
   */
  readonly passwordSecret?: string;
  /**
   * Runner label of every job.
   * @default - the pipeline's workflow.runsOn
   */
  readonly runsOn?: string;
  /**
   * Runner label per platform when the workflow publishes images with planned platforms: one job per platform builds
   * and pushes by digest on its runner, then one merge job per image creates the multi-platform index. A platform
   * without a runner here or in the built-in table builds on `runsOn` under QEMU emulation.
   * @default - the pipeline's workflow.platformRunners, over linux/amd64 on "ubuntu-24.04", linux/arm64 on "ubuntu-24.04-arm", other platforms on runsOn with QEMU
   */
  readonly platformRunners?: { [platform: string]: string };
  /**
   * Time limit of every job.
   * @default - the pipeline's workflow.timeoutMinutes
   */
  readonly timeoutMinutes?: number;
  /**
   * Tag of the published parents of the selected images that the workflow does not select itself (an image of
   * another Dockerfile it builds on, e.g. seed 001's runtime under its app): instead of building the parent too (a
   * `target:` context), the bake step pulls `<this workflow's registry>/<parent repository>:<parentTag>` (through the
   * `<PARENT>_IMAGE_PUBLISHED` bake variable). Select the parent as well to build both.
   * @default "latest"
   */
  readonly parentTag?: string;
  /**
   * Pull-request images (needs `pullRequest`).
   * @default - pull requests build without pushing
   */
  readonly pullRequestImages?: PullRequestImagesOptions;
}
