/** Bad input of the presets: GoService, RustService, BuildSteps and CacheMounts. */
import {
  BuildSteps, CacheMounts, CmakeSdk, CmakeSdkProps, Containers, GoService, GoServiceProps, ImageSource, Mount,
  PythonService, PythonServiceProps, RustService, RustServiceProps,
} from '../../../src';
import { app, BadInput, I0, P, rows, untyped } from '../support';

const GO = ImageSource.registry('golang:1.23');
const RUST = ImageSource.registry('rust:1.83');
/** Construct path of the service image `app/svc`. */
const SVC = `${P}/app/svc`;

function go(props: Partial<GoServiceProps>): (c: Containers) => void {
  return (c) => new GoService(c.addFamily('app'), 'svc', { source: 'services/svc', builder: GO, ...props });
}
function rust(props: Partial<RustServiceProps>): (c: Containers) => void {
  return (c) => new RustService(c.addFamily('app'), 'svc', { source: 'services/svc', builder: RUST, ...props });
}
function python(props: Partial<PythonServiceProps>): (c: Containers) => void {
  return (c) => new PythonService(c.addFamily('app'), 'svc', {
    source: 'services/svc', builder: ImageSource.registry('python:3.12'), command: ['/opt/venv/bin/python', '-m', 'svc'], ...props,
  });
}
function cmake(props: Partial<CmakeSdkProps>): (c: Containers) => void {
  return (c) => new CmakeSdk(c.addFamily('app'), 'svc', { source: 'tools/svc', base: ImageSource.registry('debian:12'), program: 'svc', ...props });
}
/** `RUN make` with `mount`. */
function mounted(mount: () => Mount) {
  return app((i) => i.run(['make'], { mounts: [mount()] }));
}

export const PRESET_CASES: BadInput[] = rows([
  // service presets: source
  ['service source with ..', {}, go({ source: '../other' }), SVC, 'source "../other" must be a folder inside the build context'],
  ['absolute service source', {}, go({ source: '/etc' }), SVC, 'source "/etc" must be a folder inside the build context'],
  ['empty service source', {}, go({ source: '' }), SVC, 'source "" must be a folder relative to the build context'],
  ['service source with a line break', {}, rust({ source: 'svc\nRUN id' }), SVC, 'source "svc\\nRUN id" must be a folder relative to the build context'],
  ['service source part starting with --', {}, go({ source: 'a/--from=x' }), SVC, 'source "a/--from=x" must be a folder inside the build context'],
  ['service source with a backslash', {}, go({ source: 'a\\b' }), SVC, 'source "a\\\\b" must be a folder relative'],
  ['service source with a glob', {}, go({ source: 'services/*' }), SVC, 'source "services/*" may only contain letters, digits'],
  ['service source with a bracket glob', {}, rust({ source: 'svc[1]' }), SVC, 'source "svc[1]" may only contain'],
  ['service source with a space', {}, go({ source: 'my svc' }), SVC, 'source "my svc" may only contain'],
  ['service source with a quote', {}, go({ source: 'a"b' }), SVC, 'source "a\\"b" may only contain'],
  ['service source with ${{', {}, go({ source: '${{ github.ref }}' }), SVC, 'may only contain'],
  ['untyped service source', {}, go({ source: untyped(42) }), SVC, 'source "42" must be a folder relative to the build context'],
  // service presets: binary
  ['binary with a space', {}, go({ binary: 'my app' }), SVC, 'binary "my app" must be 1-128 letters'],
  ['binary with a slash', {}, rust({ binary: '../bin' }), SVC, 'binary "../bin" must be 1-128 letters'],
  ['empty binary', {}, go({ binary: '' }), SVC, 'binary "" must be 1-128 letters'],
  ['binary starting with -', {}, go({ binary: '-rf' }), SVC, 'binary "-rf" must be 1-128 letters'],
  ['binary with a quote', {}, go({ binary: "a'b" }), SVC, 'binary "a\'b" must be 1-128 letters'],
  ['huge binary name', {}, go({ binary: 'a'.repeat(200) }), SVC, 'must be 1-128 letters'],
  // service presets: other props
  ['builder that is not an ImageSource', {}, go({ builder: untyped('golang:1.23') }), `${SVC}/svc-build`, 'from must be an ImageSource'],
  ['service base that is not an ImageSource', {}, go({ base: untyped('debian') }), SVC, 'from must be an ImageSource'],
  ['service props that are not an object', {}, (c) => new GoService(c.addFamily('app'), 'svc', untyped('services/svc')), SVC, 'service preset props must be an object'],
  ['certificates that is not a boolean', {}, go({ certificates: untyped('no') }), SVC, 'certificates must be true or false, got "no"'],
  ['musl that is not a boolean', {}, rust({ musl: untyped('yes') }), SVC, 'musl must be true or false, got "yes"'],
  ['service port out of range', {}, go({ port: 70000 }), `${SVC}/instruction.3`, 'EXPOSE port'],
  ['service healthcheck without a command', {}, go({ healthcheck: { command: [] } }), `${SVC}/instruction.4`, 'HEALTHCHECK'],
  ['service user that is a name', {}, go({ user: 'app' }), SVC, 'user "app"'],
  ['Go packagePath with ..', {}, go({ packagePath: './../x' }), SVC, 'packagePath "./../x" must be "." or "./"'],
  ['Go packagePath without ./', {}, go({ packagePath: 'cmd/api' }), SVC, 'packagePath "cmd/api" must be "." or "./"'],
  ['Go packagePath with a shell separator', {}, go({ packagePath: './cmd;id' }), SVC, 'packagePath "./cmd;id"'],
  ['Go packagePath with a line break', {}, go({ packagePath: './cmd\nid' }), SVC, 'packagePath "./cmd\\nid"'],
  // service presets: image options passed to the image
  ['service maxSizeMb zero', {}, go({ maxSizeMb: 0 }), SVC, 'maxSizeMb must be a number above 0'],
  ['service maxSizeMb a string', {}, rust({ maxSizeMb: untyped('100') }), SVC, 'maxSizeMb must be a number above 0 and at most 1000000, got "100"'],
  ['service buildAlias with a space', {}, go({ make: { buildAlias: 'container build' } }), SVC, 'make.buildAlias "container build" is not a usable make target name'],
  ['service buildAlias with a line break', {}, rust({ make: { buildAlias: 'b\nx' } }), SVC, 'make.buildAlias'],
  ['service repository with uppercase letters', {}, go({ repository: 'Control-Plane' }), SVC, 'repository'],
  ['service repository with ..', {}, rust({ repository: 'a/../b' }), SVC, 'repository'],
  ['service description with a line break', {}, go({ description: 'a\nb' }), SVC, 'description'],
  // BuildSteps.aptInstall
  ['aptInstall without packages', {}, app((i) => BuildSteps.aptInstall(i, [])), `${P}/app/runtime`, 'BuildSteps.aptInstall needs at least one package'],
  ['aptInstall with a shell command as a package', {}, app((i) => BuildSteps.aptInstall(i, ['curl; id'])), `${P}/app/runtime`, '"curl; id" is not a Debian package name'],
  ['aptInstall with an option as a package', {}, app((i) => BuildSteps.aptInstall(i, ['--allow-unauthenticated'])), `${P}/app/runtime`, '"--allow-unauthenticated" is not a Debian package name'],
  ['aptInstall with an uppercase package', {}, app((i) => BuildSteps.aptInstall(i, ['Vim'])), `${P}/app/runtime`, '"Vim" is not a Debian package name'],
  ['aptInstall with a line break', {}, app((i) => BuildSteps.aptInstall(i, ['vim\nRUN id'])), `${P}/app/runtime`, 'is not a Debian package name'],
  ['aptInstall with untyped packages', {}, app((i) => BuildSteps.aptInstall(i, untyped('vim'))), `${P}/app/runtime`, 'BuildSteps.aptInstall needs at least one package'],
  // BuildSteps.cargoBuild
  ['cargoBuild binary with a space', {}, app((i) => BuildSteps.cargoBuild(i, { binary: 'a b' })), `${P}/app/runtime`, 'cargo binary "a b" must be'],
  ['cargoBuild without a binary', {}, app((i) => BuildSteps.cargoBuild(i, untyped({}))), `${P}/app/runtime`, 'cargo binary "undefined" must be'],
  ['cargoBuild options that are not an object', {}, app((i) => BuildSteps.cargoBuild(i, untyped('app'))), `${P}/app/runtime`, 'BuildSteps.cargoBuild options must be an object'],
  ['cargoBuild relative directory', {}, app((i) => BuildSteps.cargoBuild(i, { binary: 'app', directory: 'src' })), `${P}/app/runtime`, 'cargo directory "src" must be an absolute path'],
  ['cargoBuild directory with ..', {}, app((i) => BuildSteps.cargoBuild(i, { binary: 'app', directory: '/src/../etc' })), `${P}/app/runtime`, 'cargo directory "/src/../etc"'],
  ['cargoBuild outDir with a space', {}, app((i) => BuildSteps.cargoBuild(i, { binary: 'app', outDir: '/out dir' })), `${P}/app/runtime`, 'cargo outDir "/out dir"'],
  ['cargoBuild musl that is not a boolean', {}, app((i) => BuildSteps.cargoBuild(i, { binary: 'app', musl: untyped(1) })), `${P}/app/runtime`, 'cargo musl must be true or false'],
  // CacheMounts
  ['cache preset with a negative uid', {}, mounted(() => CacheMounts.pip({ uid: -1 })), I0, 'cache mount option "uid" must be'],
  ['cache preset with a fractional gid', {}, mounted(() => CacheMounts.npm({ gid: 0.5 })), I0, 'cache mount option "gid" must be'],
  ['cache preset with a relative home', {}, mounted(() => CacheMounts.uv({ home: 'home/app' })), I0, 'cache mount target must be an absolute path, got "home/app/.cache/uv"'],
  ['cache preset home with a comma', {}, mounted(() => CacheMounts.gradle({ home: '/h,readonly' })), I0, 'cache mount option "target" has an invalid value'],
  ['cache preset home with a line break', {}, mounted(() => CacheMounts.maven({ home: '/h\nUSER 0' })), I0, ['cache mount', 'target', 'line break']],
  ['cache preset with an untyped home', {}, mounted(() => CacheMounts.yarn({ home: untyped(7) })), I0, 'cache mount target must be an absolute path'],
  ['cargoTarget name with a comma', {}, mounted(() => CacheMounts.cargoTarget('/src/target', 'x,target=/etc')), I0, 'cache mount option "id" has an invalid value'],
  ['cargoTarget relative directory', {}, mounted(() => CacheMounts.cargoTarget('target', 'app')), I0, 'cache mount target must be an absolute path, got "target"'],

  // CmakeSdk
  ['CmakeSdk source with ..', {}, cmake({ source: '../x' }), SVC, 'source "../x" must be a folder inside the build context'],
  ['CmakeSdk program with a slash', {}, cmake({ program: '../bin/sh' }), SVC, 'program "../bin/sh" must be 1-128 letters'],
  ['CmakeSdk program starting with -', {}, cmake({ program: '-rf' }), SVC, 'program "-rf" must be'],
  ['CmakeSdk untyped program', {}, cmake({ program: untyped(7) }), SVC, 'program "7" must be'],
  ['CmakeSdk definition that is not -D', {}, cmake({ cmakeDefinitions: ['--trace'] }), SVC, 'cmakeDefinitions: "--trace" must be -D<NAME>'],
  ['CmakeSdk definition with a line break', {}, cmake({ cmakeDefinitions: ['-DA=1\nRUN id'] }), SVC, 'cmakeDefinitions: "-DA=1\\nRUN id"'],
  ['CmakeSdk definitions that are not a list', {}, cmake({ cmakeDefinitions: untyped('-DA=1') }), SVC, 'cmakeDefinitions must be a list of strings'],
  ['CmakeSdk definition that is not a string', {}, cmake({ cmakeDefinitions: untyped([1]) }), SVC, 'cmakeDefinitions: "1" must be a string'],
  ['CmakeSdk sdk package with a shell command', {}, cmake({ sdkPackages: ['g++; id'] }), `${P}/app/svc-sdk`, '"g++; id" is not a Debian package name'],
  ['CmakeSdk empty sdk packages', {}, cmake({ sdkPackages: [] }), `${P}/app/svc-sdk`, 'BuildSteps.aptInstall needs at least one package'],
  ['CmakeSdk runtime package that is an option', {}, cmake({ runtimePackages: ['--force-yes'] }), SVC, '"--force-yes" is not a Debian package name'],
  ['CmakeSdk sharedLibraries that is not a boolean', {}, cmake({ sharedLibraries: untyped('yes') }), SVC, 'sharedLibraries must be true or false'],
  ['CmakeSdk base that is not an ImageSource', {}, cmake({ base: untyped('debian') }), SVC, 'from must be an ImageSource'],
  ['CmakeSdk props that are not an object', {}, (c) => new CmakeSdk(c.addFamily('app'), 'svc', untyped(null)), SVC, 'CmakeSdk props must be an object'],

  // PythonService
  ['Python source with ..', {}, python({ source: '../x' }), SVC, 'source "../x" must be a folder inside the build context'],
  ['Python requirements with ..', {}, python({ requirements: '../secrets.txt' }), SVC, 'requirements "../secrets.txt" must be a file relative to source'],
  ['absolute Python requirements', {}, python({ requirements: '/etc/passwd' }), SVC, 'requirements "/etc/passwd" must be a file relative'],
  ['Python requirements with a space', {}, python({ requirements: 'a b.txt' }), SVC, 'requirements "a b.txt"'],
  ['Python requirements starting with -', {}, python({ requirements: '-r.txt' }), SVC, 'requirements "-r.txt"'],
  ['Python requirements with a line break', {}, python({ requirements: 'r.txt\nRUN id' }), SVC, 'requirements "r.txt\\nRUN id"'],
  ['untyped Python requirements', {}, python({ requirements: untyped(['r.txt']) }), SVC, 'requirements "r.txt" must be a file'],
  ['empty Python command', {}, python({ command: [] }), `${SVC}/instruction.6`, 'ENTRYPOINT'],
  ['untyped Python command', {}, python({ command: untyped('python app.py') }), `${SVC}/instruction.6`, 'ENTRYPOINT'],
  ['Python builder that is not an ImageSource', {}, python({ builder: untyped('python:3.12') }), `${SVC}/svc-build`, 'from must be an ImageSource'],
  ['Python port out of range', {}, python({ port: -1 }), `${SVC}/instruction.4`, 'EXPOSE port'],
  ['Python user that is root by name', {}, python({ user: 'root' }), SVC, 'user "root"'],
  ['Python props that are not an object', {}, (c) => new PythonService(c.addFamily('app'), 'svc', untyped(null)), SVC, 'PythonService props must be an object'],
]);
