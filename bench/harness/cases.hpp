// imlit bench harness — the groups of cases (each adds its rows to the report).
#pragma once

#include <string>

#include "measure.hpp"

namespace imlit::bench {

struct Options {
    bool quick = false; // fewer rounds and smaller sizes (a smoke run, not for the doc)
};

void run_hash_cases(Report& report, const Options& options);
void run_cache_cases(Report& report, const Options& options);
void run_replay_cases(Report& report, const Options& options);
void run_table_cases(Report& report, const Options& options);
void run_chart_cases(Report& report, const Options& options);

} // namespace imlit::bench
