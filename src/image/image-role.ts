/**
 * What an image is for; validation uses it to keep layering rules (e.g. never compile against a runtime image).
 */
export enum ImageRole {
  /** No special rules. */
  GENERAL = 'general',
  /** Runs workloads; carries no compiler or headers. Stages built on it may only receive artifacts (no RUN). */
  RUNTIME = 'runtime',
  /** A development/SDK image: the one to build plugins and stages against. */
  SDK = 'sdk',
}
