// imlit bench harness — measurement: thread CPU time, A/B pairs in alternating rounds, medians.
//
// Every documented figure is a ratio of two code paths measured in the same process: A and B
// run alternately (A, B, A, B, ...) in `rounds` rounds of `iters` iterations each (a round may
// itself alternate A and B in `slices` slices), timed with
// the calling thread's CPU clock (CLOCK_THREAD_CPUTIME_ID: time this thread ran, not time it
// waited for the other helpers' builds on the shared 2-core machine). A round's ratio is
// A/B of that round; the figure is the median of the round ratios (with min and max), so a
// slow spell of the machine shifts both sides of a round alike and never one side only.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace imlit::bench {

// Nanoseconds of CPU time this thread has used.
double thread_cpu_ns();

// Keeps `value` alive for the optimiser (an opaque use).
template <class T>
inline void keep(const T& value) {
    asm volatile("" : : "r,m"(value) : "memory");
}

struct PairOptions {
    int rounds = 15; // A, B, A, B, ... this many of each
    long iters = 1;  // body calls per round and side (cost per iteration = time / iters)
    int warmup = 1;  // untimed rounds first
    // Within a round, A and B alternate this many times (iters / slices calls each time), so
    // both sides of a round meet the same machine even when one side is cheap and noisy.
    int slices = 1;
};

struct PairResult {
    double a_ns = 0;  // median ns per iteration of A
    double b_ns = 0;  // median ns per iteration of B
    double ratio = 0; // median over rounds of (A / B)
    double ratio_min = 0, ratio_max = 0;
    double diff_ns = 0; // median over rounds of (A - B) per iteration
    int rounds = 0;
};

// Times a(iters) and b(iters) in alternating rounds. Each callable runs its body `iters` times.
PairResult compare(const PairOptions& options, const std::function<void(long)>& a,
                   const std::function<void(long)>& b);

// One row of the results table.
struct Row {
    std::string id;     // stable key, e.g. "hash.doubles_64mib"
    std::string what;   // what A and B are, for the doc
    std::string figure; // the measured figure as shown, e.g. "0.97x (0.93-1.01)"
    std::string detail; // absolute medians, e.g. "A 11.2 ms, B 10.9 ms"
    std::string target; // the DESIGN §7 / issue target, "" for information only
    bool met = true;    // figure within target (true when there is no target)
};

// Collected rows, printed as they come and written as a markdown table at the end.
class Report {
public:
    void add(Row row);
    const std::vector<Row>& rows() const { return rows_; }
    std::string markdown() const;

private:
    std::vector<Row> rows_;
};

// Formatting helpers for rows.
std::string fmt_ratio(const PairResult& r); // "1.02x (0.98-1.05)"
std::string fmt_speed(const PairResult& r); // B/A as a speed ratio: "0.97x (0.93-1.01)"
std::string fmt_time(double ns);            // "43 ns", "1.25 us", "11.2 ms"

} // namespace imlit::bench
