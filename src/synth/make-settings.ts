import { Diagnostics } from '../core/diagnostics';
import { variablePrefix } from '../core/names';
import { UntypedReader } from '../core/untyped';
import { Image } from '../image/image';
import type { PlannedAlias } from '../plan/build-plan';
import { FIXED_TARGETS, IMAGE_VERBS } from '../plan/target-names';
import { imageVariableOf, portsVariableOf } from '../plan/variables';

/** The pipeline's Makefile options, read once with defaults resolved (checked in validate-make.ts). @internal */
export interface MakeSettings {
  readonly targetPrefix: string;
  readonly defaultGoal: string;
  readonly targets: readonly UserTargetSettings[];
}

/** One user target as given, typed. @internal */
export interface UserTargetSettings {
  /** `make.targets[i]`, for messages. */
  readonly what: string;
  readonly name: string;
  readonly description?: string;
  readonly commands: readonly (readonly string[])[];
  readonly prerequisites: readonly string[];
  readonly image?: Image;
  readonly workdir: string;
}

/** One image's Makefile options with defaults resolved. @internal */
export interface ImageMakeSettings {
  readonly imageVariable: string;
  readonly portsVariable: string;
  readonly aliases: readonly PlannedAlias[];
}

/**
 * Reads `ContainersProps.make` (maybe untyped) and the targets added with `Containers.addMakeTarget()` (`added`,
 * reported as `addMakeTarget[i]`); wrong types are reported to `d` at `path`.
 * @internal
 */
export function readMakeSettings(raw: unknown, path: string, d: Diagnostics, added: readonly unknown[] = []): MakeSettings {
  const r = new UntypedReader(d, path);
  const s = stringOr(r);
  const p = r.optionalObject('make', raw);
  const targetsRaw = p.targets;
  let targets: UserTargetSettings[] = [];
  if (targetsRaw !== undefined && !Array.isArray(targetsRaw)) {
    d.error(path, 'make.targets must be an array of MakeTargetOptions objects, got ' + (targetsRaw === null ? 'null' : typeof targetsRaw));
  } else if (Array.isArray(targetsRaw)) {
    targets = targetsRaw.map((t, i) => readTarget(r, `make.targets[${i}]`, t, path, d));
  }
  targets.push(...added.map((t, i) => readTarget(r, `addMakeTarget[${i}]`, t, path, d)));
  return {
    targetPrefix: s('make.targetPrefix', p.targetPrefix, ''),
    defaultGoal: s('make.defaultGoal', p.defaultGoal, FIXED_TARGETS.help),
    targets,
  };
}

function readTarget(r: UntypedReader, what: string, raw: unknown, path: string, d: Diagnostics): UserTargetSettings {
  const t = r.optionalObject(what, raw ?? 'missing');
  const commandsRaw = t.commands;
  let commands: string[][] = [];
  if (commandsRaw !== undefined && !Array.isArray(commandsRaw)) {
    d.error(path, `${what}.commands must be an array of argument vectors (arrays of strings)`);
  } else if (Array.isArray(commandsRaw)) {
    commands = commandsRaw.map((c, j) => {
      if (!Array.isArray(c)) {
        d.error(path, `${what}.commands[${j}] must be an array of strings (one argument vector), e.g. ['make', 'generate']`);
        return [];
      }
      return r.strings(`${what}.commands[${j}]`, c) ?? [];
    });
  }
  return {
    what,
    name: r.string(`${what}.name`, t.name),
    description: r.optionalString(`${what}.description`, t.description),
    commands,
    prerequisites: r.strings(`${what}.prerequisites`, t.prerequisites) ?? [],
    image: r.optionalInstance(`${what}.image`, t.image, Image.isImage, 'an Image of this pipeline'),
    workdir: r.optionalString(`${what}.workdir`, t.workdir) ?? '/workspace',
  };
}

/**
 * Reads `ImageProps.make` of `image` (plan id `id`); wrong types go to `d` (a throwaway one when omitted: validation
 * has reported them already).
 * @internal
 */
export function imageMakeSettings(image: Image, id: string, d: Diagnostics = new Diagnostics()): ImageMakeSettings {
  const r = new UntypedReader(d, image.node.path);
  const s = stringOr(r);
  const p = r.optionalObject('make', image._props.make);
  const aliases: PlannedAlias[] = [];
  for (const verb of IMAGE_VERBS) {
    const value = p[`${verb}Alias`];
    if (value !== undefined && s(`make.${verb}Alias`, value, undefined) !== undefined) aliases.push({ verb, name: value as string });
  }
  const prefix = variablePrefix(id);
  return {
    imageVariable: s('make.imageVariable', p.imageVariable, imageVariableOf(prefix)),
    portsVariable: s('make.portsVariable', p.portsVariable, portsVariableOf(prefix)),
    aliases,
  };
}

/**
 * `read(what, value, fallback)`: the string `value`, else `fallback` (a wrong type is reported once; the fallback keeps
 * later checks from reporting the stand-in again).
 */
function stringOr(r: UntypedReader) {
  return <T extends string | undefined>(what: string, value: unknown, fallback: T): string | T => {
    if (typeof value === 'string') return value;
    if (value !== undefined) r.optionalString(what, value);
    return fallback;
  };
}
