// imlit — the frame every chart shares: layout, axes, legend, zoom and pan, hover. The marks
// themselves (lines, areas, bars, markers, bins) are render_chart_marks.cpp's. See render.hpp.
//
// Index
//   [SECTION] Layout constants and helpers
//   [SECTION] Views (home, zoom, fit)
//   [SECTION] Legend
//   [SECTION] Interaction (wheel zoom, drag pan, double-click reset, legend clicks)
//   [SECTION] Axes
//   [SECTION] draw_chart
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/render.hpp"
#include "ui/render_chart_marks.hpp"
#include "ui/render_text.hpp"

namespace imlit::detail {

// [SECTION] Layout constants and helpers -----------------------------------------------------

namespace {

constexpr float kXTickSpacing = 90;       // pixels per x tick label, about
constexpr float kYTickSpacing = 2.5f;     // line heights per y tick, about
constexpr float kAxisGap = 6;             // between tick labels and the plot
constexpr float kRightMargin = 12;        // room for the last x label's overhang
constexpr double kFitPadding = 0.05;      // headroom above and below fitted data
constexpr double kZoomPerNotch = 0.85;    // view width factor per wheel notch (in)
constexpr double kMinRelativeSpan = 1e-9; // zoom stops at this fraction of the data's span
constexpr double kMaxZoomOut = 1e3;       // ... and at this multiple of it
constexpr float kMinPlotWidth = 10;

bool finite(double v) {
    return v - v == 0;
}

// [lo, hi] with hi > lo: a single value (or none) gets a width around it.
void widen(double& lo, double& hi) {
    if (hi > lo) return;
    const double pad = lo == 0 ? 0.5 : std::abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
}

struct Span {
    double lo = 0, hi = 1;
};

Span span_of(const DataRange& r) {
    Span s = r.empty() ? Span{0, 1} : Span{r.lo, r.hi};
    widen(s.lo, s.hi);
    return s;
}

void pad(Span& s, double fraction) {
    const double p = (s.hi - s.lo) * fraction;
    if (finite(s.lo - p) && finite(s.hi + p)) {
        s.lo -= p;
        s.hi += p;
    }
}

// Bars, areas and histograms grow from 0: pad only away from it.
void pad_from_zero(Span& s, double fraction) {
    const double p = (s.hi - s.lo) * fraction;
    if (s.hi > 0 && finite(s.hi + p)) s.hi += p;
    if (s.lo < 0 && finite(s.lo - p)) s.lo -= p;
}

bool kind_zooms_y(ChartKind k) {
    return k == ChartKind::scatter; // the others fit y to the data in the x view
}

// [SECTION] Views (home, zoom, fit) ----------------------------------------------------------

// A zoomed view is used only while it is a usable range.
bool usable(double lo, double hi) {
    return finite(lo) && finite(hi) && hi > lo && finite(hi - lo);
}

// [SECTION] Legend ---------------------------------------------------------------------------

struct LegendEntry {
    std::size_t series;
    ImVec2 min, max; // relative to the legend's top-left
};

// Lays out one entry per valid series in rows `width` wide; returns the legend height.
float layout_legend(std::span<const Series> series, const ChartPrep& prep, const FontChoice& font,
                    float width, std::vector<LegendEntry>& out) {
    out.clear();
    const float line_h = font.size, swatch = line_h * 1.2f, gap = line_h * 0.4f;
    const float item_gap = line_h, row_h = line_h + 4;
    float x = 0, y = 0;
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (!prep.series[i].valid) continue;
        char nb[32];
        const float w =
            swatch + gap + measure_text(font, series_label(series[i], i, nb, sizeof nb)).x;
        if (x > 0 && x + w > width) {
            x = 0;
            y += row_h;
        }
        out.push_back({i, ImVec2(x, y), ImVec2(x + w, y + line_h)});
        x += w + item_gap;
    }
    return out.empty() ? 0 : y + row_h;
}

void draw_legend(ImDrawList* dl, const MarkInput& in, const FontChoice& font, ImVec2 origin,
                 std::span<const LegendEntry> entries, ImU32 text_col, ImU32 dim_col) {
    const float line_h = font.size, swatch = line_h * 1.2f, gap = line_h * 0.4f;
    for (const LegendEntry& e : entries) {
        const std::size_t i = e.series;
        const bool on = in.shown[i] != 0;
        const ImU32 col = with_alpha(series_color(in.series[i], i), on ? 1.0f : 0.3f);
        const ImVec2 p(origin.x + e.min.x, origin.y + e.min.y);
        const float cy = p.y + line_h * 0.5f;
        if (in.spec.kind == ChartKind::line)
            dl->AddLine(ImVec2(p.x, cy), ImVec2(p.x + swatch, cy), col, 3.0f);
        else if (in.spec.kind == ChartKind::scatter)
            dl->AddCircleFilled(ImVec2(p.x + swatch * 0.5f, cy), line_h * 0.3f, col, 12);
        else
            dl->AddRectFilled(ImVec2(p.x + swatch * 0.15f, cy - line_h * 0.35f),
                              ImVec2(p.x + swatch * 0.85f, cy + line_h * 0.35f), col);
        char nb[32];
        const std::string_view name = series_label(in.series[i], i, nb, sizeof nb);
        const ImVec2 tp(p.x + swatch + gap, p.y);
        draw_text(dl, font, tp, on ? text_col : dim_col, name);
        if (!on) { // struck through: hidden, click to show
            const float w = measure_text(font, name).x;
            dl->AddLine(ImVec2(tp.x, cy), ImVec2(tp.x + w, cy), dim_col);
        }
    }
}

// [SECTION] Interaction ----------------------------------------------------------------------

bool inside(ImVec2 p, ImVec2 min, ImVec2 max) {
    return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
}

// Zooms [lo, hi] by `factor` around `at`; false when the result would be unusable or beyond
// the zoom limits relative to the data's span `home`.
bool zoom_span(double& lo, double& hi, double at, double factor, double home) {
    const double nlo = at - (at - lo) * factor, nhi = at + (hi - at) * factor;
    const double w = nhi - nlo;
    if (!usable(nlo, nhi) || w < home * kMinRelativeSpan || w > home * kMaxZoomOut) return false;
    lo = nlo;
    hi = nhi;
    return true;
}

// Applies this frame's input to `state` (takes effect on the next frame, which it asks for).
void interact(ChartState& state, const MarkInput& in, const PlotMap& map, Span home_x, Span home_y,
              bool hovered, ImVec2 legend_origin, std::span<const LegendEntry> legend) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 mouse = io.MousePos;
    const bool in_plot = hovered && inside(mouse, map.min, map.max);
    const bool zoom_y = kind_zooms_y(in.spec.kind);
    bool changed = false;

    if (in_plot) ImGui::SetItemUsingMouseWheel(); // the wheel zooms instead of scrolling
    if (in_plot && io.MouseWheel != 0) {
        const double f = std::pow(kZoomPerNotch, double(io.MouseWheel));
        double x0 = map.x0, x1 = map.x1;
        if (zoom_span(x0, x1, map.data_x(mouse.x), f, home_x.hi - home_x.lo)) {
            state.x0 = x0;
            state.x1 = x1;
            state.zoom_x = changed = true;
        }
        double y0 = map.y0, y1 = map.y1;
        if (zoom_y && zoom_span(y0, y1, map.data_y(mouse.y), f, home_y.hi - home_y.lo)) {
            state.y0 = y0;
            state.y1 = y1;
            state.zoom_y = changed = true;
        }
    }
    if (ImGui::IsItemActivated() && inside(io.MouseClickedPos[0], map.min, map.max))
        state.dragging = true;
    if (state.dragging && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) state.dragging = false;
    if (state.dragging && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) {
        const double dx = -double(io.MouseDelta.x) * (map.x1 - map.x0) / (map.max.x - map.min.x);
        if (usable(map.x0 + dx, map.x1 + dx)) {
            state.x0 = map.x0 + dx;
            state.x1 = map.x1 + dx;
            state.zoom_x = changed = true;
        }
        const double dy = double(io.MouseDelta.y) * (map.y1 - map.y0) / (map.max.y - map.min.y);
        if (zoom_y && usable(map.y0 + dy, map.y1 + dy)) {
            state.y0 = map.y0 + dy;
            state.y1 = map.y1 + dy;
            state.zoom_y = changed = true;
        }
    }
    if (in_plot && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
        state.reset_view();
        state.dragging = false;
        changed = true;
    }
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        for (const LegendEntry& e : legend) {
            const ImVec2 a(legend_origin.x + e.min.x, legend_origin.y + e.min.y);
            const ImVec2 b(legend_origin.x + e.max.x, legend_origin.y + e.max.y);
            if (!inside(mouse, a, b)) continue;
            char nb[32];
            state.toggle(series_label(in.series[e.series], e.series, nb, sizeof nb));
            changed = true;
        }
    }
    if (changed) request_redraw();
}

// [SECTION] Axes -----------------------------------------------------------------------------

float y_labels_width(const AxisScale& ya, const FontChoice& font) {
    char buf[64];
    float w = 0;
    for (int i = 0; i < ya.count; ++i)
        w = std::max(w, measure_text(font, format_tick(ya.tick(i), ya, buf, sizeof buf)).x);
    return w;
}

void draw_y_axis(ImDrawList* dl, const PlotMap& map, const AxisScale& ya, const FontChoice& font,
                 ImU32 text_col, ImU32 grid_col) {
    char buf[64];
    for (int i = 0; i < ya.count; ++i) {
        const double v = ya.tick(i);
        if (v < map.y0 || v > map.y1) continue;
        const float y = std::round(map.sy(v)) + 0.5f;
        dl->AddLine(ImVec2(map.min.x, y), ImVec2(map.max.x, y), grid_col);
        const std::string_view label = format_tick(v, ya, buf, sizeof buf);
        const float w = measure_text(font, label).x;
        draw_text(dl, font, ImVec2(map.min.x - kAxisGap - w, y - font.size * 0.5f), text_col,
                  label);
    }
}

void draw_x_axis(ImDrawList* dl, const MarkInput& in, const PlotMap& map, const FontChoice& font,
                 float left_edge, float right_edge, ImU32 text_col, ImU32 grid_col) {
    const float label_y = map.max.y + 4;
    if (in.spec.kind == ChartKind::bar) { // category names under their slots, none overlapping
        std::size_t n = in.spec.categories.size();
        if (n == 0)
            for (std::size_t i = 0; i < in.series.size() && n == 0; ++i)
                if (in.prep.series[i].valid) n = in.series[i].y.size();
        const double b = std::max(0.0, std::ceil(map.x0 - 0.5));
        const double e = std::min(double(n), std::floor(map.x1 + 0.5) + 1);
        float last_right = -INFINITY;
        char buf[32];
        for (double k = b; k < e; ++k) {
            std::string_view label;
            if (!in.spec.categories.empty()) {
                label = in.spec.categories[std::size_t(k)];
            } else {
                const int len = std::snprintf(buf, sizeof buf, "%.0f", k + 1);
                label = std::string_view(buf, std::size_t(std::clamp(len, 0, int(sizeof buf) - 1)));
            }
            const float w = measure_text(font, label).x;
            const float x = map.sx(k);
            const float lx = std::clamp(x - w * 0.5f, left_edge, right_edge - w);
            if (lx < last_right + font.size * 0.5f || x < map.min.x || x > map.max.x) continue;
            draw_text(dl, font, ImVec2(lx, label_y), text_col, label);
            last_right = lx + w;
        }
        return;
    }
    const AxisScale xa =
        nice_axis(map.x0, map.x1, std::max(2, int((map.max.x - map.min.x) / kXTickSpacing)));
    char buf[64];
    for (int i = 0; i < xa.count; ++i) {
        const double v = xa.tick(i);
        if (v < map.x0 || v > map.x1) continue;
        const float x = std::round(map.sx(v)) + 0.5f;
        dl->AddLine(ImVec2(x, map.min.y), ImVec2(x, map.max.y), grid_col);
        const std::string_view label = format_tick(v, xa, buf, sizeof buf);
        const float w = measure_text(font, label).x;
        draw_text(dl, font, ImVec2(std::clamp(x - w * 0.5f, left_edge, right_edge - w), label_y),
                  text_col, label);
    }
}

} // namespace

// [SECTION] draw_chart -------------------------------------------------------------------------

std::size_t draw_chart(const ChartSpec& spec, std::span<const Series> series, const ChartPrep& prep,
                       ChartState& state, std::uint64_t id) {
    if (!prep.error.empty()) draw_render_error(prep.error);
    if (series.empty() || prep.series.size() != series.size()) return 0;
    thread_local std::vector<char> shown_storage;
    std::vector<char>& shown = shown_storage;
    shown.assign(series.size(), 0);
    bool any_valid = false;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const SeriesPrep& p = prep.series[i];
        if (!p.valid) {
            if (!p.error.empty()) draw_render_error(p.error);
            continue;
        }
        any_valid = true;
        char nb[32];
        shown[i] = !state.is_hidden(series_label(series[i], i, nb, sizeof nb));
    }
    if (!any_valid) return 0;
    const MarkInput in{spec, series, prep, shown};

    const FontChoice font = pick_font(FontRole::regular);
    const FontChoice bold = pick_font(FontRole::bold);
    const float line_h = font.size;
    const float width = available_width();
    float plot_h = spec.height;
    if (!finite(plot_h) || plot_h <= 0) plot_h = ChartOptions{}.height;
    plot_h = std::max(plot_h, line_h * 3);

    // The x view: the user's zoom, else the data. Then y: fitted to the data in that view.
    const DataRange data_x = home_x(in);
    Span hx = span_of(data_x);
    if (spec.kind == ChartKind::scatter) pad(hx, kFitPadding);
    if (state.zoom_x && !usable(state.x0, state.x1)) state.zoom_x = false;
    const Span vx = state.zoom_x ? Span{state.x0, state.x1} : hx;
    const DataRange fitted = fit_marks(in, vx.lo, vx.hi, std::max(1, int(width)), state.marks);
    Span home_y = span_of(fitted);
    const bool from_zero = spec.kind == ChartKind::bar || spec.kind == ChartKind::area ||
                           spec.kind == ChartKind::histogram;
    if (from_zero)
        pad_from_zero(home_y, kFitPadding);
    else
        pad(home_y, kFitPadding);
    if (state.zoom_y && !usable(state.y0, state.y1)) state.zoom_y = false;
    const bool user_y = state.zoom_y && kind_zooms_y(spec.kind);
    const int max_y_ticks = std::max(2, int(plot_h / (line_h * kYTickSpacing)));
    AxisScale ya = user_y ? nice_axis(state.y0, state.y1, max_y_ticks)
                          : nice_axis(home_y.lo, home_y.hi, max_y_ticks, from_zero);
    const Span vy = user_y ? Span{state.y0, state.y1} : Span{ya.lo, ya.hi};

    // Layout, top to bottom: title, y caption, plot, x tick labels, x caption, legend.
    const float left = y_labels_width(ya, font) + kAxisGap + 2;
    const float plot_w = std::max(kMinPlotWidth, width - left - kRightMargin);
    thread_local std::vector<LegendEntry> legend_storage;
    std::vector<LegendEntry>& legend = legend_storage;
    const float legend_h = spec.legend ? layout_legend(series, prep, font, width, legend) : 0;
    if (!spec.legend) legend.clear();
    const float title_h = spec.title.empty() ? 0 : bold.size + 6;
    // Under the y caption, half a line more: the label of a tick at the plot's top edge is
    // centred on it and would overlap the caption.
    const float top_h = spec.y_label.empty() ? 4 : line_h * 1.5f + 4;
    const float x_ticks_h = line_h + 6;
    const float x_label_h = spec.x_label.empty() ? 0 : line_h + 4;
    const float total_h = title_h + top_h + plot_h + x_ticks_h + x_label_h + legend_h;

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::PushID("imlit_chart");
    ImGui::PushID(reinterpret_cast<const char*>(&id), reinterpret_cast<const char*>(&id + 1));
    ImGui::InvisibleButton("##chart", ImVec2(width, total_h));
    const bool hovered = ImGui::IsItemHovered();
    const PlotMap map{vx.lo,
                      vx.hi,
                      vy.lo,
                      vy.hi,
                      ImVec2(origin.x + left, origin.y + title_h + top_h),
                      ImVec2(origin.x + left + plot_w, origin.y + title_h + top_h + plot_h)};
    const ImVec2 legend_origin(origin.x, map.max.y + x_ticks_h + x_label_h + 2);
    if (spec.interactive) interact(state, in, map, hx, home_y, hovered, legend_origin, legend);
    ImGui::PopID();
    ImGui::PopID();
    if (!ImGui::IsItemVisible()) return 0; // off screen: only its space

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 dim_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 grid_col = with_alpha(ImGui::GetColorU32(ImGuiCol_Border), 0.45f);

    if (!spec.title.empty()) draw_text(dl, bold, origin, text_col, spec.title);
    if (!spec.y_label.empty())
        draw_text(dl, font, ImVec2(origin.x, origin.y + title_h), dim_col, spec.y_label);
    dl->AddRectFilled(map.min, map.max, with_alpha(ImGui::GetColorU32(ImGuiCol_FrameBg), 0.5f));
    draw_y_axis(dl, map, ya, font, text_col, grid_col);
    draw_x_axis(dl, in, map, font, origin.x, origin.x + width, text_col, grid_col);
    dl->AddRect(map.min, map.max, ImGui::GetColorU32(ImGuiCol_Border));
    if (!spec.x_label.empty()) {
        const float w = measure_text(font, spec.x_label).x;
        draw_text(
            dl, font,
            ImVec2(std::max(map.min.x, map.min.x + (plot_w - w) * 0.5f), map.max.y + x_ticks_h),
            dim_col, spec.x_label);
    }

    dl->PushClipRect(map.min, map.max, true);
    const std::size_t points = draw_marks(dl, in, map, state.marks);
    if (data_x.empty()) {
        constexpr std::string_view kNoData = "no data";
        const ImVec2 sz = measure_text(font, kNoData);
        draw_text(
            dl, font,
            ImVec2((map.min.x + map.max.x - sz.x) * 0.5f, (map.min.y + map.max.y - sz.y) * 0.5f),
            dim_col, kNoData);
    }
    dl->PopClipRect();
    if (!legend.empty()) draw_legend(dl, in, font, legend_origin, legend, text_col, dim_col);

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (spec.interactive && hovered && !state.dragging && inside(mouse, map.min, map.max))
        hover_marks(dl, in, map, mouse);
    return points;
}

} // namespace imlit::detail
