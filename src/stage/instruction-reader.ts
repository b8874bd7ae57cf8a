import { contextPathOrInput } from './context-path';
import type { InputReader } from './input-reader';
import type { Instruction, RecordedInstruction } from './instructions';
import { Mount } from './mount';
import { HealthcheckOptions, Protocol, RunNetwork } from './options';
import { Stage } from './stage';

/**
 * Reads one recorded call into a typed instruction. Wrong types are reported through `r` and replaced by stand-ins,
 * so reading never throws; ranges and grammars are checked by validation.
 * @internal
 */
export function readInstruction(rec: RecordedInstruction, r: InputReader): Instruction {
  const [a, b, c] = rec.args;
  switch (rec.kind) {
    case 'arg':
      return { kind: 'arg', name: r.string('ARG name', a), defaultValue: r.optionalString('ARG default', b) };
    case 'env':
      return { kind: 'env', variables: readRecord(r, 'ENV variables', a) };
    case 'label':
      return { kind: 'label', labels: readRecord(r, 'LABEL labels', a) };
    case 'run': {
      const o = r.optionalObject('RUN options', b);
      return {
        kind: 'run',
        commands: r.strings('RUN commands', a),
        mounts: readMounts(r, o.mounts),
        network: r.optionalEnum('RUN network', o.network, Object.values(RunNetwork)),
      };
    }
    case 'copy': {
      const o = r.optionalObject('COPY options', c);
      const from = r.optionalInstance('COPY from', o.from, Stage.isStage, 'a Stage or Image of this pipeline');
      const sources = r.strings('COPY sources', a);
      return {
        kind: 'copy',
        sources: o.from === undefined ? sources.map(contextPathOrInput) : sources,
        destination: r.string('COPY destination', b),
        from,
        link: r.optionalBoolean('COPY link', o.link) ?? true,
        chown: r.optionalString('COPY chown', o.chown),
        chmod: r.optionalString('COPY chmod', o.chmod),
      };
    }
    case 'add': {
      const o = r.object('ADD options', c);
      return {
        kind: 'add',
        url: r.string('ADD url', a),
        destination: r.string('ADD destination', b),
        checksum: r.string('ADD checksum', o.checksum),
        chown: r.optionalString('ADD chown', o.chown),
        chmod: r.optionalString('ADD chmod', o.chmod),
      };
    }
    case 'workdir':
      return { kind: 'workdir', path: r.string('WORKDIR path', a) };
    case 'user':
      return { kind: 'user', user: r.string('USER', a) };
    case 'expose':
      return { kind: 'expose', port: r.number('EXPOSE port', a), protocol: r.optionalEnum('EXPOSE protocol', b, Object.values(Protocol)) ?? Protocol.TCP };
    case 'healthcheck':
      return rec.args.length === 0 ? { kind: 'healthcheck' } : { kind: 'healthcheck', options: readHealthcheck(r, a) };
    case 'entrypoint':
    case 'cmd':
    case 'shell':
      return { kind: rec.kind, argv: r.strings(`${rec.kind.toUpperCase()} arguments`, a) };
    case 'stopsignal':
      return { kind: 'stopsignal', signal: r.string('STOPSIGNAL', a) };
    case 'raw':
      return { kind: 'raw', line: r.string('raw line', a) };
  }
}

function readHealthcheck(r: InputReader, value: unknown): HealthcheckOptions {
  const o = r.object('HEALTHCHECK options', value);
  return {
    command: r.strings('HEALTHCHECK command', o.command),
    intervalSeconds: r.optionalNumber('HEALTHCHECK intervalSeconds', o.intervalSeconds),
    timeoutSeconds: r.optionalNumber('HEALTHCHECK timeoutSeconds', o.timeoutSeconds),
    startPeriodSeconds: r.optionalNumber('HEALTHCHECK startPeriodSeconds', o.startPeriodSeconds),
    startIntervalSeconds: r.optionalNumber('HEALTHCHECK startIntervalSeconds', o.startIntervalSeconds),
    retries: r.optionalNumber('HEALTHCHECK retries', o.retries),
  };
}

function readMounts(r: InputReader, value: unknown): Mount[] {
  if (value === undefined) return [];
  return r.array('RUN mounts', value, 'an array of Mounts').flatMap((m, i) => {
    const mount = r.optionalInstance(`RUN mounts[${i}]`, m === undefined ? null : m, Mount.isMount, 'a Mount (Mount.cache(), Mount.bind(), …)');
    return mount ? [mount] : [];
  });
}

function readRecord(r: InputReader, what: string, value: unknown): Array<readonly [string, string]> {
  const o = r.object(what, value);
  return Object.keys(o).sort().map((k) => [k, r.string(`${what} value of "${k}"`, o[k])] as const);
}
