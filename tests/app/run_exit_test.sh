#!/usr/bin/env bash
# Fast exit with loaders running (tests/app/exit_app.cpp) under xvfb-run:
#   run_exit_test.sh APP polite|rude
# The app runs 1 s while a 30 s loader runs; it must exit within 200 ms of its last frame,
# cleanly (exit 0) and with no sanitizer report (in a sanitizer build). It also checks the
# --stats line (every key there, p50 <= p99 <= max), and that the frames drawn while nothing but
# the load's spinner asks for them come at AppOptions::animation_fps (30 a second), not at
# max_fps (60): at most 40 in the 1 s run (30, the start-up settle frames, slack). Exit 77 (skipped) when xvfb-run is not
# installed.
set -uo pipefail
app="$1"
mode="$2"
limit_ms=200

if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run is not installed (package xvfb; scripts/setup.sh installs it)"
  exit 77
fi
err_file="$(mktemp)"
trap 'rm -f "$err_file"' EXIT
# IMLIT_WINDOW_LAUNCHER: tests/sanitizer/keep_gl_loaded.sh in an ASan build, else empty.
launcher=()
[ -n "${IMLIT_WINDOW_LAUNCHER:-}" ] && launcher=("$IMLIT_WINDOW_LAUNCHER")
out="$(xvfb-run -a -s "-screen 0 1280x800x24" "${launcher[@]}" "$app" --seconds 1 --size 400x300 \
  --stats -- "$mode" 2>"$err_file")"
rc=$?
echo "$out"
cat "$err_file"
[ "$rc" -eq 0 ] || { echo "FAIL: the app exited with $rc"; exit 1; }
if grep -qE "Sanitizer|runtime error:" "$err_file"; then
  echo "FAIL: a sanitizer report"; exit 1
fi
stats="$(grep '^imlit stats: ' <<<"$out")"
for key in frames wall mean_frame max_frame p50_frame p99_frame loads hits entries bytes; do
  grep -qE " $key=[0-9.]+" <<<"$stats" || { echo "FAIL: --stats has no $key="; exit 1; }
done
value() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$stats"; }
awk -v a="$(value p50_frame)" -v b="$(value p99_frame)" -v c="$(value max_frame)" \
  'BEGIN { exit !(a <= b && b <= c) }' || { echo "FAIL: not p50 <= p99 <= max"; exit 1; }
frames="$(value frames)"
echo "$mode: $frames frames in 1 s with only a spinner turning (limit 40, at least 5)"
[ "$frames" -le 40 ] || { echo "FAIL: animation frames are not capped at animation_fps"; exit 1; }
[ "$frames" -ge 5 ] || { echo "FAIL: the spinner stopped asking for frames"; exit 1; }
exit_ms="$(sed -n 's/^exit_after_last_frame_ms=\([0-9.]*\)$/\1/p' <<<"$out")"
[ -n "$exit_ms" ] || { echo "FAIL: no exit_after_last_frame_ms line"; exit 1; }
echo "$mode: exited ${exit_ms} ms after the last frame (limit ${limit_ms} ms)"
awk -v t="$exit_ms" -v l="$limit_ms" 'BEGIN { exit !(t < l) }' ||
  { echo "FAIL: slower than ${limit_ms} ms"; exit 1; }
