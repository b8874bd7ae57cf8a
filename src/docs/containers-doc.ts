import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as Handlebars from 'handlebars';
import { containersView, ContainersView } from './containers-view';
import type { BuildPlan } from '../plan/build-plan';

/**
 * The Handlebars template of CONTAINERS.md, shipped in the package's `templates/` folder. The same relative path works
 * from `src/docs` (tests) and `lib/docs` (compiled).
 */
const TEMPLATE_FILE = path.join(__dirname, '..', '..', 'templates', 'containers.md.hbs');

let compiled: Handlebars.TemplateDelegate<ContainersView> | undefined;

/**
 * CONTAINERS.md for a plan: per family its tag policy with examples, a table of images, a Mermaid graph of the parent
 * edges and local build instructions; then the pipeline variables.
 *
 * All content is computed in `containers-view.ts`; the template holds prose and layout only. The result starts with
 * `<!-- <marker> -->`, has no trailing spaces, no runs of blank lines, and ends with one newline.
 * @param marker the projen marker
 * @internal
 */
export function renderContainersDoc(plan: BuildPlan, marker: string): string {
  compiled ??= Handlebars.create().compile<ContainersView>(readFileSync(TEMPLATE_FILE, 'utf8'), {
    noEscape: true,
    strict: true,
  });
  return tidy(compiled(containersView(plan, marker)));
}

/** Trims trailing spaces, collapses blank-line runs and ends with exactly one newline. */
function tidy(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim() + '\n';
}
