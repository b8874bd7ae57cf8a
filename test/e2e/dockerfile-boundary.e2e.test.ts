/**
 * The Dockerfile boundary on the real engine. Hostile RUN texts are fed straight to the Dockerfile builder and printer
 * (bypassing validation, which rejects some of them) to show the printed file means what the model says: the image
 * runs as the model's user, and its history has exactly one entry per modelled instruction.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { DockerfileSyntax, FamilyTag, ImageSource, Stage } from '../../src';
import { Diagnostics } from '../../src/core/diagnostics';
import { printDockerfile } from '../../src/dockerfile/printer';
import { EMPTY_LOCK } from '../../src/pin/lockfile';
import { buildDockerfile } from '../../src/synth/dockerfile-builder';
import { Pins } from '../../src/synth/pin-lock';
import { PipelineIndex } from '../../src/synth/pipeline-index';
import { StageSourceResolver } from '../../src/synth/stage-sources';
import { describeEngine, docker, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';
import { disposeProject, newPipeline } from '../synth/pipeline-fixture';

/** RUN texts that would change the Dockerfile's structure if printed naively. */
const HOSTILE_RUNS: string[][] = [
  ['echo trailing \\ '],
  ['cat <<EOF >/dev/null', 'hello', 'EOF'],
  ['cat <<EOF_1 >/dev/null', 'EOF', 'EOF_1'],
  ['--security=insecure true || true'],
  ['["sh"] || true'],
  ['cat <<X'],
];

/** The Dockerfile text and instruction count (after FROM) of one image built on the test base. */
function dockerfileFor(configure: (image: Stage) => void): { text: string; instructions: number } {
  const { project, containers } = newPipeline({ dockerfileSyntax: DockerfileSyntax.omit() });
  const image = containers.addFamily('app', { dockerfile: 'Dockerfile' }).addImage('image', { from: ImageSource.registry(TEST_BASE_IMAGE, { buildArg: 'BASE' }) });
  configure(image);
  const index = new PipelineIndex(containers, new Diagnostics());
  const model = buildDockerfile(index.dockerfiles()[0].stages, {
    index, sources: new StageSourceResolver(index, { registry: 'ghcr.io/acme', defaultTag: FamilyTag.templates(['{branch}'], { fallback: 'dev' }) }, new Pins(EMPTY_LOCK)), defaultUser: '10001:10001', labelsOf: () => [],
  });
  disposeProject(project);
  const instructions = model.lines.filter((l) => l.kind === 'instruction' && l.keyword !== 'FROM' && l.keyword !== 'ARG').length;
  return { text: printDockerfile(model.lines), instructions };
}

describeEngine('the Dockerfile boundary on the real engine', () => {
  let work: string;
  const tags: string[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pc-boundary-'));
  });

  afterAll(() => {
    for (const tag of tags) {
      try { docker(['image', 'rm', '-f', tag]); } catch { /* already gone */ }
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function build(text: string): string {
    const tag = `pc-boundary:${uniqueTag('t')}`;
    tags.push(tag);
    writeFileSync(join(work, 'Dockerfile'), text);
    docker(['buildx', 'build', '--load', '-t', tag, work], { timeoutMs: 600_000 });
    return tag;
  }

  function historyCount(image: string): number {
    return docker(['history', '-q', '--no-trunc', image]).trim().split('\n').filter((l) => l.length > 0).length;
  }

  test('an image whose model runs as 10001 does so, even after a RUN ending in backslash-space', () => {
    const { text } = dockerfileFor((i) => i.run(['echo trailing \\ ']));
    expect(text).toContain('USER 10001:10001');
    const tag = build(text);
    expect(docker(['image', 'inspect', '--format', '{{.Config.User}}', tag]).trim()).toBe('10001:10001');
    expect(docker(['run', '--rm', '--entrypoint', 'id', tag, '-u']).trim()).toBe('10001');
  });

  test('hostile RUN texts do not change the number of instructions in the image history', () => {
    docker(['pull', TEST_BASE_IMAGE]);
    const base = historyCount(TEST_BASE_IMAGE);
    const { text, instructions } = dockerfileFor((i) => {
      for (const commands of HOSTILE_RUNS) i.run(commands);
    });
    const tag = build(text);
    expect(historyCount(tag)).toBe(base + instructions);
    expect(instructions).toBe(HOSTILE_RUNS.length + 1);
    expect(docker(['image', 'inspect', '--format', '{{.Config.User}}', tag]).trim()).toBe('10001:10001');
  });
});
