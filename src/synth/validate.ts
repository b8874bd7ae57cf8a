import { PipelineIndex } from './pipeline-index';
import { Diagnostics } from '../core/diagnostics';
import { topologicalOrder } from '../core/graph';
import { ID_PATTERN, isSafeRelativePath, isSecretLikeName, RESERVED_STAGE_NAMES, unsafeTextReason, VARIABLE_PATTERN } from '../core/names';
import type { DockerfileSyntax } from '../dockerfile/syntax';
import { ExternalFamily } from '../family/external-family';
import { DYNAMIC_PLACEHOLDERS, FamilyTag, placeholders } from '../family/family-tag';
import { ImageRole } from '../image/image-role';
import { isRegistry, isRepositoryPath, isTag, parseImageReference } from '../reference/image-reference';
import type { Instruction } from '../stage/instructions';
import { Stage } from '../stage/stage';

/** Pipeline-wide settings that validation checks. @internal */
export interface PipelineSettings {
  readonly path: string;
  readonly registry: string;
  readonly platforms: readonly string[];
  readonly defaultTag: FamilyTag;
  readonly defaultUser: string;
  readonly sourceUrl?: string;
  readonly dockerignorePatterns: readonly string[];
  /** The `# syntax=` policy; a custom frontend reference is written into every Dockerfile. */
  readonly dockerfileSyntax?: DockerfileSyntax;
}

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
const NUMERIC_USER = /^\d+(?::\d+)?$/;
const OCTAL = /^0?[0-7]{3,4}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;

/**
 * Validates the whole pipeline tree; every finding names its construct path. Nothing here throws.
 * @internal
 */
export function validatePipeline(index: PipelineIndex, settings: PipelineSettings): Diagnostics {
  const d = new Diagnostics();
  validateSettings(d, settings);
  validateFamilies(d, index, settings);
  for (const ext of index.externalFamilies) validateExternalFamily(d, ext);
  for (const stage of index.stages) validateStage(d, index, stage);
  validateStageGraph(d, index);
  validateExternalUse(d, index);
  return d;
}

function text(d: Diagnostics, path: string, what: string, value: string): void {
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
  if (s.dockerfileSyntax?._mode === 'custom') {
    const image = s.dockerfileSyntax._image ?? '';
    const parsed = parseImageReference(image);
    if (typeof parsed === 'string') d.error(s.path, `dockerfileSyntax: ${parsed}`);
    text(d, s.path, 'dockerfileSyntax', image);
  }
  validateTag(d, s.path, s.defaultTag);
}

function validateTag(d: Diagnostics, path: string, tag: FamilyTag): void {
  if (tag._templates.length === 0) d.error(path, 'tag policy has no templates');
  const constants = new Map(tag._constants.map((c) => [c.name, c.value]));
  for (const c of tag._constants) {
    if (!/^[A-Za-z0-9_.-]+$/.test(c.value)) d.error(path, `tag constant "${c.name}" = "${c.value}" may only contain letters, digits, "_", "." and "-"`);
    if (DYNAMIC_PLACEHOLDERS.includes(c.name)) d.error(path, `tag constant "${c.name}" shadows the built-in placeholder {${c.name}}`);
  }
  for (const t of tag._templates) {
    for (const p of placeholders(t)) {
      if (!DYNAMIC_PLACEHOLDERS.includes(p) && !constants.has(p)) {
        d.error(path, `tag template "${t}" uses unknown placeholder {${p}}; known: ${[...DYNAMIC_PLACEHOLDERS, ...constants.keys()].map((x) => `{${x}}`).join(', ')}`);
      }
    }
    const sample = t.replace(/\{([^{}]*)\}/g, (_, p: string) => constants.get(p) ?? 'x0');
    if (!isTag(sample)) d.error(path, `tag template "${t}" does not yield a valid tag (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`);
  }
  if (!isTag(tag._fallback)) d.error(path, `fallback tag "${tag._fallback}" is not a valid tag`);
}

function validateFamilies(d: Diagnostics, index: PipelineIndex, s: PipelineSettings): void {
  const repositories = new Map<string, string>();
  const files = new Map<string, string>();
  for (const family of index.families) {
    const path = family.node.path;
    if (!ID_PATTERN.test(family.node.id)) d.error(path, `family id "${family.node.id}" must be lowercase letters and digits separated by ".", "_" or "-"`);
    if (family.images.length === 0) d.error(path, `family "${family.node.id}" has no images; add one with addImage()`);
    if (family.props.tag) validateTag(d, path, family.props.tag);
    for (const p of family.props.platforms ?? []) {
      if (!PLATFORM.test(p)) d.error(path, `platform "${p}" is not valid, expected os/arch[/variant] such as linux/amd64`);
    }
    if (family.props.description !== undefined) text(d, path, 'description', family.props.description);
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
      const user = image.props.user ?? s.defaultUser;
      if (!NUMERIC_USER.test(user)) d.error(ipath, `user "${user}" must be a numeric uid[:gid] (Kubernetes runAsNonRoot needs numbers)`);
      else if (/^0(?::\d+)?$/.test(user)) d.warning(ipath, `image "${id}" runs as root (user ${user})`);
      if (image.props.description !== undefined) text(d, ipath, 'description', image.props.description);
      for (const p of image.props.platforms ?? []) {
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
  if (!isRegistry(ext.props.registry)) d.error(path, `registry "${ext.props.registry}" is not a valid registry host and namespace`);
  if (!isTag(ext.props.tag)) d.error(path, `tag "${ext.props.tag}" is not a valid tag`);
  for (const image of ext.props.images) {
    if (!isRepositoryPath(image.repository)) d.error(path, `repository "${image.repository}" of image "${image.name}" is not a valid repository path`);
  }
}

function validateStage(d: Diagnostics, index: PipelineIndex, stage: Stage): void {
  const path = stage.node.path;
  const name = stage.stageName;
  if (!ID_PATTERN.test(name)) d.error(path, `stage name "${name}" must be lowercase letters and digits separated by ".", "_" or "-"`);
  if (RESERVED_STAGE_NAMES.includes(name)) d.error(path, `stage name "${name}" is reserved by BuildKit`);
  const src = stage.from._source;
  if (src.kind === 'registry') {
    const parsed = parseImageReference(src.reference);
    if (typeof parsed === 'string') d.error(path, parsed);
    else if (!parsed.digest) d.warning(path, `base image "${src.reference}" is not pinned to a digest; builds are not reproducible`);
    if (src.buildArg !== undefined && !VARIABLE_PATTERN.test(src.buildArg)) d.error(path, `build argument name "${src.buildArg}" must match [A-Za-z_][A-Za-z0-9_]*`);
    text(d, path, 'base image', src.reference);
  }
  if (src.kind === 'stage') {
    const sameFile = index.dockerfileOf(src.stage) === index.dockerfileOf(stage);
    if (!sameFile && !(src.stage as any)._isImage) {
      d.error(path, `stage "${name}" builds from build stage "${src.stage.node.path}", which is in another Dockerfile (${index.dockerfileOf(src.stage)}); only images can be used across Dockerfiles`);
    }
  }
  if (stage.platform !== undefined && !/^(\$(BUILDPLATFORM|TARGETPLATFORM|\{BUILDPLATFORM\}|\{TARGETPLATFORM\}))$|^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(stage.platform)) {
    d.error(path, `FROM --platform "${stage.platform}" must be $BUILDPLATFORM, $TARGETPLATFORM or os/arch[/variant]`);
  }
  stage._instructions.forEach((ins, i) => validateInstruction(d, index, stage, ins, `${path}/instruction.${i}`));
}

function validateInstruction(d: Diagnostics, index: PipelineIndex, stage: Stage, ins: Instruction, path: string): void {
  switch (ins.kind) {
    case 'arg':
      if (!VARIABLE_PATTERN.test(ins.name)) d.error(path, `ARG name "${ins.name}" must match [A-Za-z_][A-Za-z0-9_]*`);
      if (isSecretLikeName(ins.name)) d.error(path, `ARG "${ins.name}" looks like a secret; build arguments are recorded in the image history, use Mount.secret() instead`);
      if (ins.defaultValue !== undefined) text(d, path, 'ARG default', ins.defaultValue);
      break;
    case 'env':
      for (const [k, v] of ins.variables) {
        if (!VARIABLE_PATTERN.test(k)) d.error(path, `ENV name "${k}" must match [A-Za-z_][A-Za-z0-9_]*`);
        if (isSecretLikeName(k)) d.error(path, `ENV "${k}" looks like a secret; environment variables persist in the image, use Mount.secret() instead`);
        text(d, path, `ENV ${k} value`, v);
      }
      break;
    case 'label':
      for (const [k, v] of ins.labels) {
        text(d, path, 'LABEL key', k);
        text(d, path, `LABEL ${k} value`, v);
      }
      break;
    case 'run':
      if (ins.commands.length === 0 || ins.commands.some((c) => c.trim().length === 0)) d.error(path, 'RUN needs at least one non-empty command');
      for (const c of ins.commands) {
        if (c.includes('\0')) d.error(path, 'RUN command contains a NUL character');
      }
      for (const m of ins.mounts) {
        for (const p of m._problems()) d.error(path, p);
        if (m._type === 'secret' && m._options.some(([k, v]) => k === 'id' && (v === undefined || !/^[A-Za-z0-9_.-]+$/.test(v)))) {
          d.error(path, 'secret mount id must be letters, digits, ".", "_" or "-"');
        }
      }
      break;
    case 'copy': {
      if (ins.sources.length === 0) d.error(path, 'COPY needs at least one source');
      for (const p of [...ins.sources, ins.destination]) text(d, path, 'COPY path', p);
      if (!ins.from) {
        for (const src of ins.sources) {
          if (src.startsWith('/') || src.split('/').includes('..')) d.error(path, `COPY source "${src}" must be relative to the build context and stay inside it`);
        }
      } else if (index.dockerfileOf(ins.from) !== index.dockerfileOf(stage)) {
        d.error(path, `COPY --from stage "${ins.from.node.path}" is in another Dockerfile (${index.dockerfileOf(ins.from)})`);
      }
      if (ins.chown !== undefined && !NUMERIC_USER.test(ins.chown)) d.error(path, `COPY --chown "${ins.chown}" must be a numeric uid[:gid]`);
      if (ins.chmod !== undefined && !OCTAL.test(ins.chmod)) d.error(path, `COPY --chmod "${ins.chmod}" must be octal, e.g. 0755`);
      break;
    }
    case 'add':
      if (!/^https:\/\/[^\s"]+$/.test(ins.url)) d.error(path, `ADD is only for remote https downloads, got "${ins.url}"; use copy() for local files`);
      if (!SHA256.test(ins.checksum)) d.error(path, `ADD --checksum "${ins.checksum}" must be sha256:<64 lowercase hex>`);
      if (ins.chown !== undefined && !NUMERIC_USER.test(ins.chown)) d.error(path, `ADD --chown "${ins.chown}" must be a numeric uid[:gid]`);
      if (ins.chmod !== undefined && !OCTAL.test(ins.chmod)) d.error(path, `ADD --chmod "${ins.chmod}" must be octal, e.g. 0644`);
      text(d, path, 'ADD destination', ins.destination);
      break;
    case 'workdir':
      if (!ins.path.startsWith('/')) d.error(path, `WORKDIR "${ins.path}" must be absolute`);
      text(d, path, 'WORKDIR', ins.path);
      break;
    case 'user':
      if (!NUMERIC_USER.test(ins.user)) d.error(path, `USER "${ins.user}" must be a numeric uid[:gid]`);
      break;
    case 'expose':
      if (!Number.isInteger(ins.port) || ins.port < 1 || ins.port > 65535) d.error(path, `EXPOSE port ${ins.port} must be an integer from 1 to 65535`);
      break;
    case 'healthcheck':
      if (ins.options && ins.options.command.length === 0) d.error(path, 'HEALTHCHECK command is empty');
      for (const [k, v] of Object.entries(ins.options ?? {})) {
        if (typeof v === 'number' && (!Number.isInteger(v) || v < 0)) d.error(path, `HEALTHCHECK ${k} must be a non-negative integer, got ${v}`);
      }
      break;
    case 'entrypoint':
    case 'cmd':
    case 'shell':
      if (ins.argv.length === 0) d.error(path, `${ins.kind.toUpperCase()} needs at least one argument`);
      for (const a of ins.argv) text(d, path, `${ins.kind.toUpperCase()} argument`, a);
      break;
    case 'stopsignal':
      if (!/^(SIG)?[A-Z0-9+]+$|^\d+$/.test(ins.signal)) d.error(path, `STOPSIGNAL "${ins.signal}" must be a signal name such as SIGTERM or a number`);
      break;
    case 'raw':
      text(d, path, 'raw line', ins.line);
      if (!/^[A-Z]+(\s|$)/.test(ins.line)) d.error(path, `raw line "${ins.line}" must start with an uppercase Dockerfile keyword`);
      break;
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
      : src.kind === 'stage' && (src.stage as any)._isImage && !(stage as any)._isImage ? (src.stage as any).role as ImageRole : undefined;
    if (role === ImageRole.RUNTIME && stage._instructions.some((i) => i.kind === 'run')) {
      const what = src.kind === 'external' ? `${src.image.family.node.id}/${src.image.name}` : (src as any).stage.node.path;
      d.error(stage.node.path, `stage "${stage.stageName}" builds against the runtime image ${what}; build in a stage FROM the SDK/dev image and COPY the artifacts onto the runtime image`);
    }
  }
  // one tag per external family: raw references to a family's repositories must not carry another tag
  for (const ext of index.externalFamilies) {
    const repos = new Map(ext.props.images.map((i) => [`${ext.props.registry}/${i.repository}`, i.name]));
    for (const stage of index.stages) {
      const src = stage.from._source;
      if (src.kind !== 'registry') continue;
      const parsed = parseImageReference(src.reference);
      if (typeof parsed === 'string' || !repos.has(parsed.name)) continue;
      if (parsed.tag !== ext.props.tag) {
        d.error(stage.node.path, `mixes tags of family "${ext.node.id}": "${src.reference}" has tag "${parsed.tag ?? 'latest'}" but the family uses "${ext.props.tag}"; use ImageSource.external(family.image("${repos.get(parsed.name)}"))`);
      } else {
        d.warning(stage.node.path, `"${src.reference}" names an image of family "${ext.node.id}" directly; use ImageSource.external(...) so its tag follows the family`);
      }
    }
  }
  const byId = new Map<string, ExternalFamily[]>();
  for (const ext of index.externalFamilies) {
    for (const img of ext.props.images) {
      const key = `${ext.props.registry}/${img.repository}`;
      byId.set(key, [...(byId.get(key) ?? []), ext]);
    }
  }
  for (const [repo, exts] of byId) {
    const tags = new Set(exts.map((e) => e.props.tag));
    if (tags.size > 1) d.error(exts[1].node.path, `mixes tags: ${repo} is used with tags ${[...tags].sort().join(' and ')} by ${exts.map((e) => e.node.path).join(', ')}`);
  }
}
