/**
 * The committed workflows of every bundled example (examples/<name>/.github/workflows/*.yml, e.g. seed 001's two
 * workflows in python-runtime-app and seed 002's pull-request images in ci-image) pass the hardening rules and
 * actionlint, like the generated shapes in declared-workflows.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { actionlint } from './actionlint';
import { checkWorkflow, parseWorkflow, PermissionAllowList } from './rules';
import { ACTION_PINS } from '../../src/workflow';

const EXAMPLES = resolve(__dirname, '..', '..', 'examples');

/** `[<example>/<file>, path below the example, content]` of every committed example workflow. */
const WORKFLOWS: Array<[string, string, string]> = readdirSync(EXAMPLES).sort().flatMap((name) => {
  const dir = join(EXAMPLES, name, '.github', 'workflows');
  return existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith('.yml')).sort()
      .map((f): [string, string, string] => [`${name}/${f}`, `.github/workflows/${f}`, readFileSync(join(dir, f), 'utf8')])
    : [];
});

/** GA-4 allow-list: what any job of a generated workflow may hold. */
const ALLOWED: PermissionAllowList = {
  'tag': { contents: 'read' },
  'build': { contents: 'read' },
  'publish': { contents: 'read', packages: 'write' },
  'changes': { contents: 'read' },
  'pr-images': { contents: 'read', packages: 'write' },
  'pr-build': { contents: 'read' },
  'pr-comment': { 'pull-requests': 'write' },
  'pr-cleanup': { packages: 'write' },
  // keyless cosign (multiarch-services): the OIDC token only here
  'sign': { 'contents': 'read', 'packages': 'write', 'id-token': 'write' },
};

test('the seed examples have their workflows', () => {
  const names = WORKFLOWS.map(([name]) => name);
  expect(names).toEqual(expect.arrayContaining(['python-runtime-app/build-app.yml', 'python-runtime-app/build-runtime.yml', 'ci-image/build-ci-image.yml']));
});

test.each(WORKFLOWS)('%s: every hardening rule reports nothing', (_name, _path, yaml) => {
  expect(checkWorkflow(parseWorkflow(yaml), { lock: ACTION_PINS, permissions: ALLOWED })).toEqual([]);
});

test.each(WORKFLOWS)('%s: actionlint reports nothing', async (_name, path, yaml) => {
  expect(await actionlint(yaml, path)).toEqual([]);
});
