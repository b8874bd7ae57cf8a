import { Project, Testing } from 'projen';
import {
  Containers, ContainersProps, FamilyTag, ImageSource, Mount, WorkflowInputType, WorkflowRegistry,
} from '../../src';

/**
 * Seed 001 from code: a Python runtime image rebuilt on demand (dispatch-only workflow) and an app image built FROM it
 * on every push to `main` or `master` except documentation, to a registry read from the secret `DOCKER_REGISTRY_URL`.
 */
export function seed001(project: Project, props: Partial<ContainersProps> = {}): Containers {
  const containers = new Containers(project, {
    registry: 'registry.example.com/acme',
    workflow: { usernameSecret: 'DOCKER_USERNAME', passwordSecret: 'DOCKER_PASSWORD' },
    ...props,
  });
  const runtime = containers.addFamily('runtime', { dockerfile: 'build/Dockerfile.runtime', tag: FamilyTag.templates(['{sha}']) })
    .addImage('python', { from: ImageSource.registry('python:3.11-slim') });
  runtime.copy(['requirements.txt'], '/tmp/');
  runtime.run(['pip install -r /tmp/requirements.txt'], { mounts: [Mount.cache({ target: '/root/.cache/pip' })] });
  const app = containers.addFamily('app', { dockerfile: 'build/Dockerfile.app', tag: FamilyTag.templates(['{sha}']) })
    .addImage('web', { from: ImageSource.stage(runtime) });
  app.copy(['app'], '/srv/app/');
  app.copy(['start.sh'], '/srv/');
  app.expose(8000);
  const registry = WorkflowRegistry.fromSecret('DOCKER_REGISTRY_URL');
  containers.addWorkflow('build-runtime', {
    families: ['runtime'],
    dispatch: { inputs: [{ name: 'reason', description: 'Why the runtime is rebuilt', required: false }] },
    registry,
  });
  containers.addWorkflow('build-app', {
    images: ['app-web'],
    push: { branches: ['main', 'master'] },
    pathsIgnore: ['**.md', 'docs/**', '.github/ISSUE_TEMPLATE/**'],
    registry,
  });
  return containers;
}

/**
 * Seed 002 from code: a CI image rebuilt per pull request when its inputs change (`pr-<N>` from same-repository pull
 * requests, a PR comment, deletion on close), published on pushes to `main` and `v2`, weekly on a schedule.
 */
export function seed002(project: Project, props: Partial<ContainersProps> = {}): Containers {
  const containers = new Containers(project, { registry: 'ghcr.io/flyteorg/flyte', ...props });
  const ci = containers.addFamily('ci', { dockerfile: 'gen.Dockerfile', tag: FamilyTag.templates(['{branch}']) })
    .addImage('image', { from: ImageSource.registry('ubuntu:24.04') });
  ci.copy(['script/tools.txt'], '/opt/');
  ci.run(['apt-get update'], { mounts: [Mount.bind({ source: 'script/install', target: '/install' })] });
  containers.addWorkflow('build-ci-image', {
    push: { branches: ['main', 'v2'] },
    pullRequest: { branches: ['main', 'v2'] },
    dispatch: {
      inputs: [
        { name: 'platform', type: WorkflowInputType.CHOICE, options: ['linux/amd64', 'linux/arm64'], default: 'linux/amd64' },
        { name: 'no-cache', type: WorkflowInputType.BOOLEAN, default: 'false' },
      ],
    },
    schedule: ['0 4 * * MON'],
    paths: ['Makefile.ci'],
    pullRequestImages: { stableTag: 'v2', deleteOnClose: true },
  });
  return containers;
}

/** Every file `build` synthesizes. */
export function synthFiles(build: (project: Project) => unknown): Record<string, string> {
  const project = new Project({ name: 'seed' });
  build(project);
  return Testing.synth(project, { parseJson: false });
}
