import { IdentifierPool } from './identifiers';
import { ImportError } from './import-error';
import type { ImportedInstruction, ImportedOptions, ImportedSource, ImportedStage, ImportedValue, ImportWarning } from './import-model';
import { tsLineComment, tsString } from './ts-literal';
import { unsafeTextReason } from '../core/names';
import { isRepositoryPath } from '../reference/image-reference';

/** The OCI labels the pipeline writes itself from an image's props. */
const TITLE = 'org.opencontainers.image.title';
const DESCRIPTION = 'org.opencontainers.image.description';

/** The library exports generated code may use. @internal */
export const LIBRARY_NAMES = ['CacheSharing', 'Containers', 'ImageSource', 'Mount', 'Protocol', 'RunNetwork'] as const;

/** One of the library exports generated code may use. @internal */
export type LibraryName = (typeof LIBRARY_NAMES)[number];

/** What the emitter needs to know about the file the code goes into. @internal */
export interface EmitOptions {
  /** The family id. */
  readonly family: string;
  /** The Dockerfile path the family writes (relative to the project root). */
  readonly dockerfile: string;
  /** Names of the stages to publish as images besides the last one. */
  readonly images: readonly string[];
  /** The expression naming the pipeline (`containers`). */
  readonly containers: string;
  /** How the file names each library export it uses (its import, possibly aliased). */
  readonly names: (name: LibraryName) => string;
  /** Identifiers already declared in the file. */
  readonly pool: IdentifierPool;
  /** Where the code came from, for its leading comment. */
  readonly source: string;
}

/** The generated statements, the library exports they use, and the stages' roles. @internal */
export interface EmittedCode {
  readonly lines: readonly string[];
  readonly uses: ReadonlySet<LibraryName>;
  /** Stages published as images, in file order. */
  readonly images: readonly string[];
  readonly warnings: readonly ImportWarning[];
}

/**
 * Turns the import model into `.projenrc.ts` statements: one family; the last stage, the stages named in `images`
 * and every stage an image builds FROM become images; each other stage becomes a build stage of the first image after
 * it. Every Dockerfile value is written as a string literal; variable names come from the pool.
 * @internal
 */
export function emitCode(given: readonly ImportedStage[], options: EmitOptions): EmittedCode {
  const named = withImageName(given, options.family);
  const uses = new Set<LibraryName>();
  const name = (n: LibraryName) => {
    uses.add(n);
    return options.names(n);
  };
  const warnings: ImportWarning[] = [];
  const byName = new Map(named.map((s) => [s.name, s]));
  for (const wanted of options.images) {
    if (!byName.has(wanted)) throw new ImportError(`--image ${wanted}: the Dockerfile has no stage of that name (stages: ${named.map((s) => s.name).join(', ')})`);
  }
  const published = new Set([...options.images, named[named.length - 1].name]);
  // an image builds FROM an image: promote the stages images build on, until nothing changes
  for (let changed = true; changed;) {
    changed = false;
    for (const s of named) {
      if (published.has(s.name) && s.from.kind === 'stage' && !published.has(s.from.stage)) {
        published.add(s.from.stage);
        warnings.push({ line: byName.get(s.from.stage)!.line, message: `stage "${s.from.stage}" is published as an image because image "${s.name}" builds FROM it` });
        changed = true;
      }
    }
  }
  const imageProps = new Map<string, string[]>();
  const stages = named.map((s) => {
    if (!published.has(s.name)) return s;
    const { stage, props } = labelsAsProps(s);
    imageProps.set(s.name, props);
    return stage;
  });
  for (const image of stages.filter((s) => published.has(s.name))) warnings.push(...userWarnings(image));
  const owner = new Map<string, string>();
  stages.forEach((s, i) => {
    if (published.has(s.name)) return;
    const next = stages.slice(i + 1).find((n) => published.has(n.name));
    if (!next) throw new ImportError(`stage "${s.name}" comes after the last image; publish it with --image ${s.name} or remove it`);
    owner.set(s.name, next.name);
  });

  const vars = new Map<string, string>();
  const familyVar = options.pool.claim(options.family, 'Family');
  const lines: string[] = [
    tsLineComment(`Imported from ${options.source} by projen-containers-import.`),
    `const ${familyVar} = ${options.containers}.addFamily(${tsString(options.family)}, { dockerfile: ${tsString(options.dockerfile)} });`,
  ];
  const sourceOf = (from: ImportedSource): string => {
    switch (from.kind) {
      case 'scratch':
        return `${name('ImageSource')}.scratch()`;
      case 'stage':
        return `${name('ImageSource')}.stage(${vars.get(from.stage)})`;
      case 'registry':
        return `${name('ImageSource')}.registry(${tsString(from.reference)}${from.buildArg !== undefined ? `, { buildArg: ${tsString(from.buildArg)} }` : ''})`;
    }
  };
  const props = (s: ImportedStage) => {
    const all = [`from: ${sourceOf(s.from)}`, ...(s.platform !== undefined ? [`platform: ${tsString(s.platform)}`] : []), ...(imageProps.get(s.name) ?? [])];
    return `{ ${all.join(', ')} }`;
  };
  for (const image of stages.filter((s) => published.has(s.name))) {
    const imageVar = options.pool.claim(image.name);
    vars.set(image.name, imageVar);
    lines.push(`const ${imageVar} = ${familyVar}.addImage(${tsString(image.name)}, ${props(image)});`);
    for (const stage of stages.filter((s) => owner.get(s.name) === image.name)) {
      const stageVar = options.pool.claim(stage.name);
      vars.set(stage.name, stageVar);
      lines.push(`const ${stageVar} = ${imageVar}.addStage(${tsString(stage.name)}, ${props(stage)});`);
    }
  }
  for (const stage of stages) {
    lines.push(tsLineComment(`${stage.name} (line ${stage.line})`));
    for (const c of stage.comments) lines.push(tsLineComment(c));
    for (const ins of stage.instructions) {
      for (const c of ins.comments) lines.push(tsLineComment(c));
      lines.push(...instructionCode(vars.get(stage.name)!, ins, vars, name));
    }
  }
  return { lines, uses, images: stages.filter((s) => published.has(s.name)).map((s) => s.name), warnings };
}

/**
 * A published image's title and description labels as its `repository` and `description` props (the pipeline writes
 * both labels from them), when they are valid there; other labels stay.
 */
function labelsAsProps(image: ImportedStage): { stage: ImportedStage; props: string[] } {
  const labels = image.instructions.flatMap((i) => (i.kind === 'label' ? i.values : []));
  const last = (key: string) => [...labels].reverse().find(([k]) => k === key)?.[1];
  const title = last(TITLE);
  const description = last(DESCRIPTION);
  const moved = new Set<string>();
  const props: string[] = [];
  if (title !== undefined && isRepositoryPath(title)) {
    moved.add(TITLE);
    props.push(`repository: ${tsString(title)}`);
  }
  if (description !== undefined && description.trim() !== '' && description.length <= 1000 && !/[\x00-\x1f\x7f<>]/.test(description) && !unsafeTextReason(description)) {
    moved.add(DESCRIPTION);
    props.push(`description: ${tsString(description)}`);
  }
  const instructions = image.instructions.flatMap((i) => {
    if (i.kind !== 'label') return [i];
    const values = i.values.filter(([k]) => !moved.has(k));
    return values.length === 0 ? [] : [{ ...i, values }];
  });
  return { stage: { ...image, instructions }, props };
}

/** What the pipeline's user rules will do to a published image: append the default user, or reject a root user. */
function userWarnings(image: ImportedStage): ImportWarning[] {
  const users = image.instructions.filter((i): i is ImportedInstruction & { kind: 'user'; value: string } => i.kind === 'user');
  const last = users[users.length - 1];
  if (!last) {
    const raw = image.instructions.find((i) => i.kind === 'raw' && /^USER\s/i.test(i.text));
    return [{
      line: raw?.line ?? image.line,
      message: `image "${image.name}" sets no numeric USER${raw ? ' (its USER is a raw line)' : ''}: the pipeline ends it with its default user (Containers defaultUser, "10001:10001" unless set)`,
    }];
  }
  return /^0+(?::\d+)?$/.test(last.value)
    ? [{ line: last.line, message: `image "${image.name}" ends as root (USER ${last.value}): validation rejects it; end the image with a non-zero numeric user` }]
    : [];
}

/** The stages, the last one named after the family when the Dockerfile leaves it unnamed (and no stage has that name). */
function withImageName(stages: readonly ImportedStage[], family: string): readonly ImportedStage[] {
  const last = stages[stages.length - 1];
  if (last.named || stages.some((s) => s.name === family)) return stages;
  return [...stages.slice(0, -1), { ...last, name: family }];
}

function instructionCode(target: string, ins: ImportedInstruction, vars: ReadonlyMap<string, string>, name: (n: LibraryName) => string): string[] {
  const call = (method: string, ...args: string[]) => [`${target}.${method}(${args.join(', ')});`];
  switch (ins.kind) {
    case 'arg':
      return call('arg', tsString(ins.name), ...(ins.defaultValue === undefined ? [] : [tsString(ins.defaultValue)]));
    case 'env':
    case 'label':
      return call(ins.kind, `{ ${ins.values.map(([k, v]) => `${tsString(k)}: ${tsString(v)}`).join(', ')} }`);
    case 'run': {
      const opts: string[] = [];
      if (ins.mounts.length > 0) opts.push(`mounts: [${ins.mounts.map((m) => `${name('Mount')}.${m.type}(${optionsCode(m.options, name, true)})`).join(', ')}]`);
      if (ins.network) opts.push(`network: ${name('RunNetwork')}.${ins.network}`);
      return call('run', strings(ins.commands), ...(opts.length > 0 ? [`{ ${opts.join(', ')} }`] : []));
    }
    case 'copy': {
      const opts: string[] = [];
      if (ins.from !== undefined) opts.push(`from: ${vars.get(ins.from)}`);
      if (!ins.link) opts.push('link: false');
      if (ins.chown !== undefined) opts.push(`chown: ${tsString(ins.chown)}`);
      if (ins.chmod !== undefined) opts.push(`chmod: ${tsString(ins.chmod)}`);
      return call('copy', strings(ins.sources), tsString(ins.destination), ...(opts.length > 0 ? [`{ ${opts.join(', ')} }`] : []));
    }
    case 'add': {
      const opts = [`checksum: ${tsString(ins.checksum)}`];
      if (ins.chown !== undefined) opts.push(`chown: ${tsString(ins.chown)}`);
      if (ins.chmod !== undefined) opts.push(`chmod: ${tsString(ins.chmod)}`);
      return call('add', tsString(ins.url), tsString(ins.destination), `{ ${opts.join(', ')} }`);
    }
    case 'workdir':
    case 'user':
    case 'stopSignal':
      return call(ins.kind, tsString(ins.value));
    case 'expose':
      return call('expose', String(ins.port), ...(ins.protocol === 'UDP' ? [`${name('Protocol')}.UDP`] : []));
    case 'healthcheck':
      return call('healthcheck', `{ command: ${strings(ins.command)}${ins.options.length > 0 ? `, ${optionsCode(ins.options, name, false).slice(2, -2)}` : ''} }`);
    case 'disableHealthcheck':
      return call('disableHealthcheck');
    case 'entrypoint':
    case 'cmd':
    case 'shell':
      return call(ins.kind, strings(ins.argv));
    case 'raw':
      return call('addRawLine', tsString(ins.text));
    case 'unsupported':
      return [tsLineComment(`line ${ins.line} is not imported, rewrite it by hand:`), ...ins.text.split('\n').map((l) => tsLineComment(`  ${l}`))];
  }
}

function strings(values: readonly string[]): string {
  return `[${values.map(tsString).join(', ')}]`;
}

function optionsCode(options: ImportedOptions, name: (n: LibraryName) => string, emptyAsNothing: boolean): string {
  if (options.length === 0) return emptyAsNothing ? '' : '{}';
  return `{ ${options.map(([k, v]) => `${k}: ${valueCode(v, name)}`).join(', ')} }`;
}

function valueCode(v: ImportedValue, name: (n: LibraryName) => string): string {
  if (typeof v === 'string') return tsString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `${name(v.enumName as LibraryName)}.${v.member}`;
}
