#!/bin/sh
# Regenerates gen/ with the CI image's tools; `make gen` runs it inside the image with the checkout at /workspace.
set -eu
mkdir -p gen
gen-hello gen > gen/hello.go
python3 -c 'import sys; print("generated with Python", sys.version.split()[0])' > gen/tools.txt
