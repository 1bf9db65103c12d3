// imlit — drawing of line_chart() with ImDrawList. See render.hpp.
//
// Index
//   [SECTION] Ticks
//   [SECTION] Series validation and bounds
//   [SECTION] Decimated polylines
//   [SECTION] Hover readout
//   [SECTION] draw_line_chart
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <vector>

#include <imgui.h>

#include "ui/render.hpp"
#include "ui/render_text.hpp"

namespace imlit::detail {

// [SECTION] Ticks ------------------------------------------------------------------------------

AxisTicks nice_ticks(double lo, double hi, int max_ticks) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(hi > lo) || max_ticks < 2) return {};
    const double raw = (hi - lo) / double(max_ticks - 1);
    if (!(raw > 0) || !std::isfinite(raw)) return {};
    // The smallest 1/2/5 x 10^k step whose ticks inside [lo, hi] number at most max_ticks.
    // Steps below raw can qualify when the range's ends fall between ticks.
    const double mag = std::pow(10.0, std::floor(std::log10(raw)) - 1);
    for (double scale : {1.0, 10.0, 100.0}) {
        for (double m : {1.0, 2.0, 5.0}) {
            const double step = m * mag * scale;
            const double first_i = std::ceil(lo / step - 1e-9);
            const double last_i = std::floor(hi / step + 1e-9);
            const double count = last_i - first_i + 1;
            if (!(count <= double(max_ticks))) continue;
            AxisTicks t;
            t.step = step;
            t.first = first_i * step;
            if (std::abs(t.first) < step * 1e-9) t.first = 0; // no "-0"
            t.count = int(std::max(count, 0.0));
            return t;
        }
    }
    return {};
}

namespace {

// Formats a tick value with just enough decimals for `step`.
int format_tick(char* buf, std::size_t cap, double v, double step) {
    if (std::abs(v) < step * 1e-9) v = 0;
    const double a = std::max(std::abs(v), step);
    int n;
    if (a >= 1e7 || step < 1e-6) {
        n = std::snprintf(buf, cap, "%g", v);
    } else {
        const int decimals = std::clamp(int(-std::floor(std::log10(step) + 1e-9)), 0, 9);
        n = std::snprintf(buf, cap, "%.*f", decimals, v);
    }
    return std::clamp(n, 0, int(cap) - 1);
}

constexpr ImU32 kPalette[] = {
    IM_COL32(31, 119, 180, 255),  IM_COL32(255, 127, 14, 255),  IM_COL32(44, 160, 44, 255),
    IM_COL32(214, 39, 40, 255),   IM_COL32(148, 103, 189, 255), IM_COL32(140, 86, 75, 255),
    IM_COL32(227, 119, 194, 255), IM_COL32(127, 127, 127, 255), IM_COL32(188, 189, 34, 255),
    IM_COL32(23, 190, 207, 255),
};
ImU32 series_color(std::size_t i) {
    return kPalette[i % (sizeof kPalette / sizeof kPalette[0])];
}

// [SECTION] Series validation and bounds -------------------------------------------------------

bool series_valid(const Series& s) {
    return !s.y.empty() && (s.x.empty() || s.x.size() == s.y.size());
}

double x_at(const Series& s, std::size_t i) {
    return s.x.empty() ? double(i) : s.x[i];
}

// A name for messages and the legend: the series' name, or "series N" (1-based).
std::string_view series_label(const Series& s, std::size_t index, char* buf, std::size_t cap) {
    if (!s.name.empty()) return s.name;
    const int n = std::snprintf(buf, cap, "series %zu", index + 1);
    return std::string_view(buf, std::size_t(std::clamp(n, 0, int(cap) - 1)));
}

void show_series_error(const Series& s, std::size_t index) {
    char name_buf[32];
    const std::string_view name = series_label(s, index, name_buf, sizeof name_buf);
    char msg[320];
    int n;
    if (s.y.empty())
        n = std::snprintf(msg, sizeof msg, "line_chart: series '%.*s' has no points",
                          int(std::min<std::size_t>(name.size(), 200)), name.data());
    else
        n = std::snprintf(
            msg, sizeof msg, "line_chart: series '%.*s' has %zu x values but %zu y values",
            int(std::min<std::size_t>(name.size(), 200)), name.data(), s.x.size(), s.y.size());
    draw_render_error(std::string_view(msg, std::size_t(std::clamp(n, 0, 319))));
}

struct Bounds {
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    bool any() const { return x0 <= x1; }
};

// Extends `b` by the finite points of `s`; returns whether x is non-decreasing (over the finite
// points), which lets decimation and hover use pixel columns and binary search.
template <bool kHasX>
bool accumulate_bounds_impl(const Series& s, Bounds& b) {
    bool ascending = true;
    double last_x = -INFINITY;
    double x0 = b.x0, x1 = b.x1, y0 = b.y0, y1 = b.y1;
    const double* ys = s.y.data();
    const double* xs = s.x.data();
    const std::size_t n = s.y.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double y = ys[i];
        const double x = kHasX ? xs[i] : double(i);
        if (!(std::abs(y) <= DBL_MAX)) continue; // NaN or inf
        if constexpr (kHasX) {
            if (!(std::abs(x) <= DBL_MAX)) continue;
            if (x < last_x) ascending = false;
            last_x = x;
        }
        x0 = x < x0 ? x : x0;
        x1 = x > x1 ? x : x1;
        y0 = y < y0 ? y : y0;
        y1 = y > y1 ? y : y1;
    }
    b = Bounds{x0, x1, y0, y1};
    return ascending;
}

bool accumulate_bounds(const Series& s, Bounds& b) {
    return s.x.empty() ? accumulate_bounds_impl<false>(s, b) : accumulate_bounds_impl<true>(s, b);
}

void widen(double& lo, double& hi) {
    if (hi > lo) return;
    const double pad = lo == 0 ? 0.5 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
}

// [SECTION] Decimated polylines ----------------------------------------------------------------

struct Mapping {
    double x0, x1, y0, y1;
    ImVec2 min, max; // plot rect
    ImVec2 map(double x, double y) const {
        return ImVec2(float(min.x + (x - x0) / (x1 - x0) * (max.x - min.x)),
                      float(max.y - (y - y0) / (y1 - y0) * (max.y - min.y)));
    }
};

// Draws `s` as polylines broken at non-finite points. Consecutive points that fall into one
// bucket (a pixel column when x ascends, else a run of indices) are reduced to their min and
// max y, in the order they occur, so a series costs at most ~2 points per bucket. The per-point
// loop only compares numbers; screen positions are computed per emitted point.
template <bool kHasX>
std::size_t draw_series_impl(ImDrawList* dl, const Series& s, bool ascending, const Mapping& m,
                             ImU32 col, float thickness) {
    thread_local std::vector<ImVec2> line_storage; // reused: no allocation once warm
    std::vector<ImVec2>& line = line_storage;
    line.clear();
    const double* ys = s.y.data();
    const double* xs = s.x.data();
    const std::size_t n = s.y.size();
    const double width = std::max(1.0, double(m.max.x - m.min.x));
    const std::size_t stride = ascending ? 1 : std::max<std::size_t>(1, n / std::size_t(width));
    const double sx = (m.max.x - m.min.x) / (m.x1 - m.x0);
    const double ox = m.min.x - m.x0 * sx;
    std::size_t points = 0;

    auto flush_line = [&] {
        if (line.size() >= 2)
            dl->AddPolyline(line.data(), int(line.size()), col, 0, thickness);
        else if (line.size() == 1)
            dl->AddCircleFilled(line[0], thickness + 0.5f, col, 8);
        points += line.size();
        line.clear();
    };
    auto at = [&](std::size_t i) { return kHasX ? xs[i] : double(i); };

    // The bucket being reduced: its id, and the indices and values of its min and max.
    bool open = false;
    long long bucket = 0;
    std::size_t lo_i = 0, hi_i = 0;
    double lo = 0, hi = 0;
    auto flush_bucket = [&] {
        if (!open) return;
        const ImVec2 plo = m.map(at(lo_i), lo), phi = m.map(at(hi_i), hi);
        if (lo_i == hi_i)
            line.push_back(plo);
        else if (lo_i < hi_i) {
            line.push_back(plo);
            line.push_back(phi);
        } else {
            line.push_back(phi);
            line.push_back(plo);
        }
        open = false;
    };

    for (std::size_t i = 0; i < n; ++i) {
        const double y = ys[i];
        const double x = at(i);
        if (!(std::abs(y) <= DBL_MAX) || (kHasX && !(std::abs(x) <= DBL_MAX))) {
            flush_bucket();
            flush_line();
            continue;
        }
        const long long b = ascending ? (long long)(ox + x * sx) : (long long)(i / stride);
        if (open && b == bucket) {
            if (y < lo) {
                lo = y;
                lo_i = i;
            } else if (y > hi) {
                hi = y;
                hi_i = i;
            }
            continue;
        }
        flush_bucket();
        open = true;
        bucket = b;
        lo = hi = y;
        lo_i = hi_i = i;
    }
    flush_bucket();
    flush_line();
    return points;
}

std::size_t draw_series(ImDrawList* dl, const Series& s, bool ascending, const Mapping& m,
                        ImU32 col, float thickness) {
    return s.x.empty() ? draw_series_impl<false>(dl, s, ascending, m, col, thickness)
                       : draw_series_impl<true>(dl, s, ascending, m, col, thickness);
}

// [SECTION] Hover readout ----------------------------------------------------------------------

// Index of the finite point of `s` whose x is nearest to `x` (npos: none).
std::size_t nearest_index(const Series& s, bool ascending, double x) {
    constexpr std::size_t npos = std::size_t(-1);
    const std::size_t n = s.y.size();
    auto finite = [&](std::size_t i) { return std::isfinite(x_at(s, i)) && std::isfinite(s.y[i]); };
    std::size_t guess = npos;
    if (s.x.empty()) {
        guess = std::size_t(std::clamp(std::llround(x), 0ll, (long long)n - 1));
    } else if (ascending) {
        // Non-finite x values break the order for lower_bound; they are rare, so fall back to a
        // scan when one is present near the answer.
        const auto it =
            std::lower_bound(s.x.begin(), s.x.end(), x, [](double a, double v) { return a < v; });
        std::size_t i = std::size_t(it - s.x.begin());
        if (i >= n) i = n - 1;
        if (i > 0 && std::abs(s.x[i - 1] - x) <= std::abs(s.x[i] - x)) --i;
        guess = i;
    }
    if (guess != npos && finite(guess)) return guess;
    // Scan (unsorted x, or the guess landed on a gap): nearest finite point by x.
    std::size_t best = npos;
    double best_d = INFINITY;
    for (std::size_t i = 0; i < n; ++i) {
        if (!finite(i)) continue;
        const double d = std::abs(x_at(s, i) - x);
        if (d < best_d) {
            best_d = d;
            best = i;
        }
    }
    return best;
}

} // namespace

// [SECTION] draw_line_chart ------------------------------------------------------------------

std::size_t draw_line_chart(std::span<const Series> series, const ChartOptions& options) {
    if (series.empty()) {
        draw_render_error("line_chart: no series");
        return 0;
    }
    // Invalid series: an error each; the valid ones still draw. Bounds and order in one pass.
    constexpr std::size_t kMaxSeries = 64; // beyond this, ascending is recomputed per draw
    bool ascending_of[kMaxSeries];
    Bounds b;
    std::size_t valid = 0;
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (!series_valid(series[i])) {
            show_series_error(series[i], i);
            continue;
        }
        ++valid;
        const bool asc = accumulate_bounds(series[i], b);
        if (i < kMaxSeries) ascending_of[i] = asc;
    }
    if (valid == 0) return 0;
    auto ascending = [&](std::size_t i) {
        if (i < kMaxSeries) return ascending_of[i];
        Bounds ignored;
        return accumulate_bounds(series[i], ignored);
    };

    const FontChoice font = pick_font(FontRole::regular);
    const float line_h = font.size;
    const float width = available_width();
    float plot_h = options.height;
    if (!std::isfinite(plot_h) || plot_h <= 0) plot_h = ChartOptions{}.height;
    plot_h = std::max(plot_h, line_h * 3);

    if (!b.any()) { // every point is NaN/inf
        b = Bounds{0, 1, 0, 1};
    }
    widen(b.x0, b.x1);
    widen(b.y0, b.y1);
    { // 5% headroom above and below the data
        const double pad = (b.y1 - b.y0) * 0.05;
        b.y0 -= pad;
        b.y1 += pad;
    }

    const AxisTicks yt = nice_ticks(b.y0, b.y1, std::max(2, int(plot_h / (line_h * 2.5f))));
    char buf[64];
    float y_label_w = 0;
    for (int i = 0; i < yt.count; ++i) {
        const int n = format_tick(buf, sizeof buf, yt.first + i * yt.step, yt.step);
        y_label_w = std::max(y_label_w, measure_text(font, std::string_view(buf, n)).x);
    }
    const float left = y_label_w + 8;
    const float right = 12;
    const float plot_w = std::max(10.0f, width - left - right);
    // Aim for a label every ~90 px (wide enough for most labels).
    const AxisTicks xt = nice_ticks(b.x0, b.x1, std::max(2, int(plot_w / 90.0f)));

    // Legend layout (measured first: its height is part of the reserved area).
    const float swatch = line_h * 1.2f, gap = line_h * 0.4f, item_gap = line_h;
    float legend_h = 0;
    {
        float x = 0;
        int rows = 1;
        for (std::size_t i = 0; i < series.size(); ++i) {
            if (!series_valid(series[i])) continue;
            char nb[32];
            const float w =
                swatch + gap + measure_text(font, series_label(series[i], i, nb, sizeof nb)).x;
            if (x > 0 && x + w > width) {
                ++rows;
                x = 0;
            }
            x += w + item_gap;
        }
        legend_h = rows * (line_h + 4);
    }

    const float top_h = options.y_label.empty() ? 4 : line_h + 4;
    const float x_ticks_h = line_h + 6;
    const float x_label_h = options.x_label.empty() ? 0 : line_h + 4;
    const float total_h = top_h + plot_h + x_ticks_h + x_label_h + legend_h;

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::PushID("imlit_line_chart");
    ImGui::PushID(next_instance_index());
    ImGui::InvisibleButton("##chart", ImVec2(width, total_h));
    const bool hovered = ImGui::IsItemHovered();
    ImGui::PopID();
    ImGui::PopID();

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 dim_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 grid_col = with_alpha(ImGui::GetColorU32(ImGuiCol_Border), 0.45f);
    const Mapping m{b.x0,
                    b.x1,
                    b.y0,
                    b.y1,
                    ImVec2(origin.x + left, origin.y + top_h),
                    ImVec2(origin.x + left + plot_w, origin.y + top_h + plot_h)};

    if (!options.y_label.empty()) draw_text(dl, font, origin, dim_col, options.y_label);
    dl->AddRectFilled(m.min, m.max, with_alpha(ImGui::GetColorU32(ImGuiCol_FrameBg), 0.5f));

    // Grid and tick labels.
    for (int i = 0; i < yt.count; ++i) {
        const double v = yt.first + i * yt.step;
        const float y = std::round(m.map(b.x0, v).y) + 0.5f;
        dl->AddLine(ImVec2(m.min.x, y), ImVec2(m.max.x, y), grid_col);
        const int n = format_tick(buf, sizeof buf, v, yt.step);
        const std::string_view label(buf, n);
        const float w = measure_text(font, label).x;
        draw_text(dl, font, ImVec2(m.min.x - 6 - w, y - line_h * 0.5f), text_col, label);
    }
    for (int i = 0; i < xt.count; ++i) {
        const double v = xt.first + i * xt.step;
        const float x = std::round(m.map(v, b.y0).x) + 0.5f;
        dl->AddLine(ImVec2(x, m.min.y), ImVec2(x, m.max.y), grid_col);
        const int n = format_tick(buf, sizeof buf, v, xt.step);
        const std::string_view label(buf, n);
        const float w = measure_text(font, label).x;
        const float lx = std::clamp(x - w * 0.5f, origin.x, origin.x + width - w);
        draw_text(dl, font, ImVec2(lx, m.max.y + 4), text_col, label);
    }
    dl->AddRect(m.min, m.max, ImGui::GetColorU32(ImGuiCol_Border));
    if (!options.x_label.empty()) {
        const float w = measure_text(font, options.x_label).x;
        draw_text(dl, font,
                  ImVec2(std::max(m.min.x, m.min.x + (plot_w - w) * 0.5f), m.max.y + x_ticks_h),
                  dim_col, options.x_label);
    }

    // Series, clipped to the plot.
    std::size_t points = 0;
    dl->PushClipRect(m.min, m.max, true);
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (!series_valid(series[i])) continue;
        points += draw_series(dl, series[i], ascending(i), m, series_color(i), 1.5f);
    }
    dl->PopClipRect();

    // Legend.
    {
        float x = origin.x;
        float y = m.max.y + x_ticks_h + x_label_h + 2;
        for (std::size_t i = 0; i < series.size(); ++i) {
            if (!series_valid(series[i])) continue;
            char nb[32];
            const std::string_view name = series_label(series[i], i, nb, sizeof nb);
            const float w = swatch + gap + measure_text(font, name).x;
            if (x > origin.x && x + w > origin.x + width) {
                x = origin.x;
                y += line_h + 4;
            }
            const float cy = y + line_h * 0.5f;
            dl->AddLine(ImVec2(x, cy), ImVec2(x + swatch, cy), series_color(i), 3.0f);
            draw_text(dl, font, ImVec2(x + swatch + gap, y), text_col, name);
            x += w + item_gap;
        }
    }

    // Hover readout: a vertical line at the nearest x and each series' value there.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (hovered && mouse.x >= m.min.x && mouse.x <= m.max.x && mouse.y >= m.min.y &&
        mouse.y <= m.max.y) {
        const double mx = b.x0 + (mouse.x - m.min.x) / (m.max.x - m.min.x) * (b.x1 - b.x0);
        // Snap to the nearest point of the first valid series.
        double snap_x = mx;
        for (std::size_t i = 0; i < series.size(); ++i) {
            if (!series_valid(series[i])) continue;
            const std::size_t k = nearest_index(series[i], ascending(i), mx);
            if (k != std::size_t(-1)) snap_x = x_at(series[i], k);
            break;
        }
        const float vx = m.map(snap_x, b.y0).x;
        dl->AddLine(ImVec2(vx, m.min.y), ImVec2(vx, m.max.y), with_alpha(text_col, 0.6f));
        ImGui::BeginTooltip();
        {
            const int n = format_tick(buf, sizeof buf, snap_x, xt.count ? xt.step * 0.01 : 1e-3);
            ImGui::Text("%s = %.*s", options.x_label.empty() ? "x" : options.x_label.c_str(), n,
                        buf);
        }
        for (std::size_t i = 0; i < series.size(); ++i) {
            if (!series_valid(series[i])) continue;
            const std::size_t k = nearest_index(series[i], ascending(i), snap_x);
            if (k == std::size_t(-1)) continue;
            const ImVec2 p = m.map(x_at(series[i], k), series[i].y[k]);
            if (p.y >= m.min.y && p.y <= m.max.y) dl->AddCircleFilled(p, 3.5f, series_color(i), 12);
            char nb[32];
            const std::string_view name = series_label(series[i], i, nb, sizeof nb);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(series_color(i)), "%.*s: %.6g",
                               int(name.size()), name.data(), series[i].y[k]);
        }
        ImGui::EndTooltip();
    }
    return points;
}

} // namespace imlit::detail
