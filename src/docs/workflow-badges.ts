import type { BuildPlan } from '../plan/build-plan';
import { mappedInputs } from '../workflow/dispatch-variables';

/** One workflow in CONTAINERS.md: its name, file and a README badge snippet. @internal */
export interface WorkflowBadgeView {
  /** `` `containers` `` */
  readonly name: string;
  /** `` `.github/workflows/containers.yml` `` */
  readonly file: string;
  /** `[![containers](…/badge.svg)](…)`: Markdown for a README, inside a fenced block. */
  readonly badge: string;
  /**
   * The dispatch inputs that set a build variable, e.g. `` input `python_image` sets `RUNTIME_PYTHON_BASE_IMAGE` ``
   * (joined with `; `); undefined when none does.
   */
  readonly inputs?: string;
}

/** `https://github.com/<owner>/<repo>` with an optional `.git` or trailing slash. */
const GITHUB_REPOSITORY_URL = /^https:\/\/github\.com\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/;

/**
 * The repository's GitHub URL from `sourceUrl` when it is one, else a placeholder to replace (the generator does not
 * know where the repository lives).
 * @internal
 */
export function repositoryUrl(plan: BuildPlan): { readonly url: string; readonly known: boolean } {
  const m = plan.sourceUrl === undefined ? null : GITHUB_REPOSITORY_URL.exec(plan.sourceUrl);
  return m ? { url: `https://github.com/${m[1]}/${m[2]}`, known: true } : { url: 'https://github.com/OWNER/REPO', known: false };
}

/**
 * A GitHub status badge per workflow (`/actions/workflows/<file>/badge.svg`, linking to the workflow's runs). Names
 * and file names are validated (`[A-Za-z0-9._-]`), so nothing in the snippet needs escaping.
 * @see https://docs.github.com/en/actions/monitoring-and-troubleshooting-workflows/adding-a-workflow-status-badge
 * @internal
 */
export function workflowBadges(plan: BuildPlan): WorkflowBadgeView[] {
  const { url } = repositoryUrl(plan);
  return plan.workflows.map((w) => {
    const runs = `${url}/actions/workflows/${w.fileName}`;
    // input names and variables are validated (letters, digits, "_", "-"): nothing to escape
    const inputs = mappedInputs(w).map((i) => `input \`${i.name}\` sets \`${i.variable}\` when given`).join('; ');
    return {
      name: `\`${w.name}\``,
      file: `\`.github/workflows/${w.fileName}\``,
      badge: `[![${w.name}](${runs}/badge.svg)](${runs})`,
      ...(inputs === '' ? {} : { inputs }),
    };
  });
}
