/** Option-reach rows of declared workflows (`Containers.addWorkflow`, the `workflows` prop) and their option structs. */
import { has, lacks, ReachRow, replaces } from './option-table';
import type { Parts, Variation } from './pipeline';
import { ImageSource, WorkflowDefinitionOptions, WorkflowInputType, WorkflowRegistry } from '../../src';

/** Family `web` with image `server` in `web.Dockerfile`, FROM the baseline's runtime. */
function web(p: Parts): void {
  p.containers.addFamily('web', { dockerfile: 'web.Dockerfile' }).addImage('server', { from: ImageSource.stage(p.runtime) });
}

/** The baseline plus workflow `ci` with `options`. */
function ci(options: WorkflowDefinitionOptions, props: Variation['props'] = {}): Variation {
  return { props, extra: (p) => p.containers.addWorkflow('ci', options) };
}

const PUSH: WorkflowDefinitionOptions = { push: {} };
const PR: WorkflowDefinitionOptions = { pullRequest: {} };
const INPUT: WorkflowDefinitionOptions = { dispatch: { inputs: [{ name: 'reason' }] } };
const HUB = { registry: 'docker.io/acme' };

/**
 * One row: `option`, the workflow `ci` of the baseline and of the variant, the effect on the workflow and, for options
 * the "What CI needs" table of CONTAINERS.md shows, on the docs.
 */
function row(
  option: string, base: WorkflowDefinitionOptions, variant: WorkflowDefinitionOptions, effect: ReachRow['effects']['workflow'],
  props: Variation['props'] = {}, docs?: ReachRow['effects']['docs'],
): ReachRow {
  return { option, base: ci(base, props), variant: ci(variant, props), effects: docs ? { workflow: effect, docs } : { workflow: effect } };
}

export const WORKFLOW_ROWS: ReachRow[] = [
  {
    option: 'ContainersProps.workflows',
    variant: { props: { workflows: [{ name: 'ci', push: {} }] } },
    effects: {
      workflow: replaces(['name: containers\n'], 'name: ci\n', '    paths:\n'),
      docs: replaces(['.github/workflows/containers.yml'], '.github/workflows/ci.yml'),
    },
  },
  {
    option: 'WorkflowDefinitionOptions.name',
    base: ci(PUSH),
    variant: ci({ ...PUSH, name: 'images' }),
    effects: { workflow: has('name: images\n', '.github/workflows/images.yml'), docs: has('.github/workflows/images.yml') },
  },
  row('WorkflowDefinitionOptions.families', PUSH, { ...PUSH, families: ['app'] }, replaces(['--push --metadata-file "$RUNNER_TEMP/bake-metadata.json" default'], '--push --metadata-file "$RUNNER_TEMP/bake-metadata.json" app-runtime')),
  row('WorkflowDefinitionOptions.images', PUSH, { ...PUSH, images: ['app-runtime'] }, replaces(['--push --metadata-file "$RUNNER_TEMP/bake-metadata.json" default'], '--push --metadata-file "$RUNNER_TEMP/bake-metadata.json" app-runtime')),
  row('WorkflowDefinitionOptions.push', { dispatch: {} }, { dispatch: {}, push: {} }, has('  push:\n    branches:\n      - main\n')),
  row('WorkflowDefinitionOptions.pullRequest', PUSH, { ...PUSH, pullRequest: {} }, has('  pull_request:\n', 'name: Build images'), {}, has('`ci.yml`: `tag`, `build`, `publish`')),
  row('WorkflowDefinitionOptions.dispatch', PUSH, { ...PUSH, dispatch: {} }, has('  workflow_dispatch: {}\n')),
  row('WorkflowDefinitionOptions.schedule', PUSH, { ...PUSH, schedule: ['0 4 * * 1'] }, has('    - cron: 0 4 * * 1\n')),
  row('WorkflowDefinitionOptions.pathsFromInputs', PUSH, { ...PUSH, pathsFromInputs: false }, lacks('    paths:\n', '      - src/**\n')),
  row('WorkflowDefinitionOptions.paths', PUSH, { ...PUSH, paths: ['extra/**'] }, has('      - extra/**\n')),
  row('WorkflowDefinitionOptions.pathsIgnore', PUSH, { ...PUSH, pathsIgnore: ['docs/**'] }, replaces(['    paths:\n'], '    paths-ignore:\n      - docs/**\n')),
  row('WorkflowDefinitionOptions.registry', PUSH, { ...PUSH, registry: WorkflowRegistry.literal('registry.example.com/team') },
    has('REGISTRY: registry.example.com/team', 'registry: registry.example.com\n', 'secrets.REGISTRY_USERNAME'), {},
    has('| `REGISTRY_USERNAME` | secret |', 'Read by: Log in to registry.example.com.')),
  {
    // a web image of its own Dockerfile on the runtime; the workflow selects only web: bake pulls runtime:<parentTag>
    option: 'WorkflowDefinitionOptions.parentTag',
    base: { extra: (p) => { web(p); p.containers.addWorkflow('ci', { ...PUSH, images: ['web-server'] }); } },
    variant: { extra: (p) => { web(p); p.containers.addWorkflow('ci', { ...PUSH, images: ['web-server'], parentTag: 'stable' }); } },
    effects: { workflow: replaces(['APP_RUNTIME_IMAGE_PUBLISHED: ghcr.io/acme/app-runtime:latest'], 'APP_RUNTIME_IMAGE_PUBLISHED: ghcr.io/acme/app-runtime:stable') },
  },
  row('WorkflowDefinitionOptions.usernameSecret', PUSH, { ...PUSH, usernameSecret: 'HUB_USER' }, has('secrets.HUB_USER'), HUB, has('| `HUB_USER` | secret |')),
  row('WorkflowDefinitionOptions.passwordSecret', PUSH, { ...PUSH, passwordSecret: 'HUB_TOKEN' }, has('secrets.HUB_TOKEN'), HUB, has('| `HUB_TOKEN` | secret |')),
  row('WorkflowDefinitionOptions.runsOn', PUSH, { ...PUSH, runsOn: 'ubuntu-22.04' }, replaces(['runs-on: ubuntu-24.04'], 'runs-on: ubuntu-22.04'), {},
    replaces(['| `ubuntu-24.04` | runner |'], '| `ubuntu-22.04` | runner |')),
  row('WorkflowDefinitionOptions.platformRunners', PUSH, { ...PUSH, platformRunners: { 'linux/arm64': 'ubuntu-22.04-arm' } },
    replaces(['    runs-on: ubuntu-24.04-arm\n'], '    runs-on: ubuntu-22.04-arm\n'), { platforms: ['linux/amd64', 'linux/arm64'] },
    replaces(['| `ubuntu-24.04-arm` | runner |'], '| `ubuntu-22.04-arm` | runner |')),
  row('WorkflowDefinitionOptions.timeoutMinutes', PUSH, { ...PUSH, timeoutMinutes: 30 }, has('timeout-minutes: 30\n')),
  row('WorkflowDefinitionOptions.pullRequestImages', PR, { ...PR, pullRequestImages: {} },
    replaces(['  build:\n'], 'name: Detect image changes', 'pr-images:', 'pr-build:', 'pr-comment:'), {}, has('`pr-build`', '| `pull-requests: write` |')),
  row('WorkflowPushOptions.branches', PUSH, { push: { branches: ['main', 'master'] } }, has('      - master\n')),
  row('WorkflowPushOptions.tags', PUSH, { push: { branches: ['main'], tags: ['v*'] } }, has('    tags:\n      - v*\n')),
  row('WorkflowPullRequestOptions.branches', PR, { pullRequest: { branches: ['develop'] } }, replaces(['      - main\n'], '      - develop\n')),
  row('WorkflowDispatchOptions.inputs', { dispatch: {} }, INPUT, has('    inputs:\n      reason:\n')),
  row('WorkflowDispatchInputOptions.name', INPUT, { dispatch: { inputs: [{ name: 'why' }] } }, has('      why:\n')),
  row('WorkflowDispatchInputOptions.description', INPUT, { dispatch: { inputs: [{ name: 'reason', description: 'Why it runs' }] } }, has('description: Why it runs\n')),
  row('WorkflowDispatchInputOptions.type', INPUT, { dispatch: { inputs: [{ name: 'reason', type: WorkflowInputType.BOOLEAN }] } }, has('type: boolean\n')),
  row('WorkflowDispatchInputOptions.required', INPUT, { dispatch: { inputs: [{ name: 'reason', required: true }] } }, has('required: true\n')),
  row('WorkflowDispatchInputOptions.default', INPUT, { dispatch: { inputs: [{ name: 'reason', default: 'manual' }] } }, has('default: manual\n')),
  row('WorkflowDispatchInputOptions.options',
    { dispatch: { inputs: [{ name: 'reason', type: WorkflowInputType.CHOICE, options: ['a'] }] } },
    { dispatch: { inputs: [{ name: 'reason', type: WorkflowInputType.CHOICE, options: ['a', 'b'] }] } }, has('          - b\n')),
  row('PullRequestImagesOptions.comment', { ...PR, pullRequestImages: {} }, { ...PR, pullRequestImages: { comment: false } }, lacks('pr-comment:', 'pull-requests: write'), {}, lacks('| `pull-requests: write` |')),
  row('PullRequestImagesOptions.deleteOnClose', { ...PR, pullRequestImages: {} }, { ...PR, pullRequestImages: { deleteOnClose: true } },
    has('pr-cleanup:', '      - closed\n', "owner='acme'"), {}, has('`pr-cleanup`')),
  row('PullRequestImagesOptions.stableTag', { ...PR, pullRequestImages: {} }, { ...PR, pullRequestImages: { stableTag: 'v2' } }, replaces(["tag='main'"], "tag='v2'")),
  row('WorkflowRegistry.literal', PUSH, { ...PUSH, registry: WorkflowRegistry.literal('ghcr.io/other') }, replaces(['REGISTRY: ghcr.io/acme'], 'REGISTRY: ghcr.io/other')),
  row('WorkflowRegistry.fromVariable', PUSH, { ...PUSH, registry: WorkflowRegistry.fromVariable('REGISTRY_URL') },
    has('REGISTRY_SOURCE: ${{ vars.REGISTRY_URL }}', 'REGISTRY: ${{ steps.registry.outputs.registry }}'), {},
    has('| `REGISTRY_URL` | variable |', 'Read by: Resolve the registry.')),
  row('WorkflowRegistry.fromSecret', PUSH, { ...PUSH, registry: WorkflowRegistry.fromSecret('DOCKER_REGISTRY_URL') },
    has('REGISTRY_SOURCE: ${{ secrets.DOCKER_REGISTRY_URL }}', 'registry: ${{ steps.registry.outputs.host }}'), {},
    has('| `DOCKER_REGISTRY_URL` | secret |')),
  row('WorkflowRegistry.githubContainerRegistry', PUSH, { ...PUSH, registry: WorkflowRegistry.githubContainerRegistry() },
    has('registry="ghcr.io/${GITHUB_REPOSITORY_OWNER,,}"')),
];
