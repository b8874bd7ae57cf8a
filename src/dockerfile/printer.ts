import type { DockerfileInstruction, DockerfileLine } from './ir';

/**
 * Prints Dockerfile lines: one instruction per line; when an instruction has two or more flags, each flag goes on its
 * own continuation line so diffs stay readable. Ends with a newline.
 * @internal
 */
export function printDockerfile(lines: readonly DockerfileLine[]): string {
  const out: string[] = [];
  for (const line of lines) {
    switch (line.kind) {
      case 'blank':
        out.push('');
        break;
      case 'comment':
        out.push(line.text.length > 0 ? `# ${line.text}` : '#');
        break;
      case 'instruction':
        out.push(...printInstruction(line));
        break;
    }
  }
  return out.join('\n') + '\n';
}

function printInstruction(ins: DockerfileInstruction): string[] {
  const tail = [ins.args, ins.heredoc ? `<<"${ins.heredoc.delimiter}"` : ''].filter((s) => s.length > 0).join(' ');
  const lines: string[] = [];
  if (ins.flags.length >= 2) {
    lines.push(`${ins.keyword} ${ins.flags[0]} \\`);
    for (const flag of ins.flags.slice(1)) {
      lines.push(`    ${flag} \\`);
    }
    lines.push(`    ${tail}`);
  } else {
    lines.push([ins.keyword, ...ins.flags, tail].filter((s) => s.length > 0).join(' '));
  }
  if (ins.heredoc) {
    lines.push(...ins.heredoc.lines, ins.heredoc.delimiter);
  }
  return lines;
}
