import { PipelineIndex } from './pipeline-index';
import type { PipelineSettings } from './settings';
import { validateNames } from './validate-names';
import { validateStage } from './validate-stage';
import { Diagnostics } from '../core/diagnostics';
import { topologicalOrder } from '../core/graph';
import { ID_PATTERN, isSafeRelativePath, unsafeTextReason } from '../core/names';
import { ExternalFamily } from '../family/external-family';
import { FamilyTag, placeholders } from '../family/family-tag';
import { Image } from '../image/image';
import { ImageRole } from '../image/image-role';
import { TAG_PLACEHOLDERS, tagPlaceholder } from '../plan/tag-placeholders';
import { isRegistry, isRepositoryPath, isTag, parseImageReference } from '../reference/image-reference';

/** @internal */
export const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
/** @internal */
export const NUMERIC_USER = /^\d+(?::\d+)?$/;

/**
 * Validates the whole pipeline tree; every finding names its construct path. Nothing here throws.
 * @internal
 */
export function validatePipeline(index: PipelineIndex, settings: PipelineSettings, d: Diagnostics): void {
  validateSettings(d, settings);
  validateFamilies(d, index, settings);
  for (const ext of index.externalFamilies) validateExternalFamily(d, ext);
  for (const stage of index.stages) validateStage(d, index, stage);
  validateStageGraph(d, index);
  validateExternalUse(d, index);
  validateNames(d, index);
}

/** Reports `value` when it holds text no generated file may carry. @internal */
export function text(d: Diagnostics, path: string, what: string, value: string): void {
  const reason = unsafeTextReason(value);
  if (reason) d.error(path, `${what} ${JSON.stringify(value)} ${reason}`);
}

function validateSettings(d: Diagnostics, s: PipelineSettings): void {
  if (!isRegistry(s.registry)) {
    d.error(s.path, `registry "${s.registry}" is not a valid registry host and namespace, expected e.g. "ghcr.io/acme" (lowercase namespace)`);
  }
  for (const p of s.platforms) {
    if (!PLATFORM.test(p)) d.error(s.path, `platform "${p}" is not valid, expected os/arch[/variant] such as linux/amd64 or linux/arm64`);
  }
  if (!NUMERIC_USER.test(s.defaultUser)) d.error(s.path, `defaultUser "${s.defaultUser}" must be a numeric uid[:gid]`);
  if (s.sourceUrl !== undefined) {
    text(d, s.path, 'sourceUrl', s.sourceUrl);
    if (!/^https:\/\/[^\s"'`$\\]+$/.test(s.sourceUrl)) d.error(s.path, `sourceUrl "${s.sourceUrl}" must be an https URL without quotes, spaces or "$"`);
  }
  for (const p of s.dockerignorePatterns) {
    text(d, s.path, '.dockerignore pattern', p);
  }
  if (s.dockerfileSyntax._mode === 'custom') {
    const image = s.dockerfileSyntax._image ?? '';
    const parsed = parseImageReference(image);
    if (typeof parsed === 'string') d.error(s.path, `dockerfileSyntax: ${parsed}`);
    text(d, s.path, 'dockerfileSyntax', image);
  }
  validateTag(d, s.path, s.defaultTag);
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
    if (!ID_PATTERN.test(family.node.id)) d.error(path, `family id "${family.node.id}" must be lowercase letters and digits separated by ".", "_" or "-"`);
    if (family.images.length === 0) d.error(path, `family "${family.node.id}" has no images; add one with addImage()`);
    if (family._props.tag) validateTag(d, path, family._props.tag);
    for (const p of family._props.platforms ?? []) {
      if (!PLATFORM.test(p)) d.error(path, `platform "${p}" is not valid, expected os/arch[/variant] such as linux/amd64`);
    }
    if (family._props.description !== undefined) text(d, path, 'description', family._props.description);
    checkPath(d, path, 'context', family.context);
    for (const image of family.images) {
      const ipath = image.node.path;
      const id = index.imageId(image);
      const repo = index.repositoryOf(image);
      if (!isRepositoryPath(repo)) d.error(ipath, `repository "${repo}" is not a valid repository path (lowercase, separators ".", "_", "__", "-", "/")`);
      const previous = repositories.get(repo);
      if (previous) d.error(ipath, `repository "${repo}" is already used by ${previous}`);
      repositories.set(repo, ipath);
      const dockerfile = index.dockerfileOf(image);
      checkPath(d, ipath, 'dockerfile', dockerfile);
      const owner = files.get(dockerfile);
      if (owner && owner !== family.node.id) d.error(ipath, `Dockerfile "${dockerfile}" is already used by family "${owner}"; families cannot share a Dockerfile`);
      files.set(dockerfile, family.node.id);
      const user = image._props.user ?? s.defaultUser;
      if (!NUMERIC_USER.test(user)) d.error(ipath, `user "${user}" must be a numeric uid[:gid] (Kubernetes runAsNonRoot needs numbers)`);
      else if (/^0(?::\d+)?$/.test(user)) d.warning(ipath, `image "${id}" runs as root (user ${user})`);
      if (image._props.description !== undefined) text(d, ipath, 'description', image._props.description);
      for (const p of image._props.platforms ?? []) {
        if (!PLATFORM.test(p)) d.error(ipath, `platform "${p}" is not valid, expected os/arch[/variant] such as linux/amd64`);
      }
    }
  }
  const ids = new Map<string, string>();
  for (const image of index.images) {
    const id = index.imageId(image);
    if (ids.has(id)) d.error(image.node.path, `image id "${id}" is also used by ${ids.get(id)}`);
    ids.set(id, image.node.path);
  }
}

function checkPath(d: Diagnostics, path: string, what: string, value: string): void {
  if (value === '.') return;
  if (!isSafeRelativePath(value)) {
    d.error(path, `${what} "${value}" must be a relative path inside the project of letters, digits and "._@+-/" (no "..", spaces or shell/Make characters)`);
  }
}

function validateExternalFamily(d: Diagnostics, ext: ExternalFamily): void {
  const path = ext.node.path;
  if (!ID_PATTERN.test(ext.node.id)) d.error(path, `external family id "${ext.node.id}" must be lowercase letters and digits separated by ".", "_" or "-"`);
  if (!isRegistry(ext.registry)) d.error(path, `registry "${ext.registry}" is not a valid registry host and namespace`);
  if (!isTag(ext.tag)) d.error(path, `tag "${ext.tag}" is not a valid tag`);
  for (const image of ext._props.images) {
    if (!isRepositoryPath(image.repository)) d.error(path, `repository "${image.repository}" of image "${image.name}" is not a valid repository path`);
  }
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
    const src = stage.from._source;
    // external runtime images, and internal ones used by build-only stages (images may extend a runtime image)
    const role = src.kind === 'external' ? src.image.role
      : src.kind === 'stage' && Image.isImage(src.stage) && !Image.isImage(stage) ? src.stage.role : undefined;
    if (role === ImageRole.RUNTIME && stage._instructions.some((i) => i.kind === 'run')) {
      const what = src.kind === 'external' ? `${src.image.family.node.id}/${src.image.name}` : (src.kind === 'stage' ? src.stage.node.path : '');
      d.error(stage.node.path, `stage "${stage.stageName}" builds against the runtime image ${what}; build in a stage FROM the SDK/dev image and COPY the artifacts onto the runtime image`);
    }
  }
  // one tag per external family: raw references to a family's repositories must not carry another tag
  for (const ext of index.externalFamilies) {
    const repos = new Map(ext._props.images.map((i) => [`${ext.registry}/${i.repository}`, i.name]));
    for (const stage of index.stages) {
      const src = stage.from._source;
      if (src.kind !== 'registry') continue;
      const parsed = parseImageReference(src.reference);
      if (typeof parsed === 'string' || !repos.has(parsed.name)) continue;
      if (parsed.tag !== ext.tag) {
        d.error(stage.node.path, `mixes tags of family "${ext.node.id}": "${src.reference}" has tag "${parsed.tag ?? 'latest'}" but the family uses "${ext.tag}"; use ImageSource.external(family.image("${repos.get(parsed.name)}"))`);
      } else {
        d.warning(stage.node.path, `"${src.reference}" names an image of family "${ext.node.id}" directly; use ImageSource.external(...) so its tag follows the family`);
      }
    }
  }
  const byId = new Map<string, ExternalFamily[]>();
  for (const ext of index.externalFamilies) {
    for (const img of ext._props.images) {
      const key = `${ext.registry}/${img.repository}`;
      byId.set(key, [...(byId.get(key) ?? []), ext]);
    }
  }
  for (const [repo, exts] of byId) {
    const tags = new Set(exts.map((e) => e.tag));
    if (tags.size > 1) d.error(exts[1].node.path, `mixes tags: ${repo} is used with tags ${[...tags].sort().join(' and ')} by ${exts.map((e) => e.node.path).join(', ')}`);
  }
}
