// An external stage repository: builds a plugin FROM the flow-pipe SDK image and ships it on the runtime image,
// both with the family's one tag. In your own repository, import from 'projen-containers'.
import { Project, typescript } from 'projen';
import { Containers, DockerfileSyntax, ImageRole, ImageSource } from '../../src';

const project = new Project({ name: 'flow-pipe-stage' });
new typescript.ProjenrcTs(project);

const containers = new Containers(project, {
  registry: 'ghcr.io/hurdad',
  sourceUrl: 'https://github.com/hurdad/flow-pipe-stage-plugins',
  dockerfileSyntax: DockerfileSyntax.omit(),
});

// The published flow-pipe family: every image of it is used with the same tag (FLOW_PIPE_TAG).
const flowPipe = containers.addExternalFamily('flow-pipe', {
  registry: 'ghcr.io/hurdad',
  tag: '0.1.0-ubuntu24.04',
  images: [
    { name: 'runtime', repository: 'flow-pipe-runtime', role: ImageRole.RUNTIME },
    { name: 'dev', repository: 'flow-pipe-dev', role: ImageRole.SDK },
  ],
});

const stages = containers.addFamily('stages', {
  description: 'flow-pipe stage plugins',
  dockerfile: 'Dockerfile',
});

const plugin = stages.addImage('uppercase', {
  from: ImageSource.external(flowPipe.image('runtime')),
  description: 'flow-pipe runtime with the uppercase stage plugin',
});
const build = plugin.addStage('build', { from: ImageSource.external(flowPipe.image('dev')) });
build.copy(['CMakeLists.txt'], '/work/');
build.copy(['src'], '/work/src/');
build.run([
  'cmake -S /work -B /work/build -G Ninja -DCMAKE_BUILD_TYPE=Release',
  'cmake --build /work/build',
]);
plugin.copy(['/work/build/libuppercase_stage.so'], '/opt/flow-pipe/plugins/', { from: build });

project.synth();
