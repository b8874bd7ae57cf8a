// Seed 001: a Python runtime image (interpreter, virtualenv, the packages of requirements.txt, a non-root user) in
// build/Dockerfile.runtime, rebuilt on demand, and an application image in build/Dockerfile.app built FROM it on every
// push to main or master, both pushed to a registry read from the secret DOCKER_REGISTRY_URL.
// In your own repository, import from 'projen-containers'.
import { Project, typescript } from 'projen';
import {
  CacheMounts, Containers, DockerfileSyntax, ImageSource, TagCondition, TagRule, WorkflowRegistry,
} from '../../src';

const project = new Project({ name: 'python-runtime-app' });
new typescript.ProjenrcTs(project);

const containers = new Containers(project, {
  // the local default of `make`; CI reads the registry from the secret below
  registry: 'registry.example.com/acme',
  dockerfileSyntax: DockerfileSyntax.omit(),
  workflow: { usernameSecret: 'DOCKER_USERNAME', passwordSecret: 'DOCKER_PASSWORD' },
});

// The runtime: v<YYYYMMDD-HHMMSS> (UTC, the time of the run) and latest on every manual run.
const runtime = containers
  .addFamily('runtime', {
    dockerfile: 'build/Dockerfile.runtime',
    description: 'Python runtime with the packages of requirements.txt',
    tags: [
      TagRule.timestamp('YYYYMMDD-HHmmss', { prefix: 'v' }),
      TagRule.raw('latest', { enable: TagCondition.onEvent(['workflow_dispatch']) }),
    ],
  })
  // Pin the base by digest in your project; `make build RUNTIME_PYTHON_BASE_IMAGE=…` picks a mirror.
  .addImage('python', {
    from: ImageSource.registry('python:3.11-slim-bookworm', { buildArg: 'PYTHON_BASE_IMAGE' }),
    repository: 'runtime',
  });
runtime.env({ VIRTUAL_ENV: '/opt/venv', PATH: '/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', PYTHONUNBUFFERED: '1' });
runtime.copy(['requirements.txt'], '/tmp/requirements.txt');
// pip's cache is a cache mount: it is in no layer, and a changed requirements.txt reuses what was downloaded before
runtime.run(
  ['python3 -m venv /opt/venv', '/opt/venv/bin/pip install --disable-pip-version-check --requirement /tmp/requirements.txt'],
  { mounts: [CacheMounts.pip()] },
);
runtime.run(['mkdir -p /srv/config', 'chown 10001:10001 /srv/config']);
runtime.user('10001:10001');

// The application: its commit and latest on pushes to main or master.
const app = containers
  .addFamily('app', {
    dockerfile: 'build/Dockerfile.app',
    description: 'The application, on the runtime image',
    tags: [
      // the commit first (priority above raw's 200): it is the main tag and the OCI version label
      TagRule.sha({ prefix: '', priority: 300 }),
      TagRule.raw('latest', { enable: TagCondition.anyOf([TagCondition.onRef('refs/heads/main'), TagCondition.onRef('refs/heads/master')]) }),
    ],
  })
  .addImage('web', { from: ImageSource.stage(runtime), repository: 'app' });
app.workdir('/srv');
app.copy(['app'], '/srv/app/');
app.copy(['start.sh'], '/srv/start.sh', { chmod: '0755' });
app.expose(8000);
app.healthcheck({
  command: ['python', '-c', 'import urllib.request; urllib.request.urlopen("http://127.0.0.1:8000/health", timeout=2)'],
  intervalSeconds: 30,
  timeoutSeconds: 3,
});
app.cmd(['/srv/start.sh']);

// The seed's two workflows: the runtime on demand only, the application on pushes that change more than documentation.
// As in the seed, build-app builds the app on the runtime build-runtime last published (runtime:latest, the seed's
// stable tag): it does not select the runtime, so its bake pulls that reference (RUNTIME_PYTHON_IMAGE_PUBLISHED)
// instead of building the runtime target. Select the runtime too (families: ['runtime', 'app']) to rebuild both.
const registry = WorkflowRegistry.fromSecret('DOCKER_REGISTRY_URL');
// "Run workflow" can rebuild the runtime on another Python image (e.g. a newer patch release, or one pinned by digest)
// without a commit: the input sets the base image variable of the build; empty, the pinned default is used.
containers.addWorkflow('build-runtime', {
  families: ['runtime'],
  dispatch: {
    inputs: [{
      name: 'python_image',
      description: 'Python base image of the runtime (empty: the default in build/Dockerfile.runtime)',
      variable: 'RUNTIME_PYTHON_BASE_IMAGE',
    }],
  },
  registry,
});
containers.addWorkflow('build-app', {
  images: ['app-web'],
  push: { branches: ['main', 'master'] },
  pathsIgnore: ['**.md', 'docs/**', '.github/ISSUE_TEMPLATE/**', '.editorconfig', '.gitignore'],
  registry,
  parentTag: 'latest',
});

project.synth();
