#!/bin/sh
# Starts the application in the foreground (PID 1's child under `docker run --init`), on the port in PORT.
set -eu
exec python -m app.server
