/**
 * The model of examples/flow-pipe/.projenrc.ts (which cannot be imported: it synthesizes into its own directory),
 * built into a given project so tests can synthesize it wherever they like.
 */
import { Project } from 'projen';
import { CacheSharing, Containers, DockerfileSyntax, FamilyTag, ImageRole, ImageSource, Mount } from '../../src';

export function addFlowPipeModel(project: Project): Containers {
  const containers = new Containers(project, {
    registry: 'ghcr.io/hurdad',
    sourceUrl: 'https://github.com/hurdad/flow-pipe',
    dockerfileSyntax: DockerfileSyntax.omit(),
  });
  const flowPipe = containers.addFamily('flow-pipe', {
    description: 'flow-pipe runtime, base and SDK images',
    dockerfile: 'runtime/docker/Dockerfile',
    tag: FamilyTag.templates(['{version}-{os}', '{branch}-{os}'], { constants: { os: 'ubuntu24.04' }, fallback: 'dev-ubuntu24.04' }),
  });
  const os = ImageSource.registry('ubuntu:24.04', { buildArg: 'OS_IMAGE' });
  const aptCaches = [
    Mount.cache({ target: '/var/cache/apt', id: 'apt-cache', sharing: CacheSharing.LOCKED }),
    Mount.cache({ target: '/var/lib/apt/lists', id: 'apt-lists', sharing: CacheSharing.LOCKED }),
  ];
  const aptInstall = (...packages: string[]) => [
    'rm -f /etc/apt/apt.conf.d/docker-clean',
    'apt-get update',
    `DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')}`,
  ];

  const runtime = flowPipe.addImage('runtime', { from: os, role: ImageRole.RUNTIME, description: 'Minimal image to run flows' });
  const build = runtime.addStage('build', { from: os });
  build.run(aptInstall('gcc', 'libc6-dev'), { mounts: aptCaches });
  build.workdir('/src');
  build.copy(['runtime/include'], '/src/include/');
  build.copy(['runtime/src'], '/src/src/');
  build.run(['mkdir -p /out', 'gcc -O2 -Wall -Werror -I/src/include -o /out/flow_runtime /src/src/flow_runtime.c -ldl']);
  runtime.copy(['/out/flow_runtime'], '/usr/local/bin/flow_runtime', { from: build });
  runtime.run(['mkdir -p /opt/flow-pipe/plugins']);
  runtime.entrypoint(['/usr/local/bin/flow_runtime']);

  const base = flowPipe.addImage('base', { from: ImageSource.stage(runtime), description: 'Runtime + shared library dependencies' });
  base.run(aptInstall('libyaml-0-2'), { mounts: aptCaches });

  const dev = flowPipe.addImage('dev', { from: ImageSource.stage(base), role: ImageRole.SDK, description: 'SDK image for building custom stages' });
  dev.run(aptInstall('gcc', 'libc6-dev', 'cmake', 'ninja-build', 'make'), { mounts: aptCaches });
  dev.copy(['runtime/include/flow_pipe'], '/opt/flow-pipe/include/flow_pipe/');
  dev.copy(['runtime/cmake/flow-pipeConfig.cmake'], '/opt/flow-pipe/lib/cmake/flow-pipe/');
  dev.env({ CMAKE_PREFIX_PATH: '/opt/flow-pipe' });
  dev.workdir('/work');
  return containers;
}
