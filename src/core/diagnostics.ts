import { findingsBlock } from './findings-block';
import type { WarningId } from './warning-ids';
import type { ValidationDiagnostic } from '../validation-diagnostic';

/** The level of a diagnostic found while validating the pipeline. @internal */
export type DiagnosticLevel = 'error' | 'warning';

/** One finding, with the construct path it belongs to. @internal */
export interface Diagnostic extends ValidationDiagnostic {
  readonly level: DiagnosticLevel;
  readonly id?: WarningId;
}

/** Where in the user's code the construct at a path was created (`file:line:column`), when it can be known. @internal */
export type Locate = (path: string) => string | undefined;

/**
 * Collects every finding of a validation pass so that all are reported together. Locations are looked up (`locate`)
 * only for the findings reported.
 * @internal
 */
export class Diagnostics {
  private readonly items: Diagnostic[] = [];

  constructor(private readonly locate: Locate = () => undefined) {}

  /** An error; `id` when it is a warning made an error by a stricter mode (acknowledgements still count it). */
  public error(path: string, message: string, id?: WarningId): void {
    this.items.push(id === undefined ? { level: 'error', path, message } : { level: 'error', path, message, id });
  }

  public warning(id: WarningId, path: string, message: string): void {
    this.items.push({ level: 'warning', path, message, id });
  }

  public get errors(): Diagnostic[] {
    return this.items.filter((d) => d.level === 'error');
  }

  public get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.level === 'warning');
  }

  /** Every finding that has a warning id, errors included. */
  public get identified(): Diagnostic[] {
    return this.items.filter((d) => d.id !== undefined);
  }

  /** `findings` with their location, where it can be known. */
  public located(findings: readonly Diagnostic[]): Diagnostic[] {
    return findings.map((f) => {
      const location = this.locate(f.path);
      return location === undefined ? f : { ...f, location };
    });
  }

  /** Throws one error listing every error (each prefixed with its construct path), if there is any. */
  public throwIfErrors(): void {
    const errors = this.errors;
    if (errors.length === 0) {
      return;
    }
    const lines = errors.map((d) => `  [${d.path}] ${d.message}`);
    throw new PipelineValidationError(`projen-containers: ${errors.length} validation error(s), no file was written:\n${lines.join('\n')}`, this.located(errors));
  }
}

/** The environment variable that brings back the stack trace and the findings as data in a printed error. */
export const STACK_VARIABLE = 'PROJEN_CONTAINERS_STACK';

/**
 * The error thrown when the pipeline is invalid: its message lists every problem with its construct path, and
 * `diagnostics` holds them as data (with the location in the project's code, when known). Import it from
 * `projen-containers/lib/errors` (an `Error` subclass cannot be part of the jsii API); from other jsii languages read
 * the findings with `Containers.validationDiagnostics(error)`.
 *
 * Printed (e.g. uncaught, by Node.js), it shows one block: the summary line and each finding with its construct path
 * and location. With `PROJEN_CONTAINERS_STACK=1` in the environment, the stack trace and the findings as data follow.
 */
export class PipelineValidationError extends Error {
  /** Whether `x` is a PipelineValidationError (also across copies of this library). */
  public static isPipelineValidationError(x: unknown): x is PipelineValidationError {
    return typeof x === 'object' && x !== null && VALIDATION_ERROR_SYMBOL in x;
  }

  /** Every error found, in the order found. */
  public declare readonly diagnostics: readonly ValidationDiagnostic[];

  /** @internal */
  constructor(message: string, diagnostics: Diagnostic[]) {
    super(message);
    const verbose = process.env[STACK_VARIABLE] === '1';
    const data = diagnostics.map((d): ValidationDiagnostic => ({
      level: d.level,
      path: d.path,
      message: d.message,
      ...(d.location === undefined ? {} : { location: d.location }),
      ...(d.id === undefined ? {} : { id: d.id }),
    }));
    Object.defineProperty(this, VALIDATION_ERROR_SYMBOL, { value: true });
    Object.defineProperty(this, 'name', { value: 'PipelineValidationError', configurable: true, writable: true });
    // Printed by util.inspect: the data stays readable but is listed only when asked for.
    Object.defineProperty(this, 'diagnostics', { value: data, enumerable: verbose });
    const block = `${this.name}: ${findingsBlock(message.split('\n')[0], data)}`;
    const frames = verbose ? (this.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
    const hint = verbose ? [] : [`(${STACK_VARIABLE}=1 prints the stack trace and the findings as data)`];
    Object.defineProperty(this, 'stack', { value: [block, ...hint, ...frames].join('\n'), configurable: true, writable: true });
  }

  /** @internal */
  public get _diagnostics(): readonly ValidationDiagnostic[] {
    return this.diagnostics;
  }
}

const VALIDATION_ERROR_SYMBOL = Symbol.for('projen-containers.PipelineValidationError');
