// Charts: every kind through AppTest (series and counts reported, legend toggles, NaN, empty and
// mismatched input), replay inside cached scopes, and the renderer driven with real mouse input
// (wheel zoom, drag pan, double-click reset, legend clicks) and big data (decimation).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "test_render_headless.hpp"
#include "ui/chart_model.hpp"
#include "ui/command.hpp"
#include "ui/render.hpp"
#include "ui/render_chart_marks.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
namespace d = imlit::detail;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::vector<double> ramp(std::size_t n, double scale = 1) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = std::sin(double(i) * 0.01) * scale + double(i % 7);
    return v;
}

const std::vector<std::string> kCategories = {"north", "south", "east"};

// One chart of each kind, each with two series ("a" of 3 values and "b" of 3 values, except
// where a kind needs more).
void every_kind(const std::vector<imlit::Series>& lines, const std::vector<imlit::Series>& bars) {
    imlit::line_chart(lines, {.title = "Line"});
    imlit::area_chart(lines, {.title = "Area"});
    imlit::bar_chart(kCategories, bars, {.title = "Bars"});
    imlit::bar_chart(kCategories, bars, {.title = "Stacked", .mode = imlit::BarMode::stacked});
    imlit::scatter_chart(lines, {.title = "Scatter"});
    imlit::histogram(lines, {.title = "Histogram"});
}

int vertices(const AppTest& at) {
    return at.draw_data() ? at.draw_data()->TotalVtxCount : 0;
}

} // namespace

// [SECTION] AppTest: kinds, series, counts ----------------------------------------------------

TEST_CASE("charts: every kind is reported with its series and point counts", "[charts]") {
    const std::vector<imlit::Series> bars = {{"a", {1, 2, 3}}, {"b", {3, -1, 2}}};
    AppTest equal([&] { every_kind({{"a", ramp(500)}, {"b", ramp(500, 2)}}, bars); });
    equal.run();
    CHECK(equal.elements_of("error").empty());
    const auto kinds = std::vector<std::string>{"line_chart", "area_chart",    "bar_chart",
                                                "bar_chart",  "scatter_chart", "histogram"};
    const auto charts = equal.charts();
    REQUIRE(charts.size() == kinds.size());
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        INFO(kinds[i]);
        CHECK(charts[i].kind() == kinds[i]);
        const auto series = charts[i].series();
        REQUIRE(series.size() == 2);
        CHECK(series[0].name == "a");
        CHECK(series[1].name == "b");
        const std::size_t n = kinds[i] == "bar_chart" ? 3 : 500;
        CHECK(series[0].points == n);
        CHECK(series[1].points == n);
        CHECK_FALSE(series[0].hidden);
        CHECK_FALSE(series[0].invalid);
    }
    CHECK(equal.elements_of("bar_chart")[0].text == "a (3), b (3)");
    CHECK(equal.chart("Scatter").kind() == "scatter_chart");
    CHECK_THROWS_WITH(equal.chart("Nope"), Contains("Charts shown") && Contains("\"Histogram\""));
}

TEST_CASE("charts: unnamed series are 'series N'; a key finds an untitled chart", "[charts]") {
    AppTest at([] { imlit::line_chart({{"", {1, 2, 3}}, {"", {3, 2, 1}}}, {.key = "trend"}); });
    at.run();
    const auto s = at.chart("trend").series();
    REQUIRE(s.size() == 2);
    CHECK(s[0].name == "series 1");
    CHECK(s[1].name == "series 2");
}

// [SECTION] Legend ------------------------------------------------------------------------------

TEST_CASE("charts: a legend toggle hides a series, survives frames, and shows it again",
          "[charts]") {
    const std::vector<imlit::Series> data = {{"a", ramp(400)}, {"b", ramp(400, 3)}};
    const auto kind = GENERATE(0, 1, 2, 3, 4);
    AppTest at([&] {
        switch (kind) {
        case 0:
            imlit::line_chart(data, {.title = "c"});
            break;
        case 1:
            imlit::area_chart(data, {.title = "c"});
            break;
        case 2:
            imlit::bar_chart({}, data, {.title = "c", .mode = imlit::BarMode::stacked});
            break;
        case 3:
            imlit::scatter_chart(data, {.title = "c"});
            break;
        default:
            imlit::histogram(data, {.title = "c"});
            break;
        }
    });
    INFO("kind " << kind);
    at.run();
    const int both = vertices(at);
    at.chart("c").toggle_legend("b");
    at.run();
    CHECK(at.chart("c").series()[1].hidden);
    CHECK_FALSE(at.chart("c").series()[0].hidden);
    const int one = vertices(at);
    CHECK(one < both); // b's marks are gone
    at.run();
    CHECK(at.chart("c").series()[1].hidden); // still hidden
    CHECK(vertices(at) == one);
    at.chart("c").toggle_legend("b");
    at.run();
    CHECK_FALSE(at.chart("c").series()[1].hidden);
    CHECK(vertices(at) == both);
    CHECK_THROWS_WITH(at.chart("c").toggle_legend("zzz"), Contains("no series \"zzz\""));
}

TEST_CASE("charts: inside a cached scope the replayed chart keeps its legend state", "[charts]") {
    static int loads = 0;
    loads = 0;
    static auto make = imlit::cache_data(
        [](int n) {
            ++loads;
            std::vector<imlit::Series> s = {{"up", ramp(std::size_t(n))},
                                            {"down", ramp(std::size_t(n), -1)}};
            imlit::line_chart(s, {.title = "cached"});
            return n;
        },
        {.blocking = true});
    make.clear();
    AppTest at([] { (void)make(300); });
    at.run();
    at.run(); // a replay
    REQUIRE(loads == 1);
    const int both = vertices(at);
    at.chart("cached").toggle_legend("down");
    at.run();
    at.run();
    CHECK(loads == 1); // the legend is not a widget: the loader did not run again
    CHECK(at.chart("cached").series()[1].hidden);
    CHECK(vertices(at) < both);
}

// [SECTION] Bad and odd input -----------------------------------------------------------------

TEST_CASE("charts: NaN and inf are gaps in every kind, never an error", "[charts]") {
    const std::vector<imlit::Series> lines = {{"a", {1, kNaN, 3, kInf, 5, -kInf, 2}},
                                              {"b", {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN}}};
    const std::vector<imlit::Series> bars = {{"a", {1, kNaN, 3}}, {"b", {kInf, 2, -1}}};
    AppTest at([&] {
        every_kind(lines, bars);
        imlit::scatter_chart({{"xy", {1, 2, kNaN, 4}, {kNaN, 1, 2, kInf}}});
        imlit::text("after");
    });
    REQUIRE_NOTHROW(at.run());
    CHECK(at.elements_of("error").empty());
    CHECK(at.charts().size() == 7);
    CHECK(at.texts().back() == "after");
    CHECK(at.chart("Histogram").series()[0].points == 7);
}

TEST_CASE("charts: no series is an error; empty series draw an empty plot", "[charts]") {
    AppTest at([] {
        imlit::line_chart(std::span<const imlit::Series>());
        imlit::histogram(imlit::SharedSeries());
        imlit::bar_chart({}, {{"a", {}}}, {.title = "empty bars"});
        imlit::line_chart({{"a", {}}}, {.title = "empty line"});
        imlit::scatter_chart({{"a", {}}}, {.title = "empty scatter"});
        imlit::area_chart({{"a", {}}}, {.title = "empty area"});
        imlit::histogram({{"a", {}}}, {.title = "empty histogram"});
    });
    REQUIRE_NOTHROW(at.run());
    const auto errors = at.elements_of("error");
    REQUIRE(errors.size() == 2);
    CHECK(errors[0].text == "line_chart: no series");
    CHECK(errors[1].text == "histogram: no series");
    CHECK(at.chart("empty line").series()[0].points == 0);
    CHECK(at.chart("empty histogram").series()[0].points == 0);
}

TEST_CASE("charts: mismatched lengths are errors in place naming the series", "[charts]") {
    AppTest at([] {
        imlit::line_chart({{"ok", {1, 2, 3}}, {"xy", {1, 2, 3}, {1, 2}}}, {.title = "line"});
        imlit::bar_chart(kCategories, {{"ok", {1, 2, 3}}, {"short", {1, 2}}}, {.title = "bars"});
        imlit::bar_chart({}, {{"p", {1, 2, 3}}, {"q", {1, 2}}}, {.title = "no categories"});
        imlit::area_chart({{"p", {1, 2, 3}}, {"q", {1, 2}}}, {.title = "stacked"});
        imlit::area_chart({{"u", {1, 2, 3}, {3, 1, 2}}}, {.title = "unordered"});
        imlit::histogram({{"h", {1, 2, 3}}},
                         {.title = "edges", .edges = std::vector<double>{1, 1}});
        imlit::text("after");
    });
    REQUIRE_NOTHROW(at.run());
    std::vector<std::string> errors;
    for (const auto& e : at.elements_of("error"))
        errors.push_back(e.text);
    REQUIRE(errors.size() == 6);
    CHECK_THAT(errors[0], Contains("line_chart") && Contains("'xy' has 2 x values but 3 y"));
    CHECK_THAT(errors[1],
               Contains("bar_chart") && Contains("'short' has 2 values for 3 categories"));
    CHECK_THAT(errors[2], Contains("'q' has 2 values but 'p' has 3"));
    CHECK_THAT(errors[3], Contains("area_chart") && Contains("stacked series must be as long"));
    CHECK_THAT(errors[4], Contains("'u' needs finite, ascending x values"));
    CHECK_THAT(errors[5], Contains("histogram") && Contains("edge"));
    CHECK(at.chart("line").series()[1].invalid);
    CHECK_FALSE(at.chart("line").series()[0].invalid);
    CHECK(at.texts().back() == "after");
}

TEST_CASE("charts: histogram bins are chosen from the data or given", "[charts]") {
    const std::vector<double> edges = {0, 1, 2, 4};
    d::ChartPrep prep;
    const std::vector<imlit::Series> s = {{"v", {0.5, 1.5, 1.7, 3, 9, kNaN}}};
    d::prepare_chart({.kind = d::ChartKind::histogram, .edges = edges}, s, prep);
    REQUIRE(prep.error.empty());
    CHECK(prep.edges == edges);
    CHECK(prep.series[0].counts == std::vector<std::size_t>{1, 2, 1});
    CHECK(prep.series[0].ignored == 2); // NaN and the 9 outside the edges
    d::prepare_chart({.kind = d::ChartKind::histogram, .bins = 4}, s, prep);
    CHECK(prep.edges.size() == 5);
    std::size_t total = 0;
    for (std::size_t c : prep.series[0].counts)
        total += c;
    CHECK(total == 5);
}

// [SECTION] Recording ---------------------------------------------------------------------------

TEST_CASE("charts: a recording shares SharedSeries and copies spans once", "[charts]") {
    auto shared = std::make_shared<const std::vector<imlit::Series>>(
        std::vector<imlit::Series>{{"big", ramp(10000)}});
    const d::ChartSpec spec{.kind = d::ChartKind::line, .title = "t"};
    d::Arena arena;
    const d::ChartCmd by_share = d::intern_chart(arena, {*shared, &spec, nullptr, &shared});
    CHECK(by_share.series.data() == shared->data()); // no copy
    CHECK(shared.use_count() == 2);                  // the recording holds it
    REQUIRE(by_share.prep != nullptr);
    CHECK(by_share.prep->series[0].order == d::XOrder::index);
    const std::size_t before = arena.byte_size();
    const d::ChartCmd by_copy = d::intern_chart(arena, {*shared, &spec, nullptr, nullptr});
    CHECK(by_copy.series.data() != shared->data());
    CHECK(by_copy.series[0].y == (*shared)[0].y);
    CHECK(arena.byte_size() - before >= 10000 * sizeof(double)); // counted
    CHECK(by_copy.spec->title == "t");
    CHECK(by_copy.spec->title.data() != spec.title.data()); // interned
}

// [SECTION] Zoom and pan ------------------------------------------------------------------------

TEST_CASE("charts: AppTest zoom_x narrows the view; reset_view restores it", "[charts]") {
    std::vector<imlit::Series> s = {{"a", ramp(1000)}};
    AppTest at([&] { imlit::line_chart(s, {.title = "z"}); });
    at.run();
    const int full = vertices(at);
    CHECK_FALSE(at.chart("z").zoomed());
    at.chart("z").zoom_x(100, 110);
    at.run();
    REQUIRE(at.chart("z").zoomed());
    CHECK(at.chart("z").x_view() == std::pair<double, double>{100, 110});
    CHECK(vertices(at) < full); // ~12 points in view instead of ~2 per pixel
    at.chart("z").reset_view();
    at.run();
    CHECK_FALSE(at.chart("z").zoomed());
    CHECK(vertices(at) == full);
    CHECK_THROWS_AS(at.chart("z").zoom_x(2, 1), std::invalid_argument);
}

namespace {

// Draws one chart per frame in a headless context with real Dear ImGui mouse input.
struct MouseChart {
    imlit::test::HeadlessImGui gui;
    std::vector<imlit::Series> series;
    d::ChartSpec spec;
    d::ChartPrep prep;
    d::ChartState state;
    std::size_t points = 0;

    MouseChart(d::ChartKind kind, std::vector<imlit::Series> s)
        : series(std::move(s)), spec{.kind = kind, .height = 300} {
        d::prepare_chart(spec, series, prep);
        frame(); // windows exist: hover works from the next frame
    }
    void frame() {
        gui.frame([&] { points = d::draw_chart(spec, series, prep, state, 42); });
        ImGuiIO& io = ImGui::GetIO();
        io.MouseWheel = 0;
    }
    void move(float x, float y) {
        ImGui::GetIO().MousePos = ImVec2(x, y);
        frame();
    }
    void wheel(float notches) {
        ImGui::GetIO().MouseWheel = notches;
        frame();
    }
    void button(bool down) {
        ImGui::GetIO().MouseDown[0] = down;
        frame();
    }
};

constexpr float kPlotX = 640, kPlotY = 150; // inside the plot of a 300-px-high chart at (8, 8)

} // namespace

TEST_CASE("charts: wheel zooms x around the mouse, drag pans, double-click resets", "[charts]") {
    MouseChart c(d::ChartKind::line, {{"a", ramp(2000)}});
    c.move(kPlotX, kPlotY);
    CHECK_FALSE(c.state.zoom_x);
    c.wheel(2); // zoom in
    REQUIRE(c.state.zoom_x);
    CHECK(c.state.x0 > 0);
    CHECK(c.state.x1 < 1999);
    const double width = c.state.x1 - c.state.x0;
    CHECK(width == Approx(1999 * 0.85 * 0.85).epsilon(0.01));
    CHECK_FALSE(c.state.zoom_y); // a line chart fits y to the data in view
    c.frame();                   // drawn with the zoomed view

    const double x0 = c.state.x0;
    c.button(true);               // press on the plot
    c.move(kPlotX - 100, kPlotY); // drag left: the view moves right
    c.button(false);
    CHECK(c.state.x0 > x0);
    CHECK(c.state.x1 - c.state.x0 == Approx(width));

    // Double-click: two presses within the double-click time.
    c.button(true);
    c.button(false);
    c.button(true);
    CHECK_FALSE(c.state.zoom_x);
    c.button(false);
}

TEST_CASE("charts: scatter zooms x and y; bars zoom the categories", "[charts]") {
    MouseChart sc(d::ChartKind::scatter, {{"p", ramp(500), ramp(500, 5)}});
    sc.move(kPlotX, kPlotY);
    sc.wheel(1);
    CHECK(sc.state.zoom_x);
    CHECK(sc.state.zoom_y);

    MouseChart bars(d::ChartKind::bar, {{"b", ramp(50)}});
    bars.move(kPlotX, kPlotY);
    bars.wheel(3);
    CHECK(bars.state.zoom_x);
    CHECK_FALSE(bars.state.zoom_y);
    CHECK(bars.state.x1 - bars.state.x0 < 50);
}

TEST_CASE("charts: a click on a legend entry hides its series", "[charts]") {
    MouseChart c(d::ChartKind::line, {{"first", ramp(100)}, {"second", ramp(100, 2)}});
    const std::size_t both = c.points;
    // The legend is the last row: 300 px plot, tick labels, then the entries from the left.
    const float line_h = ImGui::GetFontSize();
    const float legend_y = 8 + 4 + 300 + line_h + 6 + 2 + line_h * 0.5f;
    c.move(12, legend_y);
    c.button(true);
    c.button(false);
    CHECK(c.state.is_hidden("first"));
    CHECK_FALSE(c.state.is_hidden("second"));
    CHECK(c.points < both);
}

// [SECTION] Big data ------------------------------------------------------------------------------

TEST_CASE("charts: a million points are decimated to the pixel width", "[charts]") {
    const std::size_t n = 1000000;
    std::vector<double> y(n), x(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = double(i) * 0.001;
        y[i] = std::sin(double(i) * 0.0001) + (i % 13 == 0 ? 1.0 : 0.0);
    }
    y[n / 2] = kNaN; // a gap
    MouseChart line(d::ChartKind::line, {{"y", y, x}});
    CHECK(line.points > 100);
    CHECK(line.points <= 4 * 1280); // at most 2 per pixel column (+ edges, gaps)

    MouseChart scatter(d::ChartKind::scatter, {{"p", y, x}});
    CHECK(scatter.points > 100);
    CHECK(scatter.points < 60000); // one marker per occupied marker-sized cell

    MouseChart area(d::ChartKind::area, {{"y", y, x}});
    CHECK(area.points <= 4 * 1280);

    std::vector<double> many(100000, 1.0);
    MouseChart bars(d::ChartKind::bar, {{"b", many}});
    CHECK(bars.points <= 4 * 1280); // bars thinner than a pixel merge per column
}

// [SECTION] Kept marks ----------------------------------------------------------------------------

namespace {

std::shared_ptr<const std::vector<imlit::Series>> two_big_series(double scale = 1) {
    return std::make_shared<const std::vector<imlit::Series>>(
        std::vector<imlit::Series>{{"a", ramp(200000, scale)}, {"b", ramp(200000, 2 * scale)}});
}

} // namespace

TEST_CASE("charts: an unchanged chart keeps its decimated marks; a change recomputes them once",
          "[charts]") {
    imlit::SharedSeries data = two_big_series();
    AppTest at([&] { imlit::line_chart(data, {.title = "big"}); });
    at.run();
    const int full = vertices(at);
    std::uint64_t passes = d::chart_reduction_passes();
    for (int i = 0; i < 5; ++i)
        at.run();
    CHECK(d::chart_reduction_passes() == passes); // no O(n) pass while nothing changes
    CHECK(vertices(at) == full);                  // and the same drawing

    at.chart("big").zoom_x(100, 5000);
    at.run();
    CHECK(d::chart_reduction_passes() == passes + 2); // both series, once
    const int zoomed = vertices(at);
    at.run();
    at.run();
    CHECK(d::chart_reduction_passes() == passes + 2);
    CHECK(vertices(at) == zoomed);

    at.chart("big").toggle_legend("b");
    at.run();
    CHECK(d::chart_reduction_passes() == passes + 3); // the one series still shown
    at.run();
    CHECK(d::chart_reduction_passes() == passes + 3);

    passes = d::chart_reduction_passes();
    data = two_big_series(3); // new data (a new SharedSeries): the kept marks do not fit
    at.run();
    CHECK(d::chart_reduction_passes() == passes + 1);
    at.chart("big").reset_view();
    at.run();
    CHECK(d::chart_reduction_passes() == passes + 2);
    CHECK(vertices(at) < full); // "b" still hidden
    at.run();
    CHECK(d::chart_reduction_passes() == passes + 2);
}

TEST_CASE("charts: a replayed chart and scatter markers are kept too; spans are reduced per frame",
          "[charts]") {
    static const std::vector<imlit::Series> plain = {{"p", ramp(50000)}};
    static auto recorded = imlit::cache_data(
        [] {
            imlit::area_chart(plain, {.title = "recorded"});
            return 0;
        },
        {.blocking = true});
    recorded.clear();
    AppTest replayed([] { (void)recorded(); });
    std::uint64_t passes = d::chart_reduction_passes();
    replayed.run();
    replayed.run();
    CHECK(replayed.elements_of("error").empty());
    CHECK(d::chart_reduction_passes() > passes); // drawn: reduced once
    passes = d::chart_reduction_passes();
    replayed.run();
    replayed.run();
    CHECK(d::chart_reduction_passes() == passes);

    imlit::SharedSeries points = std::make_shared<const std::vector<imlit::Series>>(plain);
    AppTest scatter([&] { imlit::scatter_chart(points, {.title = "points"}); });
    scatter.run();
    passes = d::chart_reduction_passes();
    scatter.run();
    scatter.run();
    CHECK(d::chart_reduction_passes() == passes);
    scatter.chart("points").zoom_x(10, 2000);
    scatter.run();
    CHECK(d::chart_reduction_passes() == passes + 1);

    // A span made in the frame may change in place between frames (same pointers, new values):
    // nothing is kept for it, and the drawing follows the new values.
    std::vector<imlit::Series> live = {{"live", std::vector<double>(1000, 1.0)}};
    AppTest in_frame([&] { imlit::line_chart(live, {.title = "live"}); });
    in_frame.run();
    const int whole = vertices(in_frame);
    passes = d::chart_reduction_passes();
    in_frame.run();
    CHECK(d::chart_reduction_passes() == passes + 1);
    for (std::size_t i = 100; i < 1000; i += 100)
        live[0].y[i] = kNaN; // nine gaps: ten pieces, each with its own polyline
    in_frame.run();
    CHECK(vertices(in_frame) != whole);
}

// [SECTION] Colours -------------------------------------------------------------------------------

namespace {

bool draws_colour(const AppTest& at, ImU32 col) {
    const ImDrawData* dd = at.draw_data();
    if (dd == nullptr) return false;
    for (int l = 0; l < dd->CmdListsCount; ++l)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            if (v.col == col) return true;
    return false;
}

} // namespace

TEST_CASE("charts: a series' colour left unset or {} is the palette's, a given one is used",
          "[charts]") {
    const ImU32 first_in_palette = IM_COL32(31, 119, 180, 255); // Tableau 10 blue
    const ImU32 black = IM_COL32(0, 0, 0, 255);
    imlit::Series unset{.name = "unset", .y = {1, 3, 2}};
    imlit::Series braces{.name = "braces", .y = {1, 3, 2}, .color = {}};
    CHECK_FALSE(unset.color.has_value());
    CHECK_FALSE(braces.color.has_value());
    CHECK(d::series_color(braces, 0) == first_in_palette);
    CHECK(d::series_color(braces, 1) != d::series_color(braces, 0)); // by position

    std::vector<imlit::Series> s = {braces};
    AppTest at([&] { imlit::line_chart(s, {.title = "c"}); });
    at.run();
    CHECK(draws_colour(at, first_in_palette));
    CHECK_FALSE(draws_colour(at, black));

    s[0].color = imlit::Color{1, 0, 0, 1};
    at.run();
    CHECK(draws_colour(at, IM_COL32(255, 0, 0, 255)));
    CHECK_FALSE(draws_colour(at, first_in_palette));
    s[0].color = {}; // back to the palette
    at.run();
    CHECK(draws_colour(at, first_in_palette));
}

// [SECTION] Strokes -------------------------------------------------------------------------------

namespace {

// How much ink of colour `col` (any alpha) a horizontal line at screen y crosses: the summed
// width of the triangles it cuts, each weighted by its vertices' mean alpha.
double ink_across(const ImDrawData& dd, ImU32 col, float y) {
    double ink = 0;
    for (int l = 0; l < dd.CmdListsCount; ++l) {
        const ImDrawList& list = *dd.CmdLists[l];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            for (unsigned t = 0; t + 3 <= cmd.ElemCount; t += 3) {
                const ImDrawVert* v[3];
                for (int k = 0; k < 3; ++k)
                    v[k] = &list.VtxBuffer[int(cmd.VtxOffset +
                                               list.IdxBuffer[int(cmd.IdxOffset + t) + k])];
                if (((v[0]->col | v[1]->col | v[2]->col) & 0x00FFFFFF) != (col & 0x00FFFFFF) ||
                    (v[0]->col & 0x00FFFFFF) != (col & 0x00FFFFFF))
                    continue;
                float lo = INFINITY, hi = -INFINITY;
                for (int k = 0; k < 3; ++k) {
                    const ImVec2 a = v[k]->pos, b = v[(k + 1) % 3]->pos;
                    if ((a.y - y) * (b.y - y) > 0 || a.y == b.y) continue;
                    const float x = a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y);
                    lo = std::min(lo, x);
                    hi = std::max(hi, x);
                }
                if (!(hi >= lo)) continue;
                const double alpha =
                    double((v[0]->col >> 24) + (v[1]->col >> 24) + (v[2]->col >> 24)) / (3 * 255.0);
                ink += double(hi - lo) * alpha;
            }
        }
    }
    return ink;
}

} // namespace

// A decimated series is full of spikes: up in one pixel column, down in the next. Dear ImGui's
// polyline mitres collapse at such turns, and the spike drew as a loose dot at its tip over two
// slivers. Both sides of a spike must be stroked at full width up to the tip.
TEST_CASE("charts: a spike one point wide is stroked at full width to its tip", "[charts]") {
    const ImU32 red = IM_COL32(255, 0, 0, 255);
    std::vector<double> y(400, 0.0);
    y[200] = 100;
    const std::vector<imlit::Series> s = {
        {.name = "spike", .y = y, .color = imlit::Color{1, 0, 0, 1}}};
    AppTest at([&] { imlit::line_chart(s, {.title = "spike", .height = 300}); });
    at.run();
    const ImDrawData* dd = at.draw_data();
    REQUIRE(dd != nullptr);
    // The tip: the highest red vertex; the base: the flat line, where most red vertices are.
    float tip = INFINITY;
    std::map<int, int> rows;
    for (int l = 0; l < dd->CmdListsCount; ++l)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            if ((v.col & 0x00FFFFFF) == (red & 0x00FFFFFF)) {
                tip = std::min(tip, v.pos.y);
                ++rows[int(std::lround(v.pos.y))];
            }
    REQUIRE(!rows.empty());
    const float base = float(std::max_element(rows.begin(), rows.end(), [](auto& a, auto& b) {
                                 return a.second < b.second;
                             })->first);
    REQUIRE(base - tip > 100); // a tall spike
    for (const double up : {0.25, 0.5, 0.75, 0.9}) {
        const float at_y = base - float(up * (base - tip));
        const double ink = ink_across(*dd, red, at_y);
        INFO(up * 100 << "% up the spike (y " << at_y << ", tip " << tip << ", base " << base
                      << "): ink " << ink);
        CHECK(ink > 2.5); // two strokes of 1.5 px; a collapsed mitre leaves a sliver
    }
}
