import type { FrontendFeature } from './ir';

/**
 * How the `# syntax=` parser directive of generated Dockerfiles is chosen.
 *
 * The directive makes BuildKit pull the named frontend image (from Docker Hub by default), which fails offline and
 * on mirrors. The default (`auto()`) writes it only when the file needs a newer frontend than the one built into the
 * supported engines (Docker Engine 23+: BuildKit 0.11, Dockerfile frontend 1.5); builders can still pick a frontend
 * at build time with the `BUILDKIT_SYNTAX` build argument.
 */
export class DockerfileSyntax {
  /** Whether `x` is a DockerfileSyntax (also across copies of this library). */
  public static isDockerfileSyntax(x: unknown): x is DockerfileSyntax {
    return typeof x === 'object' && x !== null && SYNTAX_SYMBOL in x;
  }

  /**
   * No directive while every feature the file uses is built into the supported engines (frontend 1.5: heredocs,
   * `RUN --mount`, `COPY --link`, named contexts); otherwise `docker/dockerfile:1.N`, the lowest frontend version
   * that supports every feature (`ADD --checksum` and `HEALTHCHECK --start-interval` need 1.6, a secret mount's
   * `env` needs 1.10).
   */
  public static auto(): DockerfileSyntax {
    return new DockerfileSyntax('auto');
  }

  /** No directive: the builder's built-in frontend is used (air-gapped builders). */
  public static omit(): DockerfileSyntax {
    return new DockerfileSyntax('omit');
  }

  /**
   * A fixed frontend reference, e.g. a mirror: `registry.internal/docker/dockerfile:1.7`.
   * @param image the frontend image reference written after `syntax=`
   */
  public static custom(image: string): DockerfileSyntax {
    return new DockerfileSyntax('custom', image);
  }

  /** @internal */
  public readonly _mode: 'auto' | 'omit' | 'custom';
  /** @internal */
  public readonly _image?: string;

  private constructor(mode: 'auto' | 'omit' | 'custom', image?: string) {
    Object.defineProperty(this, SYNTAX_SYMBOL, { value: true });
    this._mode = mode;
    this._image = image;
  }

  /**
   * The directive line's value for a file using `features`, or undefined for none.
   * @internal
   */
  public _directive(features: readonly FrontendFeature[]): string | undefined {
    switch (this._mode) {
      case 'omit':
        return undefined;
      case 'custom':
        return this._image;
      case 'auto': {
        const minor = minimumMinor(features);
        return minor <= BUILTIN_FRONTEND_MINOR ? undefined : `docker/dockerfile:1.${minor}`;
      }
    }
  }
}

const SYNTAX_SYMBOL = Symbol.for('projen-containers.DockerfileSyntax');

/**
 * The Dockerfile frontend built into the oldest supported engine: Docker Engine 23.0 ships BuildKit 0.11, whose
 * built-in frontend is `docker/dockerfile:1.5`.
 * @internal
 */
export const BUILTIN_FRONTEND_MINOR = 5;

/** The lowest `1.N` that supports every feature (at least 1.0). @internal */
export function minimumMinor(features: readonly FrontendFeature[]): number {
  return features.reduce((max, f) => Math.max(max, f.minor), 0);
}

/** Minimum `docker/dockerfile` frontend versions of the features we emit (Dockerfile reference, release notes). @internal */
export const FEATURES = {
  mounts: { feature: 'RUN --mount', minor: 2 },
  secretEnv: { feature: 'RUN --mount=type=secret,env=', minor: 10 },
  network: { feature: 'RUN --network', minor: 3 },
  heredoc: { feature: 'heredocs', minor: 4 },
  link: { feature: 'COPY --link', minor: 4 },
  namedContexts: { feature: 'named build contexts', minor: 4 },
  chmod: { feature: 'COPY --chmod', minor: 2 },
  checksum: { feature: 'ADD --checksum', minor: 6 },
  startInterval: { feature: 'HEALTHCHECK --start-interval', minor: 6 },
} as const;
