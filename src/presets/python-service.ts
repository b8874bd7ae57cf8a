import { CacheMounts } from './cache-mounts';
import { presetProblem, propsOf } from './preset-input';
import { inSource, sourceFolder } from './service-image';
import type { ImageFamily } from '../family/image-family';
import type { Image } from '../image/image';
import type { ImageSource } from '../image/image-source';
import type { HealthcheckOptions } from '../stage/options';
import type { Stage } from '../stage/stage';

/** Properties of a Python service. */
export interface PythonServiceProps {
  /** The service's source folder, relative to the family's build context (holding the requirements file). */
  readonly source: string;
  /**
   * The build stage's image: a Python with the `venv` module, e.g. `python:3.12-bookworm@sha256:…`. The virtualenv
   * is built here, so compilers and headers for wheels without binaries stay out of the final image.
   */
  readonly builder: ImageSource;
  /**
   * The runtime image: the same Python at the same path as the builder, without the build tools, e.g.
   * `python:3.12-slim-bookworm@sha256:…` (the virtualenv points at the builder's interpreter path).
   * @default - the builder
   */
  readonly base?: ImageSource;
  /**
   * The requirements file, relative to `source`; installed with `pip install --require-hashes` when it pins hashes.
   * @default "requirements.txt"
   */
  readonly requirements?: string;
  /** The command the service runs (ENTRYPOINT, exec form), e.g. `['/opt/venv/bin/python', '-m', 'app']`. */
  readonly command: string[];
  /**
   * TCP port the service listens on (`EXPOSE`); 0 exposes none.
   * @default 8000
   */
  readonly port?: number;
  /**
   * The HEALTHCHECK.
   * @default - an HTTP GET of `http://127.0.0.1:<port>/` with the virtualenv's Python (standard library only)
   */
  readonly healthcheck?: HealthcheckOptions;
  /**
   * Numeric `uid[:gid]` the service runs as.
   * @default - the pipeline's default user ("10001:10001")
   */
  readonly user?: string;
}

/** The virtualenv's location in both stages. */
const VENV = '/opt/venv';
const PATH = `${VENV}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;

/**
 * A Python service image: a build stage creates a virtualenv in `/opt/venv` and installs the requirements into it
 * with pip's cache mounted (only the requirements file is copied first, so a source change reuses this layer); the
 * runtime image (slim) receives the virtualenv and the sources in `/app`, with EXPOSE, HEALTHCHECK and the numeric
 * non-root user. The build stage runs on the target platform (wheels are platform-specific).
 *
 * Both parts are normal constructs: add instructions to `buildStage` or `image`, like any other stage.
 *
 * @example
 * import { Containers, ImageSource, PythonService } from 'projen-containers';
 *
 * declare const containers: Containers;
 * const services = containers.addFamily('services', { dockerfile: 'Dockerfile' });
 * new PythonService(services, 'hello', {
 *   source: 'services/hello',
 *   builder: ImageSource.registry('python:3.12-bookworm'),
 *   base: ImageSource.registry('python:3.12-slim-bookworm'),
 *   command: ['python', '-m', 'hello'],
 *   port: 8000,
 * });
 */
export class PythonService {
  /** The published image. */
  public readonly image: Image;
  /** The build stage (`<image>/<image>-build`). */
  public readonly buildStage: Stage;

  constructor(family: ImageFamily, id: string, props: PythonServiceProps) {
    const p = propsOf<PythonServiceProps>(props);
    const image = family.addImage(id, { from: p.base ?? (p.builder as ImageSource), user: p.user });
    const build = image.addStage(`${image.node.id}-build`, { from: p.builder as ImageSource });
    this.image = image;
    this.buildStage = build;
    if (typeof props !== 'object' || props === null) presetProblem(image, 'PythonService props must be an object with at least source, builder and command');
    const source = sourceFolder(image, p.source);
    const requirements = requirementsFile(image, p.requirements);
    build.run([`python3 -m venv ${VENV}`]);
    build.copy([inSource(source, requirements)], '/tmp/requirements/');
    build.run([`${VENV}/bin/pip install --disable-pip-version-check -r /tmp/requirements/${requirements.split('/').pop()}`], { mounts: [CacheMounts.pip()] });
    image.copy([VENV], VENV, { from: build });
    image.copy([source], '/app/');
    image.workdir('/app');
    image.env({ PATH, PYTHONDONTWRITEBYTECODE: '1', PYTHONUNBUFFERED: '1', VIRTUAL_ENV: VENV });
    const port = p.port ?? 8000;
    if (port !== 0) image.expose(port);
    image.healthcheck(p.healthcheck ?? {
      command: [`${VENV}/bin/python`, '-c', `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${Number(port)}/', timeout=5)`],
    });
    image.entrypoint(p.command as string[]);
  }
}

/** The requirements file: a relative path of safe characters without `..`; reports anything else. */
function requirementsFile(image: Image, value: unknown): string {
  if (value === undefined) return 'requirements.txt';
  if (typeof value !== 'string' || !/^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/.test(value) || value.split('/').includes('..')) {
    presetProblem(image, `requirements ${JSON.stringify(String(value))} must be a file relative to source (letters, digits, "_", ".", "-", "/"; no "..")`);
    return 'requirements.txt';
  }
  return value;
}
