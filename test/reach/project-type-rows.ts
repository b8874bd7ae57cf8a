/**
 * Rows of the options of `projects.ContainersTypeScriptProject`: the baseline is built on the project type's own pipeline.
 * `containersSample` is read only while `projen new` creates the project, so its rows compare two creations.
 */
import { has, ReachRow } from './option-table';
import { projects } from '../../src';

const created = (containersSample: projects.ContainersSample) => ({ projectType: { created: true, containersSample } });

export const PROJECT_TYPE_ROWS: ReachRow[] = [
  {
    option: 'ContainersTypeScriptProjectOptions.registry',
    base: { projectType: {} },
    variant: { projectType: { registry: 'quay.io/acme' } },
    effects: {
      makefile: has('REGISTRY ?= quay.io/acme'),
      bake: has('"default": "quay.io/acme"'),
      workflow: has('REGISTRY: quay.io/acme', 'registry: quay.io'),
      docs: has('quay.io/acme'),
    },
  },
  {
    option: 'ContainersTypeScriptProjectOptions.containersSample',
    base: created(projects.ContainersSample.NONE),
    variant: created(projects.ContainersSample.RUST_SERVICE),
    effects: {
      dockerfile: has('FROM --platform=$BUILDPLATFORM ${RUST_IMAGE} AS hello-build', 'COPY --link services/hello/Cargo.toml'),
      dockerignore: has('!services/hello'),
      makefile: has('SERVICES_RUST_IMAGE ?= rust:1.83-bookworm', 'build-services-hello'),
      bake: has('"services-hello"'),
      workflow: has('services-hello'),
      docs: has('services-hello'),
    },
  },
];
