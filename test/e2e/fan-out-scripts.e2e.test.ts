/**
 * On the real engine: the `run:` scripts of a generated fan-out workflow, executed as GitHub would (bash with
 * `-eo pipefail`, `env:` as given with the `tag` job's outputs substituted, `RUNNER_TEMP` and `GITHUB_OUTPUT` files),
 * against the local registry: each platform job bakes its platform and pushes by digest, its digest step reads the
 * per-image digests from bake's metadata file; each merge job creates the index under the family tag and outputs its
 * digest, which the registry serves with both platform manifests.
 *
 * One substitution: this engine's builder uses the docker driver, which has no `push-by-digest` ("not implemented
 * for docker driver"); the workflow's jobs run on the docker-container builder that docker/setup-buildx-action
 * creates, which has it. Here the platform jobs push with `push-by-digest=true,` removed from the output (so each also
 * pushes the tag, which the merge job then replaces by the index); everything else runs as generated.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'projen';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { parse } from 'yaml';
import { Containers, ImageSource } from '../../src';
import { describeEngine, docker, REGISTRY_ADDRESS, uniqueTag } from '../support/engine';

const MINUTES = 5 * 60_000;

interface Step { readonly id: string; readonly run?: string; readonly env?: Record<string, string> }
interface Job { readonly steps: Step[]; readonly needs?: string | string[] }

describeEngine('fan-out workflow scripts on the real engine', () => {
  const tag = uniqueTag('fanout');
  const registry = `${REGISTRY_ADDRESS}/multiarch-fanout`;
  let dir: string;
  let jobs: Record<string, Job>;
  /** Outputs of the jobs run so far, by job id. */
  const outputs: Record<string, Record<string, string>> = {};

  /** Runs the steps of `job` with `run:` (others are actions), substituting needs outputs; returns its outputs. */
  function runJob(id: string): Record<string, string> {
    const temp = mkdtempSync(join(tmpdir(), 'pc-runner-'));
    const output = join(temp, 'github-output');
    writeFileSync(output, '');
    const expression = /^\$\{\{ needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_]+) \}\}$/;
    try {
      for (const step of jobs[id].steps.filter((s) => s.run !== undefined)) {
        const script = step.run!.replace("'*.output=type=image,push-by-digest=true,", "'*.output=type=image,");
        const env: Record<string, string> = {};
        for (const [name, value] of Object.entries(step.env ?? {})) {
          const m = expression.exec(value);
          if (m === null && value.includes('${{')) throw new Error(`unexpected expression ${value}`);
          env[name] = m === null ? value : m[1] === 'tag' ? (m[2] === 'BASE_TAG' ? tag : '') : outputs[m[1]][m[2]];
        }
        const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
          cwd: dir,
          encoding: 'utf8',
          timeout: MINUTES,
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', RUNNER_TEMP: temp, GITHUB_OUTPUT: output, ...env },
        });
        if (r.status !== 0) throw new Error(`job ${id} step ${step.id} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
      }
      const result = Object.fromEntries(readFileSync(output, 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split('=', 2) as [string, string]));
      outputs[id] = result;
      return result;
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }

  beforeAll(() => {
    // GIVEN family base for linux/amd64 and linux/arm64: runtime FROM scratch, app FROM runtime
    dir = mkdtempSync(join(tmpdir(), 'pc-fanout-'));
    writeFileSync(join(dir, 'runtime.txt'), `runtime ${tag}\n`);
    writeFileSync(join(dir, 'app.txt'), 'app\n');
    const project = new Project({ name: 'fanout', outdir: dir });
    const containers = new Containers(project, { registry });
    const base = containers.addFamily('base', { platforms: ['linux/amd64', 'linux/arm64'] });
    const runtime = base.addImage('runtime', { from: ImageSource.scratch() });
    runtime.copy(['runtime.txt'], '/runtime.txt');
    base.addImage('app', { from: ImageSource.stage(runtime) }).copy(['app.txt'], '/app.txt');
    project.synth();
    jobs = parse(readFileSync(join(dir, '.github/workflows/containers.yml'), 'utf8')).jobs;
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the job graph: tag, one job per platform, one merge per image', () => {
    expect(Object.keys(jobs).sort()).toEqual(['build', 'build-linux-amd64', 'build-linux-arm64', 'merge-base-app', 'merge-base-runtime', 'tag']);
    expect(jobs['build-linux-amd64'].steps.find((s) => s.id === 'bake')!.run).toContain("'*.output=type=image,push-by-digest=true,name-canonical=true,push=true'");
    expect(jobs['merge-base-app'].needs).toEqual(['tag', 'build-linux-amd64', 'build-linux-arm64']);
  });

  test('platform jobs push by digest and output each image\'s digest; merge jobs publish the index under the tag', () => {
    // WHEN both platform jobs run, then both merge jobs
    const amd64 = runJob('build-linux-amd64');
    const arm64 = runJob('build-linux-arm64');
    // THEN every image has one digest per platform, all different
    const digests = [amd64.BASE_RUNTIME_IMAGE_DIGEST, amd64.BASE_APP_IMAGE_DIGEST, arm64.BASE_RUNTIME_IMAGE_DIGEST, arm64.BASE_APP_IMAGE_DIGEST];
    for (const digest of digests) expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(new Set(digests).size).toBe(4);
    for (const [job, image] of [['merge-base-runtime', 'base-runtime'], ['merge-base-app', 'base-app']] as const) {
      const index = runJob(job)[image === 'base-app' ? 'BASE_APP_IMAGE_DIGEST' : 'BASE_RUNTIME_IMAGE_DIGEST'];
      expect(index).toMatch(/^sha256:[0-9a-f]{64}$/);
      // the index holds one manifest per platform (attestation manifests, platform unknown/unknown, aside), each the
      // platform manifest its platform job pushed (itself, or inside the index BuildKit pushed with its attestation)
      const raw = JSON.parse(docker(['buildx', 'imagetools', 'inspect', '--raw', `${registry}/${image}:${tag}`]));
      const platforms = raw.manifests.filter((m: any) => m.platform.os !== 'unknown');
      expect(platforms.map((m: any) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64']);
      const outputName = image === 'base-app' ? 'BASE_APP_IMAGE_DIGEST' : 'BASE_RUNTIME_IMAGE_DIGEST';
      for (const [pushed, arch] of [[amd64[outputName], 'amd64'], [arm64[outputName], 'arm64']] as const) {
        const manifest = platforms.find((m: any) => m.platform.architecture === arch).digest;
        const own = JSON.parse(docker(['buildx', 'imagetools', 'inspect', '--raw', `${registry}/${image}@${pushed}`]));
        expect(pushed === manifest || (own.manifests ?? []).some((m: any) => m.digest === manifest)).toBe(true);
      }
      expect(docker(['buildx', 'imagetools', 'inspect', '--format', '{{json .Manifest}}', `${registry}/${image}:${tag}`])).toContain(index);
    }
  }, 2 * MINUTES);
});
