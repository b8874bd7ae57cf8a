// Three services from the presets. The Go and Rust ones each get a cross-compiling build stage with its dependency
// layer before its sources, cache mounts, a static binary and a scratch image with CA certificates, time zone data, a
// numeric non-root user, EXPOSE and a HEALTHCHECK; the Python one a virtualenv on a slim runtime.
// In your own repository, import from 'projen-containers'.
import { Project, typescript } from 'projen';
import { Containers, DockerfileSyntax, GoService, ImageSource, PythonService, RustService } from '../../src';

const project = new Project({ name: 'go-rust-services' });
new typescript.ProjenrcTs(project);

const containers = new Containers(project, {
  registry: 'ghcr.io/acme',
  platforms: ['linux/amd64', 'linux/arm64'],
  dockerfileSyntax: DockerfileSyntax.omit(),
});

const services = containers.addFamily('services', { dockerfile: 'Dockerfile', description: 'Go and Rust services' });

// Pin the toolchains by digest in your project; `make build SERVICES_GREETER_BUILD_BASE_IMAGE=…` picks a mirror.
new GoService(services, 'greeter', {
  source: 'services/greeter',
  builder: ImageSource.registry('golang:1.23-bookworm', { buildArg: 'GO_IMAGE' }),
  port: 8080,
});

new RustService(services, 'echo', {
  source: 'services/echo',
  builder: ImageSource.registry('rust:1.83-bookworm', { buildArg: 'RUST_IMAGE' }),
  port: 8081,
});

// A virtualenv built in a build stage and copied into a slim runtime with the same interpreter.
new PythonService(services, 'hello', {
  source: 'services/hello',
  builder: ImageSource.registry('python:3.12-bookworm', { buildArg: 'PYTHON_IMAGE' }),
  base: ImageSource.registry('python:3.12-slim-bookworm', { buildArg: 'PYTHON_SLIM_IMAGE' }),
  command: ['/opt/venv/bin/python', '/app/app.py'],
});

project.synth();
