// imlit internal — the arithmetic of charts, as pure functions (no Dear ImGui): data ranges,
// nice axis ticks and their labels, min/max decimation of a series to the pixel width,
// histogram bins, and stacking for area and bar charts. Non-finite values (NaN, +-inf) never
// crash anything here: ranges ignore them, decimation turns them into gaps, histograms count
// them as ignored, stacks leave a gap.
//
// Index
//   [SECTION] Data range
//   [SECTION] Nice axes
//   [SECTION] Decimation
//   [SECTION] Histogram
//   [SECTION] Stacking
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

namespace imlit::detail {

// [SECTION] Data range -----------------------------------------------------------------------

// The smallest and largest finite value seen, and how many finite values there were.
struct DataRange {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
    std::size_t count = 0;
    bool empty() const noexcept { return count == 0; }
    void add(double v) noexcept {
        if (!(v - v == 0)) return; // NaN or inf
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        ++count;
    }
    void add(const DataRange& r) noexcept {
        if (r.empty()) return;
        lo = r.lo < lo ? r.lo : lo;
        hi = r.hi > hi ? r.hi : hi;
        count += r.count;
    }
};

// The range of the finite values (NaN and inf ignored).
DataRange finite_range(std::span<const double> values) noexcept;

// [SECTION] Nice axes ------------------------------------------------------------------------

// An axis: its range and ticks at multiples of a 1, 2 or 5 x 10^k step.
struct AxisScale {
    double lo = 0, hi = 1;   // the range the axis shows
    double step = 0;         // distance between ticks
    std::int64_t first = 0;  // the first tick is first * step
    int count = 0;           // number of ticks, all inside [lo, hi]
    int decimals = 0;        // digits after the point a fixed-notation label needs
    bool scientific = false; // labels in scientific notation (very large or small magnitudes)
    int significant = 1;     // significant digits of a scientific label
    bool grouped = false;    // fixed labels group thousands with commas (1,250,000): set when
                             // the axis reaches 10,000, so all its labels agree (2,500 next to
                             // 10,000) while 4-digit axes (years: 2024) stay plain
    double tick(int i) const noexcept { return double(first + i) * step; }
};

// An axis for the data range [lo, hi] with at most max_ticks ticks (max_ticks < 2 counts as 2).
// Robust for any input: a non-finite end is replaced by the other end ([0, 1] when both are);
// lo > hi is swapped; a zero-width range (or one too narrow for doubles to tell ticks apart)
// is widened around its value; a range within 1e-305 of zero counts as [0, 0]; ranges up to
// the limits of double (+-1.8e308) work.
// snap = true: lo and hi are moved outward to the nearest ticks (a bar chart's value axis
// starting at a tick); false: the axis shows exactly [lo, hi].
AxisScale nice_axis(double lo, double hi, int max_ticks, bool snap = false);

// The label of value v on `axis` (normally axis.tick(i)) written to buf; returns its view.
// Fixed notation with axis.decimals digits (thousands grouped with commas when axis.grouped:
// "1,250,000", "-12,500.5"), or scientific with axis.significant digits; a value within a
// billionth of a step of zero is "0" (never "-0" or "1e-17").
std::string_view format_tick(double v, const AxisScale& axis, char* buf, std::size_t size);

// [SECTION] Decimation -----------------------------------------------------------------------

// How a series' x values are ordered; decides how decimate_min_max buckets points.
enum class XOrder : std::uint8_t {
    index,     // no x values: x = 0, 1, 2, ...
    ascending, // finite and non-decreasing: buckets are pixel columns, the view is searched
    unordered, // anything else: buckets are runs of consecutive indices
};
// x's order (one pass; compute it once per series, not per frame).
XOrder x_order(std::span<const double> x) noexcept;

inline constexpr std::size_t kGap = std::numeric_limits<std::size_t>::max();

// The indices [begin, end) of a series' points whose x lies in [lo, hi] (finite, lo <= hi):
// found by binary search when x ascends, by arithmetic when x is the index (`n` points); for
// unordered x, all n (the caller tests each point).
struct IndexRange {
    std::size_t begin = 0, end = 0;
};
IndexRange x_index_range(std::span<const double> x, XOrder order, std::size_t n, double lo,
                         double hi) noexcept;

// Reduces a series to what `pixels` columns showing x in [x0, x1] can show: for each bucket,
// its lowest and highest point in their original order, so a polyline through the result looks
// like one through every point, with at most 2 points per bucket. Writes indices into x/y to
// `out` (cleared first; reuse it to avoid allocation), with kGap where the line breaks: at a
// non-finite y or x. Ascending x: points outside [x0, x1] are skipped except the nearest one
// on each side, so lines run to the plot's edge. x empty: x = index. `order` from x_order(x).
// Bad input (pixels < 1, x0 >= x1, x and y of different sizes) gives an empty `out`.
void decimate_min_max(std::span<const double> x, std::span<const double> y, XOrder order, double x0,
                      double x1, int pixels, std::vector<std::size_t>& out);

// [SECTION] Histogram ------------------------------------------------------------------------

inline constexpr int kMaxHistogramBins = 100'000; // more bins than any plot has pixels

struct BinOptions {
    int bins = 0;                   // 0: chosen from the data (below); else this many equal bins
                                    // spanning the data's range
    std::vector<double> edges = {}; // given bin edges (finite, increasing, at least 2); when set,
                                    // `bins` is ignored
    int max_bins = 200;             // at most this many bins when they are chosen from the data
};

struct Histogram {
    std::vector<double> edges; // counts.size() + 1 increasing edges (empty: no data)
    std::vector<std::size_t>
        counts;              // bin i holds [edges[i], edges[i+1]); the last also edges.back()
    std::size_t ignored = 0; // NaN and inf values (not counted)
    std::size_t outside = 0; // finite values outside given edges (not counted)
};

// Bins the finite values. Chosen from the data: the Freedman-Diaconis width 2 IQR / n^(1/3)
// rounded up to a 1, 2 or 5 x 10^k step, edges at multiples of it, at most max_bins bins
// (wider steps otherwise); when the IQR is 0, Sturges' rule (log2(n) + 1 bins) over the range;
// all values equal: one bin of width 1 centred on them. No finite value: empty edges and
// counts. Throws std::invalid_argument for bins outside 0..kMaxHistogramBins, max_bins outside
// 1..kMaxHistogramBins, or bad edges.
Histogram histogram(std::span<const double> values, const BinOptions& options = {});

// [SECTION] Stacking -------------------------------------------------------------------------

// One series' band in a stacked chart: it is drawn between lower[i] and upper[i].
struct StackedBand {
    std::vector<double> lower, upper;
};

// Stacks series of equal length (stacked area and bar charts), in series order: at each x,
// positive values stack upward from 0 and negative values downward from 0. A non-finite
// value adds nothing and its band has NaN there (a gap). Throws std::invalid_argument when
// the series differ in length, naming both series (by index) and their lengths.
std::vector<StackedBand> stack_series(std::span<const std::span<const double>> series);

} // namespace imlit::detail
