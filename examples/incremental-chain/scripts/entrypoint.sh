#!/bin/sh
# Container entrypoint: run the command given (CMD), with the app directory as working directory.
set -eu
cd /app
exec "$@"
