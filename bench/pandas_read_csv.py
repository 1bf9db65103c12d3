#!/usr/bin/env python3
"""One round of pandas.read_csv for scripts/bench_csv.sh: reads FILE REPEAT times and prints
the median thread CPU time and wall time of one read, in milliseconds, as JSON. With --rss it
reads once and prints the peak resident memory and the frame's deep memory usage instead.

usage: pandas_read_csv.py FILE REPEAT | pandas_read_csv.py --rss FILE
"""
import json
import resource
import statistics
import sys
import time

import pandas


def main() -> None:
    if sys.argv[1] == "--rss":
        df = pandas.read_csv(sys.argv[2])
        print(json.dumps({
            "rows": len(df),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "frame_mb": int(df.memory_usage(deep=True).sum()) / 2**20,
        }))
        return
    path, repeat = sys.argv[1], int(sys.argv[2])
    cpu, wall = [], []
    rows = 0
    for _ in range(repeat):
        c0, w0 = time.thread_time(), time.perf_counter()
        df = pandas.read_csv(path)
        cpu.append((time.thread_time() - c0) * 1e3)
        wall.append((time.perf_counter() - w0) * 1e3)
        rows = len(df)
        del df
    print(json.dumps({"rows": rows, "cpu_ms": statistics.median(cpu),
                      "wall_ms": statistics.median(wall)}))


if __name__ == "__main__":
    main()
