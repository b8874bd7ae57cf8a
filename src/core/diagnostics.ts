import type { ValidationDiagnostic } from '../validation-diagnostic';

/** The level of a diagnostic found while validating the pipeline. @internal */
export type DiagnosticLevel = 'error' | 'warning';

/** One finding, with the construct path it belongs to. @internal */
export interface Diagnostic extends ValidationDiagnostic {
  readonly level: DiagnosticLevel;
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

/**
 * The error thrown when the pipeline is invalid: its message lists every problem with its construct path, and
 * `diagnostics` holds them as data. Import it from `projen-containers/lib/errors` (an `Error` subclass cannot be part
 * of the jsii API); from other jsii languages read the findings with `Containers.validationDiagnostics(error)`.
 */
export class PipelineValidationError extends Error {
  /** Whether `x` is a PipelineValidationError (also across copies of this library). */
  public static isPipelineValidationError(x: unknown): x is PipelineValidationError {
    return typeof x === 'object' && x !== null && VALIDATION_ERROR_SYMBOL in x;
  }

  /** Every error found, in the order found. */
  public readonly diagnostics: readonly ValidationDiagnostic[];

  /** @internal */
  constructor(message: string, diagnostics: Diagnostic[]) {
    super(message);
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
    this.name = 'PipelineValidationError';
    this.diagnostics = diagnostics.map((d) => ({ level: d.level, path: d.path, message: d.message }));
  }

  /** @internal */
  public get _diagnostics(): readonly ValidationDiagnostic[] {
    return this.diagnostics;
  }
}

const VALIDATION_ERROR_SYMBOL = Symbol.for('projen-containers.PipelineValidationError');
