import { Construct } from 'constructs';
import { FamilyTag } from './family-tag';
import type { CachePolicy } from '../cache/cache-policy';
import { constructId } from '../core/construct-id';
import { recordOrigin } from '../core/origin';
import { normalizeProjectPath } from '../core/paths';
import { Image, ImageProps } from '../image/image';
import type { TagFlavor } from '../tags/tag-flavor';
import type { TagRule } from '../tags/tag-rule';

/** Properties of an image family. */
export interface ImageFamilyProps {
  /**
   * The multi-target Dockerfile holding the family's images (relative to the project root).
   * @default "docker/<family>/Dockerfile"
   */
  readonly dockerfile?: string;
  /**
   * Build context directory (relative to the project root); its `.dockerignore` is generated.
   * @default "."
   */
  readonly context?: string;
  /**
   * The tag policy shared by every image of the family.
   * @default - the pipeline's default tag policy
   */
  readonly tag?: FamilyTag;
  /**
   * Typed tag rules with docker/metadata-action's semantics, evaluated identically by the Makefile and CI: every
   * image of the family gets every tag they yield (the first is the main tag and the OCI version label). Use
   * either `tag` or `tags`.
   * @default - the `tag` policy (one family-wide tag)
   */
  readonly tags?: TagRule[];
  /**
   * Policy-wide settings of `tags`: `latest`, prefix, suffix, fallback (metadata-action's `flavor`).
   * @default - latest auto, no prefix or suffix, fallback "dev"
   */
  readonly tagFlavor?: TagFlavor;
  /**
   * SPDX license expression of the published images (e.g. `"Apache-2.0"`, `"MIT OR Apache-2.0"`), written to the
   * `org.opencontainers.image.licenses` label and annotation; the nearest of image, family and pipeline wins.
   * @default - the pipeline's
   */
  readonly licenses?: string;
  /**
   * Platforms to build, e.g. `['linux/amd64', 'linux/arm64']`.
   * @default - the pipeline's default platforms
   */
  readonly platforms?: string[];
  /**
   * Where the build cache is read from and written to (the default of the family's images).
   * @default - the pipeline's policy
   */
  readonly cache?: CachePolicy;
  /**
   * One-line description.
   * @default - none
   */
  readonly description?: string;
}

/**
 * Images that are built together and share one tag, e.g. `runtime → base → dev`.
 * Build order is derived from what each image builds on.
 *
 * @example
 * import { Containers, FamilyTag, ImageRole, ImageSource } from 'projen-containers';
 *
 * declare const containers: Containers;
 * const flowPipe = containers.addFamily('flow-pipe', {
 *   dockerfile: 'runtime/docker/Dockerfile',
 *   tag: FamilyTag.templates(['{version}-{os}', '{branch}-{os}'], { constants: { os: 'ubuntu24.04' } }),
 * });
 * const runtime = flowPipe.addImage('runtime', { from: ImageSource.registry('ubuntu:24.04'), role: ImageRole.RUNTIME });
 * flowPipe.addImage('dev', { from: ImageSource.stage(runtime), role: ImageRole.SDK });
 */
export class ImageFamily extends Construct {
  /** Whether `x` is an ImageFamily (also across copies of this library). */
  public static isImageFamily(x: unknown): x is ImageFamily {
    return typeof x === 'object' && x !== null && IMAGE_FAMILY_SYMBOL in x;
  }

  /** The props argument exactly as given, for validation to report a non-object. @internal */
  public readonly _rawProps: unknown;
  /** The properties as given (validation reads them, whatever their types). @internal */
  public readonly _props: ImageFamilyProps;

  /** Why the id as given could not name the construct (validation reports it). @internal */
  public readonly _idProblem?: string;

  constructor(scope: Construct, id: string, props: ImageFamilyProps = {}) {
    const checked = constructId(scope, id);
    super(scope, checked.id);
    recordOrigin(this, ImageFamily);
    this._idProblem = checked.problem;
    Object.defineProperty(this, IMAGE_FAMILY_SYMBOL, { value: true });
    this._rawProps = props;
    this._props = typeof props === 'object' && props !== null ? props : {};
  }

  /** The Dockerfile of images without one of their own. */
  public get dockerfile(): string {
    return typeof this._props.dockerfile === 'string' ? normalized(this._props.dockerfile) : `docker/${this.node.id}/Dockerfile`;
  }

  /** The build context. */
  public get context(): string {
    return typeof this._props.context === 'string' ? normalized(this._props.context) : '.';
  }

  /** Adds an image to the family. */
  public addImage(id: string, props: ImageProps): Image {
    return new Image(this, id, props);
  }

  /** The family's images in creation order. */
  public get images(): Image[] {
    return this.node.children.filter((c): c is Image => Image.isImage(c));
  }
}

/** The normalised path, or the path as given when it is invalid (validation reports it). */
function normalized(path: string): string {
  const result = normalizeProjectPath(path, { allowRoot: true });
  return 'path' in result ? result.path : path;
}

const IMAGE_FAMILY_SYMBOL = Symbol.for('projen-containers.ImageFamily');
