// Inspection (R17): stats() counts misses by reason, f.entries() describes each entry, and
// cache_inspector() lists each function's entries in an expander.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <string>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "persist_test_util.hpp"

using imlit::MissReason;
using imlit::testing::AppTest;
using namespace std::chrono_literals;

namespace {
// misses_by_reason as {reason: count} for the non-zero ones, and the total.
std::uint64_t reason(const imlit::CacheStats& s, MissReason r) {
    return s.misses_for(r);
}
std::uint64_t sum(const imlit::CacheStats& s) {
    std::uint64_t n = 0;
    for (auto x : s.misses_by_reason)
        n += x;
    return n;
}
} // namespace

TEST_CASE("inspection: misses are counted by reason", "[cache][inspection]") {
    SECTION("new arguments, a widget changed, expired, cleared") {
        auto f = imlit::cache_data([](int x) { return imlit::checkbox("double") ? 2 * x : x; },
                                   {.name = "why_basic", .ttl = 10s, .blocking = true});
        int arg = 1;
        AppTest at([&] { f(arg); });
        at.run();
        CHECK(reason(f.stats(), MissReason::new_arguments) == 1);
        at.checkbox("double").set(true);
        at.run();
        CHECK(reason(f.stats(), MissReason::widget_changed) == 1);
        at.advance_clock(11s);
        at.run();
        CHECK(reason(f.stats(), MissReason::expired) == 1);
        f.clear();
        at.run();
        CHECK(reason(f.stats(), MissReason::cleared) == 1);
        f.clear(1);
        at.run();
        CHECK(reason(f.stats(), MissReason::cleared) == 2);
        arg = 2;
        at.run();
        CHECK(reason(f.stats(), MissReason::new_arguments) == 2);
        CHECK(sum(f.stats()) == f.stats().misses);
        CHECK(f.stats().misses == 6);
    }
    SECTION("evicted") {
        auto f = imlit::cache_data([](int x) { return x; },
                                   {.name = "why_evicted", .max_entries = 1, .blocking = true});
        int arg = 1;
        AppTest at([&] { f(arg); });
        at.run();
        arg = 2;
        at.run();
        at.run(); // 1 is no longer in use (current or previous frame): evicted by the next insert
        arg = 3;
        at.run();
        at.run();
        arg = 1;
        at.run();
        CHECK(reason(f.stats(), MissReason::evicted) == 1);
        CHECK(reason(f.stats(), MissReason::new_arguments) == 3);
        CHECK(sum(f.stats()) == f.stats().misses);
    }
    SECTION("failed before") {
        std::atomic<int> runs{0};
        auto failing = imlit::cache_data(
            [&runs](int) -> int {
                ++runs;
                throw std::runtime_error("no");
            },
            {.name = "why_failed", .blocking = true, .retry_after = 1s});
        AppTest at([&] { failing(1); });
        at.run();
        at.run();
        CHECK(runs == 1); // remembered
        at.advance_clock(2s);
        at.run();
        CHECK(runs == 2);
        CHECK(reason(failing.stats(), MissReason::failed_before) == 1);
        CHECK(reason(failing.stats(), MissReason::new_arguments) == 1);
    }
}

TEST_CASE("inspection: validate said no is a miss reason", "[cache][inspection]") {
    std::atomic<bool> accept{true};
    auto f = imlit::cache_resource([](int x) { return x; },
                                   {.name = "why_validate",
                                    .blocking = true,
                                    .validate = [&accept](int&) { return accept.load(); }});
    AppTest at([&] { f(1); });
    at.run();
    at.run();
    at.run();
    accept = false; // an old value now rejected: dropped, reloaded (and then rejected as fresh)
    at.run();
    CHECK(f.stats().misses_for(MissReason::rejected) == 1);
    CHECK(f.stats().misses_for(MissReason::new_arguments) == 1);
}

TEST_CASE("inspection: entries() describes each entry", "[cache][inspection]") {
    imlit_persist_test::TempCacheDir dir;
    auto f = imlit::cache_data(
        [](int x) {
            const int s = imlit::slider("scale " + std::to_string(x), 1, 1, 5);
            return std::string(100, static_cast<char>('a' + x * s));
        },
        {.name = "inspect_me", .ttl = 60s, .blocking = true, .persist = imlit::Persist::disk});
    bool describe = false;
    std::vector<imlit::EntryInfo> list;
    AppTest at([&] {
        f(1);
        f(2);
        if (describe) list = f.entries(); // ages and ttl on this session's clock
    });
    at.run();
    at.advance_clock(5s);
    at.run();
    describe = true;
    at.run();
    imlit::flush_disk_writes();
    list = [&] {
        at.run();
        return list;
    }();
    REQUIRE(list.size() == 2);
    for (const auto& e : list) {
        INFO(e.args);
        REQUIRE(e.widgets.size() == 1);
        CHECK_THAT(e.widgets[0], Catch::Matches("scale [12] = #[0-9a-f]{8}"));
        CHECK(e.bytes > 100);
        CHECK(e.age.count() == Approx(5));
        CHECK(e.ttl_left.count() == Approx(55));
        CHECK(e.hits == 4);
        CHECK(e.load_time.count() >= 0);
        CHECK(!e.failed);
        CHECK(e.on_disk);
        CHECK(!e.from_disk);
    }
    CHECK(list[0].args != list[1].args);

    // The inspector lists it in an expander.
    AppTest inspector([] { imlit::cache_inspector(); });
    inspector.run();
    bool found = false;
    for (const auto& e : inspector.elements_of("expander"))
        found = found || e.text == "inspect_me: 2 entries";
    CHECK(found);
}
