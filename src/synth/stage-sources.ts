import { imageMakeSettings } from './make-settings';
import type { Pins } from './pin-lock';
import { PipelineIndex } from './pipeline-index';
import { variablePrefix } from '../core/names';
import { FamilyTag } from '../family/family-tag';
import { Image } from '../image/image';
import { sourceOf } from '../image/image-source';
import { Stage } from '../stage/stage';

/** How one stage's FROM is written and what it needs from the build tooling. @internal */
export interface ResolvedSource {
  /** Text after `FROM` (and flags), before `AS`. */
  readonly text: string;
  /** Global ARGs (name → default) the FROM uses. */
  readonly globalArgs: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  /** Build args the tooling passes, each from a pipeline variable. */
  readonly buildArgs: ReadonlyArray<ResolvedBuildArg>;
  /**
   * The pipeline image this stage builds on, if any, and how the build tooling substitutes it: the named context
   * `contextName`, and for a parent of another Dockerfile the build argument `buildArg` the FROM reads (the tooling
   * passes `contextName` as its value).
   */
  readonly parentImage?: { readonly image: Image; readonly contextName: string; readonly buildArg?: string };
  /** Whether the source may run as a non-root user (so RUN steps switch to root first). */
  readonly inheritsNonRootUser: boolean;
}

/** A build argument and the pipeline variable that feeds it. @internal */
export interface ResolvedBuildArg {
  readonly name: string;
  readonly variable: string;
  readonly defaultValue: string;
  readonly description: string;
}

/** What the default reference of a parent image of another Dockerfile is made of. @internal */
export interface ParentReferenceSettings {
  /** The pipeline registry (`REGISTRY`'s default). */
  readonly registry: string;
  /** The tag policy of families without their own (its fallback tag is used). */
  readonly defaultTag: FamilyTag;
}

/**
 * Resolves what each stage builds from: registry bases become overridable global ARGs, external families one
 * registry/tag ARG pair, pipeline images a stage name (same Dockerfile) or, for an image of another Dockerfile, a
 * global ARG named after the parent's image variable whose default is the parent's full reference with its family's
 * fallback tag (`ARG APP_RUNTIME_IMAGE=ghcr.io/acme/app-runtime:dev`, `FROM ${APP_RUNTIME_IMAGE}`), so a plain
 * `docker build -f <file> .` builds on the parent image built locally, while the Makefile and bake pass the context
 * name as the argument's value and substitute the parent just built through a named context of that name.
 * @internal
 */
export class StageSourceResolver {
  /** The default build-arg name of a registry base of `stage`. */
  public static defaultBaseArg(stage: Stage): string {
    return `${variablePrefix(stage.stageName)}_BASE_IMAGE`;
  }

  constructor(
    private readonly index: PipelineIndex,
    private readonly parentReference: ParentReferenceSettings,
    private readonly pins: Pins,
  ) {}

  /**
   * How the Dockerfile of `stage` names `other` in `FROM` or `COPY --from`: its stage name in the same file, the
   * image id (a named build context the Makefile and bake file supply) across files.
   */
  public contextNameOf(stage: Stage, other: Stage): string {
    const sameFile = this.index.dockerfileOf(other) === this.index.dockerfileOf(stage);
    // a build stage of another Dockerfile is a validation error; its stage name keeps resolution total
    return sameFile || !Image.isImage(other) ? other.stageName : this.index.imageId(other);
  }

  /** Whether `other` is an image of another Dockerfile than `stage`'s (so a named context must supply it). */
  public isOtherDockerfileImage(stage: Stage, other: Stage): boolean {
    return Image.isImage(other) && this.index.dockerfileOf(other) !== this.index.dockerfileOf(stage);
  }

  public resolve(stage: Stage): ResolvedSource {
    const src = sourceOf(stage.from);
    if (src === undefined) throw new Error(`internal error: [${stage.node.path}] resolved a stage without a valid source`);
    switch (src.kind) {
      case 'scratch':
        return { text: 'scratch', globalArgs: [], buildArgs: [], inheritsNonRootUser: false };
      case 'registry': {
        const arg = src.buildArg ?? StageSourceResolver.defaultBaseArg(stage);
        const family = this.index.familyOf(this.index.imageOf(stage)).node.id;
        const reference = this.pins.resolve(src.reference);
        return {
          text: `\${${arg}}`,
          globalArgs: [{ name: arg, value: reference }],
          buildArgs: [{ name: arg, variable: `${variablePrefix(family)}_${arg}`, defaultValue: reference, description: `Base image passed as build argument ${arg} (family ${family})` }],
          inheritsNonRootUser: false,
        };
      }
      case 'external': {
        const fam = src.image.family;
        const prefix = variablePrefix(fam.node.id);
        const registry = `${prefix}_REGISTRY`;
        const tag = `${prefix}_TAG`;
        return {
          text: `\${${registry}}/${src.image.repository}:\${${tag}}`,
          globalArgs: [{ name: registry, value: fam.registry }, { name: tag, value: fam.tag }],
          buildArgs: [
            { name: registry, variable: registry, defaultValue: fam.registry, description: `Registry of the external family ${fam.node.id}` },
            { name: tag, variable: tag, defaultValue: fam.tag, description: `Tag shared by every image of the external family ${fam.node.id}` },
          ],
          inheritsNonRootUser: true,
        };
      }
      case 'stage': {
        const parent = src.stage;
        const parentImage = Image.isImage(parent) && this.index.imageOf(stage) !== parent ? parent : undefined;
        const contextName = this.contextNameOf(stage, parent);
        if (parentImage && this.isOtherDockerfileImage(stage, parentImage)) {
          const id = this.index.imageId(parentImage);
          const buildArg = imageMakeSettings(parentImage, id).imageVariable;
          return {
            text: `\${${buildArg}}`,
            globalArgs: [{ name: buildArg, value: this.defaultReference(parentImage) }],
            buildArgs: [],
            parentImage: { image: parentImage, contextName, buildArg },
            inheritsNonRootUser: true,
          };
        }
        return {
          text: contextName,
          globalArgs: [],
          buildArgs: [],
          parentImage: parentImage ? { image: parentImage, contextName } : undefined,
          inheritsNonRootUser: parentImage !== undefined,
        };
      }
    }
  }

  /** `registry/repository:fallback` of a pipeline image: what `make build-<image>` tags it outside git. */
  private defaultReference(image: Image): string {
    const family = this.index.familyOf(image);
    const tag = FamilyTag.isFamilyTag(family._props.tag) ? family._props.tag : this.parentReference.defaultTag;
    return `${this.parentReference.registry}/${this.index.repositoryOf(image)}:${tag._fallback}`;
  }
}
