// imlit — the marks of each chart kind. See render_chart_marks.hpp.
//
// Index
//   [SECTION] Palette and helpers
//   [SECTION] Ranges (home_x, fit_marks)
//   [SECTION] Lines and areas
//   [SECTION] Bars and histogram bins
//   [SECTION] Scatter markers
//   [SECTION] draw_marks
//   [SECTION] Hover readout
#include "ui/render_chart_marks.hpp"

#include "ui/render_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace imlit::detail {

// [SECTION] Palette and helpers --------------------------------------------------------------

namespace {

// Tableau 10: mid-luminance hues that keep their contrast on dark and light backgrounds.
constexpr ImU32 kPalette[] = {
    IM_COL32(31, 119, 180, 255),  IM_COL32(255, 127, 14, 255),  IM_COL32(44, 160, 44, 255),
    IM_COL32(214, 39, 40, 255),   IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255),
    IM_COL32(227, 119, 194, 255), IM_COL32(127, 127, 127, 255), IM_COL32(188, 189, 34, 255),
    IM_COL32(23, 190, 207, 255),
};
constexpr std::size_t kPaletteSize = sizeof kPalette / sizeof kPalette[0];

constexpr float kLineThickness = 1.5f;
constexpr float kAreaFillAlpha = 0.35f;      // overlaid areas: see the ones behind
constexpr float kStackedFillAlpha = 0.75f;   // stacked areas do not overlap
constexpr float kHistogramFillAlpha = 0.55f; // overlaid histograms
constexpr double kBarSlot = 0.8;             // share of a category's width its bars take
constexpr float kHoverPickRadius = 24;       // scatter: how near a marker the mouse must be
constexpr float kHoverDot = 3.5f;            // radius of the highlighted point

bool finite(double v) {
    return v - v == 0;
}

double x_of(const Series& s, std::size_t i) {
    return s.x.empty() ? double(i) : s.x[i];
}

// Per-thread scratch: reused every frame, so a warm frame does not allocate.
struct MarkScratch {
    std::vector<ImVec2> line;
    std::vector<std::uint64_t> cells; // scatter: occupied marker cells (bitmap)
};
MarkScratch& scratch() {
    thread_local MarkScratch s;
    return s;
}

// A series' line as Dear ImGui polylines. Dear ImGui joins a polyline's segments with mitres
// and caps a mitre's length, so at a turn sharper than about 168 degrees (a spike of a
// decimated series: up in one pixel column, down in the next) both edges of the stroke meet
// near the centre line and the segments either side draw as slivers: the spike shows as a
// loose dot at its tip. Below that cap a sharp turn's mitre still overshoots the point (up to
// ten half-widths past a peak). So a turn sharper than kSplitTurnCos (120 degrees: a mitre of
// at most two half-widths) ends one polyline and starts the next at the same point.
constexpr float kSplitTurnCos = -0.5f;

void stroke_line(ImDrawList* dl, const ImVec2* p, int n, ImU32 col, float thickness) {
    int start = 0;
    for (int i = 1; i + 1 < n; ++i) {
        const float ax = p[i].x - p[i - 1].x, ay = p[i].y - p[i - 1].y;
        const float bx = p[i + 1].x - p[i].x, by = p[i + 1].y - p[i].y;
        const float dot = ax * bx + ay * by; // |a| |b| cos(turn)
        if (dot < 0 &&
            dot * dot > kSplitTurnCos * kSplitTurnCos * (ax * ax + ay * ay) * (bx * bx + by * by)) {
            dl->AddPolyline(p + start, i - start + 1, col, 0, thickness);
            start = i;
        }
    }
    dl->AddPolyline(p + start, n - start, col, 0, thickness);
}

// A filled quad without anti-aliased fringe (bands and bars are many; edges are axis-aligned
// or covered by an outline).
void fill_quad(ImDrawList* dl, ImVec2 a, ImVec2 b, ImVec2 c, ImVec2 d, ImU32 col) {
    dl->PrimReserve(6, 4);
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    const ImDrawIdx base = ImDrawIdx(dl->_VtxCurrentIdx);
    dl->PrimWriteIdx(base);
    dl->PrimWriteIdx(ImDrawIdx(base + 1));
    dl->PrimWriteIdx(ImDrawIdx(base + 2));
    dl->PrimWriteIdx(base);
    dl->PrimWriteIdx(ImDrawIdx(base + 2));
    dl->PrimWriteIdx(ImDrawIdx(base + 3));
    dl->PrimWriteVtx(a, uv, col);
    dl->PrimWriteVtx(b, uv, col);
    dl->PrimWriteVtx(c, uv, col);
    dl->PrimWriteVtx(d, uv, col);
}

// Stacked area/bar: the band of series s at index i, as [lower, upper]. Positive values stack
// upward from 0 and negative ones downward, over the shown series before s (stack_series' rule,
// computed per point so hiding a series in the legend restacks without a copy).
void band_at(const MarkInput& in, std::size_t s, std::size_t i, double& lower, double& upper) {
    const double v = in.series[s].y[i];
    lower = 0;
    if (in.spec.stacked) {
        const bool up = v >= 0;
        for (std::size_t t = 0; t < s; ++t) {
            if (!in.shown[t]) continue;
            const double w = in.series[t].y[i];
            if (finite(w) && (w >= 0) == up) lower += w;
        }
    }
    upper = lower + v;
}

// Index of the finite point of series s whose x is nearest to x (npos: none).
constexpr std::size_t npos = std::size_t(-1);
std::size_t nearest_by_x(const Series& s, XOrder order, double x) {
    const std::size_t n = s.y.size();
    if (n == 0) return npos;
    std::size_t guess = npos;
    if (order == XOrder::index) {
        guess = std::size_t(std::clamp(std::llround(x), 0ll, (long long)n - 1));
    } else if (order == XOrder::ascending) {
        std::size_t i = std::size_t(std::lower_bound(s.x.begin(), s.x.end(), x) - s.x.begin());
        if (i >= n) i = n - 1;
        if (i > 0 && std::abs(s.x[i - 1] - x) <= std::abs(s.x[i] - x)) --i;
        guess = i;
    }
    if (guess != npos && finite(s.y[guess])) return guess;
    // Unordered x, or the guess is a gap: the nearest finite point by a scan.
    std::size_t best = npos;
    double best_d = INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
        const double xi = x_of(s, i);
        if (!finite(s.y[i]) || !finite(xi)) continue;
        const double d = std::abs(xi - x);
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

std::size_t category_count(const MarkInput& in) {
    if (!in.spec.categories.empty()) return in.spec.categories.size();
    for (std::size_t i = 0; i < in.series.size(); ++i)
        if (in.prep.series[i].valid) return in.series[i].y.size();
    return 0;
}

// Index range [begin, end) of the categories or bins whose slot meets [x0, x1].
struct IndexRange {
    std::size_t begin = 0, end = 0;
};
IndexRange categories_in_view(std::size_t n, double x0, double x1) {
    const double b = std::max(0.0, std::ceil(x0 - 0.5));
    const double e = std::min(double(n), std::floor(x1 + 0.5) + 1);
    if (!(e > b)) return {};
    return {std::size_t(b), std::size_t(e)};
}
IndexRange bins_in_view(const std::vector<double>& edges, double x0, double x1) {
    if (edges.size() < 2) return {};
    const std::size_t bins = edges.size() - 1;
    auto b = std::size_t(std::upper_bound(edges.begin(), edges.end(), x0) - edges.begin());
    auto e = std::size_t(std::lower_bound(edges.begin(), edges.end(), x1) - edges.begin());
    b = b > 0 ? b - 1 : 0;
    e = std::min(e, bins);
    return b < e ? IndexRange{b, e} : IndexRange{};
}

// The bar of category k for shown series s (grouped: its place among the shown series).
void bar_extent(const MarkInput& in, std::size_t s, std::size_t k, std::size_t slot,
                std::size_t slots, double& left, double& right, double& lower, double& upper) {
    if (in.spec.stacked) {
        left = double(k) - kBarSlot / 2;
        right = double(k) + kBarSlot / 2;
        band_at(in, s, k, lower, upper);
    } else {
        const double w = kBarSlot / double(slots);
        left = double(k) - kBarSlot / 2 + w * double(slot);
        right = left + w;
        lower = 0;
        upper = in.series[s].y[k];
    }
}

std::size_t shown_count(const MarkInput& in) {
    std::size_t n = 0;
    for (char c : in.shown)
        n += c != 0;
    return n;
}

} // namespace

ImU32 series_color(const Series& s, std::size_t index) {
    if (s.color)
        return ImGui::ColorConvertFloat4ToU32(
            ImVec4(s.color->r, s.color->g, s.color->b, s.color->a));
    return kPalette[index % kPaletteSize];
}

// [SECTION] Ranges (home_x, fit_marks) -------------------------------------------------------

DataRange home_x(const MarkInput& in) {
    DataRange r;
    switch (in.spec.kind) {
    case ChartKind::bar: {
        const std::size_t n = category_count(in);
        if (n > 0) {
            r.add(-0.5);
            r.add(double(n) - 0.5);
        }
        return r;
    }
    case ChartKind::histogram:
        if (in.prep.edges.size() >= 2) {
            r.add(in.prep.edges.front());
            r.add(in.prep.edges.back());
        }
        return r;
    default:
        for (std::size_t i = 0; i < in.series.size(); ++i)
            if (in.shown[i]) r.add(in.prep.series[i].x);
        return r;
    }
}

namespace {

DataRange compute_fit(const MarkInput& in, double x0, double x1, int pixels, ChartMarks& marks) {
    if (marks.lines.size() < in.series.size()) marks.lines.resize(in.series.size());
    DataRange r;
    switch (in.spec.kind) {
    case ChartKind::line:
    case ChartKind::area: {
        const bool area = in.spec.kind == ChartKind::area;
        if (area) r.add(0);
        for (std::size_t s = 0; s < in.series.size(); ++s) {
            std::vector<std::size_t>& idx = marks.lines[s];
            idx.clear();
            if (!in.shown[s]) continue;
            const Series& ser = in.series[s];
            decimate_min_max(ser.x, ser.y, in.prep.series[s].order, x0, x1, pixels, idx);
            count_chart_reduction_pass();
            for (std::size_t i : idx) {
                if (i == kGap) continue;
                const double x = x_of(ser, i);
                if (x < x0 || x > x1) continue; // the one point kept beyond each edge
                if (area) {
                    double lo, hi;
                    band_at(in, s, i, lo, hi);
                    r.add(lo);
                    r.add(hi);
                } else {
                    r.add(ser.y[i]);
                }
            }
        }
        return r;
    }
    case ChartKind::bar: {
        r.add(0);
        const IndexRange v = categories_in_view(category_count(in), x0, x1);
        for (std::size_t s = 0; s < in.series.size(); ++s) {
            if (!in.shown[s]) continue;
            for (std::size_t k = v.begin; k < v.end; ++k) {
                if (!finite(in.series[s].y[k])) continue;
                double lo = 0, hi = in.series[s].y[k];
                if (in.spec.stacked) band_at(in, s, k, lo, hi);
                r.add(lo);
                r.add(hi);
            }
        }
        return r;
    }
    case ChartKind::scatter:
        for (std::size_t s = 0; s < in.series.size(); ++s)
            if (in.shown[s]) r.add(in.prep.series[s].y);
        return r;
    case ChartKind::histogram: {
        r.add(0);
        const IndexRange v = bins_in_view(in.prep.edges, x0, x1);
        for (std::size_t s = 0; s < in.series.size(); ++s) {
            if (!in.shown[s]) continue;
            const std::vector<std::size_t>& counts = in.prep.series[s].counts;
            for (std::size_t b = v.begin; b < v.end && b < counts.size(); ++b)
                r.add(double(counts[b]));
        }
        return r;
    }
    }
    return r;
}

} // namespace

DataRange fit_marks(const MarkInput& in, double x0, double x1, int pixels, ChartMarks& marks) {
    const float width = float(pixels);
    if (!marks.fit_key.matches(in.prep.serial, x0, x1, 0, 0, width, 0, 0, in.shown)) {
        marks.fitted = compute_fit(in, x0, x1, pixels, marks);
        marks.fit_key.set(in.prep.serial, x0, x1, 0, 0, width, 0, 0, in.shown);
    }
    return marks.fitted;
}

// [SECTION] Lines and areas ------------------------------------------------------------------

namespace {

std::size_t draw_line(ImDrawList* dl, const Series& s, const std::vector<std::size_t>& idx,
                      const PlotMap& map, ImU32 col) {
    std::vector<ImVec2>& line = scratch().line;
    std::size_t points = 0;
    auto flush = [&] {
        if (line.size() >= 2)
            stroke_line(dl, line.data(), int(line.size()), col, kLineThickness);
        else if (line.size() == 1) // an isolated point between gaps stays visible
            dl->AddCircleFilled(line[0], kLineThickness + 0.5f, col, 8);
        points += line.size();
        line.clear();
    };
    line.clear();
    for (std::size_t i : idx) {
        if (i == kGap)
            flush();
        else
            line.push_back(map.at(x_of(s, i), s.y[i]));
    }
    flush();
    return points;
}

std::size_t draw_area(ImDrawList* dl, const MarkInput& in, std::size_t s,
                      const std::vector<std::size_t>& idx, const PlotMap& map, ImU32 col) {
    const Series& ser = in.series[s];
    const ImU32 fill = with_alpha(col, in.spec.stacked ? kStackedFillAlpha : kAreaFillAlpha);
    std::vector<ImVec2>& outline = scratch().line;
    outline.clear();
    std::size_t points = 0;
    bool have_prev = false;
    ImVec2 prev_lo, prev_hi;
    auto flush = [&] {
        if (outline.size() >= 2)
            stroke_line(dl, outline.data(), int(outline.size()), col, kLineThickness);
        points += outline.size();
        outline.clear();
        have_prev = false;
    };
    for (std::size_t i : idx) {
        if (i == kGap) {
            flush();
            continue;
        }
        double lo, hi;
        band_at(in, s, i, lo, hi);
        const float x = map.sx(x_of(ser, i));
        const ImVec2 p_lo(x, map.sy(lo)), p_hi(x, map.sy(hi));
        if (have_prev) fill_quad(dl, prev_lo, p_lo, p_hi, prev_hi, fill);
        prev_lo = p_lo;
        prev_hi = p_hi;
        have_prev = true;
        outline.push_back(p_hi);
    }
    flush();
    return points;
}

} // namespace

// [SECTION] Bars and histogram bins -----------------------------------------------------------

namespace {

// Rectangles of one series, merged while they fall in one pixel column (thousands of bars in a
// narrow plot cost one rectangle per column, like a decimated line).
class BarBatch {
public:
    BarBatch(ImDrawList* dl, ImU32 col) : dl_(dl), col_(col) {}
    ~BarBatch() { flush(); }
    void add(ImVec2 a, ImVec2 b) { // any two opposite corners
        const float l = std::min(a.x, b.x), r = std::max(a.x, b.x);
        const float t = std::min(a.y, b.y), btm = std::max(a.y, b.y);
        if (open_ && r - l < 1 && std::floor(l) == column_) {
            top_ = std::min(top_, t);
            bottom_ = std::max(bottom_, btm);
            right_ = std::max(right_, r);
            return;
        }
        flush();
        open_ = true;
        column_ = std::floor(l);
        left_ = l;
        right_ = std::max(r, l + 1); // at least a pixel wide: thin bars stay visible
        top_ = t;
        bottom_ = std::max(btm, t + 1);
    }
    std::size_t rects() const { return rects_; }

private:
    void flush() {
        if (!open_) return;
        fill_quad(dl_, ImVec2(left_, top_), ImVec2(right_, top_), ImVec2(right_, bottom_),
                  ImVec2(left_, bottom_), col_);
        ++rects_;
        open_ = false;
    }
    ImDrawList* dl_;
    ImU32 col_;
    bool open_ = false;
    float column_ = 0, left_ = 0, right_ = 0, top_ = 0, bottom_ = 0;
    std::size_t rects_ = 0;
};

std::size_t draw_bars(ImDrawList* dl, const MarkInput& in, const PlotMap& map) {
    const IndexRange v = categories_in_view(category_count(in), map.x0, map.x1);
    const std::size_t slots = std::max<std::size_t>(1, shown_count(in));
    std::size_t rects = 0, slot = 0;
    for (std::size_t s = 0; s < in.series.size(); ++s) {
        if (!in.shown[s]) continue;
        BarBatch batch(dl, series_color(in.series[s], s));
        for (std::size_t k = v.begin; k < v.end; ++k) {
            if (!finite(in.series[s].y[k])) continue; // a gap: no bar
            double l, r, lo, hi;
            bar_extent(in, s, k, slot, slots, l, r, lo, hi);
            batch.add(map.at(l, lo), map.at(r, hi));
        }
        ++slot;
        rects += batch.rects();
    }
    return rects * 4;
}

std::size_t draw_histogram(ImDrawList* dl, const MarkInput& in, const PlotMap& map) {
    const IndexRange v = bins_in_view(in.prep.edges, map.x0, map.x1);
    const std::vector<double>& e = in.prep.edges;
    std::size_t rects = 0;
    for (std::size_t s = 0; s < in.series.size(); ++s) {
        if (!in.shown[s]) continue;
        const ImU32 col = series_color(in.series[s], s);
        const std::vector<std::size_t>& counts = in.prep.series[s].counts;
        {
            BarBatch batch(dl, with_alpha(col, kHistogramFillAlpha));
            for (std::size_t b = v.begin; b < v.end && b < counts.size(); ++b)
                if (counts[b] > 0) batch.add(map.at(e[b], 0), map.at(e[b + 1], double(counts[b])));
            rects += batch.rects();
        }
        // The outline of the counts as a step line, so overlaid series stay readable.
        std::vector<ImVec2>& step = scratch().line;
        step.clear();
        for (std::size_t b = v.begin; b < v.end && b < counts.size(); ++b) {
            const float y = map.sy(double(counts[b]));
            step.emplace_back(map.sx(e[b]), step.empty() ? map.sy(0) : step.back().y);
            step.emplace_back(map.sx(e[b]), y);
            step.emplace_back(map.sx(e[b + 1]), y);
        }
        if (!step.empty()) {
            step.emplace_back(step.back().x, map.sy(0));
            dl->AddPolyline(step.data(), int(step.size()), col, 0, 1.0f);
        }
    }
    return rects * 4;
}

} // namespace

// [SECTION] Scatter markers -------------------------------------------------------------------

namespace {

float marker_radius(const MarkInput& in, const Series& ser) {
    return ser.point_size > 0 ? ser.point_size : std::max(0.5f, in.spec.point_size);
}

// The points of series s that get a marker in `map`, in `out`: the first of each marker-sized
// cell (the others would be drawn over it), so a million points cost at most one marker per
// cell, and look the same.
void pick_markers(const MarkInput& in, std::size_t s, const PlotMap& map,
                  std::vector<std::size_t>& out) {
    const Series& ser = in.series[s];
    const float cell = std::max(1.0f, marker_radius(in, ser));
    const float w = map.max.x - map.min.x, h = map.max.y - map.min.y;
    const std::size_t cols = std::size_t(w / cell) + 1, rows = std::size_t(h / cell) + 1;
    std::vector<std::uint64_t>& bits = scratch().cells;
    bits.assign((cols * rows + 63) / 64, 0);

    const auto [begin, end] = // only the points in the x view (unordered x: all)
        x_index_range(ser.x, in.prep.series[s].order, ser.y.size(), map.x0, map.x1);
    // Cells per data unit, so a point's cell costs two multiplications (no division per point).
    // A comparison with NaN is false, so the range test also skips NaN; inf is outside the
    // (finite) view.
    const double x0 = map.x0, x1 = map.x1, y0 = map.y0, y1 = map.y1;
    const double cells_x = double(w) / (x1 - x0) / double(cell);
    const double cells_y = double(h) / (y1 - y0) / double(cell);
    const bool has_x = !ser.x.empty();
    const double* const xs = ser.x.data();
    const double* const ys = ser.y.data();
    for (std::size_t i = begin; i < end; ++i) {
        const double x = has_x ? xs[i] : double(i), y = ys[i];
        if (!(x >= x0 && x <= x1 && y >= y0 && y <= y1)) continue;
        const std::size_t cx = std::min(cols - 1, std::size_t((x - x0) * cells_x));
        const std::size_t cy = std::min(rows - 1, std::size_t((y1 - y) * cells_y));
        const std::size_t bit = cy * cols + cx;
        std::uint64_t& word = bits[bit / 64];
        const std::uint64_t mask = std::uint64_t(1) << (bit % 64);
        if (word & mask) continue;
        word |= mask;
        out.push_back(i);
    }
}

// Markers of every shown series; the picked points are kept in `marks` while the view, the
// plot's size and the data stay (cells are relative to the plot, so scrolling keeps them).
std::size_t draw_scatter(ImDrawList* dl, const MarkInput& in, const PlotMap& map,
                         ChartMarks& marks) {
    const float w = map.max.x - map.min.x, h = map.max.y - map.min.y;
    const float ps = in.spec.point_size;
    if (!marks.scatter_key.matches(in.prep.serial, map.x0, map.x1, map.y0, map.y1, w, h, ps,
                                   in.shown)) {
        if (marks.markers.size() < in.series.size()) marks.markers.resize(in.series.size());
        for (std::size_t s = 0; s < in.series.size(); ++s) {
            marks.markers[s].clear();
            if (!in.shown[s]) continue;
            pick_markers(in, s, map, marks.markers[s]);
            count_chart_reduction_pass();
        }
        marks.scatter_key.set(in.prep.serial, map.x0, map.x1, map.y0, map.y1, w, h, ps, in.shown);
    }
    std::size_t drawn = 0;
    for (std::size_t s = 0; s < in.series.size(); ++s) {
        if (!in.shown[s]) continue;
        const Series& ser = in.series[s];
        const float radius = marker_radius(in, ser);
        const ImU32 col = series_color(ser, s);
        const int segments = radius <= 3 ? 6 : 12;
        for (std::size_t i : marks.markers[s])
            dl->AddCircleFilled(map.at(x_of(ser, i), ser.y[i]), radius, col, segments);
        drawn += marks.markers[s].size();
    }
    return drawn;
}

} // namespace

// [SECTION] draw_marks -------------------------------------------------------------------------

std::size_t draw_marks(ImDrawList* dl, const MarkInput& in, const PlotMap& map, ChartMarks& marks) {
    std::size_t points = 0;
    switch (in.spec.kind) {
    case ChartKind::line:
    case ChartKind::area:
        for (std::size_t s = 0; s < in.series.size(); ++s) {
            if (!in.shown[s] || s >= marks.lines.size()) continue;
            const ImU32 col = series_color(in.series[s], s);
            points += in.spec.kind == ChartKind::line
                          ? draw_line(dl, in.series[s], marks.lines[s], map, col)
                          : draw_area(dl, in, s, marks.lines[s], map, col);
        }
        return points;
    case ChartKind::bar:
        return draw_bars(dl, in, map);
    case ChartKind::scatter:
        return draw_scatter(dl, in, map, marks);
    case ChartKind::histogram:
        return draw_histogram(dl, in, map);
    }
    return points;
}

// [SECTION] Hover readout ----------------------------------------------------------------------

namespace {

void readout_row(const Series& s, std::size_t index, const char* fmt_value, double value) {
    char nb[32];
    const std::string_view name = series_label(s, index, nb, sizeof nb);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(series_color(s, index)),
                       "%.*s: ", int(name.size()), name.data());
    ImGui::SameLine(0, 0);
    ImGui::Text(fmt_value, value);
}

void hover_lines(ImDrawList* dl, const MarkInput& in, const PlotMap& map, double mx) {
    // Snap to the nearest point of the first shown series; every series reads out there.
    double snap = mx;
    for (std::size_t s = 0; s < in.series.size(); ++s) {
        if (!in.shown[s]) continue;
        const std::size_t k = nearest_by_x(in.series[s], in.prep.series[s].order, mx);
        if (k != npos) snap = x_of(in.series[s], k);
        break;
    }
    const float vx = map.sx(snap);
    dl->AddLine(ImVec2(vx, map.min.y), ImVec2(vx, map.max.y),
                with_alpha(ImGui::GetColorU32(ImGuiCol_Text), 0.5f));
    const std::string_view xl = in.spec.x_label.empty() ? std::string_view("x") : in.spec.x_label;
    ImGui::Text("%.*s = %.6g", int(xl.size()), xl.data(), snap);
    for (std::size_t s = 0; s < in.series.size(); ++s) {
        if (!in.shown[s]) continue;
        const Series& ser = in.series[s];
        const std::size_t k = nearest_by_x(ser, in.prep.series[s].order, snap);
        if (k == npos) continue;
        double lo = 0, hi = ser.y[k];
        if (in.spec.kind == ChartKind::area) band_at(in, s, k, lo, hi);
        const ImVec2 p = map.at(x_of(ser, k), hi);
        if (p.y >= map.min.y && p.y <= map.max.y)
            dl->AddCircleFilled(p, kHoverDot, series_color(ser, s), 12);
        readout_row(ser, s, "%.6g", ser.y[k]);
    }
}

void hover_bars(ImDrawList* dl, const MarkInput& in, const PlotMap& map, double mx) {
    const std::size_t n = category_count(in);
    const double k_d = std::round(mx);
    if (!(k_d >= 0 && k_d < double(n))) return;
    const std::size_t k = std::size_t(k_d);
    dl->AddRectFilled(ImVec2(map.sx(k_d - 0.5), map.min.y), ImVec2(map.sx(k_d + 0.5), map.max.y),
                      with_alpha(ImGui::GetColorU32(ImGuiCol_Text), 0.08f));
    if (!in.spec.categories.empty()) {
        const std::string& c = in.spec.categories[k];
        ImGui::TextUnformatted(c.data(), c.data() + c.size());
    } else {
        ImGui::Text("%zu", k + 1);
    }
    for (std::size_t s = 0; s < in.series.size(); ++s)
        if (in.shown[s]) readout_row(in.series[s], s, "%.6g", in.series[s].y[k]);
}

void hover_histogram(ImDrawList* dl, const MarkInput& in, const PlotMap& map, double mx) {
    const std::vector<double>& e = in.prep.edges;
    if (e.size() < 2 || mx < e.front() || mx > e.back()) return;
    std::size_t b = std::size_t(std::upper_bound(e.begin(), e.end(), mx) - e.begin());
    b = std::clamp<std::size_t>(b, 1, e.size() - 1) - 1;
    dl->AddRectFilled(ImVec2(map.sx(e[b]), map.min.y), ImVec2(map.sx(e[b + 1]), map.max.y),
                      with_alpha(ImGui::GetColorU32(ImGuiCol_Text), 0.08f));
    ImGui::Text(b + 2 == e.size() ? "[%.6g, %.6g]" : "[%.6g, %.6g)", e[b], e[b + 1]);
    for (std::size_t s = 0; s < in.series.size(); ++s) {
        if (!in.shown[s]) continue;
        const SeriesPrep& p = in.prep.series[s];
        readout_row(in.series[s], s, "%.0f", b < p.counts.size() ? double(p.counts[b]) : 0.0);
        if (p.ignored > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled("(%zu NaN, inf or outside the bins left out)", p.ignored);
        }
    }
}

void hover_scatter(ImDrawList* dl, const MarkInput& in, const PlotMap& map, ImVec2 mouse) {
    std::size_t best_s = npos, best_i = npos;
    double best_d = double(kHoverPickRadius) * kHoverPickRadius;
    // Distances in pixels, from data units by one multiplication per axis (no division per
    // point). Only points within the pick radius of the mouse in x can win: when x ascends (or
    // is the index) only those are scanned.
    const double px_x = double(map.max.x - map.min.x) / (map.x1 - map.x0);
    const double px_y = double(map.max.y - map.min.y) / (map.y1 - map.y0);
    const double mx = map.data_x(mouse.x), my = map.data_y(mouse.y);
    const double reach_x = kHoverPickRadius / px_x;
    for (std::size_t s = 0; s < in.series.size(); ++s) {
        if (!in.shown[s]) continue;
        const Series& ser = in.series[s];
        const auto [begin, end] =
            x_index_range(ser.x, in.prep.series[s].order, ser.y.size(), mx - reach_x, mx + reach_x);
        const bool has_x = !ser.x.empty();
        for (std::size_t i = begin; i < end; ++i) {
            const double x = has_x ? ser.x[i] : double(i), y = ser.y[i];
            const double ex = (x - mx) * px_x, ey = (y - my) * px_y;
            const double d = ex * ex + ey * ey; // NaN (a NaN or inf point) never wins
            if (d < best_d) {
                best_d = d;
                best_s = s;
                best_i = i;
            }
        }
    }
    if (best_s == npos) {
        ImGui::TextDisabled("x = %.6g, y = %.6g", map.data_x(mouse.x), map.data_y(mouse.y));
        return;
    }
    const Series& ser = in.series[best_s];
    const ImVec2 p = map.at(x_of(ser, best_i), ser.y[best_i]);
    const float r = (ser.point_size > 0 ? ser.point_size : in.spec.point_size) + 2;
    dl->AddCircle(p, r, ImGui::GetColorU32(ImGuiCol_Text), 16, 1.5f);
    char nb[32];
    const std::string_view name = series_label(ser, best_s, nb, sizeof nb);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(series_color(ser, best_s)), "%.*s",
                       int(name.size()), name.data());
    ImGui::Text("x = %.6g", x_of(ser, best_i));
    ImGui::Text("y = %.6g", ser.y[best_i]);
}

} // namespace

void hover_marks(ImDrawList* dl, const MarkInput& in, const PlotMap& map, ImVec2 mouse) {
    const double mx = map.data_x(mouse.x);
    ImGui::BeginTooltip();
    switch (in.spec.kind) {
    case ChartKind::line:
    case ChartKind::area:
        hover_lines(dl, in, map, mx);
        break;
    case ChartKind::bar:
        hover_bars(dl, in, map, mx);
        break;
    case ChartKind::histogram:
        hover_histogram(dl, in, map, mx);
        break;
    case ChartKind::scatter:
        hover_scatter(dl, in, map, mouse);
        break;
    }
    ImGui::EndTooltip();
}

} // namespace imlit::detail
