/** Bad declared workflows (`Containers.addWorkflow`, the `workflows` prop): every finding under `<pipeline>/workflow.<id>`. */
import { Containers, FamilyTag, ImageSource, WorkflowDefinitionOptions, WorkflowInputType, WorkflowRegistry } from '../../../src';
import { BadInput, P, VALID } from '../support';

/** Path of the declared workflow `ci`. */
const W = `${P}/workflow.ci`;

/** The valid family `app/runtime` plus workflow `ci` with `options` (a push to main unless the options set triggers). */
function ci(options: WorkflowDefinitionOptions | Record<string, unknown>): (c: Containers) => void {
  return (c) => {
    VALID(c);
    c.addWorkflow('ci', { push: { branches: ['main'] }, ...options } as WorkflowDefinitionOptions);
  };
}

type Row = [name: string, options: WorkflowDefinitionOptions | Record<string, unknown>, message: string | string[]];

const ROWS: Row[] = [
  // triggers
  ['workflow without a trigger', { push: undefined }, 'the workflow has no trigger'],
  ['push with no branch or tag', { push: { branches: [] } }, 'push needs a branch or a tag pattern'],
  ['push branch with ${{', { push: { branches: ['${{ github.head_ref }}'] } }, 'push.branches pattern "${{ github.head_ref }}" contains "${{"'],
  ['push branch with a line break', { push: { branches: ['main\n  - evil'] } }, 'push.branches pattern "main\\n  - evil" contains a line break'],
  ['empty push tag', { push: { tags: [''] } }, 'push.tags pattern "" must be 1-255 characters'],
  ['push branch with a trailing space', { push: { branches: ['main '] } }, 'push.branches pattern "main " must be 1-255 characters without leading or trailing spaces'],
  ['push branch of 256 characters', { push: { branches: ['b'.repeat(256)] } }, 'must be 1-255 characters'],
  ['push branch with a space (a Make call)', { push: { branches: ['$(shell id) main'] } }, 'push.branches pattern "$(shell id) main" may only hold letters, digits'],
  ['push branch with a character class', { push: { branches: ['[x]'] } }, 'push.branches pattern "[x]" may only hold'],
  ['push tag with ..', { push: { tags: ['v1..2'] } }, 'push.tags pattern "v1..2" is not a git ref pattern'],
  ['push branch ending in .lock', { push: { branches: ['main.lock'] } }, 'is not a git ref pattern'],
  ['push branch with a control character', { push: { branches: ['ma\u0085in'] } }, 'contains a control character'],
  ['pull request without a base branch', { pullRequest: { branches: [] } }, 'pullRequest.branches must name at least one base branch pattern'],
  ['pull request branch with ${{', { pullRequest: { branches: ['${{ x }}'] } }, 'pullRequest.branches pattern "${{ x }}"'],
  // paths
  ['paths with ${{', { paths: ['${{ github.event.pull_request.title }}'] }, 'paths pattern "${{ github.event.pull_request.title }}"'],
  ['empty paths-ignore pattern', { pathsIgnore: [''] }, 'pathsIgnore pattern "" must be 1-255 characters'],
  ['paths-ignore with a line break', { pathsIgnore: ['docs/**\nx'] }, 'pathsIgnore pattern "docs/**\\nx" contains a line break'],
  ['paths with a character class', { paths: ['[x](http://e.x)'] }, 'paths pattern "[x](http://e.x)" must not hold "[", "]"'],
  ['paths with a backslash', { paths: ['src\\*'] }, 'must not hold "[", "]" or "\\"'],
  ['paths with a byte order mark', { paths: ['\ufeffsrc/**'] }, 'contains a control character'],
  ['paths and paths-ignore together', { paths: ['src/**'], pathsIgnore: ['docs/**'] }, 'pathsIgnore cannot be combined with paths or pathsFromInputs'],
  ['paths-ignore with derived paths', { pathsIgnore: ['docs/**'], pathsFromInputs: true }, 'pathsIgnore cannot be combined'],
  // schedule
  ['cron with 4 fields', { schedule: ['0 4 * *'] }, 'schedule "0 4 * *" must be 5 fields'],
  ['cron with minute 60', { schedule: ['60 4 * * *'] }, 'schedule "60 4 * * *" has a minute outside 0-59'],
  ['cron with hour 24', { schedule: ['0 24 * * *'] }, 'has a hour outside 0-23'],
  ['cron with day 0', { schedule: ['0 4 0 * *'] }, 'has a day of month outside 1-31'],
  ['cron with an unknown month name', { schedule: ['0 4 * FOO *'] }, 'has a month outside 1-12'],
  ['cron with a descending range', { schedule: ['0 4 * * 5-1'] }, 'has a descending day of week range "5-1"'],
  ['cron with step 0', { schedule: ['*/0 * * * *'] }, 'has a minute step outside 1-59'],
  ['cron with ${{', { schedule: ['${{ x }} * * * *'] }, 'schedule "${{ x }} * * * *" must be 5 fields'],
  ['cron with a line break', { schedule: ['0 4 * * *\n'] }, 'schedule "0 4 * * *\\n"'],
  ['cron with double spaces', { schedule: ['0  4 * * *'] }, 'must be 5 fields separated by single spaces'],
  // dispatch inputs
  ['dispatch input with a bad name', { dispatch: { inputs: [{ name: '1st' }] } }, 'dispatch input "1st": the name must be'],
  ['dispatch input named with ${{', { dispatch: { inputs: [{ name: '${{ x }}' }] } }, 'the name must be letters'],
  ['dispatch input declared twice', { dispatch: { inputs: [{ name: 'reason' }, { name: 'Reason' }] } }, 'dispatch input "Reason" is declared twice'],
  ['dispatch input of an unknown type', { dispatch: { inputs: [{ name: 'x', type: 'file' }] } }, 'type "file" must be one of string, boolean, choice, number, environment'],
  ['choice input without options', { dispatch: { inputs: [{ name: 'x', type: WorkflowInputType.CHOICE }] } }, 'a choice input needs options'],
  ['choice default not among options', { dispatch: { inputs: [{ name: 'x', type: WorkflowInputType.CHOICE, options: ['a'], default: 'b' }] } }, 'default "b" is not one of its options'],
  ['options on a string input', { dispatch: { inputs: [{ name: 'x', options: ['a'] }] } }, 'only a choice input takes options'],
  ['boolean input with default yes', { dispatch: { inputs: [{ name: 'x', type: WorkflowInputType.BOOLEAN, default: 'yes' }] } }, 'a boolean default must be "true" or "false"'],
  ['number input with default ten', { dispatch: { inputs: [{ name: 'x', type: WorkflowInputType.NUMBER, default: 'ten' }] } }, 'a number default must be a decimal number'],
  ['input description with ${{', { dispatch: { inputs: [{ name: 'x', description: '${{ secrets.A }}' }] } }, 'description "${{ secrets.A }}" contains "${{"'],
  ['choice option with a control character', { dispatch: { inputs: [{ name: 'x', type: WorkflowInputType.CHOICE, options: ['a\u0007'] }] } }, 'option "a\\u0007" contains a control character'],
  ['input default with a line break', { dispatch: { inputs: [{ name: 'x', default: 'a\nb' }] } }, 'default "a\\nb" contains a line break'],
  ['dispatch inputs not an array', { dispatch: { inputs: 'x' } }, 'dispatch.inputs must be an array of inputs'],
  // selection
  ['unknown family', { families: ['nope'] }, 'families: "nope" is not a family of the pipeline; known: app'],
  ['unknown image', { images: ['app-nope'] }, 'images: "app-nope" is not an image of the pipeline ("<family>-<image>"); known: app-runtime'],
  ['empty selection', { families: [], images: [] }, 'the workflow selects no image'],
  // registry and credentials
  ['literal registry with an uppercase namespace', { registry: WorkflowRegistry.literal('ghcr.io/Acme') }, 'registry "ghcr.io/Acme" is not a valid registry host and namespace'],
  ['literal registry with ${{', { registry: WorkflowRegistry.literal('${{ vars.R }}') }, 'registry "${{ vars.R }}" is not a valid registry'],
  ['registry variable with a dot', { registry: WorkflowRegistry.fromVariable('REGISTRY.URL') }, 'registry variable "REGISTRY.URL" must be a variable name'],
  ['registry secret with ${{', { registry: WorkflowRegistry.fromSecret('${{ secrets.X }}') }, 'registry secret "${{ secrets.X }}" must be a secret name'],
  ['registry secret GITHUB_TOKEN', { registry: WorkflowRegistry.fromSecret('GITHUB_TOKEN') }, 'registry secret "GITHUB_TOKEN" must be a secret name'],
  ['registry that is not a WorkflowRegistry', { registry: 'ghcr.io/acme' }, 'registry must be a WorkflowRegistry, got "ghcr.io/acme"'],
  ['usernameSecret with a space', { registry: WorkflowRegistry.literal('docker.io/acme'), usernameSecret: 'MY USER' }, 'usernameSecret "MY USER" must be a secret name'],
  ['passwordSecret GITHUB_TOKEN', { registry: WorkflowRegistry.fromVariable('R'), passwordSecret: 'GITHUB_TOKEN' }, 'passwordSecret "GITHUB_TOKEN" must be a secret name'],
  ['runner label of another OS', { runsOn: 'windows-latest' }, 'runsOn "windows-latest" must be a GitHub-hosted Linux runner label'],
  ['timeout of 0 minutes', { timeoutMinutes: 0 }, 'timeoutMinutes must be an integer from 1 to 360, got number 0'],
  // published parents
  ['parentTag empty', { parentTag: '' }, 'parentTag "" is not a valid tag'],
  ['parentTag starting with -', { parentTag: '--push' }, 'parentTag "--push" is not a valid tag'],
  ['parentTag with ${{', { parentTag: '${{ github.ref }}' }, 'parentTag "${{ github.ref }}" is not a valid tag'],
  ['parentTag with a line break', { parentTag: 'latest\nx' }, 'parentTag "latest\\nx" is not a valid tag'],
  ['parentTag with a colon', { parentTag: 'a:b' }, 'parentTag "a:b" is not a valid tag'],
  ['parentTag huge', { parentTag: 'v'.repeat(129) }, 'is not a valid tag'],
  ['parentTag a number', { parentTag: 5 }, 'parentTag must be a string'],
  // pull-request images
  ['pull-request images without the pull_request trigger', { pullRequestImages: {} }, 'pullRequestImages needs the pullRequest trigger'],
  ['invalid stable tag', { pullRequest: {}, pullRequestImages: { stableTag: '-v2' } }, 'pullRequestImages.stableTag "-v2" is not a valid tag'],
  ['stable tag with ${{', { pullRequest: {}, pullRequestImages: { stableTag: '${{ x }}' } }, 'pullRequestImages.stableTag "${{ x }}"'],
  ['deletion on close outside GHCR', { pullRequest: {}, registry: WorkflowRegistry.literal('docker.io/acme'), pullRequestImages: { stableTag: 'v2', deleteOnClose: true } }, 'pullRequestImages.deleteOnClose deletes through the GitHub Packages API and needs a GHCR registry'],
  // untyped callers
  ['push as a string', { push: 'main' }, 'push must be an object, got "main"'],
  ['schedule as a string', { schedule: '0 4 * * *' }, 'schedule must be an array of strings, got "0 4 * * *"'],
  ['families with a number', { families: [7] }, 'families[0] must be a string, got number 7'],
  ['pathsFromInputs as a string', { pathsFromInputs: 'yes' }, 'pathsFromInputs must be true or false, got "yes"'],
  ['literal registry as a number', { registry: WorkflowRegistry.literal(5 as never) }, 'registry (literal) must be a string, got number 5'],
  ['dispatch input as null', { dispatch: { inputs: [null] } }, 'dispatch.inputs[0] must be an object, got null'],
  ['deleteOnClose as a string', { pullRequest: {}, pullRequestImages: { stableTag: 'v2', deleteOnClose: 'true' } }, 'pullRequestImages.deleteOnClose must be true or false'],
  // names
  ['workflow name with a slash', { name: 'ci/x' }, 'workflow name "ci/x" must be 1-100 letters'],
  ['workflow name with ${{', { name: '${{ github.actor }}' }, 'workflow name "${{ github.actor }}"'],
];

export const WORKFLOW_CASES: BadInput[] = [
  ...ROWS.map(([name, options, message]): BadInput => ({ name: `workflow: ${name}`, build: ci(options), path: W, message })),
  {
    name: 'workflow: no stable tag from a {sha} policy',
    build: (c) => {
      c.addFamily('app', { tag: FamilyTag.templates(['{sha}']) }).addImage('runtime', { from: ImageSource.scratch() });
      c.addWorkflow('ci', { pullRequest: {}, pullRequestImages: {} });
    },
    path: W,
    message: 'the tag policy of family "app" yields no stable tag on a push to "main"',
  },
  {
    name: 'workflow: two workflows with one name',
    build: (c) => {
      VALID(c);
      c.addWorkflow('ci', { push: {} });
      c.addWorkflow('other', { name: 'ci', push: {} });
    },
    path: P,
    message: 'both name the file ".github/workflows/ci.yml"',
  },
  {
    name: 'workflow: a workflows entry without a name',
    props: { workflows: [{ push: {} }] },
    build: VALID,
    path: `${P}/workflow.workflows[0]`,
    message: 'workflows[0]: the workflow needs a name (its id), got none',
  },
  {
    name: 'workflow: workflows not an array',
    props: { workflows: 'ci' as never },
    build: VALID,
    path: P,
    message: 'workflows must be an array of workflow definitions',
  },
];
