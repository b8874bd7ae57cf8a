/**
 * Random sequences of Stage method calls with hostile strings: rejected with the one validation error, or the image
 * stage holds exactly one instruction per call, in call order, followed by the generated OCI LABEL and the final
 * USER of the default user — no call can add, swallow or reorder an instruction.
 */
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { hostileAround } from './arbitraries';
import { finalUser } from './dockerfile-reading';
import { hostileProperty } from './property-kit';
import { Image, ImageSource } from '../../src';

/** One call: the keyword it must produce and how it is made. */
interface Call {
  readonly keyword: string;
  readonly apply: (image: Image) => void;
  readonly show: string;
}

const call = (keyword: string, show: string, apply: (image: Image) => void): Call => ({ keyword, apply, show });

const CALLS: fc.Arbitrary<Call> = fc.oneof(
  hostileAround('echo hi').map((s) => call('RUN', `run([${JSON.stringify(s)}])`, (i) => i.run([s]))),
  fc.tuple(hostileAround('echo a'), hostileAround('echo b')).map(([a, b]) => call('RUN', `run([${JSON.stringify(a)}, ${JSON.stringify(b)}])`, (i) => i.run([a, b]))),
  fc.tuple(hostileAround('src'), hostileAround('/dst/')).map(([s, d]) => call('COPY', `copy([${JSON.stringify(s)}], ${JSON.stringify(d)})`, (i) => i.copy([s], d))),
  hostileAround('/work').map((s) => call('WORKDIR', `workdir(${JSON.stringify(s)})`, (i) => i.workdir(s))),
  hostileAround('value').map((s) => call('ENV', `env({ A: ${JSON.stringify(s)} })`, (i) => i.env({ A: s }))),
  hostileAround('value').map((s) => call('LABEL', `label({ 'com.example.a': ${JSON.stringify(s)} })`, (i) => i.label({ 'com.example.a': s }))),
  hostileAround('value').map((s) => call('ARG', `arg('A', ${JSON.stringify(s)})`, (i) => i.arg('A', s))),
  hostileAround('/bin/app').map((s) => call('CMD', `cmd([${JSON.stringify(s)}])`, (i) => i.cmd([s]))),
  hostileAround('/bin/app').map((s) => call('ENTRYPOINT', `entrypoint([${JSON.stringify(s)}])`, (i) => i.entrypoint([s]))),
  hostileAround('SIGTERM').map((s) => call('STOPSIGNAL', `stopSignal(${JSON.stringify(s)})`, (i) => i.stopSignal(s))),
);

describe('sequences of Stage calls', () => {
  hostileProperty('one instruction per call, in order, then the OCI LABEL and the default USER', 8001, fc.array(CALLS, { minLength: 1, maxLength: 6 }).map((calls) => Object.assign(calls, { toString: () => calls.map((c) => c.show).join('; ') })), {
    benign: [call('RUN', 'run(["true"])', (i) => i.run(['true']))],
    build: (calls) => (c) => {
      const image = c.addFamily('app').addImage('img', { from: ImageSource.registry('busybox:1') });
      for (const x of calls) x.apply(image);
    },
    sameStructure: false,
    expect: (calls, o) => {
      const [file] = [...o.dockerfiles.values()];
      expect(file.stages.length).toBe(1);
      const stage = file.stages[0];
      expect(stage.instructions.map((i) => i.keyword)).toStrictEqual([...calls.map((x) => x.keyword), 'LABEL', 'USER']);
      expect(finalUser(stage)).toBe('10001:10001');
    },
  });
});
