import { github } from 'projen';
import { CHECKOUT, LOGIN, pinnedUses, SETUP_BUILDX, SETUP_QEMU } from './action-pins';
import { labelBuildFacts } from '../make/build-facts';
import { usesPlatforms } from '../make/platforms';
import { shellWord } from '../make/shell-quote';
import type { BuildPlan, PlannedWorkflow } from '../plan/build-plan';
import { BAKE_DEFAULT_GROUP, GLOBAL_TARGETS } from '../plan/target-names';
import { SETTING_VARIABLES } from '../plan/variables';
import { GHCR } from '../synth/settings';

/** `tag` only runs `make print-tags`; it never needs the full build budget. */
const TAG_JOB_TIMEOUT_MINUTES = 10;

/** Step id of the `make print-tags` step; the `tag` job's outputs read from it. */
const TAGS_STEP_ID = 'tags';

/** Job ids, in the order they appear in the workflow. @internal */
export const JOB_IDS = { tag: 'tag', build: 'build', publish: 'publish' } as const;

/**
 * The jobs of the containers workflow, as projen `Job` objects (camelCase; projen renders them kebab-case).
 *
 * - `tag`: computes every family tag and the build facts once with the planned Makefile
 *   (`make -f <makefile> print-tags print-build-facts`), so CI and local builds agree.
 * - `build` (pull requests): one `docker buildx bake --file <bake file>` of the `default` group; parents are ordered by
 *   bake's `target:` contexts; platforms are the planned ones (the bake file's `PLATFORMS` default), as for `make`.
 * - `publish` (pushes and manual runs): the same bake with `--push`, after logging in to the registry.
 *
 * No `run:` contains `${{ }}`: every value reaches the shell through step `env:` (GitHub script-injection guidance);
 * file names are quoted by the shared shell quoting.
 * @throws `internal error` when a literal the workflow embeds holds a GitHub expression or a secret name is malformed
 * @internal
 */
export function containersJobs(plan: BuildPlan): Record<string, github.workflows.Job> {
  const bakeFile = plan.outputs.bakeFile;
  assertLiterals(plan);
  const wf = plan.workflow;
  return {
    [JOB_IDS.tag]: tagJob(plan),
    [JOB_IDS.build]: bakeJob(plan, bakeFile, {
      name: 'Build images',
      if: "github.event_name == 'pull_request'",
      push: false,
    }),
    [JOB_IDS.publish]: bakeJob(plan, bakeFile, {
      name: 'Publish images',
      // push to the default branch, `v*` tags, and manual runs (which need write access to the repository)
      if: "github.event_name != 'pull_request'",
      push: true,
      login: wf.loginRegistry,
    }),
  };
}

/** Tag variables (and tag-list variables of tag rules) in family order, without duplicates. */
function tagVariables(plan: BuildPlan): string[] {
  return [...new Set(plan.families.flatMap((f) => [f.tagVariable, ...(f.tagsVariable ? [f.tagsVariable] : [])]))];
}

function tagJob(plan: BuildPlan): github.workflows.Job {
  const wf = plan.workflow;
  const outputs: Record<string, github.workflows.JobStepOutput> = {};
  for (const variable of [...tagVariables(plan), ...labelBuildFacts(plan)]) {
    outputs[variable] = { stepId: TAGS_STEP_ID, outputName: variable };
  }
  return {
    name: 'Compute image tags',
    runsOn: [wf.runsOn],
    timeoutMinutes: Math.min(TAG_JOB_TIMEOUT_MINUTES, wf.timeoutMinutes),
    permissions: { contents: github.workflows.JobPermission.READ },
    outputs,
    steps: [
      // full history and tags: the `{version}` placeholder comes from `git describe`
      checkoutStep({ 'fetch-depth': 0 }),
      {
        id: TAGS_STEP_ID,
        name: 'Compute tags',
        run: [
          'make', '-f', shellWord(plan.outputs.makefile), '--no-print-directory',
          GLOBAL_TARGETS.printTags, GLOBAL_TARGETS.printBuildFacts, '>> "$GITHUB_OUTPUT"',
        ].join(' '),
      },
    ],
  };
}

interface BakeJobOptions {
  readonly name: string;
  readonly if: string;
  readonly push: boolean;
  /** Registry to log in to before pushing; none when undefined. */
  readonly login?: string;
}

function bakeJob(plan: BuildPlan, bakeFile: string, options: BakeJobOptions): github.workflows.Job {
  const wf = plan.workflow;
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
  if (options.login !== undefined) {
    steps.push(loginStep(wf, options.login));
  }
  const env: Record<string, string> = { [SETTING_VARIABLES.registry]: plan.registry };
  for (const variable of tagVariables(plan)) {
    env[variable] = `\${{ needs.${JOB_IDS.tag}.outputs.${variable} }}`;
  }
  // the OCI revision and created labels, from the same Makefile code as local builds
  for (const fact of labelBuildFacts(plan)) {
    env[fact] = `\${{ needs.${JOB_IDS.tag}.outputs.${fact} }}`;
  }
  steps.push({
    id: 'bake',
    name: options.push ? 'Build and push images' : 'Build images',
    env,
    run: ['docker buildx bake', '--file', shellWord(bakeFile), ...(options.push ? ['--push'] : []), shellWord(BAKE_DEFAULT_GROUP)].join(' '),
  });
  const permissions: github.workflows.JobPermissions = options.login === GHCR
    ? { contents: github.workflows.JobPermission.READ, packages: github.workflows.JobPermission.WRITE }
    : { contents: github.workflows.JobPermission.READ };
  return {
    name: options.name,
    needs: [JOB_IDS.tag],
    if: options.if,
    runsOn: [wf.runsOn],
    timeoutMinutes: wf.timeoutMinutes,
    permissions,
    steps,
  };
}

function checkoutStep(extra: Record<string, unknown> = {}): github.workflows.JobStep {
  return {
    id: 'checkout',
    name: 'Check out',
    uses: pinnedUses(CHECKOUT),
    // the token must not stay in .git/config for later steps (zizmor artipacked)
    with: { 'persist-credentials': false, ...extra },
  };
}

function loginStep(wf: PlannedWorkflow, registry: string): github.workflows.JobStep {
  let credentials: { username: string; password: string };
  if (registry === GHCR) {
    credentials = { username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' };
  } else if (wf.usernameSecret !== undefined && wf.passwordSecret !== undefined) {
    credentials = { username: `\${{ secrets.${wf.usernameSecret} }}`, password: `\${{ secrets.${wf.passwordSecret} }}` };
  } else {
    throw new Error(`internal error: workflow ${wf.name}: no usernameSecret and passwordSecret for ${registry} (settings default them)`);
  }
  return { id: 'login', name: `Log in to ${registry}`, uses: pinnedUses(LOGIN), with: { registry, ...credentials } };
}

/** Secret names (GitHub: letters, digits and `_`, not starting with a digit). */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The workflow embeds these literals in YAML values GitHub evaluates expressions in; the plan never holds a GitHub
 * expression (`${{`) or a malformed secret name there, whatever produced it.
 */
function assertLiterals(plan: BuildPlan): void {
  const wf = plan.workflow;
  const literals: Record<string, string | undefined> = {
    'registry': plan.registry,
    'bake file': plan.outputs.bakeFile,
    'makefile': plan.outputs.makefile,
    'workflow.name': wf.name,
    'workflow.defaultBranch': wf.defaultBranch,
    'workflow.loginRegistry': wf.loginRegistry,
    'workflow.runsOn': wf.runsOn,
  };
  for (const [what, value] of Object.entries(literals)) {
    if (value !== undefined && value.includes('${{')) {
      throw new Error(`internal error: workflow ${wf.name}: ${what} ${JSON.stringify(value)} holds a GitHub expression`);
    }
  }
  const names: Record<string, string | undefined> = { usernameSecret: wf.usernameSecret, passwordSecret: wf.passwordSecret };
  for (const variable of tagVariables(plan)) names[`tag variable ${variable}`] = variable;
  for (const [what, value] of Object.entries(names)) {
    if (value !== undefined && !SECRET_NAME.test(value)) {
      throw new Error(`internal error: workflow ${wf.name}: ${what} ${JSON.stringify(value)} is not a secret, output or environment name`);
    }
  }
}
