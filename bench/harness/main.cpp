// imlit_perf — the benchmark harness behind docs/performance.md (scripts/bench.sh runs it).
//
//   imlit_perf [--quick] [--only hash|cache|replay|table|chart] [--markdown FILE]
//
// Prints one line per case and, with --markdown, writes the results table to FILE. Build in
// Release (-DCMAKE_BUILD_TYPE=Release -DIMLIT_BUILD_BENCH=ON); see measure.hpp for the method.
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <string>
#include <thread>

#include "cases.hpp"
#include "imlit/detail/xxh3_wide.hpp"

int main(int argc, char** argv) {
    using namespace imlit::bench;
    Options options;
    std::string only, markdown;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick") {
            options.quick = true;
        } else if (a == "--only" && i + 1 < argc) {
            only = argv[++i];
        } else if (a == "--markdown" && i + 1 < argc) {
            markdown = argv[++i];
        } else {
            std::fprintf(
                stderr,
                "usage: %s [--quick] [--only hash|cache|replay|table|chart] [--markdown FILE]\n",
                argv[0]);
            return 2;
        }
    }
    // An imlit app always runs other threads (the body font is built on one, loads run on
    // workers), and libstdc++ counts shared_ptr references with plain additions until a
    // process starts its first thread: start one, so both sides of every case count references
    // the way they do in an app (atomically).
    std::thread([] {}).join();
    std::printf("imlit_perf: thread CPU time, medians of alternating A/B rounds; XXH3 bulk "
                "variant: %s\n",
                imlit::detail::xxh3_variant_name(imlit::detail::xxh3_wide_variant()));
    Report report;
    try {
        if (only.empty() || only == "hash") run_hash_cases(report, options);
        if (only.empty() || only == "cache") run_cache_cases(report, options);
        if (only.empty() || only == "replay") run_replay_cases(report, options);
        if (only.empty() || only == "table") run_table_cases(report, options);
        if (only.empty() || only == "chart") run_chart_cases(report, options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "imlit_perf: %s\n", e.what());
        return 1;
    }
    if (!markdown.empty()) {
        std::ofstream out(markdown);
        out << report.markdown();
        if (!out) {
            std::fprintf(stderr, "imlit_perf: cannot write %s\n", markdown.c_str());
            return 1;
        }
    }
    return 0;
}
