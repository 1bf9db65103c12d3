// The load scheduler under the loads real apps make (R6): one process-wide limit, latest frame
// first, requests nobody asks for any more dropped or cancelled, supersession during a first
// load, sessions that end. Concurrency tests: they run under ThreadSanitizer (docs/caching.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include <sys/resource.h>
#include <unistd.h>

#include "cache/scheduler.hpp"

#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/seam.hpp"

using imlit::detail::Scheduler;
using imlit::testing::AppTest;
using namespace imlit_cache_test;
using namespace std::chrono_literals;

namespace {

// Wait (bounded) until idle workers left by earlier tests have exited, so thread counts are
// this test's own.
void settle_workers() {
    Scheduler& s = Scheduler::get();
    s.set_idle_exit(10ms);
    eventually([&] { return s.counts().threads == 0; });
    s.set_idle_exit(imlit::detail::kWorkerIdleExit);
    s.reset_peaks();
}

struct Order {
    std::mutex m;
    std::vector<int> values;
    void add(int v) {
        std::lock_guard lock(m);
        values.push_back(v);
    }
    std::vector<int> get() {
        std::lock_guard lock(m);
        return values;
    }
};

} // namespace

TEST_CASE("50 loads from a loop and from 50 grid containers: same limits, all load",
          "[cache][loads]") {
    constexpr int kParallel = 3;
    constexpr int kLoads = 50;
    ParallelLoads parallel(kParallel);
    settle_workers();
    const std::size_t threads_before = thread_count();
    for (const bool grid : {false, true}) {
        INFO((grid ? "50 containers of a grid" : "one call site in a loop"));
        Gate gate;
        Tracker tracker;
        auto f = imlit::cache_data([&](int i) {
            auto running = tracker.enter();
            gate.wait();
            return i;
        });
        int ready = 0;
        AppTest at([&] {
            ready = 0;
            if (!grid) {
                for (int i = 0; i < kLoads; ++i)
                    ready += f(i).ready();
                return;
            }
            auto cols = imlit::columns(5);
            for (int i = 0; i < kLoads; ++i) {
                auto col = cols[static_cast<std::size_t>(i % 5)];
                const std::string key = fmt::format("cell{}", i);
                auto cell = imlit::container({.key = key});
                ready += f(i).ready();
            }
        });
        at.run();
        REQUIRE(gate.wait_for_arrivals(kParallel));
        for (int k = 0; k < 5; ++k)
            at.run(); // frames while the first loads block: nothing more starts
        CHECK(tracker.started == kParallel);
        CHECK(Scheduler::get().counts().running == kParallel);
        CHECK(thread_count() <= threads_before + kParallel + 1);
        gate.open();
        at.run_until_idle(std::chrono::seconds(60));
        CHECK(ready == kLoads);
        CHECK(tracker.started == kLoads); // each once
        CHECK(tracker.max_running <= kParallel);
        CHECK(f.stats().loads == kLoads);
        CHECK(Scheduler::get().counts().peak_threads <= kParallel + 1);
    }
}

TEST_CASE("a slider dragged through 100 values starts at most max_parallel_loads + 1 loads",
          "[cache][loads]") {
    constexpr int kParallel = 2;
    ParallelLoads parallel(kParallel);
    Gate gate;
    Tracker tracker;
    Order started;
    auto f = imlit::cache_data([&](int v) {
        auto running = tracker.enter();
        started.add(v);
        gate.wait_unless_cancelled(); // a polite loader: stops once nobody wants it
        return v;
    });
    int shown = -1;
    AppTest at([&] {
        const int v = imlit::slider("Value", 0, 0, 99);
        if (auto r = f(v)) shown = *r;
    });
    at.run();
    REQUIRE(gate.wait_for_arrivals(1));
    for (int v = 1; v < 100; ++v) {
        at.slider("Value").set(v);
        at.run(); // one frame per value while the first loads block
    }
    CHECK(tracker.started <= kParallel);          // 0, and maybe one newer value if a second worker
                                                  // got the CPU during the drag
    CHECK(Scheduler::get().counts().queued <= 1); // old values are dropped, not kept waiting
    // The drag stopped. A second later the loads for old values see cancelled() and stop; the
    // last value's load starts next: it is ready one load time after the drag.
    at.advance_clock(1.1s);
    at.run();
    auto has_99 = [&] {
        const auto v = started.get();
        return std::find(v.begin(), v.end(), 99) != v.end();
    };
    REQUIRE(eventually(has_99));
    const std::vector<int> order = started.get();
    CHECK(order.size() <= kParallel + 1);
    CHECK(order.front() == 0);
    CHECK(order.back() == 99);
    gate.open();
    at.run_until_idle();
    CHECK(shown == 99);
    CHECK(tracker.started <= kParallel + 1);
    CHECK(f.stats().loads <= kParallel + 1);
}

TEST_CASE("requests made once and never again: dropped before starting, or cancelled after 1 s",
          "[cache][loads]") {
    constexpr int kParallel = 2;
    ParallelLoads parallel(kParallel);
    for (const bool keep_running : {false, true}) {
        INFO("keep_running_unseen = " << keep_running);
        Gate gate;
        Tracker tracker;
        std::atomic<int> saw_cancel{0};
        auto f = imlit::cache_data(
            [&](int i) {
                auto running = tracker.enter();
                if (!gate.wait_unless_cancelled()) ++saw_cancel;
                return i;
            },
            {.keep_running_unseen = keep_running});
        bool ask = true;
        AppTest at([&] {
            if (ask)
                for (int i = 0; i < 20; ++i)
                    (void)f(i);
        });
        at.run();
        REQUIRE(gate.wait_for_arrivals(kParallel));
        ask = false;
        at.run(); // a frame that asks for none of them: the 18 waiting are dropped at its end
        CHECK(Scheduler::get().counts().queued == 0);
        CHECK(tracker.started == kParallel);
        at.advance_clock(0.5s);
        at.run();
        CHECK(saw_cancel == 0); // not yet: asked for 0.5 s ago
        at.advance_clock(0.6s);
        if (!keep_running) {
            // The running ones poll cancelled(): true now, 1.1 s after the last ask.
            CHECK(eventually([&] { return saw_cancel == kParallel; }));
        } else {
            std::this_thread::sleep_for(50ms); // they poll every millisecond: no cancel comes
            CHECK(saw_cancel == 0);
            gate.open();
        }
        at.run_until_idle();
        CHECK(tracker.started == kParallel);
        CHECK(f.stats().loads == kParallel);
    }
}

TEST_CASE("waiting requests start latest frame first, new ones first, then in asking order",
          "[cache][loads]") {
    ParallelLoads parallel(1);
    Gate gate;
    Order order;
    auto f = imlit::cache_data([&](int i) {
        order.add(i);
        gate.wait();
        return i;
    });
    std::vector<int> asks{0};
    AppTest at([&] {
        for (int i : asks)
            (void)f(i);
    });
    at.run(); // 0 starts
    REQUIRE(gate.wait_for_arrivals(1));
    asks = {0, 1, 2};
    at.run(); // 1 and 2 wait
    asks = {0, 3, 4, 2};
    at.run(); // 1 is no longer asked for: dropped; 3 and 4 are new, 2 was waiting
    gate.open();
    at.run_until_idle();
    CHECK(order.get() == std::vector<int>{0, 3, 4, 2});
    CHECK(f.stats().loads == 4);
}

// A grid of thumbnails asked for in layout order, with one core free: the top row comes first,
// not the bottom one. A click that asks for a large view after the grid jumps the thumbnails
// still waiting.
TEST_CASE("a grid's loads start top to bottom, a click's load before them", "[cache][loads]") {
    ParallelLoads parallel(1);
    Gate gate;
    Order order;
    auto thumb = imlit::cache_data([&](int i) {
        order.add(i);
        gate.wait();
        return i;
    });
    bool clicked = false;
    AppTest at([&] {
        for (int row = 0; row < 4; ++row)
            for (int col = 0; col < 3; ++col)
                (void)thumb(row * 3 + col);
        if (clicked) (void)thumb(100); // the large view, drawn after the grid
    });
    at.run(); // 0 starts, 1..11 wait
    REQUIRE(gate.wait_for_arrivals(1));
    at.run(); // the same frame again: every waiting load asked again in the same order
    clicked = true;
    at.run();
    gate.open();
    at.run_until_idle();
    std::vector<int> expected{0, 100};
    for (int i = 1; i < 12; ++i)
        expected.push_back(i);
    CHECK(order.get() == expected);
}

// A worker may pick the next load while a frame is half way through re-asking its loads: the
// ones the frame has reached already must not jump the queue (found under ThreadSanitizer,
// whose slower frames made the pick land mid-frame). The loads rank by the frame before until
// the frame asking them again ends.
TEST_CASE("a pick in the middle of a frame ranks by the frame before", "[cache][loads]") {
    ParallelLoads parallel(1);
    Gate first, rest;
    Order order;
    auto f = imlit::cache_data([&](int i) {
        order.add(i);
        (i == 0 ? first : rest).wait();
        return i;
    });
    std::vector<int> asks{0};
    bool pick_mid_frame = false;
    AppTest at([&] {
        for (int i : asks) {
            (void)f(i);
            if (pick_mid_frame && i == 2) { // 2 is asked again, 3 and 4 not yet
                pick_mid_frame = false;
                first.open(); // 0 finishes; the worker picks the next one now
                REQUIRE(rest.wait_for_arrivals(1));
            }
        }
    });
    at.run(); // 0 starts
    REQUIRE(first.wait_for_arrivals(1));
    asks = {0, 2};
    at.run(); // 2 waits
    asks = {0, 3, 4, 2};
    at.run(); // 3 and 4 wait too (new in this frame: before 2)
    asks = {0, 2, 3, 4};
    pick_mid_frame = true;
    at.run(); // the pick after 2 goes by the frame before: 3
    CHECK(order.get() == std::vector<int>{0, 3});
    rest.open();
    at.run_until_idle();
    CHECK(order.get() == std::vector<int>{0, 3, 4, 2});
    CHECK(f.stats().loads == 4);
}

// Loads filling every core must not starve the frame: workers run below the main thread.
TEST_CASE("loaders run at a lower priority than the app's main thread", "[cache][loads]") {
    errno = 0;
    const int main_nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::getpid()));
    REQUIRE(errno == 0);
    std::atomic<int> loader_nice{-100};
    auto f = imlit::cache_data([&](int) {
        loader_nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
        return 0;
    });
    AppTest at([&] { (void)f(1); });
    at.run_until_idle();
    CHECK(loader_nice.load() == std::min(main_nice + imlit::detail::kWorkerNice, 19));
    CHECK(loader_nice.load() > main_nice);
}

TEST_CASE("max_concurrency limits one function's loads", "[cache][loads]") {
    ParallelLoads parallel(3);
    Gate gate;
    Tracker limited_tracker, free_tracker;
    auto limited = imlit::cache_data(
        [&](int i) {
            auto running = limited_tracker.enter();
            gate.wait();
            return i;
        },
        {.max_concurrency = 1});
    auto unlimited = imlit::cache_data([&](int i) {
        auto running = free_tracker.enter();
        gate.wait();
        return i;
    });
    AppTest at([&] {
        for (int i = 0; i < 4; ++i) {
            (void)limited(i);
            (void)unlimited(i);
        }
    });
    at.run();
    REQUIRE(gate.wait_for_arrivals(3));
    at.run();
    CHECK(limited_tracker.started == 1);
    CHECK(free_tracker.started == 2);
    gate.open();
    at.run_until_idle();
    CHECK(limited_tracker.max_running == 1);
    CHECK(limited.stats().loads == 4);
    CHECK(unlimited.stats().loads == 4);
}

TEST_CASE("idle worker threads exit", "[cache][loads]") {
    ParallelLoads parallel(2);
    Scheduler& s = Scheduler::get();
    auto f = imlit::cache_data([](int i) { return i; });
    AppTest at([&] {
        for (int i = 0; i < 4; ++i)
            (void)f(i);
    });
    at.run_until_idle();
    CHECK(s.counts().threads >= 1);
    s.set_idle_exit(20ms);
    CHECK(eventually([&] { return s.counts().threads == 0; }));
    s.set_idle_exit(imlit::detail::kWorkerIdleExit);
    // New work makes new workers.
    auto g = imlit::cache_data([](int i) { return i + 1; });
    AppTest at2([&] { (void)g(1); });
    at2.run_until_idle();
    CHECK(g.stats().loads == 1);
}

TEST_CASE("supersede during the first load: the checkbox toggled while it runs", "[cache][loads]") {
    struct Model {
        bool pretrained = false;
    };
    ParallelLoads parallel(2);
    Gate gate;
    std::atomic<int> runs{0};
    std::atomic<int> saw_cancel{0};
    auto load_model = imlit::cache_resource([&]() {
        ++runs;
        const bool pretrained = imlit::checkbox("Use pre-trained model:");
        gate.wait(); // this loader does not check cancelled() while it works
        if (imlit::cancelled()) ++saw_cancel;
        return Model{pretrained};
    });
    AppTest at([&] {
        auto m = load_model();
        if (m) imlit::text(m->pretrained ? "pretrained" : "scratch");
    });
    at.run();
    REQUIRE(gate.wait_for_arrivals(1)); // the first load has read the checkbox (false)
    at.run(); // the output so far, the checkbox included, is shown live while it loads
    at.checkbox("Use pre-trained model:").set(true);
    at.run();
    // The second state's load started at once, while the first still runs (it is not waited
    // for): ready one load time after the toggle.
    REQUIRE(gate.wait_for_arrivals(2));
    CHECK(runs == 2);
    gate.open();
    at.run_until_idle();
    CHECK(at.texts() == std::vector<std::string>{"pretrained"});
    CHECK(saw_cancel == 1); // the first one was told
    // Its result was still stored under its own key.
    at.checkbox("Use pre-trained model:").set(false);
    at.run();
    CHECK(at.texts() == std::vector<std::string>{"scratch"});
    CHECK(runs == 2);
}

TEST_CASE("ending a session cancels its running loads and drops its waiting ones",
          "[cache][loads]") {
    ParallelLoads parallel(2);
    Gate gate;
    Tracker tracker;
    std::atomic<int> saw_cancel{0};
    auto f = imlit::cache_data([&](int i) {
        auto running = tracker.enter();
        if (!gate.wait_unless_cancelled()) ++saw_cancel;
        return i;
    });
    {
        AppTest at([&] {
            for (int i = 0; i < 6; ++i)
                (void)f(i);
        });
        at.run();
        REQUIRE(gate.wait_for_arrivals(2));
    } // the AppTest (its session) ends here, with 2 loads running and 4 waiting
    CHECK(eventually([&] { return saw_cancel == 2; }));
    CHECK(eventually([] { return imlit::detail::work_in_flight() == 0; }));
    CHECK(tracker.started == 2);
}
