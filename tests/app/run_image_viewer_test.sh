#!/usr/bin/env bash
# apps/image_viewer in a real window (xvfb-run) on 12 generated images and one broken file:
#   run_image_viewer_test.sh APP GEN_IMAGES WORK_DIR
# Runs --seconds 20 (generous: loads on a busy machine are slow) --stats and checks the cache
# totals at exit: every file loaded once and kept (entries = loads: 12 thumbnails, the broken
# file's texture holding its error, the large view of image_01, the folder listing), and a
# screenshot written.
# Exit 77 (skipped) when xvfb-run is not installed (scripts/setup.sh installs it).
set -uo pipefail
app="$1"
gen="$2"
work="$3"
images=12

if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "SKIP: xvfb-run is not installed (package xvfb; scripts/setup.sh installs it)"
  exit 77
fi
rm -rf "$work"
mkdir -p "$work"
"$gen" "$work/images" "$images" 400x300 || { echo "FAIL: generating images"; exit 1; }
echo "not a png" >"$work/images/zz_broken.png" # sorts last: image_01 is the one shown large

output="$(xvfb-run -a -s "-screen 0 1920x1080x24" "$app" --seconds 20 --size 900x700 --stats \
  --screenshot "$work/shot.png" -- "$work/images" --budget-mb 100 2>&1)" || {
  echo "$output"; echo "FAIL: the app exited with $?"; exit 1; }
echo "$output"
stat_of() { sed -n "s/.*imlit stats:.* $1=\([0-9]*\).*/\1/p" <<<"$output"; }
loads="$(stat_of loads)"
entries="$(stat_of entries)"
[ -n "$loads" ] && [ -n "$entries" ] || { echo "FAIL: no loads=/entries= in --stats"; exit 1; }
want_entries=$((images + 3))
want_loads=$((images + 3))
[ "$entries" -eq "$want_entries" ] || {
  echo "FAIL: entries=$entries, expected $want_entries (every file, the large view, the listing)"
  exit 1; }
[ "$loads" -eq "$want_loads" ] || {
  echo "FAIL: loads=$loads, expected $want_loads (each file once, the large view, the listing)"
  exit 1; }
[ -s "$work/shot.png" ] || { echo "FAIL: no screenshot"; exit 1; }
echo "ok: loads=$loads entries=$entries"
