import type { ExternalImage } from '../family/external-family';
import type { Stage } from '../stage/stage';

/** Options of `ImageSource.registry()`. */
export interface RegistryImageOptions {
  /**
   * Name of the build argument that overrides this base image at build time (mirrors, air-gapped registries).
   * @default - `<STAGE>_BASE_IMAGE`, e.g. `RUNTIME_BASE_IMAGE`
   */
  readonly buildArg?: string;
}

/**
 * What a stage builds `FROM`: a registry image, another stage or image of the pipeline, an image of an external
 * family, or `scratch`.
 *
 * @example
 * import { Containers, ImageSource } from 'projen-containers';
 *
 * declare const containers: Containers;
 * const family = containers.addFamily('app', { dockerfile: 'Dockerfile' });
 * // a registry image, overridable as the build argument OS_IMAGE (and the Makefile variable APP_OS_IMAGE)
 * const runtime = family.addImage('runtime', { from: ImageSource.registry('ubuntu:24.04', { buildArg: 'OS_IMAGE' }) });
 * // another image of the pipeline: built first, then built on
 * family.addImage('base', { from: ImageSource.stage(runtime) });
 * // an image another repository publishes
 * const sdk = containers.addExternalFamily('sdk', {
 *   registry: 'ghcr.io/acme',
 *   tag: '1.0.0',
 *   images: [{ name: 'dev', repository: 'sdk-dev' }],
 * });
 * family.addImage('plugin', { from: ImageSource.external(sdk.image('dev')) });
 */
export class ImageSource {
  /** Whether `x` is an ImageSource (also across copies of this library). */
  public static isImageSource(x: unknown): x is ImageSource {
    return typeof x === 'object' && x !== null && IMAGE_SOURCE_SYMBOL in x;
  }

  /**
   * An image from a registry, `name[:tag][@sha256:<digest>]`; overridable at build time through a build argument.
   * Unpinned references (no digest) are allowed but reported as a warning.
   */
  public static registry(reference: string, options: RegistryImageOptions = {}): ImageSource {
    return new ImageSource({ kind: 'registry', reference, buildArg: options.buildArg });
  }

  /** Another stage or image of this pipeline. */
  public static stage(stage: Stage): ImageSource {
    return new ImageSource({ kind: 'stage', stage });
  }

  /** An image of a family published by another repository (see `ExternalFamily`). */
  public static external(image: ExternalImage): ImageSource {
    return new ImageSource({ kind: 'external', image });
  }

  /** The empty image. */
  public static scratch(): ImageSource {
    return new ImageSource({ kind: 'scratch' });
  }

  /** @internal */
  public readonly _source: SourceKind;

  private constructor(source: SourceKind) {
    Object.defineProperty(this, IMAGE_SOURCE_SYMBOL, { value: true });
    this._source = source;
  }
}

/** @internal */
export type SourceKind =
  | { readonly kind: 'registry'; readonly reference: string; readonly buildArg?: string }
  | { readonly kind: 'stage'; readonly stage: Stage }
  | { readonly kind: 'external'; readonly image: ExternalImage }
  | { readonly kind: 'scratch' };

const IMAGE_SOURCE_SYMBOL = Symbol.for('projen-containers.ImageSource');

/**
 * What `from` (as given, possibly untyped) resolves to, or `undefined` when it is not a usable ImageSource: not one,
 * or naming a stage or external image that is not one.
 * @internal
 */
export function sourceOf(from: unknown): SourceKind | undefined {
  if (!ImageSource.isImageSource(from)) return undefined;
  const src = from._source;
  if (src.kind === 'stage' && !isStageLike(src.stage)) return undefined;
  if (src.kind === 'external' && !isUsableExternal(src.image)) return undefined;
  if (src.kind === 'registry' && (typeof src.reference !== 'string' || (src.buildArg !== undefined && typeof src.buildArg !== 'string'))) return undefined;
  return src;
}

/** An external image whose family has a string registry and tag (anything else is reported on the family). */
function isUsableExternal(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || !('family' in x)) return false;
  const family = (x as ExternalImage).family;
  return typeof family?.registry === 'string' && typeof family?.tag === 'string';
}

function isStageLike(x: unknown): boolean {
  return typeof x === 'object' && x !== null && Symbol.for('projen-containers.Stage') in x;
}
