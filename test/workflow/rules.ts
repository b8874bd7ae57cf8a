/**
 * Workflow hardening rules (GA-*) mirroring GitHub's guidance, zizmor and OpenSSF Scorecard, as functions returning findings.
 *
 * They replicate the zizmor, Scorecard and GitHub-guidance checks that cannot run here (zizmor is not installable on
 * these machines; actionlint runs for real in `actionlint.ts`). Each rule takes a {@link Workflow} (raw text for
 * line-level rules, parsed document for the rest) and returns an empty array when the workflow complies.
 */
import { parse, stringify } from 'yaml';

export interface Finding {
  /** Checklist id, e.g. `GA-6`. */
  readonly rule: string;
  /** Location, e.g. `jobs.build.steps[2].run` or `line 31`. */
  readonly where: string;
  readonly message: string;
}

/** A workflow as text plus its parsed document. */
export interface Workflow {
  readonly raw: string;
  readonly doc: Record<string, unknown>;
}

/** A `(action, version) → sha` lock entry (same shape as `src/workflow/action-pins.ts`). */
export interface LockEntry {
  readonly action: string;
  readonly version: string;
  readonly sha: string;
}

/** Allowed `scope → level` per job id. */
export type PermissionAllowList = Record<string, Record<string, 'read' | 'write'>>;

export function parseWorkflow(raw: string): Workflow {
  return { raw, doc: asRecord(parse(raw)) ?? {} };
}

/** For tests of the rules themselves: serialize a (deliberately bad) workflow object. */
export function workflowFromObject(doc: Record<string, unknown>): Workflow {
  return parseWorkflow(stringify(doc, { lineWidth: 0 }));
}

// ---------------------------------------------------------------------------------------------------------------------
// model helpers

type Rec = Record<string, unknown>;

function asRecord(x: unknown): Rec | undefined {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Rec) : undefined;
}

interface JobRef {
  readonly id: string;
  readonly job: Rec;
}

interface StepRef {
  readonly where: string;
  readonly step: Rec;
}

function jobs(wf: Workflow): JobRef[] {
  return Object.entries(asRecord(wf.doc.jobs) ?? {}).map(([id, job]) => ({ id, job: asRecord(job) ?? {} }));
}

function steps(wf: Workflow): StepRef[] {
  return jobs(wf).flatMap(({ id, job }) =>
    (Array.isArray(job.steps) ? job.steps : []).map((step, i) => ({ where: `jobs.${id}.steps[${i}]`, step: asRecord(step) ?? {} })),
  );
}

function stringAt(r: Rec, key: string): string | undefined {
  return typeof r[key] === 'string' ? (r[key] as string) : undefined;
}

function finding(rule: string, where: string, message: string): Finding {
  return { rule, where, message };
}

/** Lines of the raw text that are `uses:` entries (step or job level), with 1-based line numbers. */
function usesLines(wf: Workflow): { line: number; text: string }[] {
  return wf.raw
    .split('\n')
    .map((text, i) => ({ line: i + 1, text }))
    .filter(({ text }) => /^\s*(?:- )?uses:\s/.test(text));
}

// ---------------------------------------------------------------------------------------------------------------------
// rules

const PINNED_USES = [/^\.\//, /^[^@\s]+@[0-9a-f]{40}$/, /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/];

/** GA-1: every step and job-level `uses:` is pinned to a full commit SHA (zizmor unpinned-uses, Scorecard). */
export function ga1PinnedUses(wf: Workflow): Finding[] {
  const refs = [
    ...jobs(wf).map(({ id, job }) => ({ where: `jobs.${id}.uses`, uses: stringAt(job, 'uses') })),
    ...steps(wf).map(({ where, step }) => ({ where: `${where}.uses`, uses: stringAt(step, 'uses') })),
  ];
  return refs
    .filter((r): r is { where: string; uses: string } => r.uses !== undefined)
    .filter((r) => !PINNED_USES.some((re) => re.test(r.uses)))
    .map((r) => finding('GA-1', r.where, `"${r.uses}" is not pinned to a 40-hex commit SHA`));
}

/** GA-2: each pinned `uses:` line carries `# vX.Y.Z` and `(action, version) → sha` equals the lock (zizmor ref-version-mismatch). */
export function ga2PinComments(wf: Workflow, lock: readonly LockEntry[]): Finding[] {
  const out: Finding[] = [];
  for (const { line, text } of usesLines(wf)) {
    if (/uses:\s+\.\//.test(text)) {
      continue;
    }
    const m = /uses:\s+(\S+)@([0-9a-f]{40}) # (v\d+(?:\.\d+){0,2})$/.exec(text);
    if (!m) {
      out.push(finding('GA-2', `line ${line}`, `"${text.trim()}" lacks "<action>@<sha> # vX.Y.Z"`));
      continue;
    }
    const [, action, sha, version] = m;
    const entry = lock.find((e) => e.action === action && e.version === version);
    if (!entry) {
      out.push(finding('GA-2', `line ${line}`, `${action} ${version} is not in the lock table`));
    } else if (entry.sha !== sha) {
      out.push(finding('GA-2', `line ${line}`, `${action} ${version} is ${entry.sha} in the lock table, not ${sha}`));
    }
  }
  return out;
}

/** GA-3: top-level `permissions: {}` (no default token scopes). */
export function ga3TopLevelPermissions(wf: Workflow): Finding[] {
  const p = wf.doc.permissions;
  const empty = asRecord(p) !== undefined && Object.keys(p as Rec).length === 0;
  return empty ? [] : [finding('GA-3', 'permissions', `top-level permissions must be {}, got ${JSON.stringify(p)}`)];
}

/** GA-4: every job declares permissions, and only scopes/levels of its allow-list. */
export function ga4JobPermissions(wf: Workflow, allow: PermissionAllowList): Finding[] {
  const out: Finding[] = [];
  for (const { id, job } of jobs(wf)) {
    // the per-platform and merge jobs of a fanned-out publish replace `publish`, with at most its scopes
    const allowed = allow[id] ?? (/^(build-[a-z0-9]+-[a-z0-9_-]+|merge-.+)$/.test(id) ? allow.publish : undefined);
    const perms = asRecord(job.permissions);
    if (allowed === undefined) {
      out.push(finding('GA-4', `jobs.${id}`, 'job has no permission allow-list'));
    } else if (perms === undefined) {
      out.push(finding('GA-4', `jobs.${id}.permissions`, `permissions must be a map of scopes, got ${JSON.stringify(job.permissions)}`));
    } else {
      for (const [scope, level] of Object.entries(perms)) {
        if (allowed[scope] !== level && !(level === 'read' && allowed[scope] === 'write') && level !== 'none') {
          out.push(finding('GA-4', `jobs.${id}.permissions.${scope}`, `${scope}: ${String(level)} is not allowed`));
        }
      }
    }
  }
  return out;
}

/** GA-5: every permission line other than `contents: read` explains itself in a comment (zizmor undocumented-permissions). */
export function ga5DocumentedPermissions(wf: Workflow): Finding[] {
  return wf.raw
    .split('\n')
    .map((text, i) => ({ line: i + 1, text }))
    .filter(({ text }) => /^\s+[a-z-]+: (write|read)\b/.test(text) && !/^\s+contents: read\s*$/.test(text))
    .filter(({ text }) => !/ # \S/.test(text))
    .map(({ line, text }) => finding('GA-5', `line ${line}`, `"${text.trim()}" has no comment`));
}

/** GA-6: no `${{` inside `run:` (or github-script `script:`): values go through `env:` (template injection). */
export function ga6NoExpressionsInRun(wf: Workflow): Finding[] {
  const out: Finding[] = [];
  for (const { where, step } of steps(wf)) {
    const run = stringAt(step, 'run');
    const script = stringAt(asRecord(step.with) ?? {}, 'script');
    if (run?.includes('${{')) {
      out.push(finding('GA-6', `${where}.run`, `run contains an expression: ${run}`));
    }
    if (script?.includes('${{')) {
      out.push(finding('GA-6', `${where}.with.script`, 'script contains an expression'));
    }
  }
  return out;
}

const DANGEROUS_TRIGGERS = ['pull_request_target', 'workflow_run'];

/** GA-7: no `pull_request_target` / `workflow_run` in `on` (string, list or map form). */
export function ga7NoDangerousTriggers(wf: Workflow): Finding[] {
  const on = wf.doc.on;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(asRecord(on) ?? {});
  return events.filter((e) => DANGEROUS_TRIGGERS.includes(e)).map((e) => finding('GA-7', `on.${e}`, `dangerous trigger ${e}`));
}

/** GA-8: every `actions/checkout` step sets `persist-credentials: false` (zizmor artipacked). */
export function ga8CheckoutWithoutCredentials(wf: Workflow): Finding[] {
  return steps(wf)
    .filter(({ step }) => stringAt(step, 'uses')?.startsWith('actions/checkout@'))
    .filter(({ step }) => asRecord(step.with)?.['persist-credentials'] !== false)
    .map(({ where }) => finding('GA-8', `${where}.with`, 'checkout must set persist-credentials: false'));
}

/** GA-9: every job has an integer `timeout-minutes` between 1 and `limit` (GitHub default: 360). */
export function ga9Timeouts(wf: Workflow, limit = 360): Finding[] {
  return jobs(wf)
    .filter(({ job }) => job.uses === undefined)
    .filter(({ job }) => {
      const t = job['timeout-minutes'];
      return !(typeof t === 'number' && Number.isInteger(t) && t >= 1 && t <= limit);
    })
    .map(({ id, job }) => finding('GA-9', `jobs.${id}.timeout-minutes`, `expected an integer in 1..${limit}, got ${JSON.stringify(job['timeout-minutes'])}`));
}

/** The only expression accepted for `cancel-in-progress`: true for pull requests, false for pushes (publishing). */
const PR_ONLY_CANCEL = /^\$\{\{\s*github\.event_name\s*==\s*'pull_request'\s*\}\}$/;

/** GA-10: workflow `concurrency` with a group and an explicit `cancel-in-progress` that never cancels a publish. */
export function ga10Concurrency(wf: Workflow): Finding[] {
  const c = asRecord(wf.doc.concurrency);
  if (c === undefined) {
    return [finding('GA-10', 'concurrency', 'workflow has no concurrency map')];
  }
  const out: Finding[] = [];
  if (typeof c.group !== 'string' || c.group.trim() === '') {
    out.push(finding('GA-10', 'concurrency.group', 'concurrency group must be set'));
  }
  const cancel = c['cancel-in-progress'];
  if (cancel !== false && !(typeof cancel === 'string' && PR_ONLY_CANCEL.test(cancel))) {
    out.push(finding('GA-10', 'concurrency.cancel-in-progress', `must be false (or cancel pull requests only), got ${JSON.stringify(cancel)}`));
  }
  return out;
}

/** GA-11: no `secrets: inherit`, `toJSON(secrets)`, `fromJSON(secrets.*)`. */
export function ga11NoSecretSpreading(wf: Workflow): Finding[] {
  const patterns = [/^\s*secrets:\s*inherit\s*$/m, /toJSON\(\s*secrets\s*\)/i, /fromJSON\(\s*secrets\./i];
  return patterns.filter((re) => re.test(wf.raw)).map((re) => finding('GA-11', 'file', `matches ${re}`));
}

const INSECURE_COMMANDS = ['ACTIONS_ALLOW_UNSECURE_COMMANDS', '::set-env', '::add-path', '::set-output', '::save-state'];

/** GA-12: no deprecated, injectable workflow commands. */
export function ga12NoInsecureCommands(wf: Workflow): Finding[] {
  return INSECURE_COMMANDS.filter((c) => wf.raw.includes(c)).map((c) => finding('GA-12', 'file', `uses ${c}`));
}

/** GA-13: no writes to `GITHUB_ENV` / `GITHUB_PATH` (outputs go to `GITHUB_OUTPUT`). */
export function ga13NoEnvFileWrites(wf: Workflow): Finding[] {
  return steps(wf)
    .filter(({ step }) => /GITHUB_(ENV|PATH)\b/.test(stringAt(step, 'run') ?? ''))
    .map(({ where }) => finding('GA-13', `${where}.run`, 'writes GITHUB_ENV or GITHUB_PATH'));
}

/** GA-14: `if:` is one line, and an expression is the whole condition (`${{ … }}` with nothing around it). */
export function ga14SoundConditions(wf: Workflow): Finding[] {
  const conditions = [
    ...jobs(wf).map(({ id, job }) => ({ where: `jobs.${id}.if`, cond: job.if })),
    ...steps(wf).map(({ where, step }) => ({ where: `${where}.if`, cond: step.if })),
  ].filter((c) => c.cond !== undefined);
  const out: Finding[] = [];
  for (const { where, cond } of conditions) {
    if (typeof cond !== 'string') {
      continue; // booleans are constant conditions; actionlint reports those
    }
    if (cond.includes('\n')) {
      out.push(finding('GA-14', where, 'condition spans several lines (block scalar)'));
    }
    const expressions = cond.split('${{').length - 1;
    if (expressions > 0 && !(expressions === 1 && /^\$\{\{.*\}\}$/s.test(cond.trim()) && cond === cond.trim())) {
      out.push(finding('GA-14', where, `text around \${{ }} makes the condition always true: ${cond}`));
    }
  }
  return out;
}

/** GA-16: a publishing workflow restores no GitHub Actions caches (zizmor cache-poisoning). */
export function ga16NoCaches(wf: Workflow): Finding[] {
  const out: Finding[] = [];
  for (const { where, step } of steps(wf)) {
    const uses = stringAt(step, 'uses') ?? '';
    const withs = asRecord(step.with) ?? {};
    if (uses.startsWith('actions/cache')) {
      out.push(finding('GA-16', `${where}.uses`, 'actions/cache in a publishing workflow'));
    }
    if (uses.startsWith('docker/setup-buildx-action@') && withs['cache-binary'] !== false) {
      out.push(finding('GA-16', `${where}.with`, 'setup-buildx-action must set cache-binary: false'));
    }
    if (uses.startsWith('docker/setup-qemu-action@') && withs['cache-image'] !== false) {
      out.push(finding('GA-16', `${where}.with`, 'setup-qemu-action must set cache-image: false'));
    }
    if (/type=gha/.test(JSON.stringify(step))) {
      out.push(finding('GA-16', where, 'uses the gha cache backend'));
    }
  }
  return out;
}

/** GA-18: the workflow and every job have a `name:`, and `defaults.run.shell` is `bash` (zizmor anonymous-definition). */
export function ga18NamesAndShell(wf: Workflow): Finding[] {
  const out: Finding[] = [];
  if (typeof wf.doc.name !== 'string' || wf.doc.name.trim() === '') {
    out.push(finding('GA-18', 'name', 'workflow has no name'));
  }
  for (const { id, job } of jobs(wf)) {
    if (typeof job.name !== 'string' || job.name.trim() === '') {
      out.push(finding('GA-18', `jobs.${id}.name`, 'job has no name'));
    }
  }
  const shell = asRecord(asRecord(wf.doc.defaults)?.run)?.shell;
  if (shell !== 'bash') {
    out.push(finding('GA-18', 'defaults.run.shell', `expected bash, got ${JSON.stringify(shell)}`));
  }
  return out;
}

/** The one job allowed to request an OIDC token: keyless signing. */
export const SIGN_JOB = 'sign';

/**
 * GA-19: `id-token: write` (an OIDC token that sigstore, cloud providers and package registries accept as the
 * workflow's identity) only in the `sign` job, and there only with `write-all` absent; workflow-level grants count too.
 */
export function ga19IdTokenOnlyInSign(wf: Workflow): Finding[] {
  const out: Finding[] = [];
  const grants = (p: unknown) => p === 'write-all' || asRecord(p)?.['id-token'] === 'write';
  if (grants(wf.doc.permissions)) out.push(finding('GA-19', 'permissions', 'the workflow grants id-token: write to every job'));
  for (const { id, job } of jobs(wf)) {
    if (id !== SIGN_JOB && grants(job.permissions)) out.push(finding('GA-19', `jobs.${id}.permissions`, `id-token: write outside the ${SIGN_JOB} job`));
  }
  return out;
}

export interface RuleOptions {
  readonly lock: readonly LockEntry[];
  readonly permissions: PermissionAllowList;
  readonly timeoutLimit?: number;
}

/** Every rule, by checklist id. */
export function rules(options: RuleOptions): Record<string, (wf: Workflow) => Finding[]> {
  return {
    'GA-1': ga1PinnedUses,
    'GA-2': (wf) => ga2PinComments(wf, options.lock),
    'GA-3': ga3TopLevelPermissions,
    'GA-4': (wf) => ga4JobPermissions(wf, options.permissions),
    'GA-5': ga5DocumentedPermissions,
    'GA-6': ga6NoExpressionsInRun,
    'GA-7': ga7NoDangerousTriggers,
    'GA-8': ga8CheckoutWithoutCredentials,
    'GA-9': (wf) => ga9Timeouts(wf, options.timeoutLimit),
    'GA-10': ga10Concurrency,
    'GA-11': ga11NoSecretSpreading,
    'GA-12': ga12NoInsecureCommands,
    'GA-13': ga13NoEnvFileWrites,
    'GA-14': ga14SoundConditions,
    'GA-16': ga16NoCaches,
    'GA-18': ga18NamesAndShell,
    'GA-19': ga19IdTokenOnlyInSign,
  };
}

/** All findings of all rules. */
export function checkWorkflow(wf: Workflow, options: RuleOptions): Finding[] {
  return Object.values(rules(options)).flatMap((rule) => rule(wf));
}
