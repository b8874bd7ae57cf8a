/**
 * The project type as a user meets it: `npx projen new --from <packed tarball>` in an empty directory creates a
 * TypeScript project with the Go service example, its first `npx projen` regenerates the same pipeline from the
 * pipeline module the project was given, and `npx projen build` (compile, the pipeline snapshot test, lint, package)
 * passes. With the engine, the project's own `make build` builds the example on the Debian Go toolchain of the local
 * registry and the image answers as its sources say.
 *
 * The other examples are checked in-process (test/project-type/project-type.test.ts); one full project keeps this
 * file within a few minutes. Wall times of creation, first synth, build and first `make build` go to stderr and, when
 * PROJEN_CONTAINERS_TIMINGS names a file, into that file as JSON. PROJEN_CONTAINERS_KEEP_CONSUMER=1 keeps the project.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { make, MINUTES } from '../e2e/example-make';
import { describeEngine, docker, httpAnswer, REGISTRY_ADDRESS, registryTags, uniqueTag } from '../support/engine';
import { packLibrary, run } from '../support/packed-library';

/** The pipeline files of the Go example (family `services`, image `hello`, root Dockerfile). */
const PIPELINE_FILES = ['.dockerignore', '.github/workflows/containers.yml', 'CONTAINERS.md', 'Dockerfile', 'Makefile', 'docker-bake.json'];
/** The files written once for the user. */
const SAMPLE_FILES = ['projenrc/containers.ts', 'services/hello/go.mod', 'services/hello/go.sum', 'services/hello/main.go', 'test/containers.test.ts'];
/** Debian bookworm minbase + golang-go (scripts/provision-engine.sh). */
const GO_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:golang-bookworm`;
/** npm answers from its cache when it can (the packages of a TypeScript project are usually there). */
const NPM_ENV = { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

const timings: Record<string, number> = {};

/** Runs `fn` and, when it succeeds, records its wall time under `name` (seconds, one decimal) and prints it. */
function timed<T>(name: string, fn: () => T): T {
  const start = process.hrtime.bigint();
  const result = fn();
  timings[name] = Math.round(Number(process.hrtime.bigint() - start) / 1e8) / 10;
  process.stderr.write(`[project-type] ${name}: ${timings[name]} s\n`);
  return result;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('a project created with `projen new --from` the packed library', () => {
  let scratch: string;
  let dir: string;
  let created: Record<string, string>;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'projen-containers-project-type-'));
    const tarball = packLibrary(scratch);
    dir = join(scratch, 'hello-containers');
    mkdirSync(dir);
    timed('projen new', () => run('npx', ['--yes', 'projen@0.103.25', 'new', '--from', `projen-containers@file:${tarball}`, '--projen-version', '0.103.25',
      '--containers-sample', 'go-service', '--no-git'], dir, NPM_ENV));
    created = Object.fromEntries(PIPELINE_FILES.filter((f) => existsSync(join(dir, f))).map((f) => [f, sha256(join(dir, f))]));
    if (process.env.PROJEN_CONTAINERS_KEEP_CONSUMER === '1') process.stderr.write(`project: ${dir}\n`);
  }, 15 * MINUTES);

  afterAll(() => {
    const file = process.env.PROJEN_CONTAINERS_TIMINGS;
    if (file) writeFileSync(file, `${JSON.stringify(timings, null, 2)}\n`);
    if (scratch && process.env.PROJEN_CONTAINERS_KEEP_CONSUMER !== '1') rmSync(scratch, { recursive: true, force: true });
  });

  test('creation writes the pipeline files, the example, and a .projenrc.ts that builds the pipeline from its module', () => {
    expect(Object.keys(created).sort()).toStrictEqual(PIPELINE_FILES);
    for (const f of SAMPLE_FILES) expect(existsSync(join(dir, f)), f).toBe(true);
    const rc = readFileSync(join(dir, '.projenrc.ts'), 'utf8');
    // projen's lint at creation turns the double quotes projen writes into single ones
    // the project type lives in the library's `projects` submodule: one namespace import for the class and the example enum
    expect(rc).toMatch(/^import \{ projects \} from ["']projen-containers["'];$/m);
    expect(rc).toMatch(/^const project = new projects\.ContainersTypeScriptProject\(\{$/m);
    expect(rc).toMatch(/containersSample: projects\.ContainersSample\.GO_SERVICE,/);
    expect(rc).toMatch(/^import \{ definePipeline \} from ["']\.\/projenrc\/containers["'];$/m);
    expect(rc).toMatch(/\ndefinePipeline\(project\.containers\);\n(\n)?project\.synth\(\);$/);
    expect(rc).toMatch(/registry: ["']ghcr\.io\/my-org["']/);
    expect(readFileSync(join(dir, 'projenrc/containers.ts'), 'utf8')).toContain("new GoService(services, 'hello', {");
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['projen-containers', 'ts-morph', 'projen']));
    // the API reference ships with the package: API.md and the page of the projects submodule it links to
    const installed = join(dir, 'node_modules', 'projen-containers');
    expect(readFileSync(join(installed, 'API.md'), 'utf8')).toContain('- [projects](./projects.md)');
    expect(readFileSync(join(installed, 'projects.md'), 'utf8')).toContain('### ContainersTypeScriptProject ');
    expect(readFileSync(join(dir, 'Makefile'), 'utf8')).toContain('SERVICES_GO_IMAGE ?= golang:1.23-bookworm');
  });

  test('the first `npx projen` regenerates the same pipeline from projenrc/containers.ts and keeps the example', () => {
    const before = Object.fromEntries(SAMPLE_FILES.map((f) => [f, sha256(join(dir, f))]));
    writeFileSync(join(dir, 'services/hello/main.go'), readFileSync(join(dir, 'services/hello/main.go'), 'utf8').replace('hello from hello', 'hello from an edited hello'));
    timed('first npx projen', () => run('npx', ['projen'], dir, NPM_ENV));
    const after = Object.fromEntries(PIPELINE_FILES.map((f) => [f, sha256(join(dir, f))]));
    expect(after).toStrictEqual(created);
    // sample files are never overwritten: the edit stays, the others are as created
    expect(readFileSync(join(dir, 'services/hello/main.go'), 'utf8')).toContain('hello from an edited hello');
    for (const f of SAMPLE_FILES.filter((s) => s !== 'services/hello/main.go')) expect(sha256(join(dir, f)), f).toBe(before[f]);
  }, 5 * MINUTES);

  test('`npx projen build` passes: compile, the pipeline snapshot test, lint and package', () => {
    const log = timed('npx projen build', () => run('npx', ['projen', 'build'], dir, NPM_ENV));
    expect(log).not.toMatch(/snapshots? failed/i);
    const snapshot = readFileSync(join(dir, 'test/__snapshots__/containers.test.ts.snap'), 'utf8');
    for (const f of PIPELINE_FILES) expect(snapshot).toContain(`"${f}":`);
    expect(snapshot).toContain('SERVICES_GO_IMAGE ?= golang:1.23-bookworm');
    expect(readdirSync(join(dir, 'dist/js')).some((f) => f.endsWith('.tgz'))).toBe(true);
  }, 10 * MINUTES);

  describeEngine('the created project on the engine', () => {
    const registry = `${REGISTRY_ADDRESS}/${uniqueTag('project-type')}`;
    const image = `${registry}/services-hello:e2e`;

    afterAll(() => {
      spawnSync('docker', ['image', 'rm', '--force', image], { stdio: 'ignore' });
    });

    test('`make build` builds the example on the local Go toolchain and the image answers', async () => {
      if (!(await registryTags('testbase/toolchain')).includes('golang-bookworm')) {
        throw new Error(`${GO_IMAGE} is not in the local registry: run \`npx projen engine:provision\` (scripts/provision-engine.sh builds it from Debian packages)`);
      }
      timed('first make build', () => make(dir, ['build', `REGISTRY=${registry}`, 'TAG=e2e', `SERVICES_GO_IMAGE=${GO_IMAGE}`, 'PLATFORMS=linux/amd64']));
      expect(JSON.parse(docker(['image', 'inspect', '--format', '{{json .Config.User}}', image]))).toBe('10001:10001');
      const name = uniqueTag('project-type-hello');
      docker(['run', '-d', '--name', name, '-p', '127.0.0.1::8080', image]);
      try {
        const published = docker(['port', name, '8080/tcp']).trim().split('\n')[0];
        const body = await httpAnswer(published);
        // the edited greeting of the earlier test: the image builds the user's sources
        expect(body.trim()).toBe('hello from an edited hello');
        docker(['exec', name, '/usr/local/bin/hello', '--healthcheck']);
      } finally {
        spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
      }
    }, MINUTES);
  });
});
