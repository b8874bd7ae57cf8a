import type { FrontendFeature } from './ir';

/**
 * How the `# syntax=` parser directive of generated Dockerfiles is chosen.
 *
 * The directive makes BuildKit pull the named frontend image; air-gapped or mirrored builders either point it at a
 * mirror (`custom`) or leave it out (`omit`) and rely on the engine's built-in frontend.
 */
export class DockerfileSyntax {
  /** Whether `x` is a DockerfileSyntax (also across copies of this library). */
  public static isDockerfileSyntax(x: unknown): x is DockerfileSyntax {
    return typeof x === 'object' && x !== null && SYNTAX_SYMBOL in x;
  }

  /**
   * `docker/dockerfile:1.N`, where `1.N` is the lowest frontend version that supports every feature the file uses;
   * `docker/dockerfile:1` (the latest stable 1.x) for a file that uses none, rather than the 2018 frontend `1.0`.
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
      case 'auto':
        return features.length === 0 ? 'docker/dockerfile:1' : `docker/dockerfile:1.${minimumMinor(features)}`;
    }
  }
}

const SYNTAX_SYMBOL = Symbol.for('projen-containers.DockerfileSyntax');

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
