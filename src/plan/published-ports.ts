import type { PlannedImage } from './build-plan';

/**
 * The `docker run --publish` values of an image: every EXPOSEd port on the same host port (`8080:8080/tcp`), in the
 * image's order. The Makefile's `<IMAGE ID>_PORTS` default and CONTAINERS.md's run commands both read it.
 * @internal
 */
export function publishedPorts(image: Pick<PlannedImage, 'ports'>): string[] {
  return image.ports.map((port) => `${port.split('/')[0]}:${port}`);
}
