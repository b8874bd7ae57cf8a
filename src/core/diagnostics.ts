/** The level of a diagnostic found while validating the pipeline. @internal */
export type DiagnosticLevel = 'error' | 'warning';

/** One finding, with the construct path it belongs to. @internal */
export interface Diagnostic {
  readonly level: DiagnosticLevel;
  readonly path: string;
  readonly message: string;
}

/**
 * Collects every finding of a validation pass so that all are reported together.
 * @internal
 */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];

  public error(path: string, message: string): void {
    this.items.push({ level: 'error', path, message });
  }

  public warning(path: string, message: string): void {
    this.items.push({ level: 'warning', path, message });
  }

  public get errors(): Diagnostic[] {
    return this.items.filter((d) => d.level === 'error');
  }

  public get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.level === 'warning');
  }

  /** Throws one error listing every error (each prefixed with its construct path), if there is any. */
  public throwIfErrors(): void {
    const errors = this.errors;
    if (errors.length === 0) {
      return;
    }
    const lines = errors.map((d) => `  [${d.path}] ${d.message}`);
    throw new PipelineValidationError(`projen-containers: ${errors.length} validation error(s), no file was written:\n${lines.join('\n')}`, errors);
  }
}

/** The error thrown when the pipeline is invalid; lists every problem with its construct path. */
export class PipelineValidationError extends Error {
  /** @internal */
  public readonly _diagnostics: Diagnostic[];

  /** @internal */
  constructor(message: string, diagnostics: Diagnostic[]) {
    super(message);
    this.name = 'PipelineValidationError';
    this._diagnostics = diagnostics;
  }
}
