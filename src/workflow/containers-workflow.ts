import { github, JsonPatch, Project } from 'projen';
import { ACTION_PINS, pinnedUses } from './action-pins';
import { LineComment, commentYamlFile } from './line-comments';
import type { BuildPlan } from '../plan/build-plan';

/** Why the publish job may write packages; written next to the permission (zizmor undocumented-permissions). */
const PERMISSION_REASONS: readonly LineComment[] = [{ key: 'packages', value: 'write', comment: 'push images' }];

/**
 * Adds the CI workflow that builds (pull requests) and publishes (pushes, `v*` tags, manual runs) every image of `plan`.
 *
 * Call it once per synthesis, after the plan is validated (typically from a component's `preSynthesize()`): projen
 * renders workflows lazily, so jobs added then still reach the file. Uses the root project's `GitHub` component, or
 * creates one without Mergify and the pull-request linter (plain `Project`s have none).
 *
 * Beyond projen's rendering, the file gets: top-level `permissions: {}` (each job grants only what it needs),
 * `defaults.run.shell: bash` (`-eo pipefail`), and trailing comments for SHA pins and write permissions.
 *
 * @param project any project of the tree; the workflow goes to the root (GitHub only reads the root `.github/workflows/`)
 * @param plan the validated build plan
 * @param jobs the jobs, rendered from the plan (with `containersJobs`) before any file object was created
 * @returns the workflow, or `undefined` when `plan.workflow.enabled` is false
 * @internal
 */
export function addContainersWorkflow(
  project: Project, plan: BuildPlan, jobs: Record<string, github.workflows.Job>,
): github.GithubWorkflow | undefined {
  const wf = plan.workflow;
  if (!wf.enabled) {
    return undefined;
  }
  const root = project.root;
  const gh = github.GitHub.of(root) ?? new github.GitHub(root, { mergify: false, pullRequestLint: false });

  const workflow = new github.GithubWorkflow(gh, wf.name, {
    fileName: wf.fileName,
    limitConcurrency: true,
    concurrencyOptions: { group: '${{ github.workflow }}-${{ github.ref }}', cancelInProgress: false },
  });
  workflow.on({
    push: { branches: [wf.defaultBranch], tags: ['v*'] },
    pullRequest: { branches: [wf.defaultBranch] },
    workflowDispatch: {},
  });
  workflow.addJobs(jobs);

  const file = workflow.file;
  if (file !== undefined) {
    file.patch(
      // superseded pull-request runs are cancelled; pushes (publishing) always run to completion
      JsonPatch.replace('/concurrency/cancel-in-progress', "${{ github.event_name == 'pull_request' }}"),
      // no default token scopes; `addOverride` cannot express `{}` (projen's merge drops empty objects)
      JsonPatch.add('/permissions', {}),
      JsonPatch.add('/defaults', { run: { shell: 'bash' } }),
      // RFC 6902 move = remove + add: puts `jobs` after the workflow-level keys above
      JsonPatch.move('/jobs', '/jobs'),
    );
    const pinComments = ACTION_PINS.map((pin) => ({ key: 'uses', value: pinnedUses(pin), comment: pin.version }));
    commentYamlFile(file, [...pinComments, ...PERMISSION_REASONS]);
  }
  return workflow;
}
