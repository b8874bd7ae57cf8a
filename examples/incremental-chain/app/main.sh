#!/bin/sh
. /app/lib.sh
greet "incremental chain"
