import { PipelineIndex } from './pipeline-index';
import { StageSourceResolver } from './stage-sources';
import { oneLineShellHazard } from '../dockerfile/hazards';
import type {
  DockerfileArgument, DockerfileFlag, DockerfileInstruction, DockerfileKeyword, DockerfileLine, DockerfileModel, DockerfileString, FrontendFeature,
} from '../dockerfile/ir';
import { FEATURES } from '../dockerfile/syntax';
import { Image } from '../image/image';
import type { PlannedLabel } from '../plan/build-plan';
import { literalLabels } from '../plan/labels';
import { InputReader } from '../stage/input-reader';
import type { Instruction } from '../stage/instructions';
import { readMountSpec } from '../stage/mount-reader';
import { Stage } from '../stage/stage';

/** Settings the Dockerfile builder needs from the pipeline. @internal */
export interface DockerfileBuildContext {
  readonly index: PipelineIndex;
  readonly sources: StageSourceResolver;
  readonly defaultUser: string;
  /** The labels the plan decided for an image; the Dockerfile writes the literal ones. */
  readonly labelsOf: (image: Image) => readonly PlannedLabel[];
}

/**
 * Turns the stages of one Dockerfile into typed Dockerfile lines (global ARGs, then stages in dependency order).
 * @internal
 */
export function buildDockerfile(stages: readonly Stage[], ctx: DockerfileBuildContext): DockerfileModel {
  const features: FrontendFeature[] = [];
  const globalArgs = new Map<string, string>();
  const body: DockerfileLine[] = [];

  for (const stage of orderStages(stages, ctx.index)) {
    const from = ctx.sources.resolve(stage);
    for (const arg of from.globalArgs) globalArgs.set(arg.name, arg.value);
    // FROM <image id> of another Dockerfile only resolves through the named build context the plan passes
    if (from.parentImage && ctx.index.dockerfileOf(from.parentImage.image) !== ctx.index.dockerfileOf(stage)) features.push(FEATURES.namedContexts);
    body.push({ kind: 'blank' });
    body.push(ins('FROM', stage.platform ? [value('platform', stage.platform)] : [], [token(from.text), token('AS'), token(stage.stageName)]));
    if (from.inheritsNonRootUser && stage._instructions.some((i) => i.kind === 'run')) {
      body.push(ins('USER', [], [token('0:0')]));
    }
    for (const instruction of stage._instructions) {
      body.push(renderInstruction(instruction, features, (other) => {
        if (ctx.sources.isOtherDockerfileImage(stage, other)) features.push(FEATURES.namedContexts);
        return ctx.sources.contextNameOf(stage, other);
      }));
    }
    if (Image.isImage(stage)) {
      body.push(...imageTrailer(stage, ctx));
    }
  }

  const head: DockerfileLine[] = [...globalArgs.keys()].sort().map((name) => ins('ARG', [], [assign(word(name), word(globalArgs.get(name)!))]));
  return { lines: [...head, ...body], features };
}

/** Stages in dependency order; independent stages keep creation order. */
function orderStages(stages: readonly Stage[], index: PipelineIndex): Stage[] {
  const done = new Set<Stage>();
  const out: Stage[] = [];
  const visit = (s: Stage, seen: Set<Stage>) => {
    if (done.has(s) || seen.has(s) || !stages.includes(s)) return;
    seen.add(s);
    for (const dep of index.stageDependencies(s)) visit(dep, seen);
    done.add(s);
    out.push(s);
  };
  // build stages of an image precede it (even unused ones, so the image stays the last stage of its group):
  // visit each image's own stages in creation order, then the image
  for (const s of stages) {
    if (Image.isImage(s)) {
      for (const own of s.stages) visit(own, new Set());
    }
    visit(s, new Set());
  }
  return out;
}

function imageTrailer(image: Image, ctx: DockerfileBuildContext): DockerfileLine[] {
  const lines: DockerfileLine[] = [];
  const labels = literalLabels(ctx.labelsOf(image));
  if (labels.length > 0) lines.push(ins('LABEL', [], labels.map(([k, v]) => assign(word(k), quoted(v)))));
  if (!image._instructions.some((i) => i.kind === 'user')) {
    lines.push(ins('USER', [], [token(image._props.user ?? ctx.defaultUser)]));
  }
  return lines;
}

/**
 * The Dockerfile line of one instruction, recording the frontend features it uses in `features`.
 * @param nameOf how this Dockerfile names a `COPY --from` source (a stage name, or an image id across Dockerfiles)
 * @internal
 */
export function renderInstruction(
  i: Instruction,
  features: FrontendFeature[],
  nameOf: (from: Stage) => string = (from) => from.stageName,
): DockerfileInstruction {
  switch (i.kind) {
    case 'arg':
      return ins('ARG', [], [assign(word(i.name), i.defaultValue === undefined ? undefined : quoted(i.defaultValue))]);
    case 'env':
      return ins('ENV', [], i.variables.map(([k, v]) => assign(word(k), quoted(v))));
    case 'label':
      return ins('LABEL', [], i.labels.map(([k, v]) => assign(quoted(k), quoted(v))));
    case 'run':
      return renderRun(i, features);
    case 'copy': {
      const flags: DockerfileFlag[] = [];
      if (i.from) flags.push(value('from', nameOf(i.from)));
      if (i.link) { flags.push({ kind: 'switch', name: 'link' }); features.push(FEATURES.link); }
      if (i.chown) flags.push(value('chown', i.chown));
      if (i.chmod) { flags.push(value('chmod', i.chmod)); features.push(FEATURES.chmod); }
      return ins('COPY', flags, [{ kind: 'paths', paths: [...i.sources, i.destination] }]);
    }
    case 'add': {
      features.push(FEATURES.checksum);
      const flags = [value('checksum', i.checksum)];
      if (i.chown) flags.push(value('chown', i.chown));
      if (i.chmod) { flags.push(value('chmod', i.chmod)); features.push(FEATURES.chmod); }
      return ins('ADD', flags, [{ kind: 'paths', paths: [i.url, i.destination] }]);
    }
    case 'workdir':
      return ins('WORKDIR', [], [word(i.path)]);
    case 'user':
      return ins('USER', [], [token(i.user)]);
    case 'expose':
      return ins('EXPOSE', [], [token(`${i.port}/${i.protocol}`)]);
    case 'healthcheck': {
      if (!i.options) return ins('HEALTHCHECK', [], [token('NONE')]);
      const o = i.options;
      const flags: DockerfileFlag[] = [];
      if (o.intervalSeconds !== undefined) flags.push(value('interval', `${o.intervalSeconds}s`));
      if (o.timeoutSeconds !== undefined) flags.push(value('timeout', `${o.timeoutSeconds}s`));
      if (o.startPeriodSeconds !== undefined) flags.push(value('start-period', `${o.startPeriodSeconds}s`));
      if (o.startIntervalSeconds !== undefined) { flags.push(value('start-interval', `${o.startIntervalSeconds}s`)); features.push(FEATURES.startInterval); }
      if (o.retries !== undefined) flags.push(value('retries', String(o.retries)));
      return ins('HEALTHCHECK', flags, [token('CMD'), { kind: 'exec', argv: o.command }]);
    }
    case 'entrypoint':
      return ins('ENTRYPOINT', [], [{ kind: 'exec', argv: i.argv }]);
    case 'cmd':
      return ins('CMD', [], [{ kind: 'exec', argv: i.argv }]);
    case 'stopsignal':
      return ins('STOPSIGNAL', [], [token(i.signal)]);
    case 'shell':
      return ins('SHELL', [], [{ kind: 'exec', argv: i.argv }]);
    case 'raw':
      return rawLine(i.line);
  }
}

function renderRun(i: Extract<Instruction, { kind: 'run' }>, features: FrontendFeature[]): DockerfileInstruction {
  const ignore = new InputReader(() => undefined);
  const specs = i.mounts.map((m) => readMountSpec(m, ignore));
  const flags: DockerfileFlag[] = specs.map((mount) => ({ kind: 'mount', mount }));
  if (specs.length > 0) features.push(FEATURES.mounts);
  if (specs.some((m) => m.type === 'secret' && m.env !== undefined)) features.push(FEATURES.secretEnv);
  if (i.network) { flags.push(value('network', i.network)); features.push(FEATURES.network); }
  const command = i.commands[0];
  // one line only when the parser reads exactly the command from it
  if (i.commands.length === 1 && oneLineShellHazard(command) === undefined) {
    return ins('RUN', flags, [{ kind: 'shell', command }]);
  }
  features.push(FEATURES.heredoc);
  const lines = ['set -eu', ...i.commands];
  return { kind: 'instruction', keyword: 'RUN', flags, args: [], heredoc: { delimiter: heredocDelimiter(lines), lines } };
}

/** `EOF`, or `EOF_<n>` with the lowest n, such that no body line contains it (so none can end the heredoc early). */
function heredocDelimiter(lines: readonly string[]): string {
  let delimiter = 'EOF';
  for (let n = 1; lines.some((l) => l.includes(delimiter)); n++) delimiter = `EOF_${n}`;
  return delimiter;
}

function rawLine(line: string): DockerfileInstruction {
  const space = line.indexOf(' ');
  const keyword = (space < 0 ? line : line.slice(0, space)) as DockerfileKeyword;
  return ins(keyword, [], space < 0 ? [] : [{ kind: 'raw', text: line.slice(space + 1) }]);
}

function ins(keyword: DockerfileKeyword, flags: readonly DockerfileFlag[], args: readonly DockerfileArgument[]): DockerfileInstruction {
  return { kind: 'instruction', keyword, flags, args };
}

function token(text: string): DockerfileArgument {
  return { kind: 'token', text };
}

function word(text: string): DockerfileString {
  return { kind: 'string', text, quote: 'when-needed' };
}

function quoted(text: string): DockerfileString {
  return { kind: 'string', text, quote: 'always' };
}

function assign(name: DockerfileString, val?: DockerfileString): DockerfileArgument {
  return { kind: 'assignment', name, value: val };
}

function value(name: string, text: string): DockerfileFlag {
  return { kind: 'value', name, value: text };
}
