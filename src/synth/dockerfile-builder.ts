import { PipelineIndex } from './pipeline-index';
import { StageSourceResolver } from './stage-sources';
import { DockerfileInstruction, DockerfileLine, DockerfileModel, FrontendFeature } from '../dockerfile/ir';
import { dockerfileQuote, dockerfileWord, execForm } from '../dockerfile/quote';
import { FEATURES } from '../dockerfile/syntax';
import { Image } from '../image/image';
import type { PlannedLabel } from '../plan/build-plan';
import { literalLabels } from '../plan/labels';
import type { Instruction } from '../stage/instructions';
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
    body.push(ins('FROM', stage.platform ? [`--platform=${stage.platform}`] : [], `${from.text} AS ${stage.stageName}`));
    if (from.inheritsNonRootUser && stage._instructions.some((i) => i.kind === 'run')) {
      body.push(ins('USER', [], '0:0'));
    }
    for (const instruction of stage._instructions) {
      body.push(renderInstruction(instruction, features));
    }
    if (Image.isImage(stage)) {
      body.push(...imageTrailer(stage, ctx));
    }
  }

  const head: DockerfileLine[] = [...globalArgs.keys()].sort().map((name) => ins('ARG', [], `${name}=${dockerfileWord(globalArgs.get(name)!)}`));
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
  if (labels.length > 0) lines.push(ins('LABEL', [], labels.map(([k, v]) => `${k}=${dockerfileQuote(v)}`).join(' ')));
  if (!image._instructions.some((i) => i.kind === 'user')) {
    lines.push(ins('USER', [], image._props.user ?? ctx.defaultUser));
  }
  return lines;
}

function renderInstruction(i: Instruction, features: FrontendFeature[]): DockerfileLine {
  switch (i.kind) {
    case 'arg':
      return ins('ARG', [], i.defaultValue === undefined ? i.name : `${i.name}=${dockerfileQuote(i.defaultValue)}`);
    case 'env':
      return ins('ENV', [], i.variables.map(([k, v]) => `${k}=${dockerfileQuote(v)}`).join(' '));
    case 'label':
      return ins('LABEL', [], i.labels.map(([k, v]) => `${dockerfileQuote(k)}=${dockerfileQuote(v)}`).join(' '));
    case 'run':
      return renderRun(i, features);
    case 'copy': {
      const flags: string[] = [];
      if (i.from) flags.push(`--from=${i.from.stageName}`);
      if (i.link) { flags.push('--link'); features.push(FEATURES.link); }
      if (i.chown) flags.push(`--chown=${i.chown}`);
      if (i.chmod) { flags.push(`--chmod=${i.chmod}`); features.push(FEATURES.chmod); }
      return ins('COPY', flags, pathArgs([...i.sources, i.destination]));
    }
    case 'add': {
      features.push(FEATURES.checksum);
      const flags = [`--checksum=${i.checksum}`];
      if (i.chown) flags.push(`--chown=${i.chown}`);
      if (i.chmod) { flags.push(`--chmod=${i.chmod}`); features.push(FEATURES.chmod); }
      return ins('ADD', flags, pathArgs([i.url, i.destination]));
    }
    case 'workdir':
      return ins('WORKDIR', [], dockerfileWord(i.path));
    case 'user':
      return ins('USER', [], i.user);
    case 'expose':
      return ins('EXPOSE', [], `${i.port}/${i.protocol}`);
    case 'healthcheck': {
      if (!i.options) return ins('HEALTHCHECK', [], 'NONE');
      const o = i.options;
      const flags: string[] = [];
      if (o.intervalSeconds !== undefined) flags.push(`--interval=${o.intervalSeconds}s`);
      if (o.timeoutSeconds !== undefined) flags.push(`--timeout=${o.timeoutSeconds}s`);
      if (o.startPeriodSeconds !== undefined) flags.push(`--start-period=${o.startPeriodSeconds}s`);
      if (o.startIntervalSeconds !== undefined) { flags.push(`--start-interval=${o.startIntervalSeconds}s`); features.push(FEATURES.startInterval); }
      if (o.retries !== undefined) flags.push(`--retries=${o.retries}`);
      return ins('HEALTHCHECK', flags, `CMD ${execForm(o.command)}`);
    }
    case 'entrypoint':
      return ins('ENTRYPOINT', [], execForm(i.argv));
    case 'cmd':
      return ins('CMD', [], execForm(i.argv));
    case 'stopsignal':
      return ins('STOPSIGNAL', [], i.signal);
    case 'shell':
      return ins('SHELL', [], execForm(i.argv));
    case 'raw':
      return rawLine(i.line);
  }
}

function renderRun(i: Extract<Instruction, { kind: 'run' }>, features: FrontendFeature[]): DockerfileLine {
  const flags = i.mounts.map((m) => m._flag());
  if (i.mounts.length > 0) features.push(FEATURES.mounts);
  if (i.mounts.some((m) => m._type === 'secret' && m._options.some(([k, v]) => k === 'env' && v !== undefined))) features.push(FEATURES.secretEnv);
  if (i.network) { flags.push(`--network=${i.network}`); features.push(FEATURES.network); }
  const lines = i.commands.flatMap((c) => c.split('\n'));
  // one line is written as is, unless the parser would read more into it: a trailing backslash joins the next
  // Dockerfile line, and "<<" starts a heredoc that swallows the lines after it
  if (i.commands.length === 1 && lines.length === 1 && !/\\$|<</.test(lines[0])) {
    return ins('RUN', flags, i.commands[0]);
  }
  features.push(FEATURES.heredoc);
  let delimiter = 'EOF';
  for (let n = 1; lines.includes(delimiter); n++) delimiter = `EOF_${n}`;
  return { kind: 'instruction', keyword: 'RUN', flags, args: '', heredoc: { delimiter, lines: ['set -eu', ...lines] } };
}

function pathArgs(paths: readonly string[]): string {
  return paths.every((p) => /^[A-Za-z0-9_./*?@%+=,:~-]+$/.test(p)) ? paths.join(' ') : execForm(paths);
}

function rawLine(line: string): DockerfileInstruction {
  const space = line.indexOf(' ');
  return space < 0 ? ins(line, [], '') : ins(line.slice(0, space), [], line.slice(space + 1));
}

function ins(keyword: string, flags: readonly string[], args: string): DockerfileInstruction {
  return { kind: 'instruction', keyword, flags, args };
}
