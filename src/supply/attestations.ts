/** How much a provenance attestation records. */
export enum ProvenanceMode {
  /** The build's inputs and platform only. */
  MIN = 'min',
  /** Also the build steps, build arguments and sources (SLSA provenance of the whole build definition). */
  MAX = 'max',
}

/**
 * Attestations attached to every pushed image (BuildKit `--attest`, bake `attest`): the Makefile, the bake file and
 * CI pass the same ones.
 * @see https://docs.docker.com/build/metadata/attestations/
 */
export interface AttestationOptions {
  /**
   * The SLSA provenance attestation (`type=provenance,mode=…`).
   * @default ProvenanceMode.MAX
   */
  readonly provenance?: ProvenanceMode;
  /**
   * An SBOM attestation (`type=sbom`). Off by default: BuildKit runs a generator image for it, by default
   * `docker/buildkit-syft-scanner` from Docker Hub, which offline machines and mirrors cannot reach.
   * @default false
   */
  readonly sbom?: boolean;
  /**
   * The SBOM generator image (`type=sbom,generator=<image>`), e.g. a mirrored `docker/buildkit-syft-scanner`.
   * @default - BuildKit's default generator (docker/buildkit-syft-scanner on Docker Hub)
   */
  readonly sbomGenerator?: string;
}
