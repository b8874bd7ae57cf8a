import type { ValidationDiagnostic } from '../validation-diagnostic';

/**
 * The findings as a person reads them: the summary line, then each finding as `[construct path] message`, followed
 * by the place in the project's code it comes from (when known). Used for the printed error and for warnings.
 * @internal
 */
export function findingsBlock(summary: string, findings: readonly ValidationDiagnostic[]): string {
  return [summary, ...findings.map((f) => indent(findingLines(f), '  '))].join('\n');
}

/**
 * One finding: `[path] message`, then `  at <file:line:column>` when the location is known (the shape of a stack
 * frame, which also keeps Node.js from printing the error in brackets as one without a stack). @internal
 */
export function findingLines(f: ValidationDiagnostic): string {
  const lines = [`[${f.path}] ${f.message}`];
  if (f.location !== undefined) lines.push(`  at ${f.location}`);
  return lines.join('\n');
}

function indent(text: string, by: string): string {
  return text.split('\n').map((line) => `${by}${line}`).join('\n');
}
