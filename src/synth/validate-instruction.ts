import { PipelineIndex } from './pipeline-index';
import { integer, MAX_ID, validateMount } from './validate-mount';
import { Diagnostics } from '../core/diagnostics';
import { isSecretLikeName, unsafeTextReason, VARIABLE_PATTERN } from '../core/names';
import { controlCharacter, HEREDOC_START, TRAILING_CONTINUATION } from '../dockerfile/hazards';
import { DOCKERFILE_KEYWORDS } from '../dockerfile/ir';
import { Image } from '../image/image';
import { literalPathProblem, normalizeContextPath } from '../stage/context-path';
import type { Instruction } from '../stage/instructions';
import { Stage } from '../stage/stage';

const OCTAL = /^0?[0-7]{3,4}$/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;
/** LABEL keys: reverse-DNS style, letters and digits separated by ".", "-", "_" or "/". */
const LABEL_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?$/;
/** Linux signal names, without `SIG`. */
const SIGNALS = ['ABRT', 'ALRM', 'BUS', 'CHLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR', 'QUIT',
  'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM', 'WINCH', 'XCPU', 'XFSZ'];

/** `SIGTERM`, `TERM`, `SIGRTMIN+3`, `SIGRTMAX-2` or a number from 1 to 64. */
function isSignal(signal: string): boolean {
  if (/^[1-9][0-9]?$/.test(signal)) return Number(signal) <= 64;
  const name = signal.replace(/^SIG/, '');
  return SIGNALS.includes(name) || /^RTM(?:IN|AX)(?:[+-](?:[1-9]|[1-2][0-9]|30))?$/.test(name);
}

/**
 * Validates one typed instruction of `stage` at `path`: every value against the grammar of its place in the
 * Dockerfile. Each message says what to change.
 * @internal
 */
export function validateInstruction(d: Diagnostics, index: PipelineIndex, stage: Stage, ins: Instruction, path: string): void {
  const text = (what: string, value: string) => dockerfileText(d, path, what, value);
  switch (ins.kind) {
    case 'arg':
      if (!VARIABLE_PATTERN.test(ins.name)) d.error(path, `ARG name "${ins.name}" must match [A-Za-z_][A-Za-z0-9_]*`);
      if (isSecretLikeName(ins.name)) d.error(path, `ARG "${ins.name}" looks like a secret; build arguments are recorded in the image history, use Mount.secret() instead`);
      if (ins.defaultValue !== undefined) text('ARG default', ins.defaultValue);
      break;
    case 'env':
      if (ins.variables.length === 0) d.error(path, 'ENV needs at least one variable');
      for (const [k, v] of ins.variables) {
        if (!VARIABLE_PATTERN.test(k)) d.error(path, `ENV name "${k}" must match [A-Za-z_][A-Za-z0-9_]*`);
        if (isSecretLikeName(k)) d.error(path, `ENV "${k}" looks like a secret; environment variables persist in the image, use Mount.secret() instead`);
        text(`ENV ${k} value`, v);
      }
      break;
    case 'label':
      if (ins.labels.length === 0) d.error(path, 'LABEL needs at least one label');
      for (const [k, v] of ins.labels) {
        if (!LABEL_KEY.test(k)) d.error(path, `LABEL key ${JSON.stringify(k)} must be letters and digits separated by ".", "-", "_" or "/", e.g. "com.example.team"`);
        text(`LABEL ${k} value`, v);
      }
      break;
    case 'run':
      if (ins.commands.length === 0 || ins.commands.some((c) => c.trim().length === 0)) d.error(path, 'RUN needs at least one non-empty command');
      for (const c of ins.commands) runCommand(d, path, c);
      for (const m of ins.mounts) validateMount(d, path, m);
      break;
    case 'copy': {
      if (ins.sources.length === 0) d.error(path, 'COPY needs at least one source');
      for (const src of ins.sources) {
        const problem = ins.from ? literalPathProblem(src) : reasonOf(normalizeContextPath(src));
        if (problem) d.error(path, `COPY source ${JSON.stringify(src)} ${problem}`);
        text('COPY source', src);
      }
      destination(d, path, 'COPY', ins.destination);
      if (ins.from && !Image.isImage(ins.from) && index.dockerfileOf(ins.from) !== index.dockerfileOf(stage)) {
        d.error(path, `COPY --from build stage "${ins.from.node.path}" is in another Dockerfile (${index.dockerfileOf(ins.from)}); only images can be copied from across Dockerfiles`);
      }
      owner(d, path, 'COPY', ins.chown, ins.chmod);
      break;
    }
    case 'add':
      if (!/^https:\/\/[^\s"'$\\]+$/.test(ins.url)) d.error(path, `ADD is only for remote https downloads, got ${JSON.stringify(ins.url)}; use copy() for local files (URLs without spaces, quotes, "$" or "\\")`);
      text('ADD url', ins.url);
      if (!SHA256.test(ins.checksum)) d.error(path, `ADD --checksum "${ins.checksum}" must be sha256:<64 lowercase hex>`);
      destination(d, path, 'ADD', ins.destination);
      owner(d, path, 'ADD', ins.chown, ins.chmod);
      break;
    case 'workdir':
      if (!ins.path.startsWith('/')) d.error(path, `WORKDIR "${ins.path}" must be absolute`);
      text('WORKDIR', ins.path);
      if (/[$\\]/.test(ins.path)) d.error(path, `WORKDIR ${JSON.stringify(ins.path)} must not contain "$" or "\\": paths are literal, variables are not expanded`);
      break;
    case 'user': {
      const problem = numericUserProblem(ins.user);
      if (problem) d.error(path, `USER ${JSON.stringify(ins.user)} ${problem}`);
      break;
    }
    case 'expose':
      integer(d, path, 'EXPOSE port', ins.port, 1, 65535);
      break;
    case 'healthcheck': {
      if (!ins.options) break;
      const o = ins.options;
      if (o.command.length === 0 || o.command[0].length === 0) d.error(path, 'HEALTHCHECK command is empty; give the program and its arguments, e.g. ["/app", "health"]');
      for (const a of o.command) text('HEALTHCHECK command argument', a);
      integer(d, path, 'HEALTHCHECK intervalSeconds', o.intervalSeconds, 1, MAX_ID);
      integer(d, path, 'HEALTHCHECK timeoutSeconds', o.timeoutSeconds, 1, MAX_ID);
      integer(d, path, 'HEALTHCHECK startPeriodSeconds', o.startPeriodSeconds, 0, MAX_ID);
      integer(d, path, 'HEALTHCHECK startIntervalSeconds', o.startIntervalSeconds, 1, MAX_ID);
      integer(d, path, 'HEALTHCHECK retries', o.retries, 1, MAX_ID);
      break;
    }
    case 'entrypoint':
    case 'cmd':
    case 'shell':
      if (ins.argv.length === 0 || ins.argv[0].length === 0) d.error(path, `${ins.kind.toUpperCase()} needs at least one argument, the program to run`);
      for (const a of ins.argv) text(`${ins.kind.toUpperCase()} argument`, a);
      break;
    case 'stopsignal':
      if (!isSignal(ins.signal)) d.error(path, `STOPSIGNAL ${JSON.stringify(ins.signal)} must be a signal name such as SIGTERM or a number from 1 to 64`);
      break;
    case 'raw':
      validateRawLine(d, path, ins.line);
      break;
  }
}

/**
 * One RUN command is one line of the generated script: no control characters (a line break would start a new
 * Dockerfile line or end the heredoc), no trailing backslash (it would join the next line) and no leading "-" (a flag
 * when the command is printed on the RUN line).
 */
function runCommand(d: Diagnostics, path: string, command: string): void {
  const shown = JSON.stringify(command.length > 80 ? `${command.slice(0, 80)}…` : command);
  const control = controlCharacter(command);
  if (control) d.error(path, `RUN command ${shown} contains ${control}; pass each line as its own command`);
  if (TRAILING_CONTINUATION.test(command)) d.error(path, `RUN command ${shown} ends with a backslash, which would join it to the next line; remove it or write the command on one line`);
  if (/^\s*-/.test(command)) d.error(path, `RUN command ${shown} starts with "-", which would be read as a RUN flag; start with the program to run (use the mounts and network options for flags)`);
  const reason = unsafeTextReason(command);
  if (reason && !control) d.error(path, `RUN command ${shown} ${reason}`);
}

function validateRawLine(d: Diagnostics, path: string, line: string): void {
  const keyword = /^\S*/.exec(line)![0];
  const control = controlCharacter(line);
  if (control) d.error(path, `raw line ${JSON.stringify(line)} contains ${control}; add one line per addRawLine() call`);
  if (TRAILING_CONTINUATION.test(line)) d.error(path, `raw line ${JSON.stringify(line)} ends with a backslash, which would join the next generated line; remove it`);
  if (HEREDOC_START.test(line)) d.error(path, `raw line ${JSON.stringify(line)} contains "<<", which would start a heredoc; use run() for scripts`);
  if (keyword === 'FROM') {d.error(path, 'raw line must not be a FROM: stages are declared with addStage() or addImage()');} else if (!(DOCKERFILE_KEYWORDS as readonly string[]).includes(keyword)) {
    d.error(path, `raw line ${JSON.stringify(line)} must start with an uppercase Dockerfile keyword other than FROM (${DOCKERFILE_KEYWORDS.filter((k) => k !== 'FROM').join(', ')})`);
  }
}

function destination(d: Diagnostics, path: string, what: string, value: string): void {
  const problem = literalPathProblem(value);
  if (problem) d.error(path, `${what} destination ${JSON.stringify(value)} ${problem}`);
  dockerfileText(d, path, `${what} destination`, value);
}

function owner(d: Diagnostics, path: string, what: string, chown: string | undefined, chmod: string | undefined): void {
  if (chown !== undefined && numericUserProblem(chown)) d.error(path, `${what} --chown "${chown}" must be a numeric uid[:gid]`);
  if (chmod !== undefined && !OCTAL.test(chmod)) d.error(path, `${what} --chmod "${chmod}" must be octal, e.g. ${what === 'ADD' ? '0644' : '0755'}`);
}

function reasonOf(result: { path: string } | { reason: string }): string | undefined {
  return 'reason' in result ? result.reason : undefined;
}

/**
 * Why `user` is not a numeric `uid[:gid]` with ids from 0 to 2³¹−1, or undefined.
 * @internal
 */
export function numericUserProblem(user: string): string | undefined {
  const m = /^(\d+)(?::(\d+))?$/.exec(user);
  if (!m) return 'must be a numeric uid[:gid]';
  if ([m[1], m[2]].some((id) => id !== undefined && Number(id) > MAX_ID)) return `must use ids from 0 to ${MAX_ID}`;
  return undefined;
}

/**
 * Reports a Dockerfile-bound string holding a control character (CR, LF, NUL, …; TAB is allowed).
 * @internal
 */
export function dockerfileText(d: Diagnostics, path: string, what: string, value: string): void {
  const reason = unsafeTextReason(value);
  if (reason && reason.includes('${{')) d.error(path, `${what} ${JSON.stringify(value)} ${reason}`);
  const control = controlCharacter(value);
  if (!control) return;
  const lineBreak = /[\r\n\0]/.test(value);
  d.error(path, lineBreak
    ? `${what} ${JSON.stringify(value)} contains a line break or NUL character`
    : `${what} ${JSON.stringify(value)} contains ${control}; remove it`);
}
