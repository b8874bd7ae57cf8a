/**
 * The generated container files stay out of a Node.js project's npm package (`.npmignore`), anchored at the project
 * root; a project without an npm package (a plain projen `Project`) gets no `.npmignore` from the pipeline.
 */
import { Project, Testing, typescript } from 'projen';
import { describe, expect, test } from 'vitest';
import { Containers, ImageSource } from '../../src';

function addPipeline(project: Project): void {
  const c = new Containers(project, { registry: 'ghcr.io/acme', makefile: 'build/Makefile' });
  const family = c.addFamily('app', { dockerfile: 'docker/Dockerfile.app' });
  family.addImage('runtime', { from: ImageSource.registry('debian:bookworm-slim') });
}

describe('the npm package of a project with a pipeline', () => {
  test('excludes every generated Dockerfile, the Makefile, the bake file, CONTAINERS.md and .dockerignore', () => {
    const project = new typescript.TypeScriptProject({ name: 'consumer', defaultReleaseBranch: 'main', github: false });
    addPipeline(project);
    const files = Testing.synth(project);
    const lines = (files['.npmignore'] as string).split('\n');
    for (const path of ['/.dockerignore', '/CONTAINERS.md', '/build/Makefile', '/docker-bake.json', '/docker/Dockerfile.app']) {
      expect(lines).toContain(path);
      // each excluded path is a file the pipeline generated
      expect(files[path.slice(1)]).toBeDefined();
    }
    // anchored at the root: a file of the same name elsewhere (e.g. a Makefile the package ships) stays packed
    expect(lines.filter((line) => /^(Makefile|Dockerfile|\.dockerignore)/.test(line))).toEqual([]);
  });

  test('a project without npm packaging gets no .npmignore', () => {
    const project = new Project({ name: 'plain' });
    addPipeline(project);
    expect(Testing.synth(project)['.npmignore']).toBeUndefined();
  });
});
