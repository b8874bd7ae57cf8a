/**
 * The public options, read from the sources (every props/options interface exported through src/index.ts, and the
 * factories of the option classes) and from the API reference (every struct property of API.md and of the submodule
 * pages it links to), so a new option shows up here without anyone remembering to list it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '../..');

/** Classes whose static factories are options in their own right (`DockerfileSyntax.omit()`, `FamilyTag.fixed()`). */
export const FACTORY_CLASSES = ['DockerfileSyntax', 'FamilyTag', 'TagRule', 'TagCondition', 'WorkflowRegistry', 'CachePolicy', 'CacheSource'];

/** Source files re-exported by src/index.ts (`export * from './x'`), followed transitively. */
function exportedSourceFiles(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
        const target = join(dirname(file), statement.moduleSpecifier.text);
        const candidates = [`${target}.ts`, join(target, 'index.ts')];
        const found = candidates.find((c) => existsSync(c));
        if (found) visit(found);
      }
    }
  };
  visit(join(ROOT, 'src/index.ts'));
  return [...seen];
}

function isExported(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

function isInternal(node: ts.Node): boolean {
  return ts.getJSDocTags(node).some((t) => t.tagName.text === 'internal');
}

/** What the sources declare: `Interface.property` for own members, and each interface's parents. */
export interface SourceOptions {
  readonly options: string[];
  readonly parents: Map<string, string[]>;
}

/** Every property of every exported `…Props`/`…Options` interface, plus the static factories of FACTORY_CLASSES. */
export function optionsFromSources(): SourceOptions {
  const options: string[] = [];
  const parents = new Map<string, string[]>();
  for (const file of exportedSourceFiles()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const statement of source.statements) {
      const isOptions = ts.isInterfaceDeclaration(statement) && /(Props|Options)$/.test(statement.name.text);
      if (isOptions && isExported(statement) && !isInternal(statement)) {
        const name = statement.name.text;
        parents.set(name, (statement.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source))));
        for (const member of statement.members) {
          if (ts.isPropertySignature(member) && member.name && !isInternal(member)) options.push(`${name}.${member.name.getText(source)}`);
        }
      }
      if (ts.isClassDeclaration(statement) && statement.name && FACTORY_CLASSES.includes(statement.name.text)) {
        for (const member of statement.members) {
          const isStatic = ts.canHaveModifiers(member) && (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
          if (!ts.isMethodDeclaration(member) || !isStatic || isInternal(member)) continue;
          const method = member.name.getText(source);
          const hidden = [ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.ProtectedKeyword];
          const isPrivate = (ts.getModifiers(member) ?? []).some((m) => hidden.includes(m.kind));
          if (!isPrivate && !method.startsWith('is')) options.push(`${statement.name.text}.${method}`);
        }
      }
    }
  }
  return { options: options.sort(), parents };
}

/** Structs the library returns rather than takes: their properties are results, not options. */
const RESULT_STRUCTS = new Set(['ValidationDiagnostic']);

/** The pages of the API reference: API.md and the submodule pages its "Submodules" section links to. */
export function apiReferencePages(): string[] {
  const index = readFileSync(join(ROOT, 'API.md'), 'utf8');
  const submodules = index.match(/^## Submodules .*\n([^#]*)/m)?.[1] ?? '';
  return ['API.md', ...[...submodules.matchAll(/^- \[[A-Za-z0-9]+\]\(\.\/([A-Za-z0-9]+\.md)\)$/gm)].map((m) => m[1])];
}

/**
 * Every property the API reference documents of a struct users pass in (not a result struct), as `Struct.property`
 * (a struct of a submodule without its submodule: `projects.ContainersTypeScriptProjectOptions` → its name).
 */
export function optionsFromApiMd(): string[] {
  const found = new Set<string>();
  for (const page of apiReferencePages()) {
    const text = readFileSync(join(ROOT, page), 'utf8');
    const start = text.indexOf('\n## Structs ');
    const end = text.indexOf('\n## ', start + 1);
    const structs = start < 0 ? '' : text.slice(start, end < 0 ? undefined : end);
    for (const m of structs.matchAll(/id="projen-containers\.(?:[a-z][A-Za-z0-9]*\.)?([A-Z][A-Za-z0-9]*)\.property\.([A-Za-z0-9]+)"/g)) {
      if (!RESULT_STRUCTS.has(m[1])) found.add(`${m[1]}.${m[2]}`);
    }
  }
  return [...found].sort();
}

/**
 * The row that covers `option`: the option itself, or the same property of the interface it is inherited from
 * (API.md lists `ImageProps.from`, declared by `StageProps`). An option inherited from one of projen's interfaces
 * (a parent named with its namespace, e.g. `typescript.TypeScriptProjectOptions`) is projen's: that parent covers
 * it, unless the interface declares the property itself (`declared`).
 */
export function coveringRow(
  option: string, rows: ReadonlySet<string>, parents: Map<string, string[]>, declared: ReadonlySet<string> = new Set(),
): string | undefined {
  if (rows.has(option)) return option;
  const [iface, prop] = option.split('.');
  for (const parent of parents.get(iface) ?? []) {
    if (parent.includes('.') && !declared.has(option)) return parent;
    const found = coveringRow(`${parent}.${prop}`, rows, parents, declared);
    if (found) return found;
  }
  return undefined;
}
