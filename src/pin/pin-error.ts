/**
 * A pin that could not be resolved, with what the user can do about it.
 * @internal
 */
export class PinError extends Error {
  /**
   * @param image the reference being pinned, as written in the pipeline
   * @param registry the registry host asked
   * @param problem what went wrong
   * @param hint what to do about it
   * @param retryable whether trying again later could succeed (timeouts, 5xx, 429, connection resets)
   * @param retryAfterMs the server's `Retry-After`, in milliseconds, when it sent one
   */
  constructor(
    public readonly image: string,
    public readonly registry: string,
    public readonly problem: string,
    public readonly hint: string,
    public readonly retryable = false,
    public readonly retryAfterMs?: number,
  ) {
    super(`cannot pin ${image} (registry ${registry}): ${problem}; ${hint}`);
    this.name = 'PinError';
  }
}
