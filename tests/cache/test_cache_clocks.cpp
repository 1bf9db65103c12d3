// Durations and clocks: every duration option and advance_clock validated (negative, NaN, inf,
// overflow: std::invalid_argument naming it); a very long ttl means "forever"; and each entry is
// timed by one clock, the one of the session that loaded it, so moving one AppTest's clock never
// expires entries another session stored.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <limits>
#include <string>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using imlit::testing::AppTest;
using Catch::Matchers::Contains;
using namespace std::chrono_literals;
using Seconds = std::chrono::duration<double>;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr Seconds kYear = 365.25 * 24h;

std::string what_of(const std::function<void()>& fn) {
    try {
        fn();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no std::invalid_argument)";
}
} // namespace

TEST_CASE("ttl and retry_after: negative, NaN and inf are rejected, naming the option",
          "[cache][clock]") {
    for (const double bad : {-1.0, kNaN, kInf, -kInf}) {
        INFO(bad);
        CHECK_THAT(what_of([&] {
                       (void)imlit::cache_data([](int x) { return x; },
                                               {.name = "bad_ttl", .ttl = Seconds(bad)});
                   }),
                   Contains("bad_ttl") && Contains("ttl must be a finite duration >= 0"));
        CHECK_THAT(what_of([&] {
                       (void)imlit::cache_resource([](int x) { return x; },
                                                   {.name = "bad_retry",
                                                    .retry_after = Seconds(bad)});
                   }),
                   Contains("bad_retry") && Contains("retry_after must be a finite duration"));
    }
}

TEST_CASE("ttl = 1e300 s keeps an entry forever instead of expiring it at once",
          "[cache][clock]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&](int x) {
            ++runs;
            return x;
        },
        {.ttl = Seconds(1e300), .blocking = true});
    AppTest at([&] { (void)f(1); });
    at.run();
    at.run();
    CHECK(runs == 1);
    at.advance_clock(200 * kYear);
    at.run();
    CHECK(runs == 1);
    CHECK(f.stats().entries == 1);
}

TEST_CASE("retry_after = 1e300 s remembers a failure until Retry", "[cache][clock]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&](int) -> int {
            ++runs;
            throw std::runtime_error("down");
        },
        {.blocking = true, .retry_after = Seconds(1e300)});
    AppTest at([&] { (void)f(1); });
    at.run();
    at.advance_clock(100 * kYear);
    at.run();
    at.run();
    CHECK(runs == 1);
}

TEST_CASE("advance_clock rejects negative, NaN, inf and overflowing durations",
          "[cache][clock]") {
    AppTest at([] { imlit::text("x"); });
    for (const double bad : {-1.0, kNaN, kInf, 1e300}) {
        INFO(bad);
        CHECK_THAT(what_of([&] { at.advance_clock(Seconds(bad)); }), Contains("advance_clock"));
    }
    at.advance_clock(200 * kYear); // fits (the clock holds ~292 years)
    CHECK_THAT(what_of([&] { at.advance_clock(200 * kYear); }),
               Contains("advance_clock") && Contains("past its range"));
    at.run(); // the clock is still usable
    CHECK(at.texts() == std::vector<std::string>{"x"});
}

TEST_CASE("AppTestOptions.frame_time and run_until_idle's timeout are validated",
          "[cache][clock]") {
    for (const double bad : {0.0, -1.0, kNaN, kInf}) {
        INFO(bad);
        CHECK_THAT(what_of([&] { AppTest at([] {}, {.frame_time = Seconds(bad)}); }),
                   Contains("frame_time"));
    }
    AppTest at([] { imlit::text("x"); });
    CHECK_THAT(what_of([&] { at.run_until_idle(std::chrono::milliseconds(-1)); }),
               Contains("run_until_idle"));
    at.run_until_idle(std::chrono::milliseconds::max()); // no limit: must not overflow
    CHECK(at.texts() == std::vector<std::string>{"x"});
}

TEST_CASE("one AppTest's advance_clock does not expire another session's fresh entries",
          "[cache][clock]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&](const std::string& who) {
            ++runs;
            return who;
        },
        {.name = "clocked", .ttl = 1h, .blocking = true});
    AppTest a([&] { (void)f("a"); });
    AppTest b([&] { (void)f("b"); });
    a.run();
    b.run();
    REQUIRE(runs == 2);

    a.advance_clock(2h); // a's own entry is now past its ttl on a's clock
    a.run();             // sweeps a's clock: reloads "a" only
    CHECK(runs == 3);
    b.run(); // b's clock did not move: "b" is fresh
    CHECK(runs == 3);
    CHECK(f.stats().entries == 2);

    b.advance_clock(30min);
    b.run();
    CHECK(runs == 3);
    b.advance_clock(31min); // now past b's ttl on b's clock
    b.run();
    CHECK(runs == 4);
}

TEST_CASE("a global entry is timed by the clock of the session that loaded it",
          "[cache][clock]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&](int x) {
            ++runs;
            return x;
        },
        {.name = "shared_clock", .ttl = 1h, .blocking = true});
    AppTest loader([&] { (void)f(1); });
    AppTest other([&] { (void)f(1); });
    loader.run();
    other.run(); // a hit on the entry `loader` stored
    REQUIRE(runs == 1);
    other.advance_clock(2h); // not the entry's clock: still fresh
    other.run();
    CHECK(runs == 1);
    loader.advance_clock(2h); // the entry's clock: expired for everyone
    other.run();
    CHECK(runs == 2); // reloaded by `other`, now timed by other's clock
}
