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
 */
export class ImageSource {
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
    this._source = source;
  }
}

/** @internal */
export type SourceKind =
  | { readonly kind: 'registry'; readonly reference: string; readonly buildArg?: string }
  | { readonly kind: 'stage'; readonly stage: Stage }
  | { readonly kind: 'external'; readonly image: ExternalImage }
  | { readonly kind: 'scratch' };
