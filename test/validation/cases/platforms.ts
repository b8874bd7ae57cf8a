/** Bad platform plans: a child building for platforms its parent does not, platforms sharing a make target suffix. */
import { Containers, ImageSource } from '../../../src';
import { BadInput, P, rows, untyped, VALID } from '../support';

const SCRATCH = ImageSource.scratch();

/** Family `app`: `runtime` (with `parent` platforms) and `dev` FROM it (with `child` platforms). */
function chain(parent: string[] | undefined, child: string[] | undefined) {
  return (c: Containers) => {
    const family = c.addFamily('app');
    const runtime = family.addImage('runtime', { from: SCRATCH, ...(parent ? { platforms: parent } : {}) });
    family.addImage('dev', { from: ImageSource.stage(runtime), ...(child ? { platforms: child } : {}) });
  };
}

export const PLATFORM_CASES: BadInput[] = rows([
  ['a child with a platform its parent lacks', {}, chain(['linux/amd64'], ['linux/amd64', 'linux/arm64']), `${P}/app/dev`,
    ['builds for linux/arm64', `its parent image ${P}/app/runtime`, 'it builds for linux/amd64']],
  ['a child with platforms over a parent of the pipeline default', { platforms: ['linux/amd64'] }, chain(undefined, ['linux/arm/v7']), `${P}/app/dev`,
    ['builds for linux/arm/v7', `${P}/app/runtime`]],
  ['a child with platforms over a native-only parent', {}, chain(undefined, ['linux/arm64']), `${P}/app/dev`,
    ['builds for linux/arm64', 'only for the builder\'s native platform']],
  [
    'a child of another family with a platform its parent lacks',
    {},
    (c) => {
      const runtime = c.addFamily('base', { platforms: ['linux/arm64'] }).addImage('runtime', { from: SCRATCH });
      c.addFamily('app', { platforms: ['linux/amd64', 'linux/arm64'] }).addImage('svc', { from: ImageSource.stage(runtime) });
    },
    `${P}/app/svc`,
    ['builds for linux/amd64', `${P}/base/runtime`],
  ],
  [
    'a child copying from an image lacking its platform',
    {},
    (c) => {
      const family = c.addFamily('app');
      const tools = family.addImage('tools', { from: SCRATCH, platforms: ['linux/amd64'] });
      family.addImage('svc', { from: SCRATCH, platforms: ['linux/amd64', 'linux/s390x'] }).copy(['/bin/tool'], '/bin/tool', { from: tools });
    },
    `${P}/app/svc`,
    ['builds for linux/s390x', `${P}/app/tools`],
  ],
  [
    'two platforms with one make target suffix',
    {},
    (c) => {
      const family = c.addFamily('app');
      family.addImage('a', { from: SCRATCH, platforms: ['linux/arm64'] });
      family.addImage('b', { from: SCRATCH, platforms: ['linux/arm64/v8'] });
    },
    `${P}/app/b`,
    ['platform "linux/arm64/v8" gets the make target suffix "arm64"', 'platform "linux/arm64" of'],
  ],
  [
    'a per-platform target taken by a family target',
    {},
    (c) => {
      c.addFamily('amd64').addImage('x', { from: SCRATCH });
      c.addFamily('app', { platforms: ['linux/amd64'] }).addImage('y', { from: SCRATCH });
    },
    `${P}/app/y`,
    ['make target "build-amd64" (build-<platform> target of linux/amd64)', `is also the make target of ${P}/amd64`],
  ],
  [
    'a per-image platform target taken by another image target',
    {},
    (c) => {
      const family = c.addFamily('app', { platforms: ['linux/arm64'] });
      family.addImage('svc', { from: SCRATCH });
      family.addImage('svc-arm64', { from: SCRATCH });
    },
    `${P}/app/svc`,
    'make target "build-app-svc-arm64"',
  ],
  // runners per platform
  ['a platform runner of another OS', { workflow: { platformRunners: { 'linux/arm64': 'macos-14' } } }, VALID, P,
    'workflow.platformRunners["linux/arm64"] "macos-14" must be a GitHub-hosted Linux runner label'],
  ['a platform runner with an expression', { workflow: { platformRunners: { 'linux/arm64': '${{ github.actor }}' } } }, VALID, P,
    'workflow.platformRunners["linux/arm64"] "${{ github.actor }}" must be'],
  ['a platform runner with a line break', { workflow: { platformRunners: { 'linux/arm64': 'ubuntu-24.04\nself-hosted' } } }, VALID, P,
    'must be a GitHub-hosted Linux runner label'],
  ['an empty platform runner', { workflow: { platformRunners: { 'linux/amd64': '' } } }, VALID, P, 'workflow.platformRunners["linux/amd64"] "" must be'],
  ['a platform runner that is not a string', { workflow: { platformRunners: untyped({ 'linux/amd64': 4 }) } }, VALID, P, 'workflow.platformRunners["linux/amd64"] number 4 must be'],
  ['a platform runner key that is not a platform', { workflow: { platformRunners: { arm64: 'ubuntu-24.04-arm' } } }, VALID, P,
    'workflow.platformRunners key "arm64" is not a platform'],
  ['a platform runner key with a shell word', { workflow: { platformRunners: { 'linux/arm64;id': 'ubuntu-24.04-arm' } } }, VALID, P,
    'key "linux/arm64;id" is not a platform'],
  ['platform runners as a list', { workflow: { platformRunners: untyped(['ubuntu-24.04-arm']) } }, VALID, P,
    'workflow.platformRunners must be an object mapping platforms to runner labels'],
  [
    'a declared workflow\'s platform runner of another OS',
    {},
    (c) => {
      VALID(c);
      c.addWorkflow('ci', { push: { branches: ['main'] }, platformRunners: { 'linux/arm64': 'windows-latest' } });
    },
    `${P}/workflow.ci`,
    'platformRunners["linux/arm64"] "windows-latest" must be a GitHub-hosted Linux runner label',
  ],
]);
