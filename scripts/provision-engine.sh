#!/usr/bin/env bash
# Provisions a real build engine for the end-to-end tests, from Debian packages only:
#   - Docker Engine with BuildKit, buildx and the containerd image store
#   - an OCI registry on 127.0.0.1:5000
#   - QEMU user emulation for linux/arm64
#   - cosign (from trixie, like the engine) for the signing tests
#   - local base images built from Debian packages and pushed to that registry (busybox, Debian minbase, and the
#     Go, Rust and Python toolchains from Debian packages for the preset tests)
# Idempotent: every step checks before it acts. Needs root (apt-get, dockerd).
set -euo pipefail

REGISTRY_ADDR="${REGISTRY_ADDR:-127.0.0.1:5000}"
STATE_DIR="${ENGINE_STATE_DIR:-/var/lib/projen-containers-engine}"
LOG_DIR="${STATE_DIR}/log"
mkdir -p "${STATE_DIR}" "${LOG_DIR}"

log() { printf '[provision-engine] %s\n' "$*" >&2; }

debian_uri() {
  # The URI of the bookworm entry in the machine's deb822 sources.
  awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || echo "http://deb.debian.org/debian"
}

apt_updated=0
apt_update_once() {
  if [ "${apt_updated}" = 0 ]; then
    apt-get update -qq
    apt_updated=1
  fi
}

step_trixie_source() {
  local src=/etc/apt/sources.list.d/projen-containers-trixie.sources
  local pref=/etc/apt/preferences.d/projen-containers-trixie
  if [ ! -f "${src}" ]; then
    log "adding the trixie suite with a low pin"
    cat > "${src}" <<SRC
Types: deb
URIs: $(debian_uri)
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    cat > "${pref}" <<PREF
Package: *
Pin: release n=trixie
Pin-Priority: 100
PREF
  fi
}

step_packages() {
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io/trixie containerd/trixie docker-cli/trixie)
  [ -x /usr/libexec/docker/cli-plugins/docker-buildx ] || need+=(docker-buildx/trixie)
  if [ "${#need[@]}" -gt 0 ]; then
    log "installing ${need[*]}"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >"${LOG_DIR}/apt-docker.log" 2>&1 \
      || { cat "${LOG_DIR}/apt-docker.log" >&2; exit 1; }
  fi
  local more=()
  command -v docker-registry >/dev/null 2>&1 || more+=(docker-registry)
  [ -x /usr/bin/qemu-aarch64-static ] || more+=(qemu-user-static)
  command -v update-binfmts >/dev/null 2>&1 || more+=(binfmt-support)
  [ -x /bin/busybox ] || more+=(busybox-static)
  command -v debootstrap >/dev/null 2>&1 || more+=(debootstrap)
  # the generated workflows read bake's metadata with jq (present on GitHub runners); the fan-out engine test runs them
  command -v jq >/dev/null 2>&1 || more+=(jq)
  # the second-engine test runs its dockerd in a network namespace of its own (unshare from util-linux, ip)
  command -v ip >/dev/null 2>&1 || more+=(iproute2)
  if [ "${#more[@]}" -gt 0 ]; then
    log "installing ${more[*]}"
    apt_update_once
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${more[@]}" >"${LOG_DIR}/apt-tools.log" 2>&1 \
      || { cat "${LOG_DIR}/apt-tools.log" >&2; exit 1; }
  fi
}

step_cosign() {
  # Only cosign from trixie (low pin: nothing else is upgraded); its dependencies come from the default suite.
  command -v cosign >/dev/null 2>&1 && return
  log "installing cosign/trixie"
  apt_update_once
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cosign/trixie >"${LOG_DIR}/apt-cosign.log" 2>&1 \
    || { cat "${LOG_DIR}/apt-cosign.log" >&2; exit 1; }
}

step_dockerd() {
  mkdir -p /etc/docker
  if [ ! -f /etc/docker/daemon.json ] || ! grep -q containerd-snapshotter /etc/docker/daemon.json; then
    printf '%s\n' '{"features":{"containerd-snapshotter":true},"insecure-registries":["'"${REGISTRY_ADDR}"'"]}' > /etc/docker/daemon.json
  fi
  if docker info >/dev/null 2>&1; then
    return
  fi
  log "starting dockerd"
  nohup dockerd >"${LOG_DIR}/dockerd.log" 2>&1 &
  echo $! > "${STATE_DIR}/dockerd.pid"
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && return
    sleep 1
  done
  tail -50 "${LOG_DIR}/dockerd.log" >&2
  log "dockerd did not answer within 60 s"
  exit 1
}

step_binfmt() {
  if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null || log "could not mount binfmt_misc (arm64 emulation unavailable)"
  fi
  if [ -e /proc/sys/fs/binfmt_misc/register ] && [ ! -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
    update-binfmts --enable >/dev/null 2>&1 || log "update-binfmts --enable failed (arm64 emulation unavailable)"
  fi
}

step_registry() {
  if curl -fsS "http://${REGISTRY_ADDR}/v2/" >/dev/null 2>&1; then
    return
  fi
  log "starting the registry on ${REGISTRY_ADDR}"
  mkdir -p "${STATE_DIR}/registry"
  cat > "${STATE_DIR}/registry.yml" <<CFG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: ${STATE_DIR}/registry
  delete:
    enabled: true
http:
  addr: ${REGISTRY_ADDR}
CFG
  nohup docker-registry serve "${STATE_DIR}/registry.yml" >"${LOG_DIR}/registry.log" 2>&1 &
  echo $! > "${STATE_DIR}/registry.pid"
  for _ in $(seq 1 30); do
    curl -fsS "http://${REGISTRY_ADDR}/v2/" >/dev/null 2>&1 && return
    sleep 1
  done
  tail -50 "${LOG_DIR}/registry.log" >&2
  log "registry did not answer within 30 s"
  exit 1
}

image_present() {
  # $1 = repository path, $2 = tag
  curl -fsS -o /dev/null -H 'Accept: application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
    "http://${REGISTRY_ADDR}/v2/$1/manifests/$2" 2>/dev/null
}

step_busybox() {
  local repo=testbase/busybox tag=1
  image_present "${repo}" "${tag}" && return
  log "building ${repo}:${tag} from busybox-static"
  local root
  root=$(mktemp -d)
  mkdir -p "${root}/bin" "${root}/tmp" "${root}/etc"
  cp /bin/busybox "${root}/bin/busybox"
  for applet in sh ls cat echo test id mkdir rm cp uname grep sleep true false; do
    ln -sf busybox "${root}/bin/${applet}"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\n' > "${root}/etc/passwd"
  printf 'root:x:0:\n' > "${root}/etc/group"
  tar -C "${root}" -c . | docker import - "${REGISTRY_ADDR}/${repo}:${tag}" >/dev/null
  docker push -q "${REGISTRY_ADDR}/${repo}:${tag}" >/dev/null
  rm -rf "${root}"
}

step_debian() {
  # A minimal Debian root (no compiler, no headers): the stand-in for distribution base images.
  local repo=testbase/debian
  if ! image_present "${repo}" bookworm-minbase; then
    log "debootstrapping ${repo}:bookworm-minbase"
    local root="${STATE_DIR}/rootfs-minbase"
    rm -rf "${root}"
    debootstrap --variant=minbase bookworm "${root}" "$(debian_uri)" >"${LOG_DIR}/debootstrap-minbase.log" 2>&1 \
      || { tail -30 "${LOG_DIR}/debootstrap-minbase.log" >&2; exit 1; }
    rm -rf "${root}/var/cache/apt/archives/"*.deb "${root}/var/lib/apt/lists/"*
    tar -C "${root}" -c . | docker import - "${REGISTRY_ADDR}/${repo}:bookworm-minbase" >/dev/null
    docker push -q "${REGISTRY_ADDR}/${repo}:bookworm-minbase" >/dev/null
    rm -rf "${root}"
  fi
}

step_toolchains() {
  # Go, Rust and Python toolchains from Debian packages on top of the minimal Debian root, for the preset engine tests.
  # The Go and Rust images also carry ca-certificates and tzdata, which the presets copy into their minimal final
  # images; python-slim is the runtime for the virtualenv built on python (same interpreter path, no venv/pip).
  # rust-cross adds the arm64 standard library (libstd-rust-dev is Multi-Arch: same), the aarch64 cross linker and
  # the arm64 C library, so Rust services cross-compile for linux/arm64 on the build machine instead of under QEMU.
  local name pids=() names=()
  for name in golang rust rust-cross python python-slim; do
    image_present testbase/toolchain "${name}-bookworm" && continue
    # independent images: built side by side (mostly package downloads and unpacking), each logging to its own file
    build_toolchain "${name}" &
    pids+=("$!") names+=("${name}")
  done
  local i failed=0
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then
      log "building toolchain ${names[$i]} failed:"
      tail -30 "${LOG_DIR}/toolchain-${names[$i]}.log" >&2
      failed=1
    fi
  done
  [ "${failed}" = 0 ] || exit 1
}

build_toolchain() {
  # $1 = toolchain name; builds and pushes testbase/toolchain:<name>-bookworm
  local name=$1 repo=testbase/toolchain base="${REGISTRY_ADDR}/testbase/debian:bookworm-minbase"
  local packages prepare="true" env=""
  case "${name}" in
    golang) packages="golang-go ca-certificates tzdata" ;;
    rust) packages="rustc cargo libc6-dev ca-certificates tzdata" ;;
    rust-cross)
      prepare="dpkg --add-architecture arm64"
      packages="rustc cargo libc6-dev libstd-rust-dev:arm64 gcc-aarch64-linux-gnu libc6-dev-arm64-cross ca-certificates tzdata"
      env="ENV CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc"
      ;;
    python) packages="python3 python3-venv" ;;
    python-slim) packages="python3" ;;
  esac
  log "building ${repo}:${name}-bookworm from Debian packages (${packages})"
  printf '%s\n' \
    "FROM ${base}" \
    "RUN ${prepare} && apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages} && rm -rf /var/lib/apt/lists/*" \
    "${env}" \
    | docker build -q -t "${REGISTRY_ADDR}/${repo}:${name}-bookworm" - >"${LOG_DIR}/toolchain-${name}.log" 2>&1 || return 1
  docker push -q "${REGISTRY_ADDR}/${repo}:${name}-bookworm" >>"${LOG_DIR}/toolchain-${name}.log" 2>&1
}

main() {
  if [ "$(id -u)" != 0 ]; then
    log "must run as root"
    exit 1
  fi
  step_trixie_source
  step_packages
  step_cosign
  step_dockerd
  step_binfmt
  step_registry
  step_busybox
  step_debian
  step_toolchains
  log "engine ready: $(docker version --format '{{.Server.Version}}' 2>/dev/null), registry ${REGISTRY_ADDR}"
}

main "$@"
