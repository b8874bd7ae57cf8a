import { github, JsonPatch, Project } from 'projen';
import { ACTION_PINS, pinnedUses } from './action-pins';
import { LineComment, commentYamlFile } from './line-comments';
import { renderTriggers } from './triggers';
import type { PlannedWorkflow } from '../plan/build-plan';

/**
 * Adds one CI workflow of `plan` (see `containersJobs` for its jobs).
 *
 * Call it once per planned workflow and synthesis, after the plan is validated (typically from a component's
 * `preSynthesize()`): projen renders workflows lazily, so jobs added then still reach the file. Uses the root
 * project's `GitHub` component, or creates one without Mergify and the pull-request linter (plain `Project`s have none).
 *
 * Beyond projen's rendering, the file gets: its `on:` exactly as planned (projen's trigger model has no
 * `paths-ignore`), top-level `permissions: {}` (each job grants only what it needs), `defaults.run.shell: bash`
 * (`-eo pipefail`), and trailing comments for SHA pins and write permissions.
 *
 * @param project any project of the tree; the workflow goes to the root (GitHub only reads the root `.github/workflows/`)
 * @param wf the workflow of `plan.workflows` to add
 * @param jobs its jobs, rendered from the plan (with `containersJobs`) before any file object was created
 * @internal
 */
export function addContainersWorkflow(
  project: Project, wf: PlannedWorkflow, jobs: Record<string, github.workflows.Job>,
): github.GithubWorkflow {
  const root = project.root;
  const gh = github.GitHub.of(root) ?? new github.GitHub(root, { mergify: false, pullRequestLint: false });

  const workflow = new github.GithubWorkflow(gh, wf.name, {
    fileName: wf.fileName,
    limitConcurrency: true,
    concurrencyOptions: { group: '${{ github.workflow }}-${{ github.ref }}', cancelInProgress: false },
  });
  // a placeholder trigger so projen renders an `on:` key in its place; replaced below
  workflow.on({ workflowDispatch: {} });
  workflow.addJobs(jobs);

  const file = workflow.file;
  if (file !== undefined) {
    file.patch(
      JsonPatch.replace('/on', renderTriggers(wf.triggers)),
      // superseded pull-request runs are cancelled; pushes (publishing) always run to completion
      JsonPatch.replace('/concurrency/cancel-in-progress', "${{ github.event_name == 'pull_request' }}"),
      // no default token scopes; `addOverride` cannot express `{}` (projen's merge drops empty objects)
      JsonPatch.add('/permissions', {}),
      JsonPatch.add('/defaults', { run: { shell: 'bash' } }),
      // RFC 6902 move = remove + add: puts `jobs` after the workflow-level keys above
      JsonPatch.move('/jobs', '/jobs'),
    );
    const pinComments = ACTION_PINS.map((pin) => ({ key: 'uses', value: pinnedUses(pin), comment: pin.version }));
    commentYamlFile(file, [...pinComments, ...permissionReasons(wf)]);
  }
  return workflow;
}

/** Why a job may write; written next to the permission (zizmor undocumented-permissions) and listed in CONTAINERS.md. @internal */
export function permissionReasons(wf: PlannedWorkflow): LineComment[] {
  const deletes = wf.pullRequestImages?.deleteOnClose === true;
  return [
    { key: 'packages', value: 'write', comment: deletes ? 'push images (pr-cleanup: delete pr-<N> images)' : 'push images' },
    { key: 'pull-requests', value: 'write', comment: 'comment the image references' },
    { key: 'id-token', value: 'write', comment: 'keyless cosign signing (the OIDC identity in the certificate)' },
  ];
}
