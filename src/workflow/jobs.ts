import { github } from 'projen';
import { CHECKOUT, pinnedUses, SETUP_BUILDX, SETUP_QEMU } from './action-pins';
import { CacheWriter, cacheSteps, writesCache } from './cache-steps';
import { withDispatchInputs } from './dispatch-variables';
import { digestOutputOf } from './image-digests';
import { BAKE_METADATA, digestStep, fanOutPlatforms, mergeJobId, platformPublishJobs } from './platform-jobs';
import { publishedParentEnv } from './published-parents';
import { pullRequestJobs } from './pull-request-jobs';
import { loginStep, registrySource } from './registry-steps';
import { signJob } from './sign-job';
import { labelBuildFacts } from '../make/build-facts';
import { usesPlatforms } from '../make/platforms';
import { shellWord } from '../make/shell-quote';
import type { BuildPlan, PlannedImage, PlannedWorkflow } from '../plan/build-plan';
import { tagVariableNames } from '../plan/tag-variable-names';
import { BAKE_DEFAULT_GROUP, GLOBAL_TARGETS, imageTargets, sizeCheckTargets } from '../plan/target-names';
import { CACHE_TO_VARIABLE, SETTING_VARIABLES, SUPPLY_VARIABLES } from '../plan/variables';

/** `tag` only runs `make print-tags`; it never needs the full build budget. */
const TAG_JOB_TIMEOUT_MINUTES = 10;

/** Step id of the `make print-tags` step; the `tag` job's outputs read from it. */
const TAGS_STEP_ID = 'tags';

/** Job ids, in the order they appear in the workflow. @internal */
export const JOB_IDS = {
  tag: 'tag',
  build: 'build',
  publish: 'publish',
  sign: 'sign',
  changes: 'changes',
  prImages: 'pr-images',
  prBuild: 'pr-build',
  prComment: 'pr-comment',
  prCleanup: 'pr-cleanup',
} as const;

/** A pull_request run that is not the `closed` event (which only cleans up). @internal */
export const PULL_REQUEST_OPEN = "github.event_name == 'pull_request' && github.event.action != 'closed'";

/** The head repository is this one: the pull request may use secrets and push (forks may not). @internal */
export const SAME_REPOSITORY = 'github.event.pull_request.head.repo.full_name == github.repository';

/**
 * The jobs of one workflow, as projen `Job` objects (camelCase; projen renders them kebab-case).
 *
 * - `tag`: computes the family tags and build facts once with the planned Makefile
 *   (`make -f <makefile> print-tags print-build-facts`), so CI and local builds agree.
 * - `build` (pull requests, without pull-request images): `docker buildx bake` of the selected images, no push.
 * - `publish` (pushes, manual and scheduled runs): the same bake with `--push`, after logging in to the registry.
 * - `sign` (with signing): keyless cosign signatures of the digests `publish` pushed (see `signJob`).
 * - with pull-request images: `changes`, `pr-images`, `pr-build`, `pr-comment`, `pr-cleanup` (see `pullRequestJobs`).
 *
 * No `run:` contains `${{ }}`: every value reaches the shell through step `env:` (GitHub script-injection guidance);
 * file names are quoted by the shared shell quoting.
 * @throws `internal error` when a literal the workflow embeds holds a GitHub expression or a name is malformed
 * @internal
 */
export function containersJobs(plan: BuildPlan, wf: PlannedWorkflow): Record<string, github.workflows.Job> {
  assertLiterals(plan, wf);
  const t = wf.triggers;
  const jobs: Record<string, github.workflows.Job> = { [JOB_IDS.tag]: tagJob(plan, wf) };
  if (t.pullRequest !== undefined && wf.pullRequestImages === undefined) {
    jobs[JOB_IDS.build] = bakeJob(plan, wf, { name: 'Build images', if: "github.event_name == 'pull_request'", push: false });
  }
  if ((t.push !== undefined || t.dispatch !== undefined || t.schedule.length > 0) && fanOutPlatforms(plan, wf).length > 0) {
    Object.assign(jobs, platformPublishJobs(plan, wf));
    if (plan.supply?.signing !== undefined) {
      jobs[JOB_IDS.sign] = signJob(plan, wf, selectedImages(plan, wf), mergeJobId, "github.event_name != 'pull_request'");
    }
  } else if (t.push !== undefined || t.dispatch !== undefined || t.schedule.length > 0) {
    jobs[JOB_IDS.publish] = bakeJob(plan, wf, {
      name: 'Publish images',
      // pushes, manual and scheduled runs (which need write access to the repository)
      if: "github.event_name != 'pull_request'",
      push: true,
      writeCache: 'publish',
      publishing: true,
    });
    if (plan.supply?.signing !== undefined) {
      jobs[JOB_IDS.sign] = signJob(plan, wf, selectedImages(plan, wf), () => JOB_IDS.publish, "github.event_name != 'pull_request'");
    }
  }
  if (t.pullRequest !== undefined && wf.pullRequestImages !== undefined) Object.assign(jobs, pullRequestJobs(plan, wf));
  return jobs;
}

/**
 * Tag variables (and tag-list variables of tag rules) of the workflow's images, in family order, then those of its
 * images with tag rules of their own, without duplicates. @internal
 */
export function tagVariables(plan: BuildPlan, wf: PlannedWorkflow): string[] {
  return tagVariableNames(plan, wf.images);
}

function tagJob(plan: BuildPlan, wf: PlannedWorkflow): github.workflows.Job {
  const outputs: Record<string, github.workflows.JobStepOutput> = {};
  for (const variable of [...tagVariables(plan, wf), ...labelBuildFacts(plan)]) {
    outputs[variable] = { stepId: TAGS_STEP_ID, outputName: variable };
  }
  return {
    name: 'Compute image tags',
    runsOn: [wf.runsOn],
    timeoutMinutes: Math.min(TAG_JOB_TIMEOUT_MINUTES, wf.timeoutMinutes),
    permissions: { contents: github.workflows.JobPermission.READ },
    // a closed pull request only cleans up
    ...(wf.pullRequestImages?.deleteOnClose ? { if: "github.event.action != 'closed'" } : {}),
    outputs,
    steps: [
      // full history and tags: the `{version}` placeholder comes from `git describe`
      checkoutStep({ 'fetch-depth': 0 }),
      // dispatch inputs mapped to tag variables are set here, so the outputs carry them (dispatch-variables.ts)
      withDispatchInputs({
        id: TAGS_STEP_ID,
        name: 'Compute tags',
        run: [
          'make', '-f', shellWord(plan.outputs.makefile), '--no-print-directory',
          GLOBAL_TARGETS.printTags, GLOBAL_TARGETS.printBuildFacts, '>> "$GITHUB_OUTPUT"',
        ].join(' '),
      }, plan, wf, 'tag'),
    ],
  };
}

/** Options of a job running `docker buildx bake`. @internal */
export interface BakeJobOptions {
  readonly name: string;
  readonly if: string;
  readonly push: boolean;
  /**
   * For whom the bake step writes the build cache (`CACHE_TO`), see {@link CacheWriter}.
   * @default - no cache write
   */
  readonly writeCache?: CacheWriter;
  /**
   * The publishing job: rewrites layer timestamps of reproducible builds (`REWRITE_TIMESTAMP`).
   * @default false
   */
  readonly publishing?: boolean;
  /** Extra jobs to wait for besides `tag`. */
  readonly needs?: readonly string[];
  /** Tag values replacing the `tag` job's outputs (pull-request images: `pr-<N>`). */
  readonly tagValue?: string;
  /** The targets come from this environment variable (space-separated image ids) instead of the plan. */
  readonly targetsFrom?: { readonly variable: string; readonly value: string };
}

/** A job that bakes the workflow's images (and pushes them after logging in, when `push`). @internal */
export function bakeJob(plan: BuildPlan, wf: PlannedWorkflow, options: BakeJobOptions): github.workflows.Job {
  // a build that never pushes (forks get no secrets) falls back to the pipeline's registry for its references
  const source = registrySource(wf, options.push ? undefined : plan.registry);
  const steps: github.workflows.JobStep[] = [checkoutStep()];
  if (usesPlatforms(plan)) {
    steps.push({
      id: 'qemu',
      name: 'Set up QEMU',
      uses: pinnedUses(SETUP_QEMU),
      // no GitHub Actions cache: a publishing job must not restore poisonable caches (zizmor cache-poisoning)
      with: { 'cache-image': false },
    });
  }
  steps.push({
    id: 'buildx',
    name: 'Set up Docker Buildx',
    uses: pinnedUses(SETUP_BUILDX),
    with: { 'cache-binary': false },
  });
  const selected = selectedImages(plan, wf);
  steps.push(...cacheSteps(selected));
  steps.push(...source.steps);
  if (options.push) steps.push(loginStep(wf, source));
  const env: Record<string, string> = { [SETTING_VARIABLES.registry]: source.registry };
  for (const variable of tagVariables(plan, wf)) {
    env[variable] = options.tagValue ?? `\${{ needs.${JOB_IDS.tag}.outputs.${variable} }}`;
  }
  // the OCI revision and created labels, from the same Makefile code as local builds
  for (const fact of labelBuildFacts(plan)) {
    env[fact] = `\${{ needs.${JOB_IDS.tag}.outputs.${fact} }}`;
  }
  // parents the workflow does not select are pulled in their published version, not built
  Object.assign(env, publishedParentEnv(plan, wf, source.registry));
  // forks never write; gha only from publishing jobs
  if (writesCache(selected, options.writeCache)) env[CACHE_TO_VARIABLE] = '1';
  const budgeted = selected.filter((image) => image.sizeBudgetBytes !== undefined);
  // a pull-request build loads its images to check their sizes (one platform only: a multi-platform build cannot load)
  const loadForCheck = !options.push && budgeted.length > 0 && !usesPlatforms(plan) && options.targetsFrom === undefined;
  const publishing = options.publishing === true && options.push && options.targetsFrom === undefined;
  if (publishing && plan.supply?.reproducible === true) env[SUPPLY_VARIABLES.rewriteTimestamp] = '1';
  // the publishing bake records each image's digest (a job output, for jobs acting on the pushed image by digest)
  const digests = options.push && options.targetsFrom === undefined;
  const bake = [
    'docker buildx bake', '--file', shellWord(plan.outputs.bakeFile), ...(options.push ? ['--push'] : []), ...(loadForCheck ? ['--load'] : []),
    ...(digests ? ['--metadata-file', BAKE_METADATA] : []),
  ];
  let run: string;
  if (options.targetsFrom !== undefined) {
    env[options.targetsFrom.variable] = options.targetsFrom.value;
    run = [`read -ra targets <<< "$${options.targetsFrom.variable}"`, [...bake, '"${targets[@]}"'].join(' ')].join('\n');
  } else {
    run = [...bake, ...(wf.allImages ? [shellWord(BAKE_DEFAULT_GROUP)] : wf.images.map(shellWord))].join(' ');
  }
  const bakeStep = { id: 'bake', name: options.push ? 'Build and push images' : 'Build images', env, run };
  // the publishing job (manual runs) sets the other variables dispatch inputs map to (dispatch-variables.ts)
  steps.push(options.push && options.tagValue === undefined ? withDispatchInputs(bakeStep, plan, wf, 'bake') : bakeStep);
  if (digests) steps.push(digestStep(selected));
  if (budgeted.length > 0 && options.targetsFrom === undefined && (options.push || loadForCheck)) {
    steps.push(sizeCheckStep(plan, budgeted, env, options.push));
  }
  const permissions: github.workflows.JobPermissions = options.push && source.githubToken
    ? { contents: github.workflows.JobPermission.READ, packages: github.workflows.JobPermission.WRITE }
    : { contents: github.workflows.JobPermission.READ };
  const needs = [JOB_IDS.tag, ...(options.needs ?? [])];
  return {
    name: options.name,
    needs,
    if: options.if,
    runsOn: [wf.runsOn],
    timeoutMinutes: wf.timeoutMinutes,
    permissions,
    ...(digests ? { outputs: digestOutputs(selected) } : {}),
    steps,
  };
}

/** The images a workflow builds, in plan order. */
function selectedImages(plan: BuildPlan, wf: PlannedWorkflow): PlannedImage[] {
  return plan.images.filter((image) => wf.images.includes(image.id));
}

/** The job outputs `digestOutputOf(image)` of the images, read from the `digests` step. */
function digestOutputs(images: readonly PlannedImage[]): Record<string, github.workflows.JobStepOutput> {
  const output = (image: PlannedImage) => ({ stepId: 'digests', outputName: digestOutputOf(image) });
  return Object.fromEntries(images.map((image) => [digestOutputOf(image), output(image)]));
}

/**
 * The size-budget check after the build, with the same environment as the bake step (so the Makefile names the same
 * references): `make check-size-<image>` of each image with a budget; a publishing job pulls the pushed images first
 * (its bake pushed them without loading them).
 * @internal
 */
export function sizeCheckStep(
  plan: BuildPlan, budgeted: readonly PlannedImage[], env: Record<string, string>, pull: boolean,
): github.workflows.JobStep {
  const prefix = plan.make.targetPrefix;
  const targets = [
    ...(pull ? budgeted.map((image) => imageTargets(image.id, prefix).pull) : []),
    ...budgeted.map((image) => sizeCheckTargets(prefix).image(image.id)),
  ];
  const environment = Object.fromEntries(Object.entries(env).filter(([name]) => name !== CACHE_TO_VARIABLE));
  return {
    id: 'size',
    name: 'Check image sizes',
    env: environment,
    run: ['make', '-f', shellWord(plan.outputs.makefile), '--no-print-directory', ...targets.map(shellWord)].join(' '),
  };
}

/** `actions/checkout` without persisted credentials. @internal */
export function checkoutStep(extra: Record<string, unknown> = {}): github.workflows.JobStep {
  return {
    id: 'checkout',
    name: 'Check out',
    uses: pinnedUses(CHECKOUT),
    // the token must not stay in .git/config for later steps (zizmor artipacked)
    with: { 'persist-credentials': false, ...extra },
  };
}

/** Secret, variable, output and environment names (letters, digits and `_`, not starting with a digit). */
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The workflow embeds these literals in YAML values GitHub evaluates expressions in; the plan never holds a GitHub
 * expression (`${{`) or a malformed name there, whatever produced it.
 */
function assertLiterals(plan: BuildPlan, wf: PlannedWorkflow): void {
  const t = wf.triggers;
  const literals: Record<string, string | undefined> = {
    'registry': plan.registry,
    'bake file': plan.outputs.bakeFile,
    'makefile': plan.outputs.makefile,
    'workflow.name': wf.name,
    'workflow.runsOn': wf.runsOn,
    'workflow registry': wf.registry.kind === 'literal' ? wf.registry.registry : undefined,
  };
  const lists: Record<string, readonly string[]> = {
    'images': wf.images,
    'schedule': t.schedule,
    'push filters': t.push ? [...t.push.branches, ...t.push.tags, ...t.push.paths, ...t.push.pathsIgnore] : [],
    'pull_request filters': t.pullRequest ? [...t.pullRequest.branches, ...t.pullRequest.paths, ...t.pullRequest.pathsIgnore] : [],
    'dispatch inputs': (t.dispatch?.inputs ?? []).flatMap((i) => [i.name, i.description, i.default ?? '', ...i.options]),
    'stable tags': (wf.pullRequestImages?.images ?? []).flatMap((i) => [i.stableTag, ...i.inputs]),
  };
  for (const [what, list] of Object.entries(lists)) list.forEach((value, i) => (literals[`${what}[${i}]`] = value));
  for (const [what, value] of Object.entries(literals)) {
    if (value !== undefined && (value.includes('${{') || /[\r\n]/.test(value))) {
      throw new Error(`internal error: workflow ${wf.name}: ${what} ${JSON.stringify(value)} holds a GitHub expression or a line break`);
    }
  }
  const names: Record<string, string | undefined> = {
    'usernameSecret': wf.usernameSecret,
    'passwordSecret': wf.passwordSecret,
    'registry variable or secret': wf.registry.kind === 'variable' || wf.registry.kind === 'secret' ? wf.registry.name : undefined,
  };
  for (const variable of tagVariables(plan, wf)) names[`tag variable ${variable}`] = variable;
  for (const [what, value] of Object.entries(names)) {
    if (value !== undefined && !NAME.test(value)) {
      throw new Error(`internal error: workflow ${wf.name}: ${what} ${JSON.stringify(value)} is not a secret, output or environment name`);
    }
  }
}
