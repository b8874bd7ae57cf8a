/**
 * The workflow of a signing pipeline: `publish` records each pushed digest from bake's metadata file as the output
 * `digestOutputOf(image)`, the `sign` job reads them through `env:` and signs `<registry>/<repository>@<digest>`;
 * `id-token: write` only there; every hardening rule (including GA-19) and actionlint pass, for a GHCR registry
 * (GITHUB_TOKEN, `packages: write`) and one read from a repository variable with secret logins.
 */
import { Project } from 'projen';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { actionlint } from './actionlint';
import { checkWorkflow, parseWorkflow, PermissionAllowList } from './rules';
import { synthFiles } from './seed-pipelines';
import { Containers, ContainersProps, ImageSource, Signing, WorkflowRegistry } from '../../src';
import { ACTION_PINS, COSIGN_INSTALLER, pinnedUses } from '../../src/workflow';

function pipeline(extra: Partial<ContainersProps> = {}) {
  return (project: Project) => {
    const c = new Containers(project, {
      registry: 'ghcr.io/acme', sourceUrl: 'https://github.com/acme/app', signing: Signing.keyless(), reproducible: true, ...extra,
    });
    const family = c.addFamily('svc');
    const api = family.addImage('api', { from: ImageSource.registry('ubuntu:24.04') });
    family.addImage('worker', { from: ImageSource.stage(api) });
  };
}

const stepOf = (job: any, id: string) => job.steps.find((s: any) => s.id === id);

describe('a signing pipeline', () => {
  const text = synthFiles(pipeline())['.github/workflows/containers.yml'] as string;
  const wf = parse(text);

  test('publish records the digest of every image it pushed, from bake --metadata-file', () => {
    expect(stepOf(wf.jobs.publish, 'bake').run).toBe('docker buildx bake --file docker-bake.json --push --metadata-file "$RUNNER_TEMP/bake-metadata.json" default');
    expect(stepOf(wf.jobs.publish, 'bake').env.REWRITE_TIMESTAMP).toBe('1');
    expect(wf.jobs.publish.outputs).toStrictEqual({
      SVC_API_IMAGE_DIGEST: '${{ steps.digests.outputs.SVC_API_IMAGE_DIGEST }}',
      SVC_WORKER_IMAGE_DIGEST: '${{ steps.digests.outputs.SVC_WORKER_IMAGE_DIGEST }}',
    });
    expect(stepOf(wf.jobs.publish, 'digests').run).toContain('jq -er --arg target svc-worker \'.[$target]["containerimage.digest"]\' "$metadata"');
    expect(wf.jobs.publish.permissions['id-token']).toBeUndefined();
  });

  test('sign runs after publish with id-token: write, installs the pinned cosign and signs every digest by digest', () => {
    const sign = wf.jobs.sign;
    expect(sign.needs).toBe('publish');
    expect(sign.if).toBe("github.event_name != 'pull_request'");
    expect(sign.permissions).toStrictEqual({ 'contents': 'read', 'packages': 'write', 'id-token': 'write' });
    expect(stepOf(sign, 'cosign').uses).toBe(pinnedUses(COSIGN_INSTALLER));
    expect(stepOf(sign, 'login')).toBeDefined();
    const step = stepOf(sign, 'sign');
    expect(step.env).toStrictEqual({
      REGISTRY: 'ghcr.io/acme',
      SVC_API_IMAGE_DIGEST: '${{ needs.publish.outputs.SVC_API_IMAGE_DIGEST }}',
      SVC_WORKER_IMAGE_DIGEST: '${{ needs.publish.outputs.SVC_WORKER_IMAGE_DIGEST }}',
    });
    expect(step.run.split('\n')).toStrictEqual([
      'cosign sign --yes "$REGISTRY/svc-api@${SVC_API_IMAGE_DIGEST:?no digest for svc-api}"',
      'cosign sign --yes "$REGISTRY/svc-worker@${SVC_WORKER_IMAGE_DIGEST:?no digest for svc-worker}"',
    ]);
    expect(text).toContain('id-token: write # keyless cosign signing');
    // pull requests neither sign nor rewrite
    expect(stepOf(wf.jobs.build, 'bake').env.REWRITE_TIMESTAMP).toBeUndefined();
    expect(stepOf(wf.jobs.build, 'bake').run).not.toContain('--metadata-file');
  });

  const ALLOWED = {
    tag: { contents: 'read' },
    build: { contents: 'read' },
    publish: { contents: 'read', packages: 'write' },
    sign: { 'contents': 'read', 'packages': 'write', 'id-token': 'write' },
  };

  test('every hardening rule (id-token only in sign) and actionlint report nothing', async () => {
    expect(checkWorkflow(parseWorkflow(text), { lock: ACTION_PINS, permissions: ALLOWED as PermissionAllowList })).toEqual([]);
    expect(await actionlint(text, '.github/workflows/containers.yml')).toEqual([]);
  });

  test('fanned out over platforms: sign needs every merge job and signs each index digest; platform pushes rewrite timestamps', async () => {
    const fanned = synthFiles(pipeline({ platforms: ['linux/amd64', 'linux/arm64'] }))['.github/workflows/containers.yml'] as string;
    const jobs = parse(fanned).jobs;
    expect(jobs.publish).toBeUndefined();
    expect(jobs.sign.needs).toStrictEqual(['merge-svc-api', 'merge-svc-worker']);
    expect(stepOf(jobs.sign, 'sign').env).toStrictEqual({
      REGISTRY: 'ghcr.io/acme',
      SVC_API_IMAGE_DIGEST: '${{ needs.merge-svc-api.outputs.SVC_API_IMAGE_DIGEST }}',
      SVC_WORKER_IMAGE_DIGEST: '${{ needs.merge-svc-worker.outputs.SVC_WORKER_IMAGE_DIGEST }}',
    });
    for (const platform of ['build-linux-amd64', 'build-linux-arm64']) {
      expect(stepOf(jobs[platform], 'bake').run).toContain(',rewrite-timestamp=true');
      expect(jobs[platform].permissions['id-token']).toBeUndefined();
    }
    const allowed = Object.fromEntries(Object.keys(jobs).map((id) => [id, id === 'sign' ? ALLOWED.sign : id === 'tag' || id === 'build' ? { contents: 'read' } : ALLOWED.publish]));
    expect(checkWorkflow(parseWorkflow(fanned), { lock: ACTION_PINS, permissions: allowed as PermissionAllowList })).toEqual([]);
    expect(await actionlint(fanned, '.github/workflows/containers.yml')).toEqual([]);
  });

  test('a registry from a repository variable: sign resolves it and logs in with the secrets, without packages: write', async () => {
    const files = synthFiles(pipeline({ workflow: {}, workflows: [{ name: 'ci', push: {}, registry: WorkflowRegistry.fromVariable('IMAGE_REGISTRY') }] }));
    const ci = files['.github/workflows/ci.yml'] as string;
    const sign = parse(ci).jobs.sign;
    expect(sign.permissions).toStrictEqual({ 'contents': 'read', 'id-token': 'write' });
    expect(sign.steps.map((s: any) => s.id)).toStrictEqual(['registry', 'cosign', 'login', 'sign']);
    expect(stepOf(sign, 'sign').env.REGISTRY).toBe('${{ steps.registry.outputs.registry }}');
    const allowed = { tag: { contents: 'read' }, publish: { contents: 'read' }, sign: { 'contents': 'read', 'id-token': 'write' } };
    expect(checkWorkflow(parseWorkflow(ci), { lock: ACTION_PINS, permissions: allowed as PermissionAllowList })).toEqual([]);
    expect(await actionlint(ci, '.github/workflows/ci.yml')).toEqual([]);
    // the verify command names that workflow file
    expect(files['CONTAINERS.md']).toContain("'^https://github\\.com/acme/app/\\.github/workflows/ci\\.yml@refs/.*$'");
  });
});
