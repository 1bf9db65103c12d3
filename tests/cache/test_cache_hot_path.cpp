// The UI thread's hit path (src/cache/hot_table.hpp, issue 12): a warm hit from a frame takes
// no lock, so a frame never waits behind a writer (a loader storing its value, an eviction, a
// clear on another thread); and entries that leave the cache are still freed promptly although
// the UI thread's table referred to them.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "cache/cache_internal.hpp"
#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"

using imlit::testing::AppTest;
using namespace imlit_cache_test;
using namespace std::chrono_literals;

namespace {
std::shared_ptr<imlit::detail::FunctionCore> core_named(const std::string& name) {
    for (auto& core : imlit::detail::registry().live())
        if (core->display_name == name) return core;
    return nullptr;
}
} // namespace

TEST_CASE("hot path: a warm hit in a frame does not wait for a writer holding the function",
          "[cache]") {
    auto f = imlit::cache_data([](int x) { return x * 2; },
                               {.name = "hot path: writer held", .blocking = true});
    int got = 0;
    AppTest at([&] {
        if (auto v = f(21)) got = *v;
    });
    at.run(); // loads it (inline)
    at.run(); // a hit through the locked path, which remembers the entry for this thread
    auto core = core_named("hot path: writer held");
    REQUIRE(core);

    // Another thread takes the function exclusively for 1.5 s, as a loader storing a value or
    // an eviction does for a moment.
    std::promise<void> locked;
    std::thread writer([&] {
        std::unique_lock lock(core->mutex);
        locked.set_value();
        std::this_thread::sleep_for(1500ms);
    });
    locked.get_future().wait();
    got = 0;
    const auto t0 = std::chrono::steady_clock::now();
    at.run();
    const auto took = std::chrono::steady_clock::now() - t0;
    writer.join();
    CHECK(got == 42);
    CHECK(took < 500ms); // the frame did not wait for the writer (it would take >= 1.5 s)
    CHECK(f.stats().misses == 1);
    CHECK(f.stats().hits == 2);
}

TEST_CASE("hot path: cleared and evicted values are freed although the UI thread hit them",
          "[cache]") {
    std::weak_ptr<int> made; // the loader's object, to see when the cache lets go of it
    std::mutex m;
    const auto tracked = [&](int x) { // the loader of both functions below
        auto p = std::make_shared<int>(x);
        std::lock_guard lock(m);
        made = p;
        return p;
    };
    auto f = imlit::cache_data(tracked, {.name = "hot path: freed", .blocking = true});
    bool call = true;
    AppTest at([&] {
        if (call) (void)f(1);
    });

    SECTION("clear() on the UI thread frees at once") {
        at.run();
        at.run(); // hot now
        at.run();
        REQUIRE_FALSE(made.expired());
        f.clear();
        CHECK(made.expired());
        CHECK(f.stats().entries == 0);
    }
    SECTION("clear() on another thread: freed by the end of the UI thread's next frame") {
        at.run();
        at.run();
        at.run();
        std::thread([&] { f.clear(); }).join();
        call = false;
        at.run(); // a frame that does not call f
        CHECK(made.expired());
    }
    SECTION("a frame thread that ends lets go of its table's entries") {
        std::thread([&] {
            AppTest t([&] { (void)f(1); });
            t.run();
            t.run(); // this thread's table holds the entry
            t.run();
        }).join();
        REQUIRE_FALSE(made.expired());
        f.clear();
        CHECK(made.expired()); // no table of the ended thread still holds it
        at.run();              // this thread loads it again, and may now take the table over
        at.run();
        at.run();
        CHECK(f.stats().misses == 2);
        CHECK(f.stats().hits == 4);
    }
    SECTION("a cleared entry is never served from the table: the next call loads again") {
        at.run();
        at.run();
        std::thread([&] { f.clear(); }).join();
        at.run();
        CHECK(f.stats().misses == 2);
        CHECK_FALSE(made.expired()); // the new load's value
        CHECK(f.stats().entries == 1);
    }
    SECTION("evicted by max_entries while hot: freed, and loaded again when asked for") {
        auto g = imlit::cache_data(
            tracked, {.name = "hot path: bounded", .max_entries = 1, .blocking = true});
        int key = 1;
        AppTest bt([&] { (void)g(key); });
        bt.run();
        bt.run(); // 1 is hot
        std::weak_ptr<int> first = made;
        key = 2;
        bt.run(); // loads 2; 1 is still in use (this frame and the last): kept over the bound
        bt.run();
        bt.run(); // 1 not used for two frames: evicted
        bt.run();
        CHECK(first.expired());
        CHECK(g.stats().entries == 1);
        key = 1;
        bt.run();
        CHECK(g.stats().misses == 3);
    }
}

TEST_CASE("hot path: Scope::session entries stay per session on one thread", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&] {
            ++runs;
            return runs.load();
        },
        {.name = "hot path: session", .blocking = true, .scope = imlit::Scope::session});
    int seen_a = 0, seen_b = 0;
    AppTest a([&] {
        if (auto v = f()) seen_a = *v;
    });
    AppTest b([&] {
        if (auto v = f()) seen_b = *v;
    });
    for (int i = 0; i < 3; ++i) {
        a.run();
        b.run();
    }
    CHECK(runs == 2);
    CHECK(seen_a != seen_b);
    CHECK(seen_a == 1);
    CHECK(seen_b == 2);
}
