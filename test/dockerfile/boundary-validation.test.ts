/**
 * The Dockerfile boundary in validation: each class of value that could break out of its place in a Dockerfile is
 * rejected with the path of the instruction and a message saying what to change; untyped input is reported, never
 * met as a TypeError.
 */
import { describe, expect, test } from 'vitest';
import { DockerfileSyntax, ImageSource, Mount, Stage } from '../../src';
import { newPipeline, PIPELINE_PATH, synthFiles, validationErrorOf } from '../synth/pipeline-fixture';

const I0 = `${PIPELINE_PATH}/app/image/instruction.0`;

/** The errors (path and message) synthesis reports for one image configured by `configure`. */
function errorsOf(configure: (image: Stage) => void): Array<{ path: string; message: string }> {
  const { project, containers } = newPipeline({ dockerfileSyntax: DockerfileSyntax.omit() });
  configure(containers.addFamily('app', { dockerfile: 'Dockerfile' }).addImage('image', { from: ImageSource.scratch() }));
  return validationErrorOf(() => synthFiles(project))._diagnostics.map(({ path, message }) => ({ path, message }));
}

const any = (x: unknown) => x as any;

describe('rejected with the instruction path', () => {
  test.each<[string, (i: Stage) => void, string]>([
    // line breaks and control characters
    ['LF in a RUN command', (i) => i.run(['echo hi\nUSER 0']), 'RUN command "echo hi\\nUSER 0" contains a line break; pass each line as its own command'],
    ['CR in a heredoc line', (i) => i.run(['a', 'EOF\r']), 'RUN command "EOF\\r" contains a line break (CR); pass each line as its own command'],
    ['a control character in a RUN command', (i) => i.run(['echo \u001b[1m']), 'RUN command "echo \\u001b[1m" contains the control character U+001B; pass each line as its own command'],
    ['NUL in an ENV value', (i) => i.env({ A: 'a\u0000' }), 'ENV A value "a\\u0000" contains a line break or NUL character'],
    ['DEL in a WORKDIR', (i) => i.workdir('/a\u007f'), 'WORKDIR "/a\u007f" contains the control character U+007F; remove it'],
    // continuation and flags
    ['RUN ending in backslash-space', (i) => i.run(['echo hi \\ ']), 'RUN command "echo hi \\\\ " ends with a backslash, which would join it to the next line; remove it or write the command on one line'],
    ['RUN ending in backslash-tab', (i) => i.run(['a', 'b \\\t']), 'RUN command "b \\\\\\t" ends with a backslash, which would join it to the next line; remove it or write the command on one line'],
    ['RUN starting with --', (i) => i.run(['--security=insecure id']), 'RUN command "--security=insecure id" starts with "-", which would be read as a RUN flag; start with the program to run (use the mounts and network options for flags)'],
    // COPY/ADD paths
    ['an empty COPY source', (i) => i.copy([''], '/a'), 'COPY source "" must not be empty'],
    ['a COPY source starting with -', (i) => i.copy(['--from=evil'], '/a'), 'COPY source "--from=evil" must not start with "-" (it would be read as a flag); prefix it with "./"'],
    ['a COPY source leaving the context', (i) => i.copy(['a/../../b'], '/a'), 'COPY source "a/../../b" must stay inside the build context; remove the ".." segments'],
    ['an absolute COPY source', (i) => i.copy(['/etc/passwd'], '/a'), 'COPY source "/etc/passwd" must be relative to the build context, not absolute; drop the leading "/"'],
    ['a COPY source with $', (i) => i.copy(['$HOME/x'], '/a'), 'COPY source "$HOME/x" must not contain "$" or "\\": paths are literal, variables are not expanded'],
    ['a COPY destination starting with -', (i) => i.copy(['a'], '-x'), 'COPY destination "-x" must not start with "-" (it would be read as a flag); prefix it with "./"'],
    ['an ADD destination with a backslash', (i) => i.add('https://example.com/a', 'C:\\a', { checksum: `sha256:${'a'.repeat(64)}` }), 'ADD destination "C:\\\\a" must not contain "$" or "\\": paths are literal, variables are not expanded'],
    // mounts
    ['a bind-mount source with ..', (i) => i.run(['make'], { mounts: [Mount.bind({ target: '/s', source: '../..' })] }), 'bind mount source "../.." must stay inside the build context; remove the ".." segments'],
    ['an absolute bind-mount source', (i) => i.run(['make'], { mounts: [Mount.bind({ target: '/s', source: '/etc' })] }), 'bind mount source "/etc" must be relative to the build context, not absolute; drop the leading "/"'],
    ['a mount value with =', (i) => i.run(['make'], { mounts: [Mount.cache({ target: '/c', id: 'a=b' })] }), 'cache mount option "id" has an invalid value "a=b": use only letters, digits and "._-/:@%+"'],
    ['a mount value with a quote', (i) => i.run(['make'], { mounts: [Mount.cache({ target: '/c"' })] }), 'cache mount option "target" has an invalid value "/c\\"": no commas, quotes or whitespace'],
    ['a uid above 2^31-1', (i) => i.run(['make'], { mounts: [Mount.secret({ id: 's', uid: 2 ** 31 })] }), 'secret mount option "uid" must be an integer from 0 to 2147483647, got 2147483648'],
    // numbers, signals, keys, users
    ['port 0', (i) => i.expose(0), 'EXPOSE port must be an integer from 1 to 65535, got 0'],
    ['a NaN port', (i) => i.expose(NaN), 'EXPOSE port must be an integer from 1 to 65535, got NaN'],
    ['a zero healthcheck interval', (i) => i.healthcheck({ command: ['/a'], intervalSeconds: 0 }), 'HEALTHCHECK intervalSeconds must be an integer from 1 to 2147483647, got 0'],
    ['a fractional retries', (i) => i.healthcheck({ command: ['/a'], retries: 1.5 }), 'HEALTHCHECK retries must be an integer from 1 to 2147483647, got 1.5'],
    ['an unknown signal', (i) => i.stopSignal('SIGFOO'), 'STOPSIGNAL "SIGFOO" must be a signal name such as SIGTERM or a number from 1 to 64'],
    ['signal 65', (i) => i.stopSignal('65'), 'STOPSIGNAL "65" must be a signal name such as SIGTERM or a number from 1 to 64'],
    ['a LABEL key with a space', (i) => i.label({ 'a b': 'x' }), 'LABEL key "a b" must be letters and digits separated by ".", "-", "_" or "/", e.g. "com.example.team"'],
    ['an empty ENV', (i) => i.env({}), 'ENV needs at least one variable'],
    ['a USER id above 2^31-1', (i) => i.user('2147483648'), 'USER "2147483648" must use ids from 0 to 2147483647'],
    // raw lines
    ['a raw FROM', (i) => i.addRawLine('FROM evil AS image'), 'raw line must not be a FROM: stages are declared with addStage() or addImage()'],
    ['a raw heredoc', (i) => i.addRawLine('RUN <<X'), 'raw line "RUN <<X" contains "<<", which would start a heredoc; use run() for scripts'],
    ['a raw line ending in backslash-space', (i) => i.addRawLine('RUN a \\ '), 'raw line "RUN a \\\\ " ends with a backslash, which would join the next generated line; remove it'],
    ['a raw parser directive', (i) => i.addRawLine('# syntax=evil'), 'raw line "# syntax=evil" must start with an uppercase Dockerfile keyword other than FROM (ADD, ARG, CMD, COPY, ENTRYPOINT, ENV, EXPOSE, '
      + 'HEALTHCHECK, LABEL, MAINTAINER, ONBUILD, RUN, SHELL, STOPSIGNAL, USER, VOLUME, WORKDIR)'],
    // the 64 KiB line limit
    ['a line over 64 KiB', (i) => i.env({ A: 'x'.repeat(70_000) }), 'ENV: the instruction would print a line of 70008 bytes, more than the 65535 BuildKit reads; split it (several commands, a script file copied into the image, fewer values per instruction)'],
    // untyped input
    ['run(undefined)', (i) => i.run(any(undefined)), 'RUN commands must be an array of strings, got undefined'],
    ['run("x")', (i) => i.run(any('x')), 'RUN commands must be an array of strings, got "x"'],
    ['copy(null, 5)', (i) => i.copy(any(null), any(5)), 'COPY sources must be an array of strings, got null'],
    ['expose("80")', (i) => i.expose(any('80')), 'EXPOSE port must be a number, got "80"'],
    ['Mount.cache(undefined)', (i) => i.run(['a'], { mounts: [Mount.cache(any(undefined))] }), 'cache mount options must be an object, got undefined'],
    ['a mount that is not a Mount', (i) => i.run(['a'], { mounts: [any({ type: 'cache' })] }), 'RUN mounts[0] must be a Mount (Mount.cache(), Mount.bind(), …), got an object'],
    ['healthcheck(undefined)', (i) => i.healthcheck(any(undefined)), 'HEALTHCHECK options must be an object, got undefined'],
  ])('%s', (_name, configure, message) => {
    expect(errorsOf(configure)).toContainEqual({ path: I0, message });
  });
});

describe('accepted and written safely', () => {
  test('normalised COPY sources, a glob, and a literal $ in an ENV value', () => {
    const { project, containers } = newPipeline({ dockerfileSyntax: DockerfileSyntax.omit() });
    const image = containers.addFamily('app', { dockerfile: 'Dockerfile' }).addImage('image', { from: ImageSource.scratch() });
    image.copy(['./a//b/', 'src/*.c'], '/dst/', { link: false });
    image.env({ A: '$HOME' });
    const files = synthFiles(project);
    expect(files.Dockerfile).toContain('COPY a/b src/*.c /dst/\n');
    expect(files.Dockerfile).toContain('ENV A="\\$HOME"\n');
    expect(files['.dockerignore']).toContain('!a/b\n');
  });
});
