import type { ImageSource } from '../image/image-source';
import type { ImageMakeOptions } from '../make/make-options';
import type { HealthcheckOptions } from '../stage/options';

/** What the Go and Rust service presets share. */
export interface ServicePresetProps {
  /**
   * The service's source folder, relative to the family's build context (the folder holding `go.mod` or
   * `Cargo.toml`), e.g. `services/api`.
   */
  readonly source: string;
  /**
   * The toolchain image of the build stage, e.g. `ImageSource.registry('golang:1.23-bookworm@sha256:…')`; it runs on
   * the build machine (`FROM --platform=$BUILDPLATFORM`) and cross-compiles for each target platform.
   */
  readonly builder: ImageSource;
  /**
   * The final image's base. The service binary is static, so `scratch` is enough; the CA certificates and time zone
   * data are copied in from the build stage (see `certificates`).
   * @default ImageSource.scratch()
   */
  readonly base?: ImageSource;
  /**
   * Name of the service binary, installed as `/usr/local/bin/<binary>` and run as the entrypoint.
   * @default - the image id
   */
  readonly binary?: string;
  /**
   * TCP port the service listens on (`EXPOSE`); 0 exposes none.
   * @default 8080
   */
  readonly port?: number;
  /**
   * The HEALTHCHECK. A `scratch` image has no shell or curl, so by default the binary checks itself.
   * @default - `["/usr/local/bin/<binary>", "--healthcheck"]` every 30 s
   */
  readonly healthcheck?: HealthcheckOptions;
  /**
   * Numeric `uid[:gid]` the service runs as.
   * @default - the pipeline's default user ("10001:10001")
   */
  readonly user?: string;
  /**
   * Copy the build stage's CA certificates (`/etc/ssl/certs/ca-certificates.crt`) and time zone data
   * (`/usr/share/zoneinfo`) into the final image; the builder must have the `ca-certificates` and `tzdata` packages.
   * @default true
   */
  readonly certificates?: boolean;
  /**
   * Size budget of the service image in MB (`ImageProps.maxSizeMb`): `make check-size-<image>` and CI fail, naming the
   * image, its size and its budget, when it is larger.
   * @default - no budget
   */
  readonly maxSizeMb?: number;
  /**
   * The image's Makefile variables and target aliases (`ImageProps.make`), e.g. `{ buildAlias: 'container-build-api' }`
   * for a per-service target named after the service alone.
   * @default - `<IMAGE ID>_IMAGE` and `<IMAGE ID>_PORTS`, no aliases
   */
  readonly make?: ImageMakeOptions;
  /**
   * Repository path of the service image below the registry (`ImageProps.repository`), e.g. `control-plane`.
   * @default - `<family>-<image>`
   */
  readonly repository?: string;
  /**
   * One-line description of the service image (`ImageProps.description`: OCI description label, CONTAINERS.md).
   * @default - none
   */
  readonly description?: string;
}
