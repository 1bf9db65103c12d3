// Drawing of tables, charts and the small elements in a headless Dear ImGui context: bounded
// work for big inputs, errors in place.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <optional>
#include <vector>

#include "test_render_headless.hpp"
#include "ui/chart_model.hpp"
#include "ui/render.hpp"

using imlit::test::HeadlessImGui;
namespace d = imlit::detail;

namespace {

imlit::Table big_table(std::size_t rows) {
    imlit::Table t;
    std::vector<std::string> names(rows);
    std::vector<double> values(rows), more(rows / 2);
    for (std::size_t i = 0; i < rows; ++i) {
        names[i] = "row " + std::to_string(i);
        values[i] = double(i) * 0.5;
    }
    for (std::size_t i = 0; i < more.size(); ++i)
        more[i] = double(i);
    t.columns.push_back({"name", std::move(names)});
    t.columns.push_back({"value", std::move(values)});
    t.columns.push_back({"short", std::move(more)}); // ragged: half as long
    return t;
}

// A line chart drawn straight through the renderer (its state kept across calls).
std::size_t draw_line_chart(std::span<const imlit::Series> series, d::ChartSpec spec = {}) {
    static d::ChartPrep prep;
    static d::ChartState state;
    d::prepare_chart(spec, series, prep);
    return d::draw_chart(spec, series, prep, state, 1);
}

} // namespace

TEST_CASE("table: 100,000 rows submit only the visible ones", "[render]") {
    HeadlessImGui gui;
    const imlit::Table t = big_table(100000);
    REQUIRE(t.rows() == 100000);
    std::size_t submitted = 0;
    ImDrawData* dd = nullptr;
    for (int frame = 0; frame < 3; ++frame) // first frames size the table's child window
        dd = gui.frame([&] { submitted = d::draw_table(t, {.height = 300}); });
    CHECK(submitted > 5);
    CHECK(submitted < 60);
    CHECK(dd->TotalVtxCount < 20000);
    CHECK(gui.errors.empty());
}

TEST_CASE("table: few rows shrink the table; no columns is a caption", "[render]") {
    HeadlessImGui gui;
    imlit::Table t;
    t.columns.push_back({"a", std::vector<double>{1, 2, 3}});
    t.columns.push_back({"b", std::vector<std::string>{"x"}});
    CHECK(t.rows() == 3);
    float height = 0;
    std::size_t submitted = 0;
    for (int frame = 0; frame < 2; ++frame)
        gui.frame([&] {
            const float y0 = ImGui::GetCursorPosY();
            submitted = d::draw_table(t, {});
            height = ImGui::GetCursorPosY() - y0;
        });
    CHECK(submitted == 3);
    CHECK(height < 150); // not the default 300

    ImDrawData* dd = gui.frame([&] { CHECK(d::draw_table(imlit::Table{}, {}) == 0); });
    CHECK(dd->TotalVtxCount > 0); // the "empty table" caption
    CHECK(imlit::Table{}.rows() == 0);
}

TEST_CASE("table: more than 64 columns draws the first 64", "[render]") {
    HeadlessImGui gui;
    imlit::Table t;
    for (int c = 0; c < 70; ++c)
        t.columns.push_back({"c" + std::to_string(c), std::vector<double>{double(c)}});
    std::size_t submitted = 0;
    gui.frame([&] { submitted = d::draw_table(t, {}); });
    CHECK(submitted == 1);
}

TEST_CASE("line_chart: 100k points decimate to ~2 per pixel column", "[render]") {
    HeadlessImGui gui(ImVec2(1000, 800));
    std::vector<imlit::Series> series(3);
    for (std::size_t s = 0; s < series.size(); ++s) {
        series[s].name = "s" + std::to_string(s);
        series[s].y.resize(100000);
        for (std::size_t i = 0; i < 100000; ++i)
            series[s].y[i] = std::sin(double(i) * 0.001 * double(s + 1)) + double(s);
    }
    series[2].x.resize(100000); // explicit ascending x
    for (std::size_t i = 0; i < 100000; ++i)
        series[2].x[i] = double(i) * 0.01;
    std::size_t points = 0;
    ImDrawData* dd = gui.frame([&] { points = draw_line_chart(series); });
    CHECK(points > 3 * 500);
    CHECK(points <= 3 * (2 * 1000 + 4));
    CHECK(dd->TotalVtxCount < 65536); // fits 16-bit indices without vertex offsets
    CHECK(gui.errors.empty());
}

TEST_CASE("line_chart: unsorted x still draws a bounded number of points", "[render]") {
    HeadlessImGui gui(ImVec2(800, 600));
    imlit::Series s{"scatter", {}, {}};
    for (int i = 0; i < 50000; ++i) {
        s.x.push_back(double((i * 7919) % 50000));
        s.y.push_back(double(i % 100));
    }
    std::size_t points = 0;
    ImDrawData* dd = gui.frame([&] { points = draw_line_chart({&s, 1}); });
    CHECK(points <= 2 * 800 + 4);
    CHECK(dd->TotalVtxCount < 65536);
}

TEST_CASE("line_chart: NaN breaks the line; a bad series is an error naming it", "[render]") {
    HeadlessImGui gui;
    const double nan = std::nan("");
    std::vector<imlit::Series> series = {
        {"gappy", {1, 2, nan, 4, 5}},
        {"empty", {}},
        {"mismatch", {1, 2, 3}, {0, 1}},
    };
    std::size_t points = 0;
    gui.frame([&] { points = draw_line_chart(series, {.x_label = "t", .y_label = "v"}); });
    CHECK(points == 4);              // the NaN point is dropped and splits the line in two
    REQUIRE(gui.errors.size() == 1); // an empty series draws nothing, without an error
    CHECK(gui.errors[0].find("'mismatch'") != std::string::npos);
    CHECK(gui.errors[0].find("2 x values but 3 y values") != std::string::npos);

    gui.frame([&] { CHECK(draw_line_chart({}) == 0); });
    REQUIRE(gui.errors.size() == 1);
    CHECK(gui.errors[0] == "line_chart: no series");

    // All points NaN: the frame still draws, without lines.
    imlit::Series all_nan{"", {nan, nan}};
    gui.frame([&] { CHECK(draw_line_chart({&all_nan, 1}) == 0); });
    CHECK(gui.errors.empty());
}

TEST_CASE("line_chart: hovering shows a readout tooltip", "[render]") {
    HeadlessImGui gui(ImVec2(800, 600));
    imlit::Series s{"y", {0, 1, 4, 9, 16}};
    int vtx_plain = 0, vtx_hover = 0;
    ImGui::GetIO().MousePos = ImVec2(-1000, -1000);
    for (int i = 0; i < 2; ++i)
        vtx_plain = gui.frame([&] { draw_line_chart({&s, 1}); })->TotalVtxCount;
    ImGui::GetIO().MousePos = ImVec2(400, 120); // inside the plot
    for (int i = 0; i < 3; ++i)
        vtx_hover = gui.frame([&] { draw_line_chart({&s, 1}); })->TotalVtxCount;
    CHECK(vtx_hover > vtx_plain + 50); // vertical line, marker and the tooltip window
}

namespace {

struct Dot {
    ImU32 rgb;
    ImVec2 centre;
};

// The centres of the filled markers in the draw data: vertices of one of `colours` (any
// alpha: the anti-aliased fringe has alpha 0), grouped by nearness.
std::vector<Dot> marker_centres(const ImDrawData& dd, std::initializer_list<ImU32> colours) {
    struct Group {
        ImU32 rgb;
        ImVec2 sum;
        int n;
    };
    std::vector<Group> groups;
    for (int l = 0; l < dd.CmdListsCount; ++l)
        for (const ImDrawVert& v : dd.CmdLists[l]->VtxBuffer) {
            const ImU32 rgb = v.col & 0x00FFFFFF;
            if (std::find(colours.begin(), colours.end(), rgb) == colours.end()) continue;
            Group* g = nullptr;
            for (Group& c : groups) {
                const ImVec2 m(c.sum.x / float(c.n), c.sum.y / float(c.n));
                if (c.rgb == rgb && std::hypot(m.x - v.pos.x, m.y - v.pos.y) < 7) g = &c;
            }
            if (g == nullptr) groups.push_back({rgb, ImVec2(0, 0), 0}), g = &groups.back();
            g->sum.x += v.pos.x;
            g->sum.y += v.pos.y;
            ++g->n;
        }
    std::vector<Dot> dots;
    for (const Group& g : groups)
        dots.push_back({g.rgb, ImVec2(g.sum.x / float(g.n), g.sum.y / float(g.n))});
    return dots;
}

// The centre of the hover ring (a stroke in the text colour, drawn with the white pixel, so
// not a glyph), if one is drawn.
std::optional<ImVec2> hover_ring(const ImDrawData& dd) {
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text) & 0x00FFFFFF;
    const ImVec2 white = ImGui::GetFontTexUvWhitePixel();
    ImVec2 sum(0, 0);
    int n = 0;
    for (int l = 0; l < dd.CmdListsCount; ++l)
        for (const ImDrawVert& v : dd.CmdLists[l]->VtxBuffer)
            if ((v.col & 0x00FFFFFF) == text && v.uv.x == white.x && v.uv.y == white.y) {
                sum.x += v.pos.x;
                sum.y += v.pos.y;
                ++n;
            }
    if (n == 0) return std::nullopt;
    return ImVec2(sum.x / float(n), sum.y / float(n));
}

} // namespace

// Hover on a scatter chart rings the marker nearest the mouse, for x ascending, x = index and
// unordered x alike, and nothing when no marker is within the pick radius.
TEST_CASE("scatter_chart: hovering rings the nearest marker", "[render]") {
    HeadlessImGui gui(ImVec2(800, 600));
    const ImU32 red = IM_COL32(255, 0, 0, 255), green = IM_COL32(0, 255, 0, 255),
                blue = IM_COL32(0, 0, 255, 255);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<imlit::Series> series = {
        {.name = "ascending",
         .y = {0, 4, 1, nan, 3},
         .x = {0, 2, 4, 5, 8},
         .color = imlit::Color{1, 0, 0, 1}},
        {.name = "index", .y = {6, 2, 5}, .color = imlit::Color{0, 1, 0, 1}},
        {.name = "unordered", .y = {1, 6, 3}, .x = {7, 1, 5}, .color = imlit::Color{0, 0, 1, 1}},
    };
    d::ChartPrep prep;
    d::ChartState state;
    const d::ChartSpec spec{.kind = d::ChartKind::scatter, .legend = false};
    const auto frame = [&] {
        return gui.frame([&] {
            d::prepare_chart(spec, series, prep);
            d::draw_chart(spec, series, prep, state, 1);
        });
    };
    ImGui::GetIO().MousePos = ImVec2(-1000, -1000);
    frame();
    const ImDrawData* dd = frame();
    CHECK_FALSE(hover_ring(*dd));
    const std::vector<Dot> dots =
        marker_centres(*dd, {red & 0x00FFFFFF, green & 0x00FFFFFF, blue & 0x00FFFFFF});
    REQUIRE(dots.size() == 10); // the NaN point has no marker
    for (const Dot& dot : dots) {
        ImGui::GetIO().MousePos = ImVec2(dot.centre.x + 4, dot.centre.y - 3);
        for (int i = 0; i < 2; ++i)
            frame();
        const auto ring = hover_ring(*frame());
        INFO("marker at " << dot.centre.x << ", " << dot.centre.y);
        REQUIRE(ring);
        CHECK(std::hypot(ring->x - dot.centre.x, ring->y - dot.centre.y) < 1.5f);
    }
    // A place in the markers' box at least 40 px from every marker: no ring.
    float x0 = 1e9f, x1 = -1e9f, y0 = 1e9f, y1 = -1e9f;
    for (const Dot& dot : dots) {
        x0 = std::min(x0, dot.centre.x), x1 = std::max(x1, dot.centre.x);
        y0 = std::min(y0, dot.centre.y), y1 = std::max(y1, dot.centre.y);
    }
    std::optional<ImVec2> empty;
    for (float y = y0; y <= y1 && !empty; y += 5)
        for (float x = x0; x <= x1 && !empty; x += 5) {
            bool far = true;
            for (const Dot& dot : dots)
                far = far && std::hypot(dot.centre.x - x, dot.centre.y - y) > 40;
            if (far) empty = ImVec2(x, y);
        }
    REQUIRE(empty);
    ImGui::GetIO().MousePos = *empty;
    for (int i = 0; i < 2; ++i)
        frame();
    CHECK_FALSE(hover_ring(*frame()));
}

TEST_CASE("small elements draw and report errors in place", "[render]") {
    HeadlessImGui gui;
    ImDrawData* dd = gui.frame([&] {
        d::draw_title("Title");
        d::draw_header("Header");
        d::draw_subheader("Subheader");
        for (auto k : {d::CalloutKind::success, d::CalloutKind::info, d::CalloutKind::warning,
                       d::CalloutKind::error})
            d::draw_callout(k, "a callout with enough text to be a callout");
        d::draw_exception("std::runtime_error", "boom");
        d::draw_code("int x = 1;\n", "cpp");
        d::draw_metric("Temperature", "21 C", "-1.5");
        d::draw_metric("Speed", "3 m/s", "+2");
        d::draw_progress(0.25f);
        d::draw_progress(2.0f, "clamped");
        d::draw_spinner("Loading...", 1.25);
    });
    CHECK(dd->TotalVtxCount > 500);
    CHECK(gui.errors.empty());

    gui.frame([&] { d::draw_progress(std::nanf("")); });
    REQUIRE(gui.errors.size() == 1);
    CHECK(gui.errors[0].find("NaN") != std::string::npos);
}

TEST_CASE("spinner: the time drives the animation deterministically", "[render]") {
    HeadlessImGui gui;
    auto first_vertex = [&](double t) {
        ImDrawData* dd = gui.frame([&] { d::draw_spinner("x", t); });
        REQUIRE(dd->CmdListsCount > 0);
        // The arc is drawn after the track circle; compare the whole vertex buffer's checksum.
        double sum = 0;
        for (int l = 0; l < dd->CmdListsCount; ++l)
            for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
                sum += v.pos.x * 3 + v.pos.y;
        return sum;
    };
    CHECK(first_vertex(0.1) == first_vertex(0.1));
    CHECK(first_vertex(0.1) != first_vertex(0.4));
}
