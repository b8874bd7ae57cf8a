import { buildxArguments, buildxCommand } from './buildx-command';
import type { MakeRule } from './makefile-model';
import { plannedPlatforms } from './platforms';
import { rule } from './rules';
import type { BuildPlan } from '../plan/build-plan';
import { platformSuffix } from '../plan/platform-names';
import { platformTargets } from '../plan/target-names';

/**
 * The platforms any image plans, in order of first appearance (plan order of images, each image's own order).
 * @internal
 */
export function plannedPlatformSet(plan: BuildPlan): string[] {
  return [...new Set(plan.images.flatMap((image) => plannedPlatforms(plan, image)))];
}

/**
 * Per-platform build rules: for every planned platform, `<prefix>build-<suffix>` builds every image planned for it,
 * for that platform only, into the local image store; and per image `<prefix>build-<image>-<suffix>`, after its
 * parents' rules for the same platform (validation guarantees each parent builds for it). They force `--platform`
 * (`PLATFORMS` does not apply); a platform the builder cannot run natively is emulated by QEMU through buildx when
 * its binfmt handler is registered.
 * @internal
 */
export function platformRules(plan: BuildPlan): MakeRule[] {
  const targets = platformTargets(plan.make.targetPrefix);
  const global: MakeRule[] = [];
  const images: MakeRule[] = [];
  for (const platform of plannedPlatformSet(plan)) {
    const suffix = platformSuffix(platform);
    const planned = plan.images.filter((image) => plannedPlatforms(plan, image).includes(platform));
    global.push(rule(targets.all(suffix), `Build every image planned for ${platform}, for ${platform} only`, planned.map((image) => targets.image(image.id, suffix))));
    for (const image of planned) {
      images.push(rule(targets.image(image.id, suffix), `Build ${image.id} for ${platform} only`, image.dependsOn.map((parent) => targets.image(parent, suffix)), [
        buildxCommand(image, buildxArguments(image, plan, platform), 'load'),
      ]));
    }
  }
  return [...global, ...images];
}
