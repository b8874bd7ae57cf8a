/** Bad dispatch inputs mapped to build variables (`WorkflowDispatchInputOptions.variable`). */
import { Containers, ImageSource, TagRule, WorkflowDispatchInputOptions, WorkflowInputType } from '../../../src';
import { BadInput, P, rows, untyped } from '../support';

const W = `${P}/workflow.manual`;

/** Family `app` (image `runtime` FROM ubuntu, base variable APP_RUNTIME_BASE_IMAGE), family `other`, workflow `manual` of `app`. */
function manual(...inputs: WorkflowDispatchInputOptions[]): (c: Containers) => void {
  return (c) => {
    c.addFamily('app').addImage('runtime', { from: ImageSource.registry('ubuntu:24.04') });
    c.addFamily('other').addImage('x', { from: ImageSource.scratch(), tags: [TagRule.sha()] });
    c.addWorkflow('manual', { families: ['app'], dispatch: { inputs } });
  };
}

export const DISPATCH_CASES: BadInput[] = rows([
  ['dispatch variable unknown', {}, manual({ name: 'v', variable: 'NOPE' }), W, 'variable "NOPE" is not a variable this workflow\'s build reads'],
  ['dispatch variable of an image the workflow does not build', {}, manual({ name: 'v', variable: 'OTHER_X_TAG' }), W, 'variable "OTHER_X_TAG" is not a variable'],
  ['dispatch variable REGISTRY (not a build variable an input may set)', {}, manual({ name: 'v', variable: 'REGISTRY' }), W, 'variable "REGISTRY" is not a variable'],
  ['dispatch variable with make syntax', {}, manual({ name: 'v', variable: '$(id)' }), W, 'variable "$(id)" is not a variable'],
  ['dispatch variable with ${{', {}, manual({ name: 'v', variable: '${{ github.actor }}' }), W, 'is not a variable'],
  ['dispatch variable not a string', {}, manual({ name: 'v', variable: untyped(1) }), W, 'variable must be a string'],
  ['two inputs setting one variable', {}, manual({ name: 'a', variable: 'TAG' }, { name: 'b', variable: 'TAG' }), W, 'is also set by dispatch input "a"'],
  ['a boolean input for a tag', {}, manual({ name: 'v', type: WorkflowInputType.BOOLEAN, variable: 'APP_TAG' }), W, 'a boolean input cannot hold a tag'],
  ['an environment input for a base image', {}, manual({ name: 'v', type: WorkflowInputType.ENVIRONMENT, variable: 'APP_RUNTIME_BASE_IMAGE' }), W, 'an environment input cannot hold'],
  ['a number input for a base image', {}, manual({ name: 'v', type: WorkflowInputType.NUMBER, variable: 'APP_RUNTIME_BASE_IMAGE' }), W, 'a number input cannot hold an image reference'],
  ['a choice option that is not a tag', {}, manual({ name: 'v', type: WorkflowInputType.CHOICE, options: ['ok', 'not ok'], variable: 'APP_TAG' }), W, '"not ok" is not a valid tag'],
  ['a default tag starting with "-"', {}, manual({ name: 'v', default: '--push', variable: 'TAG' }), W, '"--push" is not a valid tag'],
  ['a default base image with a space', {}, manual({ name: 'v', default: 'ubuntu 24.04', variable: 'APP_RUNTIME_BASE_IMAGE' }), W, '"ubuntu 24.04" is not an image reference'],
]);
