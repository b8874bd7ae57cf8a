/** Bad Makefile-interface options: target prefix, default goal, user targets, image variables and aliases. */
import { Project } from 'projen';
import { Containers, ImageSource } from '../../../src';
import { BadInput, P, rows, untyped, VALID } from '../support';

const R = `${P}/app/runtime`;
const GEN = { name: 'gen', commands: [['make', 'generate']] };

export const MAKE_CASES: BadInput[] = [
  ...rows([
    // targetPrefix
    ['prefix with a space', { make: { targetPrefix: 'my ' } }, VALID, P, 'make.targetPrefix "my " must be at most 50 letters'],
    ['prefix with a colon', { make: { targetPrefix: 'a:' } }, VALID, P, 'make.targetPrefix "a:"'],
    ['prefix with a Make reference', { make: { targetPrefix: '$(X)-' } }, VALID, P, 'make.targetPrefix "$(X)-"'],
    ['prefix starting with -', { make: { targetPrefix: '-x' } }, VALID, P, 'make.targetPrefix "-x"'],
    ['prefix starting with .', { make: { targetPrefix: '.x' } }, VALID, P, 'make.targetPrefix ".x"'],
    ['prefix with a line break', { make: { targetPrefix: 'a\nb' } }, VALID, P, 'make.targetPrefix "a\\nb"'],
    ['prefix with a %', { make: { targetPrefix: '%-' } }, VALID, P, 'make.targetPrefix "%-"'],
    ['huge prefix', { make: { targetPrefix: 'x'.repeat(51) } }, VALID, P, 'must be at most 50'],
    ['untyped prefix', { make: { targetPrefix: untyped(3) } }, VALID, P, 'make.targetPrefix must be a string, got number 3'],
    // defaultGoal
    ['default goal that is not a target', { make: { defaultGoal: 'deploy' } }, VALID, P, 'make.defaultGoal "deploy" is not a target of the Makefile'],
    ['empty default goal', { make: { defaultGoal: '' } }, VALID, P, 'make.defaultGoal "" is not a target of the Makefile'],
    ['default goal with make syntax', { make: { defaultGoal: 'build $(X)' } }, VALID, P, 'make.defaultGoal "build $(X)" is not a target'],
    ['default goal unprefixed under a prefix', { make: { targetPrefix: 'c-', defaultGoal: 'build' } }, VALID, P, 'make.defaultGoal "build" is not a target'],
    // targets
    ['targets not an array', { make: { targets: untyped('gen') } }, VALID, P, 'make.targets must be an array'],
    ['target not an object', { make: { targets: untyped(['gen']) } }, VALID, P, 'make.targets[0] must be an object'],
    ['target without a name', { make: { targets: untyped([{ commands: [['true']] }]) } }, VALID, P, 'make.targets[0].name must be a string'],
    ['target name with a space', { make: { targets: [{ ...GEN, name: 'my gen' }] } }, VALID, P, 'make.targets[0].name "my gen" is not a usable make target name'],
    ['target name with a colon', { make: { targets: [{ ...GEN, name: 'a:b' }] } }, VALID, P, 'make.targets[0].name "a:b"'],
    ['target name with $', { make: { targets: [{ ...GEN, name: '$(shell id)' }] } }, VALID, P, 'make.targets[0].name "$(shell id)"'],
    ['target name starting with -', { make: { targets: [{ ...GEN, name: '--always-make' }] } }, VALID, P, 'make.targets[0].name "--always-make"'],
    ['target name .PHONY', { make: { targets: [{ ...GEN, name: '.PHONY' }] } }, VALID, P, 'make.targets[0].name ".PHONY"'],
    ['target name with a line break', { make: { targets: [{ ...GEN, name: 'gen\nx' }] } }, VALID, P, 'make.targets[0].name "gen\\nx"'],
    ['empty target name', { make: { targets: [{ ...GEN, name: '' }] } }, VALID, P, 'make.targets[0].name ""'],
    ['target named like a generated one', { make: { targets: [{ ...GEN, name: 'build-app-runtime' }] } }, VALID, P,
      [`its make target "build-app-runtime" (make.targets[0]) is also the make target of ${R}`]],
    ['target named help', { make: { targets: [{ ...GEN, name: 'help' }] } }, VALID, P, 'its make target "help" (make.targets[0]) is also the make target of the Makefile itself'],
    ['two targets with one name', { make: { targets: [GEN, GEN] } }, VALID, P, 'its make target "gen" (make.targets[1]) is also the make target of'],
    ['target doing nothing', { make: { targets: [{ name: 'gen' }] } }, VALID, P, 'make.targets[0] has no commands and no prerequisites'],
    ['empty command', { make: { targets: [{ name: 'gen', commands: [[]] }] } }, VALID, P, 'make.targets[0].commands[0] is empty'],
    ['command not an array', { make: { targets: untyped([{ name: 'gen', commands: ['make generate'] }]) } }, VALID, P, 'make.targets[0].commands[0] must be an array of strings'],
    ['commands not an array', { make: { targets: untyped([{ name: 'gen', commands: 'make' }]) } }, VALID, P, 'make.targets[0].commands must be an array'],
    ['command word not a string', { make: { targets: untyped([{ name: 'gen', commands: [['make', 1]] }]) } }, VALID, P, 'make.targets[0].commands[0][1] must be a string'],
    ['command word with a line break', { make: { targets: [{ name: 'gen', commands: [['echo', 'a\nrm -rf /']] }] } }, VALID, P, 'make.targets[0].commands[0][1] "a\\nrm -rf /" contains a line break'],
    ['command word with CR', { make: { targets: [{ name: 'gen', commands: [['echo', 'a\r']] }] } }, VALID, P, 'contains a line break or NUL'],
    ['command word with NUL', { make: { targets: [{ name: 'gen', commands: [['echo', 'a\0']] }] } }, VALID, P, 'contains a line break or NUL'],
    ['huge command word', { make: { targets: [{ name: 'gen', commands: [['echo', 'x'.repeat(5000)]] }] } }, VALID, P, 'is 5000 characters long'],
    ['prerequisite that is not a target', { make: { targets: [{ ...GEN, prerequisites: ['deploy'] }] } }, VALID, P, 'make.targets[0].prerequisites[0] "deploy" is not a target of the Makefile'],
    ['prerequisite on itself', { make: { targets: [{ ...GEN, prerequisites: ['gen'] }] } }, VALID, P, 'make.targets[0].prerequisites[0] names the target itself'],
    ['prerequisites in a cycle', { make: { targets: [{ name: 'a', prerequisites: ['b'] }, { name: 'b', prerequisites: ['a'] }] } }, VALID, P,
      'make.targets depend on each other in a cycle'],
    ['prerequisite with make syntax', { make: { targets: [{ ...GEN, prerequisites: ['$(shell id)'] }] } }, VALID, P, 'is not a target of the Makefile'],
    ['description with a line break', { make: { targets: [{ ...GEN, description: 'a\nb' }] } }, VALID, P, 'make.targets[0].description contains a line break'],
    ['description with ${{', { make: { targets: [{ ...GEN, description: '${{ secrets.X }}' }] } }, VALID, P, 'make.targets[0].description contains "${{"'],
    ['description with a tab', { make: { targets: [{ ...GEN, description: 'a\tb' }] } }, VALID, P, 'make.targets[0].description contains a control character'],
    ['blank description', { make: { targets: [{ ...GEN, description: ' ' }] } }, VALID, P, 'make.targets[0].description must not be blank'],
    ['relative workdir', { make: { targets: [{ ...GEN, workdir: 'src' }] } }, VALID, P, 'make.targets[0].workdir "src" must be an absolute path'],
    ['workdir with ..', { make: { targets: [{ ...GEN, workdir: '/a/../etc' }] } }, VALID, P, 'make.targets[0].workdir "/a/../etc"'],
    ['workdir with a colon', { make: { targets: [{ ...GEN, workdir: '/a:ro' }] } }, VALID, P, 'make.targets[0].workdir "/a:ro"'],
    ['workdir with a space', { make: { targets: [{ ...GEN, workdir: '/a b' }] } }, VALID, P, 'make.targets[0].workdir "/a b"'],
    ['image that is not an Image', { make: { targets: untyped([{ ...GEN, image: 'ci' }]) } }, VALID, P, 'make.targets[0].image must be an Image of this pipeline'],
  ]),
  {
    name: 'target image of another pipeline',
    build: (c) => {
      VALID(c);
      const other = new Containers(new Project({ name: 'other' }), { registry: 'ghcr.io/acme' });
      c.addMakeTarget({ ...GEN, image: other.addFamily('x').addImage('y', { from: ImageSource.scratch() }) });
    },
    path: P,
    message: 'addMakeTarget[0].image is',
  },
  ...imageCases(),
];

/** Cases of `ImageProps.make`, each on image `app/runtime`. */
function imageCases(): BadInput[] {
  const on = (make: unknown) => (c: any) => c.addFamily('app').addImage('runtime', { from: ImageSource.scratch(), make });
  return rows([
    ['image variable with a dash', {}, on({ imageVariable: 'CI-IMAGE' }), R, 'its Makefile and bake variable "CI-IMAGE" (its full reference, make.imageVariable) is not a valid variable name'],
    ['image variable with $', {}, on({ imageVariable: 'A$(X)' }), R, 'variable "A$(X)"'],
    ['empty image variable', {}, on({ imageVariable: '' }), R, 'variable ""'],
    ['image variable REGISTRY', {}, on({ imageVariable: 'REGISTRY' }), R, 'its Makefile and bake variable "REGISTRY" (its full reference, make.imageVariable) is also the Makefile and bake variable of the Makefile itself'],
    ['image variable PATH', {}, on({ imageVariable: 'PATH' }), R, 'variable "PATH"'],
    ['image variable RUN_ARGS', {}, on({ imageVariable: 'RUN_ARGS' }), R, 'variable "RUN_ARGS"'],
    ['image variable = the family tag', {}, on({ imageVariable: 'APP_TAG' }), R, 'variable "APP_TAG" (its full reference, make.imageVariable) is also the Makefile and bake variable of'],
    ['image and ports variable the same', {}, on({ imageVariable: 'X', portsVariable: 'X' }), R, 'variable "X" (ports of its run target, make.portsVariable) is also the Makefile and bake variable of'],
    ['untyped image variable', {}, on({ imageVariable: 7 }), R, 'make.imageVariable must be a string, got number 7'],
    ['ports variable with a space', {}, on({ portsVariable: 'A B' }), R, 'variable "A B"'],
    ['make not an object', {}, on('x'), R, 'make must be an object'],
    ['alias with a space', {}, on({ buildAlias: 'docker build' }), R, 'make.buildAlias "docker build" is not a usable make target name'],
    ['alias with a colon', {}, on({ buildAlias: 'a:b' }), R, 'make.buildAlias "a:b"'],
    ['alias with $', {}, on({ buildAlias: '$(X)' }), R, 'make.buildAlias "$(X)"'],
    ['alias with a line break', {}, on({ buildAlias: 'a\nb' }), R, 'make.buildAlias "a\\nb"'],
    ['alias starting with -', {}, on({ runAlias: '-n' }), R, 'make.runAlias "-n"'],
    ['empty alias', {}, on({ pullAlias: '' }), R, 'make.pullAlias ""'],
    ['untyped alias', {}, on({ buildAlias: true }), R, 'make.buildAlias must be a string, got boolean true'],
    ['alias = a generated target', {}, on({ buildAlias: 'push' }), R, 'its make target "push" (make.buildAlias) is also the make target of the Makefile itself'],
    ['alias = print-tags (called by CI)', {}, on({ buildAlias: 'print-tags' }), R, 'its make target "print-tags" (make.buildAlias) is also the make target of the Makefile itself'],
    ['two aliases with one name', {}, on({ buildAlias: 'dev', runAlias: 'dev' }), R, 'its make target "dev" (make.runAlias) is also the make target of'],
  ]);
}
