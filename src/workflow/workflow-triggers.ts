/**
 * `on.push` of a declared workflow.
 * @see https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#onpushbranchestagsbranches-ignoretags-ignore
 */
export interface WorkflowPushOptions {
  /**
   * Branches (GitHub filter patterns) whose pushes run the workflow, e.g. `['main', 'master']`.
   * @default - no branch pushes when `tags` is set, otherwise the pipeline's `workflow.defaultBranch`
   */
  readonly branches?: string[];
  /**
   * Tags (GitHub filter patterns) whose pushes run the workflow, e.g. `['v*']`.
   * @default - no tag pushes
   */
  readonly tags?: string[];
}

/**
 * `on.pull_request` of a declared workflow: pull requests build the selected images (and, with
 * `pullRequestImages`, push `pr-<N>` from trusted same-repository pull requests).
 * `pull_request_target` is never used: the workflow never runs untrusted code with secrets.
 */
export interface WorkflowPullRequestOptions {
  /**
   * Base branches (GitHub filter patterns) whose pull requests run the workflow.
   * @default - the pipeline's `workflow.defaultBranch`
   */
  readonly branches?: string[];
}

/** The type of a `workflow_dispatch` input (GitHub's five input types). */
export enum WorkflowInputType {
  /** Free text. */
  STRING = 'string',
  /** A checkbox; `default` is `"true"` or `"false"`. */
  BOOLEAN = 'boolean',
  /** One of `options`. */
  CHOICE = 'choice',
  /** A number; `default` is a decimal number. */
  NUMBER = 'number',
  /** One of the repository's environments. */
  ENVIRONMENT = 'environment',
}

/** A typed input of a manual (`workflow_dispatch`) run. */
export interface WorkflowDispatchInputOptions {
  /** Input name: letters, digits, `_` and `-`, starting with a letter or `_` (read it as `inputs.<name>`). */
  readonly name: string;
  /**
   * Shown in the "Run workflow" form.
   * @default - the name
   */
  readonly description?: string;
  /**
   * Input type.
   * @default WorkflowInputType.STRING
   */
  readonly type?: WorkflowInputType;
  /**
   * Whether the form requires a value.
   * @default false
   */
  readonly required?: boolean;
  /**
   * Default value (for `BOOLEAN`, `"true"` or `"false"`; for `CHOICE`, one of `options`).
   * @default - none
   */
  readonly default?: string;
  /**
   * The choices of a `CHOICE` input (required for it, refused for other types).
   * @default - none
   */
  readonly options?: string[];
  /**
   * A Makefile and bake variable of the build that a non-empty value of this input sets for the run, e.g. a base image
   * variable (`RUNTIME_PYTHON_BASE_IMAGE`), a family or image tag variable (`RUNTIME_TAG`: the run's only tag) or
   * `TAG`. The value reaches the build through `env:` (never `${{ }}` in `run:`) and is checked at run time to be a tag
   * or an image reference, as the variable holds; synthesis refuses a variable the workflow's build does not read and
   * an input type that cannot hold its values. Listed in CONTAINERS.md.
   * @default - the input only reaches steps you add
   */
  readonly variable?: string;
}

/** `on.workflow_dispatch` of a declared workflow: manual runs publish the selected images. */
export interface WorkflowDispatchOptions {
  /**
   * Typed inputs of the "Run workflow" form; steps you add read them as `inputs.<name>` (through `env:`).
   * @default - none
   */
  readonly inputs?: WorkflowDispatchInputOptions[];
}
