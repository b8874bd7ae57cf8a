/** Bad tag rules (ImageFamilyProps.tags, tagFlavor, TagRule and TagCondition factories). */
import { Containers, FamilyTag, ImageSource, LatestTag, ShaFormat, TagCondition, TagFlavor, TagRule, TimestampSource } from '../../../src';
import { BadInput, P, rows, untyped } from '../support';

const SCRATCH = ImageSource.scratch();
const F = `${P}/app`;
const IMG = `${P}/app/runtime`;
const LONG = 'x'.repeat(29);

/** A family `app` with one image and the tag rules `tags` (and `tagFlavor`). */
function ruled(tags: unknown, tagFlavor?: TagFlavor): (c: Containers) => void {
  return (c) => c.addFamily('app', { tags: untyped(tags), tagFlavor }).addImage('runtime', { from: SCRATCH });
}

export const TAG_RULE_CASES: BadInput[] = rows([
  // the policy as a whole
  ['tags is empty (yields no tag)', {}, ruled([]), F, 'tags is empty: the policy would yield no tag'],
  ['tags is not an array', {}, ruled('latest'), F, 'tags must be an array of TagRule'],
  ['tags holds a string', {}, ruled(['latest']), F, 'tags[0] must be a TagRule'],
  ['tag and tags together', {}, (c) => c.addFamily('app', { tag: FamilyTag.fixed('x'), tags: [TagRule.sha()] }).addImage('r', { from: SCRATCH }), F, 'give either tag'],
  ['tagFlavor without tags', {}, (c) => c.addFamily('app', { tagFlavor: { fallback: 'x' } }).addImage('r', { from: SCRATCH }), F, 'tagFlavor only applies to tags'],
  ['empty fallback (yields no tag)', {}, ruled([TagRule.sha()], { fallback: '' }), F, 'tagFlavor.fallback "" is not a valid tag'],
  ['fallback starting with "-"', {}, ruled([TagRule.sha()], { fallback: '-dev' }), F, 'tagFlavor.fallback "-dev" is not a valid tag'],
  ['fallback of 129 characters', {}, ruled([TagRule.sha()], { fallback: 'x'.repeat(129) }), F, 'is not a valid tag'],
  ['latest not a LatestTag', {}, ruled([TagRule.sha()], { latest: untyped('yes') }), F, 'tagFlavor.latest must be a LatestTag'],
  ['prefixLatest not a boolean', {}, ruled([TagRule.sha()], { prefixLatest: untyped('true') }), F, 'tagFlavor.prefixLatest must be true or false'],
  ['suffixLatest not a boolean', {}, ruled([TagRule.sha()], { suffixLatest: untyped(1) }), F, 'tagFlavor.suffixLatest must be true or false'],
  ['flavor prefix with a space', {}, ruled([TagRule.sha()], { prefix: 'a b' }), F, 'tagFlavor.prefix "a b"'],
  ['flavor suffix with ${{', {}, ruled([TagRule.sha()], { suffix: '${{ github.ref }}' }), F, 'tagFlavor.suffix'],
  ['flavor prefix + branch over 128 characters (worst case)', {}, ruled([TagRule.branch()], { prefix: LONG }), F, 'can yield 129 characters'],
  ['flavor suffix on latest making it too long', {}, ruled([TagRule.sha()], { suffix: 'x'.repeat(123), suffixLatest: true }), F, 'the latest tag can yield 129 characters'],
  // raw, schedule, timestamp
  ['raw value empty (an empty tag)', {}, ruled([TagRule.raw('')]), F, 'raw value is empty'],
  ['raw value with CR/LF', {}, ruled([TagRule.raw('a\r\nb')]), F, 'holds characters a tag cannot have'],
  ['raw value with make syntax', {}, ruled([TagRule.raw('$(shell id)')]), F, 'holds characters a tag cannot have'],
  ['raw value with a trailing backslash', {}, ruled([TagRule.raw('a\\')]), F, 'holds characters a tag cannot have'],
  ['raw value starting with "--"', {}, ruled([TagRule.raw('--push')]), F, 'does not yield a valid tag'],
  ['raw value ".."', {}, ruled([TagRule.raw('..')]), F, 'does not yield a valid tag'],
  ['raw value with ${{', {}, ruled([TagRule.raw('${{ github.head_ref }}')]), F, 'is not a placeholder of the form {{name}}'],
  ['raw value of 129 characters', {}, ruled([TagRule.raw('x'.repeat(129))]), F, 'can yield 129 characters'],
  ['raw value not a string', {}, ruled([TagRule.raw(untyped(42))]), F, 'value must be a string'],
  ['raw value with an unknown placeholder', {}, ruled([TagRule.raw('{{ref_name}}')]), F, 'unknown placeholder "{{ref_name}}"'],
  ['raw value with a lone "{{"', {}, ruled([TagRule.raw('a{{b')]), F, 'is not a placeholder'],
  ['schedule pattern empty (an empty tag)', {}, ruled([TagRule.schedule('')]), F, 'schedule pattern is empty'],
  ['schedule pattern with a space', {}, ruled([TagRule.schedule('night ly')]), F, 'schedule pattern "night ly"'],
  ['date format with an unsupported token', {}, ruled([TagRule.raw("{{date 'dddd'}}")]), F, '"d" is not supported'],
  ['timestamp format empty', {}, ruled([TagRule.timestamp('')]), F, 'a date format must not be empty'],
  ['timestamp format with ":"', {}, ruled([TagRule.timestamp('HH:mm')]), F, '":" is not supported'],
  ['timestamp format not a string', {}, ruled([TagRule.timestamp(untyped(null))]), F, 'format must be a string'],
  ['timestamp source not a TimestampSource', {}, ruled([TagRule.timestamp('YYYY', { source: untyped('now') })]), F, 'source must be a TimestampSource'],
  // semver, sha, edge
  ['semver pattern with a global placeholder', {}, ruled([TagRule.semver('{{branch}}')]), F, 'unknown placeholder "{{branch}}"'],
  ['semver pattern with a slash', {}, ruled([TagRule.semver('v/{{version}}')]), F, 'holds characters a tag cannot have'],
  ['semver pattern not a string', {}, ruled([TagRule.semver(untyped(undefined))]), F, 'pattern must be a string'],
  ['semver pattern with a prefix over 128 characters', {}, ruled([TagRule.semver('{{version}}', { prefix: LONG })]), F, 'can yield 129 characters'],
  ['sha format not a ShaFormat', {}, ruled([TagRule.sha({ format: untyped('medium') })]), F, 'format must be a ShaFormat'],
  ['sha prefix "." (a tag cannot start with ".")', {}, ruled([TagRule.sha({ prefix: '.' })]), F, 'does not yield a valid tag'],
  ['edge branch with a space', {}, ruled([TagRule.edge({ branch: 'ma in' })]), F, 'branch "ma in" must be a branch name'],
  ['edge branch with "%"', {}, ruled([TagRule.edge({ branch: 'a%b' })]), F, 'must be a branch name'],
  // options shared by every rule
  ['priority not an integer', {}, ruled([TagRule.sha({ priority: 1.5 })]), F, 'priority must be an integer from 0 to 1000000'],
  ['priority negative', {}, ruled([TagRule.sha({ priority: -1 })]), F, 'priority must be an integer'],
  ['prefix not a string', {}, ruled([TagRule.branch({ prefix: untyped(1) })]), F, 'tags[0] prefix must be a string'],
  ['suffix with a newline', {}, ruled([TagRule.branch({ suffix: '\n' })]), F, 'tags[0] suffix'],
  ['options not an object', {}, ruled([TagRule.branch(untyped('x'))]), F, 'tags[0] options must be an object'],
  ['enable not a TagCondition', {}, ruled([TagRule.sha({ enable: untyped(true) })]), F, 'enable must be a TagCondition'],
  ['raw "" with an empty prefix yields an empty tag', {}, ruled([TagRule.raw('', { prefix: '' })]), F, 'yields an empty tag'],
  // conditions
  ['onEvent([]) can never be enabled', {}, ruled([TagRule.sha({ enable: TagCondition.onEvent([]) })]), F, 'onEvent([]) can never be enabled'],
  ['onEvent with an expression', {}, ruled([TagRule.sha({ enable: TagCondition.onEvent(['${{ github.event_name }}']) })]), F, 'must be a GitHub event name'],
  ['onEvent with a non-string', {}, ruled([TagRule.sha({ enable: TagCondition.onEvent(untyped([1])) })]), F, 'must be a GitHub event name'],
  ['onRef with two "*"', {}, ruled([TagRule.sha({ enable: TagCondition.onRef('refs/*/v*') })]), F, 'at most one "*"'],
  ['onRef empty', {}, ruled([TagRule.sha({ enable: TagCondition.onRef('') })]), F, 'ref pattern "" must be'],
  ['onRef with "%"', {}, ruled([TagRule.sha({ enable: TagCondition.onRef('refs/heads/%') })]), F, 'must be ref characters'],
  ['allOf([]) needs a condition', {}, ruled([TagRule.sha({ enable: TagCondition.allOf([]) })]), F, 'allOf([]) needs at least one condition'],
  ['anyOf with a non-condition', {}, ruled([TagRule.sha({ enable: TagCondition.anyOf(untyped(['x'])) })]), F, 'enable any[0] must be a TagCondition'],
  ['not of a non-condition', {}, ruled([TagRule.sha({ enable: TagCondition.not(untyped({})) })]), F, 'enable not must be a TagCondition'],
  // enums spelled otherwise
  ['latest spelled in uppercase is refused', {}, ruled([TagRule.sha()], { latest: untyped(LatestTag.AUTO.toUpperCase()) }), F, 'LatestTag'],
  ['ShaFormat and TimestampSource spelled in uppercase are refused', {}, ruled([TagRule.sha({ format: untyped(ShaFormat.LONG.toUpperCase()) }), TagRule.timestamp('YYYY', { source: untyped(TimestampSource.RUN.toUpperCase()) })]), F, 'ShaFormat'],
  // an image's own rules (ImageProps.tags): the same checks, reported at the image
  ['image tags empty', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, tags: [] }), IMG, 'tags is empty: the policy would yield no tag'],
  ['image tags holding a string', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, tags: untyped(['latest']) }), IMG, 'tags[0] must be a TagRule'],
  ['image tags with a raw value of make syntax', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, tags: [TagRule.raw('$(id)')] }), IMG, 'holds characters a tag cannot have'],
  ['image tagFlavor without tags', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, tagFlavor: { fallback: 'x' } }), IMG, 'tagFlavor only applies to tags'],
  ['image tagFlavor fallback over 128 characters', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, tags: [TagRule.sha()], tagFlavor: { fallback: 'x'.repeat(129) } }), IMG, 'is not a valid tag'],
  // its tag variables APP_RUNTIME_TAG(S) clash with another variable: both constructs are named
  [
    'image tags variable clashing with a family tag variable',
    {},
    (c) => {
      c.addFamily('app').addImage('runtime', { from: SCRATCH, tags: [TagRule.sha()] });
      c.addFamily('app.runtime').addImage('x', { from: SCRATCH });
    },
    IMG,
    `its Makefile and bake variable "APP_RUNTIME_TAG" (its main tag, from its own tags) is also the Makefile and bake variable of ${P}/app.runtime`,
  ],
  [
    'another image renaming its reference variable into an image tags variable',
    {},
    (c) => {
      const family = c.addFamily('app');
      family.addImage('runtime', { from: SCRATCH, tags: [TagRule.sha()] });
      family.addImage('worker', { from: SCRATCH, make: { imageVariable: 'APP_RUNTIME_TAGS' } });
    },
    `${P}/app/worker`,
    `its Makefile and bake variable "APP_RUNTIME_TAGS" (its full reference, make.imageVariable) is also the Makefile and bake variable of ${IMG} (its tags, from its own tags)`,
  ],
  // pull-request images hand on a stable tag known at synthesis: tag rules yield theirs only when they run
  [
    'pullRequestImages without stableTag for a family with tag rules',
    {},
    (c) => {
      c.addFamily('app', { tags: [TagRule.sha()] }).addImage('runtime', { from: SCRATCH });
      c.addWorkflow('ci', { pullRequest: {}, pullRequestImages: {} });
    },
    `${P}/workflow.ci`,
    'pullRequestImages: family "app" has tag rules, whose tag on a push is only known when it runs; set pullRequestImages.stableTag',
  ],
  [
    'pullRequestImages without stableTag for an image with its own tag rules',
    {},
    (c) => {
      c.addFamily('app').addImage('runtime', { from: SCRATCH, tags: [TagRule.sha()] });
      c.addWorkflow('ci', { pullRequest: {}, pullRequestImages: {} });
    },
    `${P}/workflow.ci`,
    'pullRequestImages: image "app-runtime" has tag rules',
  ],
]);
