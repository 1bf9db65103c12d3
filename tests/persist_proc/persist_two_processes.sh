#!/bin/sh
# Two processes read and write one persisted key at once for SECONDS: every read valid (no torn
# or foreign entry), one entry file at the end, and that entry is the last write of one of them
# (read by a third, fresh process: nothing lost). Usage: persist_two_processes.sh PERSIST_PROC
# DIR SECONDS
set -eu
exe=$1 dir=$2 seconds=$3
rm -rf "$dir"
mkdir -p "$dir"
"$exe" hammer "$dir" "$seconds" > "$dir.first.log" & first=$!
"$exe" hammer "$dir" "$seconds" > "$dir.second.log" & second=$!
status=0
wait $first || status=1
wait $second || status=1
cat "$dir.first.log" "$dir.second.log"
"$exe" count "$dir" || status=1
last_first=$(sed -n 's/^last //p' "$dir.first.log")
last_second=$(sed -n 's/^last //p' "$dir.second.log")
"$exe" verify "$dir" $last_first $last_second || status=1
exit $status
