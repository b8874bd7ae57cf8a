import type { MountSpec } from './mount-spec';

/**
 * A Dockerfile as typed lines: the output model the printer turns into text. Every user value sits in a typed leaf;
 * the printer alone decides how a leaf is written (bare, double-quoted, JSON) and refuses a leaf that could end or
 * continue a line, end a heredoc or become a flag.
 * @internal
 */
export type DockerfileLine = DockerfileInstruction | DockerfileComment | DockerfileBlank;

/** A comment line (`# text`). @internal */
export interface DockerfileComment {
  readonly kind: 'comment';
  readonly text: string;
}

/** An empty line between stages. @internal */
export interface DockerfileBlank {
  readonly kind: 'blank';
}

/**
 * One instruction: `KEYWORD --flag … arguments`, optionally followed by a heredoc (`<<"DELIM"`, its body lines and
 * the delimiter).
 * @internal
 */
export interface DockerfileInstruction {
  readonly kind: 'instruction';
  readonly keyword: DockerfileKeyword;
  readonly flags: readonly DockerfileFlag[];
  readonly args: readonly DockerfileArgument[];
  readonly heredoc?: DockerfileHeredoc;
}

/** The instruction keywords of the Dockerfile reference. @internal */
export const DOCKERFILE_KEYWORDS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD',
  'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;

/** One instruction keyword. @internal */
export type DockerfileKeyword = (typeof DOCKERFILE_KEYWORDS)[number];

/**
 * An instruction flag: `--name` (a switch), `--name=value` (a plain value the printer writes bare), or a typed
 * `--mount=` specification.
 * @internal
 */
export type DockerfileFlag =
  | { readonly kind: 'switch'; readonly name: string }
  | { readonly kind: 'value'; readonly name: string; readonly value: string }
  | { readonly kind: 'mount'; readonly mount: MountSpec };

/**
 * One part of an instruction's arguments; parts are separated by one space.
 *
 * - `token`: a word of the generator's grammar (a keyword such as `AS`, a stage name, a numeric user, `${VAR}`
 *   references the plan writes into FROM), written as is.
 * - `string`: user text as one word, double-quoted with `\`, `"` and `$` escaped (`always`), or left bare when it
 *   is plainly safe (`when-needed`).
 * - `assignment`: `name=value` (ARG, ENV, LABEL); a missing value writes the name alone.
 * - `exec`: a JSON array (exec form).
 * - `paths`: COPY/ADD sources and destination, bare when every path is plain, else a JSON array.
 * - `shell`: one shell-form command line, written verbatim.
 * - `raw`: the rest of a raw line after its keyword, written verbatim.
 * @internal
 */
export type DockerfileArgument =
  | { readonly kind: 'token'; readonly text: string }
  | DockerfileString
  | { readonly kind: 'assignment'; readonly name: DockerfileString; readonly value?: DockerfileString }
  | { readonly kind: 'exec'; readonly argv: readonly string[] }
  | { readonly kind: 'paths'; readonly paths: readonly string[] }
  | { readonly kind: 'shell'; readonly command: string }
  | { readonly kind: 'raw'; readonly text: string };

/** User text written as one Dockerfile word. @internal */
export interface DockerfileString {
  readonly kind: 'string';
  readonly text: string;
  readonly quote: 'always' | 'when-needed';
}

/** A heredoc: its delimiter and body lines (each without a line break). @internal */
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
