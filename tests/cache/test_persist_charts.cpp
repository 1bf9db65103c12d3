// Persist::disk with charts in the recording: every chart kind is saved with its series (values,
// x, NaN gaps, colours, point sizes) and options, and after a "restart" (a new function with the
// same name: its memory is empty, as in a new process) the first frame draws exactly what a
// replay from memory drew, vertex for vertex.
#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "persist_test_util.hpp"

using imlit::testing::AppTest;
using namespace imlit_persist_test;

namespace {

constexpr double kGap = std::numeric_limits<double>::quiet_NaN();

// Every vertex (position, uv, colour), index and draw command of a frame, as bytes.
std::string frame_bytes(const ImDrawData* d) {
    std::string out;
    if (d == nullptr) return out;
    auto put = [&out](const void* p, std::size_t n) { out.append(static_cast<const char*>(p), n); };
    for (int i = 0; i < d->CmdListsCount; ++i) {
        const ImDrawList* l = d->CmdLists[i];
        put(l->VtxBuffer.Data, static_cast<std::size_t>(l->VtxBuffer.Size) * sizeof(ImDrawVert));
        put(l->IdxBuffer.Data, static_cast<std::size_t>(l->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : l->CmdBuffer) {
            put(&c.ClipRect, sizeof(c.ClipRect));
            put(&c.ElemCount, sizeof(c.ElemCount));
        }
    }
    return out;
}

struct ChartsPage {
    std::atomic<int>* runs;
    imlit::SharedSeries shared;
    int operator()(int n) const {
        ++*runs;
        std::vector<double> y(static_cast<std::size_t>(n)), x(y.size());
        for (std::size_t i = 0; i < y.size(); ++i) {
            x[i] = static_cast<double>(i) * 0.5;
            y[i] = std::sin(x[i]) * 10;
        }
        y[3] = kGap; // a gap
        imlit::text("charts of " + std::to_string(n));
        imlit::line_chart(
            {{.name = "sine", .y = y, .x = x, .color = imlit::Color{0.9f, 0.2f, 0.1f, 1}},
             {.name = "", .y = {1, 2, kGap, 4}}},
            {.key = "line", .title = "Line", .height = 150, .x_label = "t", .y_label = "v"});
        imlit::area_chart({{.name = "a", .y = {1, 2, 3}}, {.name = "b", .y = {2, 1, 2}}},
                          {.title = "Area", .legend = false, .stacked = false});
        const std::vector<std::string> cats = {"north", "south", "east"};
        imlit::bar_chart(cats,
                         {{.name = "2023", .y = {3, 4, 5}}, {.name = "2024", .y = {4, -1, 6}}},
                         {.title = "Bars", .interactive = false, .mode = imlit::BarMode::stacked});
        imlit::scatter_chart({{.name = "points", .y = y, .x = x, .point_size = 5},
                              {.name = "default size", .y = {1, 2}, .x = {3, 4}}},
                             {.title = "Scatter", .point_size = 2});
        const double edges[] = {-10, -5, 0, 5, 10};
        imlit::histogram({{.name = "values", .y = y}}, {.title = "Edges", .edges = edges});
        imlit::histogram({{.name = "auto", .y = y}}, {.title = "Bins", .bins = 7});
        imlit::line_chart(shared, {.title = "Shared"});
        return n;
    }
};

} // namespace

TEST_CASE("persist: a recording with every chart kind is saved and replays identically",
          "[cache][persist][charts]") {
    TempCacheDir dir;
    std::atomic<int> runs{0};
    auto data = std::make_shared<std::vector<imlit::Series>>(
        std::vector<imlit::Series>{{.name = "shared", .y = {5, 4, 3, 2, 1}}});
    const ChartsPage page{&runs, data};

    std::string first_frame, replayed; // frames 1 and 2 of the first run
    std::vector<std::vector<imlit::testing::ChartSeriesInfo>> series_before;
    std::vector<std::string> kinds_before;
    {
        auto f = imlit::cache_data(
            page, {.name = "p_charts", .blocking = true, .persist = imlit::Persist::disk});
        AppTest at([&] { f(40); });
        at.run(); // loads (drawn as it runs)
        first_frame = frame_bytes(at.draw_data());
        at.run(); // a replay from memory
        replayed = frame_bytes(at.draw_data());
        for (auto& c : at.charts()) {
            kinds_before.push_back(c.kind());
            series_before.push_back(c.series());
        }
        CHECK(runs == 1);
        CHECK(dir.entry_files().size() == 1); // saved, not kept in memory only
        CHECK(dir.new_warnings().empty());
    }
    REQUIRE(kinds_before.size() == 7);

    auto g = imlit::cache_data(
        page, {.name = "p_charts", .blocking = true, .persist = imlit::Persist::disk});
    AppTest at([&] { g(40); });
    at.run(); // the first frame after the "restart": read back and replayed
    CHECK(runs == 1);
    CHECK(g.stats().disk_hits == 1);
    CHECK(at.texts()[0] == "charts of 40");
    std::vector<std::string> kinds_after;
    for (auto& c : at.charts()) {
        kinds_after.push_back(c.kind());
        const auto s = c.series();
        REQUIRE(kinds_after.size() <= series_before.size());
        const auto& before = series_before[kinds_after.size() - 1];
        REQUIRE(s.size() == before.size());
        for (std::size_t i = 0; i < s.size(); ++i) {
            CHECK(s[i].name == before[i].name);
            CHECK(s[i].points == before[i].points);
            CHECK(s[i].invalid == before[i].invalid);
        }
    }
    CHECK(kinds_after == kinds_before);
    // Every vertex, colour and index the same: series values, colours, point sizes, bins,
    // categories, stacking, titles, labels and heights all came back. (A window's first frame
    // lays out without the content size known, so frame 1 is compared with frame 1.)
    CHECK(frame_bytes(at.draw_data()) == first_frame);
    at.run(); // a replay from memory of what was read back
    CHECK(frame_bytes(at.draw_data()) == replayed);
    CHECK(!replayed.empty());
}
