#!/usr/bin/env bash
# Real-window tests of a sample app (the gallery) under xvfb-run. Used by tests/app/CMakeLists.txt.
#   run_app_test.sh screenshot APP PNG_CHECK OUT_DIR   --frames 5 --screenshot; PNG size + content
#   run_app_test.sh fits_screen APP PNG_CHECK OUT_DIR  on an 800x600 screen the app's default
#                                                       size (1280x900) is shrunk to 800x600;
#                                                       --size is taken as given
#   run_app_test.sh idle APP                            --seconds 3 --stats; at most 10 frames
#   run_app_test.sh no_display APP                      no DISPLAY: non-zero exit naming xvfb-run
#   run_app_test.sh bad_flag APP                        unknown flag: exit 2 with usage
#   run_app_test.sh help APP TEXT...                    --help: exit 0, each TEXT on its own
#                                                       line, in this order
#   run_app_test.sh bad_app_flag APP FLAG VALUE TEXT    a bad value of an app flag: exit 2, TEXT
#   run_app_test.sh screenshot_unwritable APP           --screenshot /dev/full and into a missing
#                                                       folder: exit 1, the error named, never
#                                                       "written"
#   run_app_test.sh long_seconds APP                    --seconds 1e10 (past the clock's range)
#                                                       keeps running: still up after 3 s
# Exit 77 (skipped) when xvfb-run is not installed (scripts/setup.sh installs it).
set -uo pipefail
mode="$1"
app="$2"
XVFB=(xvfb-run -a -s "-screen 0 1920x1080x24")

need_xvfb() {
  if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "SKIP: xvfb-run is not installed (package xvfb; scripts/setup.sh installs it)"
    exit 77
  fi
}

case "$mode" in
  screenshot)
    need_xvfb
    png_check="$3"
    out="$4/gallery-test.png"
    rm -f "$out"
    "${XVFB[@]}" "$app" --frames 5 --size 1024x700 --screenshot "$out" || {
      echo "FAIL: the app exited with $?"; exit 1; }
    "$png_check" "$out" 1024 700
    ;;
  fits_screen)
    need_xvfb
    png_check="$3"
    out="$4/gallery-fits.png"
    small=(xvfb-run -a -s "-screen 0 800x600x24")
    rm -f "$out"
    "${small[@]}" "$app" --frames 3 --screenshot "$out" || { echo "FAIL: exit $?"; exit 1; }
    "$png_check" "$out" 800 600 || { echo "FAIL: the window does not fit the screen"; exit 1; }
    rm -f "$out"
    "${small[@]}" "$app" --frames 3 --size 1000x700 --screenshot "$out" ||
      { echo "FAIL: exit $?"; exit 1; }
    "$png_check" "$out" 1000 700 || { echo "FAIL: --size was not taken as given"; exit 1; }
    ;;
  idle)
    need_xvfb
    output="$("${XVFB[@]}" "$app" --seconds 3 --stats)" || { echo "FAIL: exit $?"; exit 1; }
    echo "$output"
    frames="$(sed -n 's/.*imlit stats: frames=\([0-9]*\).*/\1/p' <<<"$output")"
    if [ -z "$frames" ]; then
      echo "FAIL: no 'imlit stats: frames=N' line in the output"; exit 1
    fi
    echo "idle: $frames frames drawn in 3 s with no input (limit 10)"
    [ "$frames" -le 10 ] || { echo "FAIL: an idle app must draw at most 10 frames"; exit 1; }
    ;;
  no_display)
    err="$(env -u DISPLAY -u WAYLAND_DISPLAY "$app" --frames 1 2>&1 >/dev/null)"
    rc=$?
    echo "$err"
    if [ "$rc" -eq 0 ] || [ "$rc" -ge 128 ]; then
      echo "FAIL: expected a clean non-zero exit without a display, got $rc"; exit 1
    fi
    grep -q "xvfb-run" <<<"$err" || { echo "FAIL: the message does not name xvfb-run"; exit 1; }
    ;;
  bad_flag)
    err="$("$app" --no-such-flag 2>&1 >/dev/null)"
    rc=$?
    echo "$err"
    [ "$rc" -eq 2 ] || { echo "FAIL: expected exit code 2, got $rc"; exit 1; }
    grep -q "unknown flag '--no-such-flag'" <<<"$err" || { echo "FAIL: no clear error"; exit 1; }
    grep -q -- "--screenshot PATH" <<<"$err" || { echo "FAIL: no usage after the error"; exit 1; }
    ;;
  help)
    out="$("$app" --help)" || { echo "FAIL: --help exited with $?"; exit 1; }
    echo "$out"
    line=0
    for want in "${@:3}"; do
      at="$(grep -n -F -- "$want" <<<"$out" | head -1 | cut -d: -f1)"
      [ -n "$at" ] || { echo "FAIL: --help does not show '$want'"; exit 1; }
      [ "$at" -ge "$line" ] || { echo "FAIL: '$want' is out of order"; exit 1; }
      line="$at"
    done
    ;;
  bad_app_flag)
    err="$("$app" "$3" "$4" 2>&1 >/dev/null)"
    rc=$?
    echo "$err"
    [ "$rc" -eq 2 ] || { echo "FAIL: expected exit code 2, got $rc"; exit 1; }
    grep -q -F -- "$5" <<<"$err" || { echo "FAIL: the message does not say '$5'"; exit 1; }
    ;;
  screenshot_unwritable)
    need_xvfb
    for path in /dev/full /nonexistent-imlit-dir/shot.png; do
      out="$("${XVFB[@]}" "$app" --frames 2 --size 400x300 --screenshot "$path" 2>&1)"
      rc=$?
      echo "$out"
      [ "$rc" -eq 1 ] || { echo "FAIL: --screenshot $path: expected exit 1, got $rc"; exit 1; }
      grep -q "written" <<<"$out" && { echo "FAIL: --screenshot $path says written"; exit 1; }
      grep -q -F -- "--screenshot $path: cannot write" <<<"$out" ||
        { echo "FAIL: --screenshot $path: no error naming the file"; exit 1; }
    done
    ;;
  long_seconds)
    need_xvfb
    # `timeout` ends it after 3 s (exit 124): an app that took 1e10 s as "already over"
    # exits at once with 0.
    out="$(timeout 3 "${XVFB[@]}" "$app" --seconds 1e10 --size 400x300 2>&1)"
    rc=$?
    echo "$out"
    [ "$rc" -eq 124 ] || { echo "FAIL: --seconds 1e10 exited after less than 3 s ($rc)"; exit 1; }
    ;;
  *)
    echo "unknown mode $mode"; exit 2 ;;
esac
