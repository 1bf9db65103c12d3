// imlit internal — the marks of each chart kind (lines, areas, bars, markers, histogram bins),
// drawn by render_chart.cpp inside the plot it laid out. Each kind answers three questions:
//
//   fit_marks     which y range the data in the x view [x0, x1] needs (and reduces the series
//                 to what `pixels` columns can show, kept in the chart's ChartMarks for
//                 draw_marks and, while data, view and width stay, for the next frames)
//   draw_marks    draw them through a PlotMap; returns the points (vertices of lines, markers,
//                 bars) submitted
//   hover_marks   the readout for the mouse at data x, screen position `mouse`: tooltip rows and
//                 a highlight on the plot
//
// UI thread only (Dear ImGui); scratch storage is per thread and reused, and reduced marks are
// kept per chart, so a warm frame does not allocate and an unchanged chart does no O(n) work.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "ui/chart_model.hpp"

namespace imlit::detail {

// Data coordinates <-> screen pixels for the plot rectangle [min, max].
struct PlotMap {
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    ImVec2 min, max;
    float sx(double x) const { return float(min.x + (x - x0) / (x1 - x0) * (max.x - min.x)); }
    float sy(double y) const { return float(max.y - (y - y0) / (y1 - y0) * (max.y - min.y)); }
    ImVec2 at(double x, double y) const { return ImVec2(sx(x), sy(y)); }
    double data_x(float px) const {
        return x0 + (double(px) - min.x) / (max.x - min.x) * (x1 - x0);
    }
    double data_y(float py) const {
        return y0 + (double(max.y) - py) / (max.y - min.y) * (y1 - y0);
    }
};

// What the marks of one chart draw from: its spec, data, prepared facts and which series show.
struct MarkInput {
    const ChartSpec& spec;
    std::span<const Series> series;
    const ChartPrep& prep;
    std::span<const char> shown; // per series: valid and not hidden in the legend
};

// The colour of series i: its own (when set) or the palette's for position i.
ImU32 series_color(const Series& s, std::size_t index);

// The x range of all shown series' data (bars: the category slots; histograms: the bins).
DataRange home_x(const MarkInput& in);
// The y range the marks in the x view need (bars, areas and histograms include 0). Reuses
// `marks` when they were computed for the same prep (serial), view, width and shown series.
DataRange fit_marks(const MarkInput& in, double x0, double x1, int pixels, ChartMarks& marks);
// Draws what fit_marks kept in `marks` (called after it in the same frame).
std::size_t draw_marks(ImDrawList* dl, const MarkInput& in, const PlotMap& map, ChartMarks& marks);
// Shows the readout (inside an open tooltip) and draws the highlight; mouse is in the plot.
void hover_marks(ImDrawList* dl, const MarkInput& in, const PlotMap& map, ImVec2 mouse);

} // namespace imlit::detail
