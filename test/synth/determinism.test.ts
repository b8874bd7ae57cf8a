import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Project, typescript } from 'projen';
import { describe, expect, test } from 'vitest';
import { addFlowPipeModel } from './flow-pipe-model';
import { synthFiles } from './pipeline-fixture';

const ROOT = resolve(__dirname, '..', '..');

/** The flow-pipe model synthesized in this process. */
function synthFlowPipe(): Record<string, string> {
  const project = new Project({ name: 'flow-pipe' });
  new typescript.ProjenrcTs(project);
  addFlowPipeModel(project);
  return synthFiles(project);
}

interface ChildOutput {
  readonly locale: string;
  readonly timezoneOffset: number;
  readonly flowPipe: Record<string, string>;
  readonly collation: Record<string, string>;
}

/** Runs determinism-child.ts with the given locale and time zone (cwd is the repository, never a temp dir). */
function synthInChild(locale: string, timeZone: string): ChildOutput {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LANG: locale, LC_ALL: locale, TZ: timeZone };
  const stdout = execFileSync(process.execPath, [
    require.resolve('ts-node/dist/bin'), '--transpile-only', '--project', join(ROOT, 'test', 'tsconfig.json'), join(__dirname, 'determinism-child.ts'),
  ], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as ChildOutput;
}

/**
 * `files` without the indexes projen itself sorts with `localeCompare` (.projen/files.json, .gitattributes): their
 * order follows the locale whatever this library does.
 */
function withoutProjenIndexes(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => !['.projen/files.json', '.gitattributes'].includes(path)));
}

describe('determinism', () => {
  test('the flow-pipe model synthesizes to the committed example files', () => {
    // GIVEN the model of examples/flow-pipe/.projenrc.ts WHEN synthesized
    const files = synthFlowPipe();
    // THEN the container files are those committed beside the example
    for (const path of ['runtime/docker/Dockerfile', '.dockerignore', 'Makefile', 'docker-bake.json', 'CONTAINERS.md', '.github/workflows/containers.yml']) {
      expect(files[path], path).toBe(readFileSync(join(ROOT, 'examples', 'flow-pipe', path), 'utf8'));
    }
  });

  test('synthesizing the flow-pipe model twice in one process gives byte-identical files', () => {
    expect(synthFlowPipe()).toStrictEqual(synthFlowPipe());
  });

  test('the locale (LANG, LC_ALL) and time zone (TZ) do not change any file', () => {
    // GIVEN two processes with different locales and time zones (Estonian collation sorts "z" before "t")
    const c = synthInChild('C.UTF-8', 'UTC');
    const et = synthInChild('et_EE.UTF-8', 'Pacific/Kiritimati');
    // THEN the settings took effect
    expect([c.locale, c.timezoneOffset]).toStrictEqual(['en-US', 0]);
    expect([et.locale, et.timezoneOffset]).toStrictEqual(['et-EE', -840]);
    // AND every file is byte-identical, and identical to this process's synthesis
    expect(withoutProjenIndexes(et.flowPipe)).toStrictEqual(withoutProjenIndexes(c.flowPipe));
    expect(withoutProjenIndexes(et.collation)).toStrictEqual(withoutProjenIndexes(c.collation));
    expect(withoutProjenIndexes(c.flowPipe)).toStrictEqual(withoutProjenIndexes(synthFlowPipe()));
    // AND ids are ordered by code unit (the Makefile lists families in plan order)
    const makefile = c.collation.Makefile;
    const order = ['a-c', 'a_b', 'tools', 'zlib'].map((id) => makefile.indexOf(`build-${id}:`));
    expect(order.every((pos, i) => pos >= 0 && (i === 0 || pos > order[i - 1]))).toBe(true);
  }, 120_000);
});
