// imlit internal — what a chart command carries and what a chart remembers between frames.
//
//   ChartSpec    every option of every chart kind, in one struct (the public options structs
//                convert to it in elements.cpp, the one conversion point)
//   ChartPrep    per-series facts computed from the data (x order, ranges, validity, histogram
//                bins): once per recording, or per frame for charts made in the frame
//   ChartState   legend (hidden series) and zoom/pan of one chart, kept in the session by id
//
// Index
//   [SECTION] Kinds and spec
//   [SECTION] Prepared data
//   [SECTION] Per-chart state
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "imlit/ui.hpp"
#include "ui/chart_math.hpp"

namespace imlit::detail {

// [SECTION] Kinds and spec -------------------------------------------------------------------

enum class ChartKind : std::uint8_t { line, area, bar, scatter, histogram };

// "line_chart", "area_chart", "bar_chart", "scatter_chart", "histogram": the element's kind.
const char* chart_kind_name(ChartKind kind);

struct ChartSpec {
    ChartKind kind = ChartKind::line;
    std::string_view key = {};
    std::string_view title = {};
    float height = 220;
    std::string_view x_label = {};
    std::string_view y_label = {};
    bool legend = true;
    bool interactive = true;
    bool stacked = false;                         // area, bar
    float point_size = 3;                         // scatter
    int bins = 0;                                 // histogram
    std::span<const double> edges = {};           // histogram
    int max_bins = 200;                           // histogram
    std::span<const std::string> categories = {}; // bar
};

// [SECTION] Prepared data --------------------------------------------------------------------

struct SeriesPrep {
    bool valid = false; // drawable (else `error` says why, shown in place)
    std::string error;  // "" when valid
    XOrder order = XOrder::index;
    DataRange x, y;                  // finite values (x: of points whose y is finite too)
    std::vector<std::size_t> counts; // histogram: count per bin (prep.edges)
    std::size_t ignored = 0;         // histogram: NaN / inf values left out
};

struct ChartPrep {
    std::vector<SeriesPrep> series; // one per series, same order
    std::vector<double> edges;      // histogram: shared bin edges (empty: no finite value)
    std::string error;              // a chart-wide problem ("no series", bad edges); "" if none
};

// Fills `prep` for `series` drawn as `spec` (reusing its storage). Never throws: problems are
// written to prep.error / prep.series[i].error.
void prepare_chart(const ChartSpec& spec, std::span<const Series> series, ChartPrep& prep);

// The legend name of series i: its name, or "series N" (1-based) written to buf.
std::string_view series_label(const Series& s, std::size_t index, char* buf, std::size_t size);

// [SECTION] Per-chart state ------------------------------------------------------------------

// The spec fields a ChartPrep depends on, to tell whether a kept prep still fits.
struct PrepKey {
    ChartKind kind = ChartKind::line;
    bool stacked = false;
    int bins = 0, max_bins = 0;
    std::size_t categories = 0;
    std::vector<double> edges;
    bool matches(const ChartSpec& spec) const;
    void set(const ChartSpec& spec);
};

// What the user did to one chart; lives in the session (UI thread only).
struct ChartState {
    bool zoom_x = false, zoom_y = false; // a view of the user's choosing on this axis
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    bool dragging = false;           // a pan that started on the plot is under way
    std::vector<std::string> hidden; // legend labels of hidden series
    std::uint64_t last_frame = 0;    // session frame that last drew it (pruning)
    // A chart drawn in the frame from a SharedSeries (immutable): its prep, computed once and
    // kept while the same data (same owner) and spec come back. Weak: the state does not keep
    // the data alive, and an expired owner never matches a new one.
    std::weak_ptr<const std::vector<Series>> prep_owner;
    PrepKey prep_key;
    std::unique_ptr<ChartPrep> prep;

    bool is_hidden(std::string_view label) const;
    void toggle(std::string_view label);
    void reset_view() { zoom_x = zoom_y = false; }
    // The kept prep for `data` drawn as `spec`, computed on a miss.
    const ChartPrep& shared_prep(const ChartSpec& spec, const SharedSeries& data);
};

// Chart states by chart id. Entries not drawn for kChartStateIdleFrames frames are dropped
// once more than kChartStatePruneAt charts are known, so pages that make charts under ever new
// ids do not grow it without bound.
inline constexpr std::size_t kChartStatePruneAt = 1024;
inline constexpr std::uint64_t kChartStateIdleFrames = 600;
struct ChartStates {
    std::unordered_map<std::uint64_t, ChartState> by_id;
    ChartState& at(std::uint64_t id, std::uint64_t frame);
};

} // namespace imlit::detail
