import type { MakeBlock, MakeCommand, Makefile, MakeLine, MakeRule } from './makefile-model';

/** Indentation of continuation lines of a wrapped command (make strips the first TAB; the shell ignores the rest). */
const CONTINUATION = ' \\\n\t\t';

/** Text that must not appear anywhere in a printed line. */
const LINE_BREAKING = /[\n\r\0]/;

/** Names of targets: anything without whitespace or characters make treats specially in a rule line. */
const TARGET = /^[^\s:;#$%|=\\]+$/;

/** Names of variables we assign or export (special variables like `.SHELLFLAGS` included). */
const VARIABLE = /^\.?[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Prints a Makefile: blocks separated by one blank line, `\n` line ends, a final newline.
 *
 * Rules print as an optional `# doc` comment, an optional `.PHONY: targets` line, then
 * `targets: prerequisites | order-only` and one TAB-indented line per recipe command. The output depends only on
 * the model, so printing is deterministic.
 *
 * @throws `internal error` if a line would break the structure of the file (newline, carriage return or NUL in any text,
 *   a comment ending with a backslash, an invalid target or variable name, a rule without targets)
 * @internal
 */
export function printMakefile(makefile: Makefile): string {
  return makefile.blocks.map(printBlock).join('\n\n') + '\n';
}

function printBlock(block: MakeBlock): string {
  return block.map(printLine).join('\n');
}

/** Prints one IR line (possibly several physical lines for rules). @internal */
export function printLine(line: MakeLine): string {
  switch (line.kind) {
    case 'comment':
      return printComment(line.text);
    case 'blank':
      return '';
    case 'assignment':
      checkVariable(line.name);
      return `${line.name} ${line.operator}${line.value === '' ? '' : ' ' + checkText(line.value)}`;
    case 'export':
      if (line.names.length === 0) {
        throw new Error('internal error: export needs at least one name (a bare `export` exports every variable)');
      }
      line.names.forEach(checkVariable);
      return `export ${line.names.join(' ')}`;
    case 'rule':
      return printRule(line);
    case 'directive':
      return checkText(line.text);
  }
}

function printComment(text: string): string {
  if (text.endsWith('\\')) {
    throw new Error(`internal error: comment ${JSON.stringify(text)} ends with a backslash, which would continue it onto the next line`);
  }
  return text === '' ? '#' : `# ${checkText(text)}`;
}

function printRule(rule: MakeRule): string {
  if (rule.targets.length === 0) {
    throw new Error('internal error: a rule needs at least one target');
  }
  [...rule.targets, ...rule.prerequisites, ...rule.orderOnly].forEach(checkTarget);
  const lines: string[] = [];
  if (rule.doc !== undefined) {
    lines.push(printComment(rule.doc));
  }
  if (rule.phony) {
    lines.push(`.PHONY: ${rule.targets.join(' ')}`);
  }
  let head = `${rule.targets.join(' ')}:`;
  if (rule.prerequisites.length > 0) {
    head += ` ${rule.prerequisites.join(' ')}`;
  }
  if (rule.orderOnly.length > 0) {
    head += ` | ${rule.orderOnly.join(' ')}`;
  }
  lines.push(head);
  lines.push(...rule.recipe.map(printCommand));
  return lines.join('\n');
}

/** Prints one recipe command, TAB-indented (continuation lines too). @internal */
export function printCommand(command: MakeCommand): string {
  if (command.words.length === 0) {
    throw new Error('internal error: a recipe command needs at least one word');
  }
  command.words.forEach(checkText);
  const prefix = command.silent ? '@' : '';
  return `\t${prefix}${command.words.join(command.wrap ? CONTINUATION : ' ')}`;
}

function checkText(text: string): string {
  if (LINE_BREAKING.test(text)) {
    throw new Error(`internal error: ${JSON.stringify(text)} contains a newline, carriage return or NUL and cannot be printed in a Makefile`);
  }
  return text;
}

function checkTarget(target: string): void {
  if (!TARGET.test(target)) {
    throw new Error(`internal error: ${JSON.stringify(target)} is not a valid make target name`);
  }
}

function checkVariable(name: string): void {
  if (!VARIABLE.test(name)) {
    throw new Error(`internal error: ${JSON.stringify(name)} is not a valid make variable name`);
  }
}
