import { emitCode, EmittedCode, LibraryName } from './code-emitter';
import { IdentifierPool } from './identifiers';
import { ImportError } from './import-error';
import type { ImportedStage } from './import-model';
import { tsString } from './ts-literal';

/** The package generated code imports from. @internal */
export const LIBRARY_MODULE = 'projen-containers';

/**
 * The part of the ts-morph API the inserter uses (the module is resolved from the user's project at run time, so the
 * library neither depends on it nor exposes its types).
 * @internal
 */
export interface TsMorphModule {
  readonly Project: new (options: { useInMemoryFileSystem: boolean }) => {
    createSourceFile(path: string, text: string): TsSourceFile;
  };
  readonly SyntaxKind: { readonly Identifier: number; readonly NewExpression: number };
}

interface TsNode {
  getStart(): number;
  getEnd(): number;
  getText(): string;
  getKind(): number;
  getParent(): TsNode | undefined;
}

interface TsSourceFile extends TsNode {
  getImportDeclarations(): Array<TsNode & {
    getModuleSpecifierValue(): string;
    isTypeOnly(): boolean;
    getNamespaceImport(): TsNode | undefined;
    getNamedImports(): Array<TsNode & { getName(): string; getAliasNode(): TsNode | undefined; isTypeOnly(): boolean }>;
  }>;
  getStatements(): TsNode[];
  getDescendantsOfKind(kind: number): TsNode[];
}

/** A piece of text inserted at an offset of the original file. @internal */
export interface Insertion {
  readonly at: number;
  readonly text: string;
}

/** Options of an insertion into `.projenrc.ts`. @internal */
export interface InsertOptions {
  readonly family: string;
  readonly dockerfile: string;
  readonly images: readonly string[];
  readonly source: string;
  /** Registry of a `Containers` created because the file has none. */
  readonly registry?: string;
}

/** The edited file, the insertions made (the rest of the file is untouched) and the emitted code. @internal */
export interface InsertResult {
  readonly text: string;
  readonly insertions: readonly Insertion[];
  readonly emitted: EmittedCode;
}

/**
 * Inserts the construct code of `stages` into the text of a `.projenrc.ts`, before its `project.synth()`: reuses the
 * file's `Containers` (or creates one), adds the missing names to its `projen-containers` import (or adds the import).
 * Only inserts text: every byte of the original file stays in place.
 * @internal
 */
export function insertIntoProjenrc(tsMorph: TsMorphModule, text: string, stages: readonly ImportedStage[], options: InsertOptions): InsertResult {
  const sf = new tsMorph.Project({ useInMemoryFileSystem: true }).createSourceFile('projenrc.ts', text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';

  const imports = sf.getImportDeclarations().filter((d) => d.getModuleSpecifierValue() === LIBRARY_MODULE && !d.isTypeOnly());
  const namespace = imports.map((d) => d.getNamespaceImport()).find((n) => n !== undefined)?.getText();
  const named = new Map<string, string>();
  for (const d of imports) {
    for (const n of d.getNamedImports()) if (!n.isTypeOnly()) named.set(n.getName(), n.getAliasNode()?.getText() ?? n.getName());
  }
  const taken = new Set(sf.getDescendantsOfKind(tsMorph.SyntaxKind.Identifier).map((n) => n.getText()));
  const pool = new IdentifierPool(taken);
  const missing = new Map<LibraryName, string>();
  const nameOf = (name: LibraryName): string => {
    if (named.has(name)) return named.get(name)!;
    if (namespace) return `${namespace}.${name}`;
    if (!missing.has(name)) missing.set(name, pool.claimExact(name));
    return missing.get(name)!;
  };

  const synth = [...sf.getStatements()].reverse().find((s) => /^[A-Za-z_$][\w$]*\s*\.\s*synth\s*\(\s*\)\s*;?$/.test(s.getText()));
  if (!synth) throw new ImportError('the file has no top-level `<project>.synth()` call to insert the code before');
  const projectVar = /^[A-Za-z_$][\w$]*/.exec(synth.getText())![0];

  const prelude: string[] = [];
  let containers: string;
  const containersName = named.get('Containers') ?? (namespace ? `${namespace}.Containers` : undefined);
  const created = containersName === undefined ? undefined : sf.getDescendantsOfKind(tsMorph.SyntaxKind.NewExpression)
    .find((n) => n.getText().replace(/^new\s+/, '').startsWith(`${containersName}(`) && n.getStart() < synth.getStart());
  if (created) {
    const parent = created.getParent();
    const declared = parent && /^[A-Za-z_$][\w$]*\s*(?::[^=]+)?=/.exec(parent.getText()) && parent.getText().endsWith(created.getText()) ? /^[A-Za-z_$][\w$]*/.exec(parent.getText())![0] : undefined;
    containers = declared ?? `${containersName}.of(${projectVar})!`;
  } else {
    if (options.registry === undefined) {
      throw new ImportError('the file has no Containers pipeline yet: pass --registry (e.g. ghcr.io/acme) to create one');
    }
    containers = pool.claim('containers');
    prelude.push(`const ${containers} = new ${nameOf('Containers')}(${projectVar}, { registry: ${tsString(options.registry)} });`);
  }

  const emitted = emitCode(stages, { ...options, containers, names: nameOf, pool });
  const indent = /[ \t]*$/.exec(text.slice(0, synth.getStart()))![0];
  const code = [...prelude, ...emitted.lines].join(`${eol}${indent}`);
  const insertions: Insertion[] = [];
  if (missing.size > 0) {
    const specifiers = [...missing].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, local]) => (name === local ? name : `${name} as ${local}`));
    const withNamed = imports.find((d) => d.getNamedImports().length > 0);
    if (withNamed) {
      const last = withNamed.getNamedImports()[withNamed.getNamedImports().length - 1];
      insertions.push({ at: last.getEnd(), text: `, ${specifiers.join(', ')}` });
    } else {
      const all = sf.getImportDeclarations();
      const line = `import { ${specifiers.join(', ')} } from '${LIBRARY_MODULE}';`;
      insertions.push(all.length > 0 ? { at: all[all.length - 1].getEnd(), text: `${eol}${line}` } : { at: 0, text: `${line}${eol}` });
    }
  }
  insertions.push({ at: synth.getStart(), text: `${code}${eol}${eol}${indent}` });
  return { text: applyInsertions(text, insertions), insertions, emitted };
}

/** `text` with the insertions made (offsets of the original text). @internal */
export function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  let out = '';
  let at = 0;
  for (const i of [...insertions].sort((a, b) => a.at - b.at)) {
    out += text.slice(at, i.at) + i.text;
    at = i.at;
  }
  return out + text.slice(at);
}
