import { github } from 'projen';
import { pinnedUses, SETUP_BUILDX, SETUP_QEMU } from './action-pins';
import { cacheSteps, writesCache } from './cache-steps';
import { withDispatchInputs } from './dispatch-variables';
import { digestOutputOf } from './image-digests';
import { checkoutStep, JOB_IDS, sizeCheckStep, tagVariables } from './jobs';
import { runnerOf } from './platform-runners';
import { publishedParentEnv } from './published-parents';
import { loginStep, registrySource } from './registry-steps';
import { labelBuildFacts } from '../make/build-facts';
import { plannedPlatforms } from '../make/platforms';
import { shellWord } from '../make/shell-quote';
import type { BuildPlan, PlannedImage, PlannedWorkflow } from '../plan/build-plan';
import { platformSlug } from '../plan/platform-names';
import { CACHE_TO_VARIABLE, SETTING_VARIABLES } from '../plan/variables';

/** Where every bake writes its metadata (one file per job, in the runner's temporary directory). @internal */
export const BAKE_METADATA = '"$RUNNER_TEMP/bake-metadata.json"';

/** A merge job only combines manifests (and checks sizes): a few minutes. */
const MERGE_TIMEOUT_MINUTES = 15;

/** The output bake gives every target of a per-platform job: pushed by digest, no tag (the merge job tags the index). */
const PUSH_BY_DIGEST = 'type=image,push-by-digest=true,name-canonical=true,push=true';

/** `sha256:` and 64 hex digits: what a step accepts before writing a digest output. */
const DIGEST_CHECK = '^sha256:[0-9a-f]{64}$';

/**
 * The platforms a workflow's publishing fans out over: every planned platform of its selected images, in order of
 * first appearance; empty when no selected image plans platforms (the single publishing bake stays).
 * @internal
 */
export function fanOutPlatforms(plan: BuildPlan, wf: PlannedWorkflow): string[] {
  return [...new Set(selectedImages(plan, wf).flatMap((image) => plannedPlatforms(plan, image)))];
}

/** Job id of a platform's publishing job: `build-linux-arm64`. @internal */
export function platformJobId(platform: string): string {
  return `build-${platformSlug(platform)}`;
}

/** Job id of an image's merge job: `merge-<image id>` (`.` written `--`, which ids never hold). @internal */
export function mergeJobId(image: PlannedImage): string {
  return `merge-${image.id.replace(/\./g, '--')}`;
}

/**
 * The publishing jobs of a workflow whose selected images plan platforms, replacing the single publishing bake:
 *
 * - per platform, `build-<os>-<arch>[-<variant>]` on its runner (`runnerOf`; QEMU only without a native one): one
 *   bake of the selected images planned for that platform, for that platform only (`--set *.platform=…`), pushed by
 *   digest; each image's platform digest, read from bake's metadata file, is a job output named `digestOutputOf`;
 * - per image, `merge-<image>` (needs each of its platforms' jobs): `docker buildx imagetools create` with every tag
 *   of the image over the platform digests, setting `digestOutputOf(image)` to the index digest (and the size check of
 *   an image with a budget, on the pulled index).
 *
 * A family's dependent images build in the same per-platform bake (bake resolves their `target:` contexts inside one
 * BuildKit solve), so the critical path is `tag`, one platform round and one merge, whatever the family's depth.
 * @internal
 */
export function platformPublishJobs(plan: BuildPlan, wf: PlannedWorkflow): Record<string, github.workflows.Job> {
  const jobs: Record<string, github.workflows.Job> = {};
  const selected = selectedImages(plan, wf);
  for (const platform of fanOutPlatforms(plan, wf)) {
    jobs[platformJobId(platform)] = platformJob(plan, wf, platform, selected.filter((image) => plannedPlatforms(plan, image).includes(platform)));
  }
  for (const image of selected.filter((candidate) => plannedPlatforms(plan, candidate).length > 0)) {
    jobs[mergeJobId(image)] = mergeJob(plan, wf, image);
  }
  return jobs;
}

/** `env:` shared by the publishing steps: registry, family tags and the build facts the labels read. */
function bakeEnvironment(plan: BuildPlan, wf: PlannedWorkflow, registry: string): Record<string, string> {
  const env: Record<string, string> = { [SETTING_VARIABLES.registry]: registry };
  for (const variable of [...tagVariables(plan, wf), ...labelBuildFacts(plan)]) {
    env[variable] = `\${{ needs.${JOB_IDS.tag}.outputs.${variable} }}`;
  }
  return env;
}

function platformJob(plan: BuildPlan, wf: PlannedWorkflow, platform: string, images: readonly PlannedImage[]): github.workflows.Job {
  const runner = runnerOf(wf, platform);
  const source = registrySource(wf);
  const steps: github.workflows.JobStep[] = [checkoutStep()];
  if (runner.emulated) {
    // no native runner for this platform: emulate it (no Actions cache: a publishing job restores nothing poisonable)
    steps.push({ id: 'qemu', name: 'Set up QEMU', uses: pinnedUses(SETUP_QEMU), with: { 'cache-image': false, 'platforms': platform } });
  }
  steps.push({ id: 'buildx', name: 'Set up Docker Buildx', uses: pinnedUses(SETUP_BUILDX), with: { 'cache-binary': false } });
  steps.push(...source.steps, loginStep(wf, source), ...cacheSteps(images));
  const env: Record<string, string> = {
    ...bakeEnvironment(plan, wf, source.registry),
    // parents the workflow does not select are pulled in their published version, as the single publish does
    ...publishedParentEnv(plan, wf, source.registry),
    // one platform: gha cache scopes (`<image>-<platforms>`) then differ per platform job, so they don't evict each other
    [SETTING_VARIABLES.platforms]: platform,
  };
  if (writesCache(images, 'platform')) env[CACHE_TO_VARIABLE] = '1';
  // manual runs: the variables dispatch inputs map to, as in the single publishing bake
  steps.push(withDispatchInputs({
    id: 'bake',
    name: `Build and push ${platform} by digest`,
    env,
    run: [
      'docker buildx bake', '--file', shellWord(plan.outputs.bakeFile),
      '--set', shellWord(`*.platform=${platform}`),
      // a reproducible pipeline's pushes rewrite layer timestamps to SOURCE_DATE_EPOCH, as the single publish does
      '--set', shellWord(`*.output=${PUSH_BY_DIGEST}${plan.supply?.reproducible === true ? ',rewrite-timestamp=true' : ''}`),
      '--metadata-file', BAKE_METADATA,
      ...images.map((image) => shellWord(image.id)),
    ].join(' '),
  }, plan, wf, 'bake'));
  steps.push(digestStep(images));
  const outputs: Record<string, github.workflows.JobStepOutput> = {};
  for (const image of images) outputs[digestOutputOf(image)] = { stepId: 'digests', outputName: digestOutputOf(image) };
  return {
    name: `Publish ${platform}`,
    needs: [JOB_IDS.tag],
    if: "github.event_name != 'pull_request'",
    runsOn: [runner.label],
    timeoutMinutes: wf.timeoutMinutes,
    permissions: publishPermissions(source.githubToken, true),
    outputs,
    steps,
  };
}

/**
 * Reads each image's digest from bake's metadata file (`<target>.containerimage.digest`), checks its form and writes
 * it as the step output `digestOutputOf(image)`. Target names and output names are plain (ids, variable names).
 * @internal
 */
export function digestStep(images: readonly PlannedImage[]): github.workflows.JobStep {
  return {
    id: 'digests',
    name: 'Read image digests',
    run: [
      `metadata=${BAKE_METADATA}`,
      ...images.flatMap((image) => [
        `digest="$(jq -er --arg target ${shellWord(image.id)} '.[$target]["containerimage.digest"]' "$metadata")"`,
        `if [[ ! "$digest" =~ ${DIGEST_CHECK} ]]; then echo "::error::no digest for ${image.id}"; exit 1; fi`,
        `echo "${digestOutputOf(image)}=$digest" >> "$GITHUB_OUTPUT"`,
      ]),
    ].join('\n'),
  };
}

function mergeJob(plan: BuildPlan, wf: PlannedWorkflow, image: PlannedImage): github.workflows.Job {
  const source = registrySource(wf);
  const platforms = plannedPlatforms(plan, image);
  // the registry and the image's tags; no build facts (nothing is built here)
  const env: Record<string, string> = { [SETTING_VARIABLES.registry]: source.registry };
  const tagVariable = image.tagsVariable ?? image.tagVariable;
  env[tagVariable] = `\${{ needs.${JOB_IDS.tag}.outputs.${tagVariable} }}`;
  const digestVariables = platforms.map((platform) => `DIGEST_${platformSlug(platform).replace(/-/g, '_').toUpperCase()}`);
  platforms.forEach((platform, i) => {
    env[digestVariables[i]] = `\${{ needs.${platformJobId(platform)}.outputs.${digestOutputOf(image)} }}`;
  });
  const tags = image.tagsVariable === undefined ? `tags=("$${image.tagVariable}")` : `read -r -a tags <<< "$${image.tagsVariable}"`;
  const merge: github.workflows.JobStep = {
    id: 'merge',
    name: `Create the ${image.id} index`,
    env,
    run: [
      `repository="$REGISTRY/${image.repository}"`,
      tags,
      'args=()',
      'for tag in "${tags[@]}"; do args+=(--tag "$repository:$tag"); done',
      ...digestVariables.map((variable) => `if [[ ! "$${variable}" =~ ${DIGEST_CHECK} ]]; then echo "::error::no ${variable}"; exit 1; fi`),
      `docker buildx imagetools create "\${args[@]}" ${digestVariables.map((variable) => `"$repository@$${variable}"`).join(' ')}`,
      'digest="$(docker buildx imagetools inspect "$repository:${tags[0]}" --format \'{{json .Manifest}}\' | jq -er \'.digest\')"',
      `if [[ ! "$digest" =~ ${DIGEST_CHECK} ]]; then echo "::error::no index digest"; exit 1; fi`,
      `echo "${digestOutputOf(image)}=$digest" >> "$GITHUB_OUTPUT"`,
    ].join('\n'),
  };
  const budgeted = image.sizeBudgetBytes !== undefined;
  const steps: github.workflows.JobStep[] = [
    ...(budgeted ? [checkoutStep()] : []),
    { id: 'buildx', name: 'Set up Docker Buildx', uses: pinnedUses(SETUP_BUILDX), with: { 'cache-binary': false } },
    ...source.steps,
    loginStep(wf, source),
    merge,
    ...(budgeted ? [sizeCheckStep(plan, [image], env, true)] : []),
  ];
  return {
    name: `Merge ${image.id}`,
    needs: [JOB_IDS.tag, ...platforms.map(platformJobId)],
    if: "github.event_name != 'pull_request'",
    runsOn: [wf.runsOn],
    timeoutMinutes: Math.min(MERGE_TIMEOUT_MINUTES, wf.timeoutMinutes),
    permissions: publishPermissions(source.githubToken, budgeted),
    outputs: { [digestOutputOf(image)]: { stepId: 'merge', outputName: digestOutputOf(image) } },
    steps,
  };
}

/** `contents: read` only for a job that checks out; `packages: write` only to push with `GITHUB_TOKEN`. */
function publishPermissions(githubToken: boolean, checksOut: boolean): github.workflows.JobPermissions {
  return {
    ...(checksOut ? { contents: github.workflows.JobPermission.READ } : {}),
    ...(githubToken ? { packages: github.workflows.JobPermission.WRITE } : {}),
  };
}

function selectedImages(plan: BuildPlan, wf: PlannedWorkflow): PlannedImage[] {
  return plan.images.filter((image) => wf.images.includes(image.id));
}
