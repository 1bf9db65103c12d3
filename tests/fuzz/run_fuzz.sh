#!/usr/bin/env bash
# Run one libFuzzer target for a while: run_fuzz.sh FUZZER SEEDS WORK SECONDS TIMEOUT MAX_LEN
#   SEEDS    the checked-in corpus (read only)
#   WORK     a scratch corpus in the build tree (new inputs go there) and crash artifacts
#   TIMEOUT  seconds one input may take before it counts as a hang (a finding)
# A dictionary SEEDS.dict (tokens the fuzzer inserts into inputs) is used when it exists.
# Exit status: 0 when the run found nothing; the fuzzer's failure status otherwise, with the
# input that failed saved as WORK-crash-* / WORK-timeout-* / WORK-leak-* and named on stderr.
set -euo pipefail
fuzzer=$1 seeds=$2 work=$3 seconds=$4 timeout=$5 max_len=$6
mkdir -p "$work"
dict=()
[ -f "$seeds.dict" ] && dict=(-dict="$seeds.dict")
exec "$fuzzer" -max_total_time="$seconds" -timeout="$timeout" -max_len="$max_len" \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$work-" "${dict[@]}" "$work" "$seeds"
