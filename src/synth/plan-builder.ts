import { buildDockerfile } from './dockerfile-builder';
import { planDockerignores } from './dockerignore';
import { imageMakeSettings } from './make-settings';
import type { Pins } from './pin-lock';
import { PipelineIndex } from './pipeline-index';
import type { PinRefreshSettings, PipelineSettings } from './settings';
import { StageSourceResolver } from './stage-sources';
import type { CachePolicy } from '../cache/cache-policy';
import { CachedImage, plannedCache } from '../cache/plan-cache';
import { Diagnostics } from '../core/diagnostics';
import { compareStrings, topologicalOrder } from '../core/graph';
import { variablePrefix } from '../core/names';
import { Image } from '../image/image';
import { sourceOf } from '../image/image-source';
import type {
  BuildPlan, PlannedBuildArg, PlannedCache, PlannedDockerfile, PlannedImage, PlannedMake, PlannedPinRefresh, PlannedVariable,
} from '../plan/build-plan';
import { imageAnnotations, imageLabels } from '../plan/labels';
import { BUILD_FACT_VARIABLES, tagsVariableOf, tagVariableOf } from '../plan/variables';
import { plannedSupply } from '../supply/plan-supply';
import { imageTagRules } from '../tags/image-tag-rules';
import { readTagPolicy } from '../tags/read-tag-policy';
import { planWorkflows } from '../workflow/plan-workflows';

/** `registry/repository:tag` of every external image the image or its build stages are FROM, sorted. */
function externalParentsOf(image: Image): string[] {
  const refs = new Set<string>();
  for (const stage of [image, ...image.stages]) {
    const src = sourceOf(stage.from);
    if (src?.kind === 'external') refs.add(`${src.image.family.registry}/${src.image.repository}:${src.image.family.tag}`);
  }
  return [...refs].sort(compareStrings);
}

/**
 * Builds the build plan from a validated tree. Problems only visible here (image cycles through build stages an image does not use) go to `d`.
 * `pinReferences` and `pinUrls` are the bases and `ADD` URLs the `containers:pin` task resolves.
 * @internal
 */
export function buildPlan(
  index: PipelineIndex, settings: PipelineSettings, d: Diagnostics, pins: Pins, pinReferences: readonly string[], pinUrls: readonly string[] = [],
): BuildPlan {
  const sources = new StageSourceResolver(index, settings, pins);
  // validation (validate-names.ts) guarantees one default per variable name
  const variables = new Map<string, PlannedVariable>();
  const addVariable = (v: PlannedVariable) => {
    if (!variables.has(v.name)) variables.set(v.name, v);
  };

  // build args per Dockerfile: every global ARG the file declares
  const argsByFile = new Map<string, PlannedBuildArg[]>();
  const baseVariables = new Map<string, string>();
  for (const file of index.dockerfiles()) {
    const args = new Map<string, PlannedBuildArg>();
    for (const stage of file.stages) {
      const resolved = sources.resolve(stage);
      if (sourceOf(stage.from)?.kind === 'registry') baseVariables.set(resolved.buildArgs[0].variable, resolved.buildArgs[0].defaultValue);
      for (const a of resolved.buildArgs) {
        args.set(a.name, { name: a.name, variable: a.variable });
        addVariable({ name: a.variable, defaultValue: a.defaultValue, description: a.description });
      }
    }
    argsByFile.set(file.path, [...args.values()].sort((a, b) => compareStrings(a.name, b.name)));
  }

  const parentsOf = (image: Image): Array<{ image: Image; contextName: string; buildArg?: string }> => {
    const found = new Map<Image, { contextName: string; buildArg?: string }>();
    const stages = [image, ...image.stages];
    for (const stage of stages) {
      const p = sources.resolve(stage).parentImage;
      if (p) found.set(p.image, { contextName: p.contextName, buildArg: p.buildArg ?? found.get(p.image)?.buildArg });
      for (const ins of stage._instructions) {
        if (ins.kind === 'copy' && ins.from && Image.isImage(ins.from) && ins.from !== image && !found.has(ins.from)) {
          found.set(ins.from, { contextName: sources.contextNameOf(stage, ins.from) });
        }
      }
    }
    return [...found.entries()].map(([img, how]) => ({ image: img, ...how }));
  };

  const ids = index.images.map((i) => index.imageId(i));
  const byId = new Map(index.images.map((i) => [index.imageId(i), i]));
  const order = topologicalOrder([...ids].sort(), (id) => parentsOf(byId.get(id)!).map((p) => index.imageId(p.image)).sort());
  if ('cycle' in order) {
    // possible without a stage cycle: parents of an image include what its unused build stages build on
    d.error(byId.get(order.cycle[0])!.node.path, `images depend on each other in a cycle: ${order.cycle.join(' -> ')}`);
  }
  const orderedIds = 'order' in order ? order.order : [...ids].sort();

  // tag rules were validated: a scratch Diagnostics only satisfies the reader
  const rulesOf = (family: PipelineIndex['families'][number]) =>
    (family._props.tags === undefined ? undefined : readTagPolicy(new Diagnostics(), family.node.path, family._props.tags, family._props.tagFlavor));
  const images: PlannedImage[] = orderedIds.map((id) => {
    const image = byId.get(id)!;
    const family = index.familyOf(image);
    const own = imageTagRules(image, id);
    const hasRules = family._props.tags !== undefined;
    const tagVariable = own?.tagVariable ?? tagVariableOf(variablePrefix(family.node.id));
    const platforms = [...(image._props.platforms ?? family._props.platforms ?? [])];
    const labels = imageLabels({
      repository: index.repositoryOf(image),
      description: image._props.description,
      sourceUrl: settings.sourceUrl,
      licenses: image._props.licenses ?? family._props.licenses ?? settings.licenses,
      tagVariable,
      revisionVariable: BUILD_FACT_VARIABLES.revision,
      createdVariable: BUILD_FACT_VARIABLES.created,
    });
    const parents = parentsOf(image);
    const dockerfile = index.dockerfileOf(image);
    return {
      id,
      family: family.node.id,
      name: image.node.id,
      repository: index.repositoryOf(image),
      tagVariable,
      ...(own ?? (hasRules ? { tagsVariable: tagsVariableOf(variablePrefix(family.node.id)) } : {})),
      dockerfile,
      context: family.context,
      target: image.stageName,
      dependsOn: parents.map((p) => index.imageId(p.image)).sort(),
      externalParents: externalParentsOf(image),
      parentContexts: parents
        .map((p) => ({ name: p.contextName, image: index.imageId(p.image), ...(p.buildArg !== undefined ? { buildArg: p.buildArg } : {}) }))
        .sort((a, b) => compareStrings(a.name, b.name)),
      buildArgs: argsByFile.get(dockerfile) ?? [],
      platforms,
      description: image._props.description,
      ports: image._instructions.flatMap((i) => (i.kind === 'expose' ? [`${i.port}/${i.protocol}`] : [])),
      ...imageMakeSettings(image, id),
      labels,
      annotations: imageAnnotations(labels, platforms.length > 0 ? platforms.length : settings.platforms.length),
      ...cacheOf(image._props.cache ?? family._props.cache ?? settings.cache, {
        id,
        repository: index.repositoryOf(image),
        tagVariable,
        platforms: (image._props.platforms ?? family._props.platforms ?? settings.platforms).join(','),
      }),
      ...(image._props.maxSizeMb === undefined ? {} : { sizeBudgetBytes: Math.floor(image._props.maxSizeMb * 1_000_000) }),
    };
  });
  const labelsById = new Map(images.map((i) => [i.id, i.labels]));
  const dockerfileContext = {
    index,
    sources,
    defaultUser: settings.defaultUser,
    labelsOf: (image: Image) => labelsById.get(index.imageId(image)) ?? [],
  };
  const dockerfiles: PlannedDockerfile[] = index.dockerfiles().map((file) => {
    const model = buildDockerfile(file.stages, dockerfileContext);
    return { path: file.path, directive: settings.dockerfileSyntax._directive(model.features), model };
  });

  const families = [...index.families].sort((a, b) => compareStrings(a.node.id, b.node.id)).map((family) => {
    const tag = family._props.tag ?? settings.defaultTag;
    const tagVariable = tagVariableOf(variablePrefix(family.node.id));
    const rules = rulesOf(family);
    return {
      id: family.node.id,
      images: images.filter((i) => i.family === family.node.id).map((i) => i.id),
      tagVariable,
      tag: rules
        ? { templates: [], constants: [], fallback: rules.fallback }
        : { templates: [...tag._templates], constants: [...tag._constants], fallback: tag._fallback },
      ...(rules ? { rules, tagsVariable: tagsVariableOf(variablePrefix(family.node.id)) } : {}),
      description: family._props.description,
    };
  });

  const workflows = planWorkflows(index, settings.workflow, images, families, settings.outputs);
  const supply = plannedSupply(settings.supply, workflows);
  return {
    registry: settings.registry,
    platforms: [...settings.platforms],
    images,
    families,
    variables: [...variables.values()].sort((a, b) => compareStrings(a.name, b.name)),
    workflows,
    defaultBranch: settings.workflow.defaultBranch,
    sourceUrl: settings.sourceUrl,
    outputs: settings.outputs,
    dockerfiles,
    dockerignores: planDockerignores(index, settings.dockerignorePatterns, d),
    pins: {
      lockFile: settings.pinning.lockFile,
      references: [...pinReferences],
      urls: [...pinUrls],
      variables: [...baseVariables.entries()].sort(([a], [b]) => compareStrings(a, b)).map(([variable, reference]) => ({ variable, reference })),
      ...(settings.pinning.refresh === undefined ? {} : { refresh: planPinRefresh(settings, settings.pinning.refresh) }),
    },
    make: planMake(index, settings),
    ...(supply === undefined ? {} : { supply }),
  };
}

/** The scheduled pin refresh workflow: runner and time limit of the pipeline's workflows, based on the default branch. */
function planPinRefresh(settings: PipelineSettings, refresh: PinRefreshSettings): PlannedPinRefresh {
  return {
    path: settings.path,
    name: refresh.name,
    fileName: `${refresh.name}.yml`,
    schedule: refresh.schedule,
    branch: refresh.branch,
    baseBranch: settings.workflow.defaultBranch,
    runsOn: settings.workflow.runsOn,
    timeoutMinutes: settings.workflow.timeoutMinutes,
  };
}

/** The Makefile interface: naming scheme, default goal, user targets with their image as a plan id. */
function planMake(index: PipelineIndex, settings: PipelineSettings): PlannedMake {
  return {
    targetPrefix: settings.make.targetPrefix,
    defaultGoal: settings.make.defaultGoal,
    targets: settings.make.targets.map((t) => ({
      name: t.name,
      ...(t.description !== undefined ? { description: t.description } : {}),
      commands: t.commands.map((argv) => [...argv]),
      prerequisites: [...t.prerequisites],
      ...(t.image !== undefined ? { image: index.imageId(t.image) } : {}),
      workdir: t.workdir,
    })),
  };
}

/** The planned cache of an image as an optional property. */
function cacheOf(policy: CachePolicy | undefined, image: CachedImage): { cache?: PlannedCache } {
  const cache = plannedCache(policy, image);
  return cache === undefined ? {} : { cache };
}
