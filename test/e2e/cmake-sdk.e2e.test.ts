/**
 * End to end on the real engine: the CmakeSdk preset (the flow-pipe shape) on Debian's minimal root — the SDK image
 * gets g++, CMake and Ninja from Debian packages, the build stage on it compiles a small C++ project with CMake, and
 * the runtime image on the same base runs the installed program without any compiler; a one-line change rebuilds
 * on the SDK layer without reinstalling the toolchain, and going back to the first text ships the first program.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project } from 'projen';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { make, stepCached } from './example-make';
import { CmakeSdk, Containers, DockerfileSyntax, ImageSource } from '../../src';
import { describeEngine, docker, REGISTRY_ADDRESS, uniqueTag } from '../support/engine';

const DEBIAN = `${REGISTRY_ADDRESS}/testbase/debian:bookworm-minbase`;
const MINUTES = 10 * 60_000;

const CMAKE_LISTS = `cmake_minimum_required(VERSION 3.16)
project(hello CXX)
add_executable(hello main.cpp)
install(TARGETS hello RUNTIME DESTINATION bin)
`;
const main = (text: string) => `#include <iostream>
int main() { std::cout << "${text}" << std::endl; return 0; }
`;

describeEngine('the CmakeSdk preset on the real engine', () => {
  let dir: string;
  const registry = `${REGISTRY_ADDRESS}/${uniqueTag('cmake-sdk-e2e')}`;
  const vars = [`REGISTRY=${registry}`, 'TAG=e2e', `CPP_BASE_IMAGE=${DEBIAN}`, 'PLATFORMS=linux/amd64'];
  const runtime = `${registry}/cpp-hello:e2e`;
  const sdk = `${registry}/cpp-hello-sdk:e2e`;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pc-cmake-sdk-'));
    mkdirSync(join(dir, 'tools', 'hello'), { recursive: true });
    writeFileSync(join(dir, 'tools', 'hello', 'CMakeLists.txt'), CMAKE_LISTS);
    writeFileSync(join(dir, 'tools', 'hello', 'main.cpp'), main('hello from C++'));
    const project = new Project({ name: 'cmake-sdk-e2e', outdir: dir });
    const containers = new Containers(project, { registry, workflow: { enabled: false }, dockerfileSyntax: DockerfileSyntax.omit() });
    const family = containers.addFamily('cpp');
    new CmakeSdk(family, 'hello', { source: 'tools/hello', base: ImageSource.registry('debian:bookworm-slim', { buildArg: 'BASE_IMAGE' }), program: 'hello' });
    project.synth();
  });

  afterAll(() => {
    spawnSync('docker', ['image', 'rm', '--force', runtime, sdk], { stdio: 'ignore' });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the SDK compiles, the runtime runs the program without a compiler, and a change reuses the toolchain layer', () => {
    make(dir, ['build-cpp-hello-sdk', 'build-cpp-hello', ...vars]);
    expect(docker(['run', '--rm', runtime]).trim()).toBe('hello from C++');
    expect(docker(['run', '--rm', '--entrypoint', 'sh', sdk, '-c', 'for t in g++ cmake ninja; do command -v "$t"; done']).trim().split('\n')).toHaveLength(3);
    const probe = spawnSync('docker', ['run', '--rm', '--entrypoint', 'sh', runtime, '-c', 'command -v g++ || command -v cc || echo none'], { encoding: 'utf8' });
    expect(probe.stdout.trim()).toBe('none');
    expect(docker(['image', 'inspect', '--format', '{{.Config.User}}', runtime]).trim()).toBe('10001:10001');
    // WHEN one line changes
    writeFileSync(join(dir, 'tools', 'hello', 'main.cpp'), main(`hello again ${registry}`));
    const log = make(dir, ['build-cpp-hello', ...vars]);
    // THEN the toolchain install is reused and the new program ships
    expect(stepCached(log, 'RUN --mount=type=cache,id=apt-cache')).toBe(true);
    expect(stepCached(log, 'RUN --mount=type=cache,id=ccache')).toBe(false);
    expect(docker(['run', '--rm', runtime]).trim()).toBe(`hello again ${registry}`);
    // AND back to the first text, the program says it again (no object of another source state survives a build)
    writeFileSync(join(dir, 'tools', 'hello', 'main.cpp'), main('hello from C++'));
    make(dir, ['build-cpp-hello', ...vars]);
    expect(docker(['run', '--rm', runtime]).trim()).toBe('hello from C++');
  }, MINUTES);
});
