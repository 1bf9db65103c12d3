// Drawing of tables, charts and the small elements in a headless Dear ImGui context: bounded
// work for big inputs, errors in place.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

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
    CHECK(points == 4); // the NaN point is dropped and splits the line in two
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
