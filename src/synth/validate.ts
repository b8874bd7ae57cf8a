import { PipelineIndex } from './pipeline-index';
import type { PipelineSettings } from './settings';
import { validateCachePolicy, validateSizeBudget } from './validate-cache';
import { numericUserProblem } from './validate-instruction';
import { validateLicenses } from './validate-licenses';
import { validateMakeTargets } from './validate-make';
import { validateNames } from './validate-names';
import { validatePinRefresh } from './validate-pin-refresh';
import { validateStage } from './validate-stage';
import { branchProblem } from '../core/branch-name';
import { Diagnostics } from '../core/diagnostics';
import { topologicalOrder } from '../core/graph';
import { ID_PATTERN, unsafeTextReason } from '../core/names';
import { normalizeProjectPath } from '../core/paths';
import { describe, UntypedReader } from '../core/untyped';
import { ExternalFamily } from '../family/external-family';
import { FamilyTag, placeholders } from '../family/family-tag';
import { Image } from '../image/image';
import { ImageRole } from '../image/image-role';
import { ImageSource, sourceOf } from '../image/image-source';
import { TAG_PLACEHOLDERS, tagPlaceholder } from '../plan/tag-placeholders';
import { isRegistry, isRepositoryPath, isTag, parseImageReference } from '../reference/image-reference';
import { validateImageTagRules } from '../tags/image-tag-rules';
import { readTagPolicy } from '../tags/read-tag-policy';
import { validateDispatchVariables } from '../workflow/dispatch-variables';
import { validateWorkflows } from '../workflow/validate-workflows';

/** @internal */
export const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

/**
 * Validates the whole pipeline tree; every finding names its construct path. Nothing here throws.
 * @internal
 */
export function validatePipeline(index: PipelineIndex, settings: PipelineSettings, d: Diagnostics): void {
  for (const c of [...index.families, ...index.externalFamilies, ...index.stages]) {
    if (c._idProblem !== undefined) d.error(c.node.path, c._idProblem);
  }
  for (const stage of index.stages) for (const problem of stage._presetProblems) d.error(stage.node.path, problem);
  validateSettings(d, settings, index);
  validateFamilies(d, index, settings);
  for (const ext of index.externalFamilies) validateExternalFamily(d, ext);
  for (const stage of index.stages) {
    if (!sourceOf(stage.from)) d.error(stage.node.path, sourceProblem(stage.from));
    else validateStage(d, index, stage);
  }
  validateStageGraph(d, index);
  validateExternalUse(d, index);
  validateNames(d, index, settings);
  validateMakeTargets(d, index, settings.make, settings.path);
}

/** Reports `value` when it holds text no generated file may carry. @internal */
export function text(d: Diagnostics, path: string, what: string, value: string): void {
  const reason = unsafeTextReason(value);
  if (reason) d.error(path, `${what} ${JSON.stringify(value)} ${reason}`);
}

function validateSettings(d: Diagnostics, s: PipelineSettings, index: PipelineIndex): void {
  if (!isRegistry(s.registry)) {
    d.error(s.path, `registry ${JSON.stringify(s.registry)} is not a valid registry host and namespace, expected e.g. "ghcr.io/acme" (lowercase namespace)`);
  }
  validatePlatforms(d, s.path, s.platforms);
  if (numericUserProblem(s.defaultUser)) d.error(s.path, `defaultUser ${JSON.stringify(s.defaultUser)} ${numericUserProblem(s.defaultUser)}`);
  if (s.sourceUrl !== undefined) {
    prose(d, s.path, 'sourceUrl', s.sourceUrl);
    if (!/^https:\/\/[^\s"'`$\\<>]+$/.test(s.sourceUrl)) d.error(s.path, `sourceUrl ${JSON.stringify(s.sourceUrl)} must be an https URL without quotes, spaces or "$"`);
  }
  for (const p of s.dockerignorePatterns) {
    text(d, s.path, '.dockerignore pattern', p);
    if (p.trim().length === 0) d.error(s.path, '.dockerignore patterns must not be empty');
  }
  if (s.dockerfileSyntax._mode === 'custom') {
    const image = typeof s.dockerfileSyntax._image === 'string' ? s.dockerfileSyntax._image : '';
    const parsed = parseImageReference(image);
    if (typeof parsed === 'string') d.error(s.path, `dockerfileSyntax: ${parsed}`);
    text(d, s.path, 'dockerfileSyntax', image);
  }
  validateTag(d, s.path, s.defaultTag);
  validateLicenses(d, s.path, s.licenses);
  validateWorkflowSettings(d, s, index);
}

function validateWorkflowSettings(d: Diagnostics, s: PipelineSettings, index: PipelineIndex): void {
  const wf = s.workflow;
  text(d, s.path, 'workflow.defaultBranch', wf.defaultBranch);
  const problem = branchProblem(wf.defaultBranch);
  if (problem) d.error(s.path, `workflow.defaultBranch ${JSON.stringify(wf.defaultBranch)} is not a branch name: it ${problem}`);
  const tagOf = (familyId: string) => {
    const family = index.families.find((f) => f.node.id === familyId);
    const tag = family?._props.tag ?? s.defaultTag;
    return FamilyTag.isFamilyTag(tag) ? tag : undefined;
  };
  validateWorkflows(d, index, wf.declarations, tagOf, wf.defaultBranch);
  validateDispatchVariables(d, index, s);
  validatePinRefresh(d, s);
}

function validateTag(d: Diagnostics, path: string, tag: FamilyTag): void {
  for (const problem of tag._problems) d.error(path, problem);
  if (tag._templates.length === 0) d.error(path, 'tag policy has no templates');
  const constants = new Map(tag._constants.map((c) => [c.name, c.value]));
  const known = () => [...TAG_PLACEHOLDERS.map((p) => p.name), ...constants.keys()].map((x) => `{${x}}`).join(', ');
  for (const c of tag._constants) {
    if (!/^[A-Za-z0-9_.-]+$/.test(c.value)) d.error(path, `tag constant "${c.name}" = ${JSON.stringify(c.value)} may only contain letters, digits, "_", "." and "-"`);
    if (tagPlaceholder(c.name)) d.error(path, `tag constant "${c.name}" shadows the built-in placeholder {${c.name}}`);
  }
  for (const t of tag._templates) {
    let unknown = false;
    for (const p of placeholders(t)) {
      if (!tagPlaceholder(p) && !constants.has(p)) {
        unknown = true;
        d.error(path, `tag template ${JSON.stringify(t)} uses unknown placeholder {${p}}; known: ${known()}`);
      }
    }
    if (unknown) continue;
    // the worst case: every placeholder at the longest value its fact can take
    const longest = t.replace(/\{([^{}]*)\}/g, (_, p: string) => constants.get(p) ?? 'x'.repeat(tagPlaceholder(p)!.maxLength));
    const sample = t.replace(/\{([^{}]*)\}/g, (_, p: string) => constants.get(p) ?? 'x0');
    if (!isTag(sample)) {
      d.error(path, `tag template ${JSON.stringify(t)} does not yield a valid tag (letters, digits, "_", "." and "-", not starting with "." or "-")`);
    } else if (longest.length > 128) {
      d.error(path, `tag template ${JSON.stringify(t)} can yield ${longest.length} characters (each placeholder at its maximum length), more than the 128 a tag may have; shorten the template or its constants`);
    }
  }
  if (!isTag(tag._fallback)) d.error(path, `fallback tag ${JSON.stringify(tag._fallback)} is not a valid tag`);
}

function validateFamilies(d: Diagnostics, index: PipelineIndex, s: PipelineSettings): void {
  const repositories = new Map<string, string>();
  const files = new Map<string, string>();
  for (const family of index.families) {
    const path = family.node.path;
    const r = new UntypedReader(d, path);
    const props = family._props;
    checkPropsObject(d, path, family._rawProps);
    if (!ID_PATTERN.test(family.node.id)) d.error(path, `family id "${family.node.id}" must be lowercase letters and digits separated by ".", "_" or "-"`);
    if (family.images.length === 0) d.error(path, `family "${family.node.id}" has no images; add one with addImage()`);
    const tag = r.optionalInstance('tag', props.tag, FamilyTag.isFamilyTag, 'a FamilyTag (e.g. FamilyTag.templates([...]))');
    if (tag) validateTag(d, path, tag);
    if (props.tags !== undefined) {
      if (props.tag !== undefined) d.error(path, 'give either tag (one family-wide FamilyTag) or tags (TagRule list), not both');
      readTagPolicy(d, path, props.tags, props.tagFlavor);
    } else if (props.tagFlavor !== undefined) {
      d.error(path, 'tagFlavor only applies to tags (TagRule list); add tags or remove tagFlavor');
    }
    validatePlatforms(d, path, r.strings('platforms', props.platforms));
    validateCachePolicy(d, path, props.cache);
    validateLicenses(d, path, props.licenses);
    const description = r.optionalString('description', props.description);
    if (description !== undefined) prose(d, path, 'description', description);
    checkPath(d, path, 'context', r.optionalString('context', props.context) ?? '.', true);
    checkPath(d, path, 'dockerfile', r.optionalString('dockerfile', props.dockerfile) ?? family.dockerfile);
    for (const image of family.images) {
      const ipath = image.node.path;
      const ir = new UntypedReader(d, ipath);
      const iprops = image._props;
      checkPropsObject(d, ipath, image._rawProps);
      const id = index.imageId(image);
      const repo = ir.optionalString('repository', iprops.repository) ?? id;
      if (!isRepositoryPath(repo)) d.error(ipath, `repository "${repo}" is not a valid repository path (lowercase, separators ".", "_", "__", "-", "/")`);
      const previous = repositories.get(repo);
      if (previous) d.error(ipath, `repository "${repo}" is already used by ${previous}`);
      repositories.set(repo, ipath);
      if (iprops.dockerfile !== undefined) checkPath(d, ipath, 'dockerfile', ir.string('dockerfile', iprops.dockerfile));
      const dockerfile = index.dockerfileOf(image);
      const owner = files.get(dockerfile);
      if (owner && owner !== family.node.id) d.error(ipath, `Dockerfile "${dockerfile}" is already used by family "${owner}"; families cannot share a Dockerfile`);
      files.set(dockerfile, family.node.id);
      const user = ir.optionalString('user', iprops.user) ?? s.defaultUser;
      if (numericUserProblem(user)) d.error(ipath, `user ${JSON.stringify(user)} ${numericUserProblem(user)} (Kubernetes runAsNonRoot needs numbers)`);
      const lastUser = [...image._instructions].reverse().find((i) => i.kind === 'user');
      const finalUser = lastUser?.kind === 'user' ? lastUser.user : user;
      if (/^0+(?::\d+)?$/.test(finalUser) && !numericUserProblem(finalUser)) {
        d.error(ipath, `image "${id}" would run as root (user ${finalUser}); published images run as a non-root numeric user: do root work in a build stage or before the last user(), and end with a non-zero uid`);
      }
      const idescription = ir.optionalString('description', iprops.description);
      if (idescription !== undefined) prose(d, ipath, 'description', idescription);
      if (iprops.role !== undefined && !Object.values(ImageRole).includes(iprops.role)) {
        d.error(ipath, `role must be one of ${Object.values(ImageRole).map((v) => JSON.stringify(v)).join(', ')}, got ${describe(iprops.role)}`);
      }
      validatePlatforms(d, ipath, ir.strings('platforms', iprops.platforms));
      validateCachePolicy(d, ipath, iprops.cache);
      validateSizeBudget(d, ipath, iprops.maxSizeMb);
      validateImageTagRules(d, image);
      validateLicenses(d, ipath, iprops.licenses);
    }
  }
  const ids = new Map<string, string>();
  for (const image of index.images) {
    const id = index.imageId(image);
    if (ids.has(id)) d.error(image.node.path, `image id "${id}" is also used by ${ids.get(id)}`);
    ids.set(id, image.node.path);
  }
}

function validatePlatforms(d: Diagnostics, path: string, platforms: readonly string[] | undefined): void {
  const seen = new Set<string>();
  for (const p of platforms ?? []) {
    if (!PLATFORM.test(p)) d.error(path, `platform ${JSON.stringify(p)} is not valid, expected os/arch[/variant] such as linux/amd64 or linux/arm64`);
    else if (seen.has(p)) d.error(path, `platform "${p}" is listed twice`);
    seen.add(p);
  }
}

/** Prose that reaches CONTAINERS.md, labels and comments: one line, no GitHub expression, no HTML, bounded. */
function prose(d: Diagnostics, path: string, what: string, value: string): void {
  text(d, path, what, value);
  if (value.trim() === '') d.error(path, `${what} must not be blank; leave it out instead`);
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(value) && !/[\r\n\0]/.test(value)) {
    d.error(path, `${what} ${JSON.stringify(value)} contains a control character; use plain one-line text`);
  }
  if (/[<>]/.test(value)) d.error(path, `${what} ${JSON.stringify(value)} must not contain "<" or ">" (it reaches CONTAINERS.md, where they would start HTML)`);
  if (value.length > 1000) d.error(path, `${what} is ${value.length} characters long; keep it under 1000`);
}

/** Why `from` is not usable, in the caller's terms. */
function sourceProblem(from: unknown): string {
  if (ImageSource.isImageSource(from)) {
    const src = from._source as { kind: string; reference?: unknown; buildArg?: unknown };
    if (src.kind === 'registry' && typeof src.reference !== 'string') return `from must be an ImageSource with a reference: ImageSource.registry() needs a string, got ${describe(src.reference)}`;
    if (src.kind === 'registry') return `build argument name "${typeof src.buildArg === 'symbol' ? 'a symbol' : String(src.buildArg)}" must match [A-Za-z_][A-Za-z0-9_]*`;
    if (src.kind === 'stage') return 'from must be an ImageSource of a stage: ImageSource.stage() needs a stage or image of this pipeline';
    return 'from must be an ImageSource of an external image: ImageSource.external() needs family.image(name) of an ExternalFamily with a string registry and tag';
  }
  return `from must be an ImageSource (ImageSource.registry(), .stage(), .external() or .scratch()), got ${describe(from)}`;
}

/** Props from an untyped caller must still be an object. */
function checkPropsObject(d: Diagnostics, path: string, raw: unknown): void {
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    d.error(path, `props must be an object, got ${describe(raw)}`);
  }
}

function checkPath(d: Diagnostics, path: string, what: string, value: string, allowRoot = false): void {
  const result = normalizeProjectPath(value, { allowRoot });
  if ('reason' in result) d.error(path, `${what} ${JSON.stringify(value)} ${result.reason}`);
}

function validateExternalFamily(d: Diagnostics, ext: ExternalFamily): void {
  const path = ext.node.path;
  const r = new UntypedReader(d, path);
  checkPropsObject(d, path, ext._rawProps);
  if (!ID_PATTERN.test(ext.node.id)) d.error(path, `external family id "${ext.node.id}" must be lowercase letters and digits separated by ".", "_" or "-"`);
  const registry = r.string('registry', ext._props.registry);
  if (!isRegistry(registry)) d.error(path, `registry ${JSON.stringify(registry)} is not a valid registry host and namespace`);
  const tag = r.string('tag', ext._props.tag);
  if (!isTag(tag)) d.error(path, `tag ${JSON.stringify(tag)} is not a valid tag`);
  const images: unknown = ext._props.images;
  if (!Array.isArray(images) || images.length === 0) {
    d.error(path, 'images must be a non-empty array of { name, repository }');
    return;
  }
  const names = new Set<string>();
  images.forEach((image: unknown, i) => {
    const ir = r.optionalObject(`images[${i}]`, image ?? 'missing');
    const name = r.string(`images[${i}].name`, ir.name);
    const repository = r.string(`images[${i}].repository`, ir.repository);
    if (!ID_PATTERN.test(name)) d.error(path, `image name ${JSON.stringify(name)} must be lowercase letters and digits separated by ".", "_" or "-"`);
    if (names.has(name)) d.error(path, `image name "${name}" is listed twice`);
    names.add(name);
    if (!isRepositoryPath(repository)) d.error(path, `repository ${JSON.stringify(repository)} of image ${JSON.stringify(name)} is not a valid repository path`);
    if (ir.role !== undefined && !Object.values(ImageRole).includes(ir.role as ImageRole)) d.error(path, `role of image ${JSON.stringify(name)} must be one of ${Object.values(ImageRole).join(', ')}`);
  });
}

function validateStageGraph(d: Diagnostics, index: PipelineIndex): void {
  // stage names unique per Dockerfile
  for (const file of index.dockerfiles()) {
    const seen = new Map<string, string>();
    for (const s of file.stages) {
      const other = seen.get(s.stageName);
      if (other) d.error(s.node.path, `stage name "${s.stageName}" is used twice in ${file.path} (also ${other})`);
      seen.set(s.stageName, s.node.path);
    }
  }
  const nodes = index.stages.map((s) => s.node.path);
  const byPath = new Map(index.stages.map((s) => [s.node.path, s]));
  const result = topologicalOrder(nodes, (p) => {
    const stage = byPath.get(p)!;
    return index.stageDependencies(stage).map((s) => s.node.path);
  });
  if ('cycle' in result) {
    d.error(result.cycle[0], `images and stages form a cycle: ${result.cycle.join(' -> ')}`);
  }
  for (const stage of index.stages) {
    for (const dep of index.stageDependencies(stage)) {
      if (!byPath.has(dep.node.path)) d.error(stage.node.path, `refers to stage "${dep.node.path}", which is not part of this pipeline`);
    }
  }
}

function validateExternalUse(d: Diagnostics, index: PipelineIndex): void {
  // never build against a runtime image: stages on a RUNTIME image may only receive artifacts
  for (const stage of index.stages) {
    const src = sourceOf(stage.from);
    if (!src) continue;
    // external runtime images, and internal ones used by build-only stages (images may extend a runtime image)
    const role = src.kind === 'external' ? src.image.role
      : src.kind === 'stage' && Image.isImage(src.stage) && !Image.isImage(stage) ? src.stage.role : undefined;
    if (role === ImageRole.RUNTIME && stage._instructions.some((i) => i.kind === 'run')) {
      const what = src.kind === 'external' ? `${src.image.family.node.id}/${src.image.name}` : (src.kind === 'stage' ? src.stage.node.path : '');
      d.error(stage.node.path, `stage "${stage.stageName}" builds against the runtime image ${what}; build in a stage FROM the SDK/dev image and COPY the artifacts onto the runtime image`);
    }
  }
  // one tag per external family: raw references to a family's repositories must not carry another tag
  // (families with a registry or tag of the wrong type are reported by validateExternalFamily)
  const usable = index.externalFamilies.filter((ext) => typeof ext.registry === 'string' && typeof ext.tag === 'string'
    && ext.images.every((i) => typeof i.repository === 'string'));
  for (const ext of usable) {
    const repos = new Map(ext.images.map((i) => [`${ext.registry}/${i.repository}`, i.name]));
    for (const stage of index.stages) {
      const src = sourceOf(stage.from);
      if (!src) continue;
      if (src.kind !== 'registry') continue;
      const parsed = parseImageReference(src.reference);
      if (typeof parsed === 'string' || !repos.has(parsed.name)) continue;
      if (parsed.tag !== ext.tag) {
        d.error(stage.node.path, `mixes tags of family "${ext.node.id}": "${src.reference}" has tag "${parsed.tag ?? 'latest'}" but the family uses "${ext.tag}"; use ImageSource.external(family.image("${repos.get(parsed.name)}"))`);
      } else {
        d.warning('external-family-reference', stage.node.path, `"${src.reference}" names an image of family "${ext.node.id}" directly; use ImageSource.external(...) so its tag follows the family`);
      }
    }
  }
  const byId = new Map<string, ExternalFamily[]>();
  for (const ext of usable) {
    for (const img of ext.images) {
      const key = `${ext.registry}/${img.repository}`;
      byId.set(key, [...(byId.get(key) ?? []), ext]);
    }
  }
  for (const [repo, exts] of byId) {
    const tags = new Set(exts.map((e) => e.tag));
    if (tags.size > 1) d.error(exts[1].node.path, `mixes tags: ${repo} is used with tags ${[...tags].sort().join(' and ')} by ${exts.map((e) => e.node.path).join(', ')}`);
  }
}
