import type { BuildPlan, PlannedImage } from '../plan/build-plan';

/**
 * The platforms an image builds for unless `PLATFORMS` overrides them: its own (the image's, else its family's),
 * else the pipeline's; empty means the builder's native platform. The Makefile, the bake file, the workflow and the
 * docs all read this, so `make` and `docker buildx bake` (locally and in CI) build the same platforms.
 * @internal
 */
export function plannedPlatforms(plan: BuildPlan, image: PlannedImage): readonly string[] {
  return image.platforms.length > 0 ? image.platforms : plan.platforms;
}

/** Whether any image builds for planned platforms (which may need emulation in CI). @internal */
export function usesPlatforms(plan: BuildPlan): boolean {
  return plan.images.some((image) => plannedPlatforms(plan, image).length > 0);
}

/** Platform lists as `PLATFORMS` takes them: comma-separated `os/arch[/variant]`. */
const PLATFORM_LIST = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?(?:,[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?)*$/;

/**
 * The planned platforms of an image as one comma-separated list, `''` for none.
 * @throws `internal error` if a platform is not `os/arch[/variant]` (validation refuses those), so the list is
 *   free of shell, make and HCL syntax
 * @internal
 */
export function platformList(plan: BuildPlan, image: PlannedImage): string {
  const list = plannedPlatforms(plan, image).join(',');
  if (list !== '' && !PLATFORM_LIST.test(list)) {
    throw new Error(`internal error: image ${image.id}: platforms ${JSON.stringify(list)} are not os/arch[/variant]`);
  }
  return list;
}
