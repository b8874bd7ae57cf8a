import { Construct } from 'constructs';
import { ImageRole } from './image-role';
import type { CachePolicy } from '../cache/cache-policy';
import type { ImageMakeOptions } from '../make/make-options';
import { Stage, StageProps } from '../stage/stage';
import type { TagFlavor } from '../tags/tag-flavor';
import type { TagRule } from '../tags/tag-rule';

/** Properties of an image. */
export interface ImageProps extends StageProps {
  /**
   * Repository path below the registry.
   * @default - `<family>-<image>`, e.g. `flow-pipe-runtime`
   */
  readonly repository?: string;
  /**
   * One-line description (OCI description label, CONTAINERS.md).
   * @default - none
   */
  readonly description?: string;
  /**
   * A Dockerfile of its own for this image (path relative to the project root).
   * @default - the family's multi-target Dockerfile
   */
  readonly dockerfile?: string;
  /**
   * Numeric `uid[:gid]` the published image runs as; appended as the last `USER` unless the image sets one itself.
   * @default - the pipeline's default user ("10001:10001")
   */
  readonly user?: string;
  /**
   * What the image is for.
   * @default ImageRole.GENERAL
   */
  readonly role?: ImageRole;
  /**
   * Platforms to build.
   * @default - the family's platforms
   */
  readonly platforms?: string[];
  /**
   * The image's Makefile variables (full reference, ports of `run-<image>`) and target aliases.
   * @default - `<IMAGE ID>_IMAGE` and `<IMAGE ID>_PORTS`, no aliases
   */
  readonly make?: ImageMakeOptions;
  /**
   * Where the build cache is read from and written to (the nearest policy wins: image, family, pipeline).
   * @default - the family's policy
   */
  readonly cache?: CachePolicy;
  /**
   * Size budget in MB (1 MB = 1,000,000 bytes, as `docker images` counts) of the built image in the local image store:
   * `make check-size-<image>` and CI fail, naming the image, its size and its budget, when it is larger.
   * @default - no budget
   */
  readonly maxSizeMb?: number;
  /**
   * Tag rules of this image alone (docker/metadata-action semantics, as the family's `tags`), replacing its family's
   * tag policy for it. The image then has tag variables of its own, `<IMAGE ID>_TAG` (the main tag, also the OCI
   * version label) and `<IMAGE ID>_TAGS` (every tag), evaluated by the Makefile like a family's and pushed by
   * `push-<image>`, the bake file and CI; its family's `<FAMILY>_TAG` no longer applies to it (`TAG` still does).
   * @default - the family's tag policy
   */
  readonly tags?: TagRule[];
  /**
   * Policy-wide settings of this image's `tags`: `latest`, prefix, suffix, fallback (metadata-action's `flavor`).
   * @default - latest auto, no prefix or suffix, fallback "dev"
   */
  readonly tagFlavor?: TagFlavor;
  /**
   * SPDX license expression of the published images (e.g. `"Apache-2.0"`, `"MIT OR Apache-2.0"`), written to the
   * `org.opencontainers.image.licenses` label and annotation; the nearest of image, family and pipeline wins.
   * @default - the family's
   */
  readonly licenses?: string;
}

/**
 * A published image: the final stage of a build target, tagged with its family's tag.
 * Add build-only stages with `addStage()`; they land in the same Dockerfile, before the image.
 *
 * @example
 * import { ImageFamily, ImageSource } from 'projen-containers';
 *
 * declare const family: ImageFamily;
 * const web = family.addImage('web', {
 *   from: ImageSource.registry('python:3.12-slim-bookworm'),
 *   description: 'The web app',
 * });
 * const build = web.addStage('build', { from: ImageSource.registry('python:3.12-bookworm') });
 * build.copy(['requirements.txt'], '/src/');
 * build.run(['python -m venv /opt/venv', '/opt/venv/bin/pip install -r /src/requirements.txt']);
 * web.copy(['/opt/venv'], '/opt/venv', { from: build });
 * web.copy(['app'], '/app/');
 * web.expose(8000);
 * web.cmd(['/opt/venv/bin/python', '-m', 'app']);
 */
export class Image extends Stage {
  /** Whether `x` is an Image. */
  public static isImage(x: unknown): x is Image {
    return Stage.isStage(x) && IMAGE_SYMBOL in x;
  }

  /** The props argument exactly as given, for validation to report a non-object. @internal */
  public readonly _rawProps: unknown;
  /** The properties as given (validation reads them, whatever their types). @internal */
  public readonly _props: ImageProps;
  /** What the image is for. */
  public readonly role: ImageRole;

  constructor(scope: Construct, id: string, props: ImageProps) {
    super(scope, id, props);
    Object.defineProperty(this, IMAGE_SYMBOL, { value: true });
    this._rawProps = props;
    this._props = typeof props === 'object' && props !== null ? props : ({} as ImageProps);
    this.role = this._props.role ?? ImageRole.GENERAL;
  }

  /** A build-only stage in this image's Dockerfile (not published). */
  public addStage(id: string, props: StageProps): Stage {
    return new Stage(this, id, props);
  }

  /** The build-only stages of this image, in creation order. */
  public get stages(): Stage[] {
    return this.node.children.filter((c): c is Stage => Stage.isStage(c));
  }
}

const IMAGE_SYMBOL = Symbol.for('projen-containers.Image');
