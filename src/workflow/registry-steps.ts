import { github } from 'projen';
import { LOGIN, pinnedUses } from './action-pins';
import { GHCR_HOST } from './workflow-settings';
import type { PlannedWorkflow } from '../plan/build-plan';

/** Step id of the step that resolves a run-time registry. */
const REGISTRY_STEP_ID = 'registry';

/** A literal registry, or the step that reads it at run time and the expressions of its outputs. @internal */
export interface RegistrySource {
  /** Steps to run before anything reads the registry (none for a literal). */
  readonly steps: github.workflows.JobStep[];
  /** The `REGISTRY` value for `env:` (a literal or `${{ steps.registry.outputs.registry }}`). */
  readonly registry: string;
  /** The login host for `with.registry` (a literal or `${{ steps.registry.outputs.host }}`). */
  readonly host: string;
  /** Whether the login uses the workflow's `GITHUB_TOKEN` (GHCR), which needs `packages: write` to push. */
  readonly githubToken: boolean;
}

/** Registry host and namespace: what the run-time value must look like before any step uses it. */
const RUNTIME_REGISTRY_CHECK = '^[A-Za-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*$';

/**
 * Where a workflow's jobs read the registry from. Variables, secrets and the repository owner reach the shell only
 * through `env:`; the value is checked (host and lowercase namespace) before it is written to the step's outputs, and
 * GHCR's owner is lowercased (`${GITHUB_REPOSITORY_OWNER,,}`).
 * @param fallback the registry to use when the variable or secret is empty: only for jobs that never push (pull
 *   requests from forks receive no secrets), never for publishing, which must fail rather than push elsewhere
 * @internal
 */
export function registrySource(wf: PlannedWorkflow, fallback?: string): RegistrySource {
  const reg = wf.registry;
  if (reg.kind === 'literal') {
    const host = reg.registry.split('/')[0];
    return { steps: [], registry: reg.registry, host, githubToken: host === GHCR_HOST };
  }
  const env: Record<string, string> = {};
  let read: string;
  let from: string;
  if (reg.kind === 'ghcr-owner') {
    read = `registry="${GHCR_HOST}/\${GITHUB_REPOSITORY_OWNER,,}"`;
    from = 'the repository owner';
  } else {
    env.REGISTRY_SOURCE = reg.kind === 'variable' ? `\${{ vars.${reg.name} }}` : `\${{ secrets.${reg.name} }}`;
    read = fallback === undefined ? 'registry="${REGISTRY_SOURCE%/}"' : `registry="\${REGISTRY_SOURCE:-${fallback}}"; registry="\${registry%/}"`;
    if (fallback !== undefined && !/^[a-z0-9.:/_-]+$/.test(fallback)) throw new Error(`internal error: fallback registry ${JSON.stringify(fallback)} is not plain`);
    from = `the ${reg.kind} ${reg.name}`;
  }
  const step: github.workflows.JobStep = {
    id: REGISTRY_STEP_ID,
    name: 'Resolve the registry',
    ...(Object.keys(env).length > 0 ? { env } : {}),
    run: [
      read,
      `if [[ ! "$registry" =~ ${RUNTIME_REGISTRY_CHECK} ]]; then`,
      `  echo "::error::the registry from ${from} is not a registry host and lowercase namespace"`,
      '  exit 1',
      'fi',
      'echo "registry=$registry" >> "$GITHUB_OUTPUT"',
      'echo "host=${registry%%/*}" >> "$GITHUB_OUTPUT"',
    ].join('\n'),
  };
  return {
    steps: [step],
    registry: `\${{ steps.${REGISTRY_STEP_ID}.outputs.registry }}`,
    host: reg.kind === 'ghcr-owner' ? GHCR_HOST : `\${{ steps.${REGISTRY_STEP_ID}.outputs.host }}`,
    githubToken: reg.kind === 'ghcr-owner',
  };
}

/**
 * `docker/login-action` for the registry: GHCR with `GITHUB_TOKEN`, any other registry with the user-named secrets.
 * @throws `internal error` when a non-GHCR registry has no secret names (settings default them)
 * @internal
 */
export function loginStep(wf: PlannedWorkflow, source: RegistrySource): github.workflows.JobStep {
  let credentials: { username: string; password: string };
  if (source.githubToken) {
    credentials = { username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' };
  } else if (wf.usernameSecret !== undefined && wf.passwordSecret !== undefined) {
    credentials = { username: `\${{ secrets.${wf.usernameSecret} }}`, password: `\${{ secrets.${wf.passwordSecret} }}` };
  } else {
    throw new Error(`internal error: workflow ${wf.name}: no usernameSecret and passwordSecret for ${source.host} (settings default them)`);
  }
  const name = source.host.includes('${{') ? 'Log in to the registry' : `Log in to ${source.host}`;
  return { id: 'login', name, uses: pinnedUses(LOGIN), with: { registry: source.host, ...credentials } };
}
