import { Pins } from './pin-lock';
import { PipelineIndex } from './pipeline-index';
import { StageSourceResolver } from './stage-sources';
import type { Diagnostics } from '../core/diagnostics';
import { variablePrefix, VARIABLE_PATTERN } from '../core/names';
import { describe } from '../core/untyped';
import { sourceOf } from '../image/image-source';
import { EMPTY_LOCK } from '../pin/lockfile';
import { BAKE_DEFAULT_GROUP, familyTargets, GLOBAL_TARGETS, imageTargets } from '../plan/target-names';
import { BUILD_FACT_VARIABLES, SETTING_VARIABLES, tagVariableOf } from '../plan/variables';

/** Names the Makefile reserves for itself or that mean something to make or the shell. */
const RESERVED_VARIABLES = [
  ...Object.values(SETTING_VARIABLES), ...Object.values(BUILD_FACT_VARIABLES),
  'SHELL', 'MAKE', 'MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEFILES', 'MAKECMDGOALS', 'MAKEFILE_LIST', 'CURDIR', 'VPATH',
  'SUFFIXES', 'GPATH', 'PATH', 'HOME', 'IFS', 'PWD', 'ENV', 'BASH_ENV', 'CDPATH',
];

/**
 * Checks that the names each construct gets in every output are unique there: Makefile targets, bake targets and
 * groups, and Makefile/bake variables. A collision names both constructs.
 * @internal
 */
export function validateNames(d: Diagnostics, index: PipelineIndex): void {
  /** One output's names: `claim(name, path, note)` reports a second owner at its path, naming the first. */
  const namespace = (output: string) => {
    const owners = new Map<string, { path: string; note: string }>();
    return (name: string, path: string, note = '') => {
      const other = owners.get(name);
      if (output !== 'make target' && output !== 'bake target or group' && !VARIABLE_PATTERN.test(name)) {
        d.error(path, `its ${output} "${name}" is not a valid variable name (it must start with a letter or "_"); rename it`);
      }
      if (other === undefined) owners.set(name, { path, note });
      else if (other.path !== path) d.error(path, `its ${output} "${name}"${note} is also the ${output} of ${other.path}${other.note}; rename one of them`);
    };
  };
  const target = namespace('make target');
  const bake = namespace('bake target or group');
  const variable = namespace('Makefile and bake variable');
  for (const name of Object.values(GLOBAL_TARGETS)) target(name, 'the Makefile itself');
  bake(BAKE_DEFAULT_GROUP, 'the default bake group');
  for (const name of RESERVED_VARIABLES) variable(name, 'the Makefile itself');

  for (const family of index.families) {
    const path = family.node.path;
    for (const name of Object.values(familyTargets(family.node.id))) target(name, path);
    bake(family.node.id, path);
    variable(tagVariableOf(variablePrefix(family.node.id)), path);
  }
  // the lock maps equal references to equal pins, so collisions are the same with or without it
  const sources = new StageSourceResolver(index, new Pins(EMPTY_LOCK));
  for (const image of index.images) {
    const path = image.node.path;
    const id = index.imageId(image);
    for (const name of Object.values(imageTargets(id))) target(name, path);
    bake(id, path);
  }
  const declared = new Map<string, string>();
  for (const stage of index.stages) {
    if (!sourceOf(stage.from)) continue;
    for (const arg of sources.resolve(stage).buildArgs) {
      // one external family's variables are shared by every stage that uses it; only distinct owners collide
      const key = `${arg.variable}=${arg.defaultValue}`;
      if (declared.has(key)) continue;
      declared.set(key, stage.node.path);
      variable(arg.variable, stage.node.path, ` (default ${typeof arg.defaultValue === 'string' ? JSON.stringify(arg.defaultValue) : describe(arg.defaultValue)})`);
    }
  }
}
