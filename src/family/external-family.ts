import { Construct } from 'constructs';
import { ImageRole } from '../image/image-role';

/** One image of an external family. */
export interface ExternalImageProps {
  /** The image's name within the family, e.g. `dev`. */
  readonly name: string;
  /** Repository path below the family's registry, e.g. `flow-pipe-dev`. */
  readonly repository: string;
  /**
   * What the image is for.
   * @default ImageRole.GENERAL
   */
  readonly role?: ImageRole;
}

/** Properties of an external family. */
export interface ExternalFamilyProps {
  /** Registry host and namespace the family is published under, e.g. `ghcr.io/hurdad`. */
  readonly registry: string;
  /** The one tag used for every image of the family, e.g. `0.1.0-ubuntu24.04`. */
  readonly tag: string;
  /** The family's images. */
  readonly images: ExternalImageProps[];
}

/**
 * An image family published by another repository, used by this one with one shared tag — e.g. a plugin repository
 * that builds `FROM` the family's SDK image and ships on its runtime image. Registry and tag become the build
 * arguments `<FAMILY>_REGISTRY` and `<FAMILY>_TAG`, so every reference to the family moves together.
 */
export class ExternalFamily extends Construct {
  /** @internal */
  public readonly _isExternalFamily = true;
  /** The family's properties as given. */
  public readonly props: ExternalFamilyProps;
  private readonly byName = new Map<string, ExternalImage>();

  constructor(scope: Construct, id: string, props: ExternalFamilyProps) {
    super(scope, id);
    this.props = props;
    for (const image of props.images) {
      this.byName.set(image.name, new ExternalImage(this, image));
    }
  }

  /** The image named `name`; throws when the family has none. */
  public image(name: string): ExternalImage {
    const found = this.byName.get(name);
    if (!found) {
      throw new Error(`[${this.node.path}] external family "${this.node.id}" has no image "${name}"; known: ${[...this.byName.keys()].join(', ')}`);
    }
    return found;
  }

  /** All images of the family. */
  public get images(): ExternalImage[] {
    return [...this.byName.values()];
  }
}

/** An image of an external family. */
export class ExternalImage {
  /** The family the image belongs to. */
  public readonly family: ExternalFamily;
  /** The image's name within the family. */
  public readonly name: string;
  /** Repository path below the family's registry. */
  public readonly repository: string;
  /** What the image is for. */
  public readonly role: ImageRole;

  constructor(family: ExternalFamily, props: ExternalImageProps) {
    this.family = family;
    this.name = props.name;
    this.repository = props.repository;
    this.role = props.role ?? ImageRole.GENERAL;
  }
}
