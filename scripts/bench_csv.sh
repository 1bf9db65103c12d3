#!/usr/bin/env bash
# CSV reading benchmark (issue 9): imlit::read_csv against pandas.read_csv on the same
# 200,000-row mixed-type file, in alternating rounds (one imlit round, one pandas round, ...),
# comparing the medians of thread CPU time per read; then the peak resident memory of
# read_csv on a ~1 GB file. Installs python3-pandas on demand (not needed by the build or CI).
#
# usage: scripts/bench_csv.sh [--rounds N] [--rows N] [--big-mb MB | --no-big] [--pandas-big]
#   --rounds N     alternating rounds (default 7)
#   --rows N       rows of the compared file (default 200000)
#   --big-mb MB    size of the memory-test file (default 1024); --no-big skips that test
#   --pandas-big   also measure pandas' peak memory on the big file (slow, several GB)
# Environment: IMLIT_BUILD_DIR (default build/), IMLIT_BENCH_WORK (default /tmp/imlit-bench-csv,
# where the generated files are kept and reused), IMLIT_JOBS, IMLIT_CSV_MARKDOWN (a file the
# comparison is appended to as a row of docs/performance.md's table; scripts/bench.sh sets it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${IMLIT_BUILD_DIR:-$ROOT/build}"
WORK="${IMLIT_BENCH_WORK:-${TMPDIR:-/tmp}/imlit-bench-csv}"
JOBS="${IMLIT_JOBS:-2}"
ROUNDS=7
ROWS=200000
BIG_MB=1024
PANDAS_BIG=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --rows) ROWS="$2"; shift 2 ;;
    --big-mb) BIG_MB="$2"; shift 2 ;;
    --no-big) BIG_MB=0; shift ;;
    --pandas-big) PANDAS_BIG=1; shift ;;
    *) echo "bench_csv: unknown argument $1 (see the top of $0)" >&2; exit 2 ;;
  esac
done

# Debian's python3-pandas belongs to the system interpreter (a pyenv or venv python3 on PATH
# would not see it).
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
if ! "$PY" -c "import pandas" 2>/dev/null; then
  echo "bench_csv: installing python3-pandas (for the comparison only)"
  if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null; then as_root=(sudo)
  else echo "bench_csv: pandas missing; as root run: apt-get install python3-pandas" >&2; exit 1; fi
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y --no-install-recommends \
    python3-pandas
fi

cmake -S "$ROOT" -B "$BUILD_DIR" -DIMLIT_BUILD_BENCH=ON >/dev/null
cmake --build "$BUILD_DIR" --target imlit_bench --parallel "$JOBS"
BENCH="$BUILD_DIR/bench/imlit_bench"

mkdir -p "$WORK"
SMALL="$WORK/mixed_${ROWS}.csv"
[ -s "$SMALL" ] || "$PY" "$ROOT/bench/gen_csv.py" "$SMALL" "$ROWS"
echo "bench_csv: $SMALL ($(du -h "$SMALL" | cut -f1)), $ROUNDS alternating rounds"

imlit_round() { # prints {"cpu_ms": ..., "wall_ms": ..., "rows": ...}
  IMLIT_BENCH_CSV="$1" "$BENCH" --benchmark_filter='^BM_ReadCsv$' --benchmark_format=json \
    2>/dev/null | "$PY" -c '
import json, sys
b = json.load(sys.stdin)["benchmarks"][0]
scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b["time_unit"]]
print(json.dumps({"cpu_ms": b["cpu_time"] * scale, "wall_ms": b["real_time"] * scale,
                  "rows": b["rows"]}))'
}

RESULTS="$WORK/rounds.jsonl"
: >"$RESULTS"
for ((r = 1; r <= ROUNDS; r++)); do
  i=$(imlit_round "$SMALL")
  p=$("$PY" "$ROOT/bench/pandas_read_csv.py" "$SMALL" 3)
  echo "{\"round\": $r, \"imlit\": $i, \"pandas\": $p}" | tee -a "$RESULTS"
done

"$PY" - "$RESULTS" "$ROWS" "${IMLIT_CSV_MARKDOWN:-}" <<'PY'
import json, statistics, sys
rounds = [json.loads(l) for l in open(sys.argv[1])]
rows, markdown = int(sys.argv[2]), sys.argv[3]
med = lambda who, key: statistics.median(r[who][key] for r in rounds)
ic, pc = med("imlit", "cpu_ms"), med("pandas", "cpu_ms")
iw, pw = med("imlit", "wall_ms"), med("pandas", "wall_ms")
per_round = [r["imlit"]["cpu_ms"] / r["pandas"]["cpu_ms"] for r in rounds]
ratio = statistics.median(per_round)
print(f"read_csv  : {ic:8.1f} ms thread CPU ({iw:.1f} ms wall), rows {rounds[0]['imlit']['rows']:.0f}")
print(f"pandas    : {pc:8.1f} ms thread CPU ({pw:.1f} ms wall), rows {rounds[0]['pandas']['rows']}")
print(f"ratio imlit/pandas (thread CPU, median of {len(rounds)} round ratios): {ratio:.2f}x"
      f" ({min(per_round):.2f}-{max(per_round):.2f}; target <= 1.5x; wall medians: {iw / pw:.2f}x)")
if markdown:  # one row of docs/performance.md's table (scripts/bench.sh)
    import pandas
    verdict = "met" if ratio <= 1.5 else "**not met**"
    with open(markdown, "a") as out:
        out.write(f"| `imlit::read_csv` vs `pandas.read_csv` {pandas.__version__} on the same "
                  f"{rows:,}-row mixed-type file, thread CPU time per read, {len(rounds)} "
                  f"alternating rounds | {ratio:.2f}x ({min(per_round):.2f}–{max(per_round):.2f}) "
                  f"| {ic:.0f} ms vs {pc:.0f} ms (wall {iw:.0f} ms vs {pw:.0f} ms) "
                  f"| <= 1.5x — {verdict} |\n")
PY

if [ "$BIG_MB" -gt 0 ]; then
  BIG="$WORK/mixed_${BIG_MB}mb.csv"
  if [ ! -s "$BIG" ]; then
    # ~73 bytes per row in this generator's output.
    "$PY" "$ROOT/bench/gen_csv.py" "$BIG" $((BIG_MB * 1024 * 1024 / 73))
  fi
  echo "bench_csv: peak memory of read_csv on $BIG ($(du -h "$BIG" | cut -f1))"
  IMLIT_BENCH_CSV_BIG="$BIG" "$BENCH" --benchmark_filter='^BM_ReadCsvPeakRss/' \
    --benchmark_format=json 2>/dev/null >"$WORK/big_imlit.json"
  "$PY" - "$WORK/big_imlit.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))["benchmarks"][0]
print(f"read_csv  : {b['rows']:.0f} rows, file {b['file_mb']:.0f} MiB, table (byte_size) "
      f"{b['table_mb']:.0f} MiB, peak RSS {b['peak_rss_mb']:.0f} MiB "
      f"(before reading: {b['rss_before_mb']:.0f} MiB), {b['real_time'] / 1e3:.1f} s wall")
PY
  if [ "$PANDAS_BIG" -eq 1 ]; then
    "$PY" "$ROOT/bench/pandas_read_csv.py" --rss "$BIG" >"$WORK/big_pandas.json"
    "$PY" - "$WORK/big_pandas.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
print(f"pandas    : {p['rows']} rows, frame (deep) {p['frame_mb']:.0f} MiB, "
      f"peak RSS {p['peak_rss_mb']:.0f} MiB")
PY
  fi
fi
