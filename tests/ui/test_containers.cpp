// Every container, through AppTest: sidebar, columns (count and weights), tabs, expander
// (closed/open), container, nesting, and their error cases.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <imgui.h>

#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
using imlit::testing::Element;
using Strings = std::vector<std::string>;

namespace {
// The depth of the first element of `kind` with `text`; -1 when absent.
int depth_of(const AppTest& at, std::string_view kind, std::string_view text) {
    for (const Element& e : at.elements())
        if (e.kind == kind && e.text == text) return e.depth;
    return -1;
}
bool shows(const AppTest& at, std::string_view text) {
    for (const std::string& t : at.texts())
        if (t == text) return true;
    return false;
}
} // namespace

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
        if (auto e = imlit::expander("Open", true)) {
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
        if (auto c = imlit::container("keyed", true)) {
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
                if (auto e = imlit::expander("Deep", true)) {
                    if (auto box = imlit::container("inner")) {
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
            std::optional<imlit::Container> outer(imlit::expander("Outer", true));
            auto inner = imlit::container("inner");
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
