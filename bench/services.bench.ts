/**
 * Build benchmark of the seed-003 example (examples/multiarch-services) on the real engine, in one run:
 *
 * - rebuild after a one-line source change of a Go service (control-plane) and a Rust service (agent): the generated
 *   image (`make container-build-<service>`) against a naive Dockerfile for the same app (`COPY . .` before the
 *   dependency step, no cache mounts) and a docker-init-style one (docker init's cache and bind mounts and layout);
 *   rounds interleaved (the starting variant rotates), medians;
 * - a no-op rebuild of the whole example (`make container-build`, five services, two platforms): steps CACHED out of
 *   all steps, counted from `--progress=plain`;
 * - final image size against the binary itself and against the docker-init-style image.
 *
 * Base images: the local toolchains of scripts/provision-engine.sh (Debian's Go and Rust packages); Docker Hub is
 * unreachable, so docker init's `alpine` runtime is stood in for by the local busybox image (3 MB against alpine's
 * ~8 MB: the stand-in flatters the docker-init-style size). Writes docs/benchmarks-services.md.
 *
 * Usage: ts-node --project test/tsconfig.json bench/services.bench.ts [--rounds N] [--no-write]
 * Needs the engine (dockerd with buildx, the registry on 127.0.0.1:5000, `npx projen engine:provision`).
 */
import { execFileSync, spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { arch, cpus, platform, tmpdir, totalmem } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..');
const DOC = join(ROOT, 'docs', 'benchmarks-services.md');
const REGISTRY_ADDRESS = '127.0.0.1:5000';
const GO_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:golang-bookworm`;
const RUST_IMAGE = `${REGISTRY_ADDRESS}/testbase/toolchain:rust-cross-bookworm`;
const SMALL_BASE = `${REGISTRY_ADDRESS}/testbase/busybox:1`;
const ROUNDS = Number(option('rounds') ?? 3);
const WRITE = !process.argv.includes('--no-write');
const RUN = `${Date.now().toString(36)}-${process.pid}`;
const REGISTRY = `${REGISTRY_ADDRESS}/bench-services-${RUN}`;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function log(message: string): void {
  process.stderr.write(`[services bench] ${message}\n`);
}

/** Runs a command with plain BuildKit progress; returns its output and wall time, throws on failure. */
function timed(command: string, args: readonly string[], cwd: string): { log: string; seconds: number } {
  const env: NodeJS.ProcessEnv = { ...process.env, BUILDKIT_PROGRESS: 'plain' };
  for (const key of Object.keys(env)) if (key.startsWith('GITHUB_')) delete env[key];
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 30 * 60_000 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (status ${r.status}):\n${out.slice(-4000)}`);
  return { log: out, seconds };
}

function docker(args: readonly string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// ---------------------------------------------------------------------------------------------------------------
// The apps and their Dockerfiles

interface App {
  readonly name: string;
  readonly language: 'Go' | 'Rust';
  /** The source file the one-line change edits, relative to the example. */
  readonly source: string;
  /** The line the change rewrites (`GREETING` constant), as a pattern. */
  readonly line: RegExp;
  readonly replacement: (text: string) => string;
  /** Make variable of its toolchain. */
  readonly toolchainVariable: string;
  readonly toolchain: string;
  readonly naive: string;
  readonly dockerInit: string;
}

/** The naive multi-stage Dockerfile of seed 003 for a Go service: everything copied before the dependency step. */
const naiveGo = (svc: string) => `ARG GO_IMAGE
ARG RUNTIME_IMAGE
FROM \${GO_IMAGE} AS builder
WORKDIR /app
COPY services/${svc}/ .
RUN go mod download
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o app .

FROM \${RUNTIME_IMAGE}
COPY --from=builder /app/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
`;

/** docker init's Go layout: module cache and bind mounts, no build cache mount, a small distribution runtime. */
const dockerInitGo = (svc: string) => `ARG GO_IMAGE
ARG RUNTIME_IMAGE
FROM --platform=$BUILDPLATFORM \${GO_IMAGE} AS build
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod/ \\
    --mount=type=bind,source=services/${svc}/go.sum,target=go.sum \\
    --mount=type=bind,source=services/${svc}/go.mod,target=go.mod \\
    go mod download -x
ARG TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod/ \\
    --mount=type=bind,source=services/${svc},target=. \\
    CGO_ENABLED=0 GOARCH=$TARGETARCH go build -o /bin/server .

FROM \${RUNTIME_IMAGE} AS final
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
USER 10001:10001
COPY --from=build /bin/server /bin/
EXPOSE 8080
ENTRYPOINT [ "/bin/server" ]
`;

/** The naive Dockerfile for a Rust service. */
const naiveRust = (svc: string) => `ARG RUST_IMAGE
ARG RUNTIME_IMAGE
FROM \${RUST_IMAGE} AS builder
WORKDIR /app
COPY services/${svc}/ .
RUN cargo fetch --locked
RUN RUSTFLAGS="-C target-feature=+crt-static" cargo build --release --locked --target x86_64-unknown-linux-gnu && cp target/x86_64-unknown-linux-gnu/release/${svc} /app/app

FROM \${RUNTIME_IMAGE}
COPY --from=builder /app/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
`;

/** docker init's Rust layout: bind mounts of the sources, cached target directory and Cargo registry. */
const dockerInitRust = (svc: string) => `ARG RUST_IMAGE
ARG RUNTIME_IMAGE
FROM --platform=$BUILDPLATFORM \${RUST_IMAGE} AS build
WORKDIR /app
RUN --mount=type=bind,source=services/${svc}/src,target=src \\
    --mount=type=bind,source=services/${svc}/Cargo.toml,target=Cargo.toml \\
    --mount=type=bind,source=services/${svc}/Cargo.lock,target=Cargo.lock \\
    --mount=type=cache,target=/app/target/ \\
    --mount=type=cache,target=/usr/local/cargo/git/db \\
    --mount=type=cache,target=/usr/local/cargo/registry/ \\
    RUSTFLAGS="-C target-feature=+crt-static" cargo build --locked --release --target x86_64-unknown-linux-gnu && \\
    cp ./target/x86_64-unknown-linux-gnu/release/${svc} /bin/server

FROM \${RUNTIME_IMAGE} AS final
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
USER 10001:10001
COPY --from=build /bin/server /bin/
EXPOSE 8083
ENTRYPOINT [ "/bin/server" ]
`;

const APPS: App[] = [
  {
    name: 'control-plane', language: 'Go', source: 'services/control-plane/main.go', line: /^const greeting = .*$/m,
    replacement: (t) => `const greeting = "${t}"`, toolchainVariable: 'CONTROL_PLANE_GO_IMAGE', toolchain: GO_IMAGE,
    naive: naiveGo('control-plane'), dockerInit: dockerInitGo('control-plane'),
  },
  {
    name: 'agent', language: 'Rust', source: 'services/agent/src/main.rs', line: /^const GREETING: &str = .*$/m,
    replacement: (t) => `const GREETING: &str = "${t}";`, toolchainVariable: 'AGENT_RUST_IMAGE', toolchain: RUST_IMAGE,
    naive: naiveRust('agent'), dockerInit: dockerInitRust('agent'),
  },
];

type Variant = 'generated' | 'naive' | 'docker-init';
const VARIANTS: Variant[] = ['generated', 'naive', 'docker-init'];

/** The image reference a variant of an app builds. */
function reference(app: App, variant: Variant): string {
  return variant === 'generated' ? `${REGISTRY}/${app.name}:bench` : `${REGISTRY}/${app.name}-${variant}:bench`;
}

/**
 * Builds one variant of an app for linux/amd64; returns the BuildKit log and the wall time. The shared engine now and
 * then fails a finished build (`failed to solve: not found` after the export, other builds running at the same time):
 * such a build is tried once more, and only the successful attempt is timed.
 */
function build(work: string, app: App, variant: Variant): { log: string; seconds: number } {
  try {
    return buildOnce(work, app, variant);
  } catch (e) {
    log(`${app.name} ${variant} failed, trying once more: ${String(e).split('\n').filter((l) => l.includes('ERROR')).join(' | ')}`);
    return buildOnce(work, app, variant);
  }
}

function buildOnce(work: string, app: App, variant: Variant): { log: string; seconds: number } {
  if (variant === 'generated') {
    return timed('make', ['--no-print-directory', `container-build-${app.name}`, `REGISTRY=${REGISTRY}`, 'TAG=bench',
      `${app.toolchainVariable}=${app.toolchain}`, 'PLATFORMS=linux/amd64'], work);
  }
  const file = join(work, `bench-${app.name}-${variant}.Dockerfile`);
  const toolchainArg = app.language === 'Go' ? 'GO_IMAGE' : 'RUST_IMAGE';
  return timed('docker', ['buildx', 'build', '--file', file, '--platform', 'linux/amd64', '--load', '--tag', reference(app, variant),
    '--build-arg', `${toolchainArg}=${app.toolchain}`, '--build-arg', `RUNTIME_IMAGE=${SMALL_BASE}`, '.'], work);
}

/** Rewrites the app's greeting line with `text`: the one-line change. */
function edit(work: string, app: App, text: string): void {
  const path = join(work, app.source);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(app.line, app.replacement(text));
  if (after === before) throw new Error(`the one-line change found nothing to change in ${app.source}`);
  writeFileSync(path, after);
}

/** BuildKit steps of a plain log: `[stage n/m]` steps other than FROM, and how many of them were CACHED. */
function countSteps(buildLog: string): { steps: number; cached: number } {
  const lines = buildLog.split('\n');
  const cachedIds = new Set(lines.filter((l) => /^#\d+ CACHED$/.test(l)).map((l) => l.split(' ')[0]));
  // a step id is printed again with every progress line; count each id once per build, in the order the builds ran
  let steps = 0;
  let cached = 0;
  let seen = new Set<string>();
  for (const l of lines) {
    if (/^#1 \[internal\] load build definition/.test(l)) seen = new Set();
    const m = /^(#\d+) \[[^\]]*\d+\/\d+\] (\S+)/.exec(l);
    if (!m || m[2] === 'FROM' || seen.has(m[1])) continue;
    seen.add(m[1]);
    steps += 1;
    if (cachedIds.has(m[1])) cached += 1;
  }
  return { steps, cached };
}

/**
 * Bytes of the files in an image's filesystem: the sizes of the regular files `docker export` of a container lists
 * (uncompressed content, without tar's 512-byte headers and padding, which would charge ~1,300 time zone entries).
 */
function filesystemBytes(image: string): number {
  const id = docker(['create', image]).trim();
  try {
    const r = spawnSync('sh', ['-c', 'docker export "$1" | tar -tvf - | awk \'$1 ~ /^-/ { s += $3 } END { print s }\'', 'sh', id], { encoding: 'utf8' });
    return Number(r.stdout.trim());
  } finally {
    docker(['rm', id]);
  }
}

/** Bytes of the file at `path` in `image`. */
function fileBytes(image: string, path: string): number {
  const id = docker(['create', image]).trim();
  try {
    const r = spawnSync('sh', ['-c', 'docker cp "$1:$2" - | tar -tvf - | awk \'{ print $3 }\'', 'sh', id, path], { encoding: 'utf8' });
    return Number(r.stdout.trim().split('\n')[0]);
  } finally {
    docker(['rm', id]);
  }
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

// ---------------------------------------------------------------------------------------------------------------
// Run

function main(): void {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'pc-services-bench-'));
  cpSync(join(ROOT, 'examples', 'multiarch-services'), work, { recursive: true });
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: work });
  for (const app of APPS) {
    writeFileSync(join(work, `bench-${app.name}-naive.Dockerfile`), app.naive);
    writeFileSync(join(work, `bench-${app.name}-docker-init.Dockerfile`), app.dockerInit);
  }

  try {
    // warm-up: every variant built once, so every round measures a rebuild after a one-line change
    const times = new Map<string, number[]>();
    for (const app of APPS) for (const variant of VARIANTS) {
      log(`warm-up ${app.name} ${variant}`);
      edit(work, app, `warm-up ${RUN} ${variant}`);
      build(work, app, variant);
      times.set(`${app.name}/${variant}`, []);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const app of APPS) {
        for (let k = 0; k < VARIANTS.length; k++) {
          const variant = VARIANTS[(round + k) % VARIANTS.length];
          edit(work, app, `round ${round} ${RUN} ${variant}`);
          const { seconds } = build(work, app, variant);
          log(`round ${round + 1}/${ROUNDS} ${app.name} ${variant}: ${seconds.toFixed(2)} s`);
          times.get(`${app.name}/${variant}`)!.push(seconds);
        }
      }
    }

    // sizes: the binary, the generated image and the docker-init-style image
    const sizes = APPS.map((app) => {
      const generated = reference(app, 'generated');
      return {
        app,
        binary: fileBytes(generated, `/usr/local/bin/${app.name}`),
        generated: filesystemBytes(generated),
        generatedStore: Number(docker(['image', 'inspect', '--format', '{{.Size}}', generated]).trim()),
        dockerInit: filesystemBytes(reference(app, 'docker-init')),
        dockerInitStore: Number(docker(['image', 'inspect', '--format', '{{.Size}}', reference(app, 'docker-init')]).trim()),
      };
    });

    // no-op rebuild of the whole example: five services, both platforms
    log('whole example: first build');
    const all = ['--no-print-directory', 'container-build', `REGISTRY=${REGISTRY}`, 'TAG=bench',
      ...['CONTROL_PLANE', 'CONNECTOR_GATEWAY', 'INDEXER'].map((f) => `${f}_GO_IMAGE=${GO_IMAGE}`),
      ...['EXECUTION_PLANE', 'AGENT'].map((f) => `${f}_RUST_IMAGE=${RUST_IMAGE}`)];
    const first = timed('make', all, work);
    log(`whole example: no-op rebuild (first build ${first.seconds.toFixed(1)} s)`);
    const noop = timed('make', all, work);
    const counted = countSteps(noop.log);

    const elapsed = (Date.now() - started) / 1000;
    const report = render(times, sizes, { ...counted, seconds: noop.seconds, firstSeconds: first.seconds }, elapsed);
    if (WRITE) {
      writeFileSync(DOC, report);
      log(`wrote ${DOC}`);
    } else {
      process.stdout.write(report);
    }
  } finally {
    const refs = APPS.flatMap((app) => VARIANTS.map((v) => reference(app, v)));
    for (const svc of ['control-plane', 'connector-gateway', 'execution-plane', 'agent', 'indexer']) refs.push(`${REGISTRY}/${svc}:bench`);
    spawnSync('docker', ['image', 'rm', '--force', ...new Set(refs)], { stdio: 'ignore' });
    rmSync(work, { recursive: true, force: true });
  }
}

interface Sizes {
  readonly app: App;
  readonly binary: number;
  readonly generated: number;
  readonly generatedStore: number;
  readonly dockerInit: number;
  readonly dockerInitStore: number;
}

function render(
  times: Map<string, number[]>,
  sizes: readonly Sizes[],
  noop: { steps: number; cached: number; seconds: number; firstSeconds: number },
  elapsed: number,
): string {
  const cpu = cpus();
  const buildx = docker(['buildx', 'version']).trim();
  const engine = docker(['version', '--format', '{{.Server.Version}}']).trim();
  const med = (app: App, v: Variant) => median(times.get(`${app.name}/${v}`)!);
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const rebuildRows = APPS.map((app) => {
    const g = med(app, 'generated');
    const n = med(app, 'naive');
    const d = med(app, 'docker-init');
    return `| ${app.language} (${app.name}) | ${g.toFixed(2)} | ${n.toFixed(2)} | ${d.toFixed(2)} | ${(g / n).toFixed(2)}× | ${(g / d).toFixed(2)}× | ${verdict(g / n <= 0.3)} |`;
  });
  const sizeRows = sizes.map((s) => {
    const over = s.generated - s.binary;
    const ratio = s.generated / s.dockerInit;
    return `| ${s.app.language} (${s.app.name}) | ${mb(s.binary)} | ${mb(s.generated)} (+${mb(over)}) | ${mb(s.dockerInit)} | ${ratio.toFixed(2)}× | ${mb(s.generatedStore)} / ${mb(s.dockerInitStore)} | ${verdict(over <= 2e6)} / ${verdict(ratio <= 0.5)} |`;
  });
  const allCached = noop.cached === noop.steps;
  return [
    '# Build benchmarks: the seed-003 services',
    '',
    'Generated by `npx projen bench` (`bench/services.bench.ts`); do not edit by hand, rerun the benchmark. It needs the',
    'engine (`npx projen engine:provision`).',
    '',
    '## Machine',
    '',
    '| Fact | Value |',
    '|---|---|',
    `| Date | ${new Date().toISOString().slice(0, 10)} |`,
    `| Platform | ${platform()} ${arch()} |`,
    `| CPU | ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'} |`,
    `| Memory | ${Math.round(totalmem() / 2 ** 30)} GiB |`,
    `| Docker Engine | ${engine} |`,
    `| buildx | ${buildx} |`,
    `| Toolchains | Debian bookworm: golang-go (Go 1.19), rustc/cargo (1.63) with the arm64 standard library |`,
    '',
    '## Method',
    '',
    '- The example `examples/multiarch-services` in a temporary git repository; the generated images are built with its',
    '  Makefile (`make container-build-<service> PLATFORMS=linux/amd64`), the comparison Dockerfiles with',
    '  `docker buildx build --load` for the same platform, all on the machine\'s shared BuildKit (docker driver).',
    '- **Naive**: seed 003\'s multi-stage pattern as written by hand: `COPY` of the whole service before `go mod download`',
    '  / `cargo fetch`, no cache mounts. **docker-init-style**: `docker init`\'s layout for Go and Rust (bind mounts of the',
    '  sources, cache mounts of the module cache / Cargo registry and target directory, no Go build cache mount; its Go',
    '  binary is not stripped, as docker init writes it; the Rust one is static and stripped like the generated one, the',
    '  crate sets `strip = true`), with CA certificates and time zone data copied from the build stage where docker init',
    '  installs the `ca-certificates` and `tzdata` packages. Both runtimes are the local busybox image standing in for',
    '  `alpine` (Docker Hub is unreachable); busybox is 3 MB where alpine is ~8 MB, so the stand-in flatters the',
    '  docker-init-style size.',
    `- One warm-up build per variant, then ${ROUNDS} rounds; each round changes one line (the greeting constant) before`,
    '  every build, so every measured build is a rebuild after a one-line change. Variants are interleaved and the',
    '  starting variant rotates each round; figures are medians of wall time (seconds, including `make`).',
    '- The services use the standard library only (no module or crate downloads are possible here), so the dependency',
    '  step has nothing to download; what a dependency layer saves in a real service is not measured.',
    '- Sizes: *binary* is the service binary in the image; *image* is the sum of the sizes of the files in the image\'s',
    '  filesystem (uncompressed, from `docker export`); *store* is `docker image inspect --format {{.Size}}` (the',
    '  containerd image store\'s figure, compressed layers, which `make container-check-size` compares with the budget).',
    '',
    '## Rebuild after a one-line source change (linux/amd64)',
    '',
    '| Service | generated (s) | naive (s) | docker-init-style (s) | generated / naive | generated / docker-init | target ≤ 0.3× naive |',
    '|---|---|---|---|---|---|---|',
    ...rebuildRows,
    '',
    '## No-op rebuild of the whole example',
    '',
    `\`make container-build\` (five services, linux/amd64 and linux/arm64), right after a first build of ${noop.firstSeconds.toFixed(1)} s:`,
    `${noop.cached} of ${noop.steps} build steps CACHED (${((100 * noop.cached) / noop.steps).toFixed(0)} %; \`FROM\` lines resolve`,
    `the base image and are not counted) in ${noop.seconds.toFixed(1)} s. Target 100 % cached: ${verdict(allCached)}.`,
    '',
    '## Image size',
    '',
    '| Service | binary (MB) | generated image (MB, over the binary) | docker-init-style image (MB) | generated / docker-init | store: generated / docker-init (MB) | targets: ≤ binary + 2 MB / ≤ 0.5× docker-init |',
    '|---|---|---|---|---|---|---|',
    ...sizeRows,
    '',
    'Besides the binary, the generated images hold the CA certificates (0.2 MB) and Debian\'s time zone data',
    '(`/usr/share/zoneinfo`, with its `right/` leap-second copies); `certificates: false` on the preset drops both.',
    '',
    `Benchmark wall time: ${elapsed.toFixed(0)} s.`,
    '',
  ].join('\n');
}

main();
