/**
 * Hostile refs, events and branch names (shell and make syntax, quotes, `..`, leading `-`, non-ASCII) reach the tag
 * rules' Makefile only through git and GitHub's variables: nothing runs, make never fails, and every tag it prints is
 * a valid Docker tag (or the fallback).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ImageSource, TagRule } from '../../src';
import { isTag } from '../../src/reference/image-reference';
import { git, make, removeWorkspaces, workspace } from '../make/make-harness';
import { randomStrings } from '../make/random-strings';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

afterAll(removeWorkspaces);

const HOSTILE = [
  ...randomStrings(24, 6006),
  '-x', '--push', '..', '.hidden', 'a\nb', 'a\rb', '${{ github.head_ref }}', 'x'.repeat(300), 'é/ü', '%', '$(shell touch PWNED)',
];

describe('tag rules with hostile refs', () => {
  let dir: string;
  beforeAll(() => {
    const { containers } = newPipeline();
    containers.addFamily('app', {
      tags: [TagRule.semver('{{version}}'), TagRule.branch({ suffix: '-{{sha}}' }), TagRule.tag(), TagRule.pr(), TagRule.raw('r-{{branch}}'), TagRule.sha()],
    }).addImage('web', { from: ImageSource.registry('ubuntu:24.04'), user: '10001' });
    synthFiles(containers.project);
    dir = workspace(containers._plan);
    git(dir, 'init', '-q', '-b', 'main');
    writeFileSync(join(dir, 'README'), 'hello\n');
    git(dir, 'add', 'README');
    git(dir, 'commit', '-q', '-m', 'first');
  });

  test.each(HOSTILE.map((s) => [JSON.stringify(s), s] as const))('%s', (_name, value) => {
    const envs: Array<Record<string, string>> = [
      { GITHUB_REF: `refs/heads/${value}`, GITHUB_EVENT_NAME: value },
      { GITHUB_REF: `refs/tags/${value}`, GITHUB_HEAD_REF: value },
      { GITHUB_REF: `refs/pull/${value}/merge`, GITHUB_EVENT_NAME: 'pull_request' },
    ];
    for (const env of envs) {
      const result = make(dir, ['-s', 'print-tags'], env);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const list = /^APP_TAGS=(.*)$/m.exec(result.stdout)?.[1] ?? '';
      const tags = list.split(' ');
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) expect(isTag(tag), `${JSON.stringify(tag)} from ${JSON.stringify(env)}`).toBe(true);
    }
    expect(existsSync(join(dir, 'PWNED'))).toBe(false);
  });
});
