import { describe, expect, test } from 'vitest';
import { disposeProject, newPipeline, PIPELINE_PATH, synthFiles, validationErrorOf, validationMessage } from './pipeline-fixture';
import { ImageSource, Mount } from '../../src';
import { Diagnostics } from '../../src/core/diagnostics';
import { DEFAULT_EXCLUDES, isIgnored, planDockerignores } from '../../src/synth/dockerignore';
import { PipelineIndex } from '../../src/synth/pipeline-index';

describe('isIgnored', () => {
  test.each<[string, string[], boolean]>([
    ['a.txt', [], false],
    ['src/a.c', ['**'], true],
    ['src/a.c', ['**', '!src'], false],
    ['src/a.c', ['**', '!src/**'], false],
    ['src', ['**', '!src/**'], true],
    ['src/a.c', ['**', '!src', 'src/*.c'], true],
    ['src/a.c', ['**', 'src/*.c', '!src'], false],
    ['a.txt', ['!a.txt'], false],
    ['.git', ['**/.git'], true],
    ['a/b/.git', ['**/.git'], true],
    ['.git/config', ['**/.git'], true],
    ['a.git', ['**/.git'], false],
    ['x.pem', ['**/*.pem'], true],
    ['keys/deep/x.pem', ['**/*.pem'], true],
    ['.env.local', ['**/.env.*'], true],
    ['docs/readme.md', ['docs'], true],
    ['docsx/a', ['docs'], false],
    ['src/a.c', ['/src'], true],
    ['src/a.c', ['src/'], true],
    ['src/a.c', ['./src'], true],
    ['a.txt', ['?.txt'], true],
    ['ab.txt', ['?.txt'], false],
    ['a/b', ['a?b'], false],
    ['a1', ['a[0-9]'], true],
    ['ab', ['a[!0-9]'], true],
    ['a1', ['a[!0-9]'], false],
    ['src/deep/x.c', ['src/*.c'], false],
    ['src/deep/x.c', ['src/**/*.c'], true],
    ['src/x.c', ['src/**/*.c'], true],
    ['a+b(c)', ['a+b(c)'], true],
    ['axb', ['a.b'], false],
  ])('%j with %j → %s', (path, patterns, expected) => {
    expect(isIgnored(path, patterns)).toBe(expected);
  });
});

describe('planDockerignores', () => {
  test('allow-lists every COPY and bind-mount source of every stage, then the default and user excludes', () => {
    // GIVEN an image and a build stage reading files, a glob, a bind mount and a COPY --from (not a context read)
    const { project, containers } = newPipeline();
    const app = containers.addFamily('app');
    const runtime = app.addImage('runtime', { from: ImageSource.scratch() });
    const build = runtime.addStage('build', { from: ImageSource.scratch() });
    build.copy(['./runtime/src/', 'src/*.c'], '/src/');
    build.run(['make'], { mounts: [Mount.bind({ target: '/go.mod', source: 'go.mod' }), Mount.cache({ target: '/c' })] });
    runtime.copy(['/out/app'], '/app', { from: build });
    runtime.copy(['LICENSE'], '/licenses/');
    const d = new Diagnostics();
    // WHEN
    const plans = planDockerignores(new PipelineIndex(containers, d), ['*.log'], d);
    // THEN
    expect(plans).toStrictEqual([{
      path: '.dockerignore',
      context: '.',
      patterns: [
        '**',
        '!LICENSE', '!LICENSE/**',
        '!go.mod', '!go.mod/**',
        '!runtime/src', '!runtime/src/**',
        '!src/*.c',
        ...DEFAULT_EXCLUDES,
        '*.log',
      ],
    }]);
    expect(d.errors).toStrictEqual([]);
    disposeProject(project);
  });

  test('a COPY of the whole context writes no allow-list', () => {
    const { project, containers } = newPipeline();
    const runtime = containers.addFamily('app').addImage('runtime', { from: ImageSource.scratch() });
    runtime.copy(['.'], '/app/');
    runtime.copy(['src'], '/app/src/');
    const d = new Diagnostics();
    expect(planDockerignores(new PipelineIndex(containers, d), [], d)).toStrictEqual([{ path: '.dockerignore', context: '.', patterns: [...DEFAULT_EXCLUDES] }]);
    disposeProject(project);
  });

  test('one plan per build context, in context order; a context nothing reads excludes everything', () => {
    // GIVEN families in two contexts, created in reverse order
    const { project, containers } = newPipeline();
    containers.addFamily('svc', { context: 'services/svc' }).addImage('svc', { from: ImageSource.scratch() }).copy(['main.go'], '/src/');
    containers.addFamily('app').addImage('runtime', { from: ImageSource.scratch() });
    const d = new Diagnostics();
    // WHEN/THEN
    expect(planDockerignores(new PipelineIndex(containers, d), [], d)).toStrictEqual([
      { path: '.dockerignore', context: '.', patterns: ['**', ...DEFAULT_EXCLUDES] },
      { path: 'services/svc/.dockerignore', context: 'services/svc', patterns: ['**', '!main.go', '!main.go/**', ...DEFAULT_EXCLUDES] },
    ]);
    disposeProject(project);
  });

  const USER_FIX = 'remove or narrow it in the dockerignorePatterns option of Containers, or re-include the path with a "!" pattern after it';
  const DEFAULT_FIX = 'it is a default exclude (secrets, VCS data and dependencies never reach the builder): copy from another path';
  test.each<[string, string, string[], string, string]>([
    ['a user pattern', 'runtime/src', ['runtime'], 'runtime', USER_FIX],
    ['a default exclude', '.env', [], '**/.env', DEFAULT_FIX],
    ['a user pattern excluding a glob', 'src/*.c', ['src'], 'src', USER_FIX],
    ['a user pattern equal to a default exclude', '.env', ['**/.env'], '**/.env', USER_FIX],
  ])('reports a COPY source excluded by %s, naming the instruction, the pattern and the fix', (_name, source, patterns, pattern, fix) => {
    // GIVEN a source the final patterns exclude
    const { project, containers } = newPipeline();
    const runtime = containers.addFamily('app').addImage('runtime', { from: ImageSource.scratch() });
    runtime.copy([source], '/app/');
    const d = new Diagnostics();
    // WHEN
    planDockerignores(new PipelineIndex(containers, d), patterns, d);
    // THEN
    expect(d.errors).toStrictEqual([{
      level: 'error',
      path: `${PIPELINE_PATH}/app/runtime/instruction.0`,
      message: `"${source}" would be excluded from the build context "." by the .dockerignore pattern "${pattern}"; ${fix}`,
    }]);
    disposeProject(project);
  });

  test('reports a bind-mount source excluded by a user pattern', () => {
    const { project, containers } = newPipeline();
    const runtime = containers.addFamily('app').addImage('runtime', { from: ImageSource.scratch() });
    runtime.copy(['bin'], '/bin/');
    runtime.run(['true'], { mounts: [Mount.bind({ target: '/cfg', source: 'config/app.yaml' })] });
    const d = new Diagnostics();
    planDockerignores(new PipelineIndex(containers, d), ['**/*.yaml'], d);
    expect(d.errors.map((e) => `[${e.path}] ${e.message}`)).toStrictEqual([
      `[${PIPELINE_PATH}/app/runtime/instruction.1] "config/app.yaml" would be excluded from the build context "." by the .dockerignore pattern "**/*.yaml"; ${USER_FIX}`,
    ]);
    disposeProject(project);
  });

  test('a glob COPY source is allow-listed as written and not reported (regression: it was matched against the allow-list)', () => {
    const { project, containers } = newPipeline();
    const runtime = containers.addFamily('app').addImage('runtime', { from: ImageSource.scratch() });
    runtime.copy(['conf/app[12].toml'], '/etc/app/');
    const d = new Diagnostics();
    const [plan] = planDockerignores(new PipelineIndex(containers, d), ['**/*.log', '**/*.log'], d);
    expect(d.errors).toStrictEqual([]);
    expect(plan.patterns).toStrictEqual(['**', '!conf/app[12].toml', ...DEFAULT_EXCLUDES, '**/*.log']);
    disposeProject(project);
  });
});

describe('generated .dockerignore files', () => {
  test('are written per context, with the marker, allow-list and excludes', () => {
    // GIVEN two families in two contexts
    const { project, containers } = newPipeline({ dockerignorePatterns: ['**/*.tmp'] });
    containers.addFamily('app').addImage('runtime', { from: ImageSource.scratch() }).copy(['bin/app'], '/app');
    containers.addFamily('svc', { context: 'svc' }).addImage('svc', { from: ImageSource.scratch() }).copy(['.'], '/src/');
    // WHEN
    const files = synthFiles(project);
    // THEN
    expect(files['.dockerignore']).toBe([
      '# ~~ Generated by projen. To modify, edit .projenrc.js and run "npx projen".',
      '**', '!bin/app', '!bin/app/**', '**/.git', '**/.env', '**/.env.*', '**/node_modules', '**/*.pem', '**/*.tmp', '',
    ].join('\n'));
    expect(files['svc/.dockerignore']).toBe([
      '# ~~ Generated by projen. To modify, edit .projenrc.js and run "npx projen".',
      '**/.git', '**/.env', '**/.env.*', '**/node_modules', '**/*.pem', '**/*.tmp', '',
    ].join('\n'));
  });

  test('synthesis fails when a user pattern excludes a COPY source', () => {
    const { project, containers } = newPipeline({ dockerignorePatterns: ['docs'] });
    containers.addFamily('app').addImage('runtime', { from: ImageSource.scratch() }).copy(['docs/index.html'], '/www/');
    expect(validationErrorOf(() => synthFiles(project)).message).toBe(validationMessage(
      `[${PIPELINE_PATH}/app/runtime/instruction.0] "docs/index.html" would be excluded from the build context "." by the .dockerignore pattern "docs"; `
      + 'remove or narrow it in the dockerignorePatterns option of Containers, or re-include the path with a "!" pattern after it',
    ));
  });
});
