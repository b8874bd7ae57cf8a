import { describe, expect, test } from 'vitest';
import type { DockerfileArgument, DockerfileFlag, DockerfileString, DockerfileInstruction, DockerfileKeyword, DockerfileLine } from '../../src/dockerfile/ir';
import { printDockerfile } from '../../src/dockerfile/printer';

function ins(
  keyword: DockerfileKeyword, flags: DockerfileFlag[], args: DockerfileArgument[], heredoc?: { delimiter: string; lines: string[] },
): DockerfileInstruction {
  return { kind: 'instruction', keyword, flags, args, heredoc };
}
const tok = (text: string): DockerfileArgument => ({ kind: 'token', text });
const flag = (name: string, value: string): DockerfileFlag => ({ kind: 'value', name, value });

describe('printDockerfile', () => {
  test.each<[string, DockerfileLine[], string[]]>([
    ['nothing: a lone newline', [], ['', '']],
    ['a blank line', [{ kind: 'blank' }], ['', '']],
    ['a comment', [{ kind: 'comment', text: 'hello' }], ['# hello', '']],
    ['an empty comment', [{ kind: 'comment', text: '' }], ['#', '']],
    ['an instruction without flags', [ins('WORKDIR', [], [{ kind: 'string', text: '/src', quote: 'when-needed' }])], ['WORKDIR /src', '']],
    ['a word that needs quotes', [ins('WORKDIR', [], [{ kind: 'string', text: '/my $dir', quote: 'when-needed' }])], ['WORKDIR "/my \\$dir"', '']],
    ['a word starting with "-" is quoted', [ins('WORKDIR', [], [{ kind: 'string', text: '-x', quote: 'when-needed' }])], ['WORKDIR "-x"', '']],
    ['an instruction without arguments', [ins('ONBUILD', [], [])], ['ONBUILD', '']],
    ['one switch on the instruction line', [ins('COPY', [{ kind: 'switch', name: 'link' }], [{ kind: 'paths', paths: ['a', '/b/'] }])], ['COPY --link a /b/', '']],
    ['awkward paths as JSON', [ins('COPY', [], [{ kind: 'paths', paths: ['my file', '/b/'] }])], ['COPY ["my file", "/b/"]', '']],
    [
      'two or more flags, each on its own continuation line',
      [ins('COPY', [flag('from', 'build'), { kind: 'switch', name: 'link' }, flag('chown', '1:1')], [{ kind: 'paths', paths: ['/out/x', '/usr/x'] }])],
      ['COPY --from=build \\', '    --link \\', '    --chown=1:1 \\', '    /out/x /usr/x', ''],
    ],
    [
      'assignments, quoted always or when needed',
      [ins('ENV', [], [{ kind: 'assignment', name: { kind: 'string', text: 'A', quote: 'when-needed' }, value: { kind: 'string', text: 'say "hi" $X', quote: 'always' } }])],
      ['ENV A="say \\"hi\\" \\$X"', ''],
    ],
    ['exec form', [ins('CMD', [], [{ kind: 'exec', argv: ['/app', 'a "b"'] }])], ['CMD ["/app", "a \\"b\\""]', '']],
    [
      'a typed mount',
      [ins('RUN', [{ kind: 'mount', mount: { type: 'cache', target: '/c', sharing: 'locked', readOnly: false, uid: 0 } }], [{ kind: 'shell', command: 'make' }])],
      ['RUN --mount=type=cache,target=/c,sharing=locked,uid=0 make', ''],
    ],
    ['a heredoc without flags', [ins('RUN', [], [], { delimiter: 'EOF', lines: ['set -eu', 'a', 'b'] })], ['RUN <<"EOF"', 'set -eu', 'a', 'b', 'EOF', '']],
    ['a heredoc after one flag', [ins('RUN', [flag('network', 'none')], [], { delimiter: 'EOF_1', lines: ['E'] })], ['RUN --network=none <<"EOF_1"', 'E', 'EOF_1', '']],
    [
      'lines in order',
      [ins('ARG', [], [{ kind: 'assignment', name: { kind: 'string', text: 'A', quote: 'when-needed' }, value: { kind: 'string', text: '1', quote: 'when-needed' } }]),
        { kind: 'blank' }, ins('FROM', [], [tok('${A}'), tok('AS'), tok('x')]), ins('USER', [], [tok('0:0')])],
      ['ARG A=1', '', 'FROM ${A} AS x', 'USER 0:0', ''],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(printDockerfile(lines)).toBe(expected.join('\n'));
  });
});

describe('printDockerfile refuses values that could break out of their place (internal errors)', () => {
  const string = (text: string): DockerfileString => ({ kind: 'string', text, quote: 'always' });
  test.each<[string, DockerfileLine, string]>([
    ['a line feed in a quoted string', ins('ENV', [], [{ kind: 'assignment', name: string('A'), value: string('a\nUSER 0') }]), 'string'],
    ['a carriage return in a string', ins('WORKDIR', [], [string('/a\r')]), 'string'],
    ['a NUL in exec form', ins('CMD', [], [{ kind: 'exec', argv: ['a\u0000'] }]), 'exec-form argument'],
    ['a shell command ending in backslash-space', ins('RUN', [], [{ kind: 'shell', command: 'echo \\ ' }]), 'shell-form command'],
    ['a shell command starting a heredoc', ins('RUN', [], [{ kind: 'shell', command: 'cat <<X' }]), 'shell-form command'],
    ['a shell command starting with --', ins('RUN', [], [{ kind: 'shell', command: '--security=insecure id' }]), 'shell-form command'],
    ['a shell command starting with [', ins('RUN', [], [{ kind: 'shell', command: '["sh"]' }]), 'shell-form command'],
    ['a shell command with leading blanks', ins('RUN', [], [{ kind: 'shell', command: ' make' }]), 'shell-form command'],
    ['a path starting with -', ins('COPY', [], [{ kind: 'paths', paths: ['--from=x', '/y'] }]), 'path'],
    ['an empty path', ins('COPY', [], [{ kind: 'paths', paths: ['', '/y'] }]), 'path'],
    ['a token with a space', ins('USER', [], [tok('0 0')]), 'token'],
    ['a token starting with -', ins('USER', [], [tok('-1')]), 'token'],
    ['a flag value with a space', ins('COPY', [flag('chown', '1 --from=x')], [{ kind: 'paths', paths: ['a', '/b'] }]), '--chown value'],
    ['a mount value with a comma', ins('RUN', [{ kind: 'mount', mount: { type: 'tmpfs', target: '/t,readonly' } }], [{ kind: 'shell', command: 'x' }]), 'mount option target'],
    ['a heredoc line holding the delimiter', ins('RUN', [], [], { delimiter: 'EOF', lines: ['EOF\r'] }), 'heredoc line'],
    ['a heredoc line that contains the delimiter', ins('RUN', [], [], { delimiter: 'EOF', lines: ['xEOF'] }), 'heredoc line holding the delimiter EOF'],
    ['a raw text ending in backslash', ins('ONBUILD', [], [{ kind: 'raw', text: 'RUN echo \\' }]), 'raw line'],
    ['an unknown keyword', ins('EVIL' as DockerfileKeyword, [], []), 'keyword'],
    ['a comment with a line break', { kind: 'comment', text: 'a\nRUN id' }, 'comment'],
    ['a line longer than 64 KiB', ins('RUN', [], [{ kind: 'shell', command: 'x'.repeat(70_000) }]), 'line longer than 65535 bytes'],
  ])('%s', (_name, line, what) => {
    expect(() => printDockerfile([line])).toThrow(new RegExp(`^internal error: the Dockerfile printer refuses ${what.replace(/[\\[\]()*+?.^$|{}-]/g, '\\$&')} `));
  });
});
