/** The workflow of a pipeline with tag rules: the tag job hands every tag on, and the workflow stays hardened. */
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ImageSource, TagCondition, TagRule } from '../../src';
import { ACTION_PINS } from '../../src/workflow';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';
import { actionlint } from '../workflow/actionlint';
import { checkWorkflow, parseWorkflow, PermissionAllowList } from '../workflow/rules';
import { synthWorkflow } from '../workflow/synth';

function rulesPlan() {
  const { containers } = newPipeline();
  containers.addFamily('app', {
    tags: [TagRule.semver('{{version}}'), TagRule.branch(), TagRule.sha(), TagRule.raw('latest', { enable: TagCondition.onDefaultBranch() })],
  }).addImage('web', { from: ImageSource.registry('ubuntu:24.04'), user: '10001' });
  synthFiles(containers.project);
  return containers._plan;
}

describe('workflow with tag rules', () => {
  const text = synthWorkflow(rulesPlan());
  type Step = { id?: string; env?: Record<string, string> };
  const doc = parse(text) as { jobs: Record<string, { outputs?: Record<string, string>; steps: Step[] }> };

  test('the tag job outputs the tag list and the bake jobs read it', () => {
    expect(doc.jobs.tag.outputs).toMatchObject({ APP_TAG: '${{ steps.tags.outputs.APP_TAG }}', APP_TAGS: '${{ steps.tags.outputs.APP_TAGS }}' });
    for (const job of ['build', 'publish']) {
      expect(doc.jobs[job].steps.find((s) => s.id === 'bake')?.env).toMatchObject({ APP_TAGS: '${{ needs.tag.outputs.APP_TAGS }}' });
    }
  });

  test('actionlint 1.7.7 reports nothing', async () => {
    expect(await actionlint(text, '.github/workflows/containers.yml')).toEqual([]);
  });

  test('the hardening rules report nothing', () => {
    const permissions: PermissionAllowList = { tag: { contents: 'read' }, build: { contents: 'read' }, publish: { contents: 'read', packages: 'write' } };
    expect(checkWorkflow(parseWorkflow(text), { lock: ACTION_PINS, permissions })).toEqual([]);
  });
});

describe('workflow with an image having tag rules of its own', () => {
  function imageRulesPlan() {
    const { containers } = newPipeline();
    const family = containers.addFamily('app', { tags: [TagRule.sha()] });
    family.addImage('web', { from: ImageSource.registry('ubuntu:24.04'), user: '10001' });
    family.addImage('worker', { from: ImageSource.registry('ubuntu:24.04'), user: '10001', tags: [TagRule.branch(), TagRule.pr()] });
    synthFiles(containers.project);
    return containers._plan;
  }
  const text = synthWorkflow(imageRulesPlan());
  type Step = { id?: string; env?: Record<string, string> };
  const doc = parse(text) as { jobs: Record<string, { outputs?: Record<string, string>; steps: Step[] }> };

  test('the tag job outputs the image\'s own tag variables beside the family\'s, and both bake jobs read them', () => {
    expect(Object.keys(doc.jobs.tag.outputs ?? {})).toEqual(expect.arrayContaining(['APP_TAG', 'APP_TAGS', 'APP_WORKER_TAG', 'APP_WORKER_TAGS']));
    for (const job of ['build', 'publish']) {
      expect(doc.jobs[job].steps.find((s) => s.id === 'bake')?.env).toMatchObject({
        APP_TAGS: '${{ needs.tag.outputs.APP_TAGS }}',
        APP_WORKER_TAG: '${{ needs.tag.outputs.APP_WORKER_TAG }}',
        APP_WORKER_TAGS: '${{ needs.tag.outputs.APP_WORKER_TAGS }}',
      });
    }
  });

  test('actionlint and the hardening rules report nothing', async () => {
    expect(await actionlint(text, '.github/workflows/containers.yml')).toEqual([]);
    const permissions: PermissionAllowList = { tag: { contents: 'read' }, build: { contents: 'read' }, publish: { contents: 'read', packages: 'write' } };
    expect(checkWorkflow(parseWorkflow(text), { lock: ACTION_PINS, permissions })).toEqual([]);
  });
});
