#!/usr/bin/env python3
"""Writes a deterministic mixed-type CSV file for scripts/bench_csv.sh.

Columns: id (int), name (text, some quoted because of commas), city (categorical text),
price (float, 2 decimals), qty (int, ~5% missing), score (float, ~3% missing), active
(true/false), date (text), note (text, often empty, some quoted with quotes or line breaks).

usage: gen_csv.py OUT ROWS
"""
import csv
import random
import sys

FIRST = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Niklaus", "Radia"]
LAST = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Wirth"]
CITIES = ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromso", "Drammen", "Bodo", "Alesund"]
NOTES = ["", "", "", "ok", "late delivery", 'said "call back"', "fragile, handle with care",
         "two\nlines", "priority"]


def main() -> None:
    out, rows = sys.argv[1], int(sys.argv[2])
    rng = random.Random(9)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "city", "price", "qty", "score", "active", "date", "note"])
        for i in range(rows):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            name = f"{last}, {first}" if rng.random() < 0.3 else f"{first} {last}"
            qty = "" if rng.random() < 0.05 else str(rng.randint(1, 500))
            score = "" if rng.random() < 0.03 else f"{rng.gauss(50, 15):.4f}"
            w.writerow([85248 + i, name, rng.choice(CITIES), f"{rng.uniform(1, 1000):.2f}", qty,
                        score, "true" if rng.random() < 0.5 else "false",
                        f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                        rng.choice(NOTES)])


if __name__ == "__main__":
    main()
