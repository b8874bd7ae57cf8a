import type { PlannedTag } from '../plan/build-plan';
import { tagPlaceholder } from '../plan/tag-placeholders';
import { SETTING_VARIABLES } from '../plan/variables';

/** Literal text allowed in a tag (Docker tag characters); it is also free of make and shell syntax. */
const TAG_TEXT = /^[A-Za-z0-9_.-]*$/;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** A template after substituting constants: the make text of the tag and the git facts it needs. */
interface CompiledTemplate {
  readonly text: string;
  readonly needs: readonly string[];
}

/**
 * The make expression computing a family tag, evaluated identically locally and in CI:
 * `$(or $(TAG),<first template whose placeholders are all non-empty>,…,<fallback>)`.
 *
 * Each template becomes `$(if <its git facts>,<text>,<next>)`, the facts being the variables of the built-in
 * placeholders (`plan/tag-placeholders.ts`); constants are substituted at synthesis, so a template without git
 * placeholders always applies and ends the chain. For example the templates `{version}-{os}`, `{branch}-{os}` with
 * `os=ubuntu24.04` and fallback `dev-ubuntu24.04` yield `0.1.0-ubuntu24.04` on tag `v0.1.0` and `main-ubuntu24.04`
 * on branch `main`.
 *
 * @param tag the family's validated tag policy
 * @param familyId names the family in error messages
 * @throws `internal error` when the policy breaks what validation guarantees: an unknown placeholder, a constant
 *   shadowing a built-in placeholder, literal text outside `[A-Za-z0-9_.-]`, or an empty fallback
 * @internal
 */
export function tagExpression(tag: PlannedTag, familyId: string): string {
  const where = `tag of family ${familyId}`;
  const constants = new Map<string, string>();
  for (const constant of tag.constants) {
    if (tagPlaceholder(constant.name) !== undefined) {
      throw new Error(`internal error: ${where}: constant {${constant.name}} shadows a built-in placeholder`);
    }
    constants.set(constant.name, checkTagText(constant.value, `${where}: constant {${constant.name}}`));
  }
  if (tag.fallback === '') {
    throw new Error(`internal error: ${where}: empty fallback`);
  }
  let chain = checkTagText(tag.fallback, `${where}: fallback`);
  for (const template of [...tag.templates].reverse()) {
    const compiled = compileTemplate(template, constants, where);
    chain = compiled.needs.length === 0 ? compiled.text : `$(if ${condition(compiled.needs)},${compiled.text},${chain})`;
  }
  return `$(or $(${SETTING_VARIABLES.tag}),${chain})`;
}

function compileTemplate(template: string, constants: ReadonlyMap<string, string>, where: string): CompiledTemplate {
  const needs: string[] = [];
  let text = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const index = match.index ?? 0;
    text += checkTagText(template.slice(last, index), `${where}: template ${JSON.stringify(template)}`);
    const name = match[1];
    const constant = constants.get(name);
    const variable = tagPlaceholder(name)?.variable;
    if (constant !== undefined) {
      text += constant;
    } else if (variable !== undefined) {
      text += `$(${variable})`;
      if (!needs.includes(variable)) needs.push(variable);
    } else {
      throw new Error(`internal error: ${where}: unknown placeholder {${name}} in template ${JSON.stringify(template)}`);
    }
    last = index + match[0].length;
  }
  text += checkTagText(template.slice(last), `${where}: template ${JSON.stringify(template)}`);
  return { text, needs };
}

function condition(needs: readonly string[]): string {
  const references = needs.map((variable) => `$(${variable})`);
  return references.length === 1 ? references[0] : `$(and ${references.join(',')})`;
}

function checkTagText(text: string, what: string): string {
  if (!TAG_TEXT.test(text)) {
    throw new Error(`internal error: ${what}: ${JSON.stringify(text)} holds characters outside A-Z, a-z, 0-9, '_', '.' and '-'`);
  }
  return text;
}
