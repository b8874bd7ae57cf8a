/**
 * Reads every synthesized output back with a parser for its format and reduces it to a structure that user strings
 * must not change: instruction shapes of the Dockerfiles, Makefile rules, bake targets, workflow jobs and steps,
 * Markdown block and link counts, `.dockerignore` line counts. A property compares the structure of a hostile
 * pipeline with the structure of the same pipeline built from a benign value.
 */
import { Parser } from 'commonmark';
import { parse as parseYaml } from 'yaml';
import { finalUser, readDockerfile, ReadDockerfile, shapeOf } from './dockerfile-reading';

/** The outputs of one synthesis, found by their content (their paths are under test too). */
export interface Outputs {
  readonly dockerfiles: ReadonlyMap<string, ReadDockerfile>;
  readonly makefiles: ReadonlyMap<string, string>;
  readonly bakeFiles: ReadonlyMap<string, Record<string, unknown>>;
  readonly workflows: ReadonlyMap<string, Record<string, unknown>>;
  readonly workflowTexts: ReadonlyMap<string, string>;
  readonly docs: ReadonlyMap<string, string>;
  readonly dockerignores: ReadonlyMap<string, string>;
}

/** projen's own files, not outputs of the pipeline. */
const PROJEN_FILES = new Set(['.gitignore', '.gitattributes', '.projen/files.json', '.projen/tasks.json', '.projen/deps.json', '.npmignore', 'package.json']);

/** Sorts the files into outputs; throws on a file that is none of them or an output that does not parse. */
export function classify(files: ReadonlyMap<string, string>): Outputs {
  const out = {
    dockerfiles: new Map<string, ReadDockerfile>(),
    makefiles: new Map<string, string>(),
    bakeFiles: new Map<string, Record<string, unknown>>(),
    workflows: new Map<string, Record<string, unknown>>(),
    workflowTexts: new Map<string, string>(),
    docs: new Map<string, string>(),
    dockerignores: new Map<string, string>(),
  };
  for (const [path, text] of files) {
    if (PROJEN_FILES.has(path)) continue;
    if (path.startsWith('.github/workflows/')) {
      out.workflows.set(path, parseYaml(text) as Record<string, unknown>);
      out.workflowTexts.set(path, text);
    } else if (path === '.dockerignore' || path.endsWith('/.dockerignore')) {
      out.dockerignores.set(path, text);
    } else if (/^\.DEFAULT_GOAL := /m.test(text)) {
      out.makefiles.set(path, text);
    } else if (text.trimStart().startsWith('{')) {
      out.bakeFiles.set(path, JSON.parse(text) as Record<string, unknown>);
    } else if (text.startsWith('<!--') && text.includes('\n# ')) {
      out.docs.set(path, text);
    } else if (/^FROM /m.test(text)) {
      out.dockerfiles.set(path, readDockerfile(text));
    } else {
      throw new Error(`unexpected file ${JSON.stringify(path)}:\n${text.slice(0, 300)}`);
    }
  }
  return out;
}

/** The structure user strings must not change. */
export function structureOf(o: Outputs): Record<string, unknown> {
  return {
    counts: {
      dockerfiles: o.dockerfiles.size,
      makefiles: o.makefiles.size,
      bakeFiles: o.bakeFiles.size,
      workflows: o.workflows.size,
      docs: o.docs.size,
      dockerignores: o.dockerignores.size,
    },
    dockerfiles: [...o.dockerfiles.values()].map((d) => [...d.directives.map((x) => `# ${x.split('=')[0]}=`), ...shapeOf(d)].join('\n')).sort(),
    finalUsers: [...o.dockerfiles.values()].flatMap((d) => d.stages.map((s) => finalUser(s) ?? '-')).sort(),
    makefiles: [...o.makefiles.values()].map(makefileShape),
    bakeFiles: [...o.bakeFiles.values()].map(bakeShape),
    workflows: [...o.workflows.values()].map(workflowShape),
    workflowExpressions: [...o.workflowTexts.values()].map((t) => t.split('${{').length - 1),
    docs: [...o.docs.values()].map(markdownShape),
  };
}

/**
 * Makefile shape: the number of rules, recipe lines and variable assignments, and the line kinds in order
 * (comment, rule, recipe, assignment, other), so a value that adds a line or turns into a rule shows.
 */
function makefileShape(text: string): Record<string, unknown> {
  const kinds = text.split('\n').map((line) => {
    if (line === '') return 'blank';
    if (line.startsWith('\t')) return 'recipe';
    if (line.startsWith('#')) return 'comment';
    if (/^[A-Za-z_][A-Za-z0-9_]* *(\?|:|\+)?= /.test(line) || line.startsWith('$(foreach') || line.startsWith('export ')) return 'assignment';
    if (/^[^\s=#]+( [^\s=#]+)*:( |$)/.test(line) || line.startsWith('.PHONY:')) return 'rule';
    return 'other';
  });
  const count = (k: string) => kinds.filter((x) => x === k).length;
  return { rules: count('rule'), recipes: count('recipe'), assignments: count('assignment'), comments: count('comment'), other: count('other') };
}

function bakeShape(doc: Record<string, unknown>): Record<string, unknown> {
  const targets = (doc.target ?? {}) as Record<string, Record<string, unknown>>;
  const groups = (doc.group ?? {}) as Record<string, unknown>;
  return {
    keys: Object.keys(doc).sort(),
    groups: Object.keys(groups).length,
    targets: Object.values(targets).map((t) => Object.keys(t).sort().join(',')).sort(),
  };
}

function workflowShape(doc: Record<string, unknown>): Record<string, unknown> {
  const jobs = (doc.jobs ?? {}) as Record<string, { steps?: Array<Record<string, unknown>> }>;
  return {
    keys: Object.keys(doc).sort(),
    jobs: Object.values(jobs).map((j) => (j.steps ?? []).map((s) => Object.keys(s).sort().join(',')).join(' | ')).sort(),
  };
}

/** Markdown shape: the count of every CommonMark node type, and the cell count of every table row. */
export function markdownShape(text: string): Record<string, unknown> {
  const counts: Record<string, number> = {};
  const walker = new Parser().parse(text).walker();
  for (let event = walker.next(); event; event = walker.next()) {
    if (!event.entering) continue;
    const type = event.node.type;
    // text nodes and soft breaks follow the length of prose; headings, links, HTML, code and lists must not
    if (type === 'text' || type === 'softbreak' || type === 'code') continue;
    counts[type] = (counts[type] ?? 0) + 1;
  }
  const tableRows = text.split('\n').filter((l) => l.startsWith('|')).map(cellCount);
  return { counts, tableRows, lines: text.split('\n').length };
}

/** Cells of a GFM table row: `|` separators that are not escaped (GFM splits at `|` inside code spans too). */
function cellCount(row: string): number {
  let cells = 0;
  for (let i = 0; i < row.length; i++) {
    if (row[i] === '\\') i++;
    else if (row[i] === '|') cells++;
  }
  return cells - 1;
}

/** Problems that hold regardless of a baseline: `${{` inside `run:` (it would be evaluated by GitHub). */
export function workflowProblems(o: Outputs): string[] {
  const problems: string[] = [];
  for (const [path, doc] of o.workflows) {
    const jobs = (doc.jobs ?? {}) as Record<string, { steps?: Array<Record<string, unknown>> }>;
    for (const [id, job] of Object.entries(jobs)) {
      (job.steps ?? []).forEach((step, i) => {
        if (step.run !== undefined && (typeof step.run !== 'string' || step.run.includes('${{'))) {
          problems.push(`${path}: jobs.${id}.steps[${i}].run contains \${{: ${JSON.stringify(step.run)}`);
        }
      });
    }
  }
  return problems;
}

/**
 * `.dockerignore` lines that defeat the allow-list: a bare `!` or `!.`/`!/` (re-includes the whole context), a
 * re-include with a `..` segment (outside the context), a carriage return (a pattern split in two).
 */
export function dockerignoreProblems(o: Outputs): string[] {
  const problems: string[] = [];
  for (const [path, text] of o.dockerignores) {
    for (const line of text.split('\n')) {
      if (line.startsWith('#') || line === '') continue;
      if (/^!\s*(\.?\/?|\*\*?)$/.test(line)) problems.push(`${path}: "${line}" re-includes the whole context`);
      if (/^!(.*\/)?\.\.($|\/)/.test(line)) problems.push(`${path}: "${line}" reaches outside the context`);
      if (line.includes('\r')) problems.push(`${path}: ${JSON.stringify(line)} holds a carriage return`);
    }
  }
  return problems;
}

/** Fails with the problems listed (vitest would only show `[ Array(1) ]`). */
export function expectNoProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new Error(problems.join('\n'));
}
