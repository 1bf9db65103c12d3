// Data engine benchmarks (issue 9): thread CPU time (Google Benchmark's CPU column).
//   BM_SortRows1M/<type>  sort_rows on 1,000,000 random rows of one column (int64, float64 with
//                         NaN and missing values, short categorical strings, long unique
//                         strings) and a two-key sort. Target: < 0.5 s.
//   BM_FormatCell         format_cell per cell (precision 2, thousands separators).
//   BM_ReadCsv            read_csv of the file named by $IMLIT_BENCH_CSV (skipped without it).
//                         scripts/bench_csv.sh runs it in alternating rounds with pandas.
//   BM_ReadCsvPeakRss     read_csv of $IMLIT_BENCH_CSV_BIG once; counters: peak resident memory
//                         of the process, the table's byte_size and the file's size (MB).
//                         Run it alone in its own process (the script does) so the peak is
//                         this read's.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <sys/resource.h>

#include "imlit/column_format.hpp"
#include "imlit/csv.hpp"
#include "imlit/dataframe.hpp"
#include "imlit/table_sort.hpp"

namespace {

constexpr std::size_t kSortRows = 1'000'000;
constexpr double kMiB = 1024.0 * 1024.0;

imlit::DataFrame sort_table() {
    std::mt19937_64 rng(9);
    std::vector<std::int64_t> ints(kSortRows);
    std::vector<double> reals(kSortRows);
    std::vector<std::string> cats(kSortRows), uniques(kSortRows);
    std::vector<bool> valid(kSortRows);
    const char* cities[] = {"Oslo",   "Bergen",  "Trondheim",   "Stavanger",
                            "Tromso", "Drammen", "Fredrikstad", "Kristiansand"};
    std::uniform_real_distribution<double> real(-1e6, 1e6);
    for (std::size_t i = 0; i < kSortRows; ++i) {
        ints[i] = std::int64_t(rng() % 100'000'000) - 50'000'000;
        reals[i] = i % 97 == 0 ? std::nan("") : real(rng);
        valid[i] = i % 31 != 0;
        cats[i] = cities[rng() % 8];
        uniques[i] = "customer-" + std::to_string(rng() % 10'000'000'000ull);
    }
    return imlit::DataFrame({
        imlit::Column::int64("int64", std::move(ints)),
        imlit::Column::float64("float64", std::move(reals), valid),
        imlit::Column::string("category", cats),
        imlit::Column::string("unique_string", uniques),
    });
}

const imlit::DataFrame& shared_table() {
    static const imlit::DataFrame df = sort_table();
    return df;
}

void BM_SortRows1M(benchmark::State& state, std::vector<imlit::SortKey> keys) {
    const imlit::DataFrame& df = shared_table();
    for (auto _ : state) {
        std::vector<imlit::RowIndex> order = imlit::sort_rows(df, keys);
        benchmark::DoNotOptimize(order.data());
    }
    state.counters["rows"] = double(df.rows());
}
BENCHMARK_CAPTURE(BM_SortRows1M, int64, {{"int64"}})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SortRows1M, float64_desc, {{"float64", imlit::SortDirection::descending}})
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SortRows1M, category, {{"category"}})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SortRows1M, unique_string, {{"unique_string"}})->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_SortRows1M, category_then_float64,
                  {{"category"}, {"float64", imlit::SortDirection::descending}})
    ->Unit(benchmark::kMillisecond);

void BM_FormatCell(benchmark::State& state) {
    const imlit::DataFrame& df = shared_table();
    const imlit::Column& col = df.column("float64");
    const imlit::ColumnOptions options{.precision = 2, .thousands = true};
    imlit::CellText buffer;
    std::size_t row = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(imlit::format_cell(col, row, options, buffer).data());
        row = row + 1 == col.size() ? 0 : row + 1;
    }
}
BENCHMARK(BM_FormatCell);

void BM_ReadCsv(benchmark::State& state) {
    const char* path = std::getenv("IMLIT_BENCH_CSV");
    if (!path) {
        state.SkipWithError("set IMLIT_BENCH_CSV to a CSV file (scripts/bench_csv.sh does)");
        return;
    }
    std::size_t rows = 0;
    for (auto _ : state) {
        imlit::DataFrame df = imlit::read_csv(path);
        rows = df.rows();
        benchmark::DoNotOptimize(&df);
    }
    state.counters["rows"] = double(rows);
    state.SetBytesProcessed(std::int64_t(state.iterations()) *
                            std::int64_t(std::filesystem::file_size(path)));
}
BENCHMARK(BM_ReadCsv)->Unit(benchmark::kMillisecond);

void BM_ReadCsvPeakRss(benchmark::State& state) {
    const char* path = std::getenv("IMLIT_BENCH_CSV_BIG");
    if (!path) {
        state.SkipWithError("set IMLIT_BENCH_CSV_BIG to a big CSV file (scripts/bench_csv.sh)");
        return;
    }
    struct rusage before {};
    ::getrusage(RUSAGE_SELF, &before);
    std::size_t table = 0, rows = 0;
    for (auto _ : state) {
        imlit::DataFrame df = imlit::read_csv(path);
        table = imlit::byte_size(df);
        rows = df.rows();
    }
    struct rusage after {};
    ::getrusage(RUSAGE_SELF, &after);
    state.counters["rows"] = double(rows);
    state.counters["file_mb"] = double(std::filesystem::file_size(path)) / kMiB;
    state.counters["table_mb"] = double(table) / kMiB;
    state.counters["peak_rss_mb"] = double(after.ru_maxrss) / 1024.0; // ru_maxrss: KiB
    state.counters["rss_before_mb"] = double(before.ru_maxrss) / 1024.0;
}
BENCHMARK(BM_ReadCsvPeakRss)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace
