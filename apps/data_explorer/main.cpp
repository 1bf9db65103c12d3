// data_explorer — explore a CSV file: filter it from the sidebar, see metrics, a chart and a
// sortable table of the matching rows, save them as CSV.
//
//   ./data_explorer                 a generated 200,000-row sample (written once to the cache
//                                   directory: $XDG_CACHE_HOME/imlit or ~/.cache/imlit)
//   ./data_explorer sales.csv       that file
//   ./data_explorer --rows 50000    a sample of another size
#include <charconv>
#include <cstdio>
#include <string>

#include <imlit/imlit.hpp>

#include "page.hpp"

namespace {

constexpr std::size_t kSampleRows = 200'000;
constexpr long kMinRows = 1, kMaxRows = 50'000'000;
// --sort, --min and --chart wait at most this many frames for the page's widgets.
constexpr int kFlagFrames = 6000;

std::optional<long> whole_number(std::string_view s) {
    long n = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return n;
}

} // namespace

int main(int argc, char** argv) {
    data_explorer::PageOptions page;
    const imlit::AppOptions options{
        .title = "Data explorer",
        .width = 1400,
        .height = 900,
        .usage = "[flags] [FILE.csv]   (no FILE: a generated sample)",
        .flags = {
            {.name = "--rows",
             .value = "N",
             .help = "rows of the generated sample (default 200000)",
             .check =
                 [](std::string_view v) {
                     const auto n = whole_number(v);
                     return n && *n >= kMinRows && *n <= kMaxRows
                                ? std::string()
                                : fmt::format("needs a whole number in {}..{}, got '{}'", kMinRows,
                                              kMaxRows, v);
                 }},
            {.name = "--sort",
             .value = "ORDER",
             .help = "start with the table sorted, e.g. \"revenue descending\""},
            {.name = "--min", .value = "X", .help = "start with this minimum on the value column"},
            {.name = "--chart",
             .value = "KIND",
             .help = "start with this chart type (line, bar, area, scatter, histogram)"}}};
    int frame = 0;
    bool flags_pending = true;
    return imlit::run(argc, argv, options, [&, first = true]() mutable {
        if (first) { // run() has parsed the command line by now
            first = false;
            if (!imlit::app_args().empty()) {
                page.path = imlit::app_args().front();
            } else {
                std::size_t rows = kSampleRows;
                if (auto v = imlit::app_flag("--rows"))
                    rows = static_cast<std::size_t>(*whole_number(*v));
                page.path = data_explorer::sample_path(rows);
                try {
                    data_explorer::ensure_sample_file(page.path, rows);
                } catch (const std::exception& e) {
                    std::fprintf(stderr, "data_explorer: %s\n", e.what());
                }
            }
        }
        data_explorer::page(page);
        // The start state of the widgets, once they are shown (the data has loaded). Until
        // then set_widget does not know them; after kFlagFrames frames the error is reported.
        if (flags_pending) {
            try {
                if (auto v = imlit::app_flag("--sort")) imlit::set_widget("rows", *v);
                if (auto v = imlit::app_flag("--min"))
                    imlit::set_widget("threshold", std::stod(*v));
                if (auto v = imlit::app_flag("--chart")) imlit::set_widget("chart", *v);
                flags_pending = false;
            } catch (const std::exception& e) {
                if (++frame >= kFlagFrames) {
                    std::fprintf(stderr, "data_explorer: %s\n", e.what());
                    flags_pending = false;
                }
            }
        }
    });
}
