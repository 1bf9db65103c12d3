// imlit bench harness — chart cases (issue 9: "frame time with a 1,000,000-row table and a
// 1,000,000-point chart on one page: p99 under 8 ms, headless, thread CPU time").
//
// Whole frames of a production-like headless session (headless.hpp), 1280 x 900: a page with a
// 1,000,000-row table and a 1,000,000-point line chart (x ascending, a few NaN gaps), made
// (a) in the frame from a SharedSeries, (b) in the frame from a plain span, and (c) inside a
// cached loader (replayed); and, for information, a scatter chart of the same points from a
// SharedSeries and from a span. Each frame is timed on its own with the thread CPU clock; the
// rows give the median and the p99 over all frames. The pages' frames alternate, so a slow
// spell of the shared machine reaches all of them alike. Each page's chart has its own key, as
// separate pages' charts would: a chart keeps its marks reduced to the view (ChartMarks) in its
// state, and data sources taking turns under one id would recompute them every frame.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "cases.hpp"
#include "headless.hpp"
#include "imlit/cache.hpp"
#include "imlit/ui.hpp"

namespace imlit::bench {
namespace {

constexpr std::size_t kRows = 1000000;
constexpr std::size_t kPoints = 1000000;
constexpr double kTargetP99Ns = 8e6;

imlit::Table million_row_table() {
    imlit::Table t;
    std::vector<double> id(kRows), value(kRows);
    for (std::size_t i = 0; i < kRows; ++i) {
        id[i] = double(i);
        value[i] = std::sin(double(i) * 0.001) * 100;
    }
    t.columns.push_back({"id", std::move(id)});
    t.columns.push_back({"value", std::move(value)});
    return t;
}

std::vector<imlit::Series> million_point_series() {
    imlit::Series s{
        .name = "signal", .y = std::vector<double>(kPoints), .x = std::vector<double>(kPoints)};
    for (std::size_t i = 0; i < kPoints; ++i) {
        s.x[i] = double(i) * 0.01;
        s.y[i] = std::sin(double(i) * 1e-4) + 0.2 * std::sin(double(i) * 0.37);
    }
    for (std::size_t i = 1; i < 10; ++i) // a few gaps
        s.y[i * kPoints / 10] = std::numeric_limits<double>::quiet_NaN();
    return {std::move(s)};
}

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

} // namespace

void run_chart_cases(Report& report, const Options& options) {
    const imlit::Table table = million_row_table();
    const auto shared = std::make_shared<const std::vector<imlit::Series>>(million_point_series());
    const std::vector<imlit::Series>& plain = *shared;
    auto cached_chart = imlit::cache_data(
        [&plain] {
            imlit::line_chart(plain, {.key = "cached", .title = "signal", .height = 300});
            return 0;
        },
        {.blocking = true});

    struct Page {
        const char* id;
        const char* what;
        std::function<void()> chart;
        std::vector<double> ns;
        bool targeted = true; // the p99 < 8 ms applies (else: information)
    };
    std::vector<Page> pages;
    pages.push_back(
        {"chart.table_1m_line_1m_shared",
         "page: 1,000,000-row table + 1,000,000-point line_chart(SharedSeries) in the "
         "frame",
         [&] { imlit::line_chart(shared, {.key = "shared", .title = "signal", .height = 300}); },
         {}});
    pages.push_back(
        {"chart.table_1m_line_1m_span",
         "page: 1,000,000-row table + 1,000,000-point line_chart(span) in the frame",
         [&] { imlit::line_chart(plain, {.key = "span", .title = "signal", .height = 300}); },
         {}});
    pages.push_back({"chart.table_1m_line_1m_cached",
                     "page: 1,000,000-row table + 1,000,000-point line_chart replayed from a "
                     "cached loader",
                     [&] { (void)cached_chart(); },
                     {}});

    // Scatter charts of the same million points (information: the target is the line chart's).
    // A SharedSeries keeps its picked markers and only draws them; a span picks them every
    // frame (one marker per marker-sized cell).
    const auto scatter_shared =
        std::make_shared<const std::vector<imlit::Series>>(million_point_series());
    pages.push_back(
        {"chart.table_1m_scatter_1m_shared",
         "page: 1,000,000-row table + 1,000,000-point scatter_chart(SharedSeries) in the frame",
         [&] {
             imlit::scatter_chart(scatter_shared,
                                  {.key = "scatter_shared", .title = "signal", .height = 300});
         },
         {},
         false});
    pages.push_back({"chart.table_1m_scatter_1m_span",
                     "page: 1,000,000-row table + 1,000,000-point scatter_chart(span) in the frame",
                     [&] {
                         imlit::scatter_chart(
                             plain, {.key = "scatter_span", .title = "signal", .height = 300});
                     },
                     {},
                     false});

    HeadlessApp app(1280, 900);
    const int frames = options.quick ? 20 : 300;
    for (Page& p : pages) {
        p.ns.reserve(std::size_t(frames));
        const auto body = [&] {
            imlit::table(table, {.height = 300});
            p.chart();
        };
        for (int i = 0; i < 3; ++i) // warm: records, sizes the table, fills caches
            app.frame(body);
    }
    for (int f = 0; f < frames; ++f)
        for (Page& p : pages) {
            const auto body = [&] {
                imlit::table(table, {.height = 300});
                p.chart();
            };
            const double t0 = thread_cpu_ns();
            app.frame(body);
            p.ns.push_back(thread_cpu_ns() - t0);
        }
    for (Page& p : pages) {
        const double median = percentile(p.ns, 0.5), p99 = percentile(p.ns, 0.99);
        report.add({p.id, p.what, "p99 " + fmt_time(p99),
                    "median " + fmt_time(median) + ", max " +
                        fmt_time(*std::max_element(p.ns.begin(), p.ns.end())) + ", " +
                        std::to_string(p.ns.size()) + " frames",
                    p.targeted ? "p99 < 8 ms" : "", !p.targeted || p99 < kTargetP99Ns});
    }
}

} // namespace imlit::bench
