import { github } from 'projen';
import { COSIGN_INSTALLER, pinnedUses } from './action-pins';
import { digestOutputOf } from './image-digests';
import { loginStep, registrySource } from './registry-steps';
import type { BuildPlan, PlannedImage, PlannedWorkflow } from '../plan/build-plan';
import { SETTING_VARIABLES } from '../plan/variables';

/** Signing a handful of digests takes seconds; the limit only stops a hung Fulcio or Rekor call. */
const SIGN_JOB_TIMEOUT_MINUTES = 15;

/** OCI repository path (validated): safe inside double quotes in a `run:`. */
const REPOSITORY = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/;

/**
 * The `sign` job: after the jobs that published the images (`producerOf(image)`), keyless `cosign sign --yes
 * "$REGISTRY/<repository>@$<IMAGE>_DIGEST"` for each image, the digest read from the producer's output
 * `digestOutputOf(image)`. It is the only job with `id-token: write` (the OIDC token Fulcio certifies); it logs in to
 * the registry to push the signatures (`packages: write` for GHCR). Registry and digests reach `run:` through `env:`.
 * @param producerOf the id of the job whose outputs hold an image's digest (the publishing bake, or the image's merge
 *   job of a fan-out over platforms)
 * @internal
 */
export function signJob(
  plan: BuildPlan, wf: PlannedWorkflow, images: readonly PlannedImage[], producerOf: (image: PlannedImage) => string, condition: string,
): github.workflows.Job {
  const source = registrySource(wf);
  const env: Record<string, string> = { [SETTING_VARIABLES.registry]: source.registry };
  const lines: string[] = [];
  for (const image of images) {
    if (!REPOSITORY.test(image.repository)) throw new Error(`internal error: image ${image.id}: repository ${JSON.stringify(image.repository)} is not a lowercase repository path`);
    const output = digestOutputOf(image);
    env[output] = `\${{ needs.${producerOf(image)}.outputs.${output} }}`;
    lines.push(`cosign sign --yes "$${SETTING_VARIABLES.registry}/${image.repository}@\${${output}:?no digest for ${image.id}}"`);
  }
  if (plan.supply?.signing === undefined) throw new Error('internal error: a sign job without signing');
  return {
    name: 'Sign images',
    needs: [...new Set(images.map(producerOf))],
    if: condition,
    runsOn: [wf.runsOn],
    timeoutMinutes: Math.min(SIGN_JOB_TIMEOUT_MINUTES, wf.timeoutMinutes),
    permissions: {
      contents: github.workflows.JobPermission.READ,
      ...(source.githubToken ? { packages: github.workflows.JobPermission.WRITE } : {}),
      idToken: github.workflows.JobPermission.WRITE,
    },
    steps: [
      ...source.steps,
      { id: 'cosign', name: 'Install cosign', uses: pinnedUses(COSIGN_INSTALLER) },
      loginStep(wf, source),
      { id: 'sign', name: 'Sign the pushed digests', env, run: lines.join('\n') },
    ],
  };
}
