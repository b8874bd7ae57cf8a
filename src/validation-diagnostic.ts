/** One finding of the validation pass: where it is and what to change. */
export interface ValidationDiagnostic {
  /** `error` (synthesis stops, nothing is written) or `warning` (logged). */
  readonly level: string;
  /** The construct path the finding belongs to, e.g. `root/Containers/app/runtime/instruction.2`. */
  readonly path: string;
  /** What is wrong and what to change. */
  readonly message: string;
  /**
   * Where the construct the finding belongs to was created, or the instruction call was made, in the project's code:
   * `file:line:column`, the file relative to the project directory when it is inside it (e.g. `.projenrc.ts:12:5`).
   * @default - not known (no frame of the call stack was outside this library, projen and Node.js)
   */
  readonly location?: string;
  /**
   * The warning's id (see README "Errors and warnings"), which `Containers.acknowledgeWarning` takes; also set on the
   * errors a warning becomes in frozen pinning mode.
   * @default - none (the finding is an error no acknowledgement applies to)
   */
  readonly id?: string;
}
