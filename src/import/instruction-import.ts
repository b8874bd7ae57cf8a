import { Instruction, JSONInstruction, ModifiableInstruction, Property, PropertyInstruction } from 'dockerfile-ast';
import type { ImportedInstruction, ImportedMount, ImportedOptions, ImportedValue } from './import-model';
import { readMountFlag } from './mount-flag';
import { oneLineShellHazard } from '../dockerfile/hazards';
import { normalizeContextPath } from '../stage/context-path';

/** What one instruction became: a typed instruction, or a raw line / nothing, with the reason. @internal */
export type InstructionImport =
  | { readonly kind: 'typed'; readonly instruction: DistributiveOmit<ImportedInstruction, 'line' | 'comments'>; readonly note?: string }
  | { readonly kind: 'raw'; readonly reason: string }
  | { readonly kind: 'unsupported'; readonly reason: string };

type DistributiveOmit<T, K extends keyof any> = T extends unknown ? Omit<T, K> : never;

/** What a stage instruction needs to know about the file around it. @internal */
export interface InstructionContext {
  /** Stage names (and indexes) defined before this instruction's stage, mapped to the stage name they refer to. */
  readonly stages: ReadonlyMap<string, string>;
  /** Global ARGs (before the first FROM) with their defaults. */
  readonly globalArgs: ReadonlyMap<string, string | undefined>;
  /** The instruction's heredoc body lines and its command after the heredoc start, if it has a heredoc. */
  readonly heredoc?: { readonly lines: readonly string[]; readonly rest: string };
  /** The instruction's arguments after its keyword and flags, continuation lines joined, comment lines dropped. */
  readonly content: string;
}

const NUMERIC_USER = /^\d+(?::\d+)?$/;
const OCTAL = /^0?[0-7]{3,4}$/;
/** Values the library writes double-quoted with `$` and `\` escaped: a value holding either would change meaning. */
const LITERAL = /^[^$\\]*$/;

/**
 * Maps one stage instruction (anything but FROM) to the typed call the library offers, or says why it stays a raw
 * line (or, for what a raw line cannot hold, why it cannot be imported).
 * @internal
 */
export function importInstruction(ins: Instruction, ctx: InstructionContext): InstructionImport {
  const keyword = ins.getKeyword();
  const flags = ins instanceof ModifiableInstruction ? ins.getFlags().map((f) => ({ name: f.getName(), value: f.getValue() })) : [];
  const flag = (name: string) => flags.find((f) => f.name === name)?.value ?? undefined;
  const unknownFlag = (allowed: readonly string[]) => flags.find((f) => !allowed.includes(f.name));
  const content = ctx.content;
  if (ctx.heredoc && keyword !== 'RUN') return { kind: 'unsupported', reason: `a ${keyword} heredoc has no typed equivalent and cannot be a raw line` };
  switch (keyword) {
    case 'ARG': {
      const props = (ins as PropertyInstruction).getProperties();
      if (props.length !== 1) return raw('ARG with several names');
      const p = props[0];
      const value = propertyValue(p);
      const name = p.getName();
      if (value !== undefined && !LITERAL.test(value)) return raw('the default refers to variables or holds a backslash, which a typed ARG would write literally');
      // a stage ARG without a default takes the global ARG's default
      const inherited = value === undefined && p.getAssignmentOperator() === null ? ctx.globalArgs.get(name) : undefined;
      return typed({ kind: 'arg', name, defaultValue: value ?? inherited });
    }
    case 'ENV':
    case 'LABEL': {
      const props = (ins as PropertyInstruction).getProperties();
      const values = props.map((p) => [p.getName(), propertyValue(p) ?? ''] as const);
      if (values.some(([k, v]) => !LITERAL.test(k) || !LITERAL.test(v))) return raw(`a ${keyword} value refers to variables or holds a backslash, which a typed ${keyword} would write literally`);
      if (new Set(values.map(([k]) => k)).size !== values.length) return raw(`${keyword} sets one key twice`);
      if (values.length === 0) return raw(`${keyword} without values`);
      return typed({ kind: keyword === 'ENV' ? 'env' : 'label', values: [...values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) });
    }
    case 'RUN':
      return importRun(ins, flags, content, ctx);
    case 'COPY': {
      const other = unknownFlag(['from', 'link', 'chown', 'chmod']);
      if (other) return raw(`COPY --${other.name} has no typed equivalent`);
      const paths = pathArguments(ins, content);
      if (!paths || paths.length < 2) return raw('COPY needs at least one source and a destination');
      const from = flag('from');
      const chown = flag('chown');
      const chmod = flag('chmod');
      const link = flags.find((f) => f.name === 'link');
      if (chown !== undefined && !NUMERIC_USER.test(chown)) return raw(`COPY --chown=${chown} is not a numeric uid[:gid]`);
      if (chmod !== undefined && !OCTAL.test(chmod)) return raw(`COPY --chmod=${chmod} is not octal`);
      if (link && link.value !== null && link.value !== 'true' && link.value !== 'false') return raw('COPY --link value');
      const destination = paths[paths.length - 1];
      if (!LITERAL.test(destination) || destination.startsWith('-')) return raw('the destination refers to variables');
      let sources = paths.slice(0, -1);
      let fromStage: string | undefined;
      if (from !== undefined) {
        fromStage = ctx.stages.get(from);
        if (fromStage === undefined) return raw(`COPY --from=${from} names an image outside this Dockerfile`);
        if (sources.some((s) => !LITERAL.test(s) || s.startsWith('-'))) return raw('a source refers to variables');
      } else {
        const normalized = sources.map(normalizeContextPath);
        const bad = normalized.find((n): n is { reason: string } => 'reason' in n);
        if (bad) return raw(`a build-context source ${bad.reason}`);
        sources = normalized.map((n) => (n as { path: string }).path);
      }
      const isLink = link !== undefined && link.value !== 'false';
      return typed({ kind: 'copy', sources, destination, from: fromStage, link: isLink, chown, chmod });
    }
    case 'ADD': {
      const other = unknownFlag(['checksum', 'chown', 'chmod']);
      if (other) return raw(`ADD --${other.name} has no typed equivalent`);
      const checksum = flag('checksum');
      const paths = pathArguments(ins, content);
      if (checksum === undefined || !/^sha256:[0-9a-f]{64}$/.test(checksum)) return raw('ADD without a sha256 checksum: use COPY for local files, or add --checksum to a download');
      if (!paths || paths.length !== 2 || !/^https:\/\/[^\s$\\"]+$/.test(paths[0])) return raw('ADD of something other than one https URL');
      const chown = flag('chown');
      const chmod = flag('chmod');
      if (chown !== undefined && !NUMERIC_USER.test(chown)) return raw(`ADD --chown=${chown} is not a numeric uid[:gid]`);
      if (chmod !== undefined && !OCTAL.test(chmod)) return raw(`ADD --chmod=${chmod} is not octal`);
      if (!LITERAL.test(paths[1])) return raw('the destination refers to variables');
      return typed({ kind: 'add', url: paths[0], destination: paths[1], checksum, chown, chmod });
    }
    case 'WORKDIR': {
      const args = ins.getArguments();
      if (args.length !== 1) return raw('WORKDIR with several words');
      const path = args[0].getValue();
      if (!path.startsWith('/') || !LITERAL.test(path)) return raw('WORKDIR is relative or refers to variables');
      return typed({ kind: 'workdir', value: path });
    }
    case 'USER': {
      if (!NUMERIC_USER.test(content)) return raw(`USER ${content} is not a numeric uid[:gid]; the pipeline's images run as numeric users`);
      return typed({ kind: 'user', value: content });
    }
    case 'EXPOSE': {
      const args = ins.getArguments().map((a) => a.getValue());
      const parsed = args.map((a) => /^(\d{1,5})(?:\/(tcp|udp))?$/i.exec(a));
      if (args.length !== 1 || !parsed[0] || Number(parsed[0][1]) > 65535) return raw('EXPOSE of a variable, a range or several ports in one line');
      return typed({ kind: 'expose', port: Number(parsed[0][1]), protocol: (parsed[0][2] ?? 'tcp').toUpperCase() as 'TCP' | 'UDP' });
    }
    case 'HEALTHCHECK':
      return importHealthcheck(flags, content);
    case 'CMD':
    case 'ENTRYPOINT':
    case 'SHELL': {
      const argv = execForm(ins, content);
      if (!argv) return raw(`${keyword} in shell form has no typed equivalent (the exec form has)`);
      if (keyword === 'SHELL' && argv.length === 0) return raw('SHELL with an empty array');
      return typed({ kind: keyword === 'CMD' ? 'cmd' : keyword === 'ENTRYPOINT' ? 'entrypoint' : 'shell', argv });
    }
    case 'STOPSIGNAL':
      if (!/^(?:SIG)?[A-Z0-9+-]+$|^\d+$/.test(content)) return raw('STOPSIGNAL refers to variables');
      return typed({ kind: 'stopSignal', value: content });
    case 'ONBUILD':
    case 'VOLUME':
    case 'MAINTAINER':
      return raw(`${keyword} has no typed equivalent`);
    default:
      return raw(`${keyword} is not a Dockerfile instruction the library knows`);
  }
}

type Flags = ReadonlyArray<{ name: string; value: string | null }>;

function importRun(ins: Instruction, flags: Flags, content: string, ctx: InstructionContext): InstructionImport {
  const mounts: ImportedMount[] = [];
  let network: string | undefined;
  for (const f of flags) {
    if (f.name === 'mount') {
      const m = readMountFlag(f.value ?? '');
      if ('problem' in m) return rawOrUnsupported(ctx, m.problem);
      mounts.push(m);
    } else if (f.name === 'network' && ['default', 'none', 'host'].includes(f.value ?? '')) {
      network = f.value!.toUpperCase();
    } else {
      return rawOrUnsupported(ctx, `RUN --${f.name}${f.value === null ? '' : `=${f.value}`} has no typed equivalent`);
    }
  }
  if (ctx.heredoc) {
    if (ctx.heredoc.rest.trim().length > 0) return { kind: 'unsupported', reason: `a heredoc fed to a command ("${ctx.heredoc.rest.trim()}") has no typed equivalent` };
    const lines = ctx.heredoc.lines.filter((l) => l.trim().length > 0);
    if (lines[0]?.startsWith('#!')) return { kind: 'unsupported', reason: 'a heredoc with its own interpreter (#!) has no typed equivalent' };
    if (lines.length === 0) return { kind: 'unsupported', reason: 'an empty heredoc' };
    const strict = lines[0].trim() === 'set -eu';
    const commands = strict ? lines.slice(1) : lines;
    if (commands.length === 0) return { kind: 'unsupported', reason: 'a heredoc holding only "set -eu"' };
    return {
      kind: 'typed',
      instruction: { kind: 'run', commands, mounts, network },
      note: strict ? undefined : 'the heredoc script now starts with "set -eu" (the library\'s RUN stops at the first failing command and on unset variables)',
    };
  }
  if (execForm(ins, content)) return raw('RUN in exec form has no typed equivalent');
  if (content.trim().length === 0) return raw('RUN without a command');
  const command = content.trim();
  const hazard = oneLineShellHazard(command);
  return {
    kind: 'typed',
    instruction: { kind: 'run', commands: [command], mounts, network },
    note: hazard ? `the command ${hazard}, so the library writes it as a heredoc script starting with "set -eu"` : undefined,
  };
}

function importHealthcheck(flags: ReadonlyArray<{ name: string; value: string | null }>, content: string): InstructionImport {
  if (/^NONE$/i.test(content.trim())) return typed({ kind: 'disableHealthcheck' });
  const names: Record<string, string> = { 'interval': 'intervalSeconds', 'timeout': 'timeoutSeconds', 'start-period': 'startPeriodSeconds', 'start-interval': 'startIntervalSeconds', 'retries': 'retries' };
  const options: Array<readonly [string, ImportedValue]> = [];
  for (const f of flags) {
    const name = names[f.name];
    if (!name || f.value === null) return raw(`HEALTHCHECK --${f.name} has no typed equivalent`);
    const n = f.name === 'retries' ? (/^\d+$/.test(f.value) ? Number(f.value) : undefined) : seconds(f.value);
    if (n === undefined) return raw(`HEALTHCHECK --${f.name}=${f.value} is not a whole number of seconds`);
    options.push([name, n]);
  }
  const m = /^CMD\s+(\[[\s\S]*\])\s*$/i.exec(content.trim());
  const argv = m ? jsonArray(m[1]) : undefined;
  if (!argv || argv.length === 0) return raw('HEALTHCHECK CMD in shell form has no typed equivalent (the exec form has)');
  return typed({ kind: 'healthcheck', command: argv, options: options as ImportedOptions });
}

/** `30s`, `1m30s`, `2h` as whole seconds; undefined for fractions and other units. */
function seconds(value: string): number | undefined {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!m || value.length === 0) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** The exec-form array of an instruction, or undefined when it is in shell form. */
function execForm(ins: Instruction, content: string): string[] | undefined {
  return ins instanceof JSONInstruction ? jsonArray(content) : undefined;
}

/** COPY/ADD paths: the JSON form when the arguments parse as a JSON array of strings, else the words. */
function pathArguments(ins: Instruction, content: string): string[] | undefined {
  const json = jsonArray(content);
  if (json) return json;
  const words = ins.getArguments().map((a) => a.getValue());
  return words.some((w) => /["']/.test(w)) ? undefined : words;
}

/** A JSON array of strings as BuildKit reads the exec form, or undefined. */
function jsonArray(text: string): string[] | undefined {
  const t = text.trim();
  if (!t.startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(t);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/** A property's value with quotes and escapes removed, or undefined when it has none. */
function propertyValue(p: Property): string | undefined {
  return p.getValue() ?? undefined;
}

function typed(instruction: DistributiveOmit<ImportedInstruction, 'line' | 'comments'>): InstructionImport {
  return { kind: 'typed', instruction };
}

function raw(reason: string): InstructionImport {
  return { kind: 'raw', reason };
}

function rawOrUnsupported(ctx: InstructionContext, reason: string): InstructionImport {
  return ctx.heredoc ? { kind: 'unsupported', reason: `${reason}, and a heredoc cannot be a raw line` } : raw(reason);
}
