import { describe, expect, test } from 'vitest';
import { dockerfileOf, stageLines } from './support';
import { CmakeSdk, ImageRole, ImageSource } from '../../src';

const DEBIAN = ImageSource.registry('debian:bookworm-slim');

describe('CmakeSdk', () => {
  test('the flow-pipe shape: an SDK with the toolchain, a cached CMake build on it, a runtime with the program only', () => {
    // GIVEN a CMake project in tools/flow, built into program flow_runtime
    let sdk: CmakeSdk | undefined;
    const dockerfile = dockerfileOf((f) => {
      sdk = new CmakeSdk(f, 'flow', { source: 'tools/flow', base: DEBIAN, program: 'flow_runtime', runtimePackages: ['libyaml-0-2'] });
    });
    // THEN the SDK image installs the compiler toolchain from Debian packages with apt's caches mounted
    const sdkLines = stageLines(dockerfile, 'flow-sdk').join('\n');
    expect(sdkLines).toContain('apt-get install -y --no-install-recommends g++ cmake ninja-build ccache');
    expect(sdkLines).toContain('--mount=type=cache,id=apt-cache');
    expect(sdk!.sdk.role).toBe(ImageRole.SDK);
    // AND the build stage is FROM the SDK, runs as root (the SDK's last USER is the numeric non-root one), and
    // configures, builds and installs with Ninja in a fresh build tree (a cached one would trust file times), through
    // ccache when the SDK has it, its directory in a cache mount; the install prefix lands in the layer
    const build = stageLines(dockerfile, 'flow-build');
    expect(build[0]).toBe('FROM flow-sdk AS flow-build');
    expect(build[1]).toBe('USER 0:0');
    expect(build).toContain('COPY --link tools/flow /src/');
    const run = build.slice(build.findIndex((l) => l.startsWith('RUN '))).join('\n');
    expect(run).toContain('--mount=type=cache,id=ccache,target=/root/.cache/ccache,sharing=shared');
    expect(run).toContain('launcher="-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache"');
    expect(run).toContain('cmake -S /src -B /tmp/cmake-build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/out $launcher');
    expect(run).toContain('cmake --build /tmp/cmake-build');
    expect(run).toContain('cmake --install /tmp/cmake-build');
    expect(run).toContain('rm -rf /tmp/cmake-build');
    // AND the runtime starts from the base again, gets its runtime packages and only the installed program
    const runtime = stageLines(dockerfile, 'flow');
    expect(runtime[0]).toBe('FROM ${FLOW_BASE_IMAGE} AS flow');
    expect(runtime.join('\n')).toContain('apt-get install -y --no-install-recommends libyaml-0-2');
    expect(runtime.join('\n')).not.toContain('g++');
    expect(runtime.join('\n')).toContain('/out/bin/flow_runtime /usr/local/bin/flow_runtime');
    expect(runtime.slice(-3)).toStrictEqual(['ENTRYPOINT ["/usr/local/bin/flow_runtime"]', 'LABEL org.opencontainers.image.title="app-flow"', 'USER 10001:10001']);
    expect(sdk!.runtime.role).toBe(ImageRole.RUNTIME);
  });

  test('CMake definitions are single shell words; shared libraries are installed with ldconfig', () => {
    const dockerfile = dockerfileOf((f) => {
      const sdk = new CmakeSdk(f, 'flow', {
        source: '.',
        base: DEBIAN,
        program: 'flow',
        sdkPackages: ['clang', 'cmake', 'ninja-build'],
        cmakeDefinitions: ['-DWITH_YAML=ON', '-DNAME:STRING=a b'],
        sharedLibraries: true,
      });
      sdk.buildStage.env({ CC: 'clang' });
    });
    expect(stageLines(dockerfile, 'flow-sdk').join('\n')).toContain('install -y --no-install-recommends clang cmake ninja-build');
    const build = stageLines(dockerfile, 'flow-build').join('\n');
    expect(build).toContain("-DCMAKE_INSTALL_PREFIX=/out $launcher '-DWITH_YAML=ON' '-DNAME:STRING=a b'");
    expect(build).toContain('COPY --link . /src/');
    expect(build).toContain('ENV CC="clang"');
    const runtime = stageLines(dockerfile, 'flow').join('\n');
    expect(runtime).toContain('/out/lib/ /usr/local/lib/');
    expect(runtime).toContain('RUN ldconfig');
    // no runtime packages: no apt step in the runtime
    expect(runtime).not.toContain('apt-get');
  });
});
