/** Bad families, tag policies and external families. */
import { Containers, FamilyTag, ImageRole, ImageSource } from '../../../src';
import { BadInput, P, rows, VALID } from '../support';

const SCRATCH = ImageSource.scratch();

/** A family `app` with one image and the tag policy `tag`. */
function tagged(tag: FamilyTag): (c: Containers) => void {
  return (c) => c.addFamily('app', { tag }).addImage('runtime', { from: SCRATCH });
}

/** An external flow-pipe family published at ghcr.io/hurdad with tag 0.1.0 (plus `props`). */
export function flowPipe(c: Containers, id = 'flow-pipe', props: Record<string, unknown> = {}) {
  return c.addExternalFamily(id, {
    registry: 'ghcr.io/hurdad',
    tag: '0.1.0',
    images: [
      { name: 'runtime', repository: 'flow-pipe-runtime', role: ImageRole.RUNTIME },
      { name: 'dev', repository: 'flow-pipe-dev', role: ImageRole.SDK },
    ],
    ...props,
  });
}

/** A pipeline with one valid family and the external family built by `external`. */
function withExternal(external: (c: Containers) => void): (c: Containers) => void {
  return (c) => {
    external(c);
    VALID(c);
  };
}

const F = `${P}/app`;
const EXT = `${P}/flow-pipe`;

export const FAMILY_CASES: BadInput[] = rows([
  // family ids and names in every output
  ['invalid family id (uppercase)', {}, (c) => c.addFamily('App').addImage('x', { from: SCRATCH }), `${P}/App`, 'family id "App" must be lowercase letters and digits'],
  ['family id with a trailing separator', {}, (c) => c.addFamily('app_').addImage('x', { from: SCRATCH }), `${P}/app_`, 'family id "app_" must be lowercase letters and digits'],
  ['family id with two separators in a row', {}, (c) => c.addFamily('a--b').addImage('x', { from: SCRATCH }), `${P}/a--b`, 'family id "a--b" must be lowercase letters and digits'],
  ['family id starting with a separator', {}, (c) => c.addFamily('-x').addImage('x', { from: SCRATCH }), `${P}/-x`, 'family id "-x" must be lowercase letters and digits'],
  ['family id default (reserved by bake)', {}, (c) => c.addFamily('default').addImage('x', { from: SCRATCH }), `${P}/default`, ['"default"', 'default bake group']],
  [
    'family a-b next to family a with image b (make target collision)',
    {},
    (c) => {
      c.addFamily('a').addImage('b', { from: SCRATCH });
      c.addFamily('a-b').addImage('c', { from: SCRATCH });
    },
    `${P}/a/b`,
    `"build-a-b" is also the make target of ${P}/a-b`,
  ],
  [
    'families a.b and a_b (variable A_B_TAG collides after sanitising)',
    {},
    (c) => {
      c.addFamily('a.b').addImage('c', { from: SCRATCH });
      c.addFamily('a_b').addImage('d', { from: SCRATCH });
    },
    `${P}/a_b`,
    `${P}/a.b`,
  ],
  [
    'two images with one image id',
    {},
    (c) => {
      c.addFamily('a').addImage('b-c', { from: SCRATCH, repository: 'one' });
      c.addFamily('a-b').addImage('c', { from: SCRATCH, repository: 'two' });
    },
    `${P}/a-b/c`,
    `image id "a-b-c" is also used by ${P}/a/b-c`,
  ],
  ['family without images', {}, (c) => c.addFamily('empty'), `${P}/empty`, 'family "empty" has no images; add one with addImage()'],
  // description (labels, CONTAINERS.md)
  ['family description with a line break', {}, (c) => c.addFamily('app', { description: 'line one\nline two' }).addImage('x', { from: SCRATCH }), F, 'description "line one\\nline two" contains a line break'],
  ['family description with a carriage return', {}, (c) => c.addFamily('app', { description: 'one\rtwo' }).addImage('x', { from: SCRATCH }), F, 'description "one\\rtwo" contains a line break'],
  ['${{ in a family description', {}, (c) => c.addFamily('app', { description: '${{ github.actor }}' }).addImage('x', { from: SCRATCH }), F, 'description "${{ github.actor }}" contains "${{"'],
  // paths
  ['Make metacharacters $(x) in a Dockerfile path', {}, (c) => c.addFamily('app', { dockerfile: '$(x)/Dockerfile' }).addImage('runtime', { from: SCRATCH }), F, 'dockerfile "$(x)/Dockerfile" may only hold'],
  ['absolute family Dockerfile path', {}, (c) => c.addFamily('app', { dockerfile: '/etc/Dockerfile' }).addImage('runtime', { from: SCRATCH }), F, 'dockerfile "/etc/Dockerfile" must be relative'],
  ['family Dockerfile path with ..', {}, (c) => c.addFamily('app', { dockerfile: '../Dockerfile' }).addImage('runtime', { from: SCRATCH }), F, 'dockerfile "../Dockerfile" must stay inside the project'],
  ['empty family Dockerfile path', {}, (c) => c.addFamily('app', { dockerfile: '' }).addImage('runtime', { from: SCRATCH }), F, 'dockerfile "" must not be empty'],
  ['.. in a context path', {}, (c) => c.addFamily('app', { context: '../x' }).addImage('runtime', { from: SCRATCH }), F, 'context "../x" must stay inside the project'],
  ['; in a context path', {}, (c) => c.addFamily('app', { context: 'a;rm -rf b' }).addImage('runtime', { from: SCRATCH }), F, 'context "a;rm -rf b" may only hold'],
  ['absolute context path', {}, (c) => c.addFamily('app', { context: '/' }).addImage('runtime', { from: SCRATCH }), F, 'context "/" must be relative to the project root'],
  ['empty context path', {}, (c) => c.addFamily('app', { context: '' }).addImage('runtime', { from: SCRATCH }), F, 'context "" must not be empty'],
  ['context leaving the project after normalisation', {}, (c) => c.addFamily('app', { context: 'src/../..' }).addImage('runtime', { from: SCRATCH }), F, 'context "src/../.." must stay inside the project'],
  [
    'two families sharing a Dockerfile',
    {},
    (c) => {
      c.addFamily('a', { dockerfile: 'Dockerfile' }).addImage('x', { from: SCRATCH });
      c.addFamily('b', { dockerfile: 'Dockerfile' }).addImage('y', { from: SCRATCH });
    },
    `${P}/b/y`,
    'Dockerfile "Dockerfile" is already used by family "a"; families cannot share a Dockerfile',
  ],
  ['family Dockerfile at the Makefile path', {}, (c) => c.addFamily('app', { dockerfile: 'Makefile' }).addImage('x', { from: SCRATCH }), P, 'would both be written to "Makefile"'],
  ['family Dockerfile at .gitignore', {}, (c) => c.addFamily('app', { dockerfile: '.gitignore' }).addImage('x', { from: SCRATCH }), P, 'would be written to ".gitignore", which another component of the project already generates'],
  // platforms
  ['invalid family platform', {}, (c) => c.addFamily('app', { platforms: ['Linux/AMD64'] }).addImage('x', { from: SCRATCH }), F, 'platform "Linux/AMD64" is not valid'],
  ['empty family platform', {}, (c) => c.addFamily('app', { platforms: [''] }).addImage('x', { from: SCRATCH }), F, 'platform "" is not valid'],
  ['family platform with a space', {}, (c) => c.addFamily('app', { platforms: ['linux/amd64 linux/arm64'] }).addImage('x', { from: SCRATCH }), F, 'platform "linux/amd64 linux/arm64" is not valid'],
  // FamilyTag
  ['tag template with an unknown placeholder (pipeline)', { tag: FamilyTag.templates(['{version}-{date}']) }, VALID, P, 'tag template "{version}-{date}" uses unknown placeholder {date}'],
  ['tag template with an unknown placeholder (family)', {}, tagged(FamilyTag.templates(['{Version}'])), F, 'tag template "{Version}" uses unknown placeholder {Version}'],
  ['tag template {branch}-{branch} longer than 128 in the worst case', {}, tagged(FamilyTag.templates(['{branch}-{branch}'])), F, 'tag template "{branch}-{branch}" can yield 201 characters'],
  ['tag template {version}-{branch} longer than 128 in the worst case', { tag: FamilyTag.templates(['{version}-{branch}']) }, VALID, P, 'tag template "{version}-{branch}" can yield 201 characters'],
  ['tag template with a long constant', {}, tagged(FamilyTag.templates(['{sha}-{os}'], { constants: { os: 'o'.repeat(125) } })), F, 'tag template "{sha}-{os}" can yield 133 characters'],
  ['tag policy without templates (pipeline)', { tag: FamilyTag.templates([]) }, VALID, P, 'tag policy has no templates'],
  ['tag policy without templates (family)', {}, tagged(FamilyTag.templates([])), F, 'tag policy has no templates'],
  ['tag constant shadowing {sha}', { tag: FamilyTag.templates(['{sha}'], { constants: { sha: 'x' } }) }, VALID, P, 'tag constant "sha" shadows the built-in placeholder {sha}'],
  ['tag constant shadowing {branch}', {}, tagged(FamilyTag.templates(['{branch}'], { constants: { branch: 'main' } })), F, 'tag constant "branch" shadows the built-in placeholder {branch}'],
  ['tag constant with a slash', {}, tagged(FamilyTag.templates(['{os}'], { constants: { os: 'ubuntu/24.04' } })), F, 'tag constant "os" = "ubuntu/24.04" may only contain letters, digits, "_", "." and "-"'],
  ['${{ in a tag constant', {}, tagged(FamilyTag.templates(['{version}-{os}'], { constants: { os: '${{ github.sha }}' } })), F, 'tag constant "os" = "${{ github.sha }}" may only contain'],
  ['empty tag constant', {}, tagged(FamilyTag.templates(['{version}-{os}'], { constants: { os: '' } })), F, 'tag constant "os" = ""'],
  ['empty tag template', {}, tagged(FamilyTag.templates([''])), F, 'tag template "" does not yield a valid tag'],
  ['tag template starting with -', {}, tagged(FamilyTag.templates(['-{sha}'])), F, 'tag template "-{sha}" does not yield a valid tag'],
  ['tag template with a slash', {}, tagged(FamilyTag.templates(['v/{sha}'])), F, 'tag template "v/{sha}" does not yield a valid tag'],
  ['tag template with ${{', {}, tagged(FamilyTag.templates(['${{ github.sha }}'])), F, 'tag template "${{ github.sha }}"'],
  ['tag template with an unclosed brace', {}, tagged(FamilyTag.templates(['{version'])), F, 'tag template "{version"'],
  ['invalid fallback tag', { tag: FamilyTag.templates(['{version}'], { fallback: '-dev' }) }, VALID, P, 'fallback tag "-dev" is not a valid tag'],
  ['empty fallback tag', {}, tagged(FamilyTag.templates(['{version}'], { fallback: '' })), F, 'fallback tag "" is not a valid tag'],
  ['fallback tag of 129 characters', {}, tagged(FamilyTag.templates(['{sha}'], { fallback: 'f'.repeat(129) })), F, `fallback tag "${'f'.repeat(129)}" is not a valid tag`],
  ['empty fixed tag', {}, tagged(FamilyTag.fixed('')), F, ['""', 'not', 'valid tag']],
  ['fixed tag with a slash', {}, tagged(FamilyTag.fixed('v1/2')), F, ['"v1/2"', 'valid tag']],
  ['fixed tag of 129 characters', {}, tagged(FamilyTag.fixed('t'.repeat(129))), F, `"${'t'.repeat(129)}"`],
  // external families
  ['invalid external family id', {}, withExternal((c) => flowPipe(c, 'Flow-Pipe')), `${P}/Flow-Pipe`, 'external family id "Flow-Pipe" must be lowercase letters and digits'],
  ['external family with an invalid tag', {}, withExternal((c) => flowPipe(c, 'flow-pipe', { tag: 'v1/2' })), EXT, 'tag "v1/2" is not a valid tag'],
  ['external family with an empty tag', {}, withExternal((c) => flowPipe(c, 'flow-pipe', { tag: '' })), EXT, 'tag "" is not a valid tag'],
  ['external family with ${{ in its tag', {}, withExternal((c) => flowPipe(c, 'flow-pipe', { tag: '${{ github.sha }}' })), EXT, 'tag "${{ github.sha }}" is not a valid tag'],
  ['external family with an invalid registry', {}, withExternal((c) => flowPipe(c, 'flow-pipe', { registry: 'ghcr.io/Hurdad' })), EXT, 'registry "ghcr.io/Hurdad" is not a valid registry host and namespace'],
  ['external family with an empty registry', {}, withExternal((c) => flowPipe(c, 'flow-pipe', { registry: '' })), EXT, 'registry "" is not a valid registry host and namespace'],
  ['external family without images', {}, withExternal((c) => flowPipe(c, 'flow-pipe', { images: [] })), EXT, 'images must be a non-empty array'],
  ['external image with an invalid repository', {}, withExternal((c) => flowPipe(c, 'flow-pipe', { images: [{ name: 'dev', repository: 'Flow/Dev' }] })), EXT, 'repository "Flow/Dev" of image "dev" is not a valid repository path'],
  ['external image with an empty repository', {}, withExternal((c) => flowPipe(c, 'flow-pipe', { images: [{ name: 'dev', repository: '' }] })), EXT, 'repository "" of image "dev" is not a valid repository path'],
  [
    'external family with two images of one name',
    {},
    withExternal((c) => flowPipe(c, 'flow-pipe', { images: [{ name: 'dev', repository: 'a' }, { name: 'dev', repository: 'b' }] })),
    EXT,
    'image name "dev" is listed twice',
  ],
  ['external image with an invalid name', {}, withExternal((c) => flowPipe(c, 'flow-pipe', { images: [{ name: 'Dev Image', repository: 'dev' }] })), EXT, 'image name "Dev Image" must be lowercase'],
  [
    'two external families with one repository and different tags',
    {},
    withExternal((c) => {
      flowPipe(c, 'fp-one');
      flowPipe(c, 'fp-two', { tag: '0.2.0' });
    }),
    `${P}/fp-two`,
    `mixes tags: ghcr.io/hurdad/flow-pipe-runtime is used with tags 0.1.0 and 0.2.0 by ${P}/fp-one, ${P}/fp-two`,
  ],
  [
    'a raw reference to the external family repository with another tag',
    {},
    (c) => {
      flowPipe(c);
      c.addFamily('app').addImage('x', { from: ImageSource.registry('ghcr.io/hurdad/flow-pipe-dev:0.2.0') });
    },
    `${P}/app/x`,
    'mixes tags of family "flow-pipe": "ghcr.io/hurdad/flow-pipe-dev:0.2.0" has tag "0.2.0" but the family uses "0.1.0"',
  ],
  [
    'a stage that RUNs on the external runtime image',
    {},
    (c) => {
      const fp = flowPipe(c);
      c.addFamily('app').addImage('plugin', { from: ImageSource.external(fp.image('runtime')) }).run(['make']);
    },
    `${P}/app/plugin`,
    'stage "plugin" builds against the runtime image flow-pipe/runtime; build in a stage FROM the SDK/dev image',
  ],
  [
    'an external family whose build-argument names collide with a family (flow-pipe vs flow_pipe)',
    {},
    (c) => {
      const fp = flowPipe(c);
      c.addFamily('app').addImage('plugin', { from: ImageSource.external(fp.image('dev')) });
      const other = flowPipe(c, 'flow_pipe', { registry: 'ghcr.io/other' });
      c.addFamily('app2').addImage('plugin', { from: ImageSource.external(other.image('dev')) });
    },
    `${P}/app2/plugin`,
    ['"FLOW_PIPE_REGISTRY"', `${P}/app/plugin`],
  ],
]);
