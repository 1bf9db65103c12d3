// No deadlock, ever (R6): a nested call never waits on a load that has not started, and a
// loader calling its own function with the same key is an error in place. Each of these
// configurations hung before; the scenarios run under a timeout so a regression fails instead
// of hanging the suite (see docs/caching.md for the argument).
#include <catch2/catch.hpp>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using imlit::testing::AppTest;
using namespace imlit_cache_test;
using namespace std::chrono_literals;

namespace {
constexpr auto kHang = std::chrono::seconds(30); // far beyond any of these on a loaded machine

// A cached function whose loader calls the function itself (through `self`).
struct Recursive {
    std::function<imlit::Cached<const int>(int)> self;
};

bool any_error_contains(const AppTest& at, const std::string& part) {
    for (const auto& e : at.elements_of("error"))
        if (e.text.find(part) != std::string::npos) return true;
    return false;
}
} // namespace

TEST_CASE("a loader calling itself with the same key is an error naming it, not a hang",
          "[cache][deadlock]") {
    for (const bool blocking : {false, true}) {
        INFO("blocking = " << blocking);
        Recursive r;
        auto f = imlit::cache_data(
            [&r](int x) {
                auto again = r.self(x); // the same key, while it is being computed
                return again ? *again : -1;
            },
            {.name = "recursive", .blocking = blocking});
        r.self = [&f](int x) { return f(x); };
        int shown = 0;
        bool error_shown = false;
        REQUIRE(finishes_within(kHang, [&] {
            AppTest at([&] {
                if (auto v = f(1)) shown = *v;
            });
            at.run_until_idle();
            error_shown = any_error_contains(at, "recursive calls itself with the same arguments");
        }));
        CHECK(error_shown);
        CHECK(shown == -1); // the loader went on with the failed inner result
    }

    // From a plain thread (no frame): the same error in the returned Cached.
    Recursive r;
    std::string inner_error;
    auto f = imlit::cache_data(
        [&](int x) {
            auto again = r.self(x);
            inner_error = again.error();
            return 0;
        },
        {.name = "recursive_plain"});
    r.self = [&f](int x) { return f(x); };
    bool ready = false;
    REQUIRE(finishes_within(kHang, [&] { ready = f(2).ready(); }));
    CHECK(ready);
    CHECK(inner_error.find("recursive_plain calls itself") != std::string::npos);
}

TEST_CASE("two loaders that call each other with the same keys: an error, not a hang",
          "[cache][deadlock]") {
    std::function<imlit::Cached<const int>(int)> call_g;
    auto f = imlit::cache_data(
        [&](int x) {
            auto v = call_g(x);
            return v ? *v : -1;
        },
        {.name = "ping", .blocking = true});
    auto g = imlit::cache_data(
        [&](int x) {
            auto v = f(x);
            return v ? *v : -2;
        },
        {.name = "pong"});
    call_g = [&g](int x) { return g(x); };
    int shown = 0;
    bool error_shown = false;
    REQUIRE(finishes_within(kHang, [&] {
        AppTest at([&] {
            if (auto v = f(3)) shown = *v;
        });
        at.run_until_idle();
        error_shown = any_error_contains(at, "ping calls itself");
    }));
    CHECK(error_shown);
    CHECK(shown == -2);
}

TEST_CASE("memoised recursion while a slider moves: f(7) -> f(6) -> a queued f(5) is taken over",
          "[cache][deadlock]") {
    // One worker. The frame asks for f(7) (it starts, and waits at a gate), then the slider
    // moves to 5: f(5) waits in the queue behind f(7). When f(7) goes on, its nested f(6)
    // needs f(5): it must not wait for the queued load (which can only start after f(7)
    // ends) but take it over and run it inline.
    ParallelLoads parallel(1);
    Gate gate;
    std::atomic<int> runs_of_5{0};
    std::function<imlit::Cached<const long>(int)> self;
    auto fib = imlit::cache_data(
        [&](int n) -> long {
            if (n == 7) gate.wait();
            if (n == 5) ++runs_of_5;
            if (n < 2) return n;
            auto a = self(n - 1);
            auto b = self(n - 2);
            if (!a || !b) throw std::runtime_error("a nested value is missing");
            return *a + *b;
        },
        {.name = "fib"});
    self = [&fib](int n) { return fib(n); };
    long shown = -1;
    REQUIRE(finishes_within(kHang, [&] {
        AppTest at([&] {
            const int n = imlit::slider("N", 7, 0, 40);
            if (auto v = fib(n)) shown = *v;
        });
        at.run();
        gate.wait_for_arrivals(1); // f(7) runs and holds the only worker
        at.slider("N").set(5);
        at.run(); // f(5) is queued behind it
        at.run();
        gate.open();
        at.run_until_idle();
    }));
    CHECK(shown == 5);     // fib(5)
    CHECK(runs_of_5 == 1); // taken over, not run twice
    CHECK(fib.stats().failures == 0);
}

TEST_CASE("70 loaders each calling a nested dep(1) that waits behind them", "[cache][deadlock]") {
    // The frame asks for 70 loaders that each need dep(1), then for dep(1) itself: the first
    // two loaders fill both workers, dep(1) waits in the queue behind them. The first loader
    // to need it takes it over; the others wait for that running load.
    ParallelLoads parallel(2);
    Gate gate;
    std::atomic<int> dep_runs{0};
    auto dep = imlit::cache_data(
        [&](int x) {
            ++dep_runs;
            return x * 100;
        },
        {.name = "dep"});
    auto f = imlit::cache_data(
        [&](int i) {
            gate.wait();
            auto d = dep(1);
            if (!d) throw std::runtime_error("dep(1) is not ready");
            return i + *d;
        },
        {.name = "needs_dep"});
    int ready = 0;
    REQUIRE(finishes_within(kHang, [&] {
        AppTest at([&] {
            ready = 0;
            for (int i = 0; i < 70; ++i)
                ready += f(i).ready();
            (void)dep(1);
        });
        at.run();
        gate.wait_for_arrivals(2); // both workers hold a loader that needs dep(1)
        gate.open();
        at.run_until_idle(std::chrono::seconds(60));
    }));
    CHECK(ready == 70);
    CHECK(dep_runs == 1);
    CHECK(f.stats().failures == 0);
}
