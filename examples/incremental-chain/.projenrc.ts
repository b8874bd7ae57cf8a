// Seed 004 from code: two incremental chains built on one pinned base,
//   base → base-builder → builder   and   base → base-runner → runner,
// one Dockerfile per image under container/, the runner copying the app straight from the builder image.
// In your own repository, import from 'projen-containers' instead of the library's source.
import { Project, typescript } from 'projen';
import { Containers, DockerfileSyntax, ImageSource } from '../../src';

const project = new Project({ name: 'incremental-chain' });
new typescript.ProjenrcTs(project);

const containers = new Containers(project, {
  registry: 'docker.io/ffreis',
  sourceUrl: 'https://github.com/FelipeFuhr/ffreis-python-onnx-model',
  dockerfileSyntax: DockerfileSyntax.omit(),
  workflow: { name: 'docker-build' },
  // The lock (containers.lock.json, written by `npx projen containers:pin`) pins the base by digest; digests.env
  // is generated from it for scripts that want the pinned reference.
  pinning: { digestsEnvFile: 'container/digests.env' },
  // The seed's Makefile interface: `make` builds the builder; build-images / clean-all cover every image.
  make: {
    defaultGoal: 'build-builder',
    targets: [
      { name: 'build-images', description: 'Build all images at once', prerequisites: ['build'] },
      { name: 'clean-all', description: 'Remove all images', prerequisites: ['clean'] },
    ],
  },
});

const chain = containers.addFamily('ffreis', { description: 'Incremental builder and runner chains on one base' });
// Each image also answers to the seed's target names: build-<name> and clean-<name> (besides build-ffreis-<name>).
const image = (name: string, from: ImageSource, description: string, runAlias?: string) =>
  chain.addImage(name, {
    from, repository: name, dockerfile: `container/Dockerfile.${name}`, description,
    make: { buildAlias: `build-${name}`, cleanAlias: `clean-${name}`, runAlias },
  });

// The one external base: a tag, pinned through the lockfile (the local test registry's busybox stands in for Ubuntu).
const base = image('base', ImageSource.registry('127.0.0.1:5000/testbase/busybox:1', { buildArg: 'OS_IMAGE' }), 'Shared base image');
base.run(['mkdir -p /app']);

const baseBuilder = image('base-builder', ImageSource.stage(base), 'Base plus build tools');
baseBuilder.run(['mkdir -p /build']);

const builder = image('builder', ImageSource.stage(baseBuilder), 'The app source, built');
builder.copy(['app'], '/build/app/');
builder.run(['sh /build/app/build.sh /build/out']);

const baseRunner = image('base-runner', ImageSource.stage(base), 'Minimal runtime base');
baseRunner.copy(['scripts/entrypoint.sh'], '/usr/local/bin/entrypoint.sh', { chmod: '0755' });

const runner = image('runner', ImageSource.stage(baseRunner), 'The app, ready to run', 'run-app');
runner.copy(['/build/out'], '/app/', { from: builder });
runner.entrypoint(['/usr/local/bin/entrypoint.sh']);
runner.cmd(['/app/main.sh']);

project.synth();
