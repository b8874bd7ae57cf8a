import type { WorkflowDeclaration, WorkflowSettings } from './workflow-settings';
import { placeholders } from '../family/family-tag';
import type {
  PlannedFamily, PlannedImage, PlannedOutputs, PlannedPullRequestImage, PlannedRefFilter, PlannedWorkflow,
} from '../plan/build-plan';
import type { PipelineIndex } from '../synth/pipeline-index';

/**
 * The planned workflows of a validated pipeline: images selected, path filters derived from each selected image's
 * declared inputs, pull-request images with their inputs and stable tags.
 * @internal
 */
export function planWorkflows(
  index: PipelineIndex, settings: WorkflowSettings, images: readonly PlannedImage[], families: readonly PlannedFamily[],
  outputs: PlannedOutputs,
): PlannedWorkflow[] {
  const own = ownInputs(index);
  const inputsOf = (id: string): string[] => {
    const seen = new Set<string>();
    const visit = (imageId: string) => {
      if (seen.has(imageId)) return;
      seen.add(imageId);
      images.find((i) => i.id === imageId)?.dependsOn.forEach(visit);
    };
    visit(id);
    return [...seen].flatMap((i) => own.get(i) ?? []);
  };
  return settings.declarations.map((w) => {
    const fileName = `${w.name}.yml`;
    const selected = selectedImages(w, images);
    const allImages = w.families === undefined && w.images === undefined;
    const shared = [outputs.bakeFile, `.github/workflows/${fileName}`];
    const derived = w.pathsFromInputs ? uniqueSorted([...selected.flatMap((i) => inputsOf(i.id)), ...shared, outputs.makefile]) : [];
    // the whole project is an input: no path filter (user patterns alone would narrow it)
    const files = new Set([...shared, outputs.makefile, ...images.flatMap((i) => [i.dockerfile, join(i.context, '.dockerignore')])]);
    const paths = derived.includes('') ? [] : [...uniqueSorted(derived).flatMap((p) => filterPatterns(p, files.has(p))), ...w.paths];
    const filter = (branches: readonly string[], tags: readonly string[], types: readonly string[]): PlannedRefFilter => ({
      branches, tags, paths, pathsIgnore: w.pathsIgnore, types,
    });
    const prImages = w.pullRequestImages;
    const firstBranch = w.push?.branches[0] ?? settings.defaultBranch;
    return {
      path: w.path,
      name: w.name,
      fileName,
      images: selected.map((i) => i.id),
      allImages,
      triggers: {
        push: w.push && filter(w.push.branches, w.push.tags, []),
        pullRequest: w.pullRequest && filter(w.pullRequest.branches, [], prImages?.deleteOnClose ? ['opened', 'synchronize', 'reopened', 'closed'] : []),
        dispatch: w.dispatch,
        schedule: w.schedule,
      },
      registry: w.registry,
      usernameSecret: w.usernameSecret,
      passwordSecret: w.passwordSecret,
      runsOn: w.runsOn,
      platformRunners: w.platformRunners,
      timeoutMinutes: w.timeoutMinutes,
      parentTag: w.parentTag,
      pullRequestImages: prImages && {
        comment: prImages.comment,
        deleteOnClose: prImages.deleteOnClose,
        images: selected.map((image): PlannedPullRequestImage => ({
          id: image.id,
          repository: image.repository,
          tagVariable: image.tagVariable,
          stableTag: prImages.stableTag ?? stableTagOf(families.find((f) => f.id === image.family)!, firstBranch) ?? '',
          inputs: uniqueSorted([...inputsOf(image.id), ...shared]),
        })),
      },
    };
  });
}

/** The images a declaration selects, in plan order (every image when it selects nothing). @internal */
export function selectedImages(w: Pick<WorkflowDeclaration, 'families' | 'images'>, images: readonly PlannedImage[]): PlannedImage[] {
  if (w.families === undefined && w.images === undefined) return [...images];
  const families = new Set(w.families ?? []);
  const ids = new Set(w.images ?? []);
  return images.filter((i) => families.has(i.family) || ids.has(i.id));
}

/**
 * The tag a family's policy yields on a push to `branch`: the first template that resolves there, when it holds only
 * `{branch}` and constants (a `{sha}` template would change with every commit). `{version}` and `{pr}` do not resolve
 * on a branch push; the branch is sanitised as the Makefile does (lowercase, `[a-z0-9_.-]`, no leading `.`/`-`).
 * @internal
 */
export function stableTagOf(family: PlannedFamily, branch: string): string | undefined {
  if (/[*?[\]!+]/.test(branch)) return undefined;
  const sanitised = branch.toLowerCase().replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[.-]*/, '').slice(0, 100);
  const constants = new Map(family.tag.constants.map((c) => [c.name, c.value]));
  for (const template of family.tag.templates) {
    const used = placeholders(template);
    if (used.some((p) => p === 'version' || p === 'pr')) continue;
    if (used.some((p) => p !== 'branch' && !constants.has(p))) return undefined;
    return template.replace(/\{([^{}]*)\}/g, (_, p: string) => (p === 'branch' ? sanitised : constants.get(p)!));
  }
  return undefined;
}

/**
 * Each image's own inputs as project paths: its Dockerfile, its context's `.dockerignore`, and what its stages COPY
 * (from the context) or bind-mount from the context. A glob source is cut at its first glob character (a directory
 * prefix: a superset, so no change is missed); `''` is the whole project.
 */
function ownInputs(index: PipelineIndex): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const family of index.families) {
    const context = family.context;
    const inContext = (source: string) => join(context, globPrefix(source.replace(/^\.\/+/, '').replace(/\/+$/, '')));
    for (const image of family.images) {
      const list = [index.dockerfileOf(image), join(context, '.dockerignore')];
      for (const stage of [image, ...image.stages]) {
        for (const ins of stage._instructions) {
          if (ins.kind === 'copy' && !ins.from) list.push(...ins.sources.map(inContext));
          if (ins.kind === 'run') {
            for (const m of ins.mounts) if (m._contextSource !== undefined) list.push(inContext(m._contextSource));
          }
        }
      }
      result.set(index.imageId(image), list);
    }
  }
  return result;
}

/**
 * A project path as GitHub path-filter patterns, special characters escaped: a generated file itself; a COPY or bind
 * source (a file or a directory) itself and everything below it.
 */
function filterPatterns(path: string, isFile: boolean): string[] {
  const escaped = path.replace(/[*?+[\]!\\]/g, (c) => `\\${c}`);
  return isFile ? [escaped] : [escaped, `${escaped}/**`];
}

function globPrefix(source: string): string {
  const glob = source.search(/[*?[]/);
  if (glob < 0) return source === '.' ? '' : source;
  const cut = source.slice(0, glob);
  return cut.includes('/') ? cut.slice(0, cut.lastIndexOf('/')) : '';
}

function join(context: string, path: string): string {
  if (context === '.' || context === '') return path;
  return path === '' ? context : `${context}/${path}`;
}

function uniqueSorted(list: readonly string[]): string[] {
  return [...new Set(list)].sort();
}
