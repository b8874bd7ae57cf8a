import { DockerfileParser, Instruction, ModifiableInstruction, PropertyInstruction, Run } from 'dockerfile-ast';
import { argumentsOf, logicalLine } from '../../src/import/logical-line';
import { normalizeContextPath } from '../../src/stage/context-path';

/** One stage in normal form: its FROM and its instructions as comparable strings; its labels as one map. */
export interface NormalStage {
  readonly from: string;
  readonly instructions: string[];
  readonly labels: Map<string, string>;
}

const MOUNT_ALIASES: Record<string, string> = { dst: 'target', destination: 'target', src: 'source', ro: 'readonly', rw: 'readwrite' };

/**
 * A Dockerfile in normal form, to compare two files instruction by instruction: comments and parser directives
 * (`# syntax`, the generated-file marker) dropped; global ARGs substituted into FROM; flags sorted; mount options with
 * BuildKit's defaults filled in (cache `sharing=shared`, secret/ssh `required=false`); COPY paths unquoted and
 * build-context sources normalised; ENV and EXPOSE one entry per value; durations in seconds; heredoc and one-line
 * RUN both as their list of commands (blank lines and a leading `set -eu` dropped); a stage ARG without default given
 * the global default it inherits; LABELs merged per stage (later keys win).
 */
export function normalForm(text: string): NormalStage[] {
  const df = DockerfileParser.parse(text);
  const lines = text.split('\n');
  const globals = new Map<string, string>();
  const stages: NormalStage[] = [];
  for (const ins of df.getInstructions()) {
    const physical = lines.slice(ins.getRange().start.line, ins.getRange().end.line + 1);
    const content = argumentsOf(logicalLine(physical)).trim();
    const keyword = ins.getKeyword();
    const stage = stages[stages.length - 1];
    if (keyword === 'FROM') {
      const args = ins.getArguments().map((a) => a.getValue());
      const image = args[0].replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (m, name: string) => globals.get(name) ?? m);
      const platform = (ins as ModifiableInstruction).getFlags().find((f) => f.getName() === 'platform')?.getValue();
      stages.push({ from: `FROM${platform ? ` --platform=${platform}` : ''} ${image}`, instructions: [], labels: new Map() });
      continue;
    }
    if (!stage) {
      if (keyword === 'ARG') for (const p of (ins as PropertyInstruction).getProperties()) globals.set(p.getName(), p.getValue() ?? '');
      continue;
    }
    const flags = ins instanceof ModifiableInstruction ? ins.getFlags().map((f) => ({ name: f.getName(), value: f.getValue() })) : [];
    const flagText = (f: { name: string; value: string | null }) => (f.name === 'mount' ? `--mount=${mount(f.value ?? '')}` : `--${f.name}${f.value === null ? '' : `=${f.value}`}`);
    const flagsText = flags.map(flagText).sort().join(' ');
    switch (keyword) {
      case 'LABEL':
        for (const p of (ins as PropertyInstruction).getProperties()) stage.labels.set(p.getName(), p.getValue() ?? '');
        break;
      case 'ENV':
        for (const p of (ins as PropertyInstruction).getProperties()) stage.instructions.push(`ENV ${p.getName()}=${p.getValue()}`);
        break;
      case 'ARG':
        for (const p of (ins as PropertyInstruction).getProperties()) {
          const value = p.getValue() ?? (p.getAssignmentOperator() === null ? globals.get(p.getName()) : '');
          stage.instructions.push(`ARG ${p.getName()}${value === undefined ? '' : `=${value}`}`);
        }
        break;
      case 'EXPOSE':
        for (const a of ins.getArguments()) stage.instructions.push(`EXPOSE ${a.getValue().includes('/') ? a.getValue().toLowerCase() : `${a.getValue()}/tcp`}`);
        break;
      case 'RUN':
        stage.instructions.push(`RUN ${flagsText} ${JSON.stringify(runCommands(ins, lines, content))}`);
        break;
      case 'COPY':
      case 'ADD': {
        const paths = jsonArray(content) ?? ins.getArguments().map((a) => a.getValue());
        const from = flags.some((f) => f.name === 'from');
        const sources = paths.slice(0, -1).map((s) => {
          const n = from || keyword === 'ADD' ? undefined : normalizeContextPath(s);
          return n && 'path' in n ? n.path : s;
        });
        const linkless = flags.map((f) => (f.name === 'link' ? { name: 'link', value: null } : f));
        stage.instructions.push(`${keyword} ${linkless.map(flagText).sort().join(' ')} ${JSON.stringify([...sources, paths[paths.length - 1]])}`);
        break;
      }
      case 'HEALTHCHECK': {
        const seconds = flags.map((f) => (f.name === 'retries' ? flagText(f) : `--${f.name}=${durationSeconds(f.value ?? '')}s`)).sort().join(' ');
        const cmd = /^CMD\s+(\[[\s\S]*\])$/i.exec(content);
        stage.instructions.push(`HEALTHCHECK ${seconds} ${cmd ? JSON.stringify(jsonArray(cmd[1])) : content}`);
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT':
      case 'SHELL': {
        const argv = jsonArray(content);
        stage.instructions.push(`${keyword} ${argv ? JSON.stringify(argv) : content}`);
        break;
      }
      case 'USER':
        if (stage.instructions[stage.instructions.length - 1] !== `USER ${content}`) stage.instructions.push(`USER ${content}`);
        break;
      default:
        stage.instructions.push(`${keyword} ${flagsText} ${content}`.replace(/\s+/g, ' ').trim());
    }
  }
  return stages;
}

function runCommands(ins: Instruction, lines: readonly string[], content: string): string[] {
  const heredocs = ins instanceof Run ? ins.getHeredocs() : [];
  if (heredocs.length === 0) return [content];
  const range = heredocs[0].getContentRange();
  const body = range ? lines.slice(range.start.line, range.end.line + 1).filter((l) => l.trim().length > 0) : [];
  return body[0]?.trim() === 'set -eu' ? body.slice(1) : body;
}

function mount(value: string): string {
  const pairs = new Map(value.split(',').map((p) => {
    const eq = p.indexOf('=');
    const key = (eq < 0 ? p : p.slice(0, eq)).toLowerCase();
    return [MOUNT_ALIASES[key] ?? key, eq < 0 ? 'true' : p.slice(eq + 1)] as [string, string];
  }));
  const type = pairs.get('type') ?? 'bind';
  pairs.set('type', type);
  if (type === 'cache' && !pairs.has('sharing')) pairs.set('sharing', 'shared');
  if ((type === 'secret' || type === 'ssh') && !pairs.has('required')) pairs.set('required', 'false');
  return [...pairs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');
}

function durationSeconds(value: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  return m ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : NaN;
}

function jsonArray(text: string): string[] | undefined {
  if (!text.trim().startsWith('[')) return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}
