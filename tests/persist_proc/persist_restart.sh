#!/bin/sh
# A restart: one process fills a persisted cache, a fresh one must find it all on its first
# frame without running a loader. Usage: persist_restart.sh PERSIST_PROC DIR
set -eu
exe=$1 dir=$2
rm -rf "$dir"
"$exe" fill "$dir"
"$exe" check "$dir"
