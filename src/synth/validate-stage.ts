import { renderInstruction } from './dockerfile-builder';
import { PipelineIndex } from './pipeline-index';
import { text } from './validate';
import { dockerfileText, validateInstruction } from './validate-instruction';
import { Diagnostics } from '../core/diagnostics';
import { RESERVED_STAGE_NAMES, ID_PATTERN, VARIABLE_PATTERN } from '../core/names';
import { describe } from '../core/untyped';
import { lineBytes, MAX_LINE_BYTES } from '../dockerfile/hazards';
import { printedLines } from '../dockerfile/printer';
import { Image } from '../image/image';
import { ImageSource } from '../image/image-source';
import { parseImageReference } from '../reference/image-reference';
import { InputReader } from '../stage/input-reader';
import { readInstruction } from '../stage/instruction-reader';
import { Stage } from '../stage/stage';

/**
 * Validates one stage: its name, its FROM and every instruction; each finding names the instruction's path
 * (`<stage path>/instruction.<n>`). Values of the wrong type (from callers without type checks) are reported here,
 * never met as a `TypeError` later.
 * @internal
 */
export function validateStage(d: Diagnostics, index: PipelineIndex, stage: Stage): void {
  const path = stage.node.path;
  const name = stage.stageName;
  if (!ID_PATTERN.test(name)) d.error(path, `stage name "${name}" must be lowercase letters and digits separated by ".", "_" or "-"`);
  if (RESERVED_STAGE_NAMES.includes(name)) d.error(path, `stage name "${name}" is reserved by BuildKit`);
  validateFrom(d, index, stage);
  stage._recorded.forEach((rec, i) => {
    const ipath = `${path}/instruction.${i}`;
    const before = d.errors.length;
    const ins = readInstruction(rec, new InputReader((m) => d.error(ipath, m)));
    validateInstruction(d, index, stage, ins, ipath);
    if (d.errors.length === before) validateLineLength(d, ipath, ins);
  });
}

function validateFrom(d: Diagnostics, index: PipelineIndex, stage: Stage): void {
  const path = stage.node.path;
  const name = stage.stageName;
  if (!ImageSource.isImageSource(stage.from)) {
    d.error(path, `from must be an ImageSource (ImageSource.registry(), .stage(), .external() or .scratch()), got ${stage.from === undefined ? 'undefined' : describe(stage.from)}`);
    return;
  }
  const src = stage.from._source;
  if (src.kind === 'registry') {
    const parsed = parseImageReference(src.reference);
    // whether it is pinned (by digest or the lockfile) is checked with the lock (pin-lock.ts)
    if (typeof parsed === 'string') d.error(path, parsed);
    if (src.buildArg !== undefined && (typeof src.buildArg !== 'string' || !VARIABLE_PATTERN.test(src.buildArg))) {
      d.error(path, `build argument name "${typeof src.buildArg === 'symbol' ? 'a symbol' : String(src.buildArg)}" must match [A-Za-z_][A-Za-z0-9_]*`);
    }
    text(d, path, 'base image', src.reference);
  }
  if (src.kind === 'stage') {
    const sameFile = index.dockerfileOf(src.stage) === index.dockerfileOf(stage);
    if (!sameFile && !Image.isImage(src.stage)) {
      d.error(path, `stage "${name}" builds from build stage "${src.stage.node.path}", which is in another Dockerfile (${index.dockerfileOf(src.stage)}); only images can be used across Dockerfiles`);
    }
  }
  const platform: unknown = stage.platform;
  if (platform !== undefined) {
    if (typeof platform !== 'string') {
      d.error(path, `platform must be a string, got ${describe(platform)}`);
    } else {
      dockerfileText(d, path, 'FROM --platform', platform);
      if (!/^(\$(BUILDPLATFORM|TARGETPLATFORM|\{BUILDPLATFORM\}|\{TARGETPLATFORM\}))$|^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(platform)) {
        d.error(path, `FROM --platform "${platform}" must be $BUILDPLATFORM, $TARGETPLATFORM or os/arch[/variant]`);
      }
    }
  }
}

/** BuildKit reads at most 64 KiB per line: print the (otherwise valid) instruction and measure each line. */
function validateLineLength(d: Diagnostics, path: string, ins: Parameters<typeof renderInstruction>[0]): void {
  let printed: string[];
  try {
    printed = printedLines([renderInstruction(ins, [])]);
  } catch {
    // the instruction names something invalid elsewhere (e.g. a --from stage with a bad name): that construct's own
    // finding explains it, and a printer refusal that validation missed still surfaces when the file is rendered
    return;
  }
  const longest = Math.max(...printed.map(lineBytes));
  if (longest > MAX_LINE_BYTES) {
    d.error(path, `${ins.kind === 'run' ? 'RUN command' : ins.kind.toUpperCase()}: the instruction would print a line of ${longest} bytes, more than the ${MAX_LINE_BYTES} BuildKit reads; split it (several commands, a script file copied into the image, fewer values per instruction)`);
  }
}
