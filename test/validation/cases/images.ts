/** Bad images, build stages and base image references. */
import { Containers, ImageRole, ImageSource } from '../../../src';
import { app, BadInput, P, rows } from '../support';

const SCRATCH = ImageSource.scratch();
const R = `${P}/app/runtime`;

/** Family `app` with image `runtime` built from `reference`. */
function base(reference: string, buildArg?: string) {
  return (c: Containers) => c.addFamily('app').addImage('runtime', { from: ImageSource.registry(reference, buildArg === undefined ? {} : { buildArg }) });
}

export const IMAGE_CASES: BadInput[] = rows([
  // ids
  ['invalid image id', {}, (c) => c.addFamily('app').addImage('Runtime', { from: SCRATCH }), `${P}/app/Runtime`, 'stage name "Runtime" must be lowercase'],
  ['image id with a space', {}, (c) => c.addFamily('app').addImage('run time', { from: SCRATCH }), `${P}/app/run time`, 'stage name "run time" must be lowercase'],
  ['invalid stage id', {}, app((i) => i.addStage('Build', { from: SCRATCH })), `${R}/Build`, 'stage name "Build" must be lowercase'],
  ['stage id with a dollar', {}, app((i) => i.addStage('b$x', { from: SCRATCH })), `${R}/b$x`, 'stage name "b$x" must be lowercase'],
  ['reserved stage name context', {}, app((i) => i.addStage('context', { from: SCRATCH })), `${R}/context`, 'stage name "context" is reserved by BuildKit'],
  ['reserved stage name scratch', {}, app((i) => i.addStage('scratch', { from: SCRATCH })), `${R}/scratch`, 'stage name "scratch" is reserved by BuildKit'],
  // repository
  ['invalid repository', {}, (c) => c.addFamily('app').addImage('x', { from: SCRATCH, repository: 'Acme/X' }), `${P}/app/x`, 'repository "Acme/X" is not a valid repository path'],
  ['empty repository', {}, (c) => c.addFamily('app').addImage('x', { from: SCRATCH, repository: '' }), `${P}/app/x`, 'repository "" is not a valid repository path'],
  ['repository with a leading slash', {}, (c) => c.addFamily('app').addImage('x', { from: SCRATCH, repository: '/x' }), `${P}/app/x`, 'repository "/x" is not a valid repository path'],
  ['repository with //', {}, (c) => c.addFamily('app').addImage('x', { from: SCRATCH, repository: 'a//b' }), `${P}/app/x`, 'repository "a//b" is not a valid repository path'],
  ['repository with a tag', {}, (c) => c.addFamily('app').addImage('x', { from: SCRATCH, repository: 'app:1' }), `${P}/app/x`, 'repository "app:1" is not a valid repository path'],
  ['repository with ${{', {}, (c) => c.addFamily('app').addImage('x', { from: SCRATCH, repository: '${{ github.actor }}' }), `${P}/app/x`, 'repository "${{ github.actor }}" is not a valid repository path'],
  ['repository longer than 255', {}, (c) => c.addFamily('app').addImage('x', { from: SCRATCH, repository: 'r'.repeat(256) }), `${P}/app/x`, 'is not a valid repository path'],
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
    'an explicit repository equal to another image\'s default',
    {},
    (c) => {
      const fam = c.addFamily('app');
      fam.addImage('a', { from: SCRATCH });
      fam.addImage('b', { from: SCRATCH, repository: 'app-a' });
    },
    `${P}/app/b`,
    `repository "app-a" is already used by ${P}/app/a`,
  ],
  // user
  ['non-numeric image user', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, user: 'nobody' }), R, 'user "nobody" must be a numeric uid[:gid]'],
  ['empty image user', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, user: '' }), R, 'user "" must be a numeric uid[:gid]'],
  ['image user with a named group', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, user: '10001:staff' }), R, 'user "10001:staff" must be a numeric uid[:gid]'],
  ['image uid above 2^31-1', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, user: '2147483648' }), R, ['user "2147483648"', '2147483647']],
  ['image gid above 2^31-1', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, user: '1:99999999999' }), R, ['user "1:99999999999"', '2147483647']],
  // description
  ['${{ in an image description', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, description: 'by ${{ github.actor }}' }), R, 'description "by ${{ github.actor }}" contains "${{"'],
  ['a line break in an image description', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, description: 'one\n# two' }), R, 'description "one\\n# two" contains a line break'],
  // Dockerfile path of an image
  ['a space in an image Dockerfile path', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, dockerfile: 'a b/Dockerfile' }), R, 'dockerfile "a b/Dockerfile" may only hold'],
  ['absolute image Dockerfile path', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, dockerfile: '/Dockerfile' }), R, 'dockerfile "/Dockerfile"'],
  ['image Dockerfile path with ..', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, dockerfile: 'x/../../Dockerfile' }), R, 'dockerfile "x/../../Dockerfile"'],
  ['empty image Dockerfile path', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, dockerfile: '' }), R, 'dockerfile "" must not be empty'],
  // platforms
  ['invalid image platform', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, platforms: ['linux/amd64/'] }), R, 'platform "linux/amd64/" is not valid'],
  ['image platform with a trailing space', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, platforms: ['linux/amd64 '] }), R, 'platform "linux/amd64 " is not valid'],
  ['invalid FROM --platform of a stage', {}, app((i) => i.addStage('build', { from: SCRATCH, platform: 'linux' })), `${R}/build`, 'FROM --platform "linux" must be $BUILDPLATFORM, $TARGETPLATFORM or os/arch[/variant]'],
  ['FROM --platform with a shell suffix', {}, app((i) => i.addStage('build', { from: SCRATCH, platform: '$BUILDPLATFORM;id' })), `${R}/build`, 'FROM --platform "$BUILDPLATFORM;id" must be'],
  ['empty FROM --platform', {}, app((i) => i.addStage('build', { from: SCRATCH, platform: '' })), `${R}/build`, 'FROM --platform "" must be'],
  ['FROM --platform with a line break', {}, app((i) => i.addStage('build', { from: SCRATCH, platform: 'linux/amd64\nRUN id' })), `${R}/build`, 'FROM --platform "linux/amd64\\nRUN id" contains a line break'],
  ['invalid FROM --platform of an image', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, platform: '$TARGETOS' }), R, 'FROM --platform "$TARGETOS" must be'],
  // ImageSource.registry
  ['uppercase base reference', {}, base('ghcr.io/Acme/base:1'), R, 'invalid image reference "ghcr.io/Acme/base:1": repository name must be lowercase'],
  ['invalid base reference', {}, base('ubuntu:24.04;id'), R, 'invalid image reference "ubuntu:24.04;id"'],
  ['empty base reference', {}, base(''), R, 'image reference is empty'],
  ['base reference with an empty tag', {}, base('ubuntu:'), R, 'invalid image reference "ubuntu:"'],
  ['base reference with a trailing space', {}, base('ubuntu:24.04 '), R, 'invalid image reference "ubuntu:24.04 "'],
  ['base reference starting with --', {}, base('--platform=linux/amd64 ubuntu'), R, 'invalid image reference "--platform=linux/amd64 ubuntu"'],
  ['base reference with a line break', {}, base('ubuntu:24.04\nRUN id'), R, 'base image "ubuntu:24.04\\nRUN id" contains a line break'],
  ['too long base reference', {}, base(`ghcr.io/${'a'.repeat(250)}:1`), R, 'name is longer than 255 characters'],
  ['base tag longer than 128', {}, base(`ubuntu:${'t'.repeat(129)}`), R, `invalid image reference "ubuntu:${'t'.repeat(129)}"`],
  ['base digest in uppercase hex', {}, base(`ubuntu@sha256:${'A'.repeat(64)}`), R, 'a sha256 digest must be 64 lowercase hex characters'],
  ['short sha256 digest', {}, base('ubuntu@sha256:abc123'), R, 'invalid image reference "ubuntu@sha256:abc123"'],
  ['sha256 digest of 65 hex characters', {}, base(`ubuntu@sha256:${'a'.repeat(65)}`), R, `invalid image reference "ubuntu@sha256:${'a'.repeat(65)}"`],
  ['sha512 digest of 64 hex characters (needs 128)', {}, base(`ubuntu@sha512:${'a'.repeat(64)}`), R, `invalid image reference "ubuntu@sha512:${'a'.repeat(64)}"`],
  ['digest with an unknown algorithm', {}, base(`ubuntu@md5:${'a'.repeat(32)}`), R, `invalid image reference "ubuntu@md5:${'a'.repeat(32)}"`],
  ['${{ in a base reference', {}, base('ubuntu:${{ github.sha }}'), R, 'base image "ubuntu:${{ github.sha }}" contains "${{"'],
  ['invalid base build-argument name', {}, base('ubuntu:24.04', 'OS-IMAGE'), R, 'build argument name "OS-IMAGE" must match [A-Za-z_][A-Za-z0-9_]*'],
  ['empty base build-argument name', {}, base('ubuntu:24.04', ''), R, 'build argument name "" must match'],
  ['base build-argument name starting with a digit', {}, base('ubuntu:24.04', '1BASE'), R, 'build argument name "1BASE" must match'],
  [
    'one build-argument name for two different bases in one Dockerfile',
    {},
    (c) => {
      const fam = c.addFamily('app');
      fam.addImage('a', { from: ImageSource.registry('ubuntu:24.04', { buildArg: 'BASE' }) });
      fam.addImage('b', { from: ImageSource.registry('debian:12', { buildArg: 'BASE' }) });
    },
    `${P}/app/b`,
    `is also the Makefile and bake variable of ${P}/app/a`,
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
    `form a cycle: ${P}/fam/a -> ${P}/fam/b -> ${P}/fam/a`,
  ],
  [
    'a stage copying from itself',
    {},
    app((i) => i.copy(['/x'], '/y', { from: i })),
    R,
    `form a cycle: ${R} -> ${R}`,
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
    'a build stage named like an image of the same Dockerfile',
    {},
    (c) => {
      const fam = c.addFamily('app');
      fam.addImage('runtime', { from: SCRATCH });
      fam.addImage('dev', { from: SCRATCH }).addStage('runtime', { from: SCRATCH });
    },
    `${P}/app/dev/runtime`,
    'stage name "runtime" is used twice in docker/app/Dockerfile',
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
    'COPY --from a build stage in another Dockerfile',
    {},
    (c) => {
      const fam = c.addFamily('fam');
      const build = fam.addImage('a', { from: SCRATCH }).addStage('build', { from: SCRATCH });
      fam.addImage('b', { from: SCRATCH, dockerfile: 'b/Dockerfile' }).copy(['/x'], '/x', { from: build });
    },
    `${P}/fam/b/instruction.0`,
    `COPY --from build stage "${P}/fam/a/build" is in another Dockerfile (docker/fam/Dockerfile); only images can be copied from across Dockerfiles`,
  ],
  [
    'a build stage that RUNs on an internal runtime image',
    {},
    (c) => {
      const runtime = c.addFamily('app').addImage('runtime', { from: SCRATCH, role: ImageRole.RUNTIME });
      runtime.addStage('build', { from: ImageSource.stage(runtime) }).run(['make']);
    },
    `${R}/build`,
    `stage "build" builds against the runtime image ${R}`,
  ],
]);
