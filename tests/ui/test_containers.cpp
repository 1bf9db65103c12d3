// Every container, through AppTest: sidebar, columns (count and weights), tabs, expander
// (closed/open), container, nesting, and their error cases; Streamlit's scoping (output after a
// group goes below it), ids that do not shift, the lambda forms, containers in cached loaders.
#include <algorithm>
#include <atomic>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <imgui.h>

#include "apptest_queries.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
using Strings = std::vector<std::string>;

using imlit_ui_test::depth_of;
using imlit_ui_test::shows;

TEST_CASE("sidebar holds its output, one level down", "[containers]") {
    bool open = false;
    AppTest at([&] {
        imlit::title("Main");
        if (auto s = imlit::sidebar()) {
            open = true;
            imlit::header("Settings");
            imlit::checkbox("Dark mode");
        }
        imlit::text("body");
    });
    at.run();
    INFO(at.dump());
    CHECK(open);
    CHECK(at.texts() == Strings{"Main", "Settings", "body"});
    CHECK(depth_of(at, "sidebar", "") == 0);
    CHECK(depth_of(at, "header", "Settings") == 1);
    CHECK(depth_of(at, "checkbox", "Dark mode") == 1);
    CHECK(depth_of(at, "text", "body") == 0);
}

TEST_CASE("sidebar opened twice in a frame adds to the same sidebar", "[containers]") {
    AppTest at([] {
        if (auto s = imlit::sidebar()) imlit::text("one");
        imlit::text("page");
        if (auto s = imlit::sidebar()) imlit::text("two");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.texts() == Strings{"one", "page", "two"});
    CHECK(at.elements_of("error").empty());
}

TEST_CASE("columns by count: each column holds its output", "[containers]") {
    AppTest at([] {
        {
            auto cols = imlit::columns(3);
            CHECK(cols.size() == 3);
            for (std::size_t i = 0; i < cols.size(); ++i)
                if (auto c = cols[i]) imlit::text("col {}", i);
        } // the group closes here
        imlit::text("below");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.texts() == Strings{"col 0", "col 1", "col 2", "below"});
    const auto groups = at.elements_of("columns");
    REQUIRE(groups.size() == 1);
    CHECK(groups[0].text == "3");
    CHECK(at.elements_of("column").size() == 3);
    CHECK(depth_of(at, "text", "col 1") > depth_of(at, "columns", "3"));
    CHECK(depth_of(at, "text", "below") == 0);
}

TEST_CASE("columns by weight: widths follow the weights", "[containers]") {
    float w[3] = {0, 0, 0};
    AppTest at([&] {
        auto cols = imlit::columns({3.0f, 1.0f, 2.0f});
        CHECK(cols.size() == 3);
        for (std::size_t i = 0; i < 3; ++i)
            if (auto c = cols[i])
                imlit::custom([&, i] { w[i] = ImGui::GetContentRegionAvail().x; });
    });
    at.run();
    at.run(); // tables settle their column widths on the second frame
    INFO(at.dump());
    REQUIRE(w[1] > 0);
    CHECK(w[0] / w[1] == Approx(3.0).epsilon(0.1));
    CHECK(w[2] / w[1] == Approx(2.0).epsilon(0.1));
}

TEST_CASE("columns can be filled in any order", "[containers]") {
    AppTest at([] {
        auto cols = imlit::columns(2);
        if (auto c = cols[1]) imlit::text("right first");
        if (auto c = cols[0]) imlit::text("left second");
        if (auto c = cols[1]) imlit::text("right again");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.texts() == Strings{"right first", "left second", "right again"});
    CHECK(at.elements_of("error").empty());
}

TEST_CASE("columns errors: zero, bad weights, index out of range", "[containers]") {
    AppTest at([] {
        {
            auto none = imlit::columns(0);
            CHECK(none.size() == 0);
        }
        { auto bad = imlit::columns({1.0f, -2.0f}); }
        auto cols = imlit::columns(2);
        if (auto c = cols[5]) imlit::text("never");
        imlit::text("after");
    });
    REQUIRE_NOTHROW(at.run());
    INFO(at.dump());
    CHECK(at.elements_of("error").size() == 3);
    CHECK_FALSE(shows(at, "never"));
    CHECK(shows(at, "after"));
}

TEST_CASE("tabs: the first tab is shown, the others are not drawn", "[containers]") {
    std::vector<bool> open;
    AppTest at([&] {
        open.clear();
        auto t = imlit::tabs({"Data", "Chart", "About"});
        CHECK(t.size() == 3);
        for (std::size_t i = 0; i < t.size(); ++i) {
            auto tab = t[i];
            open.push_back(static_cast<bool>(tab));
            if (tab) imlit::text("in tab {}", i);
        }
    });
    at.run();
    INFO(at.dump());
    CHECK(open == std::vector<bool>{true, false, false});
    CHECK(at.texts() == Strings{"in tab 0"});
    const auto bars = at.elements_of("tabs");
    REQUIRE(bars.size() == 1);
    CHECK(bars[0].text == "Data, Chart, About");
    REQUIRE(at.elements_of("tab").size() == 1);
    CHECK(at.elements_of("tab")[0].text == "Data");
}

TEST_CASE("tabs from a span, and errors", "[containers]") {
    const Strings labels = {"One", "Two"};
    AppTest at([&] {
        {
            auto t = imlit::tabs(labels);
            if (auto a = t[0]) imlit::text("one");
        }
        { auto empty = imlit::tabs(std::span<const std::string>{}); }
        imlit::text("after");
    });
    REQUIRE_NOTHROW(at.run());
    INFO(at.dump());
    CHECK(shows(at, "one"));
    CHECK(shows(at, "after"));
    CHECK(at.elements_of("error").size() == 1);
}

TEST_CASE("expander: closed by default, open when expanded", "[containers]") {
    bool closed_body = false, open_body = false;
    AppTest at([&] {
        if (auto e = imlit::expander("Closed")) {
            closed_body = true;
            imlit::text("hidden");
        }
        if (auto e = imlit::expander("Open", {.expanded = true})) {
            open_body = true;
            imlit::text("visible");
        }
    });
    at.run();
    INFO(at.dump());
    CHECK_FALSE(closed_body);
    CHECK(open_body);
    CHECK(at.texts() == Strings{"visible"});
    CHECK(at.elements_of("expander").size() == 2); // both headers are shown
    CHECK(depth_of(at, "text", "visible") == 1);
}

TEST_CASE("container: groups output; keyed and bordered", "[containers]") {
    AppTest at([] {
        if (auto c = imlit::container()) imlit::text("plain");
        if (auto c = imlit::container({.key = "keyed", .border = true})) {
            imlit::text("boxed");
            imlit::checkbox("Inside");
        }
        if (auto c = imlit::container()) imlit::checkbox("Inside"); // other container: no clash
    });
    at.run();
    INFO(at.dump());
    CHECK(at.texts() == Strings{"plain", "boxed"});
    CHECK(at.elements_of("container").size() == 3);
    CHECK(at.elements_of("error").empty());
    CHECK(depth_of(at, "text", "boxed") == 1);
}

TEST_CASE("containers nest: tabs > columns > expander > container", "[containers]") {
    std::string picked;
    AppTest at([&] {
        if (auto s = imlit::sidebar()) picked = imlit::selectbox("Mode", {"a", "b"});
        if (auto t = imlit::tabs({"First", "Second"}); auto tab = t[0]) {
            auto cols = imlit::columns(2);
            if (auto c = cols[0]) {
                if (auto e = imlit::expander("Deep", {.expanded = true})) {
                    if (auto box = imlit::container({.key = "inner"})) {
                        imlit::text("deepest {}", picked);
                        imlit::checkbox("Flag");
                    }
                }
            }
            if (auto c = cols[1]) imlit::text("right");
        }
        imlit::text("page");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.texts() == Strings{"deepest a", "right", "page"});
    const int deep = depth_of(at, "text", "deepest a");
    CHECK(deep > depth_of(at, "expander", "Deep"));
    CHECK(depth_of(at, "expander", "Deep") > depth_of(at, "tab", "First"));
    CHECK(depth_of(at, "text", "page") == 0);
    at.selectbox("Mode").select("b");
    at.checkbox("Flag").set(true);
    at.run();
    CHECK(at.texts().front() == "deepest b");
    CHECK(at.checkbox("Flag").value<bool>());
    CHECK(at.elements_of("error").empty());
}

TEST_CASE("Containers closed out of order or left open do not break the frame", "[containers]") {
    AppTest at([] {
        {
            std::optional<imlit::Container> outer(imlit::expander("Outer", {.expanded = true}));
            auto inner = imlit::container({.key = "inner"});
            imlit::text("inside");
            outer.reset(); // closes Outer while `inner` is still open
            imlit::text("still here");
        }
        imlit::text("after");
    });
    REQUIRE_NOTHROW(at.run());
    REQUIRE_NOTHROW(at.run());
    INFO(at.dump());
    CHECK(shows(at, "inside"));
    CHECK(shows(at, "after"));
    CHECK(depth_of(at, "text", "after") == 0);
}

TEST_CASE("Containers outside a frame throw std::logic_error", "[containers]") {
    CHECK_THROWS_AS(imlit::sidebar(), std::logic_error);
    CHECK_THROWS_AS(imlit::columns(2), std::logic_error);
    CHECK_THROWS_WITH(imlit::expander("x"), Contains("expander"));
}

// [SECTION] Streamlit scoping: output after a group goes below it ----------------------------

TEST_CASE("the Streamlit columns translation puts later output below the columns", "[containers]") {
    // c1, c2, c3, c4 = st.columns(4); c1.metric(...); ...; st.line_chart(...)
    float first_column_x = -1, last_column_x = -1, columns_bottom = 0, after_x = -1, after_y = -1;
    AppTest at([&] {
        columns_bottom = 0;
        auto m = imlit::columns(4);
        for (std::size_t i = 0; i < m.size(); ++i) {
            if (auto c = m[i]) {
                imlit::custom([&, i] {
                    if (i == 0) first_column_x = ImGui::GetCursorScreenPos().x;
                    if (i == 3) last_column_x = ImGui::GetCursorScreenPos().x;
                });
                imlit::metric(fmt::format("Metric {}", i), "42", "+1");
                if (i == 1) imlit::text("a taller column: two lines of text here");
                imlit::custom([&] {
                    columns_bottom = std::max(columns_bottom, ImGui::GetCursorScreenPos().y);
                });
            }
        }
        imlit::custom([&] {
            after_x = ImGui::GetCursorScreenPos().x;
            after_y = ImGui::GetCursorScreenPos().y;
        });
        imlit::line_chart({imlit::Series{"wave", {1, 3, 2, 4}}});
        imlit::text("after");
        // `m` is still alive here: it does not matter.
    });
    at.run();
    at.run(); // the table settles its widths on the second frame
    INFO(at.dump());
    CHECK(depth_of(at, "line_chart", "wave (4)") == 0);
    CHECK(depth_of(at, "text", "after") == 0);
    CHECK(depth_of(at, "metric", "Metric 3: 42 +1") > 0);
    // At the page's left edge (the first column's, less the cell padding), not in a column.
    CHECK(after_x == Approx(first_column_x).margin(2));
    CHECK(last_column_x > first_column_x + 200);
    CHECK(after_y >= columns_bottom);
    CHECK(at.elements_of("error").empty());
}

TEST_CASE("tabs: output after the tab bar goes below it, not into the last tab", "[containers]") {
    AppTest at([] {
        auto t = imlit::tabs({"One", "Two"});
        if (auto a = t[0]) imlit::text("in one");
        imlit::text("below the tabs");
    });
    at.run();
    INFO(at.dump());
    CHECK(depth_of(at, "text", "in one") == 2);
    CHECK(depth_of(at, "text", "below the tabs") == 0);
}

TEST_CASE("a child filled after output below its group is an error in place", "[containers]") {
    AppTest at([] {
        auto cols = imlit::columns(2);
        if (auto c = cols[0]) imlit::text("left");
        imlit::text("below");
        if (auto c = cols[1]) imlit::text("too late");
        imlit::text("still fine");
    });
    REQUIRE_NOTHROW(at.run());
    INFO(at.dump());
    CHECK(at.texts().size() == 4); // left, below, the error, still fine
    CHECK_FALSE(shows(at, "too late"));
    REQUIRE(at.elements_of("error").size() == 1);
    CHECK_THAT(at.elements_of("error")[0].text,
               Contains("column 1") && Contains("fill a group's columns before writing below it"));
    CHECK(depth_of(at, "text", "still fine") == 0);
}

TEST_CASE("a group stays open across the sidebar and its own children", "[containers]") {
    AppTest at([] {
        auto cols = imlit::columns(2);
        if (auto c = cols[0]) imlit::text("left");
        if (auto s = imlit::sidebar()) imlit::text("side"); // a window of its own
        if (auto c = cols[1]) {
            auto inner = imlit::columns(2); // a group inside a child
            if (auto d = inner[1]) imlit::text("inner right");
            imlit::text("below inner"); // closes `inner` only
        }
        if (auto c = cols[0]) imlit::text("left again");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.elements_of("error").empty());
    CHECK(shows(at, "left again"));
    CHECK(depth_of(at, "text", "below inner") == 2);
    CHECK(depth_of(at, "text", "inner right") == 4);
}

TEST_CASE("each(): the lambda form of a group", "[containers]") {
    std::vector<std::size_t> filled;
    AppTest at([&] {
        filled.clear();
        imlit::columns(3).each([&](std::size_t i) {
            filled.push_back(i);
            imlit::text("col {}", i);
        });
        imlit::tabs({"A", "B"}).each([&](std::size_t i) { imlit::text("tab {}", i); });
        imlit::text("after");
    });
    at.run();
    INFO(at.dump());
    CHECK(filled == std::vector<std::size_t>{0, 1, 2});
    CHECK(at.texts() == Strings{"col 0", "col 1", "col 2", "tab 0", "after"});
    CHECK(depth_of(at, "text", "after") == 0);
}

TEST_CASE("lambda forms of expander, container and sidebar", "[containers]") {
    AppTest at([] {
        imlit::expander("Closed", [] { imlit::text("hidden"); });
        imlit::expander("Open", {.expanded = true}, [] { imlit::text("shown"); });
        imlit::container([] { imlit::text("boxed"); });
        imlit::container({.key = "k", .border = true}, [] { imlit::checkbox("Inside"); });
        imlit::sidebar([] { imlit::text("side"); });
        imlit::text("page");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.texts() == Strings{"shown", "boxed", "side", "page"});
    CHECK(depth_of(at, "text", "shown") == 1);
    CHECK(depth_of(at, "checkbox", "Inside") == 1);
    CHECK(depth_of(at, "text", "page") == 0);
}

// [SECTION] Ids -----------------------------------------------------------------------------

TEST_CASE("unkeyed container ids do not shift when conditional UI appears above them",
          "[containers]") {
    bool extra = false;
    AppTest at([&] {
        if (extra) { // conditional containers of every kind, above the others
            if (auto c = imlit::container()) imlit::text("extra");
            auto g = imlit::columns(2);
            auto t = imlit::tabs({"x"});
            if (auto e = imlit::expander("Extra")) imlit::text("more");
        }
        if (auto c = imlit::container()) imlit::checkbox("In container");
        {
            auto cols = imlit::columns(2);
            if (auto c = cols[1]) imlit::slider("In column", 1, 0, 10);
        }
        {
            auto t = imlit::tabs({"First", "Second"});
            if (auto c = t[0]) imlit::checkbox("In tab");
        }
        if (auto e = imlit::expander("Box", {.expanded = true})) imlit::checkbox("In expander");
    });
    at.run();
    at.checkbox("In container").set(true);
    at.slider("In column").set(7);
    at.checkbox("In tab").set(true);
    at.checkbox("In expander").set(true);
    at.run();
    extra = true;
    at.run();
    INFO(at.dump());
    CHECK(shows(at, "extra"));
    CHECK(at.checkbox("In container").value<bool>());
    CHECK(at.slider("In column").value<int>() == 7);
    CHECK(at.checkbox("In tab").value<bool>());
    CHECK(at.checkbox("In expander").value<bool>());
    CHECK(at.elements_of("error").empty());
}

TEST_CASE("a container reached again from one call site (a loop) gets its own id", "[containers]") {
    AppTest at([] {
        for (int i = 0; i < 3; ++i)
            if (auto c = imlit::container()) imlit::checkbox("Same label");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.elements_of("error").empty());
    auto boxes = at.widgets("checkbox");
    REQUIRE(boxes.size() == 3);
    boxes[1].set(true);
    at.run();
    boxes = at.widgets("checkbox");
    CHECK_FALSE(boxes[0].value<bool>());
    CHECK(boxes[1].value<bool>());
    CHECK_FALSE(boxes[2].value<bool>());
}

TEST_CASE("a keyed container is the same container from any call site; duplicates are errors",
          "[containers]") {
    bool branch = false;
    AppTest at([&] {
        if (branch) {
            if (auto c = imlit::container({.key = "settings"})) imlit::checkbox("Flag");
        } else {
            if (auto c = imlit::container({.key = "settings"})) imlit::checkbox("Flag");
        }
    });
    at.run();
    at.checkbox("Flag").set(true);
    at.run();
    branch = true; // another call site, same key: the same id, the same widget value
    at.run();
    CHECK(at.checkbox("Flag").value<bool>());

    AppTest dup([] {
        if (auto c = imlit::container({.key = "k"})) imlit::checkbox("A");
        if (auto e = imlit::expander("E", {.key = "k", .expanded = true})) imlit::checkbox("A");
    });
    REQUIRE_NOTHROW(dup.run());
    INFO(dup.dump());
    REQUIRE(dup.elements_of("error").size() == 1);
    CHECK_THAT(dup.elements_of("error")[0].text, Contains("key 'k'"));
    CHECK(dup.widgets("checkbox").size() == 2); // both still work, with ids of their own
}

TEST_CASE("an expander's id comes from its label and call site", "[containers]") {
    AppTest at([] {
        if (auto e = imlit::expander("Same", {.expanded = true})) imlit::checkbox("A");
        if (auto e = imlit::expander("Same", {.expanded = true})) imlit::checkbox("A");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.elements_of("error").empty()); // two call sites: two ids
    CHECK(at.widgets("checkbox").size() == 2);
}

// [SECTION] Containers in cached loaders ----------------------------------------------------------

TEST_CASE("a loader's group followed by output replays with the output below it",
          "[containers][cache]") {
    int runs = 0;
    auto f = imlit::cache_data(
        [&] {
            ++runs;
            auto m = imlit::columns(2);
            if (auto c = m[0]) imlit::text("a");
            if (auto c = m[1]) imlit::text("b");
            imlit::text("below"); // `m` is still alive
            return 1;
        },
        {.blocking = true});
    AppTest at([&] {
        (void)f();
        imlit::text("page");
    });
    at.run();
    const auto first = at.elements();
    at.run();
    INFO(at.dump());
    CHECK(runs == 1);
    CHECK(at.elements() == first);
    CHECK(depth_of(at, "text", "a") == 2);
    CHECK(depth_of(at, "text", "below") == 0);
    CHECK(at.texts() == Strings{"a", "b", "below", "page"});
}

TEST_CASE("a cached call after a frame's group shows below it, first run and replays",
          "[containers][cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data([&] {
        ++runs;
        imlit::text("from the loader");
        return 1;
    });
    AppTest at([&] {
        auto cols = imlit::columns(2);
        if (auto c = cols[0]) imlit::text("left");
        (void)f();
        imlit::text("page");
    });
    at.run_until_idle();
    INFO(at.dump());
    CHECK(runs == 1);
    CHECK(depth_of(at, "text", "from the loader") == 0);
    CHECK(at.texts() == Strings{"left", "from the loader", "page"});
    at.run();
    CHECK(depth_of(at, "text", "from the loader") == 0);
    CHECK(at.elements_of("error").empty());
}

TEST_CASE("a replay's commands out of view still go below a frame's group", "[containers][cache]") {
    // Replays skip layout-only commands out of view (replay_clipper.hpp); a skipped command
    // must close a pending group first, as a drawn one does, or its space (and its place in
    // the page) would be inside the group's last column.
    auto f = imlit::cache_data(
        [] {
            for (int i = 0; i < 40; ++i)
                imlit::text("loader line {}", i);
            return 1;
        },
        {.blocking = true});
    AppTest at([&] {
        for (int i = 0; i < 60; ++i) // push the group below the 800 px display
            imlit::text("filler {}", i);
        auto cols = imlit::columns(2);
        if (auto c = cols[0]) imlit::text("left");
        (void)f();
    });
    for (int i = 0; i < 4; ++i) // record, measure the footprints, then skip
        at.run();
    INFO(at.dump());
    CHECK(depth_of(at, "text", "left") == 2);
    CHECK(depth_of(at, "text", "loader line 0") == 0);
    CHECK(depth_of(at, "text", "loader line 39") == 0);
}
