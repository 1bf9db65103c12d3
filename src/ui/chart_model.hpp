// imlit internal — what a chart command carries and what a chart remembers between frames.
//
//   ChartSpec    every option of every chart kind, in one struct (the public options structs
//                convert to it in elements.cpp, the one conversion point)
//   ChartPrep    per-series facts computed from the data (x order, ranges, validity, histogram
//                bins): once per recording, or per frame for charts made in the frame
//   ChartState   legend (hidden series) and zoom/pan of one chart, kept in the session by id,
//                with its marks reduced to the view (ChartMarks) while data and view stay
//
// Index
//   [SECTION] Kinds and spec
//   [SECTION] Prepared data
//   [SECTION] Kept marks
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
    // Non-zero: this prep was made from data and a spec that never change while it lives (a
    // recording's, or a SharedSeries' kept in its chart state), and no other prep of the process
    // has the same serial, so marks reduced from it may be kept (ChartMarks). 0: data made in the
    // frame, which may change in place between frames: its marks are reduced every frame.
    std::uint64_t serial = 0;
};

// A serial for a prep of immutable data: process-wide unique, never 0 (thread-safe).
std::uint64_t next_prep_serial() noexcept;

// Fills `prep` for `series` drawn as `spec` (reusing its storage), with serial 0. Never
// throws: problems are written to prep.error / prep.series[i].error.
void prepare_chart(const ChartSpec& spec, std::span<const Series> series, ChartPrep& prep);

// The legend name of series i: its name, or "series N" (1-based) written to buf.
std::string_view series_label(const Series& s, std::size_t index, char* buf, std::size_t size);

// [SECTION] Kept marks -----------------------------------------------------------------------
//
// Reducing a series to the plot (decimating a line, picking the scatter markers that show) is
// O(n) in the points in view: 1,000,000 points cost milliseconds. A chart keeps the result in
// its state with what it was computed for, and the next frame reuses it when nothing it
// depends on changed, so an unchanged chart does no O(n) work per frame; a zoom, pan, resize,
// legend click or new data recomputes it once.

// What kept marks were computed for. Never matches a prep with serial 0.
struct MarksKey {
    std::uint64_t serial = 0; // ChartPrep::serial (0: nothing kept)
    double x0 = 0, x1 = 0, y0 = 0, y1 = 0;
    float width = 0, height = 0, point_size = 0;
    std::vector<char> shown; // per series: drawn (valid and not hidden)

    bool matches(std::uint64_t serial, double x0, double x1, double y0, double y1, float width,
                 float height, float point_size, std::span<const char> shown) const;
    void set(std::uint64_t serial, double x0, double x1, double y0, double y1, float width,
             float height, float point_size, std::span<const char> shown);
};

struct ChartMarks {
    // fit_marks: for the x view and pixel width, the y range the marks need and (lines, areas)
    // the decimated points of each series (kGap: a break).
    MarksKey fit_key;
    DataRange fitted;
    std::vector<std::vector<std::size_t>> lines;
    // Scatter: for the x and y view and plot size, the points of each series that get a marker
    // (the first in each marker-sized cell).
    MarksKey scatter_key;
    std::vector<std::vector<std::size_t>> markers;
};

// Passes that reduced a chart's points to the view (a line or area decimated, scatter markers
// picked), counted process-wide. Tests watch it: an unchanged chart adds none.
std::uint64_t chart_reduction_passes() noexcept;
void count_chart_reduction_pass() noexcept;

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
    ChartMarks marks; // the marks reduced to the last view drawn

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
