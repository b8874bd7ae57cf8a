import { realpathSync } from 'fs';
import * as path from 'path';
import { FileBase, Project, Testing } from 'projen';
import { Containers } from '../containers';

/**
 * Snapshot testing of your own pipeline: the files it generates, without the rest of the project.
 *
 * ```ts
 * const project = new Project({ name: 'test' });
 * const containers = new Containers(project, { registry: 'ghcr.io/acme' });
 * addMyImages(containers);
 * expect(ContainersTesting.synth(project)).toMatchSnapshot();
 * ```
 */
export class ContainersTesting {
  /**
   * Synthesizes `project` with projen's `Testing.synth` (into its temporary output directory, removed afterwards)
   * and returns the files its `Containers` pipeline generated (Dockerfiles, `.dockerignore` files, Makefile, bake file,
   * CONTAINERS.md, GitHub workflows, and the pin lock refresh workflow when pinning asks for one): path relative to the
   * root project → text, in path order. Nothing in them depends on the machine or the time, so they suit snapshots.
   *
   * Throws when the project has no pipeline, when its output directory is the working directory (projen's choice for
   * a project without `outdir` in a test running under the temporary directory, which the synthesis would remove),
   * and the pipeline's `PipelineValidationError` when it is invalid. Like `Testing.synth`, a project can be
   * synthesized once.
   *
   * @param project a project created by a test (its output directory must be a temporary one)
   */
  public static synth(project: Project): Record<string, string> {
    const containers = Containers.of(project);
    if (containers === undefined) {
      throw new Error(`project "${project.name}" has no Containers pipeline: add one with new Containers(project, { registry: … })`);
    }
    const root = project.root;
    // projen puts a project without an outdir created by a test whose working directory lies under the temporary
    // directory into that working directory, and Testing.synth removes the output directory afterwards
    if (path.resolve(root.outdir) === realpathSync(process.cwd())) {
      throw new Error(`project "${root.name}" would be synthesized into the working directory (${root.outdir}), which the synthesis removes afterwards: give it an outdir of its own, e.g. outdir: mkdtempSync(join(tmpdir(), 'containers-'))`);
    }
    const generated = new Set<string>();
    // every file that appears while the pipeline synthesizes is one of its outputs
    const allFiles = (): FileBase[] => (project === root ? root.files : [...root.files, ...project.files]);
    const hadOwn = Object.prototype.hasOwnProperty.call(containers, 'preSynthesize');
    const ownPreSynthesize = containers.preSynthesize;
    containers.preSynthesize = () => {
      const before = new Set<FileBase>(allFiles());
      ownPreSynthesize.call(containers);
      for (const file of allFiles()) {
        if (!before.has(file)) generated.add(path.relative(root.outdir, file.absolutePath).split(path.sep).join('/'));
      }
    };
    let files: Record<string, unknown>;
    try {
      files = Testing.synth(root, { parseJson: false });
    } finally {
      if (hadOwn) containers.preSynthesize = ownPreSynthesize;
      else delete (containers as { preSynthesize?: unknown }).preSynthesize;
    }
    const result: Record<string, string> = {};
    for (const file of [...generated].sort()) {
      const content = files[file];
      if (typeof content === 'string') result[file] = content;
    }
    return result;
  }

  private constructor() {}
}
