import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDockerfile } from '../../src/import/dockerfile-reader';
import { NormalStage, normalForm } from '../support/dockerfile-normal-form';
import { importAndSynth } from '../support/import-and-synth';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(__dirname, '..', 'fixtures', 'import');
const DEFAULT_USER = 'USER 10001:10001';

/** Every generated Dockerfile of the bundled examples. */
function exampleDockerfiles(dir = join(ROOT, 'examples')): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return exampleDockerfiles(path);
    return name === 'Dockerfile' || name.endsWith('.Dockerfile') ? [path] : [];
  });
}

/** Imports `text` into a bare projen project's .projenrc.ts, evaluates the edited file with the library's sources, and returns the synthesized Dockerfile. */
/**
 * The synthesized stages with what the pipeline adds by design taken out, where the original lacks it: the `USER 0:0`
 * before the first RUN of an image built on a non-root image, the default user ending an image without a USER, and
 * the OCI labels the pipeline writes (an imported title and description become the image's repository and description).
 */
function withoutPipelineAdditions(synth: NormalStage[], original: NormalStage[]): NormalStage[] {
  return synth.map((s, i) => {
    const o = original[i];
    let instructions = s.instructions;
    if (instructions[0] === 'USER 0:0' && o?.instructions[0] !== 'USER 0:0') instructions = instructions.slice(1);
    if (instructions[instructions.length - 1] === DEFAULT_USER && !o?.instructions.some((x) => x.startsWith('USER '))) instructions = instructions.slice(0, -1);
    const labels = new Map([...s.labels].filter(([k]) => !k.startsWith('org.opencontainers.image.') || o?.labels.has(k)));
    return { ...s, instructions, labels };
  });
}

function expectRoundTrip(original: string, options: { family: string; images: string[] }) {
  const { dockerfile, stages, warnings } = importAndSynth(original, options);
  const unsupported = stages.flatMap((s) => s.instructions.filter((i) => i.kind === 'unsupported').map((i) => (i as { text: string }).text));
  const expected = normalForm(unsupported.reduce((t, u) => t.replace(`${u}\n`, ''), original));
  expect(withoutPipelineAdditions(normalForm(dockerfile), expected)).toEqual(expected);
  return { warnings, stages, dockerfile };
}

describe('import round trip of the examples\' generated Dockerfiles', () => {
  for (const path of exampleDockerfiles()) {
    it(relative(ROOT, path), () => {
      const text = readFileSync(path, 'utf8');
      // the published images are the stages carrying the title label the pipeline writes
      const titled = normalForm(text).map((s, i) => ({ s, i })).filter(({ s }) => s.labels.has('org.opencontainers.image.title'));
      const names = readDockerfile(text).stages.map((s) => s.name);
      const images = titled.map(({ i }) => names[i]);
      const title = titled[0]?.s.labels.get('org.opencontainers.image.title') ?? '';
      const family = title.endsWith(`-${images[0]}`) ? title.slice(0, -images[0].length - 1) : 'app';
      const { warnings, stages } = expectRoundTrip(text, { family, images });
      expect(stages.flatMap((s) => s.instructions).filter((i) => i.kind === 'raw' || i.kind === 'unsupported')).toEqual([]);
      // only the two documented changes: the pipeline writes its own # syntax line, and a FROM assembled from
      // several build arguments (an external family's registry and tag) becomes one overridable base
      expect(warnings.filter((w) => !w.message.includes('# syntax=') && !w.message.includes('the base is fixed to'))).toEqual([]);
    });
  }
});

describe('import round trip of hand-written Dockerfiles', () => {
  const cases: Array<{ file: string; images: string[]; raw: number[] }> = [
    { file: 'runtime-family.Dockerfile', images: ['runtime', 'base'], raw: [] },
    { file: 'python-app.Dockerfile', images: [], raw: [11] },
    { file: 'ci-tools.Dockerfile', images: [], raw: [8, 11] },
    { file: 'go-service.Dockerfile', images: [], raw: [] },
    { file: 'heredoc-run.Dockerfile', images: [], raw: [14, 15, 16] },
  ];
  for (const c of cases) {
    it(c.file, () => {
      const { stages, warnings } = expectRoundTrip(readFileSync(join(FIXTURES, c.file), 'utf8'), { family: 'app', images: c.images });
      const raw = stages.flatMap((s) => s.instructions).filter((i) => i.kind === 'raw').map((i) => i.line);
      expect(raw).toEqual(c.raw);
      for (const line of raw) expect(warnings.some((w) => w.line === line && w.message.startsWith('kept as a raw line'))).toBe(true);
    });
  }

  it('reports what it cannot import and what changes meaning, with line numbers', () => {
    const { warnings } = importAndSynth(readFileSync(join(FIXTURES, 'heredoc-run.Dockerfile'), 'utf8'), { family: 'app', images: [] });
    expect(warnings.map((w) => w.line).sort((a, b) => a - b)).toEqual([7, 11, 14, 15, 16]);
    expect(warnings.find((w) => w.line === 7)?.message).toContain('set -eu');
    expect(warnings.find((w) => w.line === 11)?.message).toContain('fed to a command');
    expect(warnings.find((w) => w.line === 14)?.message).toContain('outside this Dockerfile');
  });
});
