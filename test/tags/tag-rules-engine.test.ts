/**
 * Tag rules on the real engine: the Makefile's `push-<image>` and CI's path (`make print-tags`, then
 * `docker buildx bake --push` with the printed variables) publish every tag the rules yield to the local registry.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ImageSource, TagRule } from '../../src';
import { git } from '../make/make-harness';
import { describeEngine, docker, REGISTRY_ADDRESS, registryTags, TEST_BASE_IMAGE, uniqueTag } from '../support/engine';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

describeEngine('tag rules on the real engine', () => {
  // a namespace of this run only: parallel runs never see each other's tags
  const namespace = uniqueTag('tags-rules');
  const registry = `${REGISTRY_ADDRESS}/${namespace}`;
  let dir: string;
  let sha: string;

  beforeAll(() => {
    const { containers } = newPipeline({ registry });
    containers.addFamily('app', {
      tags: [TagRule.semver('{{version}}'), TagRule.semver('{{major}}'), TagRule.sha(), TagRule.raw('stable')],
    }).addImage('web', { from: ImageSource.registry(TEST_BASE_IMAGE), user: '10001' });
    dir = mkdtempSync(join(tmpdir(), 'pc-tag-rules-'));
    for (const [file, text] of Object.entries(synthFiles(containers.project))) {
      if (file.startsWith('.projen/') || file.startsWith('.github/')) continue;
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'first');
    git(dir, 'tag', 'v3.4.5');
    git(dir, 'checkout', '-q', '--detach', 'v3.4.5');
    sha = git(dir, 'rev-parse', '--short=7', 'HEAD');
  });

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const run = (command: string, args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(command, args, {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_CEILING_DIRECTORIES: dirname(dir), GITHUB_REF: '', GITHUB_EVENT_NAME: '', ...env },
    });
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  };

  test('make push-app-web publishes every tag; the version label is the main tag', async () => {
    run('make', ['-s', 'push-app-web']);
    expect((await registryTags(`${namespace}/app-web`)).sort()).toStrictEqual(['3', '3.4.5', 'latest', `sha-${sha}`, 'stable'].sort());
    const labels = JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config.Labels}}', `${registry}/app-web:3.4.5`])) as Record<string, string>;
    expect(labels['org.opencontainers.image.version']).toBe('3.4.5');
  });

  test("CI's path: make print-tags, then bake --push with those variables, publishes the same tags", async () => {
    // GIVEN the tag job's output for a v3.4.6 tag push (GitHub's variables), under another repository
    const printed = run('make', ['-s', 'print-tags', 'print-build-facts'], { GITHUB_REF: 'refs/tags/v3.4.6', GITHUB_EVENT_NAME: 'push' });
    const outputs = Object.fromEntries(printed.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    // raw (priority 200) before sha (100), latest last
    expect(outputs.APP_TAGS).toBe(`3.4.6 3 stable sha-${sha} latest`);
    // WHEN the bake job runs with them (pushing again is idempotent: the local registry, distribution 2.8 on the
    // filesystem, can answer 500 "invalid checksum digest format" to a HEAD racing a PUT of the same tag)
    const bake = () => spawnSync('docker', ['buildx', 'bake', '--file', 'docker-bake.json', '--push', 'default'], {
      cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...outputs, REGISTRY: `${registry}/ci` },
    });
    let result = bake();
    if (result.status !== 0 && /500 Internal Server Error/.test(result.stderr)) result = bake();
    expect(result.status, result.stderr).toBe(0);
    // THEN
    expect((await registryTags(`${namespace}/ci/app-web`)).sort()).toStrictEqual(['3', '3.4.6', 'latest', `sha-${sha}`, 'stable'].sort());
  });
});
