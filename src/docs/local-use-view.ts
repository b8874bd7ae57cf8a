import { code, commented, fenceFor } from './markdown-text';
import { plannedPlatforms } from '../make/platforms';
import { shellWord } from '../make/shell-quote';
import type { BuildPlan, PlannedImage } from '../plan/build-plan';
import { publishedPorts } from '../plan/published-ports';
import { familyTargets, globalTargets, imageTargets } from '../plan/target-names';
import { SETTING_VARIABLES } from '../plan/variables';
import { GHCR_HOST } from '../workflow/workflow-settings';

/** Tag of the run and push examples: `TAG` overrides every family's and image's tag, so the reference is known. */
const LOCAL_TAG = 'my-test';

/** The run, push and clean sections of CONTAINERS.md: what a user does with the images after building them. @internal */
export interface LocalUseView {
  /** Shell lines with aligned comments: `make run-<image>` per image. */
  readonly runTargets: readonly string[];
  /** Shell lines: build an image under a known tag, then `docker run --rm -p …` it (every image with ports, else the first). */
  readonly dockerRun: readonly string[];
  /** `` `RUN_ARGS` `` */
  readonly runArgsVariable: string;
  /** `` `SERVICES_ECHO_PORTS` ``: the ports variable of the first image with ports, if any. */
  readonly portsVariable?: string;
  /** The login host of the registry, e.g. `` `ghcr.io` ``. */
  readonly loginHost: string;
  /** How to log in to GHCR (a token with `write:packages`), as one line of prose after the host; `''` for other registries. */
  readonly loginNote: string;
  /** Shell lines with aligned comments: log in, push everything, a family, an image, another registry. */
  readonly pushCommands: readonly string[];
  /** Per family: which references a push writes. */
  readonly pushedTags: readonly string[];
  /** Whether some image builds for more than one platform (pushes a multi-platform index). */
  readonly multiPlatform: boolean;
  /** `` `make push BUILDER=multi` ``: a push on a `docker-container` builder named `multi`. */
  readonly builderPush: string;
  /** Shell lines with aligned comments: `make clean`, per family, per image. */
  readonly cleanCommands: readonly string[];
  /** `docker image ls` of every repository of the pipeline (older tags `make clean` does not remove). */
  readonly listCommand: string;
  /** The fence of the command blocks (longer than any backtick run in them). */
  readonly fence: string;
}

/** How the docs call make: `make`, or `make -f <makefile>`. @internal */
export function makeCommand(plan: BuildPlan): string {
  const makefile = plan.outputs.makefile;
  return makefile === 'Makefile' ? 'make' : `make -f ${shellWord(makefile)}`;
}

/**
 * The run, push and clean instructions of a plan: every command names the planned targets and variables, the run
 * commands publish each image's EXPOSEd ports (the Makefile's `<IMAGE ID>_PORTS` default), user strings are
 * shell-quoted.
 * @internal
 */
export function localUseView(plan: BuildPlan): LocalUseView {
  const make = makeCommand(plan);
  const prefix = plan.make.targetPrefix;
  const global = globalTargets(prefix);
  const registryHost = plan.registry.split('/')[0];
  const runTargets = commented(plan.images.map((image): [string, string] => {
    const ports = publishedPorts(image);
    return [`${make} ${imageTargets(image.id, prefix).run}`, `builds ${image.id} (and its parents), then runs it${ports.length > 0 ? `, publishing ${ports.join(' ')}` : ''}`];
  }));
  // the images that serve ports (else the first image): the others run the same way
  const served = plan.images.filter((image) => image.ports.length > 0);
  const dockerRun = (served.length > 0 ? served : plan.images.slice(0, 1)).flatMap((image) => [
    `${make} ${imageTargets(image.id, prefix).build} ${SETTING_VARIABLES.tag}=${LOCAL_TAG}`,
    ['docker run --rm', ...publishedPorts(image).map((port) => `-p ${shellWord(port)}`), shellWord(localReference(plan, image))].join(' '),
  ]);
  const withPorts = plan.images.find((image) => image.ports.length > 0);
  const firstFamily = plan.families[0];
  const firstImage = plan.images[0];
  const pushCommands = commented([
    [`docker login ${shellWord(registryHost)}`, 'once per machine'],
    [`${make} ${global.push}`, 'build and push every image, parents first'],
    ...(firstFamily === undefined ? [] : [[`${make} ${familyTargets(firstFamily.id, prefix).push}`, `the images of family ${firstFamily.id}`] as [string, string]]),
    ...(firstImage === undefined ? [] : [[`${make} ${imageTargets(firstImage.id, prefix).push}`, `${firstImage.id} (its parents are built, not pushed)`] as [string, string]]),
    [`${make} ${global.push} ${SETTING_VARIABLES.registry}=localhost:5000/me ${SETTING_VARIABLES.tag}=${LOCAL_TAG}`, 'another registry, one tag for every image'],
  ]);
  const pushedTags = plan.families.map((family) => {
    const members = plan.images.filter((image) => image.family === family.id);
    const own = members.filter((image) => image.tagsVariable !== undefined && image.tagRules !== undefined);
    const familyTag = family.tagsVariable !== undefined
      ? `every tag in ${code(family.tagsVariable)} (its tag rules)`
      : `the tag in ${code(family.tagVariable)}`;
    const images = members.map((image) => code(`${plan.registry}/${image.repository}`)).join(', ');
    const ownTags = own.map((image) => `; ${code(image.id)} every tag in ${code(image.tagsVariable!)}`).join('');
    return `family ${code(family.id)}: ${images} under ${familyTag}${ownTags}`;
  });
  const cleanCommands = commented([
    [`${make} ${global.clean}`, 'remove every image of this pipeline from the local image store, under its current tag'],
    ...plan.families.map((family): [string, string] => [`${make} ${familyTargets(family.id, prefix).clean}`, `the images of family ${family.id}`]),
    ...(firstImage === undefined ? [] : [[`${make} ${imageTargets(firstImage.id, prefix).clean} ${SETTING_VARIABLES.tag}=${LOCAL_TAG}`, `${firstImage.id} as tagged by the examples above`] as [string, string]]),
  ]);
  const repositories = [...new Set(plan.images.map((image) => `${plan.registry}/${image.repository}`))];
  const listCommand = ['docker image ls', ...repositories.map((repository) => `--filter ${shellWord(`reference=${repository}`)}`)].join(' ');
  return {
    runTargets,
    dockerRun,
    runArgsVariable: code(SETTING_VARIABLES.runArgs),
    portsVariable: withPorts === undefined ? undefined : code(withPorts.portsVariable),
    loginHost: code(registryHost),
    loginNote: registryHost === GHCR_HOST
      ? ' with a personal access token that has the `write:packages` scope (`echo "$TOKEN" | docker login ghcr.io -u <user> --password-stdin`)'
      : '',
    pushCommands,
    pushedTags,
    multiPlatform: plan.images.some((image) => plannedPlatforms(plan, image).length > 1),
    builderPush: code(`${make} ${global.push} ${SETTING_VARIABLES.builder}=multi`),
    cleanCommands,
    listCommand,
    fence: fenceFor([...runTargets, ...dockerRun, ...pushCommands, ...cleanCommands, listCommand]),
  };
}

/** The image's reference with `TAG` set: registry, repository and the example tag (as the Makefile computes it). */
function localReference(plan: BuildPlan, image: PlannedImage): string {
  return `${plan.registry}/${image.repository}:${LOCAL_TAG}`;
}
