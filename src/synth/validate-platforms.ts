import type { PipelineIndex } from './pipeline-index';
import type { PipelineSettings } from './settings';
import type { Diagnostics } from '../core/diagnostics';
import type { Image } from '../image/image';
import { plannedPlatforms } from '../make/platforms';
import type { BuildPlan } from '../plan/build-plan';
import { platformSuffix } from '../plan/platform-names';
import { platformTargets } from '../plan/target-names';

/**
 * The platforms an image builds for before the plan exists: the image's, else its family's, else the pipeline's
 * (the same rule as `plannedPlatforms`); empty is the builder's native platform. Untyped input that is not a list of
 * strings yields nothing here (the platform checks report it).
 * @internal
 */
export function effectivePlatforms(index: PipelineIndex, settings: PipelineSettings, image: Image): readonly string[] {
  const strings = (value: unknown): string[] | undefined =>
    (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined);
  const own = strings(image._props.platforms) ?? strings(index.familyOf(image)._props.platforms);
  return own !== undefined && own.length > 0 ? own : settings.platforms;
}

/**
 * Claims the per-platform make targets of every image (`<prefix>build-<suffix>`, `<prefix>build-<image>-<suffix>`)
 * through `claim`, so they collide with no other target, and refuses two platforms of the pipeline that would get the
 * same suffix (e.g. `linux/arm64` and `linux/arm64/v8`, both `arm64`).
 * @internal
 */
export function claimPlatformTargets(
  d: Diagnostics, index: PipelineIndex, settings: PipelineSettings, prefix: string,
  claim: (name: string, path: string, note?: string) => void,
): void {
  const targets = platformTargets(prefix);
  const bySuffix = new Map<string, { platform: string; path: string }>();
  for (const image of index.images) {
    const path = image.node.path;
    const id = index.imageId(image);
    for (const platform of effectivePlatforms(index, settings, image)) {
      const suffix = platformSuffix(platform);
      const other = bySuffix.get(suffix);
      if (other === undefined) {
        bySuffix.set(suffix, { platform, path });
        claim(targets.all(suffix), path, ` (build-<platform> target of ${platform})`);
      } else if (other.platform !== platform) {
        d.error(path, `platform "${platform}" gets the make target suffix "${suffix}", which platform "${other.platform}" of ${other.path} already has; build both images for one of them`);
        continue;
      }
      claim(targets.image(id, suffix), path, ` (platform ${platform})`);
    }
  }
}

/**
 * Every image builds only for platforms its parents (`dependsOn`: the images it is FROM or copies from) build for:
 * a child's effective platforms are a subset of each parent's. A parent without planned platforms builds for the
 * builder's native platform only, which no planned platform of a child is known to be.
 * @internal
 */
export function validatePlatformSubsets(d: Diagnostics, index: PipelineIndex, plan: BuildPlan): void {
  const byId = new Map(plan.images.map((image) => [image.id, image]));
  const pathOf = new Map(index.images.map((image) => [index.imageId(image), image.node.path]));
  for (const image of plan.images) {
    const own = plannedPlatforms(plan, image);
    if (own.length === 0) continue;
    for (const parentId of image.dependsOn) {
      const parent = byId.get(parentId);
      if (parent === undefined) continue;
      const available = new Set(plannedPlatforms(plan, parent));
      const missing = own.filter((platform) => !available.has(platform));
      if (missing.length === 0) continue;
      const parentPath = pathOf.get(parentId) ?? parentId;
      const builds = available.size === 0 ? 'only for the builder\'s native platform' : `for ${[...available].join(', ')}`;
      d.error(pathOf.get(image.id) ?? image.id, `builds for ${missing.join(', ')}, which its parent image ${parentPath} does not build for (it builds ${builds}); add the platforms to the parent or remove them from this image`);
    }
  }
}
