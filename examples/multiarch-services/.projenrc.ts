// Seed 003: five services, each built for linux/amd64 and linux/arm64 from its own Dockerfile, with small pinned
// images, HEALTHCHECKs, layer caching (cache mounts and a registry cache), size budgets and `container-*` Make targets
// (`container-build`, `container-build-amd64`, `container-build-arm64`, `container-build-<service>`, `container-push`,
// `container-clean`, `container-check-size`), and CI that builds each platform on a native runner, merges the indexes
// and signs them.
//
// Each service is a family of its own: its Dockerfile sits next to its sources (`services/<name>/Dockerfile`), its
// family targets carry the service's name, and its image is published as `<registry>/<name>`. The Go and Rust presets
// build on the build machine and cross-compile for each platform (no QEMU for the compilers), ship a static binary on
// scratch with CA certificates, time zone data, a numeric non-root user, EXPOSE and a HEALTHCHECK that the binary
// answers itself (`<binary> --healthcheck` asks its own `/healthz`).
//
// The indexer is written in Go: it is an HTTP service like the control plane and the gateway, Go's standard library
// covers it (net/http, encoding/json), a pure-Go binary cross-compiles for every platform without a C cross linker,
// and its images stay far under the 200 MB the seed allows.
// In your own repository, import from 'projen-containers'.
import { Project, typescript } from 'projen';
import { CachePolicy, Containers, DockerfileSyntax, GoService, ImageSource, RustService, Signing } from '../../src';

const project = new Project({ name: 'multiarch-services' });
new typescript.ProjenrcTs(project);

const containers = new Containers(project, {
  registry: 'ghcr.io/acme',
  platforms: ['linux/amd64', 'linux/arm64'],
  // every build reads `<registry>/<service>:buildcache`; CI's publishing job writes it (`CACHE_TO=1`), pull requests never
  cache: CachePolicy.registry(),
  make: { targetPrefix: 'container-' },
  // phase 2 of the seed: CI signs every published index by digest (keyless cosign, `id-token: write` in its sign job
  // only), and builds are reproducible (times from the commit, layer timestamps rewritten on push)
  sourceUrl: 'https://github.com/acme/platform',
  signing: Signing.keyless(),
  reproducible: true,
  dockerfileSyntax: DockerfileSyntax.omit(),
  // Cargo's build output, should anyone build a crate outside a container
  dockerignorePatterns: ['**/target'],
});

// Pin the toolchains by digest in your project (`npx projen containers:pin`); a build picks a mirror through one variable
// per service (`make container-build CONTROL_PLANE_GO_IMAGE=… AGENT_RUST_IMAGE=…`). The Rust toolchain needs the arm64
// standard library and an aarch64 linker (`CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER`) to cross-compile for
// linux/arm64.
const go = ImageSource.registry('golang:1.23-bookworm', { buildArg: 'GO_IMAGE' });
const rust = ImageSource.registry('rust:1.83-bookworm', { buildArg: 'RUST_IMAGE' });

interface Service {
  readonly name: string;
  readonly language: 'go' | 'rust';
  readonly port: number;
  readonly description: string;
  readonly maxSizeMb: number;
}

const SERVICES: Service[] = [
  { name: 'control-plane', language: 'go', port: 8080, description: 'Multi-tenant API server', maxSizeMb: 100 },
  { name: 'connector-gateway', language: 'go', port: 8081, description: 'Third-party integrations', maxSizeMb: 100 },
  { name: 'execution-plane', language: 'rust', port: 8082, description: 'Secure workflow execution', maxSizeMb: 150 },
  { name: 'agent', language: 'rust', port: 8083, description: 'Distributed policy executor', maxSizeMb: 150 },
  { name: 'indexer', language: 'go', port: 8084, description: 'Event indexing and search', maxSizeMb: 200 },
];

for (const s of SERVICES) {
  const family = containers.addFamily(s.name, { dockerfile: `services/${s.name}/Dockerfile`, description: s.description });
  const props = {
    source: `services/${s.name}`,
    binary: s.name,
    repository: s.name,
    port: s.port,
    description: s.description,
    maxSizeMb: s.maxSizeMb,
  };
  if (s.language === 'go') new GoService(family, 'service', { ...props, builder: go });
  else new RustService(family, 'service', { ...props, builder: rust });
}

project.synth();
