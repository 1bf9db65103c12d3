// Inspection (R17): stats() counts misses by reason, f.entries() describes each entry, and
// cache_inspector() lists each function's entries in an expander.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

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
        CHECK_THAT(e.widgets[0], Catch::Matches("scale [12]=1"));
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

TEST_CASE("inspection: entries() shows the widget values its loader read, readably",
          "[cache][inspection]") {
    imlit_persist_test::TempCacheDir dir;
    auto loader = [](int x) {
        const double threshold = imlit::slider("threshold", 0.5, 0.0, 1.0);
        const std::string mode = imlit::selectbox("mode", {"slow", "fast"}, 1);
        const std::string secret = imlit::text_input("token", "abc", {.password = true});
        const bool on = imlit::checkbox("enabled", true);
        const auto tags = imlit::multiselect("tags", std::vector<std::string>{"a", "b", "c"});
        const imlit::Date day = imlit::date_input("day", imlit::Date{2024, 3, 1});
        return x + static_cast<int>(threshold * 10) + static_cast<int>(mode.size()) +
               static_cast<int>(secret.size()) + (on ? 1 : 0) + static_cast<int>(tags.size()) +
               day.day;
    };
    // The widgets of the one entry of `f`, joined as the inspector shows them.
    auto described = [](const auto& f) {
        const std::vector<imlit::EntryInfo> list = f.entries();
        std::vector<std::string> out;
        for (const auto& e : list) {
            std::string w;
            for (const std::string& r : e.widgets)
                w += (w.empty() ? "" : ", ") + r;
            out.push_back(w);
        }
        std::sort(out.begin(), out.end());
        return out;
    };
    const std::string defaults = R"(threshold=0.5, mode="fast", token=(hidden), enabled=true, )"
                                 R"(tags=[], day=2024-03-01)";
    const std::string edited = R"(threshold=0.25, mode="slow", token=(hidden), enabled=false, )"
                               R"(tags=["a", "c"], day=2024-03-01)";
    {
        auto f = imlit::cache_data(
            loader, {.name = "inspect_values", .blocking = true, .persist = imlit::Persist::disk});
        AppTest at([&] { f(1); });
        at.run();
        CHECK(described(f) == std::vector<std::string>{defaults});
        at.slider("threshold").set(0.25);
        at.selectbox("mode").select("slow");
        at.checkbox("enabled").set(false);
        at.multiselect("tags").set(std::vector<std::string>{"c", "a"});
        at.run();
        at.run();
        CHECK(described(f) == std::vector<std::string>{edited, defaults}); // sorted
    }
    // Read back from disk (a restart): the values come back with the entries.
    imlit::flush_disk_writes();
    auto g = imlit::cache_data(
        loader, {.name = "inspect_values", .blocking = true, .persist = imlit::Persist::disk});
    AppTest at([&] { g(1); });
    at.run();
    CHECK(g.stats().disk_hits == 1);
    CHECK(g.stats().loads == 0);
    CHECK(described(g) == std::vector<std::string>{defaults});
}
