import { describe, expect, test } from 'vitest';
import {
  Finding,
  ga10Concurrency,
  ga11NoSecretSpreading,
  ga12NoInsecureCommands,
  ga13NoEnvFileWrites,
  ga14SoundConditions,
  ga16NoCaches,
  ga18NamesAndShell,
  ga19IdTokenOnlyInSign,
  ga1PinnedUses,
  ga2PinComments,
  ga3TopLevelPermissions,
  ga4JobPermissions,
  ga5DocumentedPermissions,
  ga6NoExpressionsInRun,
  ga7NoDangerousTriggers,
  ga8CheckoutWithoutCredentials,
  ga9Timeouts,
  parseWorkflow,
  Workflow,
  workflowFromObject,
} from './rules';
import { ACTION_PINS, CHECKOUT, pinnedUses, SETUP_BUILDX } from '../../src/workflow';

const CHECKOUT_USES = pinnedUses(CHECKOUT);

/** A small workflow that passes every rule; each test below breaks one thing. */
function good(): Record<string, any> {
  return {
    name: 'ok',
    on: { push: { branches: ['main'] } },
    concurrency: { 'group': '${{ github.workflow }}', 'cancel-in-progress': false },
    permissions: {},
    defaults: { run: { shell: 'bash' } },
    jobs: {
      build: {
        'name': 'Build',
        'runs-on': 'ubuntu-24.04',
        'permissions': { contents: 'read' },
        'timeout-minutes': 30,
        'if': "github.event_name == 'push'",
        'steps': [
          { uses: CHECKOUT_USES, with: { 'persist-credentials': false } },
          { uses: pinnedUses(SETUP_BUILDX), with: { 'cache-binary': false } },
          { env: { SHA: '${{ github.sha }}' }, run: 'echo "${SHA}"' },
        ],
      },
    },
  };
}

/** `good()` rendered with version comments, as the generator writes it. */
function goodText(): Workflow {
  const wf = workflowFromObject(good());
  const raw = wf.raw.replace(/uses: (\S+)@([0-9a-f]{40})$/gm, (line, action: string, sha: string) => {
    const pin = ACTION_PINS.find((p) => p.action === action && p.sha === sha);
    return pin ? `${line} # ${pin.version}` : line;
  });
  return parseWorkflow(raw);
}

function bad(mutate: (wf: Record<string, any>) => void): Workflow {
  const doc = good();
  mutate(doc);
  return workflowFromObject(doc);
}

const ALLOW = { build: { contents: 'read' as const } };

function rulesOf(findings: Finding[]): string[] {
  return [...new Set(findings.map((f) => f.rule))];
}

describe('the baseline passes every rule', () => {
  test.each([
    ['GA-1', (wf: Workflow) => ga1PinnedUses(wf)],
    ['GA-2', (wf: Workflow) => ga2PinComments(wf, ACTION_PINS)],
    ['GA-3', ga3TopLevelPermissions],
    ['GA-4', (wf: Workflow) => ga4JobPermissions(wf, ALLOW)],
    ['GA-5', ga5DocumentedPermissions],
    ['GA-6', ga6NoExpressionsInRun],
    ['GA-7', ga7NoDangerousTriggers],
    ['GA-8', ga8CheckoutWithoutCredentials],
    ['GA-9', (wf: Workflow) => ga9Timeouts(wf)],
    ['GA-10', ga10Concurrency],
    ['GA-11', ga11NoSecretSpreading],
    ['GA-12', ga12NoInsecureCommands],
    ['GA-13', ga13NoEnvFileWrites],
    ['GA-14', ga14SoundConditions],
    ['GA-16', ga16NoCaches],
    ['GA-18', ga18NamesAndShell],
    ['GA-19', ga19IdTokenOnlyInSign],
  ] as const)('%s', (_id, rule) => {
    expect(rule(goodText())).toEqual([]);
  });
});

describe('each rule can fail', () => {
  test('GA-1: tag-pinned uses (step and job level)', () => {
    const wf = bad((d) => {
      d.jobs.build.steps[0].uses = 'actions/checkout@v4';
      d.jobs.reuse = { uses: 'org/repo/.github/workflows/x.yml@main', permissions: {} };
    });
    expect(ga1PinnedUses(wf).map((f) => f.where)).toEqual(['jobs.reuse.uses', 'jobs.build.steps[0].uses']);
  });

  test('GA-1: docker and local references pass only when digest-pinned or local', () => {
    const wf = bad((d) => {
      d.jobs.build.steps.push({ uses: './local-action' }, { uses: 'docker://alpine:3' }, { uses: `docker://alpine@sha256:${'a'.repeat(64)}` });
    });
    expect(ga1PinnedUses(wf).map((f) => f.message)).toEqual(['"docker://alpine:3" is not pinned to a 40-hex commit SHA']);
  });

  test('GA-2: missing comment, unknown version, SHA that does not match the lock', () => {
    const raw = goodText().raw;
    expect(rulesOf(ga2PinComments(parseWorkflow(raw.replace(/ # v7\.0\.1$/m, '')), ACTION_PINS))).toEqual(['GA-2']);
    expect(ga2PinComments(parseWorkflow(raw.replace(/# v7\.0\.1$/m, '# v7.0.0')), ACTION_PINS)[0].message).toBe(
      'actions/checkout v7.0.0 is not in the lock table',
    );
    const otherSha = raw.replace(CHECKOUT.sha, 'b'.repeat(40));
    expect(ga2PinComments(parseWorkflow(otherSha), ACTION_PINS)[0].message).toMatch(/is 3d3c42e5.* in the lock table, not b{40}/);
  });

  test.each([
    ['write-all', 'write-all'],
    ['contents: write', { contents: 'write' }],
    ['missing', undefined],
  ])('GA-3: top-level %s', (_name, value) => {
    expect(rulesOf(ga3TopLevelPermissions(bad((d) => { d.permissions = value; })))).toEqual(['GA-3']);
  });

  test('GA-4: a scope outside the allow-list, no permissions, a job without allow-list', () => {
    expect(ga4JobPermissions(bad((d) => { d.jobs.build.permissions.packages = 'write'; }), ALLOW)[0].where).toBe(
      'jobs.build.permissions.packages',
    );
    expect(ga4JobPermissions(bad((d) => { delete d.jobs.build.permissions; }), ALLOW)[0].where).toBe('jobs.build.permissions');
    expect(ga4JobPermissions(bad((d) => { d.jobs.build.permissions = 'write-all'; }), ALLOW)).toHaveLength(1);
    expect(ga4JobPermissions(bad((d) => { d.jobs.extra = { ...d.jobs.build }; }), ALLOW)[0].where).toBe('jobs.extra');
  });

  test('GA-5: a write permission without a comment', () => {
    const wf = bad((d) => { d.jobs.build.permissions['id-token'] = 'write'; });
    expect(ga5DocumentedPermissions(wf)).toEqual([{ rule: 'GA-5', where: expect.stringMatching(/^line \d+$/), message: '"id-token: write" has no comment' }]);
    expect(ga5DocumentedPermissions(parseWorkflow(wf.raw.replace('id-token: write', 'id-token: write # sign')))).toEqual([]);
  });

  test('GA-6: an expression in run or in a github-script script', () => {
    const wf = bad((d) => {
      d.jobs.build.steps.push({ run: 'echo ${{ github.event.pull_request.title }}' });
      d.jobs.build.steps.push({ uses: 'actions/github-script@' + 'c'.repeat(40), with: { script: 'core.info("${{ github.head_ref }}")' } });
    });
    expect(ga6NoExpressionsInRun(wf).map((f) => f.where)).toEqual(['jobs.build.steps[3].run', 'jobs.build.steps[4].with.script']);
  });

  test.each([
    ['map', { pull_request_target: {}, push: {} }],
    ['list', ['push', 'workflow_run']],
    ['string', 'pull_request_target'],
  ])('GA-7: dangerous trigger in %s form', (_form, on) => {
    expect(rulesOf(ga7NoDangerousTriggers(bad((d) => { d.on = on; })))).toEqual(['GA-7']);
  });

  test('GA-8: checkout without persist-credentials: false', () => {
    expect(ga8CheckoutWithoutCredentials(bad((d) => { delete d.jobs.build.steps[0].with; }))[0].where).toBe('jobs.build.steps[0].with');
    expect(ga8CheckoutWithoutCredentials(bad((d) => { d.jobs.build.steps[0].with['persist-credentials'] = 'false'; }))).toHaveLength(1);
  });

  test('GA-9: missing, fractional or too long timeouts', () => {
    expect(ga9Timeouts(bad((d) => { delete d.jobs.build['timeout-minutes']; }))).toHaveLength(1);
    expect(ga9Timeouts(bad((d) => { d.jobs.build['timeout-minutes'] = 1.5; }))).toHaveLength(1);
    expect(ga9Timeouts(goodText(), 20)).toHaveLength(1);
  });

  test('GA-10: no concurrency, no group, cancelling publishes', () => {
    expect(ga10Concurrency(bad((d) => { delete d.concurrency; }))[0].where).toBe('concurrency');
    expect(ga10Concurrency(bad((d) => { delete d.concurrency.group; }))[0].where).toBe('concurrency.group');
    expect(ga10Concurrency(bad((d) => { d.concurrency['cancel-in-progress'] = true; }))[0].where).toBe('concurrency.cancel-in-progress');
    expect(ga10Concurrency(bad((d) => { delete d.concurrency['cancel-in-progress']; }))).toHaveLength(1);
    expect(ga10Concurrency(bad((d) => { d.concurrency['cancel-in-progress'] = '${{ github.event_name != \'pull_request\' }}'; }))).toHaveLength(1);
    expect(ga10Concurrency(bad((d) => { d.concurrency['cancel-in-progress'] = '${{ github.event_name == \'pull_request\' }}'; }))).toEqual([]);
  });

  test('GA-11: secrets: inherit and serialized secrets', () => {
    expect(ga11NoSecretSpreading(bad((d) => { d.jobs.reuse = { uses: './.github/workflows/x.yml', secrets: 'inherit', permissions: {} }; }))).toHaveLength(1);
    expect(ga11NoSecretSpreading(bad((d) => { d.jobs.build.steps[2].env.ALL = '${{ toJSON(secrets) }}'; }))).toHaveLength(1);
  });

  test('GA-12: insecure workflow commands', () => {
    expect(ga12NoInsecureCommands(bad((d) => { d.jobs.build.steps[2].run = 'echo "::set-output name=a::b"'; }))).toHaveLength(1);
    expect(ga12NoInsecureCommands(bad((d) => { d.env = { ACTIONS_ALLOW_UNSECURE_COMMANDS: 'true' }; }))).toHaveLength(1);
  });

  test('GA-13: writes to GITHUB_ENV', () => {
    expect(ga13NoEnvFileWrites(bad((d) => { d.jobs.build.steps[2].run = 'echo "A=${SHA}" >> "$GITHUB_ENV"'; }))).toHaveLength(1);
  });

  test.each([
    ['text around the expression', "${{ github.event_name == 'push' }} && true"],
    ['two expressions', "${{ github.ref }} == ${{ 'refs/heads/main' }}"],
    ['a block scalar', "${{ github.event_name == 'push' }}\n"],
  ])('GA-14: %s', (_name, condition) => {
    expect(rulesOf(ga14SoundConditions(bad((d) => { d.jobs.build.if = condition; })))).toEqual(['GA-14']);
  });

  test('GA-14: a bare condition and a whole-expression condition pass', () => {
    expect(ga14SoundConditions(bad((d) => { d.jobs.build.steps[2].if = "${{ github.event_name == 'push' }}"; }))).toEqual([]);
  });

  test('GA-16: caches in a publishing workflow', () => {
    expect(ga16NoCaches(bad((d) => { delete d.jobs.build.steps[1].with; }))[0].message).toBe('setup-buildx-action must set cache-binary: false');
    expect(ga16NoCaches(bad((d) => { d.jobs.build.steps.push({ uses: 'actions/cache@' + 'd'.repeat(40) }); }))).toHaveLength(1);
    expect(ga16NoCaches(bad((d) => { d.jobs.build.steps.push({ uses: 'docker/setup-qemu-action@' + 'e'.repeat(40) }); }))).toHaveLength(1);
    expect(ga16NoCaches(bad((d) => { d.jobs.build.steps[2].run = 'docker buildx bake --set "*.cache-from=type=gha"'; }))).toHaveLength(1);
  });

  test('GA-18: anonymous workflow and job, default shell', () => {
    expect(ga18NamesAndShell(bad((d) => { delete d.name; delete d.jobs.build.name; delete d.defaults; })).map((f) => f.where)).toEqual([
      'name',
      'jobs.build.name',
      'defaults.run.shell',
    ]);
  });

  test('GA-19: id-token: write outside the sign job, or for the whole workflow', () => {
    expect(ga19IdTokenOnlyInSign(bad((d) => { d.jobs.build.permissions['id-token'] = 'write'; })).map((f) => f.where)).toEqual(['jobs.build.permissions']);
    expect(ga19IdTokenOnlyInSign(bad((d) => { d.jobs.build.permissions = 'write-all'; }))).toHaveLength(1);
    expect(ga19IdTokenOnlyInSign(bad((d) => { d.permissions = { 'id-token': 'write' }; })).map((f) => f.where)).toEqual(['permissions']);
    // the sign job may have it
    expect(ga19IdTokenOnlyInSign(bad((d) => { d.jobs.sign = { ...d.jobs.build, permissions: { 'contents': 'read', 'id-token': 'write' } }; }))).toEqual([]);
  });
});
