import { CONTROL_CHARACTER, HEREDOC_START, MAX_LINE_BYTES, TRAILING_CONTINUATION, lineBytes, oneLineShellHazard } from './hazards';
import { DOCKERFILE_KEYWORDS, DockerfileArgument, DockerfileFlag, DockerfileHeredoc, DockerfileInstruction, DockerfileLine } from './ir';
import { mountOptions } from './mount-spec';
import { dockerfileQuote, dockerfileWord, execForm, pathList } from './quote';

/** Words of the generator's own grammar (keywords, stage names, numbers, `${VAR}` references). */
const TOKEN = /^[A-Za-z0-9_.:/@%+=,${}][A-Za-z0-9_.:/@%+=,${}-]*$/;
/** Flag names. */
const FLAG_NAME = /^[a-z][a-z-]*$/;
/** Flag values and mount option values: no whitespace, quotes, commas or backslashes. */
const FLAG_VALUE = /^[A-Za-z0-9_.:/@%+=${}-]+$/;
const MOUNT_VALUE = /^[A-Za-z0-9_.:/@%+${}-]+$/;
/** Heredoc delimiters. */
const DELIMITER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Prints Dockerfile lines: one instruction per line; when an instruction has two or more flags, each flag goes on its
 * own continuation line so diffs stay readable. Ends with a newline.
 *
 * This is the only place that quotes. It throws an `internal error:` for any leaf that could end or continue a line,
 * end a heredoc, or start a flag where a positional value belongs: validation rejects such input with its construct
 * path, so reaching one here means a value got past validation.
 * @internal
 */
export function printDockerfile(lines: readonly DockerfileLine[]): string {
  const out = printedLines(lines);
  for (const l of out) refuseIf(lineBytes(l) > MAX_LINE_BYTES, `line longer than ${MAX_LINE_BYTES} bytes`, l.slice(0, 60));
  return out.join('\n') + '\n';
}

/**
 * The printed lines, without the final length check (validation measures them to report an overlong line with its
 * construct path).
 * @internal
 */
export function printedLines(lines: readonly DockerfileLine[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    switch (line.kind) {
      case 'blank':
        out.push('');
        break;
      case 'comment':
        refuseIf(CONTROL_CHARACTER.test(line.text) || TRAILING_CONTINUATION.test(line.text), 'comment', line.text);
        out.push(line.text.length > 0 ? `# ${line.text}` : '#');
        break;
      case 'instruction':
        out.push(...printInstruction(line));
        break;
    }
  }
  return out;
}

function printInstruction(ins: DockerfileInstruction): string[] {
  refuseIf(!(DOCKERFILE_KEYWORDS as readonly string[]).includes(ins.keyword), 'keyword', ins.keyword);
  const flags = ins.flags.map(printFlag);
  const tail = [...ins.args.map(printArgument), ...(ins.heredoc ? [`<<"${checkedDelimiter(ins.heredoc)}"`] : [])].join(' ');
  const lines: string[] = [];
  if (flags.length >= 2) {
    lines.push(`${ins.keyword} ${flags[0]} \\`);
    for (const flag of flags.slice(1)) lines.push(`    ${flag} \\`);
    lines.push(`    ${tail}`);
  } else {
    lines.push([ins.keyword, ...flags, tail].filter((s) => s.length > 0).join(' '));
  }
  if (ins.heredoc) lines.push(...ins.heredoc.lines, ins.heredoc.delimiter);
  return lines;
}

function printFlag(flag: DockerfileFlag): string {
  switch (flag.kind) {
    case 'switch':
      refuseIf(!FLAG_NAME.test(flag.name), 'flag name', flag.name);
      return `--${flag.name}`;
    case 'value':
      refuseIf(!FLAG_NAME.test(flag.name), 'flag name', flag.name);
      refuseIf(!FLAG_VALUE.test(flag.value), `--${flag.name} value`, flag.value);
      return `--${flag.name}=${flag.value}`;
    case 'mount': {
      const options = mountOptions(flag.mount);
      for (const [key, value] of options) refuseIf(!MOUNT_VALUE.test(value), `mount option ${key}`, value);
      return `--mount=${[`type=${flag.mount.type}`, ...options.map(([k, v]) => `${k}=${v}`)].join(',')}`;
    }
  }
}

function printArgument(arg: DockerfileArgument): string {
  switch (arg.kind) {
    case 'token':
      refuseIf(!TOKEN.test(arg.text), 'token', arg.text);
      return arg.text;
    case 'string':
      refuseIf(CONTROL_CHARACTER.test(arg.text), 'string', arg.text);
      return arg.quote === 'always' ? dockerfileQuote(arg.text) : dockerfileWord(arg.text);
    case 'assignment':
      return arg.value === undefined ? printArgument(arg.name) : `${printArgument(arg.name)}=${printArgument(arg.value)}`;
    case 'exec':
      for (const a of arg.argv) refuseIf(CONTROL_CHARACTER.test(a), 'exec-form argument', a);
      return execForm(arg.argv);
    case 'paths':
      for (const p of arg.paths) refuseIf(CONTROL_CHARACTER.test(p) || p.length === 0 || p.startsWith('-'), 'path', p);
      return pathList(arg.paths);
    case 'shell': {
      refuseIf(CONTROL_CHARACTER.test(arg.command) || oneLineShellHazard(arg.command) !== undefined, 'shell-form command', arg.command);
      return arg.command;
    }
    case 'raw':
      refuseIf(CONTROL_CHARACTER.test(arg.text) || TRAILING_CONTINUATION.test(arg.text) || HEREDOC_START.test(arg.text), 'raw line', arg.text);
      return arg.text;
  }
}

function checkedDelimiter(heredoc: DockerfileHeredoc): string {
  refuseIf(!DELIMITER.test(heredoc.delimiter), 'heredoc delimiter', heredoc.delimiter);
  for (const line of heredoc.lines) {
    refuseIf(CONTROL_CHARACTER.test(line), 'heredoc line', line);
    refuseIf(line.includes(heredoc.delimiter), `heredoc line holding the delimiter ${heredoc.delimiter}`, line);
  }
  return heredoc.delimiter;
}

function refuseIf(condition: boolean, what: string, value: string): void {
  if (condition) {
    throw new Error(`internal error: the Dockerfile printer refuses ${what} ${JSON.stringify(value)}; validation should have rejected it`);
  }
}
