/**
 * A Dockerfile as typed lines: the output model the printer turns into text.
 * @internal
 */
export type DockerfileLine = DockerfileInstruction | DockerfileComment | DockerfileBlank;

/** A comment line (`# text`), or a parser directive when `directive` is set. @internal */
export interface DockerfileComment {
  readonly kind: 'comment';
  readonly text: string;
}

/** @internal */
export interface DockerfileBlank {
  readonly kind: 'blank';
}

/**
 * One instruction: `KEYWORD --flag=value … arguments`.
 * `heredoc` is appended after the arguments as `<<"DELIM"` followed by its body lines and the delimiter.
 * @internal
 */
export interface DockerfileInstruction {
  readonly kind: 'instruction';
  readonly keyword: string;
  readonly flags: readonly string[];
  /** The argument text, already quoted as the instruction needs it. */
  readonly args: string;
  readonly heredoc?: DockerfileHeredoc;
}

/** @internal */
export interface DockerfileHeredoc {
  readonly delimiter: string;
  readonly lines: readonly string[];
}

/** The minimum `docker/dockerfile` frontend version of a feature (minor of 1.x). @internal */
export interface FrontendFeature {
  readonly feature: string;
  readonly minor: number;
}

/** A Dockerfile model: lines plus the frontend features they use. @internal */
export interface DockerfileModel {
  readonly lines: readonly DockerfileLine[];
  readonly features: readonly FrontendFeature[];
}
