/** Bad cache policies (pipeline, family, image) and size budgets. */
import { CacheMode, CachePolicy, CacheSource, Containers, ImageSource } from '../../../src';
import { BadInput, P, rows, untyped, VALID } from '../support';

const SCRATCH = ImageSource.scratch();
const R = `${P}/app/runtime`;

/** Family `app` (with `family` props) and image `runtime` (with `image` props). */
function pipeline(family: Record<string, unknown>, image: Record<string, unknown> = {}) {
  return (c: Containers) => c.addFamily('app', untyped(family)).addImage('runtime', untyped({ from: SCRATCH, ...image }));
}

const image = (props: Record<string, unknown>) => pipeline({}, props);

export const CACHE_CASES: BadInput[] = rows([
  // not a CachePolicy
  ['pipeline cache not a CachePolicy', { cache: untyped('registry') }, VALID, P, 'cache must be a CachePolicy'],
  ['family cache a plain object', {}, pipeline({ cache: { type: 'registry' } }), `${P}/app`, 'cache must be a CachePolicy'],
  ['image cache null', {}, image({ cache: null }), R, ['cache must be a CachePolicy', 'got null']],
  // registry ref
  ['registry ref empty', {}, image({ cache: CachePolicy.registry({ ref: '' }) }), R, 'cache ref: image reference is empty'],
  ['registry ref without a tag', {}, image({ cache: CachePolicy.registry({ ref: 'ghcr.io/acme/cache' }) }), R, 'needs a tag'],
  ['registry ref with a digest', {}, image({ cache: CachePolicy.registry({ ref: `ghcr.io/acme/cache:x@sha256:${'a'.repeat(64)}` }) }), R, 'must not hold a digest'],
  ['registry ref with a comma (CSV injection)', {}, image({ cache: CachePolicy.registry({ ref: 'ghcr.io/acme/c:x,mode=max' }) }), R, 'invalid image reference'],
  ['registry ref with a quote', {}, image({ cache: CachePolicy.registry({ ref: 'ghcr.io/acme/c:x"' }) }), R, 'invalid image reference'],
  ['registry ref with ${{', {}, image({ cache: CachePolicy.registry({ ref: 'ghcr.io/${{ github.actor }}:x' }) }), R, 'invalid image reference'],
  ['registry ref with a line break', {}, image({ cache: CachePolicy.registry({ ref: 'ghcr.io/acme/c:x\ny' }) }), R, 'invalid image reference'],
  ['registry ref starting with --', {}, image({ cache: CachePolicy.registry({ ref: '--push' }) }), R, 'invalid image reference'],
  ['registry ref uppercase', {}, image({ cache: CachePolicy.registry({ ref: 'ghcr.io/Acme/c:x' }) }), R, 'must be lowercase'],
  ['registry ref a number', {}, image({ cache: CachePolicy.registry(untyped({ ref: 5 })) }), R, 'cache ref must be a string, got number 5'],
  ['registry ref huge', {}, image({ cache: CachePolicy.registry({ ref: `ghcr.io/${'a'.repeat(300)}:x` }) }), R, 'longer than 255'],
  // mode
  ['mode not a CacheMode', {}, image({ cache: CachePolicy.registry(untyped({ mode: 'all' })) }), R, 'cache mode must be one of "min", "max", got "all"'],
  ['gha mode a number', {}, image({ cache: CachePolicy.gha(untyped({ mode: 1 })) }), R, 'cache mode must be one of'],
  // gha scope
  ['gha scope empty', {}, image({ cache: CachePolicy.gha({ scope: '' }) }), R, 'cache scope "" must be 1-80 letters'],
  ['gha scope with a comma', {}, image({ cache: CachePolicy.gha({ scope: 'a,mode=min' }) }), R, 'must be 1-80 letters'],
  ['gha scope with a space', {}, image({ cache: CachePolicy.gha({ scope: 'a b' }) }), R, 'must be 1-80 letters'],
  ['gha scope with ${{', {}, image({ cache: CachePolicy.gha({ scope: '${{ github.ref }}' }) }), R, 'must be 1-80 letters'],
  ['gha scope with CR/LF', {}, image({ cache: CachePolicy.gha({ scope: 'a\r\nb' }) }), R, 'must be 1-80 letters'],
  ['gha scope starting with -', {}, image({ cache: CachePolicy.gha({ scope: '--x' }) }), R, 'must be 1-80 letters'],
  ['gha scope too long', {}, image({ cache: CachePolicy.gha({ scope: 'a'.repeat(81) }) }), R, 'must be 1-80 letters'],
  // local dir
  ['local dir missing (untyped)', {}, image({ cache: CachePolicy.local(untyped({})) }), R, 'cache dir must be a string, got nothing'],
  ['local dir empty', {}, image({ cache: CachePolicy.local({ dir: '' }) }), R, 'cache dir "" must not be empty'],
  ['local dir absolute', {}, image({ cache: CachePolicy.local({ dir: '/var/cache' }) }), R, 'must be relative to the project root'],
  ['local dir with ..', {}, image({ cache: CachePolicy.local({ dir: '../cache' }) }), R, 'must stay inside the project'],
  ['local dir the project root', {}, image({ cache: CachePolicy.local({ dir: '.' }) }), R, 'must name a file, not the project root'],
  ['local dir with a comma', {}, image({ cache: CachePolicy.local({ dir: 'c,dest=/etc' }) }), R, 'may only hold letters'],
  ['local dir with a trailing backslash', {}, image({ cache: CachePolicy.local({ dir: 'cache\\' }) }), R, 'may only hold letters'],
  ['local dir starting with -', {}, image({ cache: CachePolicy.local({ dir: '-cache' }) }), R, 'no segment may start with "-"'],
  ['pipeline local dir with ..', { cache: CachePolicy.local({ dir: 'a/../../b' }) }, VALID, P, 'must stay inside the project'],
  ['family gha scope with a slash', {}, pipeline({ cache: CachePolicy.gha({ scope: 'a/b' }) }), `${P}/app`, 'must be 1-80 letters'],
  ['registry mode on a valid ref still checked', {}, image({ cache: CachePolicy.registry(untyped({ ref: 'ghcr.io/a/c:x', mode: CacheMode.MAX.toUpperCase() })) }), R, 'cache mode must be one of'],
  // registry ref tag length (the chain derives <tag>-branch-<branch>)
  ['registry ref tag over 20 characters', {}, image({ cache: CachePolicy.registry({ ref: `ghcr.io/acme/c:${'t'.repeat(21)}` }) }), R, 'must be at most 20 characters'],
  // readImages
  ['readImages not an array', {}, image({ cache: CachePolicy.registry(untyped({ readImages: CacheSource.imageTag('v2') })) }), R, 'readImages must be an array of CacheSource'],
  ['readImages holding a string', {}, image({ cache: CachePolicy.registry(untyped({ readImages: ['v2'] })) }), R, 'readImages[0] must be a CacheSource'],
  ['readImages holding null', {}, image({ cache: CachePolicy.registry(untyped({ readImages: [null] })) }), R, ['readImages[0] must be a CacheSource', 'got null']],
  ['readImages tag empty', {}, image({ cache: CachePolicy.registry({ readImages: [CacheSource.imageTag('')] }) }), R, 'tag "" must be 1-128 letters'],
  ['readImages tag with a comma (CSV injection)', {}, image({ cache: CachePolicy.registry({ readImages: [CacheSource.imageTag('v2,mode=max')] }) }), R, 'must be 1-128 letters'],
  ['readImages tag with ${{', {}, image({ cache: CachePolicy.registry({ readImages: [CacheSource.imageTag('${{ github.ref }}')] }) }), R, 'must be 1-128 letters'],
  ['readImages tag with CR/LF', {}, image({ cache: CachePolicy.registry({ readImages: [CacheSource.imageTag('v2\r\nx')] }) }), R, 'must be 1-128 letters'],
  ['readImages tag starting with -', {}, image({ cache: CachePolicy.registry({ readImages: [CacheSource.imageTag('--push')] }) }), R, 'must be 1-128 letters'],
  ['readImages tag with a quote', {}, image({ cache: CachePolicy.registry({ readImages: [CacheSource.imageTag("v2'")] }) }), R, 'must be 1-128 letters'],
  ['readImages tag huge', {}, image({ cache: CachePolicy.registry({ readImages: [CacheSource.imageTag('v'.repeat(129))] }) }), R, 'must be 1-128 letters'],
  ['readImages tag a number', {}, image({ cache: CachePolicy.registry({ readImages: [CacheSource.imageTag(untyped(2))] }) }), R, 'tag number 2 must be'],
  ['readImages repeated tag', {}, image({ cache: CachePolicy.registry({ readImages: [CacheSource.imageTag('v2'), CacheSource.imageTag('v2')] }) }), R, 'readImages[1] repeats tag v2'],
  ['readImages repeated pull-request image', {}, pipeline({ cache: CachePolicy.registry({ readImages: [CacheSource.pullRequestImage(), CacheSource.pullRequestImage()] }) }), `${P}/app`, 'repeats the pull-request image'],
  // size budgets
  ['maxSizeMb zero', {}, image({ maxSizeMb: 0 }), R, 'maxSizeMb must be a number above 0'],
  ['maxSizeMb negative', {}, image({ maxSizeMb: -5 }), R, 'maxSizeMb must be a number above 0'],
  ['maxSizeMb NaN', {}, image({ maxSizeMb: Number.NaN }), R, 'got NaN'],
  ['maxSizeMb infinite', {}, image({ maxSizeMb: Number.POSITIVE_INFINITY }), R, 'maxSizeMb must be a number above 0'],
  ['maxSizeMb huge', {}, image({ maxSizeMb: 1e12 }), R, 'at most 1000000'],
  ['maxSizeMb a string', {}, image({ maxSizeMb: '100' }), R, 'maxSizeMb must be a number above 0 and at most 1000000, got "100"'],
  ['maxSizeMb below one byte', {}, image({ maxSizeMb: 1e-7 }), R, 'maxSizeMb must be at least 0.000001'],
]);
