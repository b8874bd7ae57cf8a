/**
 * Pull-request images (seed 002): a pull request that changes the inputs of a selected image builds it; a trusted
 * same-repository pull request also pushes it as `pr-<N>`; every pull request hands the reference of each image
 * (`pr-<N>` when pushed, the stable tag otherwise) to the workflow's other jobs as outputs of the `changes` job.
 *
 * Changes are detected by a path diff against the merge base (`git diff <base>...HEAD`) over each image's declared
 * inputs (its Dockerfile, `.dockerignore`, COPY and bind-mount sources, those of the images it builds on, the bake
 * file and the workflow itself).
 */
export interface PullRequestImagesOptions {
  /**
   * Comment on the pull request with the image references (a job with `pull-requests: write` and nothing else).
   * The comment holds only values the generator wrote (registry, repositories, the PR number, tags).
   * @default true
   */
  readonly comment?: boolean;
  /**
   * Delete the `pr-<N>` image versions from GHCR when the pull request closes (GitHub Packages REST API:
   * list and delete container package versions; `packages: write` and admin access of the repository to the packages).
   * Only a version whose only tag is `pr-<N>` is deleted. Requires a GHCR registry.
   * @default false
   */
  readonly deleteOnClose?: boolean;
  /**
   * The tag handed on when a pull request does not change an image, for every selected family.
   * @default - the tag each family's policy yields on a push to the first push branch (a template of only
   * `{branch}` and constants); a validation error when no such template exists
   */
  readonly stableTag?: string;
}
