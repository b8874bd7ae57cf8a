import { imageReference } from './buildx-command';
import { recipeWord } from './make-escape';
import type { MakeCommand } from './makefile-model';
import type { PlannedImage } from '../plan/build-plan';
import { SETTING_VARIABLES } from '../plan/variables';

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `tty=(--interactive --tty)` only when stdin and stdout are terminals (so `make run-…` works in CI, in pipes and
 * with `</dev/null`), else empty. Bash 3.2 safe: arrays are expanded with `${a[@]+"${a[@]}"}` under `set -u`.
 */
const TTY = 'tty=(); if [ -t 0 ] && [ -t 1 ]; then tty=(--interactive --tty); fi;';

/** `"${name[@]}"`, also for an empty array under `set -u` in bash 3.2 (macOS). */
function arrayWords(name: string): string {
  return `$\${${name}[@]+"$\${${name}[@]}"}`;
}

/**
 * The recipe of `run-<image>`: `docker run --rm --init` of the image's reference, publishing every word of its ports
 * variable (`--publish <word>`), then every word of `RUN_ARGS`, with a TTY only when there is one, and a container
 * name that an `EXIT` trap removes if the run is interrupted.
 *
 * Splitting: the ports variable and `RUN_ARGS` are split into words at blanks and newlines by bash itself with
 * pathname expansion off (`set -f`), so a word is passed as one argument and is never evaluated: quotes, `$`, `;`,
 * `*` and backquotes stay literal (make has made command-line and environment values literal already). A word cannot
 * contain a blank; use `--env-file` for such values.
 * @internal
 */
export function runCommand(image: PlannedImage): MakeCommand {
  const ports = checkName(image.portsVariable, `image ${image.id}: ports variable`);
  const runArgs = checkName(SETTING_VARIABLES.runArgs, 'run arguments variable');
  const docker = checkName(SETTING_VARIABLES.docker, 'container CLI variable');
  const name = recipeWord(`run-${image.id}-`, `image ${image.id}: container name`);
  return {
    words: [
      TTY,
      `set -f; ports=($$${ports}); extra=($$${runArgs}); set +f;`,
      `publish=(); for p in ${arrayWords('ports')}; do publish+=(--publish "$$p"); done;`,
      `name=${name}"$$$$";`,
      `trap '"$$${docker}" rm --force "$$name" >/dev/null 2>&1 || true' EXIT;`,
      `"$$${docker}" run --rm --init --name "$$name"`,
      arrayWords('tty'),
      arrayWords('publish'),
      arrayWords('extra'),
      imageReference(image),
    ],
    silent: false,
    wrap: true,
  };
}

/**
 * A user command run in a container of `image`: `docker run --rm --init`, TTY only when there is one, as the
 * caller's uid:gid, with the working directory mounted at `workdir` and used as the working directory, then the
 * image reference and the argument vector, every word single-quoted.
 * @internal
 */
export function containerCommand(image: PlannedImage, workdir: string, argv: readonly string[]): MakeCommand {
  const docker = checkName(SETTING_VARIABLES.docker, 'container CLI variable');
  const dir = recipeWord(workdir, 'workdir');
  return {
    words: [
      TTY,
      `"$$${docker}" run --rm --init`,
      arrayWords('tty'),
      '--user "$$(id -u):$$(id -g)"',
      `--volume "$$PWD":${dir}`,
      `--workdir ${dir}`,
      imageReference(image),
      ...argv.map((word) => recipeWord(word, 'command word')),
    ],
    silent: false,
    wrap: true,
  };
}

function checkName(name: string, what: string): string {
  if (!VARIABLE.test(name)) throw new Error(`internal error: ${what} ${JSON.stringify(name)} is not a variable name`);
  return name;
}
