/**
 * Where a declared workflow publishes: a literal registry, one read at run time from a repository variable or secret
 * (the value reaches jobs only through `env:`), or GHCR under the repository owner (lowercased at run time).
 *
 * The Makefile's `REGISTRY` default (the pipeline's `registry`) is unchanged, so local builds keep working; CI
 * passes the workflow's registry to bake through the `REGISTRY` environment variable.
 *
 * @example
 * import { Containers, WorkflowRegistry } from 'projen-containers';
 *
 * declare const containers: Containers;
 * // ghcr.io/<repository owner>, logged in with the workflow's GITHUB_TOKEN
 * containers.addWorkflow('images', { registry: WorkflowRegistry.githubContainerRegistry() });
 */
export class WorkflowRegistry {
  /** Whether `x` is a WorkflowRegistry (also across copies of this library). */
  public static isWorkflowRegistry(x: unknown): x is WorkflowRegistry {
    return typeof x === 'object' && x !== null && WORKFLOW_REGISTRY_SYMBOL in x;
  }

  /**
   * A registry host and namespace written into the workflow, e.g. `registry.example.com/team`.
   * Logging in to `ghcr.io` uses the workflow's `GITHUB_TOKEN`; other hosts use the username/password secrets.
   */
  public static literal(registry: string): WorkflowRegistry {
    return new WorkflowRegistry('literal', registry);
  }

  /**
   * The registry (host, optionally `/namespace`) from the repository or organisation variable `name`
   * (`vars.<name>`). Login uses the username/password secrets.
   */
  public static fromVariable(name: string): WorkflowRegistry {
    return new WorkflowRegistry('variable', name);
  }

  /**
   * The registry (host, optionally `/namespace`) from the secret `name` (seed 001's `DOCKER_REGISTRY_URL`).
   * Login uses the username/password secrets. GitHub redacts job outputs that contain a secret, so pull-request image
   * references cannot be handed to other jobs with this kind: prefer `fromVariable` then.
   */
  public static fromSecret(name: string): WorkflowRegistry {
    return new WorkflowRegistry('secret', name);
  }

  /**
   * `ghcr.io/<owner>` where `<owner>` is the repository owner, lowercased at run time (GHCR refuses uppercase), logged
   * in with the workflow's `GITHUB_TOKEN` (`packages: write` only in the jobs that push).
   */
  public static githubContainerRegistry(): WorkflowRegistry {
    return new WorkflowRegistry('ghcr-owner', '');
  }

  /** @internal */
  public readonly _kind: 'literal' | 'variable' | 'secret' | 'ghcr-owner';
  /** The literal registry, or the variable/secret name. @internal */
  public readonly _value: unknown;

  private constructor(kind: WorkflowRegistry['_kind'], value: unknown) {
    Object.defineProperty(this, WORKFLOW_REGISTRY_SYMBOL, { value: true });
    this._kind = kind;
    this._value = value;
  }
}

const WORKFLOW_REGISTRY_SYMBOL = Symbol.for('projen-containers.WorkflowRegistry');
