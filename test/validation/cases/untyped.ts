/**
 * Untyped input, as JavaScript or a jsii language can pass it: wrong types, missing required props, `NaN`.
 * The requirement is a validation error naming the construct path, never a TypeError.
 */
import { flowPipe } from './families';
import { Containers, FamilyTag, ImageSource, Mount } from '../../../src';
import { app, BadInput, I0, P, rows, untyped as u, VALID } from '../support';

const SCRATCH = ImageSource.scratch();
const F = `${P}/app`;
const R = `${P}/app/runtime`;
const EXT = `${P}/flow-pipe`;

/** Family `app` with props `props` and one valid image. */
function family(props: unknown): (c: Containers) => void {
  return (c) => c.addFamily('app', u(props)).addImage('runtime', { from: SCRATCH });
}

/** Family `app` with one image whose props are `props`. */
function image(props: unknown): (c: Containers) => void {
  return (c) => c.addFamily('app').addImage('runtime', u(props));
}

/** `RUN make` with the mounts `mounts`. */
function mounted(mounts: () => unknown) {
  return app((i) => i.run(['make'], { mounts: u(mounts()) }));
}

/** An external family with props `props` next to a valid family. */
function external(props: unknown): (c: Containers) => void {
  return (c) => {
    c.addExternalFamily('flow-pipe', u(props));
    VALID(c);
  };
}

export const UNTYPED_CASES: BadInput[] = [
  // pipeline props
  { name: 'missing registry', replaceProps: {}, build: VALID, path: P, message: 'registry must be a string' },
  { name: 'registry: 42', replaceProps: { registry: 42 }, build: VALID, path: P, message: 'registry must be a string' },
  { name: 'registry: null', replaceProps: { registry: null }, build: VALID, path: P, message: 'registry must be a string' },
  { name: 'no props at all', replaceProps: undefined, build: (c) => { c.addFamily('app').addImage('runtime', { from: SCRATCH }); }, path: P, message: 'registry must be a string' },
  { name: 'props: null', replaceProps: null, build: VALID, path: P, message: 'props must be an object, got null' },
  { name: 'props as a string', replaceProps: 'ghcr.io/acme', build: VALID, path: P, message: 'props must be an object' },
  ...rows([
    ['platforms not an array', { platforms: u('linux/amd64') }, VALID, P, 'platforms must be an array of strings'],
    ['a platform that is a number', { platforms: u([64]) }, VALID, P, 'platforms[0] must be a string'],
    ['tag: \'latest\' (a string instead of a FamilyTag)', { tag: u('latest') }, VALID, P, 'tag must be a FamilyTag'],
    ['tag as a plain object', { tag: u({ _templates: ['{sha}'] }) }, VALID, P, 'tag must be a FamilyTag'],
    ['dockerfileSyntax as a string', { dockerfileSyntax: u('docker/dockerfile:1') }, VALID, P, 'dockerfileSyntax must be a DockerfileSyntax'],
    ['defaultUser as a number', { defaultUser: u(10001) }, VALID, P, 'defaultUser must be a string'],
    ['sourceUrl as an object', { sourceUrl: u({ href: 'https://x' }) }, VALID, P, 'sourceUrl must be a string'],
    ['makefile as a number', { makefile: u(42) }, VALID, P, 'makefile must be a string'],
    ['bakeFile: null', { bakeFile: u(null) }, VALID, P, 'bakeFile must be a string'],
    ['docs as an array', { docs: u(['CONTAINERS.md']) }, VALID, P, 'docs must be a string'],
    ['dockerignorePatterns as a string', { dockerignorePatterns: u('node_modules') }, VALID, P, 'dockerignorePatterns must be an array of strings'],
    ['workflow: true', { workflow: u(true) }, VALID, P, 'workflow must be an object'],
    ['pinning as a string', { pinning: u('frozen') }, VALID, P, 'pinning must be an object'],
    ['pinning.frozen as a string', { pinning: u({ frozen: 'yes' }) }, VALID, P, 'pinning.frozen must be true or false'],
    ['pinning.lockFile as a number', { pinning: u({ lockFile: 1 }) }, VALID, P, 'pinning.lockFile must be a string'],
    ['pinning.digestsEnvFile as an array', { pinning: u({ digestsEnvFile: ['digests.env'] }) }, VALID, P, 'pinning.digestsEnvFile must be a string'],
    ['workflow.enabled: \'yes\'', { workflow: u({ enabled: 'yes' }) }, VALID, P, 'workflow.enabled must be true or false'],
    ['workflow.name as a number', { workflow: u({ name: 7 }) }, VALID, P, 'workflow.name must be a string'],
    ['workflow.timeoutMinutes as a string', { workflow: u({ timeoutMinutes: '60' }) }, VALID, P, 'timeoutMinutes must be an integer'],
    ['workflow.runsOn as an array', { workflow: u({ runsOn: ['ubuntu-24.04'] }) }, VALID, P, 'runsOn must be a string'],
    ['workflow.defaultBranch as a number', { workflow: u({ defaultBranch: 1 }) }, VALID, P, 'defaultBranch must be a string'],
    ['workflow.passwordSecret as a boolean', { registry: 'docker.io/acme', workflow: u({ passwordSecret: true }) }, VALID, P, 'passwordSecret must be a string'],
    // families
    ['family props as a string', {}, family('docker/app/Dockerfile'), F, 'props must be an object'],
    ['family platforms not an array', {}, family({ platforms: 'linux/amd64' }), F, 'platforms must be an array'],
    ['family tag: \'latest\'', {}, family({ tag: 'latest' }), F, 'tag must be a FamilyTag'],
    ['family description as a number', {}, family({ description: 42 }), F, 'description must be a string'],
    ['family dockerfile as a number', {}, family({ dockerfile: 42 }), F, 'dockerfile must be a string'],
    ['family context as an object', {}, family({ context: {} }), F, 'context must be a string'],
    // FamilyTag
    ['FamilyTag.templates with a string', { tag: FamilyTag.templates(u('{version}')) }, VALID, P, 'templates must be an array of strings'],
    ['FamilyTag.templates with a number entry', { tag: FamilyTag.templates(u(['{sha}', 42])) }, VALID, P, 'templates[1] must be a string'],
    ['FamilyTag constant that is a number', { tag: FamilyTag.templates(['{sha}-{n}'], { constants: u({ n: 1 }) }) }, VALID, P, 'tag constant "n" must be a string'],
    ['FamilyTag constants as an array', { tag: FamilyTag.templates(['{sha}'], { constants: u(['x']) }) }, VALID, P, 'tag constants must be an object of strings'],
    ['FamilyTag fallback as a number', { tag: FamilyTag.templates(['{sha}'], { fallback: u(1) }) }, VALID, P, 'fallback tag must be a string'],
    ['FamilyTag.fixed(undefined)', { tag: FamilyTag.fixed(u(undefined)) }, VALID, P, 'fixed tag must be a string'],
    // images and stages
    ['an image without from', {}, image({}), R, 'from must be an ImageSource'],
    ['an image with from as a string', {}, image({ from: 'ubuntu:24.04' }), R, 'from must be an ImageSource'],
    ['an image without props', {}, image(undefined), R, 'from must be an ImageSource'],
    ['a build stage without from', {}, app((i) => i.addStage('build', u({}))), `${R}/build`, 'from must be an ImageSource'],
    ['image platforms not an array', {}, image({ from: SCRATCH, platforms: 'linux/amd64' }), R, 'platforms must be an array'],
    ['image repository as a number', {}, image({ from: SCRATCH, repository: 7 }), R, 'repository must be a string'],
    ['image user as a number', {}, image({ from: SCRATCH, user: 10001 }), R, 'user must be a string'],
    ['image role not an ImageRole', {}, image({ from: SCRATCH, role: 'admin' }), R, ['role must be one of', '"admin"']],
    ['image description as an object', {}, image({ from: SCRATCH, description: {} }), R, 'description must be a string'],
    ['image dockerfile as a number', {}, image({ from: SCRATCH, dockerfile: 1 }), R, 'dockerfile must be a string'],
    ['FROM --platform as a number', {}, image({ from: SCRATCH, platform: 64 }), R, 'platform must be a string'],
    // ImageSource
    ['ImageSource.registry(undefined)', {}, image({ from: ImageSource.registry(u(undefined)) }), R, 'from must be an ImageSource'],
    ['ImageSource.registry(42)', {}, image({ from: ImageSource.registry(u(42)) }), R, 'from must be an ImageSource'],
    ['ImageSource.registry with buildArg 1', {}, image({ from: ImageSource.registry('ubuntu:24.04', u({ buildArg: 1 })) }), R, 'build argument name "1" must match'],
    ['ImageSource.stage(undefined)', {}, image({ from: ImageSource.stage(u(undefined)) }), R, 'from must be an ImageSource'],
    ['ImageSource.stage with a string', {}, image({ from: ImageSource.stage(u('build')) }), R, 'from must be an ImageSource'],
    ['ImageSource.external(undefined)', {}, image({ from: ImageSource.external(u(undefined)) }), R, 'from must be an ImageSource'],
    // Stage methods
    ['run(undefined)', {}, app((i) => i.run(u(undefined))), I0, 'RUN commands must be an array of strings'],
    ['run(\'single string\')', {}, app((i) => i.run(u('apt-get update'))), I0, 'RUN commands must be an array of strings, got "apt-get update"'],
    ['run with a number command', {}, app((i) => i.run(u([42]))), I0, 'RUN commands[0] must be a string'],
    ['run with mounts as a string', {}, app((i) => i.run(['make'], u({ mounts: 'type=cache,target=/c' }))), I0, 'RUN mounts must be an array'],
    ['run with a plain object as a mount', {}, mounted(() => [{ type: 'cache', target: '/c' }]), I0, 'RUN mounts[0] must be a Mount'],
    ['run with an unknown network', {}, app((i) => i.run(['make'], u({ network: 'bridge' }))), I0, ['RUN network must be one of', '"bridge"']],
    ['run options as a string', {}, app((i) => i.run(['make'], u('--network=host'))), I0, 'RUN options must be an object'],
    ['copy(null, 5)', {}, app((i) => i.copy(u(null), u(5))), I0, 'COPY sources must be an array of strings, got null'],
    ['copy(\'src\', \'/app\') with a string source list', {}, app((i) => i.copy(u('src'), '/app')), I0, 'COPY sources must be an array of strings, got "src"'],
    ['copy with a number destination', {}, app((i) => i.copy(['a'], u(5))), I0, 'COPY destination must be a string'],
    ['copy from a string', {}, app((i) => i.copy(['/a'], '/a', u({ from: 'build' }))), I0, ['COPY from must be a Stage', '"build"']],
    ['copy with link: \'yes\'', {}, app((i) => i.copy(['a'], '/a', u({ link: 'yes' }))), I0, 'COPY link must be true or false'],
    ['copy with a numeric chown', {}, app((i) => i.copy(['a'], '/a', u({ chown: 1000 }))), I0, 'COPY chown must be a string'],
    ['add without options (no checksum)', {}, app((i) => i.add('https://example.com/a', '/a', u(undefined))), I0, 'ADD checksum must be a string'],
    ['add with a numeric checksum', {}, app((i) => i.add('https://example.com/a', '/a', u({ checksum: 42 }))), I0, 'ADD checksum must be a string'],
    ['add with an undefined URL', {}, app((i) => i.add(u(undefined), '/a', { checksum: `sha256:${'a'.repeat(64)}` })), I0, 'ADD url must be a string'],
    ['expose(\'80\')', {}, app((i) => i.expose(u('80'))), I0, ['EXPOSE port must be', '"80"']],
    ['expose(NaN)', {}, app((i) => i.expose(NaN)), I0, ['EXPOSE port', 'NaN', 'must be an integer from 1 to 65535']],
    ['expose(undefined)', {}, app((i) => i.expose(u(undefined))), I0, ['EXPOSE port must be', 'undefined']],
    ['expose with protocol sctp', {}, app((i) => i.expose(80, u('sctp'))), I0, ['EXPOSE protocol must be one of', '"sctp"']],
    ['env(undefined)', {}, app((i) => i.env(u(undefined))), I0, 'ENV variables must be an object'],
    ['env with a number value', {}, app((i) => i.env(u({ PORT: 8080 }))), I0, ['ENV', '"PORT" must be a string']],
    ['label(null)', {}, app((i) => i.label(u(null))), I0, 'LABEL labels must be an object'],
    ['label with a boolean value', {}, app((i) => i.label(u({ 'com.example.ok': true }))), I0, ['LABEL', '"com.example.ok" must be a string']],
    ['arg(42)', {}, app((i) => i.arg(u(42))), I0, 'ARG name must be a string'],
    ['arg with a number default', {}, app((i) => i.arg('PORT', u(8080))), I0, 'ARG default must be a string'],
    ['workdir(undefined)', {}, app((i) => i.workdir(u(undefined))), I0, ['WORKDIR', 'must be a string']],
    ['user(1000)', {}, app((i) => i.user(u(1000))), I0, 'USER must be a string'],
    ['healthcheck(undefined) (would silently disable the health check)', {}, app((i) => i.healthcheck(u(undefined))), I0, 'HEALTHCHECK options must be an object'],
    ['healthcheck with a string command', {}, app((i) => i.healthcheck(u({ command: 'curl -f localhost' }))), I0, 'HEALTHCHECK command must be an array of strings'],
    ['healthcheck with retries as a string', {}, app((i) => i.healthcheck(u({ command: ['/a'], retries: '3' }))), I0, ['HEALTHCHECK retries must be', '"3"']],
    ['entrypoint(\'app\') with a string', {}, app((i) => i.entrypoint(u('/usr/bin/app'))), I0, 'ENTRYPOINT arguments must be an array of strings'],
    ['cmd(undefined)', {}, app((i) => i.cmd(u(undefined))), I0, 'CMD arguments must be an array of strings'],
    ['shell(\'bash\')', {}, app((i) => i.shell(u('bash'))), I0, 'SHELL arguments must be an array of strings'],
    ['stopSignal(undefined)', {}, app((i) => i.stopSignal(u(undefined))), I0, 'STOPSIGNAL must be a string'],
    ['addRawLine(undefined)', {}, app((i) => i.addRawLine(u(undefined))), I0, 'raw line must be a string'],
    // Mount factories
    ['Mount.cache(undefined)', {}, mounted(() => [Mount.cache(u(undefined))]), I0, 'cache mount options must be an object'],
    ['Mount.cache without target', {}, mounted(() => [Mount.cache(u({}))]), I0, 'cache mount target must be a string'],
    ['Mount.cache with a numeric target', {}, mounted(() => [Mount.cache(u({ target: 42 }))]), I0, 'cache mount target must be a string'],
    ['Mount.cache with a string uid', {}, mounted(() => [Mount.cache(u({ target: '/c', uid: '0' }))]), I0, ['cache mount uid must be', '"0"']],
    ['Mount.cache with an unknown sharing mode', {}, mounted(() => [Mount.cache(u({ target: '/c', sharing: 'exclusive' }))]), I0, ['cache mount sharing must be one of', '"exclusive"']],
    ['Mount.cache with readOnly: \'true\'', {}, mounted(() => [Mount.cache(u({ target: '/c', readOnly: 'false' }))]), I0, 'cache mount readOnly must be true or false'],
    ['Mount.bind(undefined)', {}, mounted(() => [Mount.bind(u(undefined))]), I0, 'bind mount options must be an object'],
    ['Mount.bind without target', {}, mounted(() => [Mount.bind(u({ source: 'src' }))]), I0, 'bind mount target must be a string'],
    ['Mount.secret(undefined)', {}, mounted(() => [Mount.secret(u(undefined))]), I0, 'secret mount options must be an object'],
    ['Mount.secret without id', {}, mounted(() => [Mount.secret(u({}))]), I0, 'secret mount id must be a string'],
    ['Mount.secret with required: \'no\'', {}, mounted(() => [Mount.secret(u({ id: 'tok', required: 'no' }))]), I0, 'secret mount required must be true or false'],
    ['Mount.ssh(null)', {}, mounted(() => [Mount.ssh(u(null))]), I0, 'ssh mount options must be an object'],
    ['Mount.tmpfs without target', {}, mounted(() => [Mount.tmpfs(u({}))]), I0, 'tmpfs mount target must be a string'],
    ['Mount.tmpfs with a string size', {}, mounted(() => [Mount.tmpfs(u({ target: '/t', sizeBytes: '1g' }))]), I0, ['tmpfs mount', 'must be a number', '"1g"']],
    // external families
    ['external family without props', {}, external(undefined), EXT, 'registry must be a string'],
    ['external family registry: 42', {}, (c) => { flowPipe(c, 'flow-pipe', { registry: 42 }); VALID(c); }, EXT, 'registry must be a string'],
    ['external family tag: 1', {}, (c) => { flowPipe(c, 'flow-pipe', { tag: 1 }); VALID(c); }, EXT, 'tag must be a string'],
    ['external family images as a string', {}, (c) => { flowPipe(c, 'flow-pipe', { images: 'runtime' }); VALID(c); }, EXT, ['images must be', 'array']],
    ['external image without repository', {}, (c) => { flowPipe(c, 'flow-pipe', { images: [{ name: 'dev' }] }); VALID(c); }, EXT, 'images[0].repository must be a string'],
    ['external image without name', {}, (c) => { flowPipe(c, 'flow-pipe', { images: [{ repository: 'dev' }] }); VALID(c); }, EXT, 'images[0].name must be a string'],
    ['external image with an unknown role', {}, (c) => { flowPipe(c, 'flow-pipe', { images: [{ name: 'dev', repository: 'dev', role: 'builder' }] }); VALID(c); }, EXT, ['role of image "dev" must be one of', 'sdk']],
  ]),
];
