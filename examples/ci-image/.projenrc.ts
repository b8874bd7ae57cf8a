// Seed 002: a CI image (gen.Dockerfile) whose tools are built in parallel stages with apt and language caches
// mounted, published to ghcr.io/flyteorg/flyte/ci with the seed's tag table, rebuilt as pr-<N> when a same-repository
// pull request changes its inputs, and used locally through docker-build / docker-pull / docker-dev / gen with
// DOCKER_CI_IMAGE (`make docker-pull gen DOCKER_CI_IMAGE=ghcr.io/flyteorg/flyte/ci:pr-456`).
// In your own repository, import from 'projen-containers'.
import { Project, typescript } from 'projen';
import {
  BuildSteps, CacheMounts, CachePolicy, CacheSource, Containers, DockerfileSyntax, ImageSource, TagCondition, TagRule,
} from '../../src';

const project = new Project({ name: 'ci-image' });
new typescript.ProjenrcTs(project);

const containers = new Containers(project, {
  registry: 'ghcr.io/flyteorg',
  dockerfileSyntax: DockerfileSyntax.omit(),
  make: { defaultGoal: 'docker-build' },
  // The seed's cache hierarchy: the buildcache refs (this pull request's, its branch's, the default branch's), then
  // the pull request's own pr-<N> image, then the stable v2 image. Pushes to main/v2 and same-repository pull requests
  // write their own buildcache ref (and the inline cache into the images they push); forks never write.
  cache: CachePolicy.registry({ readImages: [CacheSource.pullRequestImage(), CacheSource.imageTag('v2')] }),
});

// The seed's tag table: pr-<N> for a pull request, v2 on the v2 branch, latest on the default branch (main), and
// <branch>-sha-<commit> on every branch push.
const family = containers.addFamily('flyte', {
  dockerfile: 'gen.Dockerfile',
  description: 'The CI image: code generators and their toolchains',
  tags: [
    TagRule.pr(),
    TagRule.branch({ enable: TagCondition.onRef('refs/heads/v2') }),
    TagRule.raw('latest', { enable: TagCondition.onDefaultBranch() }),
    TagRule.sha({ prefix: '{{branch}}-sha-', enable: TagCondition.onEvent(['push']) }),
  ],
});

// Pin the bases by digest in your project; `make docker-build FLYTE_GO_IMAGE=…` picks a mirror.
const ci = family.addImage('ci', {
  from: ImageSource.registry('python:3.12-slim-bookworm', { buildArg: 'BASE_IMAGE' }),
  repository: 'flyte/ci',
  make: { imageVariable: 'DOCKER_CI_IMAGE', buildAlias: 'docker-build', pushAlias: 'docker-push', pullAlias: 'docker-pull', runAlias: 'docker-dev' },
});

// Tool stages: independent of each other, so BuildKit builds them in parallel.
const goTools = ci.addStage('go-tools', { from: ImageSource.registry('golang:1.23-bookworm', { buildArg: 'GO_IMAGE' }) });
goTools.env({ CGO_ENABLED: '0', GOFLAGS: '-trimpath', GOMODCACHE: '/go/pkg/mod' });
goTools.workdir('/src/gen-hello');
goTools.copy(['tools/gen-hello/go.mod'], '/src/gen-hello/');
goTools.copy(['tools/gen-hello/main.go'], '/src/gen-hello/');
goTools.run(['go build -o /out/gen-hello .'], { mounts: [CacheMounts.goModules(), CacheMounts.goBuild()] });

const pythonTools = ci.addStage('python-tools', { from: ImageSource.registry('python:3.12-bookworm', { buildArg: 'PYTHON_IMAGE' }) });
pythonTools.copy(['tools/requirements.txt'], '/tmp/requirements.txt');
pythonTools.run(
  ['python3 -m venv /opt/venv', '/opt/venv/bin/pip install --disable-pip-version-check --requirement /tmp/requirements.txt'],
  { mounts: [CacheMounts.pip()] },
);

// The image: system packages from apt (cache mounted), then the tools from their stages.
BuildSteps.aptInstall(ci, ['make']);
ci.copy(['/out/gen-hello'], '/usr/local/bin/gen-hello', { from: goTools });
ci.copy(['/opt/venv'], '/opt/venv', { from: pythonTools });
ci.env({ PATH: '/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' });
ci.workdir('/workspace');

// `make gen`: the generators run in the CI image (DOCKER_CI_IMAGE), the checkout mounted at /workspace.
containers.addMakeTarget({ name: 'gen', description: 'Regenerate code with the tools of the CI image', image: ci, commands: [['sh', 'script/generate.sh']] });

// Published on pushes to main and v2; pull requests that change the image's inputs get pr-<N> (same repository only),
// a comment with the reference and deletion of the tag when they close; the others hand on v2 without building.
containers.addWorkflow('build-ci-image', {
  push: { branches: ['main', 'v2'] },
  pullRequest: { branches: ['main', 'v2'] },
  dispatch: {},
  pullRequestImages: { stableTag: 'v2', deleteOnClose: true },
});

project.synth();
