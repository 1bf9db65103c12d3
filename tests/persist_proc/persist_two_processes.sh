#!/bin/sh
# Two processes read and write one persisted key at once for SECONDS: every read valid, one
# entry file at the end. Usage: persist_two_processes.sh PERSIST_PROC DIR SECONDS
set -eu
exe=$1 dir=$2 seconds=$3
rm -rf "$dir"
"$exe" hammer "$dir" "$seconds" & first=$!
"$exe" hammer "$dir" "$seconds" & second=$!
status=0
wait $first || status=1
wait $second || status=1
"$exe" count "$dir" || status=1
exit $status
