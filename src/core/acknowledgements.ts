import { Construct, IConstruct } from 'constructs';
import type { Diagnostic, Diagnostics } from './diagnostics';
import { isWarningId, WARNING_IDS, WarningId } from './warning-ids';

/** One `acknowledgeWarning` call as made, unchecked (JavaScript and jsii callers may pass anything). @internal */
export interface RecordedAcknowledgement {
  readonly scope: unknown;
  readonly id: unknown;
  readonly reason: unknown;
}

/** A checked acknowledgement: warnings `id` at `scope` or below are not printed. @internal */
export interface Acknowledgement {
  /** Construct path of the call itself (`<pipeline>/acknowledgement.<n>`), where findings about it are reported. */
  readonly path: string;
  /** Construct path of the subtree it covers. */
  readonly scope: string;
  readonly id: string;
  readonly reason: string;
}

/** The construct path findings about the `n`-th acknowledgement of a pipeline belong to. @internal */
export function acknowledgementPath(pipelinePath: string, n: number): string {
  return `${pipelinePath}/acknowledgement.${n}`;
}

/**
 * Checks every recorded acknowledgement: a scope that is not this pipeline or a construct in it, an id that is not
 * a string, a missing reason, and acknowledging `unused-acknowledgement` are errors at the call's path.
 * @internal
 */
export function readAcknowledgements(recorded: readonly RecordedAcknowledgement[], pipeline: IConstruct, d: Diagnostics): Acknowledgement[] {
  const found: Acknowledgement[] = [];
  recorded.forEach((rec, n) => {
    const path = acknowledgementPath(pipeline.node.path, n);
    const problems: string[] = [];
    const inPipeline = Construct.isConstruct(rec.scope) && rec.scope.node.scopes.includes(pipeline);
    if (!inPipeline) problems.push(`the scope must be the pipeline or a construct in it (a family, image or stage), got ${describe(rec.scope)}`);
    if (typeof rec.id !== 'string' || rec.id.trim() === '') problems.push(`the warning id must be a non-empty string, got ${describe(rec.id)}`);
    else if (rec.id === 'unused-acknowledgement') problems.push('"unused-acknowledgement" cannot be acknowledged: remove the acknowledgement it reports');
    if (typeof rec.reason !== 'string' || rec.reason.trim() === '') problems.push(`the reason must be a non-empty string (why the warning does not apply), got ${describe(rec.reason)}`);
    for (const problem of problems) d.error(path, `acknowledgeWarning: ${problem}`);
    if (problems.length === 0) found.push({ path, scope: (rec.scope as IConstruct).node.path, id: rec.id as string, reason: rec.reason as string });
  });
  return found;
}

/**
 * The warnings to print: those no acknowledgement covers, plus an `unused-acknowledgement` warning for every
 * acknowledgement that covers no finding of its id (errors included, e.g. pins in frozen mode), in a stable order
 * (construct path, id, message).
 * @internal
 */
export function unacknowledged(acks: readonly Acknowledgement[], d: Diagnostics): Diagnostic[] {
  const covers = (ack: Acknowledgement, f: Diagnostic) => f.id === ack.id && within(f.path, ack.scope);
  const identified = d.identified;
  for (const ack of acks) {
    if (identified.some((f) => covers(ack, f))) continue;
    const known = isWarningId(ack.id) ? '' : ` (not a warning id of this library; the ids are ${Object.keys(WARNING_IDS).join(', ')})`;
    d.warning('unused-acknowledgement', ack.path, `acknowledges warning "${ack.id}"${known} for ${ack.scope}, where no finding has that id: remove the acknowledgement`);
  }
  const shown = d.warnings.filter((w) => !acks.some((ack) => covers(ack, w)));
  return shown.sort((a, b) => compare(a.path, b.path) || compare(a.id ?? '', b.id ?? '') || compare(a.message, b.message));
}

/** How to acknowledge the warning `id`, as printed with it. @internal */
export function acknowledgeHint(id: WarningId | undefined): string | undefined {
  if (id === undefined || id === 'unused-acknowledgement') return undefined;
  return `acknowledge: containers.acknowledgeWarning(<this construct or an ancestor>, '${id}', '<why it does not apply>')`;
}

function within(path: string, scope: string): boolean {
  return path === scope || path.startsWith(`${scope}/`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'object') return Construct.isConstruct(value) ? `construct ${JSON.stringify(value.node.path)} outside the pipeline` : 'an object';
  return typeof value;
}
