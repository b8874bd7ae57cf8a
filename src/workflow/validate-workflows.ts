import { stableTagOf } from './plan-workflows';
import { RUNNER_LABELS } from './runner-labels';
import { GHCR_HOST, INPUT_TYPES, WorkflowDeclaration } from './workflow-settings';
import type { Diagnostics } from '../core/diagnostics';
import { unsafeTextReason } from '../core/names';
import type { FamilyTag } from '../family/family-tag';
import { isRegistry, isTag } from '../reference/image-reference';
import type { PipelineIndex } from '../synth/pipeline-index';

/** Secret and variable names: letters, digits and `_`, not starting with a digit or `GITHUB_` (GitHub's rules). */
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** `workflow_dispatch` input names (read as `inputs.<name>`). */
const INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;

/**
 * Why `value` cannot be written into a workflow as a YAML scalar: a GitHub expression, or a character YAML refuses or
 * changes (C0 and C1 controls, DEL, line and paragraph separators, byte order mark).
 * @internal
 */
export function workflowTextProblem(value: string): string | undefined {
  const reason = unsafeTextReason(value);
  if (reason) return reason;
  if (/[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(value)) return 'contains a control character';
  return undefined;
}

/**
 * Branch and tag filters: GitHub's glob characters `*`, `**`, `?`, `+` and a leading `!` over the characters git
 * allows in a ref name; no character classes (`[...]`), no `..`, `@{`, `//`, nor a trailing `/`, `.` or `.lock`.
 */
function refFilterProblem(pattern: string): string | undefined {
  if (!/^!?[A-Za-z0-9._/*+?-]+$/.test(pattern)) return 'may only hold letters, digits, ".", "_", "/", "-" and the glob characters * ? + (and a leading !)';
  if (/\.\.|@\{|\/\/|\/$|\.$|\.lock$/.test(pattern) || /(^|\/)\./.test(pattern.replace(/^!/, ''))) return 'is not a git ref pattern (no "..", "//", a part starting with ".", nor a trailing "/", "." or ".lock")';
  return undefined;
}

/** Path filters: any file name characters and GitHub's globs, but no character classes or escapes (`[`, `]`, `\\`). */
function pathFilterProblem(pattern: string): string | undefined {
  return /[[\]\\]/.test(pattern) ? 'must not hold "[", "]" or "\\" (character classes and escapes are not supported)' : undefined;
}

/** Valid numbers per cron field (minute, hour, day of month, month, day of week) and their names. */
const CRON_FIELDS: ReadonlyArray<{ what: string; min: number; max: number; names?: readonly string[] }> = [
  { what: 'minute', min: 0, max: 59 },
  { what: 'hour', min: 0, max: 23 },
  { what: 'day of month', min: 1, max: 31 },
  { what: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { what: 'day of week', min: 0, max: 6, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/**
 * Checks every declared workflow: runner, secret and variable names, registry, image selection, triggers (branch,
 * tag and path filters, cron, typed inputs) and pull-request images. Findings name the workflow's path.
 * @internal
 */
export function validateWorkflows(
  d: Diagnostics, index: PipelineIndex, declarations: readonly WorkflowDeclaration[], familyTag: (familyId: string) => FamilyTag | undefined,
  defaultBranch: string,
): void {
  for (const w of declarations) {
    const err = (message: string) => d.error(w.path, message);
    const declared = w.path.includes('/workflow.');
    const opt = (what: string) => (declared ? what : `workflow.${what}`);
    if (!RUNNER_LABELS.includes(w.runsOn)) {
      err(`${opt('runsOn')} ${JSON.stringify(w.runsOn)} must be a GitHub-hosted Linux runner label or "self-hosted": one of ${RUNNER_LABELS.join(', ')}`);
    }
    for (const [what, secret] of [['usernameSecret', w.usernameSecret], ['passwordSecret', w.passwordSecret]] as const) {
      if (secret !== undefined && (!SECRET_NAME.test(secret) || /^GITHUB_/i.test(secret))) {
        err(`${opt(what)} ${JSON.stringify(secret)} must be a secret name: letters, digits and "_", not starting with a digit or "GITHUB_"`);
      }
    }
    if (!declared) continue; // the default workflow's remaining settings are checked with the pipeline's
    const reg = w.registry;
    if (reg.kind === 'literal' && !isRegistry(reg.registry)) {
      err(`registry ${JSON.stringify(reg.registry)} is not a valid registry host and namespace, expected e.g. "ghcr.io/acme" (lowercase namespace)`);
    }
    if ((reg.kind === 'variable' || reg.kind === 'secret') && (!SECRET_NAME.test(reg.name) || /^GITHUB_/i.test(reg.name))) {
      err(`registry ${reg.kind} ${JSON.stringify(reg.name)} must be a ${reg.kind} name: letters, digits and "_", not starting with a digit or "GITHUB_"`);
    }
    if (!isTag(w.parentTag)) err(`parentTag ${JSON.stringify(w.parentTag)} is not a valid tag (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`);
    validateSelection(err, index, w);
    validateTriggers(err, w);
    validatePullRequestImages(d, index, w, familyTag, defaultBranch);
  }
}

function validateSelection(err: (m: string) => void, index: PipelineIndex, w: WorkflowDeclaration): void {
  const families = new Set(index.families.map((f) => f.node.id));
  const images = new Set(index.images.map((i) => index.imageId(i)));
  for (const f of w.families ?? []) {
    if (!families.has(f)) err(`families: ${JSON.stringify(f)} is not a family of the pipeline; known: ${[...families].sort().join(', ') || 'none'}`);
  }
  for (const i of w.images ?? []) {
    if (!images.has(i)) err(`images: ${JSON.stringify(i)} is not an image of the pipeline ("<family>-<image>"); known: ${[...images].sort().join(', ') || 'none'}`);
  }
  if (w.families !== undefined || w.images !== undefined) {
    if ((w.families ?? []).length + (w.images ?? []).length === 0) err('the workflow selects no image: name families or images, or leave both out for every image');
  }
}

function validateTriggers(err: (m: string) => void, w: WorkflowDeclaration): void {
  if (w.push === undefined && w.pullRequest === undefined && w.dispatch === undefined && w.schedule.length === 0) {
    err('the workflow has no trigger: set push, pullRequest, dispatch or schedule');
  }
  const patterns = (what: string, list: readonly string[], grammar: (p: string) => string | undefined) => list.forEach((p) => {
    const reason = workflowTextProblem(p);
    if (reason) err(`${what} pattern ${JSON.stringify(p)} ${reason}`);
    else if (p.trim() === '' || p !== p.trim() || p.length > 255) err(`${what} pattern ${JSON.stringify(p)} must be 1-255 characters without leading or trailing spaces`);
    else if (grammar(p)) err(`${what} pattern ${JSON.stringify(p)} ${grammar(p)}`);
  });
  if (w.push) {
    patterns('push.branches', w.push.branches, refFilterProblem);
    patterns('push.tags', w.push.tags, refFilterProblem);
    if (w.push.branches.length + w.push.tags.length === 0) err('push needs a branch or a tag pattern (an empty push filter would run on every push)');
  }
  if (w.pullRequest) {
    patterns('pullRequest.branches', w.pullRequest.branches, refFilterProblem);
    if (w.pullRequest.branches.length === 0) err('pullRequest.branches must name at least one base branch pattern');
  }
  patterns('paths', w.paths, pathFilterProblem);
  patterns('pathsIgnore', w.pathsIgnore, pathFilterProblem);
  if (w.pathsIgnore.length > 0 && (w.paths.length > 0 || w.pathsFromInputs)) {
    err('pathsIgnore cannot be combined with paths or pathsFromInputs: GitHub refuses both filters on one event');
  }
  w.schedule.forEach((cron) => {
    const problem = cronProblem(cron);
    if (problem) err(`schedule ${JSON.stringify(cron)} ${problem}`);
  });
  const names = new Set<string>();
  for (const input of w.dispatch?.inputs ?? []) validateInput(err, input, names);
}

function validateInput(err: (m: string) => void, i: NonNullable<WorkflowDeclaration['dispatch']>['inputs'][number], names: Set<string>): void {
  const what = `dispatch input ${JSON.stringify(i.name)}`;
  if (!INPUT_NAME.test(i.name)) err(`${what}: the name must be letters, digits, "_" and "-", starting with a letter or "_" (at most 100)`);
  if (names.has(i.name.toLowerCase())) err(`${what} is declared twice (input names are case-insensitive)`);
  names.add(i.name.toLowerCase());
  if (!INPUT_TYPES.includes(i.type)) err(`${what}: type ${JSON.stringify(i.type)} must be one of ${INPUT_TYPES.join(', ')}`);
  for (const [field, value] of [['description', i.description], ['default', i.default], ...i.options.map((o) => ['option', o])] as const) {
    const reason = value === undefined ? undefined : workflowTextProblem(value);
    if (reason) err(`${what}: ${field} ${JSON.stringify(value)} ${reason}`);
  }
  if (i.type === 'choice') {
    if (i.options.length === 0) err(`${what}: a choice input needs options`);
    if (i.options.some((o) => o.trim() === '')) err(`${what}: options must not be empty`);
    if (i.default !== undefined && !i.options.includes(i.default)) err(`${what}: default ${JSON.stringify(i.default)} is not one of its options`);
  } else if (i.options.length > 0) {
    err(`${what}: only a choice input takes options`);
  }
  if (i.type === 'boolean' && i.default !== undefined && i.default !== 'true' && i.default !== 'false') err(`${what}: a boolean default must be "true" or "false"`);
  if (i.type === 'number' && i.default !== undefined && !/^-?\d+(\.\d+)?$/.test(i.default)) err(`${what}: a number default must be a decimal number`);
}

/** Why `cron` is not a 5-field POSIX cron expression GitHub accepts (numbers in range, `*`, `,`, `-`, `/`, names). */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.split(' ');
  if (fields.length !== 5 || fields.some((f) => f === '')) return 'must be 5 fields separated by single spaces (minute hour day-of-month month day-of-week)';
  for (let n = 0; n < 5; n++) {
    const spec = CRON_FIELDS[n];
    for (const part of fields[n].split(',')) {
      const m = /^(\*|([0-9A-Za-z]+)(?:-([0-9A-Za-z]+))?)(?:\/([0-9]+))?$/.exec(part);
      if (!m) return `has an invalid ${spec.what} field "${fields[n]}"`;
      const values = [m[2], m[3]].filter((v): v is string => v !== undefined).map((v) => cronValue(v, spec));
      if (values.some((v) => v === undefined)) return `has a ${spec.what} outside ${spec.min}-${spec.max} in "${fields[n]}"`;
      if (values.length === 2 && values[0]! > values[1]!) return `has a descending ${spec.what} range "${part}"`;
      if (m[4] !== undefined && (Number(m[4]) < 1 || Number(m[4]) > spec.max)) return `has a ${spec.what} step outside 1-${spec.max} in "${part}"`;
    }
  }
  return undefined;
}

function cronValue(v: string, spec: typeof CRON_FIELDS[number]): number | undefined {
  const named = spec.names?.indexOf(v.toUpperCase()) ?? -1;
  if (named >= 0) return named + spec.min;
  if (!/^[0-9]{1,2}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= spec.min && n <= spec.max ? n : undefined;
}

function validatePullRequestImages(
  d: Diagnostics, index: PipelineIndex, w: WorkflowDeclaration, familyTag: (familyId: string) => FamilyTag | undefined, defaultBranch: string,
): void {
  const pr = w.pullRequestImages;
  if (pr === undefined) return;
  if (w.pullRequest === undefined) d.error(w.path, 'pullRequestImages needs the pullRequest trigger');
  if (pr.stableTag !== undefined) {
    if (!isTag(pr.stableTag)) d.error(w.path, `pullRequestImages.stableTag ${JSON.stringify(pr.stableTag)} is not a valid tag (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`);
  } else {
    const branch = w.push?.branches[0] ?? defaultBranch;
    const families = w.families === undefined && w.images === undefined
      ? index.families
      : index.families.filter((f) => (w.families ?? []).includes(f.node.id) || f.images.some((i) => (w.images ?? []).includes(index.imageId(i))));
    for (const f of families) {
      // tag rules (the family's or an image's own) yield no tag known at synthesis to hand on
      const ruled = f._props.tags !== undefined ? `family "${f.node.id}"` : f.images.filter((i) => i._props.tags !== undefined).map((i) => `image "${index.imageId(i)}"`)[0];
      if (ruled !== undefined) {
        d.error(w.path, `pullRequestImages: ${ruled} has tag rules, whose tag on a push is only known when it runs; set pullRequestImages.stableTag`);
        continue;
      }
      const tag = familyTag(f.node.id);
      if (tag === undefined) continue;
      const planned = { id: f.node.id, images: [], tagVariable: '', tag: { templates: tag._templates, constants: tag._constants, fallback: tag._fallback } };
      if (stableTagOf(planned, branch) === undefined) {
        d.error(w.path, `pullRequestImages: the tag policy of family "${f.node.id}" yields no stable tag on a push to "${branch}" (no template of only {branch} and constants before one with {sha}); set pullRequestImages.stableTag`);
      }
    }
  }
  const reg = w.registry;
  const ghcr = reg.kind === 'ghcr-owner' || (reg.kind === 'literal' && reg.registry.split('/')[0] === GHCR_HOST);
  if (pr.deleteOnClose && !ghcr) {
    d.error(w.path, 'pullRequestImages.deleteOnClose deletes through the GitHub Packages API and needs a GHCR registry (ghcr.io/<owner> or WorkflowRegistry.githubContainerRegistry())');
  }
  if (reg.kind === 'secret') {
    d.warning('pull-request-images-secret-registry', w.path, `pullRequestImages: the registry comes from the secret ${reg.name}, and GitHub redacts job outputs holding a secret, so other jobs receive no image reference; use WorkflowRegistry.fromVariable`);
  }
}
