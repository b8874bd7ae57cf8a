import { BuildSteps } from './build-steps';
import { CacheMounts } from './cache-mounts';
import { propsOf } from './preset-input';
import { booleanOption, finishService, inSource, serviceParts } from './service-image';
import { ServicePresetProps } from './service-props';
import type { ImageFamily } from '../family/image-family';
import type { Image } from '../image/image';
import type { Stage } from '../stage/stage';

/** Properties of a Rust service. */
export interface RustServiceProps extends ServicePresetProps {
  /**
   * Link against musl instead of glibc with a static C runtime (see `CargoBuildOptions.musl`); the builder needs the
   * musl target's standard library.
   * @default false
   */
  readonly musl?: boolean;
}

/**
 * A Rust service image from a crate folder (`Cargo.toml`, `Cargo.lock`): a build stage on the build machine
 * (`FROM --platform=$BUILDPLATFORM`) that copies only `Cargo.toml`/`Cargo.lock` and fetches the crates (the dependency
 * layer, with a stub `src/main.rs` when the crate has none yet), then declares `TARGETARCH`, copies the sources and
 * builds a static release binary for the target with Cargo's caches mounted, copying it out of the cached target
 * directory (`BuildSteps.cargoBuild()`); the final image (scratch by default) gets the CA certificates, time zone data
 * and the binary, EXPOSE, HEALTHCHECK and the numeric non-root user.
 *
 * Both parts are normal constructs: add instructions to `buildStage` or `image`, or read them, like any other stage.
 *
 * @example
 * import { Containers, ImageSource, RustService } from 'projen-containers';
 *
 * declare const containers: Containers;
 * const services = containers.addFamily('services', { dockerfile: 'Dockerfile' });
 * new RustService(services, 'echo', {
 *   source: 'services/echo',
 *   builder: ImageSource.registry('rust:1.83-bookworm'),
 *   port: 8081,
 * });
 */
export class RustService {
  /** The published image. */
  public readonly image: Image;
  /** The build stage (`<image>/<image>-build`; the stage name is unique in a shared Dockerfile). */
  public readonly buildStage: Stage;

  constructor(family: ImageFamily, id: string, props: RustServiceProps) {
    const p = propsOf<RustServiceProps>(props);
    const parts = serviceParts(family, id, p, props);
    this.image = parts.image;
    this.buildStage = parts.build;
    const build = parts.build;
    booleanOption(parts.image, 'musl', p.musl);
    build.env({ CARGO_HOME: '/usr/local/cargo' });
    build.copy([inSource(parts.source, 'Cargo.toml'), inSource(parts.source, 'Cargo.lock')], '/src/');
    build.run([
      'mkdir -p src',
      'if [ ! -e src/main.rs ]; then echo "fn main() {}" > src/main.rs; fi',
      'cargo fetch --locked',
    ], { mounts: [CacheMounts.cargoRegistry(), CacheMounts.cargoGit()] });
    build.arg('TARGETARCH');
    build.copy([parts.source], '/src/');
    BuildSteps.cargoBuild(build, { binary: parts.binary, musl: p.musl === true });
    finishService(parts, p);
  }
}
