// Persist::disk (R9): entries written to the cache directory and found by a "restarted"
// function (a new cached function with the same name and version: its memory is empty, as in a
// new process; tests/cache/persist_restart/ does it with real processes), widget-keyed entries,
// recordings as data, ttl on disk, clear(), the disk budget, the options' errors.
#include <catch2/catch.hpp>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "persist_test_util.hpp"

using imlit::testing::AppTest;
using namespace imlit_persist_test;
using namespace std::chrono_literals;

namespace {

struct Point {
    int x = 0;
    std::string label;
    template <class Archive>
    void serialize(Archive& ar) {
        ar(x, label);
    }
};

struct NotSerialisable {
    int x = 0;
};

imlit::Texture checker(int n) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(n * n * 4));
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = static_cast<std::uint8_t>(i * 7);
    return imlit::Texture::from_rgba(n, n, px);
}

// A cache_data of a type cereal cannot save must compile when it is not persisted: containers
// are looked through to their elements (cereal's own trait says yes for any std::vector).
static_assert(!imlit::detail::persistable_v<std::vector<NotSerialisable>>);
static_assert(!imlit::detail::persistable_v<std::map<int, std::pair<int, NotSerialisable>>>);
static_assert(imlit::detail::persistable_v<std::vector<Point>>);
static_assert(imlit::detail::persistable_v<std::map<std::string, std::vector<double>>>);

} // namespace

TEST_CASE("persist: a function of a value type cereal cannot save works in memory",
          "[cache][persist]") {
    auto f = imlit::cache_data([](int n) { return std::vector<NotSerialisable>(n); },
                               {.name = "not serialisable, memory only"});
    imlit::testing::AppTest at([&] { (void)f(3); });
    at.run_until_idle(std::chrono::seconds(30));
    CHECK(f.stats().loads == 1);
}

TEST_CASE("persist: options are checked when the function is made", "[cache][persist]") {
    TempCacheDir dir;
    auto f = [](int x) { return x; };
    CHECK_THROWS_WITH(imlit::cache_data(f, {.persist = imlit::Persist::disk}),
                      Catch::Contains("needs a name"));
    CHECK_THROWS_WITH(imlit::cache_data(f, {.name = "p_scope",
                                            .scope = imlit::Scope::session,
                                            .persist = imlit::Persist::disk}),
                      Catch::Contains("Scope::global"));
    auto g = [](int x) { return NotSerialisable{x}; };
    CHECK_THROWS_WITH(imlit::cache_data(g, {.name = "p_bad", .persist = imlit::Persist::disk}),
                      Catch::Contains("NotSerialisable") && Catch::Contains("serialize"));
    // Without persistence the same type is fine.
    CHECK_NOTHROW(imlit::cache_data(g, {.name = "p_bad"}));
}

TEST_CASE("persist: a restarted function finds its entries and runs no loader",
          "[cache][persist]") {
    TempCacheDir dir;
    std::atomic<int> runs{0};
    auto loader = [&runs](int x) {
        ++runs;
        imlit::text("point " + std::to_string(x));
        return Point{x * 10, "p" + std::to_string(x)};
    };
    {
        auto f = imlit::cache_data<imlit::Persist::disk>(loader, {.name = "p_restart"});
        AppTest at([&] {
            for (int i = 0; i < 3; ++i)
                if (auto p = f(i)) imlit::text(p->label);
        });
        at.run_until_idle();
        at.run();
        CHECK(runs == 3);
        CHECK(dir.entry_files().size() == 3);
        CHECK(f.stats().disk_writes == 3);
    }
    auto again = imlit::cache_data<imlit::Persist::disk>(loader, {.name = "p_restart"});
    AppTest at([&] {
        for (int i = 0; i < 3; ++i)
            if (auto p = again(i)) imlit::text(p->label + ":" + std::to_string(p->x));
    });
    at.run(); // the first frame: everything is there, recordings replayed
    CHECK(at.texts() ==
          std::vector<std::string>{"point 0", "p0:0", "point 1", "p1:10", "point 2", "p2:20"});
    CHECK(runs == 3);
    CHECK(again.stats().disk_hits == 3);
    CHECK(again.stats().loads == 0);
    CHECK(dir.new_warnings().empty());

    // Another version does not read them.
    auto v2 = imlit::cache_data<imlit::Persist::disk>(loader, {.name = "p_restart", .version = 2});
    AppTest at2([&] { v2(1); });
    at2.run_until_idle();
    CHECK(runs == 4);
    CHECK(v2.stats().disk_hits == 0);
}

TEST_CASE("persist: widget-keyed entries persist with their widget path", "[cache][persist]") {
    TempCacheDir dir;
    std::atomic<int> runs{0};
    auto loader = [&runs](int x) {
        ++runs;
        const bool big = imlit::checkbox("big");
        int scale = 1;
        if (big) scale = imlit::slider("scale", 2, 2, 9);
        return x * scale;
    };
    {
        auto f = imlit::cache_data(loader, {.name = "p_widgets", .persist = imlit::Persist::disk});
        int seen = -1;
        AppTest at([&] {
            if (auto v = f(3)) seen = *v;
        });
        at.run_until_idle();
        CHECK(seen == 3);
        at.checkbox("big").set(true);
        at.run_until_idle();
        CHECK(seen == 6);
        at.slider("scale").set(5);
        at.run_until_idle();
        CHECK(seen == 15);
        CHECK(runs == 3);
        CHECK(dir.entry_files().size() == 3);
    }
    auto g = imlit::cache_data(loader, {.name = "p_widgets", .persist = imlit::Persist::disk});
    int seen = -1;
    AppTest at([&] {
        if (auto v = g(3)) seen = *v;
    });
    at.run();
    CHECK(seen == 3); // unchecked: the first entry
    at.checkbox("big").set(true);
    at.run();
    CHECK(seen == 6); // checked, slider at its default
    at.slider("scale").set(5);
    at.run();
    CHECK(seen == 15);
    CHECK(runs == 3);
    CHECK(g.stats().disk_hits == 3);
}

TEST_CASE("persist: a recording of text, a table, an image and widgets is saved as data",
          "[cache][persist]") {
    TempCacheDir dir;
    std::atomic<int> runs{0};
    auto loader = [&runs](const std::string& name) {
        ++runs;
        imlit::header("Report " + name);
        imlit::Table t;
        t.columns.push_back({"name", std::vector<std::string>{"a", "b"}});
        t.columns.push_back({"value", std::vector<double>{1.5, 2.5}});
        imlit::table(t);
        imlit::image(checker(4));
        if (auto e = imlit::expander("More")) imlit::markdown("**bold** text");
        imlit::success("done");
        return t;
    };
    std::vector<imlit::testing::Element> first;
    {
        auto f = imlit::cache_data(loader, {.name = "p_rec", .persist = imlit::Persist::disk});
        AppTest at([&] { f("x"); });
        at.run_until_idle();
        at.run();
        first = at.elements();
        CHECK(dir.entry_files().size() == 1);
    }
    auto g = imlit::cache_data(loader, {.name = "p_rec", .persist = imlit::Persist::disk});
    imlit::Cached<const imlit::Table> got;
    AppTest at([&] { got = g("x"); });
    at.run();
    REQUIRE(got.ready());
    CHECK(runs == 1);
    CHECK(got->columns.size() == 2);
    CHECK(std::get<std::vector<double>>(got->columns[1].values)[1] == 2.5);
    const auto now = at.elements();
    REQUIRE(now.size() == first.size());
    for (std::size_t i = 0; i < now.size(); ++i) {
        CHECK(now[i].kind == first[i].kind);
        CHECK(now[i].text == first[i].text);
    }
    CHECK(at.elements_of("table").size() == 1);
    CHECK(at.elements_of("image").size() == 1);
}

TEST_CASE("persist: a recording with custom() stays in memory, with one warning naming the "
          "function",
          "[cache][persist]") {
    TempCacheDir dir;
    auto f = imlit::cache_data(
        [](int x) {
            imlit::custom([] {});
            return x;
        },
        {.name = "p_custom_fn", .persist = imlit::Persist::disk});
    AppTest at([&] {
        f(1);
        f(2);
    });
    at.run_until_idle();
    CHECK(dir.entry_files().empty());
    const auto w = dir.new_warnings();
    REQUIRE(w.size() == 1);
    CHECK_THAT(w[0], Catch::Contains("p_custom_fn") && Catch::Contains("custom()"));
    CHECK(f.stats().entries == 2); // in memory
}

TEST_CASE("persist: ttl holds on disk", "[cache][persist]") {
    TempCacheDir dir;
    std::int64_t wall = 1'000'000'000'000;
    imlit::detail::persist_hooks().wall_ns = [&wall] { return wall; };
    std::atomic<int> runs{0};
    auto loader = [&runs](int x) {
        ++runs;
        return x;
    };
    {
        auto f = imlit::cache_data(loader,
                                   {.name = "p_ttl", .ttl = 60s, .persist = imlit::Persist::disk});
        AppTest at([&] { f(1); });
        at.run_until_idle();
        imlit::flush_disk_writes();
    }
    wall += std::int64_t(30) * 1'000'000'000; // 30 s later: still valid
    {
        auto f = imlit::cache_data(loader,
                                   {.name = "p_ttl", .ttl = 60s, .persist = imlit::Persist::disk});
        AppTest at([&] { f(1); });
        at.run();
        CHECK(runs == 1);
        CHECK(f.stats().disk_hits == 1);
        // ... and it expires in memory 30 s after that (what was left of its ttl); the file
        // is past its ttl by then too
        at.advance_clock(31s);
        wall += std::int64_t(31) * 1'000'000'000;
        at.run_until_idle();
        CHECK(runs == 2);
    }
    wall += std::int64_t(61) * 1'000'000'000; // the rewritten file is now past its ttl too
    imlit::flush_disk_writes();
    auto f =
        imlit::cache_data(loader, {.name = "p_ttl", .ttl = 60s, .persist = imlit::Persist::disk});
    AppTest at([&] { f(1); });
    at.run_until_idle();
    CHECK(runs == 3);
    CHECK(f.stats().disk_hits == 0);
    CHECK(dir.new_warnings().empty()); // expiry is not an error
}

TEST_CASE("persist: clear() deletes the function's files", "[cache][persist]") {
    TempCacheDir dir;
    auto f = imlit::cache_data([](int x) { return x; },
                               {.name = "p_clear", .persist = imlit::Persist::disk});
    auto other = imlit::cache_data([](int x) { return x; },
                                   {.name = "p_clear_other", .persist = imlit::Persist::disk});
    AppTest at([&] {
        f(1);
        f(2);
        other(1);
    });
    at.run_until_idle();
    CHECK(dir.entry_files().size() == 3);
    f.clear(2);
    CHECK(dir.entry_files().size() == 2);
    f.clear();
    CHECK(dir.entry_files().size() == 1);
    imlit::clear_data_caches();
    CHECK(dir.entry_files().empty());
}

TEST_CASE("persist: the disk budget deletes the least recently used files", "[cache][persist]") {
    TempCacheDir dir;
    imlit::set_disk_budget(3 * 1200); // three entries of ~1.1 KB fit, four do not
    auto f = imlit::cache_data([](int x) { return std::string(1000, static_cast<char>('a' + x)); },
                               {.name = "p_budget", .persist = imlit::Persist::disk});
    int want = 0;
    AppTest at([&] { f(want); });
    auto use = [&](int x) {
        want = x;
        at.run_until_idle();
        imlit::flush_disk_writes();
        std::this_thread::sleep_for(20ms); // distinct mtimes (the file's last use)
    };
    use(0);
    use(1);
    use(2);
    // Read 0 back through a restarted function: it becomes the most recently used.
    {
        auto g =
            imlit::cache_data([](int x) { return std::string(1000, static_cast<char>('a' + x)); },
                              {.name = "p_budget", .persist = imlit::Persist::disk});
        AppTest at2([&] { g(0); });
        at2.run();
        CHECK(g.stats().disk_hits == 1);
        std::this_thread::sleep_for(20ms);
    }
    use(3); // over budget: 1, the least recently used, goes
    imlit::set_disk_budget(0);
    std::vector<std::string> names;
    for (const auto& p : dir.entry_files())
        names.push_back(p.filename().string());
    CHECK(names.size() == 3);
    auto g = imlit::cache_data([](int x) { return std::string(1000, static_cast<char>('a' + x)); },
                               {.name = "p_budget", .persist = imlit::Persist::disk});
    AppTest at3([&] {
        g(0);
        g(1);
        g(2);
        g(3);
    });
    at3.run();
    CHECK(g.stats().disk_hits == 3);
    at3.run_until_idle();
    CHECK(g.stats().loads == 1); // only 1 was reloaded
}

TEST_CASE("persist: the cache directory comes from set_cache_dir, else IMLIT_CACHE_DIR, else XDG",
          "[cache][persist]") {
    imlit::set_cache_dir("");
    ::setenv("IMLIT_CACHE_DIR", "/tmp/imlit_env_dir", 1);
    CHECK(imlit::cache_dir() == "/tmp/imlit_env_dir");
    ::unsetenv("IMLIT_CACHE_DIR");
    ::setenv("XDG_CACHE_HOME", "/tmp/xdg", 1);
    CHECK(imlit::cache_dir() == "/tmp/xdg/imlit/" + std::string(program_invocation_short_name));
    ::unsetenv("XDG_CACHE_HOME");
    CHECK(imlit::cache_dir() == std::string(std::getenv("HOME")) + "/.cache/imlit/" +
                                    std::string(program_invocation_short_name));
    imlit::set_cache_dir("/tmp/chosen");
    CHECK(imlit::cache_dir() == "/tmp/chosen");
    imlit::set_cache_dir("");
}

TEST_CASE("persist: with Refresh::background a restart shows the stale entry and refreshes it",
          "[cache][persist][refresh]") {
    TempCacheDir dir;
    constexpr std::int64_t kSecond = 1'000'000'000;
    std::int64_t wall = 1'000'000'000'000;
    imlit::detail::persist_hooks().wall_ns = [&wall] { return wall; };
    std::atomic<int> runs{0};
    imlit_cache_test::Gate gate;
    auto loader = [&](int x) {
        const int n = ++runs;
        imlit::text("version " + std::to_string(n));
        if (n > 1) gate.wait();
        return x * 100 + n;
    };
    const imlit::DataOptions options = {.name = "p_refresh",
                                        .ttl = 10s,
                                        .refresh = imlit::Refresh::background,
                                        .persist = imlit::Persist::disk};
    {
        auto f = imlit::cache_data(loader, options);
        AppTest at([&] { f(1); });
        at.run_until_idle();
        imlit::flush_disk_writes();
    }
    wall += 11 * kSecond; // past ttl, before 2 x ttl: the file is kept, its entry is stale
    {
        auto f = imlit::cache_data(loader, options);
        int shown = -1;
        AppTest at([&] {
            auto v = f(1);
            shown = v ? *v : -1;
        });
        at.run(); // the first frame: the stale value and its recording, a refresh under way
        CHECK(shown == 101);
        CHECK(at.texts() == std::vector<std::string>{"version 1"});
        CHECK(f.stats().disk_hits == 1);
        REQUIRE(gate.wait_for_arrivals(1));
        at.run();
        CHECK(shown == 101); // still served while the refresh runs
        CHECK(runs == 2);    // one refresh
        gate.open();
        at.run_until_idle();
        CHECK(shown == 102);
        CHECK(at.texts() == std::vector<std::string>{"version 2"});
        imlit::flush_disk_writes();
    }
    wall += 21 * kSecond; // past 2 x ttl of the refreshed file: gone, a miss
    gate.close();
    auto f = imlit::cache_data(loader, options);
    int shown = -1;
    AppTest at([&] {
        auto v = f(1);
        shown = v ? *v : -1;
    });
    at.run();
    CHECK(shown == -1); // nothing stale is served any more
    CHECK(f.stats().disk_hits == 0);
    gate.open();
    at.run_until_idle();
    CHECK(shown == 103);
    CHECK(dir.new_warnings().empty());
}
