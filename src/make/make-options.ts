import type { Image } from '../image/image';

/**
 * How the generated Makefile names its targets, which goal runs by default and which targets of your own it has.
 */
export interface MakeOptions {
  /**
   * Prefix of every build, push, pull, clean, run and bake target: `container-` gives `container-build`,
   * `container-push-<family>`, `container-build-<family>-<image>`, `container-run-<family>-<image>`. `help` and the
   * targets CI calls (`print-tags`, `print-build-facts`, `print-tag-<family>`) keep their names.
   *
   * Letters, digits, `.`, `_` and `-`, starting with a letter or digit.
   * @default "" (no prefix: `build`, `build-<family>-<image>`)
   */
  readonly targetPrefix?: string;
  /**
   * The target `make` runs without one: any target of the Makefile, an alias or one of `targets`.
   * @default "help"
   */
  readonly defaultGoal?: string;
  /**
   * Targets of your own, e.g. `gen` running a generator inside the CI image.
   * @default - none
   */
  readonly targets?: MakeTargetOptions[];
}

/**
 * A phony target of your own. Its commands are argument vectors: every word reaches the command exactly as written
 * (single-quoted in the recipe; `$`, spaces, quotes and `;` are literal), so no word can run shell or make code.
 */
export interface MakeTargetOptions {
  /** Target name: letters, digits, `.`, `_` and `-`, starting with a letter or digit, unique in the Makefile. */
  readonly name: string;
  /**
   * One-line description shown by `make help`.
   * @default - listed without a description
   */
  readonly description?: string;
  /**
   * Commands run in order, each an argument vector such as `['make', 'generate']`; the first failing one stops the
   * target.
   * @default - none (the target only runs its prerequisites)
   */
  readonly commands?: string[][];
  /**
   * Targets made first: any target of the Makefile (e.g. `build-ci-image` or an alias such as `docker-build`).
   * @default - none
   */
  readonly prerequisites?: string[];
  /**
   * Run every command inside a container of this image (its full reference, `<IMAGE>_IMAGE`): `docker run --rm --init`
   * with the working directory mounted at `workdir`, as your user id, with a TTY only when stdin is a terminal. The
   * target does not build or pull the image; add its build or pull target to `prerequisites` for that.
   * @default - commands run on the host
   */
  readonly image?: Image;
  /**
   * Where the working directory is mounted in the container (with `image`); an absolute path.
   * @default "/workspace"
   */
  readonly workdir?: string;
}

/** Per-image Makefile settings. */
export interface ImageMakeOptions {
  /**
   * Variable holding the image's full reference (`registry/repository:tag`). Setting it (`make run-<image>
   * APP_RUNTIME_IMAGE=ghcr.io/acme/app:pr-12`) overrides registry, repository and tag together for every target of the
   * image and for the images built on it.
   * @default - `<IMAGE ID>_IMAGE`, e.g. `APP_RUNTIME_IMAGE` for image `runtime` of family `app`
   */
  readonly imageVariable?: string;
  /**
   * Variable holding the port publications of `run-<image>`, as `docker run -p` values separated by spaces.
   * @default - `<IMAGE ID>_PORTS`, defaulting to every EXPOSEd port on the same host port (`8000:8000/tcp`)
   */
  readonly portsVariable?: string;
  /**
   * Another name for `build-<image>`, e.g. `docker-build`.
   * @default - none
   */
  readonly buildAlias?: string;
  /**
   * Another name for `push-<image>`.
   * @default - none
   */
  readonly pushAlias?: string;
  /**
   * Another name for `pull-<image>`, e.g. `docker-pull`.
   * @default - none
   */
  readonly pullAlias?: string;
  /**
   * Another name for `clean-<image>`.
   * @default - none
   */
  readonly cleanAlias?: string;
  /**
   * Another name for `run-<image>`, e.g. `docker-dev`.
   * @default - none
   */
  readonly runAlias?: string;
}
