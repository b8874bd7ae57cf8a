import { recipeWord } from './make-escape';
import type { MakeRule } from './makefile-model';
import { GLOBAL_TARGETS } from '../plan/target-names';

const HELP_DOC_TARGET = { target: GLOBAL_TARGETS.help, doc: 'List targets and variables (the default goal)' };

/**
 * `help`: lists the documented targets (written at synthesis, so nothing parses the Makefile at run time) and the
 * current value of every variable recipes read.
 *
 * @param rules the rules to list, in order; those without `doc` are skipped
 * @param variables names of the variables to show with their current values
 * @internal
 */
export function helpRule(rules: readonly MakeRule[], variables: readonly string[]): MakeRule {
  const documented = rules.filter((r) => r.doc !== undefined);
  const targets = [HELP_DOC_TARGET, ...documented.map((r) => ({ target: r.targets.join(' '), doc: r.doc ?? '' }))];
  const width = Math.max(...targets.map((t) => t.target.length), ...variables.map((v) => v.length)) + 2;
  const row = `printf '  %-${width}s %s\\n'`;
  return {
    kind: 'rule',
    targets: [GLOBAL_TARGETS.help],
    prerequisites: [],
    orderOnly: [],
    phony: true,
    doc: HELP_DOC_TARGET.doc,
    recipe: [
      { words: ["printf '%s\\n' 'Usage: make [TARGET...] [NAME=value...]' '' 'Targets:'"], silent: true, wrap: false },
      {
        words: [row, ...targets.map((t) => `${recipeWord(t.target)} ${recipeWord(t.doc)}`)],
        silent: true,
        wrap: true,
      },
      { words: ["printf '\\n%s\\n' 'Variables (current values):'"], silent: true, wrap: false },
      { words: [row, ...variables.map((name) => `${recipeWord(name)} "$$${name}"`)], silent: true, wrap: true },
    ],
  };
}
