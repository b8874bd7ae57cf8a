import { github, javascript, JsonPatch, Project } from 'projen';
import { PIN_TASK } from './pin-task';
import type { PlannedPinRefresh } from '../plan/build-plan';
import { CHECKOUT, pinnedUses } from '../workflow/action-pins';
import { checkoutStep } from '../workflow/jobs';
import { commentYamlFile } from '../workflow/line-comments';

/** The job id of the refresh workflow. @internal */
export const PIN_REFRESH_JOB = 'refresh';

/**
 * Commits whatever `containers:pin --update` and the synthesis after it changed onto the refresh branch (reset to the
 * base branch), force-pushes it and opens a pull request unless one is open already. Every value comes from `env:`;
 * git authenticates through `gh` (the token is never written to `.git/config`).
 */
const OPEN_PULL_REQUEST = [
  'git add -A',
  'if git diff --cached --quiet; then',
  '  echo "Every pin is current: nothing to propose."',
  '  exit 0',
  'fi',
  'git diff --cached --stat',
  'git config user.name "github-actions[bot]"',
  'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
  'git switch -C "$PIN_BRANCH"',
  'git commit --quiet -m "chore(containers): refresh base image pins"',
  'gh auth setup-git',
  'git push --force origin "HEAD:refs/heads/$PIN_BRANCH"',
  'open=$(gh pr list --head "$PIN_BRANCH" --base "$BASE_BRANCH" --state open --json number --jq length)',
  'if [ "$open" = "0" ]; then',
  '  gh pr create --base "$BASE_BRANCH" --head "$PIN_BRANCH" --title "Refresh base image pins" \\',
  '    --body "Base image tags re-resolved with \\`containers:pin --update\\`; review the changed digests in the lock."',
  'else',
  '  echo "The open pull request from $PIN_BRANCH now holds the new pins."',
  'fi',
].join('\n');

/**
 * Adds the scheduled pin refresh workflow of a validated plan to the root project: check out the base branch, install
 * the project's dependencies, run `containers:pin --update` (which synthesizes again), and open or update a pull
 * request with the changes. Hardened as the pipeline's own workflows: SHA-pinned checkout without persisted
 * credentials, top-level `permissions: {}` and only `contents: write` + `pull-requests: write` in its one job, a time
 * limit, a concurrency group that never cancels a run, no `${{ }}` inside `run:`.
 * @internal
 */
export function addPinRefreshWorkflow(project: Project, refresh: PlannedPinRefresh): github.GithubWorkflow {
  const root = project.root;
  const gh = github.GitHub.of(root) ?? new github.GitHub(root, { mergify: false, pullRequestLint: false });
  const workflow = new github.GithubWorkflow(gh, refresh.name, {
    fileName: refresh.fileName,
    limitConcurrency: true,
    concurrencyOptions: { group: '${{ github.workflow }}', cancelInProgress: false },
  });
  workflow.on({ workflowDispatch: {} });
  const node = root instanceof javascript.NodeProject ? root : undefined;
  const pinTask = root.tasks.tryFind(PIN_TASK);
  workflow.addJobs({
    [PIN_REFRESH_JOB]: {
      name: 'Refresh base image pins',
      runsOn: [refresh.runsOn],
      timeoutMinutes: refresh.timeoutMinutes,
      permissions: { contents: github.workflows.JobPermission.WRITE, pullRequests: github.workflows.JobPermission.WRITE },
      steps: [
        checkoutStep({ ref: refresh.baseBranch }),
        { name: 'Install dependencies', run: node ? node.package.installCommand : 'npm ci' },
        {
          name: 'Re-resolve every base image tag',
          run: `${node && pinTask ? node.runTaskCommand(pinTask) : `npx projen ${PIN_TASK}`} --update`,
        },
        {
          name: 'Open or update the pull request',
          env: { GH_TOKEN: '${{ github.token }}', BASE_BRANCH: refresh.baseBranch, PIN_BRANCH: refresh.branch },
          run: OPEN_PULL_REQUEST,
        },
      ],
    },
  });
  const file = workflow.file;
  if (file !== undefined) {
    file.patch(
      JsonPatch.replace('/on', { schedule: [{ cron: refresh.schedule }], workflow_dispatch: {} }),
      JsonPatch.add('/permissions', {}),
      JsonPatch.add('/defaults', { run: { shell: 'bash' } }),
      JsonPatch.move('/jobs', '/jobs'),
    );
    commentYamlFile(file, [
      { key: 'uses', value: pinnedUses(CHECKOUT), comment: CHECKOUT.version },
      { key: 'contents', value: 'write', comment: 'push the refresh branch' },
      { key: 'pull-requests', value: 'write', comment: 'open the pull request' },
    ]);
  }
  return workflow;
}
