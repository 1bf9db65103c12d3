// Background refresh (R15): between ttl and 2 x ttl the stale value is served, with replay,
// while one refresh runs; a failed refresh keeps the stale value and retries after
// retry_after; after 2 x ttl the entry is dropped (a miss).
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>

#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"

using imlit::testing::AppTest;
using namespace imlit_cache_test;
using namespace std::chrono_literals;

TEST_CASE("refresh: stale values are served with replay while one refresh runs",
          "[cache][refresh]") {
    Gate gate;
    std::atomic<int> runs{0};
    std::atomic<bool> fail{false};
    auto f = imlit::cache_data(
        [&](int x) {
            const int n = ++runs;
            imlit::text("version " + std::to_string(n));
            if (n > 1) gate.wait();
            if (fail) throw std::runtime_error("refresh failed");
            return x * 100 + n;
        },
        {.name = "refresh_bg",
         .ttl = 10s,
         .retry_after = 3s,
         .refresh = imlit::Refresh::background});
    int shown = -1;
    AppTest at([&] {
        auto v = f(1);
        shown = v ? *v : -1;
    });
    at.run_until_idle();
    CHECK(shown == 101);

    at.advance_clock(11s); // stale: served, replayed, one refresh starts
    for (int i = 0; i < 5; ++i) {
        at.run();
        CHECK(shown == 101);
        CHECK(at.texts() == std::vector<std::string>{"version 1"});
    }
    REQUIRE(gate.wait_for_arrivals(1));
    CHECK(runs == 2); // one refresh, not one per frame
    CHECK(f.stats().misses == 1);
    gate.open();
    at.run_until_idle();
    CHECK(shown == 102);
    CHECK(at.texts() == std::vector<std::string>{"version 2"});

    SECTION("a failed refresh keeps the stale value and retries after retry_after") {
        fail = true;
        at.advance_clock(11s); // stale again
        at.run_until_idle();
        CHECK(runs == 3);
        CHECK(shown == 102); // kept
        at.advance_clock(1s);
        at.run_until_idle();
        CHECK(runs == 3); // not before retry_after
        at.advance_clock(3s);
        at.run_until_idle();
        CHECK(runs == 4);
        CHECK(shown == 102);
        CHECK(f.stats().failures == 2);
    }
    SECTION("after 2 x ttl the entry is dropped: a miss") {
        gate.close();
        at.advance_clock(21s);
        at.run();
        CHECK(shown == -1); // pending: nothing stale is served any more
        CHECK(f.stats().misses == 2);
        CHECK(f.stats().misses_for(imlit::MissReason::expired) == 1);
        gate.open();
        at.run_until_idle();
        CHECK(shown == 103);
    }
}

TEST_CASE("refresh: background needs a ttl", "[cache][refresh]") {
    CHECK_THROWS_WITH(
        imlit::cache_data([](int x) { return x; },
                          {.name = "refresh_no_ttl", .refresh = imlit::Refresh::background}),
        Catch::Contains("needs a ttl"));
}
