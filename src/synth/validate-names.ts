import { imageMakeSettings, MakeSettings } from './make-settings';
import { Pins } from './pin-lock';
import { PipelineIndex } from './pipeline-index';
import type { PipelineSettings } from './settings';
import { StageSourceResolver } from './stage-sources';
import { claimPlatformTargets } from './validate-platforms';
import type { Diagnostics } from '../core/diagnostics';
import { topologicalOrder } from '../core/graph';
import { variablePrefix, VARIABLE_PATTERN } from '../core/names';
import { describe } from '../core/untyped';
import { sourceOf } from '../image/image-source';
import { EMPTY_LOCK } from '../pin/lockfile';
import {
  BAKE_DEFAULT_GROUP, familyTargets, globalTargets, imageTargets, signTargets, sizeCheckTargets,
  MAKE_TARGET_NAME, MAKE_TARGET_PREFIX, MAX_TARGET_NAME_LENGTH,
} from '../plan/target-names';
import { BUILD_FACT_VARIABLES, CACHE_TO_VARIABLE, SETTING_VARIABLES, SUPPLY_VARIABLES, tagsVariableOf, tagVariableOf } from '../plan/variables';
import { imageTagVariables } from '../tags/image-tag-rules';
import { ruleFactNames } from '../tags/tag-rules-make';

/** Names the Makefile reserves for itself or that mean something to make or the shell. */
const RESERVED_VARIABLES = [
  ...Object.values(SETTING_VARIABLES), CACHE_TO_VARIABLE, ...Object.values(BUILD_FACT_VARIABLES), ...Object.values(SUPPLY_VARIABLES),
  ...ruleFactNames(),
  'SHELL', 'MAKE', 'MAKEFLAGS', 'MFLAGS', 'MAKELEVEL', 'MAKEFILES', 'MAKECMDGOALS', 'MAKEFILE_LIST', 'CURDIR', 'VPATH',
  'SUFFIXES', 'GPATH', 'PATH', 'HOME', 'IFS', 'PWD', 'ENV', 'BASH_ENV', 'CDPATH',
];

/** The longest target prefix: leaves room for the verb and an id within {@link MAX_TARGET_NAME_LENGTH}-ish names. */
const MAX_PREFIX_LENGTH = 50;

/**
 * Checks that the names each construct gets in every output are unique there: Makefile targets (generated, aliases,
 * user targets), bake targets and groups, and Makefile/bake variables (tags, base images, image references, ports).
 * A collision names both constructs. Also checks that the default goal and every prerequisite of a user target name a
 * target of the Makefile, and that user targets do not depend on each other in a cycle.
 * @internal
 */
export function validateNames(d: Diagnostics, index: PipelineIndex, settings: PipelineSettings): void {
  const make = settings.make;
  /** One output's names: `claim(name, path, note)` reports a second owner, naming the first. */
  const namespace = (output: string) => {
    const owners = new Map<string, { path: string; note: string }>();
    const claim = (name: string, path: string, note = '') => {
      const other = owners.get(name);
      if (output !== 'make target' && output !== 'bake target or group' && !VARIABLE_PATTERN.test(name)) {
        d.error(path, `its ${output} "${name}"${note} is not a valid variable name (it must start with a letter or "_"); rename it`);
      }
      if (other === undefined) owners.set(name, { path, note });
      else if (other.path !== path || other.note !== note) d.error(path, `its ${output} "${name}"${note} is also the ${output} of ${other.path}${other.note}; rename one of them`);
    };
    return { claim, has: (name: string) => owners.has(name) };
  };
  const targets = namespace('make target');
  const target = targets.claim;
  const bake = namespace('bake target or group').claim;
  const variable = namespace('Makefile and bake variable').claim;
  const prefix = checkPrefix(d, settings.path, make.targetPrefix);
  for (const name of Object.values(globalTargets(prefix))) target(name, 'the Makefile itself');
  target(sizeCheckTargets(prefix).all, 'the Makefile itself');
  target(signTargets(prefix).all, 'the Makefile itself');
  bake(BAKE_DEFAULT_GROUP, 'the default bake group');
  for (const name of RESERVED_VARIABLES) variable(name, 'the Makefile itself');

  for (const family of index.families) {
    const path = family.node.path;
    for (const name of Object.values(familyTargets(family.node.id, prefix))) target(name, path);
    target(sizeCheckTargets(prefix).family(family.node.id), path);
    bake(family.node.id, path);
    variable(tagVariableOf(variablePrefix(family.node.id)), path);
    if (family._props.tags !== undefined) variable(tagsVariableOf(variablePrefix(family.node.id)), path);
  }
  // the lock maps equal references to equal pins, so collisions are the same with or without it
  const sources = new StageSourceResolver(index, settings, new Pins(EMPTY_LOCK));
  for (const image of index.images) {
    const path = image.node.path;
    const id = index.imageId(image);
    for (const name of Object.values(imageTargets(id, prefix))) target(name, path);
    target(sizeCheckTargets(prefix).image(id), path);
    target(signTargets(prefix).image(id), path);
    bake(id, path);
    const options = imageMakeSettings(image, id, d);
    for (const alias of options.aliases) {
      if (checkTargetName(d, path, `make.${alias.verb}Alias`, alias.name)) target(alias.name, path, ` (make.${alias.verb}Alias)`);
    }
    variable(options.imageVariable, path, ' (its full reference, make.imageVariable)');
    variable(options.portsVariable, path, ' (ports of its run target, make.portsVariable)');
    if (image._props.tags !== undefined) {
      const own = imageTagVariables(id);
      variable(own.tagVariable, path, ' (its main tag, from its own tags)');
      variable(own.tagsVariable, path, ' (its tags, from its own tags)');
    }
  }
  claimPlatformTargets(d, index, settings, prefix, target);
  for (const user of make.targets) {
    if (checkTargetName(d, settings.path, `${user.what}.name`, user.name)) target(user.name, settings.path, ` (${user.what})`);
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
  validateGlobalArgs(d, index, sources);
  validateGoals(d, settings.path, make, targets.has);
}

function checkPrefix(d: Diagnostics, path: string, prefix: string): string {
  if (!MAKE_TARGET_PREFIX.test(prefix) || prefix.length > MAX_PREFIX_LENGTH) {
    d.error(path, `make.targetPrefix ${describe(prefix)} must be at most ${MAX_PREFIX_LENGTH} letters, digits, ".", "_" or "-", starting with a letter or digit (e.g. "container-")`);
    return '';
  }
  return prefix;
}

/** Whether `name` is a target name users may choose; reports it at `path` when not. */
function checkTargetName(d: Diagnostics, path: string, what: string, name: string): boolean {
  if (MAKE_TARGET_NAME.test(name) && name.length <= MAX_TARGET_NAME_LENGTH) return true;
  d.error(path, `${what} ${describe(name)} is not a usable make target name: use at most ${MAX_TARGET_NAME_LENGTH} letters, digits, ".", "_" or "-", starting with a letter or digit`);
  return false;
}

/** The default goal and the prerequisites of user targets name targets of the Makefile; user targets form no cycle. */
function validateGoals(d: Diagnostics, path: string, make: MakeSettings, defined: (name: string) => boolean): void {
  if (!defined(make.defaultGoal)) {
    d.error(path, `make.defaultGoal ${describe(make.defaultGoal)} is not a target of the Makefile; name a generated target, an alias or one of make.targets`);
  }
  for (const user of make.targets) {
    for (const [i, prerequisite] of user.prerequisites.entries()) {
      if (prerequisite === user.name) d.error(path, `${user.what}.prerequisites[${i}] names the target itself`);
      else if (!defined(prerequisite)) d.error(path, `${user.what}.prerequisites[${i}] ${describe(prerequisite)} is not a target of the Makefile`);
    }
  }
  const users = new Map(make.targets.map((t) => [t.name, t]));
  const order = topologicalOrder([...users.keys()], (name) => users.get(name)?.prerequisites ?? []);
  if ('cycle' in order) d.error(path, `make.targets depend on each other in a cycle: ${order.cycle.join(' -> ')}`);
}

/**
 * A parent image's build argument (its image variable) may not be another global ARG of the same Dockerfile with a
 * different default (base-image ARGs among themselves are checked through their variables above).
 */
function validateGlobalArgs(d: Diagnostics, index: PipelineIndex, sources: StageSourceResolver): void {
  for (const file of index.dockerfiles()) {
    const owners = new Map<string, { path: string; value: string; parent: boolean }>();
    for (const stage of file.stages) {
      if (!sourceOf(stage.from)) continue;
      const resolved = sources.resolve(stage);
      const parentArg = resolved.parentImage?.buildArg;
      for (const arg of resolved.globalArgs) {
        const other = owners.get(arg.name);
        const parent = arg.name === parentArg;
        if (other === undefined) {
          owners.set(arg.name, { path: stage.node.path, value: arg.value, parent });
        } else if (other.value !== arg.value && (parent || other.parent)) {
          const mine = `its build argument ${arg.name} (default ${JSON.stringify(arg.value)})`;
          d.error(stage.node.path, `${mine} is also a build argument of ${other.path} in ${file.path} with the default ${JSON.stringify(other.value)}; rename one of them`);
        }
      }
    }
  }
}
