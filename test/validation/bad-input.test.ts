/**
 * Bad input: every case builds a small pipeline with one mistake and expects synthesis to fail with a
 * PipelineValidationError whose message names the mistake under the construct path it belongs to.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'projen';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  Containers, ContainersProps, DockerfileSyntax, FamilyTag, Image, ImageRole, ImageSource, Mount,
} from '../../src';
import { PipelineValidationError } from '../../src/core/diagnostics';
import { digest, disposeProject, newPipeline, PIPELINE_PATH as P, synthFiles, validationErrorOf, validationMessage } from '../synth/pipeline-fixture';

/** An external flow-pipe family published at ghcr.io/hurdad with tag 0.1.0. */
function flowPipe(c: Containers, id = 'flow-pipe', tag = '0.1.0') {
  return c.addExternalFamily(id, {
    registry: 'ghcr.io/hurdad',
    tag,
    images: [
      { name: 'runtime', repository: 'flow-pipe-runtime', role: ImageRole.RUNTIME },
      { name: 'dev', repository: 'flow-pipe-dev', role: ImageRole.SDK },
    ],
  });
}

/** Family `app` with image `runtime` FROM scratch; `configure` adds the mistake. */
function app(configure: (image: Image, c: Containers) => void): (c: Containers) => void {
  return (c) => configure(c.addFamily('app').addImage('runtime', { from: ImageSource.scratch() }), c);
}

const SCRATCH = ImageSource.scratch();
const I0 = `${P}/app/runtime/instruction.0`;

/** [case, pipeline props, how the pipeline is built, construct path, message fragment]. */
const CASES: Array<[string, Partial<ContainersProps>, (c: Containers) => void, string, string]> = [
  // ids and names
  ['invalid family id', {}, (c) => c.addFamily('App').addImage('x', { from: SCRATCH }), `${P}/App`, 'family id "App" must be lowercase letters and digits'],
  ['invalid image id', {}, (c) => c.addFamily('app').addImage('Runtime', { from: SCRATCH }), `${P}/app/Runtime`, 'stage name "Runtime" must be lowercase'],
  ['invalid stage id', {}, app((i) => i.addStage('Build', { from: SCRATCH })), `${P}/app/runtime/Build`, 'stage name "Build" must be lowercase'],
  ['reserved stage name', {}, app((i) => i.addStage('context', { from: SCRATCH })), `${P}/app/runtime/context`, 'stage name "context" is reserved by BuildKit'],
  ['family without images', {}, (c) => c.addFamily('empty'), `${P}/empty`, 'family "empty" has no images; add one with addImage()'],
  [
    'two images with one image id',
    {},
    (c) => {
      c.addFamily('a').addImage('b-c', { from: SCRATCH, repository: 'one' });
      c.addFamily('a-b').addImage('c', { from: SCRATCH, repository: 'two' });
    },
    `${P}/a-b/c`,
    `image id "a-b-c" is also used by ${P}/a/b-c`,
  ],
  // registry and base references
  ['invalid registry (uppercase namespace)', { registry: 'ghcr.io/Acme' }, app(() => {}), P, 'registry "ghcr.io/Acme" is not a valid registry host and namespace'],
  ['invalid registry (URL)', { registry: 'https://ghcr.io/acme' }, app(() => {}), P, 'registry "https://ghcr.io/acme" is not a valid registry host and namespace'],
  [
    'uppercase base reference',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: ImageSource.registry('ghcr.io/Acme/base:1') }),
    `${P}/app/runtime`,
    'invalid image reference "ghcr.io/Acme/base:1": repository name must be lowercase',
  ],
  [
    'invalid base reference',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu:24.04;id') }),
    `${P}/app/runtime`,
    'invalid image reference "ubuntu:24.04;id": expected [host[:port]/]path[:tag][@sha256:<64 hex>]',
  ],
  [
    'too long base reference',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: ImageSource.registry(`ghcr.io/${'a'.repeat(250)}:1`) }),
    `${P}/app/runtime`,
    'name is longer than 255 characters',
  ],
  [
    'base digest in uppercase hex',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: ImageSource.registry(`ubuntu@sha256:${'A'.repeat(64)}`) }),
    `${P}/app/runtime`,
    'a sha256 digest must be 64 lowercase hex characters',
  ],
  [
    'short base digest',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu@sha256:abc123') }),
    `${P}/app/runtime`,
    'invalid image reference "ubuntu@sha256:abc123"',
  ],
  [
    'invalid base build-argument name',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu:24.04', { buildArg: 'OS-IMAGE' }) }),
    `${P}/app/runtime`,
    'build argument name "OS-IMAGE" must match [A-Za-z_][A-Za-z0-9_]*',
  ],
  // platforms
  ['invalid pipeline platform', { platforms: ['linux'] }, app(() => {}), P, 'platform "linux" is not valid, expected os/arch[/variant]'],
  [
    'invalid family platform',
    {},
    (c) => c.addFamily('app', { platforms: ['Linux/AMD64'] }).addImage('x', { from: SCRATCH }),
    `${P}/app`,
    'platform "Linux/AMD64" is not valid',
  ],
  [
    'invalid image platform',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, platforms: ['linux/amd64/'] }),
    `${P}/app/runtime`,
    'platform "linux/amd64/" is not valid',
  ],
  [
    'invalid FROM --platform',
    {},
    app((i) => i.addStage('build', { from: SCRATCH, platform: 'linux' })),
    `${P}/app/runtime/build`,
    'FROM --platform "linux" must be $BUILDPLATFORM, $TARGETPLATFORM or os/arch[/variant]',
  ],
  // the stage graph
  [
    'a cycle, naming the images on it',
    {},
    (c) => {
      const fam = c.addFamily('fam');
      const a = fam.addImage('a', { from: SCRATCH });
      const b = fam.addImage('b', { from: ImageSource.stage(a) });
      a.copy(['/x'], '/x', { from: b });
    },
    `${P}/fam/a`,
    `images and stages form a cycle: ${P}/fam/a -> ${P}/fam/b -> ${P}/fam/a`,
  ],
  [
    'duplicate stage names in one Dockerfile',
    {},
    (c) => {
      const fam = c.addFamily('app');
      fam.addImage('runtime', { from: SCRATCH }).addStage('build', { from: SCRATCH });
      fam.addImage('dev', { from: SCRATCH }).addStage('build', { from: SCRATCH });
    },
    `${P}/app/dev/build`,
    `stage name "build" is used twice in docker/app/Dockerfile (also ${P}/app/runtime/build)`,
  ],
  [
    'two families sharing a Dockerfile',
    {},
    (c) => {
      c.addFamily('a', { dockerfile: 'Dockerfile' }).addImage('x', { from: SCRATCH });
      c.addFamily('b', { dockerfile: 'Dockerfile' }).addImage('y', { from: SCRATCH });
    },
    `${P}/b/y`,
    'Dockerfile "Dockerfile" is already used by family "a"; families cannot share a Dockerfile',
  ],
  [
    'duplicate repositories',
    {},
    (c) => {
      const fam = c.addFamily('app');
      fam.addImage('a', { from: SCRATCH, repository: 'shared' });
      fam.addImage('b', { from: SCRATCH, repository: 'shared' });
    },
    `${P}/app/b`,
    `repository "shared" is already used by ${P}/app/a`,
  ],
  [
    'invalid repository',
    {},
    (c) => c.addFamily('app').addImage('x', { from: SCRATCH, repository: 'Acme/X' }),
    `${P}/app/x`,
    'repository "Acme/X" is not a valid repository path',
  ],
  [
    'a build stage of another Dockerfile as base',
    {},
    (c) => {
      const fam = c.addFamily('fam');
      const build = fam.addImage('a', { from: SCRATCH }).addStage('build', { from: SCRATCH });
      fam.addImage('b', { from: ImageSource.stage(build), dockerfile: 'b/Dockerfile' });
    },
    `${P}/fam/b`,
    `stage "b" builds from build stage "${P}/fam/a/build", which is in another Dockerfile (docker/fam/Dockerfile); only images can be used across Dockerfiles`,
  ],
  [
    'COPY --from a stage in another Dockerfile',
    {},
    (c) => {
      const fam = c.addFamily('fam');
      const a = fam.addImage('a', { from: SCRATCH });
      fam.addImage('b', { from: SCRATCH, dockerfile: 'b/Dockerfile' }).copy(['/x'], '/x', { from: a });
    },
    `${P}/fam/b/instruction.0`,
    `COPY --from stage "${P}/fam/a" is in another Dockerfile (docker/fam/Dockerfile)`,
  ],
  // mounts
  ['mount with a relative target', {}, app((i) => i.run(['make'], { mounts: [Mount.cache({ target: 'cache' })] })), I0, 'cache mount target must be an absolute path, got "cache"'],
  [
    'mount with a non-octal mode',
    {},
    app((i) => i.run(['make'], { mounts: [Mount.cache({ target: '/c', mode: '0999' })] })),
    I0,
    'cache mount option "mode" must be octal (e.g. 0755), got "0999"',
  ],
  [
    'mount id with a comma',
    {},
    app((i) => i.run(['make'], { mounts: [Mount.cache({ target: '/c', id: 'x,target=/etc' })] })),
    I0,
    'cache mount option "id" has an invalid value "x,target=/etc": no commas, quotes or whitespace',
  ],
  [
    'secret mount with a bad env',
    {},
    app((i) => i.run(['make'], { mounts: [Mount.secret({ id: 'tok', env: 'MY-TOKEN' })] })),
    I0,
    'secret mount option "env" must be a variable name, got "MY-TOKEN"',
  ],
  [
    'secret mount id with a slash',
    {},
    app((i) => i.run(['make'], { mounts: [Mount.secret({ id: 'a/b' })] })),
    I0,
    'secret mount id must be letters, digits, ".", "_" or "-"',
  ],
  // secrets in ARG and ENV
  ['secret-like ARG (GITHUB_TOKEN)', {}, app((i) => i.arg('GITHUB_TOKEN')), I0, 'ARG "GITHUB_TOKEN" looks like a secret; build arguments are recorded in the image history'],
  ['secret-like ENV (API_KEY)', {}, app((i) => i.env({ API_KEY: 'x' })), I0, 'ENV "API_KEY" looks like a secret; environment variables persist in the image'],
  ['invalid ARG name', {}, app((i) => i.arg('MY-ARG')), I0, 'ARG name "MY-ARG" must match [A-Za-z_][A-Za-z0-9_]*'],
  // GitHub expressions and line breaks in text
  [
    '${{ in a family description',
    {},
    (c) => c.addFamily('app', { description: '${{ github.actor }}' }).addImage('x', { from: SCRATCH }),
    `${P}/app`,
    'description "${{ github.actor }}" contains "${{", which GitHub Actions would evaluate as an expression',
  ],
  [
    '${{ in an image description',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, description: 'by ${{ github.actor }}' }),
    `${P}/app/runtime`,
    'description "by ${{ github.actor }}" contains "${{"',
  ],
  ['${{ in a label', {}, app((i) => i.label({ 'com.example.by': '${{ github.actor }}' })), I0, 'LABEL com.example.by value "${{ github.actor }}" contains "${{"'],
  [
    '${{ in a base reference',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu:${{ github.sha }}') }),
    `${P}/app/runtime`,
    'base image "ubuntu:${{ github.sha }}" contains "${{"',
  ],
  [
    '${{ in a tag constant',
    {},
    (c) => c.addFamily('app', { tag: FamilyTag.templates(['{version}-{os}'], { constants: { os: '${{ github.sha }}' } }) }).addImage('x', { from: SCRATCH }),
    `${P}/app`,
    'tag constant "os" = "${{ github.sha }}" may only contain letters, digits, "_", "." and "-"',
  ],
  [
    '${{ in a .dockerignore pattern',
    { dockerignorePatterns: ['${{ github.sha }}'] },
    app(() => {}),
    P,
    '.dockerignore pattern "${{ github.sha }}" contains "${{"',
  ],
  ['a line break in an ENV value', {}, app((i) => i.env({ GREETING: 'hello\nRUN id' })), I0, 'ENV GREETING value "hello\\nRUN id" contains a line break or NUL character'],
  [
    'a line break in a custom # syntax= reference',
    { dockerfileSyntax: DockerfileSyntax.custom('docker/dockerfile:1\nRUN id') },
    app(() => {}),
    P,
    'dockerfileSyntax "docker/dockerfile:1\\nRUN id" contains a line break or NUL character',
  ],
  [
    'an invalid custom # syntax= reference',
    { dockerfileSyntax: DockerfileSyntax.custom('Docker/Dockerfile 1') },
    app(() => {}),
    P,
    'dockerfileSyntax: invalid image reference "Docker/Dockerfile 1"',
  ],
  // paths that reach the Makefile
  [
    'Make metacharacters $(x) in a Dockerfile path',
    {},
    (c) => c.addFamily('app', { dockerfile: '$(x)/Dockerfile' }).addImage('runtime', { from: SCRATCH }),
    `${P}/app/runtime`,
    'dockerfile "$(x)/Dockerfile" must be a relative path inside the project',
  ],
  [
    'a space in a Dockerfile path',
    {},
    (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, dockerfile: 'a b/Dockerfile' }),
    `${P}/app/runtime`,
    'dockerfile "a b/Dockerfile" must be a relative path inside the project',
  ],
  [
    '.. in a context path',
    {},
    (c) => c.addFamily('app', { context: '../x' }).addImage('runtime', { from: SCRATCH }),
    `${P}/app`,
    'context "../x" must be a relative path inside the project',
  ],
  [
    '; in a context path',
    {},
    (c) => c.addFamily('app', { context: 'a;rm -rf b' }).addImage('runtime', { from: SCRATCH }),
    `${P}/app`,
    'context "a;rm -rf b" must be a relative path inside the project',
  ],
  ['a COPY source outside the context', {}, app((i) => i.copy(['../secret'], '/s')), I0, 'COPY source "../secret" must be relative to the build context and stay inside it'],
  // users and permissions
  ['non-numeric USER', {}, app((i) => i.user('app')), I0, 'USER "app" must be a numeric uid[:gid]'],
  ['non-numeric image user', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, user: 'nobody' }), `${P}/app/runtime`, 'user "nobody" must be a numeric uid[:gid]'],
  ['non-numeric default user', { defaultUser: 'nobody' }, app(() => {}), P, 'defaultUser "nobody" must be a numeric uid[:gid]'],
  ['non-numeric COPY --chown', {}, app((i) => i.copy(['a'], '/a', { chown: 'root:root' })), I0, 'COPY --chown "root:root" must be a numeric uid[:gid]'],
  ['non-octal COPY --chmod', {}, app((i) => i.copy(['a'], '/a', { chmod: 'u+x' })), I0, 'COPY --chmod "u+x" must be octal, e.g. 0755'],
  // other instructions
  [
    'ADD over http',
    {},
    app((i) => i.add('http://example.com/a.tgz', '/a.tgz', { checksum: digest() })),
    I0,
    'ADD is only for remote https downloads, got "http://example.com/a.tgz"; use copy() for local files',
  ],
  [
    'ADD with a bad checksum',
    {},
    app((i) => i.add('https://example.com/a.tgz', '/a.tgz', { checksum: 'sha256:1234' })),
    I0,
    'ADD --checksum "sha256:1234" must be sha256:<64 lowercase hex>',
  ],
  ['relative WORKDIR', {}, app((i) => i.workdir('src')), I0, 'WORKDIR "src" must be absolute'],
  ['EXPOSE 0', {}, app((i) => i.expose(0)), I0, 'EXPOSE port 0 must be an integer from 1 to 65535'],
  ['EXPOSE 70000', {}, app((i) => i.expose(70000)), I0, 'EXPOSE port 70000 must be an integer from 1 to 65535'],
  ['empty CMD', {}, app((i) => i.cmd([])), I0, 'CMD needs at least one argument'],
  ['empty RUN', {}, app((i) => i.run([])), I0, 'RUN needs at least one non-empty command'],
  ['bad STOPSIGNAL', {}, app((i) => i.stopSignal('sigterm')), I0, 'STOPSIGNAL "sigterm" must be a signal name such as SIGTERM or a number'],
  ['negative HEALTHCHECK interval', {}, app((i) => i.healthcheck({ command: ['/a'], intervalSeconds: -1 })), I0, 'HEALTHCHECK intervalSeconds must be a non-negative integer, got -1'],
  ['raw line without a keyword', {}, app((i) => i.addRawLine('run id')), I0, 'raw line "run id" must start with an uppercase Dockerfile keyword'],
  // tag policies
  [
    'tag template with an unknown placeholder',
    { tag: FamilyTag.templates(['{version}-{date}']) },
    app(() => {}),
    P,
    'tag template "{version}-{date}" uses unknown placeholder {date}; known: {version}, {branch}, {sha}, {pr}',
  ],
  [
    'tag constant with a slash',
    {},
    (c) => c.addFamily('app', { tag: FamilyTag.templates(['{os}'], { constants: { os: 'ubuntu/24.04' } }) }).addImage('x', { from: SCRATCH }),
    `${P}/app`,
    'tag constant "os" = "ubuntu/24.04" may only contain letters, digits, "_", "." and "-"',
  ],
  ['invalid fallback tag', { tag: FamilyTag.templates(['{version}'], { fallback: '-dev' }) }, app(() => {}), P, 'fallback tag "-dev" is not a valid tag'],
  ['tag constant shadowing a placeholder', { tag: FamilyTag.templates(['{sha}'], { constants: { sha: 'x' } }) }, app(() => {}), P, 'tag constant "sha" shadows the built-in placeholder {sha}'],
  // external families
  [
    'a stage that RUNs on the external runtime image',
    {},
    (c) => {
      const fp = flowPipe(c);
      c.addFamily('app').addImage('plugin', { from: ImageSource.external(fp.image('runtime')) }).run(['make']);
    },
    `${P}/app/plugin`,
    'stage "plugin" builds against the runtime image flow-pipe/runtime; build in a stage FROM the SDK/dev image',
  ],
  [
    'a build stage that RUNs on an internal runtime image',
    {},
    (c) => {
      const runtime = c.addFamily('app').addImage('runtime', { from: SCRATCH, role: ImageRole.RUNTIME });
      runtime.addStage('build', { from: ImageSource.stage(runtime) }).run(['make']);
    },
    `${P}/app/runtime/build`,
    `stage "build" builds against the runtime image ${P}/app/runtime`,
  ],
  [
    'a raw reference to the external family repository with another tag',
    {},
    (c) => {
      flowPipe(c);
      c.addFamily('app').addImage('x', { from: ImageSource.registry('ghcr.io/hurdad/flow-pipe-dev:0.2.0') });
    },
    `${P}/app/x`,
    'mixes tags of family "flow-pipe": "ghcr.io/hurdad/flow-pipe-dev:0.2.0" has tag "0.2.0" but the family uses "0.1.0"; use ImageSource.external(family.image("dev"))',
  ],
  [
    'two external families with one repository and different tags',
    {},
    (c) => {
      flowPipe(c, 'fp-one', '0.1.0');
      flowPipe(c, 'fp-two', '0.2.0');
      c.addFamily('app').addImage('x', { from: SCRATCH });
    },
    `${P}/fp-two`,
    `mixes tags: ghcr.io/hurdad/flow-pipe-runtime is used with tags 0.1.0 and 0.2.0 by ${P}/fp-one, ${P}/fp-two`,
  ],
  [
    'an external family with an invalid tag',
    {},
    (c) => {
      flowPipe(c, 'flow-pipe', 'v1/2');
      c.addFamily('app').addImage('x', { from: SCRATCH });
    },
    `${P}/flow-pipe`,
    'tag "v1/2" is not a valid tag',
  ],
];

describe('synthesis rejects bad input with a PipelineValidationError naming the construct path', () => {
  test.each(CASES)('%s', (_name, props, build, path, fragment) => {
    // GIVEN a pipeline with one mistake
    const { project, containers } = newPipeline(props);
    build(containers);
    // WHEN synthesized
    const error = validationErrorOf(() => synthFiles(project));
    // THEN the error lists the mistake under its construct path
    const lines = error.message.split('\n').filter((line) => line.startsWith(`  [${path}] `));
    expect(lines.length, `no error for [${path}] in:\n${error.message}`).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain(fragment);
    expect(error._diagnostics.some((d) => d.level === 'error' && d.path === path && d.message.includes(fragment))).toBe(true);
  });

  test('a stage of another pipeline is reported as unknown', () => {
    // GIVEN a stage built FROM an image of another project's pipeline
    const other = newPipeline();
    const foreign = other.containers.addFamily('x').addImage('y', { from: SCRATCH });
    const { project, containers } = newPipeline();
    containers.addFamily('app').addImage('runtime', { from: ImageSource.stage(foreign) });
    // WHEN/THEN
    const error = validationErrorOf(() => synthFiles(project));
    expect(error.message).toContain(`  [${P}/app/runtime] refers to stage "${P}/x/y", which is not part of this pipeline`);
    disposeProject(other.project);
  });

  test('there are at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });
});

describe('accepted input', () => {
  test('PUBLIC_KEY is not secret-like, and unpinned bases and root images are warnings only', () => {
    // GIVEN names the secret check allows, an unpinned base and an image running as root
    const { project, containers } = newPipeline();
    const runtime = containers.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu:24.04'), user: '0:0' });
    runtime.arg('PUBLIC_KEY');
    runtime.env({ KEY_FILE: '/run/secrets/key', TOKEN_VERSION: '2' });
    // WHEN/THEN synthesis succeeds
    expect(synthFiles(project)['docker/app/Dockerfile']).toContain('ARG PUBLIC_KEY\n');
  });
});

describe('all errors together, and nothing written', () => {
  test('two unrelated mistakes are reported in one error, in validation order', () => {
    const { project, containers } = newPipeline({ registry: 'ghcr.io/Acme' });
    containers.addFamily('app').addImage('runtime', { from: SCRATCH }).workdir('relative');
    expect(validationErrorOf(() => synthFiles(project)).message).toBe(validationMessage(
      `[${P}] registry "ghcr.io/Acme" is not a valid registry host and namespace, expected e.g. "ghcr.io/acme" (lowercase namespace)`,
      `[${P}/app/runtime/instruction.0] WORKDIR "relative" must be absolute`,
    ));
  });

  describe('in a real output directory', () => {
    let outdir: string;
    let disablePost: string | undefined;
    beforeEach(() => {
      outdir = mkdtempSync(join(tmpdir(), 'projen-containers-bad-input-'));
      disablePost = process.env.PROJEN_DISABLE_POST;
      process.env.PROJEN_DISABLE_POST = 'true';
    });
    afterEach(() => {
      rmSync(outdir, { recursive: true, force: true });
      if (disablePost === undefined) delete process.env.PROJEN_DISABLE_POST;
      else process.env.PROJEN_DISABLE_POST = disablePost;
    });

    /** A project writing into `outdir` whose pipeline has the runtime image configured by `configure`. */
    function projectIn(configure: (c: Containers) => void): Project {
      const project = new Project({ name: 'test', outdir });
      configure(new Containers(project, { registry: 'ghcr.io/acme' }));
      return project;
    }

    test('no file is written to an empty directory', () => {
      // GIVEN an invalid pipeline
      const project = projectIn((c) => c.addFamily('app').addImage('runtime', { from: SCRATCH }).user('root'));
      // WHEN synthesized for real
      expect(() => project.synth()).toThrow(PipelineValidationError);
      // THEN the directory is still empty: no Dockerfile, Makefile or anything else
      expect(readdirSync(outdir)).toStrictEqual([]);
    });

    test('previously generated files stay as they were', () => {
      // GIVEN a directory holding the output of a valid pipeline
      projectIn((c) => c.addFamily('app', { dockerfile: 'Dockerfile' }).addImage('runtime', { from: SCRATCH })).synth();
      const before = readdirSync(outdir, { recursive: true }).map(String).sort()
        .filter((f) => statSync(join(outdir, f)).isFile())
        .map((f) => [f, readFileSync(join(outdir, f), 'utf8'), statSync(join(outdir, f)).mtimeMs]);
      expect(before.map(([f]) => f)).toContain('Dockerfile');
      expect(before.map(([f]) => f)).toContain('Makefile');
      writeFileSync(join(outdir, 'unrelated.txt'), 'kept');
      // WHEN an invalid version of it is synthesized
      const project = projectIn((c) => c.addFamily('app', { dockerfile: 'Dockerfile' }).addImage('runtime', { from: SCRATCH }).expose(0));
      expect(() => project.synth()).toThrow(PipelineValidationError);
      // THEN no file changed, none was added or removed
      const after = readdirSync(outdir, { recursive: true }).map(String).sort()
        .filter((f) => f !== 'unrelated.txt' && statSync(join(outdir, f)).isFile())
        .map((f) => [f, readFileSync(join(outdir, f), 'utf8'), statSync(join(outdir, f)).mtimeMs]);
      expect(after).toStrictEqual(before);
      expect(readFileSync(join(outdir, 'unrelated.txt'), 'utf8')).toBe('kept');
    });
  });
});
