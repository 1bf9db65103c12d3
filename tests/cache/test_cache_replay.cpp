// Cached scopes: containers inside loaders, replay into a container that is gone (R10), raw
// Dear ImGui detection and custom() (R13), widgets that are not allowed in a cached scope (R4).
#include <catch2/catch.hpp>

#include <atomic>
#include <string>

#include <imgui.h>

#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using imlit::testing::AppTest;
using namespace imlit_cache_test;

TEST_CASE("containers opened inside a loader replay as the same structure", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data([&]() {
        ++runs;
        if (auto e = imlit::expander("Details")) {
            imlit::text("inside expander");
            auto cols = imlit::columns(2);
            {
                auto c0 = cols[0];
                imlit::text("left");
            }
            {
                auto c1 = cols[1];
                imlit::text("right");
            }
        }
        imlit::text("after");
        return 1;
    });
    AppTest at([&] {
        if (auto c = imlit::container({.key = "outer"})) (void)f();
    });
    at.run_until_idle();
    const auto first = at.elements();
    at.run();
    at.run();
    CHECK(runs == 1);
    CHECK(at.elements() == first);
    // The structure: expander, then (inside it) text, columns, left, right; then after.
    std::vector<std::string> kinds;
    for (const auto& e : at.elements())
        kinds.push_back(e.kind + ":" + e.text);
    INFO(at.dump());
    CHECK(contains(kinds, "expander:Details"));
    CHECK(contains(kinds, "text:after"));
    // Collapsed expander: the body was recorded anyway (complete recording), so opening it
    // later shows it without running the loader.
    CHECK(runs == 1);
}

TEST_CASE("a recorded command aimed at a container that is gone is an error, not a crash",
          "[cache]") {
    imlit::ContainerGroup* group = nullptr;
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&]() {
            ++runs;
            auto c = (*group)[1];
            imlit::text("in column 1");
            return 1;
        },
        {.blocking = true});
    bool make_columns = true;
    AppTest at([&] {
        if (make_columns) {
            auto cols = imlit::columns(2);
            group = &cols;
            (void)f();
            group = nullptr;
        } else {
            (void)f(); // replays a command for column 1 of a group that no longer exists
        }
    });
    at.run();
    CHECK(contains(at.texts(), "in column 1"));
    make_columns = false;
    at.run();
    CHECK(runs == 1);
    CHECK(count_kind(at, "error") >= 1);
    INFO(at.dump());
    at.run(); // and again: still an error in place, no crash
    CHECK(count_kind(at, "error") >= 1);
}

TEST_CASE("raw Dear ImGui in a loader is reported once; custom() is replayed", "[cache]") {
    std::atomic<int> custom_calls{0};
    auto raw = imlit::cache_data(
        [&]() {
            imlit::text("before raw");
            ImGui::Text("raw text drawn directly");
            imlit::text("after raw");
            return 1;
        },
        {.name = "raw_loader", .blocking = true});
    auto wrapped = imlit::cache_data(
        [&]() {
            imlit::custom([&] {
                ++custom_calls;
                ImGui::Text("raw but wrapped");
            });
            return 2;
        },
        {.name = "wrapped_loader", .blocking = true});
    AppTest at([&] {
        (void)raw();
        (void)wrapped();
    });
    at.run();
    INFO(at.dump());
    std::size_t warnings = 0;
    for (const auto& e : at.elements())
        warnings += e.text.find("raw_loader") != std::string::npos &&
                    e.text.find("imlit::custom") != std::string::npos;
    CHECK(warnings == 1);
    const int after_first = custom_calls;
    CHECK(after_first >= 1);
    for (int i = 0; i < 3; ++i)
        at.run();
    CHECK(custom_calls == after_first + 3); // the closure is replayed every frame
    // Reported once: the warning is part of the recording, not repeated per frame.
    warnings = 0;
    for (const auto& e : at.elements())
        warnings += e.text.find("raw_loader") != std::string::npos;
    CHECK(warnings <= 1);
}

TEST_CASE("a button inside a loader is an error in place naming it and the scope", "[cache]") {
    auto f = imlit::cache_data(
        [&]() {
            if (imlit::button("Go")) return 1;
            return 0;
        },
        {.name = "with_button"});
    AppTest at([&] { (void)f(); });
    at.run_until_idle();
    INFO(at.dump());
    bool found = false;
    for (const auto& e : at.elements())
        found |= e.kind == "error" && e.text.find("Go") != std::string::npos &&
                 e.text.find("with_button") != std::string::npos;
    CHECK(found);
}

TEST_CASE("allow_widgets = false: a widget inside is an error in place", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&]() {
            ++runs;
            return imlit::checkbox("Sneaky") ? 1 : 0;
        },
        {.name = "no_widgets", .allow_widgets = false});
    AppTest at([&] { (void)f(); });
    at.run_until_idle();
    INFO(at.dump());
    bool found = false;
    for (const auto& e : at.elements())
        found |= e.kind == "error" && e.text.find("Sneaky") != std::string::npos &&
                 e.text.find("no_widgets") != std::string::npos;
    CHECK(found);
    at.run();
    CHECK(runs == 1);
}

TEST_CASE("cache_inspector shows every cached function", "[cache]") {
    auto f = imlit::cache_data([] { return 1; }, {.name = "inspected_fn", .blocking = true});
    AppTest at([&] {
        (void)f();
        imlit::cache_inspector();
    });
    at.run();
    at.run();
    CHECK(count_kind(at, "custom") == 1);
    bool listed = false;
    for (const auto& s : imlit::cache_stats().functions)
        listed |= s.name == "inspected_fn";
    CHECK(listed);
}
