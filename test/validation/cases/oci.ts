/** Bad OCI metadata: `licenses` (SPDX expression) on the pipeline, a family or an image. */
import { ImageSource } from '../../../src';
import { BadInput, P, rows, untyped, VALID } from '../support';

const SCRATCH = ImageSource.scratch();
const F = `${P}/app`;
const IMG = `${P}/app/runtime`;

export const OCI_CASES: BadInput[] = rows([
  ['licenses not a string', { licenses: untyped(['MIT']) }, VALID, P, 'licenses must be a string'],
  ['licenses empty', { licenses: '' }, VALID, P, 'licenses "" is empty'],
  ['licenses blank', { licenses: '   ' }, VALID, P, 'licenses "   " is empty'],
  ['licenses with a line break', { licenses: 'MIT\nLABEL x=y' }, VALID, P, 'holds a control character'],
  ['licenses with a tab', { licenses: 'MIT\tOR Apache-2.0' }, VALID, P, 'holds a control character'],
  ['licenses with NUL', { licenses: 'MIT\0' }, VALID, P, 'holds a control character'],
  ['licenses with ${{', { licenses: '${{ github.actor }}' }, VALID, P, 'holds "$"'],
  ['licenses with make syntax', { licenses: '$(shell id)' }, VALID, P, 'holds "$"'],
  ['licenses with a quote', { licenses: "MIT'" }, VALID, P, 'holds "\'"'],
  ['licenses with a trailing backslash', { licenses: 'MIT\\' }, VALID, P, 'holds "\\\\"'],
  ['licenses with a comma list', { licenses: 'MIT, Apache-2.0' }, VALID, P, 'holds ","'],
  ['licenses starting with --', { licenses: '--push' }, VALID, P, 'is not a license id'],
  ['licenses ".."', { licenses: '..' }, VALID, P, 'is not a license id'],
  ['licenses ending with an operator', { licenses: 'MIT OR' }, VALID, P, 'ends where a license is expected'],
  ['licenses with two ids in a row', { licenses: 'MIT Apache-2.0' }, VALID, P, 'unexpected "Apache-2.0"'],
  ['licenses with an unclosed parenthesis', { licenses: '(MIT OR Apache-2.0' }, VALID, P, 'a "(" is not closed'],
  ['licenses with a stray parenthesis', { licenses: 'MIT)' }, VALID, P, 'unexpected ")"'],
  ['licenses WITH without an exception', { licenses: 'GPL-2.0-only WITH' }, VALID, P, 'WITH is not followed by an exception id'],
  ['licenses mixing operator cases', { licenses: 'MIT AND Apache-2.0 or BSD-3-Clause' }, VALID, P, 'unexpected "or"'],
  ['licenses with LicenseRef-x+', { licenses: 'LicenseRef-x+' }, VALID, P, 'is not a license id'],
  ['licenses of 513 characters', { licenses: `MIT${' OR MIT'.repeat(73)}`.padEnd(513, 'x') }, VALID, P, 'is longer than 512 characters'],
  ['family licenses not an expression', {}, (c) => c.addFamily('app', { licenses: 'MIT OR OR' }).addImage('runtime', { from: SCRATCH }), F, '"OR" where a license is expected'],
  ['image licenses not an expression', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, licenses: 'AND' }), IMG, '"AND" where a license is expected'],
  ['image licenses not a string', {}, (c) => c.addFamily('app').addImage('runtime', { from: SCRATCH, licenses: untyped(1) }), IMG, 'licenses must be an SPDX license expression string'],
]);
