import { describe, expect, test } from 'vitest';
import type { DockerfileInstruction, DockerfileLine } from '../../src/dockerfile/ir';
import { printDockerfile } from '../../src/dockerfile/printer';

function ins(keyword: string, flags: string[], args: string, heredoc?: { delimiter: string; lines: string[] }): DockerfileInstruction {
  return { kind: 'instruction', keyword, flags, args, heredoc };
}

describe('printDockerfile', () => {
  test.each<[string, DockerfileLine[], string[]]>([
    ['nothing: a lone newline', [], ['', '']],
    ['a blank line', [{ kind: 'blank' }], ['', '']],
    ['a comment', [{ kind: 'comment', text: 'hello' }], ['# hello', '']],
    ['an empty comment', [{ kind: 'comment', text: '' }], ['#', '']],
    ['an instruction without flags', [ins('WORKDIR', [], '/src')], ['WORKDIR /src', '']],
    ['an instruction without arguments', [ins('ONBUILD', [], '')], ['ONBUILD', '']],
    ['one flag on the instruction line', [ins('COPY', ['--link'], 'a /b/')], ['COPY --link a /b/', '']],
    [
      'two or more flags, each on its own continuation line',
      [ins('COPY', ['--from=build', '--link', '--chown=1:1'], '/out/x /usr/x')],
      ['COPY --from=build \\', '    --link \\', '    --chown=1:1 \\', '    /out/x /usr/x', ''],
    ],
    [
      'a heredoc without flags',
      [ins('RUN', [], '', { delimiter: 'EOF', lines: ['set -eu', 'a', 'b'] })],
      ['RUN <<"EOF"', 'set -eu', 'a', 'b', 'EOF', ''],
    ],
    [
      'a heredoc after one flag',
      [ins('RUN', ['--network=none'], '', { delimiter: 'EOF_1', lines: ['EOF'] })],
      ['RUN --network=none <<"EOF_1"', 'EOF', 'EOF_1', ''],
    ],
    [
      'a heredoc after continuation lines',
      [ins('RUN', ['--mount=type=cache,target=/a', '--mount=type=cache,target=/b'], '', { delimiter: 'EOF', lines: ['set -eu', 'x'] })],
      ['RUN --mount=type=cache,target=/a \\', '    --mount=type=cache,target=/b \\', '    <<"EOF"', 'set -eu', 'x', 'EOF', ''],
    ],
    [
      'lines in order',
      [ins('ARG', [], 'A=1'), { kind: 'blank' }, ins('FROM', [], '${A} AS x'), ins('USER', [], '0:0')],
      ['ARG A=1', '', 'FROM ${A} AS x', 'USER 0:0', ''],
    ],
  ])('%s', (_name, lines, expected) => {
    // WHEN printed THEN the text is exactly the expected lines, ending with one newline
    expect(printDockerfile(lines)).toBe(expected.join('\n'));
  });
});
