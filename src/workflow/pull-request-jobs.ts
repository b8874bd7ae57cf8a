import { github } from 'projen';
import { bakeJob, checkoutStep, JOB_IDS, PULL_REQUEST_OPEN, SAME_REPOSITORY } from './jobs';
import { registrySource } from './registry-steps';
import { variablePrefix } from '../core/names';
import { shellQuote } from '../make/shell-quote';
import type { BuildPlan, PlannedPullRequestImage, PlannedWorkflow } from '../plan/build-plan';

/** Step id of the change detection; the `changes` job's outputs read from it. */
const DETECT_STEP_ID = 'detect';

/** The pull request number: an integer GitHub sets, never text an author chooses. */
const PR_NUMBER = '${{ github.event.pull_request.number }}';

/** `APP_RUNTIME_IMAGE`: the output of the `changes` job holding an image's reference. @internal */
export function imageOutput(image: PlannedPullRequestImage): string {
  return `${variablePrefix(image.id)}_IMAGE`;
}

/**
 * The pull-request image jobs (seed 002):
 *
 * - `changes`: `git diff --name-only <base>...HEAD` (the merge base with the pull request's base) against each image's
 *   inputs; outputs `any`, `targets` (changed image ids) and `<IMAGE>_IMAGE` per image: `pr-<N>` when changed in a
 *   same-repository pull request, the stable tag otherwise (forks push nothing).
 * - `pr-images`: same-repository pull requests with changes: bake the changed images tagged `pr-<N>` and push them.
 * - `pr-build`: pull requests from forks with changes: the same bake without login, secrets or push.
 * - `pr-comment`: after `pr-images`, a comment listing the references (only `pull-requests: write`).
 * - `pr-cleanup`: when a same-repository pull request closes, delete its `pr-<N>` versions from GHCR.
 * @internal
 */
export function pullRequestJobs(plan: BuildPlan, wf: PlannedWorkflow): Record<string, github.workflows.Job> {
  const pr = wf.pullRequestImages!;
  const jobs: Record<string, github.workflows.Job> = { [JOB_IDS.changes]: changesJob(plan, wf) };
  const targetsFrom = { variable: 'TARGETS', value: `\${{ needs.${JOB_IDS.changes}.outputs.targets }}` };
  const changed = `needs.${JOB_IDS.changes}.outputs.any == 'true'`;
  jobs[JOB_IDS.prImages] = bakeJob(plan, wf, {
    name: 'Push pull-request images',
    if: `${changed} && ${SAME_REPOSITORY}`,
    push: true,
    // registry caches only, to <ref>-pr-<N> (see CacheWriter)
    writeCache: 'pull-request',
    needs: [JOB_IDS.changes],
    tagValue: `pr-${PR_NUMBER}`,
    targetsFrom,
  });
  jobs[JOB_IDS.prBuild] = bakeJob(plan, wf, {
    name: 'Build pull-request images (fork, no push)',
    if: `${changed} && github.event.pull_request.head.repo.full_name != github.repository`,
    push: false,
    needs: [JOB_IDS.changes],
    tagValue: `pr-${PR_NUMBER}`,
    targetsFrom,
  });
  if (pr.comment) jobs[JOB_IDS.prComment] = commentJob(wf);
  if (pr.deleteOnClose) jobs[JOB_IDS.prCleanup] = cleanupJob(wf);
  return jobs;
}

function changesJob(plan: BuildPlan, wf: PlannedWorkflow): github.workflows.Job {
  // forks receive no secrets: their references fall back to the pipeline's registry (they push nothing)
  const source = registrySource(wf, plan.registry);
  const images = wf.pullRequestImages!.images;
  const outputs: Record<string, github.workflows.JobStepOutput> = {
    any: { stepId: DETECT_STEP_ID, outputName: 'any' },
    targets: { stepId: DETECT_STEP_ID, outputName: 'targets' },
  };
  for (const image of images) {
    // repositories are ids (lowercase letters, digits, ".", "_", "-", "/"): nothing the shell expands inside quotes
    if (!/^[a-z0-9._/-]+$/.test(image.repository)) throw new Error(`internal error: repository ${JSON.stringify(image.repository)} is not a plain path`);
  }
  for (const image of images) outputs[imageOutput(image)] = { stepId: DETECT_STEP_ID, outputName: imageOutput(image) };
  const script = [
    'changed="$(git diff --name-only "$BASE_SHA...HEAD")"',
    '# true when a changed file is one of the arguments or lies below one',
    'touches() {',
    '  local file input',
    '  while IFS= read -r file; do',
    '    for input in "$@"; do',
    '      if [[ "$file" == "$input" || "$file" == "$input"/* ]]; then return 0; fi',
    '    done',
    '  done <<< "$changed"',
    '  return 1',
    '}',
    'targets=()',
    ...images.flatMap((image) => {
      const test = image.inputs.includes('') ? '[ -n "$changed" ]' : `touches ${image.inputs.map(shellQuote).join(' ')}`;
      const stable = shellQuote(image.stableTag);
      return [
        `tag=${stable}`,
        `if ${test}; then`,
        `  targets+=(${shellQuote(image.id)})`,
        '  if [ "$TRUSTED" = true ]; then tag="pr-$PR_NUMBER"; fi',
        'fi',
        `echo "${imageOutput(image)}=$REGISTRY/${image.repository}:$tag" >> "$GITHUB_OUTPUT"`,
      ];
    }),
    'echo "targets=${targets[*]}" >> "$GITHUB_OUTPUT"',
    'if [ "${#targets[@]}" -gt 0 ]; then echo "any=true"; else echo "any=false"; fi >> "$GITHUB_OUTPUT"',
  ];
  return {
    name: 'Detect image changes',
    if: PULL_REQUEST_OPEN,
    runsOn: [wf.runsOn],
    timeoutMinutes: Math.min(10, wf.timeoutMinutes),
    permissions: { contents: github.workflows.JobPermission.READ },
    outputs,
    steps: [
      // full history: the merge base of the pull request's base and head must be present
      checkoutStep({ 'fetch-depth': 0 }),
      ...source.steps,
      {
        id: DETECT_STEP_ID,
        name: 'Compare the inputs of each image with the merge base',
        env: {
          BASE_SHA: '${{ github.event.pull_request.base.sha }}',
          PR_NUMBER,
          TRUSTED: `\${{ ${SAME_REPOSITORY} }}`,
          REGISTRY: source.registry,
        },
        run: script.join('\n'),
      },
    ],
  };
}

function commentJob(wf: PlannedWorkflow): github.workflows.Job {
  const images = wf.pullRequestImages!.images;
  const env: Record<string, string> = {
    GH_TOKEN: '${{ github.token }}',
    GH_REPO: '${{ github.repository }}',
    PR_NUMBER,
  };
  for (const image of images) env[imageOutput(image)] = `\${{ needs.${JOB_IDS.changes}.outputs.${imageOutput(image)} }}`;
  const script = [
    'body="$RUNNER_TEMP/pull-request-images.md"',
    `printf '%s\\n' ${shellQuote('### Container images of this pull request')} '' '| Image | Reference |' '| --- | --- |' > "$body"`,
    ...images.map((image) => `printf '| %s | \`%s\` |\\n' ${shellQuote(image.id)} "$${imageOutput(image)}" >> "$body"`),
    'gh pr comment "$PR_NUMBER" --body-file "$body"',
  ];
  return {
    name: 'Comment the image references',
    needs: [JOB_IDS.changes, JOB_IDS.prImages],
    if: `needs.${JOB_IDS.prImages}.result == 'success'`,
    runsOn: [wf.runsOn],
    timeoutMinutes: Math.min(10, wf.timeoutMinutes),
    permissions: { pullRequests: github.workflows.JobPermission.WRITE },
    steps: [{ id: 'comment', name: 'Comment on the pull request', env, run: script.join('\n') }],
  };
}

/**
 * Deletes the `pr-<N>` versions through the GitHub Packages REST API (`GET`/`DELETE
 * /{orgs|users}/<owner>/packages/container/<package>/versions`), only versions whose only tag is `pr-<N>`.
 */
function cleanupJob(wf: PlannedWorkflow): github.workflows.Job {
  const images = wf.pullRequestImages!.images;
  const reg = wf.registry;
  let owner: string;
  let prefix = '';
  if (reg.kind === 'literal') {
    const [, namespaceOwner, ...rest] = reg.registry.split('/');
    owner = `owner=${shellQuote(namespaceOwner ?? '')}`;
    prefix = rest.map((p) => `${p}/`).join('');
  } else {
    owner = 'owner="${GITHUB_REPOSITORY_OWNER,,}"';
  }
  const packages = images.map((image) => shellQuote(`${prefix}${image.repository}`)).join(' ');
  const script = [
    owner,
    'if [ "$(gh api "users/$owner" --jq .type)" = Organization ]; then scope="orgs/$owner"; else scope="users/$owner"; fi',
    `for package in ${packages}; do`,
    '  versions="$scope/packages/container/${package//\\//%2F}/versions"',
    '  ids="$(gh api --paginate "$versions" --jq ".[] | select(.metadata.container.tags == [\\"pr-$PR_NUMBER\\"]) | .id")" || continue',
    '  for id in $ids; do gh api --method DELETE "$versions/$id"; done',
    'done',
  ];
  return {
    name: 'Delete pull-request images',
    if: `github.event.action == 'closed' && ${SAME_REPOSITORY}`,
    runsOn: [wf.runsOn],
    timeoutMinutes: Math.min(10, wf.timeoutMinutes),
    permissions: { packages: github.workflows.JobPermission.WRITE },
    steps: [{
      id: 'delete',
      name: 'Delete the pr-<N> image versions',
      env: { GH_TOKEN: '${{ github.token }}', PR_NUMBER },
      run: script.join('\n'),
    }],
  };
}
