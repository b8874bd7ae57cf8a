import { BuildSteps } from './build-steps';
import { presetProblem, propsOf, shellWords } from './preset-input';
import { booleanOption, sourceFolder } from './service-image';
import type { ImageFamily } from '../family/image-family';
import type { Image } from '../image/image';
import { ImageRole } from '../image/image-role';
import { ImageSource } from '../image/image-source';
import { CacheSharing, Mount } from '../stage/mount';
import type { Stage } from '../stage/stage';

/** Properties of a C/C++ SDK and runtime pair built with CMake. */
export interface CmakeSdkProps {
  /** The project's source folder (holding `CMakeLists.txt`), relative to the family's build context. */
  readonly source: string;
  /**
   * The Debian or Ubuntu image both images start from, e.g. `ImageSource.registry('debian:bookworm-slim@sha256:…')`;
   * the SDK gets the compiler toolchain from its packages, the runtime only `runtimePackages`.
   */
  readonly base: ImageSource;
  /** The program CMake installs (`<prefix>/bin/<program>`), copied into the runtime as `/usr/local/bin/<program>`. */
  readonly program: string;
  /**
   * Debian packages of the SDK image: the compiler toolchain and build tools. With `ccache` among them, the build
   * compiles through it with its directory in a cache mount.
   * @default ["g++", "cmake", "ninja-build", "ccache"]
   */
  readonly sdkPackages?: string[];
  /**
   * Debian packages of the runtime image (shared libraries the program links against).
   * @default - none
   */
  readonly runtimePackages?: string[];
  /**
   * Cache variables passed to the CMake configure step, each `-D<NAME>[:<TYPE>]=<value>` (one shell word each).
   * @default - none
   */
  readonly cmakeDefinitions?: string[];
  /**
   * Install the program's shared libraries (`<prefix>/lib`) into the runtime's `/usr/local/lib` too; the project must
   * install at least one file there.
   * @default false
   */
  readonly sharedLibraries?: boolean;
}

/** Directory of the CMake build tree in the build stage (removed after the install). */
const BUILD_DIR = '/tmp/cmake-build';
/** ccache's directory, a cache mount shared by every build (ccache locks its own files). */
const CCACHE_DIR = '/root/.cache/ccache';
/** Install prefix of the build stage (outside the cache mount, so it lands in the layer). */
const PREFIX = '/out';
const PROGRAM = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
/** `-DNAME=value` or `-DNAME:TYPE=value`, value on one line. */
const DEFINITION = /^-D[A-Za-z_][A-Za-z0-9_.+-]*(?::[A-Z]+)?=[^\x00-\x1f\x7f]*$/;

/**
 * A C/C++ SDK and runtime pair (the flow-pipe shape): an SDK image with the compiler toolchain from Debian packages
 * (published, `ImageRole.SDK`, for developers and other builds), a build stage on the SDK that configures, builds and
 * installs the CMake project in a fresh build tree, compiling through ccache (content hashes, its directory in a cache
 * mount) when the SDK has it, and a runtime image (`ImageRole.RUNTIME`) on the same base with only the installed program (and, if asked, its shared libraries).
 *
 * The build stage runs on the target platform (a C/C++ cross toolchain is the project's own business): under QEMU
 * for a platform that is not native. All three are normal constructs: add instructions like to any other stage.
 *
 * @example
 * import { CmakeSdk, Containers, ImageSource } from 'projen-containers';
 *
 * declare const containers: Containers;
 * const family = containers.addFamily('flow', { dockerfile: 'Dockerfile' });
 * const flow = new CmakeSdk(family, 'flow', {
 *   source: '.',
 *   base: ImageSource.registry('debian:bookworm-slim'),
 *   program: 'flow_runtime',
 *   runtimePackages: ['libyaml-0-2'],
 * });
 * flow.runtime.entrypoint(['/usr/local/bin/flow_runtime']);
 */
export class CmakeSdk {
  /** The SDK image: the base with the compiler toolchain. */
  public readonly sdk: Image;
  /** The build stage (`<runtime>/<id>-build`), FROM the SDK. */
  public readonly buildStage: Stage;
  /** The runtime image: the base with the installed program, its ENTRYPOINT. */
  public readonly runtime: Image;

  constructor(family: ImageFamily, id: string, props: CmakeSdkProps) {
    const p = propsOf<CmakeSdkProps>(props);
    this.sdk = family.addImage(`${id}-sdk`, { from: p.base as ImageSource, role: ImageRole.SDK });
    this.runtime = family.addImage(id, { from: p.base as ImageSource, role: ImageRole.RUNTIME });
    this.buildStage = this.runtime.addStage(`${id}-build`, { from: ImageSource.stage(this.sdk) });
    if (typeof props !== 'object' || props === null) presetProblem(this.runtime, 'CmakeSdk props must be an object with at least source, base and program');
    const source = sourceFolder(this.runtime, p.source);
    const program = typeof p.program === 'string' && PROGRAM.test(p.program) ? p.program : undefined;
    if (program === undefined) {
      presetProblem(this.runtime, `program ${JSON.stringify(String(p.program))} must be 1-128 letters, digits, ".", "_", "+" or "-", starting with a letter or digit`);
    }
    const definitions = stringList(this.runtime, 'cmakeDefinitions', p.cmakeDefinitions).filter((d) => {
      if (DEFINITION.test(d)) return true;
      presetProblem(this.runtime, `cmakeDefinitions: ${JSON.stringify(d)} must be -D<NAME>[:<TYPE>]=<value> on one line`);
      return false;
    });
    booleanOption(this.runtime, 'sharedLibraries', p.sharedLibraries);

    BuildSteps.aptInstall(this.sdk, p.sdkPackages ?? ['g++', 'cmake', 'ninja-build', 'ccache']);
    // an empty list means none (aptInstall reports an empty list, which is right for the SDK's toolchain)
    const runtimePackages = p.runtimePackages;
    const noRuntimePackages = runtimePackages === undefined || (Array.isArray(runtimePackages) && runtimePackages.length === 0);
    if (!noRuntimePackages) BuildSteps.aptInstall(this.runtime, runtimePackages);

    const build = this.buildStage;
    build.copy([source], '/src/');
    // The build tree is new in every build: a cached one would trust file times, and a COPY layer answered from the
    // cache carries the times of an older build, so Ninja could keep objects of other sources. ccache (content
    // hashes, its directory a cache mount) makes the rebuild incremental instead, when the SDK has it.
    build.run([
      `export CCACHE_DIR=${CCACHE_DIR}`,
      'launcher=""',
      'if command -v ccache >/dev/null 2>&1; then launcher="-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"; fi',
      `cmake -S /src -B ${BUILD_DIR} -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=${PREFIX} $launcher${definitions.length > 0 ? ` ${shellWords(definitions)}` : ''}`,
      `cmake --build ${BUILD_DIR}`,
      `cmake --install ${BUILD_DIR}`,
      `rm -rf ${BUILD_DIR}`,
    ], { mounts: [Mount.cache({ target: CCACHE_DIR, id: 'ccache', sharing: CacheSharing.SHARED })] });

    const bin = program ?? 'invalid';
    this.runtime.copy([`${PREFIX}/bin/${bin}`], `/usr/local/bin/${bin}`, { from: build });
    if (p.sharedLibraries === true) {
      this.runtime.copy([`${PREFIX}/lib/`], '/usr/local/lib/', { from: build });
      this.runtime.run(['ldconfig']);
    }
    this.runtime.entrypoint([`/usr/local/bin/${bin}`]);
  }
}

/** A list option as strings; reports anything else. */
function stringList(stage: Stage, name: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    presetProblem(stage, `${name} must be a list of strings`);
    return [];
  }
  return value.filter((v) => {
    if (typeof v === 'string') return true;
    presetProblem(stage, `${name}: ${JSON.stringify(String(v))} must be a string`);
    return false;
  });
}
