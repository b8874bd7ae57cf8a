/** One finding of the validation pass: where it is and what to change. */
export interface ValidationDiagnostic {
  /** `error` (synthesis stops, nothing is written) or `warning` (logged). */
  readonly level: string;
  /** The construct path the finding belongs to, e.g. `root/Containers/app/runtime/instruction.2`. */
  readonly path: string;
  /** What is wrong and what to change. */
  readonly message: string;
}
