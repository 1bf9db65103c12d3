// The widget store forgets widgets not seen for a while (kForgetWidgetFrames frames AND
// kForgetWidgetSeconds on the session clock), so new labels every frame do not grow memory
// without bound; widgets with an explicit key are kept (set_widget finds them), and session_state
// is never forgotten.
#include <algorithm>
#include <chrono>
#include <string>

#include <catch2/catch.hpp>

#include "imlit/state.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/session_impl.hpp"
#include "ui/widget_impl.hpp"

using imlit::testing::AppTest;
namespace d = imlit::detail;

TEST_CASE("widget store: 2,000 new labels a frame for 300 frames stay bounded", "[widgets]") {
    constexpr int kPerFrame = 2000;
    constexpr int kFrames = 300;
    int frame = 0;
    AppTest at([&] {
        for (int i = 0; i < kPerFrame; ++i)
            (void)imlit::checkbox("row " + std::to_string(frame) + "." + std::to_string(i));
    });
    std::size_t most = 0;
    for (frame = 0; frame < kFrames; ++frame) {
        at.run();
        at.advance_clock(std::chrono::seconds(1));
        most = std::max(most, d::store_slot_count(at.session()));
    }
    // Without forgetting: 600,000 slots. With it: what the last N frames (plus one sweep
    // interval) showed.
    const std::size_t bound =
        (d::kForgetWidgetFrames + d::kForgetSweepEveryFrames + 1) * std::size_t(kPerFrame);
    INFO("most slots held at once: " << most);
    CHECK(most <= bound);
    CHECK(most < std::size_t(kPerFrame) * kFrames / 2);
}

TEST_CASE("widget store: a hidden widget keeps its value until both limits pass", "[widgets]") {
    bool show = true;
    bool keyed_shown = true;
    int value = -1;
    int keyed = -1;
    int frames_counted = 0; // session_state: never forgotten
    int frames_run = 0;
    AppTest at([&] {
        ++frames_run;
        if (show) value = imlit::slider("Level", 0, 0, 10);
        if (keyed_shown) keyed = imlit::slider("Kept", 0, 0, 10, {.key = "kept"});
        frames_counted = ++imlit::session_state("frames", 0);
    });
    at.run();
    at.slider("Level").set(7);
    at.slider("Kept").set(3);
    at.run();
    REQUIRE(value == 7);
    REQUIRE(keyed == 3);
    show = false;
    keyed_shown = false;

    // Many frames, little time (a collapsed expander while a spinner animates): kept.
    for (std::uint64_t i = 0; i < d::kForgetWidgetFrames + 2 * d::kForgetSweepEveryFrames; ++i)
        at.run();
    show = true;
    at.run();
    CHECK(value == 7);
    show = false;

    // A long time, few frames (an idle window): kept.
    at.advance_clock(std::chrono::duration<double>(10 * d::kForgetWidgetSeconds));
    at.run();
    show = true;
    at.run();
    CHECK(value == 7);
    show = false;

    // Both: forgotten; it comes back with its default. The keyed one is kept.
    at.advance_clock(std::chrono::duration<double>(2 * d::kForgetWidgetSeconds));
    for (std::uint64_t i = 0; i < d::kForgetWidgetFrames + 2 * d::kForgetSweepEveryFrames; ++i)
        at.run();
    show = true;
    keyed_shown = true;
    at.run();
    CHECK(value == 0);
    CHECK(keyed == 3);
    CHECK(frames_counted == frames_run);
}
