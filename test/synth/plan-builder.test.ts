import { describe, expect, test } from 'vitest';
import { newPipeline, PIPELINE_PATH, synthFiles, validationErrorOf, validationMessage } from './pipeline-fixture';
import { Containers, FamilyTag, ImageRole, ImageSource, Protocol } from '../../src';
import type { BuildPlan } from '../../src/plan/build-plan';

/** Synthesizes the pipeline's project and returns the plan it was built from. */
function planOf(containers: Containers): BuildPlan {
  synthFiles(containers.project);
  return containers._plan;
}

describe('buildPlan', () => {
  test('a small pipeline, field by field', () => {
    // GIVEN one family with a runtime built on a registry image and a dev image built on it, for a subset of its platforms
    const { containers } = newPipeline({ platforms: ['linux/amd64'], sourceUrl: 'https://github.com/acme/app' });
    const app = containers.addFamily('app', { description: 'The app', platforms: ['linux/amd64', 'linux/arm64'] });
    const runtime = app.addImage('runtime', { from: ImageSource.registry('ubuntu:24.04'), description: 'Runs it' });
    runtime.expose(8080);
    runtime.expose(53, Protocol.UDP);
    app.addImage('dev', { from: ImageSource.stage(runtime), platforms: ['linux/arm64'] });
    // WHEN
    const { dockerfiles, ...plan } = planOf(containers);
    // THEN
    expect(dockerfiles.map((f) => [f.path, f.directive])).toStrictEqual([['docker/app/Dockerfile', undefined]]);
    const labels = (description?: string) => [
      ...(description ? [{ key: 'org.opencontainers.image.description', value: { kind: 'literal', text: description } }] : []),
      { key: 'org.opencontainers.image.created', value: { kind: 'variable', name: 'GIT_CREATED' } },
      { key: 'org.opencontainers.image.revision', value: { kind: 'variable', name: 'GIT_REVISION' } },
      { key: 'org.opencontainers.image.source', value: { kind: 'literal', text: 'https://github.com/acme/app' } },
    ];
    const titled = (repository: string, description?: string) => [
      ...labels(description),
      { key: 'org.opencontainers.image.title', value: { kind: 'literal', text: repository } },
      { key: 'org.opencontainers.image.version', value: { kind: 'variable', name: 'APP_TAG' } },
    ].sort((a, b) => (a.key < b.key ? -1 : 1));
    // the labels' keys and values as annotations: on the manifests, and on the index of a multi-platform image
    const annotated = (levels: string[], list: ReturnType<typeof titled>) => levels.flatMap((level) => list.map((l) => ({ level, ...l })));
    expect(plan).toStrictEqual({
      registry: 'ghcr.io/acme',
      platforms: ['linux/amd64'],
      images: [
        {
          id: 'app-runtime',
          family: 'app',
          name: 'runtime',
          repository: 'app-runtime',
          tagVariable: 'APP_TAG',
          dockerfile: 'docker/app/Dockerfile',
          context: '.',
          target: 'runtime',
          dependsOn: [],
          externalParents: [],
          parentContexts: [],
          buildArgs: [{ name: 'RUNTIME_BASE_IMAGE', variable: 'APP_RUNTIME_BASE_IMAGE' }],
          platforms: ['linux/amd64', 'linux/arm64'],
          description: 'Runs it',
          ports: ['8080/tcp', '53/udp'],
          imageVariable: 'APP_RUNTIME_IMAGE',
          portsVariable: 'APP_RUNTIME_PORTS',
          aliases: [],
          labels: titled('app-runtime', 'Runs it'),
          annotations: annotated(['index', 'manifest'], titled('app-runtime', 'Runs it')),
        },
        {
          id: 'app-dev',
          family: 'app',
          name: 'dev',
          repository: 'app-dev',
          tagVariable: 'APP_TAG',
          dockerfile: 'docker/app/Dockerfile',
          context: '.',
          target: 'dev',
          dependsOn: ['app-runtime'],
          externalParents: [],
          parentContexts: [{ name: 'runtime', image: 'app-runtime' }],
          buildArgs: [{ name: 'RUNTIME_BASE_IMAGE', variable: 'APP_RUNTIME_BASE_IMAGE' }],
          platforms: ['linux/arm64'],
          description: undefined,
          ports: [],
          imageVariable: 'APP_DEV_IMAGE',
          portsVariable: 'APP_DEV_PORTS',
          aliases: [],
          labels: titled('app-dev'),
          annotations: annotated(['manifest'], titled('app-dev')),
        },
      ],
      families: [{
        id: 'app',
        images: ['app-runtime', 'app-dev'],
        tagVariable: 'APP_TAG',
        tag: { templates: ['{version}', '{branch}'], constants: [], fallback: 'dev' },
        description: 'The app',
      }],
      variables: [{
        name: 'APP_RUNTIME_BASE_IMAGE',
        defaultValue: 'ubuntu:24.04',
        description: 'Base image passed as build argument RUNTIME_BASE_IMAGE (family app)',
      }],
      workflows: [{
        path: 'Project#test@<root>/Containers',
        name: 'containers',
        fileName: 'containers.yml',
        images: ['app-runtime', 'app-dev'],
        allImages: true,
        triggers: {
          push: { branches: ['main'], tags: ['v*'], paths: [], pathsIgnore: [], types: [] },
          pullRequest: { branches: ['main'], tags: [], paths: [], pathsIgnore: [], types: [] },
          dispatch: { inputs: [] },
          schedule: [],
        },
        registry: { kind: 'literal', registry: 'ghcr.io/acme' },
        usernameSecret: undefined,
        passwordSecret: undefined,
        runsOn: 'ubuntu-24.04',
        platformRunners: {},
        timeoutMinutes: 60,
        parentTag: 'latest',
        pullRequestImages: undefined,
      }],
      sourceUrl: 'https://github.com/acme/app',
      defaultBranch: 'main',
      outputs: { makefile: 'Makefile', bakeFile: 'docker-bake.json', docs: 'CONTAINERS.md', workflows: ['.github/workflows/containers.yml'] },
      dockerignores: [{ path: '.dockerignore', context: '.', patterns: ['**', '**/.git', '**/.env', '**/.env.*', '**/node_modules', '**/*.pem'] }],
      make: { targetPrefix: '', defaultGoal: 'help', targets: [] },
      pins: { lockFile: 'containers.lock.json', references: ['ubuntu:24.04'], urls: [], variables: [{ variable: 'APP_RUNTIME_BASE_IMAGE', reference: 'ubuntu:24.04' }] },
    });
  });

  test('images are in topological order, ties broken by id, whatever the creation order', () => {
    // GIVEN zeta (no parent), alpha built on zeta, mid (no parent), omega copying from alpha
    const { containers } = newPipeline();
    const fam = containers.addFamily('fam');
    const zeta = fam.addImage('zeta', { from: ImageSource.scratch() });
    const alpha = fam.addImage('alpha', { from: ImageSource.stage(zeta) });
    fam.addImage('mid', { from: ImageSource.scratch() });
    fam.addImage('omega', { from: ImageSource.scratch() }).copy(['/a'], '/a', { from: alpha });
    // WHEN
    const plan = planOf(containers);
    // THEN
    expect(plan.images.map((i) => [i.id, i.dependsOn])).toStrictEqual([
      ['fam-zeta', []],
      ['fam-alpha', ['fam-zeta']],
      ['fam-mid', []],
      ['fam-omega', ['fam-alpha']],
    ]);
    expect(plan.families.map((f) => f.images)).toStrictEqual([['fam-zeta', 'fam-alpha', 'fam-mid', 'fam-omega']]);
  });

  test('parents: a FROM or COPY --from image, a build stage\'s parent, and across Dockerfiles the image id as context name and the image variable as build argument', () => {
    // GIVEN base and sdk in one family, an app (own Dockerfile) built on base whose build stage is FROM sdk
    const { containers } = newPipeline();
    const core = containers.addFamily('core');
    const base = core.addImage('base', { from: ImageSource.scratch() });
    const sdk = core.addImage('sdk', { from: ImageSource.scratch() });
    const apps = containers.addFamily('apps');
    const app = apps.addImage('app', { from: ImageSource.stage(base) });
    const build = app.addStage('build', { from: ImageSource.stage(sdk) });
    app.copy(['/out'], '/out', { from: build });
    const tool = core.addImage('tool', { from: ImageSource.stage(base) });
    tool.copy(['/x'], '/x', { from: sdk });
    // WHEN
    const plan = planOf(containers);
    // THEN
    const byId = Object.fromEntries(plan.images.map((i) => [i.id, i]));
    expect(byId['apps-app'].dependsOn).toStrictEqual(['core-base', 'core-sdk']);
    expect(byId['apps-app'].parentContexts).toStrictEqual([
      { name: 'core-base', image: 'core-base', buildArg: 'CORE_BASE_IMAGE' },
      { name: 'core-sdk', image: 'core-sdk', buildArg: 'CORE_SDK_IMAGE' },
    ]);
    expect(byId['core-tool'].dependsOn).toStrictEqual(['core-base', 'core-sdk']);
    expect(byId['core-tool'].parentContexts).toStrictEqual([{ name: 'base', image: 'core-base' }, { name: 'sdk', image: 'core-sdk' }]);
    expect(plan.images.map((i) => i.id)).toStrictEqual(['core-base', 'core-sdk', 'apps-app', 'core-tool']);
  });

  test('build arguments are per Dockerfile: every image of a file gets all of its global ARGs, sorted', () => {
    // GIVEN two families, one with two base images (one shared by two stages), one with an external family
    const { containers } = newPipeline();
    const ext = containers.addExternalFamily('flow-pipe', { registry: 'ghcr.io/hurdad', tag: '0.1.0', images: [{ name: 'dev', repository: 'flow-pipe-dev', role: ImageRole.SDK }] });
    const os = ImageSource.registry('ubuntu:24.04', { buildArg: 'OS_IMAGE' });
    const one = containers.addFamily('one');
    const a = one.addImage('a', { from: os });
    a.addStage('build', { from: os });
    one.addImage('b', { from: ImageSource.registry('alpine:3.20') });
    containers.addFamily('two').addImage('c', { from: ImageSource.external(ext.image('dev')) });
    // WHEN
    const plan = planOf(containers);
    // THEN
    const args = Object.fromEntries(plan.images.map((i) => [i.id, i.buildArgs]));
    const oneArgs = [{ name: 'B_BASE_IMAGE', variable: 'ONE_B_BASE_IMAGE' }, { name: 'OS_IMAGE', variable: 'ONE_OS_IMAGE' }];
    expect(args).toStrictEqual({
      'one-a': oneArgs,
      'one-b': oneArgs,
      'two-c': [{ name: 'FLOW_PIPE_REGISTRY', variable: 'FLOW_PIPE_REGISTRY' }, { name: 'FLOW_PIPE_TAG', variable: 'FLOW_PIPE_TAG' }],
    });
    expect(plan.variables).toStrictEqual([
      { name: 'FLOW_PIPE_REGISTRY', defaultValue: 'ghcr.io/hurdad', description: 'Registry of the external family flow-pipe' },
      { name: 'FLOW_PIPE_TAG', defaultValue: '0.1.0', description: 'Tag shared by every image of the external family flow-pipe' },
      { name: 'ONE_B_BASE_IMAGE', defaultValue: 'alpine:3.20', description: 'Base image passed as build argument B_BASE_IMAGE (family one)' },
      { name: 'ONE_OS_IMAGE', defaultValue: 'ubuntu:24.04', description: 'Base image passed as build argument OS_IMAGE (family one)' },
    ]);
  });

  test('families, variables and build arguments sort by code unit, not by locale', () => {
    // GIVEN ids whose locale order differs from code-unit order (ICU puts "_" before "-" and letters; Estonian "z" before "t")
    const { containers } = newPipeline();
    containers.addFamily('zlib').addImage('z', { from: ImageSource.scratch() });
    const tools = containers.addFamily('tools');
    tools.addImage('t', { from: ImageSource.registry('alpine:3.20', { buildArg: 'A_B' }) });
    tools.addImage('u', { from: ImageSource.registry('alpine:3.19', { buildArg: 'AB' }) });
    containers.addFamily('a_b').addImage('x', { from: ImageSource.scratch() });
    containers.addFamily('a-c').addImage('y', { from: ImageSource.scratch() });
    // WHEN
    const plan = planOf(containers);
    // THEN
    expect(plan.families.map((f) => f.id)).toStrictEqual(['a-c', 'a_b', 'tools', 'zlib']);
    expect(plan.variables.map((v) => v.name)).toStrictEqual(['TOOLS_AB', 'TOOLS_A_B']);
    expect(plan.images.find((i) => i.id === 'tools-t')!.buildArgs.map((a) => a.name)).toStrictEqual(['AB', 'A_B']);
    expect(plan.images.map((i) => i.id)).toStrictEqual(['a-c-y', 'a_b-x', 'tools-t', 'tools-u', 'zlib-z']);
  });

  test('a family tag policy and constants are planned as given, constants sorted', () => {
    const { containers } = newPipeline({ tag: FamilyTag.fixed('stable') });
    containers.addFamily('a').addImage('x', { from: ImageSource.scratch() });
    containers.addFamily('b', { tag: FamilyTag.templates(['{version}-{os}-{arch}'], { constants: { os: 'ubuntu', arch: 'amd64' }, fallback: 'dev-x' }) })
      .addImage('y', { from: ImageSource.scratch() });
    expect(planOf(containers).families.map((f) => f.tag)).toStrictEqual([
      { templates: ['stable'], constants: [], fallback: 'stable' },
      { templates: ['{version}-{os}-{arch}'], constants: [{ name: 'arch', value: 'amd64' }, { name: 'os', value: 'ubuntu' }], fallback: 'dev-x' },
    ]);
  });
});

describe('buildPlan clash detection', () => {
  test('one build argument with two different base images in one Dockerfile', () => {
    const { project, containers } = newPipeline();
    const app = containers.addFamily('app');
    app.addImage('a', { from: ImageSource.registry('ubuntu:24.04', { buildArg: 'OS_IMAGE' }) });
    app.addImage('b', { from: ImageSource.registry('ubuntu:22.04', { buildArg: 'OS_IMAGE' }) });
    expect(validationErrorOf(() => synthFiles(project)).message).toBe(validationMessage(
      `[${PIPELINE_PATH}/app/b] its Makefile and bake variable "APP_OS_IMAGE" (default "ubuntu:22.04") is also the Makefile and bake variable of ${PIPELINE_PATH}/app/a (default "ubuntu:24.04"); rename one of them`,
    ));
  });

  test('stage names that map to one build argument name (a-b and a_b)', () => {
    const { project, containers } = newPipeline();
    const app = containers.addFamily('app');
    app.addImage('a-b', { from: ImageSource.registry('alpine:3.20') });
    app.addImage('a_b', { from: ImageSource.registry('alpine:3.19') });
    const image = (v: string, what: string) => `[${PIPELINE_PATH}/app/a_b] its Makefile and bake variable "APP_A_B_${v}" (${what}) is also the Makefile and bake variable of ${PIPELINE_PATH}/app/a-b (${what}); rename one of them`;
    expect(validationErrorOf(() => synthFiles(project)).message).toBe(validationMessage(
      image('IMAGE', 'its full reference, make.imageVariable'),
      image('PORTS', 'ports of its run target, make.portsVariable'),
      `[${PIPELINE_PATH}/app/a_b] its Makefile and bake variable "APP_A_B_BASE_IMAGE" (default "alpine:3.19") is also the Makefile and bake variable of ${PIPELINE_PATH}/app/a-b (default "alpine:3.20"); rename one of them`,
    ));
  });

  test('two families with one tag variable (a-b and a_b)', () => {
    const { project, containers } = newPipeline();
    containers.addFamily('a-b').addImage('x', { from: ImageSource.scratch() });
    containers.addFamily('a_b').addImage('y', { from: ImageSource.scratch() });
    expect(validationErrorOf(() => synthFiles(project)).message).toBe(validationMessage(
      `[${PIPELINE_PATH}/a_b] its Makefile and bake variable "A_B_TAG" is also the Makefile and bake variable of ${PIPELINE_PATH}/a-b; rename one of them`,
    ));
  });

  test('a family tag variable that is also a build variable (an external family my.base beside a family my-base)', () => {
    const { project, containers } = newPipeline();
    const ext = containers.addExternalFamily('my.base', { registry: 'ghcr.io/other', tag: '1.0', images: [{ name: 'os', repository: 'base-os' }] });
    containers.addFamily('my-base').addImage('app', { from: ImageSource.external(ext.image('os')) });
    expect(validationErrorOf(() => synthFiles(project)).message).toBe(validationMessage(
      `[${PIPELINE_PATH}/my-base/app] its Makefile and bake variable "MY_BASE_TAG" (default "1.0") is also the Makefile and bake variable of ${PIPELINE_PATH}/my-base; rename one of them`,
    ));
  });

  test('images that depend on each other only through an unused build stage form a cycle', () => {
    // GIVEN b built FROM a, and a build stage of a (which a never uses) copying from b: no stage cycle, but an image cycle
    const { project, containers } = newPipeline();
    const fam = containers.addFamily('fam');
    const a = fam.addImage('a', { from: ImageSource.scratch() });
    const b = fam.addImage('b', { from: ImageSource.stage(a) });
    a.addStage('unused', { from: ImageSource.scratch() }).copy(['/x'], '/x', { from: b });
    // WHEN/THEN
    expect(validationErrorOf(() => synthFiles(project)).message).toBe(validationMessage(
      `[${PIPELINE_PATH}/fam/a] images depend on each other in a cycle: fam-a -> fam-b -> fam-a`,
    ));
  });
});
