/**
 * Every warning synthesis can report, by id: the id is printed with the warning and names it in
 * `Containers.acknowledgeWarning`. The README's warning table lists the same ids.
 * @internal
 */
export const WARNING_IDS = {
  'unpinned-base': 'a registry base image has no digest, neither in the pipeline nor in the lockfile',
  'stale-pin': 'the lockfile pins an image no stage uses any more',
  'unpinned-download': 'an `ADD` URL has no checksum in the lockfile',
  'checksum-mismatch': 'the lockfile records another checksum for an `ADD` URL than the pipeline gives',
  'stale-download-pin': 'the lockfile records a checksum for a URL no `ADD` uses any more',
  'external-family-reference': 'a stage names an image of an external family by its reference instead of `ImageSource.external(...)`',
  'workflow-name-ignored': '`workflow.name` is set, but declared workflows replace the default workflow it names',
  'pull-request-images-secret-registry': 'pull-request images are published to a registry read from a secret, so jobs cannot pass their references on',
  'unused-acknowledgement': 'an acknowledgement matches no finding of its id in its subtree (it cannot itself be acknowledged: remove it)',
} as const;

/** The id of a warning. @internal */
export type WarningId = keyof typeof WARNING_IDS;

/** Whether `x` is the id of a warning. @internal */
export function isWarningId(x: unknown): x is WarningId {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(WARNING_IDS, x);
}
