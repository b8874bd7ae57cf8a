import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDockerfile } from '../../src/import/dockerfile-reader';
import { ImportError } from '../../src/import/import-error';
import type { ImportedInstruction } from '../../src/import/import-model';
import { readMountFlag } from '../../src/import/mount-flag';

/** The instructions of the only stage after `FROM base`. */
function instructions(body: string): ImportedInstruction[] {
  return readDockerfile(`FROM base\n${body}`).stages[0].instructions.map((i) => i);
}

describe('readDockerfile', () => {
  it('joins continuation lines and drops comment lines inside them, as BuildKit does', () => {
    expect(instructions('RUN apt-get update && \\\n    # a comment\n\n    apt-get install -y make\n')).toMatchObject([
      { kind: 'run', commands: ['apt-get update &&     apt-get install -y make'], line: 2 },
    ]);
  });

  it('keeps what a typed call would write differently as a raw line, one line long, with the reason', () => {
    const read = readDockerfile('FROM base\nENV PATH=/x:$PATH\nCOPY --from=alpine:3 /a \\\n  /b\nUSER app\nRUN ["sh", "-c", "true"]\nCOPY /etc/x /y\n');
    expect(read.stages[0].instructions.map((i) => (i.kind === 'raw' ? i.text : i.kind))).toEqual([
      'ENV PATH=/x:$PATH', 'COPY --from=alpine:3 /a   /b', 'USER app', 'RUN ["sh", "-c", "true"]', 'COPY /etc/x /y',
    ]);
    expect(read.warnings.map((w) => [w.line, /^kept as a raw line: (.*)$/.exec(w.message)?.[1]])).toEqual([
      [2, 'a ENV value refers to variables or holds a backslash, which a typed ENV would write literally'],
      [3, 'COPY --from=alpine:3 names an image outside this Dockerfile'],
      [5, 'USER app is not a numeric uid[:gid]; the pipeline\'s images run as numeric users'],
      [6, 'RUN in exec form has no typed equivalent'],
      [7, 'a build-context source must be relative to the build context, not absolute; drop the leading "/"'],
    ]);
  });

  it('names unnamed stages and resolves COPY --from by index and FROM through a global ARG', () => {
    const read = readDockerfile('ARG BASE=debian:12\nARG EMPTY\nFROM ${BASE}\nFROM $EMPTY\nCOPY --from=0 /a /b\nFROM BUILDER AS Final\n');
    expect(read.stages.map((s) => [s.name, s.from])).toEqual([
      ['stage-0', { kind: 'registry', reference: 'debian:12', buildArg: 'BASE' }],
      ['stage-1', { kind: 'registry', reference: '$EMPTY', buildArg: 'EMPTY' }],
      ['final', { kind: 'registry', reference: 'BUILDER' }],
    ]);
    expect(read.stages[1].instructions).toMatchObject([{ kind: 'copy', from: 'stage-0' }]);
    expect(read.warnings.map((w) => w.line)).toEqual([4]);
  });

  it('warns when a one-line RUN is written as a heredoc script with set -eu', () => {
    const read = readDockerfile('FROM base\nRUN [ -f /x ] || touch /x\nRUN echo ok\n');
    expect(read.stages[0].instructions).toMatchObject([{ kind: 'run', commands: ['[ -f /x ] || touch /x'] }, { kind: 'run', commands: ['echo ok'] }]);
    expect(read.warnings).toEqual([{ line: 2, message: 'the command starts with "[", which would be read as an exec-form JSON array, so the library writes it as a heredoc script starting with "set -eu"' }]);
  });

  it('gives a stage ARG without default the global default it inherits', () => {
    expect(readDockerfile('ARG V=1.2\nFROM base\nARG V\nARG W\n').stages[0].instructions).toMatchObject([
      { kind: 'arg', name: 'V', defaultValue: '1.2' }, { kind: 'arg', name: 'W', defaultValue: undefined },
    ]);
  });

  it('reads a file with CRLF line ends as the same file with LF', () => {
    const dir = join(__dirname, '..', 'fixtures', 'import');
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(readDockerfile(text.replace(/\n/g, '\r\n'))).toEqual(readDockerfile(text));
    }
  });

  it('refuses another escape character, instructions before FROM and a file without FROM', () => {
    expect(() => readDockerfile('# escape=`\nFROM base\n')).toThrow(ImportError);
    expect(() => readDockerfile('RUN true\nFROM base\n')).toThrow(/line 1: RUN before the first FROM/);
    expect(() => readDockerfile('# nothing\n')).toThrow(/no FROM/);
  });
});

describe('readMountFlag', () => {
  it('reads every mount type with BuildKit\'s aliases and makes its defaults explicit', () => {
    expect(readMountFlag('type=cache,dst=/c,ro')).toEqual({ type: 'cache', options: [['readOnly', true], ['sharing', { enumName: 'CacheSharing', member: 'SHARED' }], ['target', '/c']] });
    expect(readMountFlag('target=/src,src=app,rw=true')).toEqual({ type: 'bind', options: [['readWrite', true], ['source', 'app'], ['target', '/src']] });
    expect(readMountFlag('type=secret,id=npmrc,required')).toEqual({ type: 'secret', options: [['id', 'npmrc'], ['required', true]] });
    expect(readMountFlag('type=ssh')).toEqual({ type: 'ssh', options: [['required', false]] });
    expect(readMountFlag('type=tmpfs,target=/t,size=1024')).toEqual({ type: 'tmpfs', options: [['sizeBytes', 1024], ['target', '/t']] });
  });

  it('says why a mount has no typed equivalent', () => {
    expect(readMountFlag('type=bind,from=build,target=/x')).toEqual({ problem: 'mount option "from" of a bind mount has no typed equivalent' });
    expect(readMountFlag('type=secret,target=/run/s')).toEqual({ problem: 'the secret mount has no id' });
    expect(readMountFlag('type=cache,target=relative')).toEqual({ problem: 'mount option target=relative has no typed equivalent' });
    expect(readMountFlag('type=cache,target=/a,target=/b')).toEqual({ problem: 'mount option "target" is given twice' });
    expect(readMountFlag('type=volume,target=/a')).toEqual({ problem: 'mount type "volume" has no Mount factory' });
  });
});
