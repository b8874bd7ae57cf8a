import { CacheMounts } from './cache-mounts';
import { presetProblem, propsOf, shellWords } from './preset-input';
import { finishService, inSource, serviceParts } from './service-image';
import { ServicePresetProps } from './service-props';
import type { ImageFamily } from '../family/image-family';
import type { Image } from '../image/image';
import type { Stage } from '../stage/stage';

/** Properties of a Go service. */
export interface GoServiceProps extends ServicePresetProps {
  /**
   * The package to build, relative to the module root, e.g. `./cmd/api`.
   * @default "."
   */
  readonly packagePath?: string;
}

/** `.` or `./a/b` (each part letters, digits, `_`, `.`, `-`), no `..`. */
const PACKAGE_PATH = /^\.(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;

/**
 * A Go service image from a module folder (`go.mod`, `go.sum`): a build stage on the build machine
 * (`FROM --platform=$BUILDPLATFORM`) that copies only `go.mod`/`go.sum` and downloads the modules (the dependency
 * layer, rebuilt only when they change), then declares `TARGETOS`/`TARGETARCH`, copies the sources and builds a
 * static binary (`CGO_ENABLED=0`, `-trimpath`, `-ldflags=-s -w`) with the module and build caches mounted; the
 * final image (scratch by default) gets the CA certificates, time zone data and the binary, EXPOSE, HEALTHCHECK and
 * the numeric non-root user.
 *
 * Both parts are normal constructs: add instructions to `buildStage` or `image`, or read them, like any other stage.
 *
 * @example
 * import { Containers, GoService, ImageSource } from 'projen-containers';
 *
 * declare const containers: Containers;
 * const services = containers.addFamily('services', { dockerfile: 'Dockerfile' });
 * const greeter = new GoService(services, 'greeter', {
 *   source: 'services/greeter',
 *   builder: ImageSource.registry('golang:1.23-bookworm'),
 *   port: 8080,
 * });
 * greeter.image.label({ 'com.example.team': 'core' });
 */
export class GoService {
  /** The published image. */
  public readonly image: Image;
  /** The build stage (`<image>/<image>-build`; the stage name is unique in a shared Dockerfile). */
  public readonly buildStage: Stage;

  constructor(family: ImageFamily, id: string, props: GoServiceProps) {
    const p = propsOf<GoServiceProps>(props);
    const parts = serviceParts(family, id, p, props);
    this.image = parts.image;
    this.buildStage = parts.build;
    const packagePath = p.packagePath ?? '.';
    const pkgOk = typeof packagePath === 'string' && PACKAGE_PATH.test(packagePath) && !packagePath.split('/').includes('..');
    if (!pkgOk) presetProblem(parts.image, `packagePath ${JSON.stringify(String(packagePath))} must be "." or "./" followed by a relative package folder, without ".."`);
    const build = parts.build;
    const mods = CacheMounts.goModules();
    build.env({ GOMODCACHE: '/go/pkg/mod', GOCACHE: '/root/.cache/go-build', GOFLAGS: '-mod=readonly' });
    build.copy([inSource(parts.source, 'go.mod'), inSource(parts.source, 'go.sum')], '/src/');
    build.run(['go mod download'], { mounts: [mods] });
    build.arg('TARGETOS');
    build.arg('TARGETARCH');
    build.copy([parts.source], '/src/');
    build.run([
      `CGO_ENABLED=0 GOOS="$TARGETOS" GOARCH="$TARGETARCH" go build -trimpath -ldflags="-s -w" -o ${shellWords([`/out/${parts.binary}`, pkgOk ? packagePath : '.'])}`,
    ], { mounts: [mods, CacheMounts.goBuild()] });
    finishService(parts, p);
  }
}
