/**
 * The workflow of a pipeline with a registry cache and size budgets: the cache is written (`CACHE_TO`) only by the
 * publishing job, never by the pull-request build; the size check runs after the build in both (the pull-request
 * build loads its images, the publishing job pulls what it pushed); every hardening rule and actionlint pass.
 */
import { Project } from 'projen';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from './actionlint';
import { checkWorkflow, parseWorkflow, PermissionAllowList } from './rules';
import { synthFiles } from './seed-pipelines';
import { CachePolicy, Containers, ImageSource } from '../../src';
import { ACTION_PINS } from '../../src/workflow';

const ALLOWED = { tag: { contents: 'read' }, build: { contents: 'read' }, publish: { contents: 'read', packages: 'write' } };

function pipeline(platforms: string[] = []) {
  return (project: Project) => {
    const c = new Containers(project, { registry: 'ghcr.io/acme', cache: CachePolicy.registry(), platforms });
    const family = c.addFamily('svc');
    family.addImage('api', { from: ImageSource.registry('ubuntu:24.04'), maxSizeMb: 100 });
    family.addImage('worker', { from: ImageSource.registry('ubuntu:24.04') });
  };
}

const stepOf = (job: any, id: string) => job.steps.find((s: any) => s.id === id);

describe('a pipeline with a registry cache and a size budget', () => {
  const text = synthFiles(pipeline())['.github/workflows/containers.yml'] as string;
  const wf = parse(text);

  test('the pull-request build reads the cache only, loads its images and checks the budget', () => {
    const bake = stepOf(wf.jobs.build, 'bake');
    expect(bake.env.CACHE_TO).toBeUndefined();
    expect(bake.run).toBe('docker buildx bake --file docker-bake.json --load default');
    const size = stepOf(wf.jobs.build, 'size');
    expect(size.run).toBe('make -f Makefile --no-print-directory check-size-svc-api');
    // the same references as the build: the same environment
    expect(size.env).toStrictEqual(bake.env);
    const ids = wf.jobs.build.steps.map((s: any) => s.id);
    expect(ids.indexOf('size')).toBeGreaterThan(ids.indexOf('bake'));
  });

  test('the publishing job writes the cache and checks the pushed images', () => {
    const bake = stepOf(wf.jobs.publish, 'bake');
    expect(bake.env.CACHE_TO).toBe('1');
    expect(bake.run).toBe('docker buildx bake --file docker-bake.json --push --metadata-file "$RUNNER_TEMP/bake-metadata.json" default');
    const size = stepOf(wf.jobs.publish, 'size');
    expect(size.run).toBe('make -f Makefile --no-print-directory pull-svc-api check-size-svc-api');
    expect(size.env.CACHE_TO).toBeUndefined();
  });

  test('every hardening rule and actionlint report nothing', async () => {
    expect(checkWorkflow(parseWorkflow(text), { lock: ACTION_PINS, permissions: ALLOWED as PermissionAllowList })).toEqual([]);
    expect(await actionlint(text, '.github/workflows/containers.yml')).toEqual([]);
  });

  test('same-repository pull-request images write their own registry cache ref; fork builds never write', () => {
    const withPr = parse(synthFiles((project: Project) => {
      const c = new Containers(project, { registry: 'ghcr.io/acme', cache: CachePolicy.registry() });
      c.addFamily('svc').addImage('api', { from: ImageSource.registry('ubuntu:24.04'), maxSizeMb: 100 });
      c.addWorkflow('ci', { push: { branches: ['main'] }, pullRequest: {}, pullRequestImages: {} });
    })['.github/workflows/ci.yml'] as string);
    const prImages = stepOf(withPr.jobs['pr-images'], 'bake').env;
    // the tag job ran on the pull request: CACHE_SUFFIX is -pr-<N>, so the write lands on buildcache-pr-<N>
    expect(prImages.CACHE_TO).toBe('1');
    expect(prImages.CACHE_SUFFIX).toBe('${{ needs.tag.outputs.CACHE_SUFFIX }}');
    expect(withPr.jobs['pr-images'].if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(stepOf(withPr.jobs['pr-build'], 'bake').env.CACHE_TO).toBeUndefined();
    expect(stepOf(withPr.jobs.publish, 'bake').env.CACHE_TO).toBe('1');
    // the tag job computes the chain's facts with the Makefile
    expect(withPr.jobs.tag.outputs).toMatchObject({ GIT_PR: '${{ steps.tags.outputs.GIT_PR }}', CACHE_BRANCH: '${{ steps.tags.outputs.CACHE_BRANCH }}' });
  });

  test('gha: every bake job exposes the Actions runtime; only the publishing job writes, never a pull request', async () => {
    const gha = synthFiles((project: Project) => {
      const c = new Containers(project, { registry: 'ghcr.io/acme', cache: CachePolicy.gha() });
      c.addFamily('svc').addImage('api', { from: ImageSource.registry('ubuntu:24.04') });
      c.addWorkflow('ci', { push: { branches: ['main'] }, pullRequest: {}, pullRequestImages: {} });
    })['.github/workflows/ci.yml'] as string;
    const w = parse(gha);
    for (const job of ['publish', 'pr-images', 'pr-build']) {
      const ids = w.jobs[job].steps.map((s: any) => s.id);
      expect(ids.indexOf('github-runtime'), job).toBeGreaterThan(-1);
      expect(ids.indexOf('github-runtime'), job).toBeLessThan(ids.indexOf('bake'));
    }
    expect(gha).toContain('uses: crazy-max/ghaction-github-runtime@04d248b84655b509d8c44dc1d6f990c879747487 # v4.0.0');
    expect(stepOf(w.jobs.publish, 'bake').env.CACHE_TO).toBe('1');
    expect(stepOf(w.jobs['pr-images'], 'bake').env.CACHE_TO).toBeUndefined();
    expect(stepOf(w.jobs['pr-build'], 'bake').env.CACHE_TO).toBeUndefined();
    const allowed = { ...ALLOWED, 'changes': { contents: 'read' }, 'pr-images': { contents: 'read', packages: 'write' }, 'pr-build': { contents: 'read' }, 'pr-comment': { 'pull-requests': 'write' } };
    expect(checkWorkflow(parseWorkflow(gha), { lock: ACTION_PINS, permissions: allowed as PermissionAllowList })).toEqual([]);
    expect(await actionlint(gha, '.github/workflows/ci.yml')).toEqual([]);
  });

  test('fanned out over platforms: each platform job writes a gha cache (scoped by its PLATFORMS), never a registry cache ref', () => {
    const withCache = (cache: CachePolicy) => (project: Project) => {
      const c = new Containers(project, { registry: 'ghcr.io/acme', cache, platforms: ['linux/amd64', 'linux/arm64'] });
      c.addFamily('svc').addImage('api', { from: ImageSource.registry('ubuntu:24.04') });
    };
    for (const [cache, writes] of [[CachePolicy.gha(), true], [CachePolicy.registry(), false]] as const) {
      const jobs = parse(synthFiles(withCache(cache))['.github/workflows/containers.yml'] as string).jobs;
      for (const [job, platform] of [['build-linux-amd64', 'linux/amd64'], ['build-linux-arm64', 'linux/arm64']]) {
        const bake = stepOf(jobs[job], 'bake');
        expect(bake.env.PLATFORMS).toBe(platform);
        expect(bake.env.CACHE_TO).toBe(writes ? '1' : undefined);
        expect(stepOf(jobs[job], 'github-runtime') !== undefined).toBe(writes);
      }
    }
  });

  test('with planned platforms the pull-request build cannot load, so only the merge job checks sizes (on the pushed index)', () => {
    const multiText = synthFiles(pipeline(['linux/amd64', 'linux/arm64']))['.github/workflows/containers.yml'] as string;
    const multi = parse(multiText);
    expect(stepOf(multi.jobs.build, 'bake').run).not.toContain('--load');
    expect(stepOf(multi.jobs.build, 'size')).toBeUndefined();
    const merge = multi.jobs['merge-svc-api'];
    expect(merge.steps.map((s: any) => s.id)).toEqual(['checkout', 'buildx', 'login', 'merge', 'size']);
    expect(stepOf(merge, 'size').run).toBe('make -f Makefile --no-print-directory pull-svc-api check-size-svc-api');
    expect(merge.permissions).toEqual({ contents: 'read', packages: 'write' });
    expect(checkWorkflow(parseWorkflow(multiText), { lock: ACTION_PINS, permissions: ALLOWED as PermissionAllowList })).toEqual([]);
  });
});
