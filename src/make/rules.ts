import type { MakeCommand, MakeRule } from './makefile-model';

/** A documented phony rule. @internal */
export function rule(target: string, doc: string, prerequisites: readonly string[], recipe: readonly MakeCommand[] = []): MakeRule {
  return { kind: 'rule', targets: [target], prerequisites, orderOnly: [], recipe, phony: true, doc: commentText(doc) };
}

/** A recipe command of already quoted words. @internal */
export function command(words: readonly string[], silent: boolean = false, wrap: boolean = false): MakeCommand {
  return { words, silent, wrap };
}

/**
 * Prose as one comment line: whitespace collapsed, trailing backslashes dropped (they would continue the comment).
 * @internal
 */
export function commentText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\\+$/, '').trim();
}
