import type { PlannedImage } from '../plan/build-plan';

/**
 * The job output holding the digest an image was published under (its manifest, or the multi-platform index), e.g.
 * `APP_RUNTIME_IMAGE_DIGEST`: the job that publishes an image's final reference sets it (the publishing bake, or the
 * merge job of a build spread over platforms), and jobs that act on the pushed image by digest (signing) read it.
 * One home for the name, so producer and consumers agree.
 * @internal
 */
export function digestOutputOf(image: PlannedImage): string {
  return `${image.imageVariable}_DIGEST`;
}
