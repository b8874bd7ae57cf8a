import { PipelineIndex } from './pipeline-index';
import { NUMERIC_USER, text } from './validate';
import { Diagnostics } from '../core/diagnostics';
import { isSecretLikeName, RESERVED_STAGE_NAMES, ID_PATTERN, VARIABLE_PATTERN } from '../core/names';
import { Image } from '../image/image';
import { parseImageReference } from '../reference/image-reference';
import type { Instruction } from '../stage/instructions';
import { Stage } from '../stage/stage';

const OCTAL = /^0?[0-7]{3,4}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;

/**
 * Validates one stage: its name, its FROM and every instruction; each finding names the instruction's path.
 * @internal
 */
export function validateStage(d: Diagnostics, index: PipelineIndex, stage: Stage): void {
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
    if (!sameFile && !Image.isImage(src.stage)) {
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
