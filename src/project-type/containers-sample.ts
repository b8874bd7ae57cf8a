/**
 * The example image family a new project starts with (`npx projen new --from projen-containers --containers-sample
 * rust-service`): its pipeline code, its sources and a snapshot test of the generated files.
 */
export enum ContainersSample {
  /** A Go HTTP service (`GoService`): a static binary on `scratch`, toolchain `golang:1.23-bookworm`. */
  GO_SERVICE = 'go-service',
  /** A Rust HTTP service (`RustService`): a static binary on `scratch`, toolchain `rust:1.83-bookworm`. */
  RUST_SERVICE = 'rust-service',
  /** A Python HTTP service (`PythonService`): a virtualenv on `python:3.12-slim-bookworm`. */
  PYTHON_SERVICE = 'python-service',
  /** A C++ program built with CMake (`CmakeSdk`): an SDK and a runtime image on `debian:bookworm-slim`. */
  CMAKE_SDK = 'cmake-sdk',
  /** No image: an empty pipeline to fill in. */
  NONE = 'none',
}
