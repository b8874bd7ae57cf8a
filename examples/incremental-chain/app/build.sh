#!/bin/sh
# "Builds" the app into $1: the stand-in for compiling and installing dependencies.
set -eu
mkdir -p "$1"
cp /build/app/main.sh /build/app/lib.sh "$1/"
echo "built $(date -u +%Y-%m-%d)" > "$1/BUILD_INFO"
