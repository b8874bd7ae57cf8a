/**
 * Reads a generated Dockerfile the way BuildKit does, through `dockerfile-ast`.
 *
 * dockerfile-ast splits lines at a lone `\r` as well; BuildKit's scanner splits at `\n` only and drops one `\r` before
 * it. The text is normalised to BuildKit's view first (`\r\n` → `\n`, a lone `\r` → `␍`), which
 * `dockerfile-ast-vs-engine.test.ts` checks against the real engine together with the other tricky cases.
 *
 * dockerfile-ast also applies line continuations inside heredoc bodies (a body line ending in `\ ` swallows the
 * terminator); BuildKit reads bodies raw. Heredoc bodies are therefore cut out here first (BuildKit's rules: `<<NAME`,
 * `<<-NAME`, quoted names, on RUN/COPY/ADD lines; the body ends at a line equal to the name) and replaced by neutral
 * lines before dockerfile-ast sees the text.
 */
import { DockerfileParser, Instruction } from 'dockerfile-ast';

/** One instruction as BuildKit would see it. */
export interface ReadInstruction {
  readonly keyword: string;
  /** Flag names in order, e.g. `['mount', 'network']`. */
  readonly flags: readonly string[];
  /** Flag values in order (null for a bare flag). */
  readonly flagValues: ReadonlyArray<string | null>;
  /** The arguments after line continuations and comment lines are removed (heredoc bodies included). */
  readonly content: string;
  /**
   * The arguments as BuildKit hands a shell-form RUN to the shell: continuation lines joined (backslash, blanks and
   * the line end removed, comment lines inside dropped), nothing else unescaped (dockerfile-ast's `content` also
   * removes a backslash before a blank mid-line, which BuildKit keeps).
   */
  readonly raw: string;
  /** Heredoc bodies (lines between the opening line and the terminator), in order. */
  readonly heredocBodies: readonly string[];
}

/** A stage: its FROM and the instructions up to the next FROM. */
export interface ReadStage {
  readonly from: ReadInstruction;
  readonly instructions: readonly ReadInstruction[];
}

/** A whole Dockerfile. */
export interface ReadDockerfile {
  /** Parser directives (`# syntax=…`, `# escape=…`) as `name=value`. */
  readonly directives: readonly string[];
  /** Instructions before the first FROM. */
  readonly globals: readonly ReadInstruction[];
  readonly stages: readonly ReadStage[];
}

/** The text BuildKit's line scanner sees, in a form dockerfile-ast splits identically. */
export function asBuildKitSees(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/\r/g, '\u240d');
}

/** Parses `text` into stages and instructions. */
export function readDockerfile(text: string): ReadDockerfile {
  const { masked, bodies } = cutHeredocs(asBuildKitSees(text).split('\n'));
  const parsed = DockerfileParser.parse(masked.join('\n'));
  const globals: ReadInstruction[] = [];
  const stages: Array<{ from: ReadInstruction; instructions: ReadInstruction[] }> = [];
  for (const instruction of parsed.getInstructions()) {
    const read = readInstruction(instruction, bodies, masked, parsed.getEscapeCharacter());
    if (read.keyword === 'FROM') stages.push({ from: read, instructions: [] });
    else if (stages.length === 0) globals.push(read);
    else stages[stages.length - 1].instructions.push(read);
  }
  return {
    directives: parsed.getDirectives().map((d) => `${d.getName()}=${d.getValue()}`),
    globals,
    stages,
  };
}

function readInstruction(instruction: Instruction, bodies: ReadonlyMap<number, string[]>, lines: readonly string[], escape: string): ReadInstruction {
  const withFlags = instruction as Instruction & { getFlags?: () => Array<{ getName(): string; getValue(): string | null }> };
  const flags = typeof withFlags.getFlags === 'function' ? withFlags.getFlags() : [];
  const heredocBodies = (bodies.get(instruction.getRange().start.line) ?? []).map(restoreCr);
  return {
    keyword: instruction.getKeyword(),
    flags: flags.map((f) => f.getName()),
    flagValues: flags.map((f) => f.getValue()),
    content: restoreCr(instruction.getArgumentsContent() ?? ''),
    raw: restoreCr(rawArguments(instruction, lines, escape)),
    heredocBodies,
  };
}

/** The shape of a Dockerfile: instruction keywords with their flag names, per stage. */
export function shapeOf(file: ReadDockerfile): string[] {
  const show = (i: ReadInstruction) => [i.keyword, ...i.flags.map((f) => `--${f}`)].join(' ');
  return [
    ...file.globals.map(show),
    ...file.stages.flatMap((s) => [show(s.from), ...s.instructions.map(show)]),
  ];
}

/** The argument of the last USER of a stage (undefined: none). */
export function finalUser(stage: ReadStage): string | undefined {
  const users = stage.instructions.filter((i) => i.keyword === 'USER');
  return users.length === 0 ? undefined : users[users.length - 1].content;
}

/** The script a RUN executes: its heredoc body (without a leading `set -eu`), or its shell-form text. */
export function runScript(run: ReadInstruction): string {
  if (run.heredocBodies.length > 0) {
    return run.heredocBodies.join('\n').replace(/^set -eu\n/, '');
  }
  return run.raw;
}

/** The instruction's own text (dockerfile-ast's raw content also drops a backslash before a blank mid-line). */
function rawArguments(instruction: Instruction, lines: readonly string[], escape: string): string {
  const range = instruction.getRange();
  const text = lines.slice(range.start.line, range.end.line + 1).join('\n');
  const e = escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const joined = text.replace(new RegExp(`${e}[ \\t]*\\n(?:[ \\t]*(?:#[^\\n]*)?\\n)*`, 'g'), '').replace(new RegExp(`${e}[ \\t]*$`), '');
  // drop the keyword and the flags: everything up to the first word that is not a flag
  return joined.replace(/^\s*[A-Za-z]+\s*/, '').replace(/^(?:--\S*\s+)*/, '').trim();
}

/**
 * The words of a BuildKit key=value / shell-form argument list, unquoted the way BuildKit's shell lexer does it:
 * double quotes (backslash escapes `"`, `$`, `\`), single quotes (literal), backslash outside quotes. `$` that would
 * expand (unescaped, outside single quotes) is reported as `expands`.
 */
export function buildKitWords(content: string): { words: string[]; expands: boolean } {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let expands = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === '\\') {
      if (i + 1 < content.length) current += content[++i];
    } else if (c === "'") {
      const end = content.indexOf("'", i + 1);
      const stop = end === -1 ? content.length : end;
      current += content.slice(i + 1, stop);
      i = stop;
    } else if (c === '"') {
      i++;
      while (i < content.length && content[i] !== '"') {
        if (content[i] === '\\' && i + 1 < content.length && ['"', '$', '\\'].includes(content[i + 1])) {
          current += content[i + 1];
          i += 2;
          continue;
        }
        if (content[i] === '$' && expansionStarts(content, i)) expands = true;
        current += content[i];
        i++;
      }
    } else {
      if (c === '$' && expansionStarts(content, i)) expands = true;
      current += c;
    }
  }
  if (inWord) words.push(current);
  return { words, expands };
}

/** Whether the `$` at `i` starts a variable reference (`${…}` or `$name`) for BuildKit's lexer. */
function expansionStarts(content: string, i: number): boolean {
  return /[{A-Za-z0-9_]/.test(content[i + 1] ?? '');
}

/** Body lines are replaced by this neutral line for dockerfile-ast. */
const MASK = 'heredoc-body-line';

/**
 * Cuts heredoc bodies out of `lines` as BuildKit reads them: returns the lines with every body line masked, and the
 * bodies per instruction (keyed by the instruction's first line).
 */
export function cutHeredocs(lines: readonly string[]): { masked: string[]; bodies: Map<number, string[]> } {
  const masked = [...lines];
  const bodies = new Map<number, string[]>();
  let i = 0;
  while (i < lines.length) {
    if (/^\s*(#|$)/.test(lines[i])) {
      i++;
      continue;
    }
    // the logical line: physical lines joined by a trailing backslash (comment and empty lines inside are skipped)
    let j = i;
    const parts = [lines[i]];
    while (/\\[ \t]*$/.test(lines[j]) && j + 1 < lines.length) {
      j++;
      parts.push(lines[j]);
    }
    const keyword = /^\s*([A-Za-z]+)/.exec(lines[i])?.[1]?.toUpperCase();
    const names = ['RUN', 'COPY', 'ADD'].includes(keyword ?? '')
      ? [...parts.join(' ').matchAll(/(?:^|\s)\d*<<(-?)(["']?)([^\s"'<>]+)\2(?=\s|$)/g)].map((m) => ({ dash: m[1] === '-', name: m[3] }))
      : [];
    let k = j + 1;
    if (names.length > 0) {
      const found: string[] = [];
      for (const { dash, name } of names) {
        const body: string[] = [];
        while (k < lines.length && (dash ? lines[k].replace(/^\t+/, '') : lines[k]) !== name) {
          body.push(lines[k]);
          masked[k] = MASK;
          k++;
        }
        found.push(body.join('\n'));
        k++;
      }
      bodies.set(i, found);
    }
    i = k;
  }
  return { masked, bodies };
}

/** Puts back the lone carriage returns {@link asBuildKitSees} hid from dockerfile-ast. */
function restoreCr(text: string): string {
  return text.replace(/\u240d/g, '\r');
}
