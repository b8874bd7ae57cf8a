import { describe, expect, test } from 'vitest';
import { dockerfileOf, stageLines } from './support';
import { BuildSteps, GoService, ImageSource, PythonService, RustService } from '../../src';
import { newPipeline, synthFiles } from '../synth/pipeline-fixture';

const GO = ImageSource.registry('golang:1.23');
const RUST = ImageSource.registry('rust:1.83');

describe('GoService', () => {
  test('the whole image: cross-compiling build stage, dependency layer before the sources, static binary, scratch image', () => {
    // GIVEN a Go service from services/api
    const dockerfile = dockerfileOf((f) => new GoService(f, 'api', { source: 'services/api/', builder: GO }));
    // THEN the build stage runs on the build machine; go.mod/go.sum and the download come before TARGETOS/TARGETARCH
    // and the sources, so a source change never re-runs the download
    expect(stageLines(dockerfile, 'api-build')).toStrictEqual([
      'FROM --platform=$BUILDPLATFORM ${API_BUILD_BASE_IMAGE} AS api-build',
      'WORKDIR /src',
      'ENV GOCACHE="/root/.cache/go-build" GOFLAGS="-mod=readonly" GOMODCACHE="/go/pkg/mod"',
      'COPY --link services/api/go.mod services/api/go.sum /src/',
      'RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod,sharing=shared go mod download',
      'ARG TARGETOS',
      'ARG TARGETARCH',
      'COPY --link services/api /src/',
      'RUN --mount=type=cache,id=go-mod,target=/go/pkg/mod,sharing=shared \\',
      '    --mount=type=cache,id=go-build,target=/root/.cache/go-build,sharing=shared \\',
      '    CGO_ENABLED=0 GOOS="$TARGETOS" GOARCH="$TARGETARCH" go build -trimpath -ldflags="-s -w" -o /out/api .',
    ]);
    // AND the image is scratch with certificates, time zone data, the binary, EXPOSE, HEALTHCHECK, a numeric user
    const image = stageLines(dockerfile, 'api');
    expect(image[0]).toBe('FROM scratch AS api');
    expect(image.join('\n')).toContain('/etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt');
    expect(image.join('\n')).toContain('/usr/share/zoneinfo /usr/share/zoneinfo');
    expect(image.join('\n')).toContain('/out/api /usr/local/bin/api');
    expect(image.slice(-5)).toStrictEqual([
      'EXPOSE 8080/tcp',
      'HEALTHCHECK CMD ["/usr/local/bin/api", "--healthcheck"]',
      'ENTRYPOINT ["/usr/local/bin/api"]',
      'LABEL org.opencontainers.image.title="app-api"',
      'USER 10001:10001',
    ]);
  });

  test('every part stays overridable through the normal model', () => {
    // GIVEN a service whose build stage and image get more instructions, and a Debian base
    const dockerfile = dockerfileOf((f) => {
      const svc = new GoService(f, 'api', { source: '.', builder: GO, base: ImageSource.registry('debian:12'), port: 0, packagePath: './cmd/api' });
      svc.buildStage.env({ GOPRIVATE: 'example.com' });
      svc.image.label({ 'com.example.team': 'core' });
    });
    // THEN the context root is copied as is, and the additions land in their stages
    const build = stageLines(dockerfile, 'api-build');
    expect(build).toContain('COPY --link go.mod go.sum /src/');
    expect(build).toContain('COPY --link . /src/');
    expect(build.at(-1)).toBe('ENV GOPRIVATE="example.com"');
    expect(build.join('\n')).toContain('-o /out/api ./cmd/api');
    const image = stageLines(dockerfile, 'api');
    expect(image[0]).toBe('FROM ${API_BASE_IMAGE} AS api');
    expect(image.join('\n')).not.toContain('EXPOSE');
    expect(image.find((l) => l.startsWith('LABEL '))).toBe('LABEL "com.example.team"="core"');
  });

  test('two services share one Dockerfile: each build stage is named after its image', () => {
    const dockerfile = dockerfileOf((f) => {
      new GoService(f, 'api', { source: 'api', builder: GO });
      new RustService(f, 'worker', { source: 'worker', builder: RUST });
    });
    expect(dockerfile).toContain(' AS api-build\n');
    expect(dockerfile).toContain(' AS worker-build\n');
  });

  test('the .dockerignore allow-list holds the module files and the source folder', () => {
    const { project, containers } = newPipeline();
    new GoService(containers.addFamily('app'), 'api', { source: 'services/api', builder: GO });
    const ignore = synthFiles(project)['.dockerignore'];
    for (const p of ['!services/api', '!services/api/go.mod', '!services/api/go.sum']) expect(ignore.split('\n')).toContain(p);
  });
});

describe('RustService and BuildSteps.cargoBuild', () => {
  test('Cargo.toml/Cargo.lock and cargo fetch before TARGETARCH and the sources; sources stamped, static build copied out of the cache', () => {
    const dockerfile = dockerfileOf((f) => new RustService(f, 'worker', { source: 'services/worker', builder: RUST, binary: 'wrk' }));
    const build = stageLines(dockerfile, 'worker-build').join('\n');
    const order = [
      'COPY --link services/worker/Cargo.toml services/worker/Cargo.lock /src/',
      'cargo fetch --locked',
      'ARG TARGETARCH',
      'COPY --link services/worker /src/',
      '--mount=type=cache,id=cargo-target-wrk,target=/src/target,sharing=locked',
      // the project's files newer than anything in the cached target directory: no stale binary from file times
      'find . -path ./target -prune -o -type f -exec touch {} +',
      'RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked --target "$triple" --bin wrk',
      'cp "target/$triple/release/"wrk /out/wrk',
    ].map((t) => build.indexOf(t));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toStrictEqual(order);
    expect(build).toMatch(/^FROM --platform=\$BUILDPLATFORM /);
    expect(stageLines(dockerfile, 'worker').join('\n')).toContain('ENTRYPOINT ["/usr/local/bin/wrk"]');
  });

  test('musl picks the musl targets and drops the crt-static flag', () => {
    const dockerfile = dockerfileOf((f) => BuildSteps.cargoBuild(f.addImage('runtime', { from: RUST }), { binary: 'app', musl: true }));
    expect(dockerfile).toContain('amd64) triple=x86_64-unknown-linux-musl ;;');
    expect(dockerfile).toContain('arm) triple=armv7-unknown-linux-musleabihf ;;');
    expect(dockerfile).not.toContain('crt-static');
  });
});

describe('BuildSteps.aptInstall', () => {
  test('the keep-cache recipe, then update and install with apt\'s locked caches', () => {
    const dockerfile = dockerfileOf((f) => BuildSteps.aptInstall(f.addImage('runtime', { from: ImageSource.registry('debian:12') }), ['ca-certificates', 'curl=7.88.1-10']));
    expect(dockerfile).toContain([
      'RUN --mount=type=cache,id=apt-cache,target=/var/cache/apt,sharing=locked \\',
      '    --mount=type=cache,id=apt-lists,target=/var/lib/apt/lists,sharing=locked \\',
      '    <<"EOF"',
      'set -eu',
      'rm -f /etc/apt/apt.conf.d/docker-clean',
      'echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache',
      'apt-get update',
      'DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ca-certificates curl=7.88.1-10',
      'EOF',
    ].join('\n'));
  });
});

describe('PythonService', () => {
  test('a virtualenv built from the requirements alone, copied with the sources into the runtime', () => {
    // GIVEN a Python service on a builder and a slim runtime
    const dockerfile = dockerfileOf((f) => new PythonService(f, 'web', {
      source: 'web', builder: ImageSource.registry('python:3.12'), base: ImageSource.registry('python:3.12-slim'), command: ['/opt/venv/bin/python', '-m', 'web'],
    }));
    // THEN the build stage (target platform: wheels are platform-specific) installs only the requirements
    expect(stageLines(dockerfile, 'web-build')).toStrictEqual([
      'FROM ${WEB_BUILD_BASE_IMAGE} AS web-build',
      'RUN python3 -m venv /opt/venv',
      'COPY --link web/requirements.txt /tmp/requirements/',
      'RUN --mount=type=cache,id=pip,target=/root/.cache/pip,sharing=shared /opt/venv/bin/pip install --disable-pip-version-check -r /tmp/requirements/requirements.txt',
    ]);
    // AND the runtime gets the virtualenv and the sources, EXPOSE, HEALTHCHECK, the command and the numeric user
    const image = stageLines(dockerfile, 'web');
    expect(image[0]).toBe('FROM ${WEB_BASE_IMAGE} AS web');
    expect(image).toContain('COPY --link web /app/');
    expect(image).toContain('WORKDIR /app');
    expect(image).toContain('EXPOSE 8000/tcp');
    expect(image).toContain('ENTRYPOINT ["/opt/venv/bin/python", "-m", "web"]');
    expect(image.find((l) => l.startsWith('HEALTHCHECK'))).toContain("urllib.request.urlopen('http://127.0.0.1:8000/', timeout=5)");
    expect(image.at(-1)).toBe('USER 10001:10001');
  });
});
