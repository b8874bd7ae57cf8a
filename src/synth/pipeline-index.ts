import { Construct } from 'constructs';
import type { Diagnostics } from '../core/diagnostics';
import { compareStrings } from '../core/graph';
import { normalizeProjectPath } from '../core/paths';
import { ExternalFamily } from '../family/external-family';
import { ImageFamily } from '../family/image-family';
import { Image } from '../image/image';
import { sourceOf } from '../image/image-source';
import { Stage } from '../stage/stage';

/**
 * Lookup tables over the construct tree below the pipeline root, built once per synthesis.
 * @internal
 */
export class PipelineIndex {
  public readonly families: ImageFamily[];
  public readonly externalFamilies: ExternalFamily[];
  public readonly images: Image[];
  public readonly stages: Stage[];
  private files?: Array<{ path: string; stages: Stage[] }>;

  /**
   * @param root the pipeline construct
   * @param d receives a finding for every image or stage placed where the pipeline cannot use it (they are left out)
   */
  constructor(root: Construct, d: Diagnostics) {
    const all = root.node.findAll();
    this.families = all.filter((c): c is ImageFamily => ImageFamily.isImageFamily(c));
    this.externalFamilies = all.filter((c): c is ExternalFamily => ExternalFamily.isExternalFamily(c));
    this.images = all.filter((c): c is Image => {
      if (!Image.isImage(c)) return false;
      if (ImageFamily.isImageFamily(c.node.scope)) return true;
      d.error(c.node.path, 'an image must be added with ImageFamily.addImage()');
      return false;
    });
    const images = new Set<Stage>(this.images);
    this.stages = all.filter((c): c is Stage => {
      if (!Stage.isStage(c)) return false;
      if (images.has(c)) return true;
      if (Image.isImage(c.node.scope) && images.has(c.node.scope)) return true;
      if (!Image.isImage(c)) d.error(c.node.path, 'a build stage must be added with Image.addStage()');
      return false;
    });
  }

  /** The image a stage belongs to (itself for an image). */
  public imageOf(stage: Stage): Image {
    if (Image.isImage(stage)) return stage;
    const parent = stage.node.scope;
    if (parent && Image.isImage(parent)) return parent;
    throw new Error(`[${stage.node.path}] a stage must be added with Image.addStage()`);
  }

  /** The family an image belongs to. */
  public familyOf(image: Image): ImageFamily {
    const parent = image.node.scope;
    if (ImageFamily.isImageFamily(parent)) return parent;
    throw new Error(`[${image.node.path}] an image must be added with ImageFamily.addImage()`);
  }

  /** The Dockerfile path a stage is written to. */
  public dockerfileOf(stage: Stage): string {
    const image = this.imageOf(stage);
    const own = image._props.dockerfile;
    if (typeof own !== 'string') return this.familyOf(image).dockerfile;
    const result = normalizeProjectPath(own);
    return 'path' in result ? result.path : own;
  }

  /** Every Dockerfile path with its stages, in path order. */
  public dockerfiles(): Array<{ path: string; stages: Stage[] }> {
    if (!this.files) {
      const byPath = new Map<string, Stage[]>();
      for (const stage of this.stages) {
        const path = this.dockerfileOf(stage);
        const list = byPath.get(path);
        if (list) list.push(stage);
        else byPath.set(path, [stage]);
      }
      this.files = [...byPath.keys()].sort(compareStrings).map((path) => ({ path, stages: byPath.get(path)! }));
    }
    return this.files;
  }

  /** The stages a stage depends on (its FROM stage and COPY --from stages). */
  public stageDependencies(stage: Stage): Stage[] {
    const deps: Stage[] = [];
    const src = sourceOf(stage.from);
    if (src?.kind === 'stage') deps.push(src.stage);
    for (const ins of stage._instructions) {
      if (ins.kind === 'copy' && Stage.isStage(ins.from)) deps.push(ins.from);
    }
    return deps;
  }

  /** Plan id of an image: `<family>-<image>`. */
  public imageId(image: Image): string {
    return `${this.familyOf(image).node.id}-${image.node.id}`;
  }

  /** Repository path of an image. */
  public repositoryOf(image: Image): string {
    return typeof image._props.repository === 'string' ? image._props.repository : this.imageId(image);
  }
}
