import { CiNeedRow, ciNeeds } from './ci-needs';
import { CriticalPathView, criticalPathOf } from './critical-path';
import { LocalUseView, localUseView, makeCommand } from './local-use-view';
import { cell, code, commented, fenceFor, prose } from './markdown-text';
import { supplyView, SupplyView } from './supply-view';
import { troubleshootingView, TroubleshootingView } from './troubleshooting-view';
import { repositoryUrl, workflowBadges, WorkflowBadgeView } from './workflow-badges';
import { plannedPlatformSet } from '../make/platform-rules';
import { plannedPlatforms } from '../make/platforms';
import { shellWord } from '../make/shell-quote';
import type { BuildPlan, PlannedFamily, PlannedImage, PlannedTag } from '../plan/build-plan';
import { platformSuffix } from '../plan/platform-names';
import { tagPlaceholder, TAG_PLACEHOLDERS } from '../plan/tag-placeholders';
import { familyTargets, globalTargets, imageTargets, platformTargets } from '../plan/target-names';
import { SETTING_VARIABLES } from '../plan/variables';
import { latestDoc, RuleDocView, ruleDocViews } from '../tags/rule-docs';

/**
 * Everything CONTAINERS.md shows, computed from the plan: the Handlebars template only lays it out.
 * Strings are final Markdown (already code-formatted and escaped for table cells where they land in one).
 * @internal
 */
export interface ContainersView {
  readonly marker: string;
  /** `` `docker-bake.json` ``: the planned bake file. */
  readonly bakeFile: string;
  /** `` `Makefile` ``: the planned Makefile. */
  readonly makefile: string;
  /** `` `ghcr.io/hurdad` `` */
  readonly registry: string;
  readonly registryVariable: string;
  readonly platformsVariable: string;
  /** `` `TAG` ``: one tag for every family and image. */
  readonly tagOverrideVariable: string;
  /** `` `make bake` `` (or `` `make -f ci/containers.mk bake` ``). */
  readonly makeBake: string;
  /** `` `docker buildx bake --file docker-bake.json` `` */
  readonly bakeCommand: string;
  /** Shell lines with aligned `#` comments: build everything with make, in parallel, through bake. */
  readonly globalCommands: readonly string[];
  /** `` `{version}` (…) `` for every built-in placeholder, joined with `, `. */
  readonly placeholders: string;
  readonly families: readonly FamilyView[];
  readonly variables: readonly VariableRow[];
  /** The CI workflows with their badge snippets and critical paths. */
  readonly workflows: ReadonlyArray<WorkflowBadgeView & CriticalPathView>;
  /** `` `BUILDER` `` */
  readonly builderVariable: string;
  /** Per-platform targets (`make build-arm64  # …`), empty without planned platforms. */
  readonly platformCommands: readonly string[];
  /** Whether the badge URLs name the repository (from `sourceUrl`) or a placeholder to replace. */
  readonly repositoryKnown: boolean;
  /** `` `https://github.com/<owner>/<repo>` `` (or the placeholder). */
  readonly repository: string;
  /** Signing, attestations and reproducibility, when the pipeline has any. */
  readonly supply?: SupplyView;
  /** Run, push and clean instructions. */
  readonly local: LocalUseView;
  /** What the repository must provide for the workflows (empty without workflows). */
  readonly ciNeeds: readonly CiNeedRow[];
  /** The pipeline's facts for Troubleshooting. */
  readonly troubleshooting: TroubleshootingView;
}

/** @internal */
export interface FamilyView {
  readonly id: string;
  readonly description?: string;
  /** `` `FLOW_PIPE_TAG` `` */
  readonly tagVariable: string;
  readonly templates: readonly TemplateView[];
  /** Tag rules in evaluation order (instead of templates). */
  readonly rules: readonly RuleDocView[];
  /** With rules: the variable holding every tag, and the `latest` decision in words. */
  readonly tagsVariable?: string;
  readonly latest?: string;
  /** Images of the family with tag rules of their own (`ImageProps.tags`), in plan order. */
  readonly imageRules: readonly ImageRulesView[];
  /** `` `os` = `ubuntu24.04` `` (comma-separated); undefined when the policy has none. */
  readonly constants?: string;
  /** `` `dev-ubuntu24.04` `` */
  readonly fallback: string;
  /** The first image with the first template's example tag, e.g. `` `ghcr.io/hurdad/flow-pipe-runtime:1.2.3-ubuntu24.04` ``. */
  readonly exampleReference: string;
  readonly images: readonly ImageRow[];
  /** `` `linux/amd64`, `linux/arm64` ``, or undefined for the builder's native platform. */
  readonly platforms?: string;
  /** Lines of the Mermaid `graph LR` block (without the fences). */
  readonly mermaid: readonly string[];
  /** Shell lines with aligned `#` comments: bake the family, make each image. */
  readonly buildCommands: readonly string[];
  /** Shell lines (comments on their own lines): registry/tag overrides, then one per base-image variable. */
  readonly overrideCommands: readonly string[];
  /** The fence of the two command blocks: longer than any backtick run in them (descriptions land in comments). */
  readonly fence: string;
}

/** An image's own tag rules. @internal */
export interface ImageRulesView {
  /** `` `app-web` `` */
  readonly image: string;
  readonly tagVariable: string;
  readonly tagsVariable: string;
  readonly rules: readonly RuleDocView[];
  readonly latest: string;
  readonly fallback: string;
}

/** @internal */
export interface TemplateView {
  /** 1-based position (templates are tried in order). */
  readonly position: number;
  /** `` `{version}-{os}` `` */
  readonly template: string;
  /** `` `1.2.3-ubuntu24.04` `` */
  readonly example: string;
  /** e.g. `when HEAD is tagged \`v1.2.3\`` */
  readonly condition: string;
}

/** Cells of the images table. @internal */
export interface ImageRow {
  readonly image: string;
  readonly repository: string;
  readonly dockerfile: string;
  readonly target: string;
  readonly parents: string;
  readonly description: string;
}

/** @internal */
export interface VariableRow {
  readonly name: string;
  readonly defaultValue: string;
  readonly description: string;
}

/** Example overrides shown in the build instructions. */
const EXAMPLE_REGISTRY = 'localhost:5000/me';
const EXAMPLE_TAG = 'my-test';

/** Computes the CONTAINERS.md view of a plan. @internal */
export function containersView(plan: BuildPlan, marker: string): ContainersView {
  const images = new Map(plan.images.map((image) => [image.id, image]));
  const commands = commandsOf(plan);
  const global = globalTargets(plan.make.targetPrefix);
  return {
    marker,
    bakeFile: code(plan.outputs.bakeFile),
    makefile: code(plan.outputs.makefile),
    registry: code(plan.registry),
    registryVariable: code(SETTING_VARIABLES.registry),
    platformsVariable: code(SETTING_VARIABLES.platforms),
    tagOverrideVariable: code(SETTING_VARIABLES.tag),
    makeBake: code(`${commands.make} ${global.bake}`),
    bakeCommand: code(commands.bake),
    globalCommands: commented([
      [`${commands.make} ${global.build}`, 'every image, parents first'],
      [`${commands.make} -j ${global.build}`, 'the same, independent images in parallel'],
      [`${commands.make} ${global.bake}`, "every family through the bake file in one BuildKit run, with the Makefile's tags"],
    ]),
    placeholders: TAG_PLACEHOLDERS.map((p) => `${code(`{${p.name}}`)} (${prose(p.description)})`).join(', '),
    families: plan.families.map((family) => familyView(plan, family, images, commands)),
    variables: plan.variables.map((variable) => ({
      name: code(variable.name),
      defaultValue: cell(code(variable.defaultValue)),
      description: cell(prose(variable.description)),
    })),
    workflows: workflowBadges(plan).map((badge, i) => ({ ...badge, ...criticalPathOf(plan, plan.workflows[i]) })),
    builderVariable: code(SETTING_VARIABLES.builder),
    platformCommands: platformCommands(plan, commands),
    repositoryKnown: repositoryUrl(plan).known,
    repository: code(repositoryUrl(plan).url),
    supply: supplyView(plan, commands.make),
    local: localUseView(plan),
    ciNeeds: ciNeeds(plan),
    troubleshooting: troubleshootingView(plan, commands.make),
  };
}

/** `make build-<arch>` per planned platform, and one per-image example. */
function platformCommands(plan: BuildPlan, commands: Commands): string[] {
  const platforms = plannedPlatformSet(plan);
  if (platforms.length === 0) return [];
  const targets = platformTargets(plan.make.targetPrefix);
  const first = plan.images.find((image) => plannedPlatforms(plan, image).length > 0)!;
  const firstPlatform = plannedPlatforms(plan, first)[0];
  return commented([
    ...platforms.map((platform): [string, string] => [`${commands.make} ${targets.all(platformSuffix(platform))}`, `every image planned for ${platform}, for ${platform} only`]),
    [`${commands.make} ${targets.image(first.id, platformSuffix(firstPlatform))}`, `${first.id} (and its parents) for ${firstPlatform} only`],
  ]);
}

/** How the docs call make and bake: with the planned file names. */
interface Commands {
  /** `make`, or `make -f <makefile>` when the Makefile is not `Makefile`. */
  readonly make: string;
  /** `docker buildx bake --file <bake file>` (always explicit: bake would also merge compose files it finds). */
  readonly bake: string;
}

function commandsOf(plan: BuildPlan): Commands {
  return {
    make: makeCommand(plan),
    bake: `docker buildx bake --file ${shellWord(plan.outputs.bakeFile)}`,
  };
}

function familyView(plan: BuildPlan, family: PlannedFamily, images: ReadonlyMap<string, PlannedImage>, commands: Commands): FamilyView {
  const members = family.images.map((id) => lookup(images, id));
  const templates = family.tag.templates.map((template, index) => templateView(template, index + 1, family.tag));
  const exampleTag = family.tag.templates.length > 0 ? expandTag(family.tag.templates[0], family.tag) : family.tag.fallback;
  const buildCommands = commented([
    [`${commands.make} ${familyTargets(family.id, plan.make.targetPrefix).bake}`, 'the whole family in one BuildKit run, parents first'],
    ...members.map((image): [string, string] => [`${commands.make} ${imageTargets(image.id, plan.make.targetPrefix).build}`, image.description ?? `target ${image.target} of ${image.dockerfile}`]),
    ...members.flatMap((image) => image.aliases.map((alias): [string, string] => [
      `${commands.make} ${alias.name}`, `alias of ${imageTargets(image.id, plan.make.targetPrefix)[alias.verb]}`,
    ])),
  ]);
  const overrides = overrideCommands(family, members, plan, commands);
  const platforms = [...new Set(members.flatMap((image) => plannedPlatforms(plan, image)))];
  return {
    id: family.id,
    description: family.description === undefined ? undefined : prose(family.description),
    tagVariable: code(family.tagVariable),
    templates,
    rules: family.rules ? ruleDocViews(family.rules) : [],
    ...(family.rules && family.tagsVariable ? { tagsVariable: code(family.tagsVariable), latest: latestDoc(family.rules) } : {}),
    imageRules: members.flatMap((image) => (image.tagRules && image.tagsVariable ? [{
      image: code(image.id),
      tagVariable: code(image.tagVariable),
      tagsVariable: code(image.tagsVariable),
      rules: ruleDocViews(image.tagRules),
      latest: latestDoc(image.tagRules),
      fallback: code(image.tagRules.fallback),
    }] : [])),
    constants: family.tag.constants.length > 0
      ? family.tag.constants.map((constant) => `${code(constant.name)} = ${code(constant.value)}`).join(', ')
      : undefined,
    fallback: code(family.tag.fallback),
    exampleReference: code(`${plan.registry}/${members[0]?.repository ?? family.id}:${exampleTag}`),
    images: members.map((image) => imageRow(plan, image)),
    platforms: platforms.length > 0 ? platforms.map(code).join(', ') : undefined,
    mermaid: mermaidGraph(members, images),
    buildCommands,
    overrideCommands: overrides,
    fence: fenceFor([...buildCommands, ...overrides]),
  };
}

function templateView(template: string, position: number, tag: PlannedTag): TemplateView {
  const constants = new Set(tag.constants.map((constant) => constant.name));
  const builtins = placeholders(template).flatMap((name) => {
    const placeholder = constants.has(name) ? undefined : tagPlaceholder(name);
    return placeholder === undefined ? [] : [placeholder];
  });
  const conditions = [...new Set(builtins)].map((placeholder) => placeholder.condition);
  return {
    position,
    template: code(template),
    example: code(expandTag(template, tag)),
    condition: conditions.length > 0 ? `when ${conditions.join(' and ')}` : 'always',
  };
}

/** Substitutes constants and the example values of the built-in placeholders; unknown placeholders stay as they are. */
function expandTag(template: string, tag: PlannedTag): string {
  const constants = new Map(tag.constants.map((constant) => [constant.name, constant.value]));
  return template.replace(/\{([^{}]+)\}/g, (whole, name: string) =>
    constants.get(name) ?? tagPlaceholder(name)?.example ?? whole);
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]);
}

function imageRow(plan: BuildPlan, image: PlannedImage): ImageRow {
  return {
    image: cell(code(image.id)),
    repository: cell(code(`${plan.registry}/${image.repository}:<tag>`)),
    dockerfile: cell(code(image.dockerfile)),
    target: cell(code(image.target)),
    parents: image.dependsOn.length + image.externalParents.length > 0 ? cell([...image.dependsOn, ...image.externalParents].map(code).join(', ')) : '—',
    description: cell(prose(image.description ?? '')),
  };
}

/**
 * `graph LR` with one node per family image (plus parents from other families) and `parent --> child` edges.
 * Node ids are the image ids with every non-alphanumeric character replaced by `_` (made unique if that collides);
 * labels keep the real ids.
 * @internal
 */
export function mermaidGraph(members: readonly PlannedImage[], images: ReadonlyMap<string, PlannedImage>): string[] {
  const nodeIds = new Map<string, string>();
  const taken = new Set<string>();
  const node = (imageId: string): string => {
    let id = nodeIds.get(imageId);
    if (id === undefined) {
      const base = imageId.replace(/[^A-Za-z0-9]/g, '_');
      id = base;
      for (let n = 2; taken.has(id); n++) {
        id = `${base}_${n}`;
      }
      nodeIds.set(imageId, id);
      taken.add(id);
    }
    return id;
  };
  // Parents from other families first (in plan order), then the family's own images (topological order).
  const memberIds = new Set(members.map((image) => image.id));
  const planOrder = [...images.keys()];
  const external = [...new Set(members.flatMap((image) => image.dependsOn))]
    .filter((id) => !memberIds.has(id))
    .sort((a, b) => planOrder.indexOf(a) - planOrder.indexOf(b));
  const declarations = [...external, ...memberIds].map((id) => `  ${node(id)}["${id.replace(/"/g, '#quot;')}"]`);
  const edges = members.flatMap((image) => image.dependsOn.map((parent) => `  ${node(parent)} --> ${node(image.id)}`));
  return ['graph LR', ...declarations, ...edges];
}

function overrideCommands(family: PlannedFamily, members: readonly PlannedImage[], plan: BuildPlan, commands: Commands): string[] {
  const overrides = `${SETTING_VARIABLES.registry}=${EXAMPLE_REGISTRY} ${family.tagVariable}=${EXAMPLE_TAG}`;
  const defaults = new Map(plan.variables.map((variable) => [variable.name, variable.defaultValue]));
  const baseImages = members.flatMap((image) => image.buildArgs.map((arg) => ({ image, variable: arg.variable })))
    .filter(({ variable }) => defaults.has(variable));
  return [
    '# another registry and tag',
    `${commands.make} ${familyTargets(family.id, plan.make.targetPrefix).build} ${overrides}`,
    `${overrides} ${commands.bake} ${shellWord(family.id)}`,
    ...members.slice(0, 1).flatMap((image) => [
      `# ${image.id} by its full reference (registry, repository and tag together), e.g. a pull request's image`,
      `${commands.make} ${imageTargets(image.id, plan.make.targetPrefix).pull} ${image.imageVariable}=${shellWord(`${EXAMPLE_REGISTRY}/${image.repository}:${EXAMPLE_TAG}`)}`,
    ]),
    ...baseImages.flatMap(({ image, variable }) => [
      `# base image of ${image.id} (shown with its default)`,
      `${commands.make} ${imageTargets(image.id, plan.make.targetPrefix).build} ${variable}=${shellWord(defaults.get(variable) ?? '')}`,
    ]),
  ];
}

function lookup(images: ReadonlyMap<string, PlannedImage>, id: string): PlannedImage {
  const image = images.get(id);
  if (image === undefined) {
    throw new Error(`internal error: family image ${id} is not among the planned images`);
  }
  return image;
}
