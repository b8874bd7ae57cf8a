import type { PlannedSupply, PlannedWorkflow } from '../plan/build-plan';
import type { SupplySettings } from '../synth/supply-settings';

/**
 * The planned supply chain: the attestation specs and reproducibility as read, and for signing the identity that
 * `cosign verify` checks: the given one, else
 * `^https://github\.com/<owner>/<repo>/\.github/workflows/<file>@refs/.*$` for the workflow files that sign
 * (`(a\.yml|b\.yml)` for several, any file when none publishes), every literal part regexp-escaped.
 * @internal
 */
export function plannedSupply(settings: SupplySettings | undefined, workflows: readonly PlannedWorkflow[]): PlannedSupply | undefined {
  if (settings === undefined) return undefined;
  const signing = settings.signing;
  let planned: PlannedSupply['signing'];
  if (signing !== undefined) {
    const identity = signing.identity ?? defaultIdentity(signing.repository, workflows);
    planned = { identityRegexp: identity, issuer: signing.issuer };
  }
  return { ...(planned === undefined ? {} : { signing: planned }), attestations: [...settings.attestations], reproducible: settings.reproducible };
}

/** Whether a workflow publishes (and so signs): pushes, manual and scheduled runs. @internal */
export function publishes(wf: PlannedWorkflow): boolean {
  return wf.triggers.push !== undefined || wf.triggers.dispatch !== undefined || wf.triggers.schedule.length > 0;
}

function defaultIdentity(repository: { readonly owner: string; readonly name: string } | undefined, workflows: readonly PlannedWorkflow[]): string {
  if (repository === undefined) throw new Error('internal error: signing without an identity needs a GitHub sourceUrl (validation checks it)');
  const files = workflows.filter(publishes).map((wf) => escapeRegexp(wf.fileName));
  const file = files.length === 0 ? '[^/@]+' : files.length === 1 ? files[0] : `(${files.join('|')})`;
  return `^https://github\\.com/${escapeRegexp(repository.owner)}/${escapeRegexp(repository.name)}/\\.github/workflows/${file}@refs/.*$`;
}

/** `text` as a literal in a Go (RE2) regular expression. */
function escapeRegexp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
