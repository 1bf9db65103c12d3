// AppTest itself: frames, element log, widget lookup and its errors, the clock, run_until_idle,
// and AppTests on several threads.
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <imgui.h>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/fonts.hpp"
#include "ui/seam.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
using imlit::testing::Element;
using namespace std::chrono_literals;

namespace {
// The work counter is process-wide: loads left running by earlier tests (superseded loads in
// the cache tests finish in the background) must not count against a test that counts frames.
void wait_for_no_work() {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (imlit::detail::work_in_flight() != 0 && std::chrono::steady_clock::now() < deadline)
        imlit::detail::wait_for_redraw(imlit::detail::redraw_generation(), 50ms);
    REQUIRE(imlit::detail::work_in_flight() == 0);
}
} // namespace

TEST_CASE("AppTest runs one frame per run() and reports what it showed", "[apptest]") {
    int calls = 0;
    AppTest at([&] {
        ++calls;
        imlit::title("Title");
        imlit::text("count {}", calls);
        imlit::checkbox("Box");
    });
    CHECK(at.frame_count() == 0);
    CHECK(at.elements().empty());
    at.run();
    CHECK(calls == 1);
    CHECK(at.frame_count() == 1);
    REQUIRE(at.elements().size() == 3);
    CHECK(at.elements()[0] == Element{"title", "Title"});
    CHECK(at.elements()[1] == Element{"text", "count 1"});
    CHECK(at.elements()[2] == Element{"checkbox", "Box"});
    CHECK(at.texts() == std::vector<std::string>{"Title", "count 1"});
    at.run();
    CHECK(calls == 2);
    CHECK(at.texts() == std::vector<std::string>{"Title", "count 2"});
}

TEST_CASE("AppTest texts() keeps only text-bearing static elements", "[apptest]") {
    AppTest at([] {
        imlit::header("H");
        imlit::separator();
        imlit::caption("C");
        imlit::button("B");
        imlit::progress(0.5f);
        imlit::success("S");
        imlit::metric("Speed", "3 m/s", "+1");
        imlit::spinner("Wait");
        imlit::code("int x;");
    });
    at.run();
    CHECK(at.texts() == std::vector<std::string>{"H", "C", "S", "Speed: 3 m/s +1", "int x;"});
    CHECK(at.elements_of("progress").size() == 1);
    CHECK(at.elements_of("spinner").size() == 1);
}

TEST_CASE("AppTest dump() lists the last frame, indented by container", "[apptest]") {
    AppTest at([] {
        imlit::text("top");
        if (auto e = imlit::expander("More", {.expanded = true})) {
            imlit::checkbox("Inner", true);
            imlit::text("line1\nline2");
        }
    });
    CHECK_THAT(at.dump(), Contains("no frame"));
    at.run();
    const std::string d = at.dump();
    CHECK_THAT(d, Contains("text: top"));
    CHECK_THAT(d, Contains("expander"));
    CHECK_THAT(d, Contains("checkbox \"Inner\" = true"));
    CHECK_THAT(d, Contains("line1\\nline2"));
    // The child is indented deeper than the expander.
    const auto exp_line = d.find("expander");
    const auto box_line = d.find("checkbox");
    const auto indent = [&](std::size_t pos) {
        const auto start = d.rfind('\n', pos);
        const auto line_start = start == std::string::npos ? 0 : start + 1;
        return d.find_first_not_of(' ', line_start) - line_start;
    };
    CHECK(indent(box_line) > indent(exp_line));
}

TEST_CASE("AppTest unknown labels list the labels that exist", "[apptest]") {
    AppTest at([] {
        imlit::checkbox("Alpha");
        imlit::checkbox("Beta");
        imlit::slider("Gamma", 1, 0, 10);
    });
    SECTION("before the first frame") {
        CHECK_THROWS_WITH(at.checkbox("Alpha"), Contains("run()"));
    }
    SECTION("after a frame") {
        at.run();
        try {
            at.checkbox("Alhpa");
            FAIL("expected an exception");
        } catch (const std::out_of_range& e) {
            const std::string msg = e.what();
            CHECK_THAT(msg, Contains("Alhpa"));
            CHECK_THAT(msg, Contains("\"Alpha\", \"Beta\"")); // labels of that kind
            CHECK_THAT(msg, Contains("slider Gamma"));        // then every widget
        }
        CHECK_THROWS_AS(at.button("Alpha"), std::out_of_range); // wrong kind
        CHECK_THROWS_WITH(at.radio("Alpha"), Contains("checkbox Alpha"));
        CHECK_NOTHROW(at.widget("Gamma"));
        CHECK(at.widget("Gamma").kind() == "slider");
    }
}

TEST_CASE("AppTest ambiguous labels are picked by key", "[apptest]") {
    AppTest at([] {
        imlit::checkbox("Same", false, {.key = "first"});
        imlit::checkbox("Same", true, {.key = "second"});
    });
    at.run();
    CHECK_THROWS_WITH(at.checkbox("Same"), Contains("key"));
    CHECK(at.checkbox("Same", "first").value<bool>() == false);
    CHECK(at.checkbox("Same", "second").value<bool>() == true);
    CHECK_THROWS_AS(at.checkbox("Same", "third"), std::out_of_range);
    CHECK(at.widgets("checkbox").size() == 2);
}

TEST_CASE("AppTest widget changes take effect on the next run()", "[apptest]") {
    std::vector<bool> seen;
    AppTest at([&] { seen.push_back(imlit::checkbox("Tick")); });
    at.run();
    auto h = at.checkbox("Tick");
    h.set(true);
    CHECK(h.value<bool>() == true); // queued value
    CHECK(seen == std::vector<bool>{false});
    at.run();
    CHECK(seen == std::vector<bool>{false, true});
    at.run();
    CHECK(seen == std::vector<bool>{false, true, true}); // stays
    h.click();                                           // toggles
    at.run();
    CHECK(seen.back() == false);
}

TEST_CASE("AppTest type mismatches and ranges throw naming the widget", "[apptest]") {
    AppTest at([] {
        imlit::checkbox("Flag");
        imlit::slider("Count", 5, 0, 10);
        imlit::slider("Ratio", 0.5f, 0.0f, 1.0f);
        imlit::selectbox("Pick", {"a", "b"});
        imlit::color_picker("Tint");
        imlit::text_input("Name");
    });
    at.run();
    CHECK_THROWS_WITH(at.checkbox("Flag").set(3),
                      Contains("checkbox \"Flag\"") && Contains("bool"));
    CHECK_THROWS_WITH(at.slider("Count").set(11), Contains("Count") && Contains("out of range"));
    CHECK_THROWS_WITH(at.slider("Count").set(-1), Contains("out of range"));
    CHECK_THROWS_WITH(at.slider("Count").set(2.5), Contains("Count") && Contains("int"));
    CHECK_THROWS_WITH(at.slider("Ratio").set(std::nan("")), Contains("NaN"));
    CHECK_THROWS_WITH(at.slider("Ratio").set(1.5), Contains("out of range"));
    CHECK_THROWS_WITH(at.selectbox("Pick").select("c"),
                      Contains("\"c\" is not one of its options") && Contains("\"a\", \"b\""));
    CHECK_THROWS_WITH(at.color_picker("Tint").set(imlit::Color{2, 0, 0, 1}), Contains("[0, 1]"));
    CHECK_THROWS_WITH(at.text_input("Name").set(true), Contains("string"));
    CHECK_THROWS_WITH(at.checkbox("Flag").value<int>(),
                      Contains("holds bool") && Contains("not int"));
    CHECK_THROWS_WITH(at.text_input("Name").click(), Contains("click()"));
    // Nothing invalid was queued: the next frame runs with the old values.
    at.run();
    CHECK(at.slider("Count").value<int>() == 5);
    CHECK(at.checkbox("Flag").value<bool>() == false);
}

TEST_CASE("AppTest handles on widgets that are no longer shown throw", "[apptest]") {
    bool show = true;
    AppTest at([&] {
        if (show) imlit::checkbox("Gone");
    });
    at.run();
    auto h = at.checkbox("Gone");
    show = false;
    at.run();
    CHECK_THROWS_WITH(h.set(true), Contains("not shown"));
    CHECK_THROWS_AS(h.value(), std::out_of_range);
}

TEST_CASE("AppTest clock moves only by advance_clock", "[apptest]") {
    AppTest at([] {});
    const auto t0 = at.session().now();
    at.run();
    at.run();
    CHECK(at.session().now() == t0);
    at.advance_clock(1.5s);
    CHECK(std::chrono::duration<double>(at.session().now() - t0).count() == Approx(1.5));
    CHECK_THROWS_AS(at.advance_clock(-1s), std::invalid_argument);
}

TEST_CASE("AppTest run_until_idle with a spinner settles", "[apptest]") {
    wait_for_no_work();
    AppTest at([] { imlit::spinner("Working"); });
    at.run_until_idle(2s);
    CHECK(at.frame_count() >= 1);
    CHECK(at.frame_count() <= 3);
    CHECK(at.elements_of("spinner").size() == 1);
}

TEST_CASE("AppTest run_until_idle with a quiet page runs one frame", "[apptest]") {
    wait_for_no_work();
    AppTest at([] { imlit::text("static"); });
    at.run_until_idle();
    CHECK(at.frame_count() == 1);
}

TEST_CASE("AppTest run_until_idle waits for work in flight", "[apptest]") {
    wait_for_no_work();
    std::atomic<bool> done{false};
    std::thread worker;
    AppTest at([&] {
        if (done)
            imlit::success("loaded");
        else
            imlit::text("waiting");
    });
    imlit::detail::work_started();
    worker = std::thread([&] {
        std::this_thread::sleep_for(150ms);
        done = true;
        imlit::request_redraw();
        imlit::detail::work_finished();
    });
    const auto t0 = std::chrono::steady_clock::now();
    at.run_until_idle(5s);
    worker.join();
    CHECK(at.texts() == std::vector<std::string>{"loaded"});
    // It slept rather than spun: a handful of frames, not thousands.
    CHECK(at.frame_count() < 20);
    CHECK(std::chrono::steady_clock::now() - t0 >= 140ms);
}

TEST_CASE("AppTest run_until_idle times out naming what is pending", "[apptest]") {
    SECTION("work that never finishes") {
        AppTest at([] { imlit::text("x"); });
        imlit::detail::work_started();
        CHECK_THROWS_WITH(at.run_until_idle(200ms),
                          Contains("in flight") && Contains("200 ms") && Contains("text: x"));
        imlit::detail::work_finished();
    }
    SECTION("a frame that asks for redraws forever") {
        int n = 0;
        AppTest at([&] {
            imlit::text("frame {}", ++n);
            imlit::request_redraw();
        });
        CHECK_THROWS_WITH(at.run_until_idle(200ms), Contains("request_redraw"));
    }
}

TEST_CASE("AppTests on several threads serialise their frames", "[apptest]") {
    constexpr int kThreads = 4, kFrames = 30;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([t, &failures] {
            AppTest at([t] {
                const int v = imlit::slider("V", t, 0, 100);
                imlit::text("thread {} value {}", t, v);
            });
            for (int f = 0; f < kFrames; ++f) {
                at.run();
                if (at.texts() !=
                    std::vector<std::string>{fmt::format("thread {} value {}", t, t + f)})
                    ++failures;
                at.slider("V").set(t + f + 1);
            }
        });
    }
    for (auto& th : threads)
        th.join();
    CHECK(failures == 0);
}

TEST_CASE("AppTest keeps the caller's Dear ImGui context current", "[apptest]") {
    ImGuiContext* before = ImGui::GetCurrentContext();
    {
        AppTest at([] { imlit::text("x"); });
        at.run();
        CHECK(ImGui::GetCurrentContext() == before);
    }
    CHECK(ImGui::GetCurrentContext() == before);
}

TEST_CASE("AppTest rejects an empty frame function", "[apptest]") {
    CHECK_THROWS_AS(AppTest(std::function<void()>{}), std::invalid_argument);
}

TEST_CASE("AppTest run_until_idle waits for an async cached load and shows it", "[apptest]") {
    static auto slow = imlit::cache_data(
        [](int n) {
            imlit::text("loading {}", n);
            std::this_thread::sleep_for(100ms);
            return n * 2;
        },
        {.name = "apptest_slow"});
    wait_for_no_work();
    AppTest at([] {
        auto v = slow(21);
        if (v) imlit::success(fmt::format("value {}", *v));
    });
    at.run();
    CHECK(at.elements_of("success").empty()); // still loading on a worker
    at.run_until_idle(5s);
    INFO(at.dump());
    CHECK(imlit::detail::work_in_flight() == 0);
    CHECK(at.texts() == std::vector<std::string>{"loading 21", "value 42"});
    // A hit from now on: one frame is idle.
    const auto frames = at.frame_count();
    at.run_until_idle(5s);
    CHECK(at.frame_count() == frames + 1);
    slow.clear();
}

TEST_CASE("AppTest frames cannot nest", "[apptest]") {
    std::unique_ptr<AppTest> inner;
    std::string error;
    AppTest outer([&] {
        try {
            AppTest nested([] {});
        } catch (const std::logic_error& e) {
            error = e.what();
        }
        if (inner) {
            try {
                inner->run();
            } catch (const std::logic_error& e) {
                error += std::string(" | ") + e.what();
            }
        }
    });
    inner = std::make_unique<AppTest>([] { imlit::text("inner"); });
    outer.run();
    CHECK_THAT(error, Contains("constructor") && Contains("run()") && Contains("nest"));
    inner->run(); // fine outside
    CHECK(inner->texts() == std::vector<std::string>{"inner"});
}

TEST_CASE("A destroyed AppTest leaves no fonts behind for a later context", "[apptest]") {
    ImGuiContext* address = nullptr;
    {
        AppTest at([&] {
            address = ImGui::GetCurrentContext();
            imlit::header("with imlit's fonts");
        });
        at.run();
    }
    REQUIRE(address != nullptr);
    // glibc hands the freed block straight back for an allocation of the same size: a new
    // context usually lands at the old address, which is the case that used to find the dead
    // context's fonts (from another atlas) and trip Dear ImGui's atlas assertion.
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGuiContext* ctx = ImGui::CreateContext();
    ImGui::SetCurrentContext(ctx);
    const bool reused = ctx == address;
    const imlit::detail::Fonts& f = imlit::detail::fonts();
    CHECK(f.regular == nullptr);
    CHECK(f.large == nullptr);
    ImGui::DestroyContext(ctx);
    ImGui::SetCurrentContext(previous);
    INFO("context address reused: " << reused);
    SUCCEED();
}

TEST_CASE("AppTest drives widgets that a cached loader recorded", "[apptest]") {
    static std::atomic<int> loads{0};
    static auto load = imlit::cache_data(
        [](int base) {
            ++loads;
            const bool doubled = imlit::checkbox("Doubled");
            return doubled ? base * 2 : base;
        },
        {.name = "apptest_widgets", .blocking = true});
    wait_for_no_work();
    AppTest at([] {
        auto v = load(5);
        if (v) imlit::text("value {}", *v);
    });
    at.run();
    at.run(); // a hit: the checkbox is replayed from the recording, and live
    CHECK(loads == 1);
    CHECK(at.texts() == std::vector<std::string>{"value 5"});
    at.checkbox("Doubled").set(true);
    at.run(); // the new value is part of the key: a miss, loaded at once (blocking)
    CHECK(loads == 2);
    CHECK(at.texts() == std::vector<std::string>{"value 10"});
    at.checkbox("Doubled").set(false);
    at.run(); // back to the first state: a hit
    CHECK(loads == 2);
    CHECK(at.texts() == std::vector<std::string>{"value 5"});
    load.clear();
}
