import { Construct } from 'constructs';
import { constructId } from '../core/construct-id';
import { recordOrigin } from '../core/origin';
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
  /** Whether `x` is an ExternalFamily (also across copies of this library). */
  public static isExternalFamily(x: unknown): x is ExternalFamily {
    return typeof x === 'object' && x !== null && EXTERNAL_FAMILY_SYMBOL in x;
  }

  /** The props argument exactly as given, for validation to report a non-object. @internal */
  public readonly _rawProps: unknown;
  /** The properties as given (validation reads them, whatever their types). @internal */
  public readonly _props: ExternalFamilyProps;
  private readonly byName = new Map<string, ExternalImage>();

  /** Why the id as given could not name the construct (validation reports it). @internal */
  public readonly _idProblem?: string;

  constructor(scope: Construct, id: string, props: ExternalFamilyProps) {
    const checked = constructId(scope, id);
    super(scope, checked.id);
    recordOrigin(this, ExternalFamily);
    this._idProblem = checked.problem;
    Object.defineProperty(this, EXTERNAL_FAMILY_SYMBOL, { value: true });
    this._rawProps = props;
    this._props = typeof props === 'object' && props !== null ? props : ({} as ExternalFamilyProps);
    const images: unknown = this._props.images;
    for (const image of Array.isArray(images) ? images : []) {
      if (typeof image === 'object' && image !== null) this.byName.set(String(image.name), new ExternalImage(this, image));
    }
  }

  /** The family's registry as given. */
  public get registry(): string {
    return this._props.registry;
  }

  /** The one tag of the family as given. */
  public get tag(): string {
    return this._props.tag;
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

const EXTERNAL_FAMILY_SYMBOL = Symbol.for('projen-containers.ExternalFamily');
