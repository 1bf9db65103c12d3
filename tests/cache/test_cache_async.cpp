// Cached scopes: asynchronous loads, progressive display, single flight, supersession,
// concurrency (these run under ThreadSanitizer: see docs/caching.md, preset "tsan").
#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/seam.hpp"

using imlit::testing::AppTest;
using namespace imlit_cache_test;
using namespace std::chrono_literals;

TEST_CASE("async: frames keep coming, partial output and a spinner, then the value", "[cache]") {
    Gate gate;
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&](int x) {
            ++runs;
            imlit::text("step 1");
            gate.wait();
            imlit::text("step 2");
            return x * 10;
        },
        {.name = "slow", .spinner_text = "Crunching"});
    std::string shown;
    AppTest at([&] {
        auto v = f(4);
        shown = v ? std::to_string(*v) : (v.pending() ? "pending" : "failed");
        imlit::caption(shown);
    });
    at.run();
    CHECK(shown == "pending");
    REQUIRE(gate.wait_for_arrivals(1));
    // Before the spinner delay: the output so far, no spinner (fast loads don't flash).
    at.run();
    CHECK(shown == "pending");
    CHECK(at.texts() == std::vector<std::string>{"step 1", "pending"});
    CHECK(count_kind(at, "spinner") == 0);
    // After the delay: a spinner with the text; frames keep coming while it loads.
    at.advance_clock(0.5s);
    for (int i = 0; i < 5; ++i) {
        at.run();
        CHECK(shown == "pending");
        CHECK(has_element(at, "spinner", "Crunching"));
        CHECK(contains(at.texts(), "step 1"));
    }
    CHECK(imlit::detail::work_in_flight() > 0);
    gate.open();
    at.run_until_idle(); // the value appears with no further input
    CHECK(shown == "40");
    CHECK(at.texts() == std::vector<std::string>{"step 1", "step 2", "40"});
    CHECK(count_kind(at, "spinner") == 0);
    CHECK(runs == 1);
    // Seven pending frames were one miss and one load, not seven misses.
    CHECK(f.stats().misses == 1);
    CHECK(f.stats().loads == 1);
}

TEST_CASE("async completion requests a redraw", "[cache]") {
    Gate gate;
    auto f = imlit::cache_data([&]() {
        gate.wait();
        return 1;
    });
    AppTest at([&] { (void)f(); });
    at.run();
    REQUIRE(gate.wait_for_arrivals(1));
    const auto gen = imlit::detail::redraw_generation();
    gate.open();
    // Bounded wait for the completion's redraw request.
    const auto after = imlit::detail::wait_for_redraw(gen, std::chrono::milliseconds(5000));
    CHECK(after != gen);
    at.run_until_idle();
}

TEST_CASE("50 threads asking for one unwarmed key run the loader once", "[cache]") {
    for (const bool from_frames : {false, true}) {
        Gate gate;
        std::atomic<int> runs{0};
        auto f = imlit::cache_data([&](int x) {
            ++runs;
            gate.wait();
            return x + 1;
        });
        std::atomic<int> ok{0};
        std::vector<std::thread> threads;
        if (!from_frames) {
            // Plain threads: blocking calls that join one in-flight load.
            for (int i = 0; i < 50; ++i)
                threads.emplace_back([&] {
                    auto v = f(7);
                    if (v && *v == 8) ++ok;
                });
            REQUIRE(gate.wait_for_arrivals(1));
            gate.open();
            for (auto& t : threads)
                t.join();
            CHECK(ok == 50);
        } else {
            // 50 sessions on 50 threads, each running frames until it sees the value.
            for (int i = 0; i < 50; ++i)
                threads.emplace_back([&] {
                    int seen = 0;
                    AppTest at([&] {
                        auto v = f(7);
                        if (v) seen = *v;
                    });
                    at.run();
                    gate.wait_for_arrivals(1);
                    at.run_until_idle(std::chrono::seconds(30));
                    if (seen == 8) ++ok;
                });
            REQUIRE(gate.wait_for_arrivals(1));
            gate.open();
            for (auto& t : threads)
                t.join();
            CHECK(ok == 50);
        }
        CHECK(runs == 1);
        CHECK(f.stats().loads == 1);
    }
}

TEST_CASE("clear() from many threads while others load leaves the cache consistent", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data([&](int x) {
        ++runs;
        std::this_thread::yield();
        return std::vector<int>(static_cast<std::size_t>(x % 7 + 1), x);
    });
    std::atomic<bool> wrong{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 300; ++i) {
                const int x = (i * 7 + t) % 23;
                if (t % 4 == 3) {
                    if (i % 3 == 0)
                        f.clear();
                    else
                        f.clear(x);
                    continue;
                }
                auto v = f(x);
                if (v.ready()) {
                    if (v->size() != static_cast<std::size_t>(x % 7 + 1) || (*v)[0] != x)
                        wrong = true;
                }
            }
        });
    }
    for (auto& t : threads)
        t.join();
    CHECK_FALSE(wrong);
    // Consistent afterwards: every key loads (at most once more) and gives the right value.
    const auto loads_before = f.stats().loads;
    for (int x = 0; x < 23; ++x) {
        auto v = f(x);
        REQUIRE(v.ready());
        CHECK((*v)[0] == x);
    }
    for (int x = 0; x < 23; ++x)
        (void)f(x);
    CHECK(f.stats().loads - loads_before <= 23);
    CHECK(f.stats().entries == 23);
    f.clear();
    CHECK(f.stats().entries == 0);
    CHECK(f.stats().bytes == 0);
}

TEST_CASE("a slider dragged through 100 values: at most two loads at a time, memory bounded",
          "[cache]") {
    ParallelLoads parallel(2);
    std::atomic<int> running{0};
    std::atomic<int> max_running{0};
    std::atomic<int> runs{0};
    std::atomic<int> saw_cancel{0};
    Gate gate;
    auto f = imlit::cache_data(
        [&](int v) {
            const int now = ++running;
            int prev = max_running.load();
            while (now > prev && !max_running.compare_exchange_weak(prev, now)) {
            }
            ++runs;
            gate.wait();
            if (imlit::cancelled()) ++saw_cancel;
            --running;
            return std::vector<double>(1000, v);
        },
        {.max_bytes = 64 * 1024});
    int shown = -1;
    AppTest at([&] {
        const int v = imlit::slider("Value", 0, 0, 99);
        auto r = f(v);
        if (r) shown = static_cast<int>((*r)[0]);
    });
    at.run();
    REQUIRE(gate.wait_for_arrivals(1));
    for (int v = 1; v < 100; ++v) {
        at.slider("Value").set(v);
        at.run(); // one frame per value, while the first loads are still blocked
        CHECK(running <= 2);
    }
    CHECK(max_running <= 2);
    CHECK(runs <= 2);
    gate.open();
    at.run_until_idle();
    CHECK(shown == 99);
    CHECK(max_running <= 2);
    CHECK(runs <= 3); // the two started first, then only the newest request
    CHECK(f.stats().bytes <= 64 * 1024);
}

TEST_CASE("a superseded load sees cancelled(); its result is still stored", "[cache]") {
    Gate gate;
    std::atomic<int> cancelled_seen{0};
    std::atomic<int> runs{0};
    auto f = imlit::cache_data([&]() {
        ++runs;
        const int level = imlit::slider("Level", 0, 0, 10);
        gate.wait();
        if (imlit::cancelled()) ++cancelled_seen;
        return level;
    });
    int shown = -1;
    AppTest at([&] {
        auto v = f();
        if (v) shown = *v;
    });
    // Warm one state so the trie knows the loader reads "Level".
    gate.open();
    at.run_until_idle();
    REQUIRE(shown == 0);
    gate.close();
    at.slider("Level").set(1);
    at.run();
    REQUIRE(gate.wait_for_arrivals(2));
    at.slider("Level").set(2); // the user moves on: the load for 1 is superseded
    at.run();
    REQUIRE(gate.wait_for_arrivals(3));
    gate.open();
    at.run_until_idle();
    CHECK(shown == 2);
    CHECK(cancelled_seen >= 1);
    CHECK_FALSE(imlit::cancelled()); // outside a loader
    // The superseded load's result was stored under its own key.
    at.slider("Level").set(1);
    at.run();
    CHECK(shown == 1);
    CHECK(runs == 3);
}

TEST_CASE("blocking loads draw progressively on the calling thread", "[cache]") {
    std::thread::id loader_thread;
    auto f = imlit::cache_data(
        [&]() {
            loader_thread = std::this_thread::get_id();
            imlit::text("inside");
            return 5;
        },
        {.blocking = true});
    int v = 0;
    AppTest at([&] {
        auto r = f();
        REQUIRE(r.ready());
        v = *r;
    });
    at.run();
    CHECK(v == 5);
    CHECK(loader_thread == std::this_thread::get_id());
    CHECK(at.texts() == std::vector<std::string>{"inside"});
}

TEST_CASE("nested cached calls run inline and fold reads and output into the outer", "[cache]") {
    std::atomic<int> inner_runs{0}, outer_runs{0};
    auto inner = imlit::cache_data([&](int x) {
        ++inner_runs;
        imlit::text("inner " + std::to_string(x));
        const bool twice = imlit::checkbox("Twice");
        return twice ? 2 * x : x;
    });
    auto outer = imlit::cache_data([&]() {
        ++outer_runs;
        imlit::header("outer");
        auto v = inner(3);
        if (!v) throw std::runtime_error("inner not ready");
        return *v + 100;
    });
    int shown = 0;
    AppTest at([&] {
        auto v = outer();
        if (v) shown = *v;
    });
    at.run_until_idle();
    CHECK(shown == 103);
    CHECK(at.texts() == std::vector<std::string>{"outer", "inner 3"});
    CHECK(outer_runs == 1);
    CHECK(inner_runs == 1);
    // The inner widget is part of the outer key.
    at.checkbox("Twice").set(true);
    at.run_until_idle();
    CHECK(shown == 106);
    CHECK(outer_runs == 2);
    CHECK(inner_runs == 2);
    at.checkbox("Twice").set(false);
    at.run();
    CHECK(shown == 103);
    CHECK(outer_runs == 2);
    // The inner entry also answers on its own (a hit, no load) with its output replayed.
    AppTest at2([&] {
        auto v = inner(3);
        if (v) shown = *v;
    });
    at2.run();
    CHECK(shown == 3);
    CHECK(inner_runs == 2);
    CHECK(at2.texts() == std::vector<std::string>{"inner 3"});
}

TEST_CASE("a nested miss inside a blocking loader shows its output once", "[cache]") {
    std::atomic<int> inner_runs{0};
    auto inner = imlit::cache_data(
        [&](int x) {
            ++inner_runs;
            imlit::text("inner " + std::to_string(x));
            return x;
        },
        {.blocking = true});
    auto outer = imlit::cache_data(
        [&]() {
            imlit::header("outer");
            auto v = inner(7);
            imlit::caption("after inner");
            return v ? *v : -1;
        },
        {.blocking = true});
    int shown = 0;
    AppTest at([&] {
        auto v = outer();
        if (v) shown = *v;
    });
    at.run(); // both miss: drawn progressively on this thread, each command once
    CHECK(shown == 7);
    CHECK(at.texts() == std::vector<std::string>{"outer", "inner 7", "after inner"});
    at.run(); // the outer hits: its recording holds the inner output exactly once
    CHECK(at.texts() == std::vector<std::string>{"outer", "inner 7", "after inner"});
    CHECK(inner_runs == 1);
}
