import { imageReference } from './buildx-command';
import type { MakeCommand, MakeRule } from './makefile-model';
import { command, rule } from './rules';
import type { BuildPlan, PlannedImage } from '../plan/build-plan';
import { signTargets } from '../plan/target-names';
import { SETTING_VARIABLES, SUPPLY_VARIABLES } from '../plan/variables';

/**
 * The signing rules when the pipeline signs: `sign-<image>` for every image and `sign` for all of them; none otherwise.
 * A sign target does not build or push: it signs what the registry holds under the image's reference, by digest.
 * @internal
 */
export function signRules(plan: BuildPlan): MakeRule[] {
  if (plan.supply?.signing === undefined) return [];
  const names = signTargets(plan.make.targetPrefix);
  return [
    rule(names.all, 'Sign every pushed image by digest with cosign (COSIGN_KEY, else keyless)', plan.images.map((image) => names.image(image.id))),
    ...plan.images.map((image) => rule(names.image(image.id), `Sign the pushed ${image.id} by digest with cosign (COSIGN_KEY, else keyless)`, [], [signCommand(image)])),
  ];
}

/**
 * Resolves the digest the image's reference points to in the registry (`docker buildx imagetools inspect`, the index
 * of a multi-platform image), then `cosign sign --yes [--key "$COSIGN_KEY"] <COSIGN_ARGS words> <name>@<digest>`,
 * where `<name>` is the reference without its tag or digest: a signature names exactly what was checked, never a tag
 * that may move. `COSIGN_ARGS` is split at blanks by bash (globbing off), like `RUN_ARGS`.
 */
function signCommand(image: PlannedImage): MakeCommand {
  const reference = imageReference(image);
  const docker = SETTING_VARIABLES.docker;
  const v = SUPPLY_VARIABLES;
  return command([
    `ref=${reference}; name="$\${ref%@*}"; last="$\${name##*/}";`,
    'case "$$last" in *:*) name="$${name%:*}";; esac;',
    `digest="$$("$$${docker}" buildx imagetools inspect "$$ref" --format '{{printf "%s" .Manifest.Digest}}')";`,
    'if [[ ! "$$digest" =~ ^sha256:[0-9a-f]{64}$$ ]]; then',
    'printf \'no pushed digest for %s (got %s)\\n\' "$$ref" "$$digest" >&2; exit 1; fi;',
    `set -f; extra=($$${v.cosignArgs}); set +f;`,
    `"$$${v.cosign}" sign --yes $\${${v.cosignKey}:+--key "$$${v.cosignKey}"} "$\${extra[@]}" "$$name@$$digest"`,
  ], false, true);
}
