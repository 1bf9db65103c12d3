// Bounds that never thrash (R8): entries used in the current or previous frame are never
// evicted to make room; over a bound the cache says so once and resumes eviction when they
// fall out of use. Every livelock case that reloaded thousands of times a second is counted
// here. Also: memory given back (malloc_trim), big clears freed off the calling thread.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cache/registry.hpp"
#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using imlit::testing::AppTest;
using namespace imlit_cache_test;
using namespace std::chrono_literals;

namespace {

constexpr std::size_t kMB = std::size_t(1) << 20;

// A value that says it holds `n` bytes without allocating them (the bookkeeping under test is
// the counted bytes; tests of real memory allocate for real).
struct Claimed {
    std::size_t n = 0;
    std::size_t byte_size() const { return n; }
};

// set_cache_budget(bytes) for the life of the object.
class Budget {
public:
    explicit Budget(std::size_t bytes) : old_(imlit::cache_budget()) {
        imlit::set_cache_budget(bytes);
    }
    ~Budget() { imlit::set_cache_budget(old_); }
    Budget(const Budget&) = delete;
    Budget& operator=(const Budget&) = delete;

private:
    std::size_t old_;
};

std::size_t warnings_containing(const std::string& part, std::size_t since) {
    const auto all = imlit::detail::cache_warnings();
    std::size_t n = 0;
    for (std::size_t i = since; i < all.size(); ++i)
        n += all[i].find(part) != std::string::npos;
    return n;
}

} // namespace

TEST_CASE("40 entries of 10 MB under a 100 MB budget: each loads once, one warning",
          "[cache][budget]") {
    const std::size_t warnings_before = imlit::detail::cache_warnings().size();
    Budget budget(100 * kMB);
    std::mutex m;
    std::map<int, int> loads;
    auto tiles = imlit::cache_data(
        [&](int i) {
            std::lock_guard lock(m);
            ++loads[i];
            return Claimed{10 * kMB};
        },
        {.name = "tiles"});
    int count = 40;
    AppTest at([&] {
        for (int i = 0; i < count; ++i)
            (void)tiles(i);
    });
    at.run_until_idle(std::chrono::seconds(60));
    for (int frame = 0; frame < 100; ++frame)
        at.run();
    {
        std::lock_guard lock(m);
        CHECK(loads.size() == 40);
        for (const auto& [i, n] : loads) {
            INFO("tile " << i);
            CHECK(n == 1); // kept, not evicted and reloaded in a loop
        }
    }
    CHECK(tiles.stats().loads == 40);
    CHECK(tiles.stats().entries == 40);
    const auto over = imlit::cache_stats().total;
    CHECK(over.over_limit == 100 * kMB);
    CHECK(over.over_used >= 400 * kMB);
    CHECK(warnings_containing("> budget 100.0 MB", warnings_before) == 1);

    // The working set shrinks to 5: the others fall out of use and are evicted.
    count = 5;
    at.run();
    at.run();
    at.run();
    CHECK(imlit::cache_stats().total.bytes <= 100 * kMB);
    CHECK(imlit::cache_stats().total.over_limit == 0);
    CHECK(tiles.stats().entries >= 5);
    CHECK(tiles.stats().loads == 40); // the five in use were never reloaded
    CHECK(warnings_containing("> budget", warnings_before) == 1);
}

TEST_CASE("livelocks of the budget: each case loads once, not every frame", "[cache][budget]") {
    SECTION("a value bigger than the global budget") {
        Budget budget(1 * kMB);
        for (const bool blocking : {false, true}) {
            auto f =
                imlit::cache_data([](int) { return Claimed{10 * kMB}; }, {.blocking = blocking});
            int ready = 0;
            AppTest at([&] { ready += f(1).ready(); });
            at.run_until_idle();
            for (int i = 0; i < 100; ++i)
                at.run();
            CHECK(f.stats().loads == 1);
            CHECK(ready >= 100);
        }
    }
    SECTION("set_cache_budget(0)") {
        Budget budget(0);
        auto f = imlit::cache_data([](int i) { return i; });
        AppTest at([&] {
            for (int i = 0; i < 10; ++i)
                (void)f(i);
        });
        at.run_until_idle();
        for (int i = 0; i < 100; ++i)
            at.run();
        CHECK(f.stats().loads == 10);
        CHECK(f.stats().hits >= 1000);
    }
    SECTION("max_bytes below one entry") {
        const std::size_t warnings_before = imlit::detail::cache_warnings().size();
        auto f = imlit::cache_data([](int) { return Claimed{10000}; },
                                   {.name = "tiny_budget", .max_bytes = 1000});
        AppTest at([&] { (void)f(1); });
        at.run_until_idle();
        for (int i = 0; i < 100; ++i)
            at.run();
        CHECK(f.stats().loads == 1);
        CHECK(f.stats().over_limit == 1000);
        CHECK(f.stats().over_used > 10000);
        CHECK(warnings_containing("tiny_budget: working set", warnings_before) == 1);
    }
    SECTION("max_entries below the working set") {
        auto f = imlit::cache_data([](int i) { return i; }, {.max_entries = 3});
        AppTest at([&] {
            for (int i = 0; i < 8; ++i)
                (void)f(i);
        });
        at.run_until_idle();
        for (int i = 0; i < 100; ++i)
            at.run();
        CHECK(f.stats().loads == 8);
        CHECK(f.stats().over_entries);
        CHECK(f.stats().over_used == 8);
    }
    SECTION("validate that keeps saying no") {
        struct Conn {
            int id = 0;
        };
        std::atomic<int> runs{0};
        auto f =
            imlit::cache_resource([&]() { return Conn{++runs}; },
                                  {.name = "flaky_conn", .validate = [](Conn&) { return false; }});
        AppTest at([&] { (void)f(); });
        at.run_until_idle();
        for (int i = 0; i < 100; ++i)
            at.run();
        CHECK(runs == 1); // a value rejected right after loading is a remembered failure
        CHECK(has_element(at, "error", "validate() rejected"));
        CHECK(has_element(at, "button", "Retry"));
        at.button("Retry").click();
        at.run_until_idle();
        CHECK(runs == 2); // Retry loads it again
    }
}

TEST_CASE("eviction resumes when the entries in use fall out of use", "[cache][budget]") {
    Budget budget(50 * kMB);
    auto f = imlit::cache_data([](int) { return Claimed{10 * kMB}; }, {.blocking = true});
    int first = 0, count = 8;
    AppTest at([&] {
        for (int i = first; i < first + count; ++i)
            (void)f(i);
    });
    at.run();
    CHECK(f.stats().entries == 8); // 80 MB in use: kept
    CHECK(imlit::cache_stats().total.over_limit == 50 * kMB);
    first = 100; // a new working set of 2: the 8 are out of use two frames later
    count = 2;
    at.run();
    at.run();
    at.run();
    CHECK(imlit::cache_stats().total.bytes <= 50 * kMB);
    CHECK(imlit::cache_stats().total.over_limit == 0);
}

TEST_CASE("calls from a thread with no frame do not protect their entries", "[cache][budget]") {
    auto f = imlit::cache_data([](int i) { return i; }, {.max_entries = 2});
    for (int i = 0; i < 10; ++i)
        (void)f(i); // plain thread: no frame epoch to protect them by
    CHECK(f.stats().entries == 2);
    CHECK(f.stats().over_limit == 0);
}

TEST_CASE("freeing 64 MB or more gives memory back to the OS (malloc_trim)", "[cache][budget]") {
    auto& reg = imlit::detail::registry();
    auto f = imlit::cache_data([](int i) { return std::vector<char>(8 * kMB, char(i)); },
                               {.blocking = true});
    for (int i = 0; i < 9; ++i) // 72 MB of real memory
        (void)f(i);
    const auto trims_before = reg.trims.load();
    f.clear();
    CHECK(eventually([&] { return reg.trims.load() > trims_before; }));
}

TEST_CASE("clear() of many entries returns at once and frees them on another thread",
          "[cache][budget]") {
    struct Tracked {
        std::atomic<int>* freed_here;
        std::thread::id caller;
        std::atomic<int>* freed;
        ~Tracked() {
            if (!freed) return;
            ++*freed;
            if (std::this_thread::get_id() == caller) ++*freed_here;
        }
        Tracked(std::atomic<int>* h, std::thread::id c, std::atomic<int>* f)
            : freed_here(h), caller(c), freed(f) {}
        Tracked(Tracked&& o) noexcept
            : freed_here(o.freed_here), caller(o.caller), freed(std::exchange(o.freed, nullptr)) {}
    };
    constexpr int kEntries = 5000; // above kFreeOnWorkerAbove
    std::atomic<int> freed{0}, freed_here{0};
    const auto me = std::this_thread::get_id();
    auto f = imlit::cache_data([&](int) { return Tracked(&freed_here, me, &freed); });
    for (int i = 0; i < kEntries; ++i)
        (void)f(i);
    REQUIRE(f.stats().entries == kEntries);
    f.clear();
    CHECK(f.stats().entries == 0); // unlinked at once
    CHECK(f.stats().bytes == 0);
    CHECK(eventually([&] { return freed == kEntries; }));
    CHECK(freed_here == 0); // freed on a worker
}

TEST_CASE("a Texture counts its GPU pixels in byte_size", "[cache][budget]") {
    std::vector<std::uint8_t> px(64 * 32 * 4, 255);
    const imlit::Texture t = imlit::Texture::from_rgba(64, 32, px);
    const std::size_t cpu = 64 * 32 * 4;
    const std::size_t gpu = cpu + cpu / 3; // level 0 plus the mipmap chain
    CHECK(t.byte_size() >= cpu + gpu);
    CHECK(t.gpu_byte_size() >= gpu);
    CHECK(t.gpu_byte_size() <= cpu * 2);
    CHECK(imlit::byte_size(t) >= cpu + gpu);
    CHECK(imlit::Texture().byte_size() == 0);
}
