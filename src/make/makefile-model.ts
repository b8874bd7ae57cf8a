/**
 * A typed intermediate representation of the Makefiles we emit: declarations only, no behaviour.
 *
 * Emitters build a {@link Makefile} from the build plan; `makefile-printer.ts` turns it into text in one place.
 * Every string held here is already valid make text (values escaped with `make-escape.ts`); the printer only
 * lays lines out and rejects text that would change the structure of the file (newlines, NUL).
 */

/**
 * A whole Makefile: blocks of lines, printed with one blank line between consecutive blocks.
 * @internal
 */
export interface Makefile {
  readonly blocks: readonly MakeBlock[];
}

/** Lines printed together, without blank lines between them. @internal */
export type MakeBlock = readonly MakeLine[];

/** One logical element of a Makefile. @internal */
export type MakeLine = MakeComment | MakeBlank | MakeAssignment | MakeExport | MakeRule | MakeDirective;

/** `# text`; an empty text prints a bare `#`. @internal */
export interface MakeComment {
  readonly kind: 'comment';
  readonly text: string;
}

/** An empty line inside a block. @internal */
export interface MakeBlank {
  readonly kind: 'blank';
}

/**
 * Assignment operators we emit: simple (`:=`, expanded once), conditional (`?=`, recursive, only when the variable
 * is not defined yet, e.g. from the command line or the environment) and append (`+=`, for `MAKEFLAGS`).
 * @internal
 */
export type MakeAssignmentOperator = ':=' | '?=' | '+=';

/** `NAME op value`. @internal */
export interface MakeAssignment {
  readonly kind: 'assignment';
  readonly name: string;
  readonly operator: MakeAssignmentOperator;
  /** Raw make text, already escaped (`makeLiteral`) or a deliberate make expression; may be empty. */
  readonly value: string;
}

/** `export NAME…`: the variables reach every recipe's environment. @internal */
export interface MakeExport {
  readonly kind: 'export';
  readonly names: readonly string[];
}

/**
 * `targets: prerequisites | orderOnly` followed by TAB-indented recipe commands.
 * @internal
 */
export interface MakeRule {
  readonly kind: 'rule';
  readonly targets: readonly string[];
  readonly prerequisites: readonly string[];
  /** Order-only prerequisites (after `|`): built first when needed, but never make the target out of date. */
  readonly orderOnly: readonly string[];
  readonly recipe: readonly MakeCommand[];
  /** Whether the targets are declared in `.PHONY` (printed right above the rule). */
  readonly phony: boolean;
  /** One-line description printed as a comment above the rule (and listed by `make help`). */
  readonly doc?: string;
}

/**
 * One recipe command: a shell command line made of words, each already quoted for the shell and make
 * (`$` written `$$`).
 * @internal
 */
export interface MakeCommand {
  readonly words: readonly string[];
  /** Prefix `@` so make does not echo the command. */
  readonly silent: boolean;
  /** Print one word per line with backslash continuations (long commands). */
  readonly wrap: boolean;
}

/** A line printed verbatim (conditionals, `$(foreach …)` evaluations). @internal */
export interface MakeDirective {
  readonly kind: 'directive';
  readonly text: string;
}
