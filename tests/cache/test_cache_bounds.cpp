// Cached scopes: failures and Retry (R7), bounds and eviction (R8), resources (R9), scopes
// (R11), clears and stats (R12).
#include <catch2/catch.hpp>

#include <atomic>
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

TEST_CASE("a throwing loader: message and Retry, not re-run every frame", "[cache]") {
    for (const bool blocking : {true, false}) {
        std::atomic<int> runs{0};
        std::atomic<bool> fail{true};
        auto f = imlit::cache_data(
            [&](int x) {
                ++runs;
                if (fail) throw std::runtime_error("disk on fire " + std::to_string(x));
                return x;
            },
            {.name = "flaky", .blocking = blocking});
        int key = 1;
        std::string state;
        AppTest at([&] {
            auto v = f(key);
            state = v ? "value" : v.failed() ? "failed: " + v.error() : "pending";
        });
        at.run_until_idle();
        CHECK(state == "failed: disk on fire 1");
        CHECK(has_element(at, "error", "disk on fire 1"));
        CHECK(has_element(at, "button", "Retry"));
        for (int i = 0; i < 10; ++i)
            at.run();
        CHECK(runs == 1); // remembered, not re-run 60 times a second
        CHECK(state == "failed: disk on fire 1");
        CHECK(f.stats().failures == 1);
        CHECK(f.stats().entries == 0);

        // Retry re-runs (still failing).
        at.button("Retry").click();
        at.run_until_idle();
        CHECK(runs == 2);
        CHECK(state == "failed: disk on fire 1");

        // A key change re-runs.
        key = 2;
        at.run_until_idle();
        CHECK(runs == 3);
        CHECK(state == "failed: disk on fire 2");

        // Retry after the cause is fixed gives the value.
        fail = false;
        at.button("Retry").click();
        at.run_until_idle();
        CHECK(runs == 4);
        CHECK(state == "value");
        CHECK(count_kind(at, "error") == 0);

        // Back to key 1: still remembered as failed until clear().
        key = 1;
        at.run_until_idle();
        CHECK(runs == 4);
        CHECK(state.rfind("failed", 0) == 0);
        f.clear();
        at.run_until_idle();
        CHECK(runs == 5);
        CHECK(state == "value");
    }
}

TEST_CASE("retry_after re-runs a failed loader once it passes", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&]() -> int {
            ++runs;
            throw std::runtime_error("nope");
        },
        {.blocking = true, .retry_after = 5s});
    AppTest at([&] { (void)f(); });
    at.run();
    at.run();
    CHECK(runs == 1);
    at.advance_clock(4s);
    at.run();
    CHECK(runs == 1);
    at.advance_clock(2s);
    at.run();
    CHECK(runs == 2);
    at.run();
    CHECK(runs == 2);
}

TEST_CASE("ttl: entries expire from insertion and are swept without being touched", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&](int x) {
            ++runs;
            return x;
        },
        {.ttl = 60s, .blocking = true});
    auto other = imlit::cache_data([](int x) { return x; }, {.blocking = true});
    int key = 1;
    AppTest at([&] {
        (void)f(key);
        (void)other(0);
    });
    at.run();
    CHECK(runs == 1);
    at.advance_clock(30s);
    at.run();
    CHECK(runs == 1);
    key = 2; // stop touching key 1
    at.run();
    CHECK(runs == 2);
    CHECK(f.stats().entries == 2);
    at.advance_clock(31s); // key 1 expired (61 s), key 2 not (31 s)
    at.run();
    CHECK(f.stats().entries == 1); // key 1 swept, though never asked for again
    CHECK(runs == 2);
    at.advance_clock(30s);
    at.run(); // key 2 expired: reloaded
    CHECK(runs == 3);
}

TEST_CASE("max_entries evicts the least recently used entry", "[cache]") {
    std::vector<int> loaded;
    std::mutex m;
    auto f = imlit::cache_data(
        [&](int x) {
            std::lock_guard lock(m);
            loaded.push_back(x);
            return x;
        },
        {.max_entries = 3, .blocking = true});
    std::vector<int> calls;
    AppTest at([&] {
        for (int x : calls)
            (void)f(x);
    });
    auto run = [&](std::vector<int> c) {
        calls = std::move(c);
        at.run();
    };
    run({1, 2, 3});
    run({1}); // 1 is now the most recently used; 2 is the least
    run({4}); // evicts 2
    CHECK(f.stats().entries == 3);
    loaded.clear();
    run({1, 3, 4}); // all hits
    CHECK(loaded.empty());
    run({2}); // a miss (was evicted); evicts 1 (LRU after the last frame's 1,3,4)
    CHECK(loaded == std::vector<int>{2});
    loaded.clear();
    run({3, 4, 2});
    CHECK(loaded.empty());
    run({1});
    CHECK(loaded == std::vector<int>{1});
}

TEST_CASE("max_bytes bounds a function's entries by size", "[cache]") {
    auto f = imlit::cache_data([](int x) { return std::vector<char>(10000, static_cast<char>(x)); },
                               {.max_bytes = 35000, .blocking = true});
    int key = 0;
    AppTest at([&] { (void)f(key); });
    for (key = 0; key < 10; ++key) {
        at.run();
        CHECK(f.stats().bytes <= 35000);
    }
    CHECK(f.stats().entries == 3);
    CHECK(f.stats().bytes >= 30000);
}

TEST_CASE("the global byte budget evicts least recently used entries of any function", "[cache]") {
    const std::size_t old_budget = imlit::cache_budget();
    imlit::set_cache_budget(200000);
    {
        auto a = imlit::cache_data([](int x) { return std::vector<char>(50000, char(x)); },
                                   {.blocking = true});
        auto b = imlit::cache_resource([](int x) { return std::vector<char>(50000, char(x)); },
                                       {.blocking = true});
        std::vector<std::pair<char, int>> calls;
        AppTest at([&] {
            for (auto [which, x] : calls) {
                if (which == 'a')
                    (void)a(x);
                else
                    (void)b(x);
            }
        });
        calls = {{'a', 1}, {'b', 1}, {'a', 2}};
        at.run();
        CHECK(imlit::cache_stats().total.bytes <= 200000);
        calls = {{'a', 1}}; // refresh a1: b1 is now the least recently used
        at.run();
        calls = {{'b', 2}, {'a', 3}};
        at.run();
        CHECK(imlit::cache_stats().total.bytes <= 200000);
        CHECK(b.stats().entries == 1); // b1 went first
        CHECK(a.stats().entries + b.stats().entries <= 3);
        const auto before = a.stats().loads;
        calls = {{'a', 1}};
        at.run();
        CHECK(a.stats().loads == before); // a1 survived (recently used)
    }
    imlit::set_cache_budget(old_budget);
}

TEST_CASE("validate drops and reloads invalid resources", "[cache]") {
    struct Conn {
        int id = 0;
        bool alive = true;
    };
    std::atomic<int> runs{0};
    auto f = imlit::cache_resource(
        [&]() {
            return Conn{++runs, true};
        },
        {.blocking = true, .validate = [](Conn& c) { return c.alive; }});
    int seen = 0;
    AppTest at([&] { seen = f()->id; });
    at.run();
    at.run();
    CHECK(runs == 1);
    f().shared()->alive = false; // resources are shared and mutable
    at.run();
    CHECK(runs == 2);
    CHECK(seen == 2);
}

TEST_CASE("on_release runs on the UI thread once the resource is no longer held", "[cache]") {
    std::vector<int> released;
    std::thread::id release_thread;
    std::mutex m;
    auto f = imlit::cache_resource([](int x) { return x; }, {.on_release = [&](int& v) {
                                       std::lock_guard lock(m);
                                       released.push_back(v);
                                       release_thread = std::this_thread::get_id();
                                   }});
    int key = 1;
    bool call = true;
    imlit::Cached<int> held;
    AppTest at([&] {
        if (!call) return;
        auto v = f(key);
        if (key == 1 && v) held = v;
    });
    at.run_until_idle();
    key = 2;
    at.run_until_idle();
    f.clear(1);
    at.run();
    CHECK(released.empty()); // still held by `held`
    held = {};
    at.run(); // released at the start of the next frame, on the frame's thread
    REQUIRE(released == std::vector<int>{1});
    CHECK(release_thread == std::this_thread::get_id());
    call = false; // (a call would load key 2 again)
    imlit::clear_resource_caches();
    at.run();
    CHECK(released == std::vector<int>{1, 2});
    CHECK(f.stats().entries == 0);
}

TEST_CASE("Scope::session keeps entries per session and frees them when it ends", "[cache]") {
    std::atomic<int> runs{0};
    auto f = imlit::cache_data(
        [&]() {
            ++runs;
            return 1;
        },
        {.blocking = true, .scope = imlit::Scope::session});
    auto g = imlit::cache_data(
        [&]() {
            ++runs;
            return 2;
        },
        {.blocking = true});
    {
        AppTest a([&] { (void)f(); });
        AppTest b([&] { (void)f(); });
        a.run();
        a.run();
        b.run();
        CHECK(runs == 2);
        CHECK(f.stats().entries == 2);
    }
    CHECK(f.stats().entries == 0); // both sessions ended
    {
        AppTest a([&] { (void)g(); });
        AppTest b([&] { (void)g(); });
        a.run();
        b.run();
        CHECK(runs == 3); // global: shared
    }
    CHECK(g.stats().entries == 1);
}

TEST_CASE("clears and stats", "[cache]") {
    std::atomic<int> data_runs{0}, res_runs{0};
    auto d = imlit::cache_data([&](int x) { return ++data_runs + x * 0; },
                               {.name = "d", .blocking = true});
    auto r = imlit::cache_resource([&](int x) { return ++res_runs + x * 0; },
                                   {.name = "r", .blocking = true});
    AppTest at([&] {
        (void)d(1);
        (void)d(2);
        (void)r(1);
    });
    at.run();
    at.run();
    auto s = d.stats();
    CHECK(s.name == "d");
    CHECK(s.entries == 2);
    CHECK(s.hits == 2);
    CHECK(s.misses == 2);
    CHECK(s.loads == 2);
    CHECK(s.bytes > 0);
    CHECK(s.load_time.count() >= 0);
    bool found = false;
    const auto all = imlit::cache_stats();
    for (const auto& fs : all.functions)
        found |= fs.name == "r" && fs.entries == 1;
    CHECK(found);
    CHECK(all.total.entries >= 3);

    d.clear(1);
    at.run();
    CHECK(data_runs == 3);
    imlit::clear_data_caches();
    at.run();
    CHECK(data_runs == 5);
    CHECK(res_runs == 1);
    imlit::clear_resource_caches();
    at.run();
    CHECK(res_runs == 2);
    d.clear();
    CHECK(d.stats().entries == 0);
    CHECK(d.stats().bytes == 0);
}

TEST_CASE("byte_size defaults", "[cache]") {
    CHECK(imlit::byte_size(1) == sizeof(int));
    CHECK(imlit::byte_size(std::string(1000, 'x')) >= 1000);
    std::vector<double> v(1000);
    CHECK(imlit::byte_size(v) >= 8000);
    std::vector<std::string> vs(10, std::string(100, 'y'));
    CHECK(imlit::byte_size(vs) >= 1000);
    std::map<int, std::string> m{{1, std::string(500, 'z')}};
    CHECK(imlit::byte_size(m) >= 500);
    std::unordered_map<int, std::vector<int>> um{{1, std::vector<int>(100)}};
    CHECK(imlit::byte_size(um) >= 400);
    auto sp = std::make_shared<std::vector<int>>(100);
    CHECK(imlit::byte_size(sp) >= 400);
    struct Pod {
        char c[64];
    };
    CHECK(imlit::byte_size(Pod{}) == 64);
}
