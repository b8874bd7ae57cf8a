import type { github } from 'projen';
import { cell, code, prose } from './markdown-text';
import type { BuildPlan, PlannedWorkflow } from '../plan/build-plan';
import { GITHUB_RUNTIME, pinnedUses } from '../workflow/action-pins';
import { permissionReasons } from '../workflow/containers-workflow';
import { containersJobs } from '../workflow/jobs';

/** One row of the "What CI needs" table. @internal */
export interface CiNeedRow {
  /** `` `packages: write` ``, `` `DOCKER_PASSWORD` ``, … */
  readonly need: string;
  /** Permission, secret, variable, token, cache or runner. */
  readonly kind: string;
  /** `` `containers.yml`: `publish`, `sign` `` per workflow, `;`-separated. */
  readonly jobs: string;
  /** What it is for and what to set up, as Markdown. */
  readonly setup: string;
}

/** The automatic token; it needs no secret of the user's. */
const GITHUB_TOKEN = 'GITHUB_TOKEN';

/** `${{ secrets.NAME }}` and `${{ vars.NAME }}` in a job (its env, steps, `with:` and `if:`). */
const CONTEXT_REFERENCE = /\$\{\{\s*(secrets|vars)\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Kinds in the order the table lists them. */
const KIND_ORDER = ['token', 'permission', 'secret', 'variable', 'cache', 'runner'] as const;
type Kind = (typeof KIND_ORDER)[number];

interface Need {
  readonly kind: Kind;
  readonly name: string;
  /** workflow file → job ids */
  readonly jobs: Map<string, Set<string>>;
  /** Names of the steps that read it (secrets and variables). */
  readonly steps: Set<string>;
}

/**
 * What the repository must provide for the generated workflows, read from the jobs the workflows are rendered from
 * (`containersJobs`), so the table cannot drift from the files: every write permission a job grants (with the reason
 * the workflow writes next to it), `GITHUB_TOKEN`, every secret and variable an expression reads (with the steps
 * reading them), the Actions cache runtime of gha caches, and the runner labels.
 * @internal
 */
export function ciNeeds(plan: BuildPlan): CiNeedRow[] {
  const needs = new Map<string, Need>();
  const note = (kind: Kind, name: string, file: string, job: string, step?: string) => {
    const key = `${kind}\0${name}`;
    let need = needs.get(key);
    if (need === undefined) {
      need = { kind, name, jobs: new Map(), steps: new Set() };
      needs.set(key, need);
    }
    let jobs = need.jobs.get(file);
    if (jobs === undefined) {
      jobs = new Set();
      need.jobs.set(file, jobs);
    }
    jobs.add(job);
    if (step !== undefined) need.steps.add(step);
  };
  const reasons = new Map<string, string>();
  for (const wf of plan.workflows) {
    for (const { key, comment } of permissionReasons(wf)) {
      if (!reasons.has(key)) reasons.set(key, comment);
    }
    for (const [id, job] of Object.entries(containersJobs(plan, wf))) {
      visitJob(wf, id, job, note);
    }
  }
  return [...needs.values()]
    .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((need) => ({
      need: cell(need.kind === 'permission' ? code(`${need.name}: write`) : code(need.name)),
      kind: need.kind,
      jobs: cell([...need.jobs].map(([file, ids]) => `${code(file)}: ${[...ids].map(code).join(', ')}`).join('; ')),
      setup: cell(setupOf(need, reasons)),
    }));
}

function visitJob(
  wf: PlannedWorkflow, id: string, job: github.workflows.Job,
  note: (kind: Kind, name: string, file: string, job: string, step?: string) => void,
): void {
  const file = wf.fileName;
  for (const [permission, access] of Object.entries(job.permissions ?? {})) {
    if (access === 'write') note('permission', kebab(permission), file, id);
  }
  for (const label of job.runsOn ?? []) note('runner', label, file, id);
  const { steps, ...rest } = job;
  for (const [, context, name] of JSON.stringify(rest).matchAll(CONTEXT_REFERENCE)) {
    note(context === 'secrets' && name === GITHUB_TOKEN ? 'token' : context === 'secrets' ? 'secret' : 'variable', name, file, id);
  }
  for (const step of steps) {
    if (step.uses === pinnedUses(GITHUB_RUNTIME)) note('cache', 'gha', file, id);
    for (const [, context, name] of JSON.stringify(step).matchAll(CONTEXT_REFERENCE)) {
      const kind: Kind = context === 'secrets' ? (name === GITHUB_TOKEN ? 'token' : 'secret') : 'variable';
      note(kind, name, file, id, step.name);
    }
  }
}

/** projen's camelCase permission keys (`idToken`) as the workflow spells them (`id-token`). */
function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function setupOf(need: Need, reasons: ReadonlyMap<string, string>): string {
  const readBy = need.steps.size > 0 ? ` Read by: ${[...need.steps].sort().map(prose).join(', ')}.` : '';
  switch (need.kind) {
    case 'token':
      return 'The automatic workflow token: nothing to create; the jobs grant it the permissions below. A GHCR package '
        + 'that already exists must give this repository write access (package settings, "Manage Actions access").'
        + readBy;
    case 'permission':
      return `To ${prose(reasons.get(need.name) ?? 'run the job')}. The job grants it itself (the workflow's top-level `
        + '`permissions: {}` leaves every other scope off), whatever the default token permissions of the repository.';
    case 'secret':
      return 'A repository (or organisation) secret: Settings, Secrets and variables, Actions, Secrets. Pull requests from '
        + `forks do not receive it.${readBy}`;
    case 'variable':
      return `A repository (or organisation) variable: Settings, Secrets and variables, Actions, Variables.${readBy}`;
    case 'cache':
      return `The GitHub Actions cache (buildx \`type=gha\`): nothing to set up; ${code(GITHUB_RUNTIME.action)} hands the job's `
        + 'cache token to buildx. Entries count against the repository\'s Actions cache quota.';
    case 'runner':
      return 'Runner label: GitHub-hosted for `ubuntu-*` labels; any other label needs a registered self-hosted runner.';
  }
}
