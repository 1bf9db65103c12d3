// Stress test of the cache with its invariants checked after every random operation (issue 11):
// sessions on their own threads call cached functions with random keys, clear them, move their
// clocks and end; a controller changes the global budget and clears everything. After each
// operation the thread that did it checks, under the function's lock:
//   - bytes: every function's accounted bytes equal the sum of its entries' bytes, and its
//     value count the number of entries holding a value;
//   - bounds: a function within max_entries / max_bytes, or marked over them (R8: only entries
//     in use are kept);
//   - freshness: no value served past its ttl (entries of a Scope::session function carry the
//     session clock at their request; the ttl check uses the same clock);
//   - single flight: never two loads of one key at once, neither of them cancelled (a clear, a
//     session end or a second unseen cancels a load; a new one may then start beside it).
// At the end of each round, with every thread joined and no load in flight, the global
// invariants: the registry's byte total equals the sum over all functions, and it is within the
// budget or marked over it.
// It found the budget's eviction removing by a reference into the trie's own entry array
// (wrong bytes accounted, the wrong entry handed to the victims, heap corruption): see
// "trie: removing by the trie's own pointer..." in test_key_trie.cpp.
// The default run takes about half a second; IMLIT_STRESS_ROUNDS=N runs longer
// (scripts/sanitize.sh under ThreadSanitizer).
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "cache/cache_internal.hpp"
#include "cache_test_util.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"

using imlit::testing::AppTest;
using namespace imlit_cache_test;
using namespace std::chrono_literals;

namespace {

constexpr int kSessions = 3;
constexpr int kOpsPerRound = 40;   // per session thread
constexpr int kDefaultRounds = 30; // about half a second
constexpr int kKeys = 12;
constexpr std::int64_t kTtlMs = 2000;
constexpr std::size_t kMaxEntries = 6;
constexpr std::size_t kValueBytes = 1000;
constexpr std::size_t kSmallBudget = 16 * 1024; // a few dozen entries: eviction happens

struct Value {
    int key = 0;
    std::int64_t requested_ms = 0; // the requesting session's clock when the load was asked
    std::vector<char> payload;
    std::size_t byte_size() const { return payload.capacity(); }
};

// Loads running now, by slot (function, key, clear generation, and the session for a
// session-scoped function). Two loads of one slot that overlap break single flight, unless one
// of them was cancelled (a clear, a session end, or no frame asking for it for a second: the
// cache then forgets it and a new request starts a new load while the old one finishes).
class FlightLog {
public:
    struct Guard {
        FlightLog* log;
        std::string slot;
        std::uint64_t id;
        ~Guard() { log->leave(slot, id, imlit::cancelled()); }
    };
    Guard enter(std::string slot) {
        std::lock_guard lock(mutex_);
        const std::uint64_t id = next_id_++;
        for (std::uint64_t other : running_[slot])
            overlaps_.push_back({other, id, slot});
        running_[slot].push_back(id);
        return Guard{this, std::move(slot), id};
    }
    // Overlapping loads of one slot, neither of them cancelled (call when none is running).
    std::vector<std::string> violations() {
        std::lock_guard lock(mutex_);
        std::vector<std::string> out;
        for (const auto& o : overlaps_)
            if (!cancelled_.count(o.first) && !cancelled_.count(o.second))
                out.push_back("two loads of " + o.slot + " at once");
        return out;
    }

private:
    struct Overlap {
        std::uint64_t first, second;
        std::string slot;
    };
    void leave(const std::string& slot, std::uint64_t id, bool cancelled) {
        std::lock_guard lock(mutex_);
        auto& ids = running_[slot];
        ids.erase(std::find(ids.begin(), ids.end(), id));
        if (cancelled) cancelled_.insert(id);
    }
    std::mutex mutex_;
    std::map<std::string, std::vector<std::uint64_t>> running_;
    std::vector<Overlap> overlaps_;
    std::set<std::uint64_t> cancelled_;
    std::uint64_t next_id_ = 1;
};

std::string slot_of(const char* function, int key, std::uint64_t generation,
                    std::uint64_t session = 0) {
    return std::string(function) + " key " + std::to_string(key) + " gen " +
           std::to_string(generation) + " session " + std::to_string(session);
}

std::shared_ptr<imlit::detail::FunctionCore> core_named(const std::string& name) {
    for (auto& core : imlit::detail::registry().live())
        if (core->opt.name == name) return core;
    return nullptr;
}

// Per-function invariants, under the function's lock (taken shared: hits may run beside it).
// Returns "" or what is wrong.
std::string check_function(imlit::detail::FunctionCore& core) {
    std::shared_lock lock(core.mutex);
    const auto& trie = core.trie;
    std::size_t bytes = 0, values = 0;
    for (const auto& e : trie.entries()) {
        bytes += e->bytes;
        values += e->value != nullptr;
    }
    if (bytes != trie.bytes())
        return core.opt.name + ": accounted " + std::to_string(trie.bytes()) +
               " bytes, entries hold " + std::to_string(bytes);
    if (values != trie.values())
        return core.opt.name + ": counted " + std::to_string(trie.values()) + " values, holds " +
               std::to_string(values);
    const bool over_entries = core.opt.max_entries != 0 && values > core.opt.max_entries;
    const bool over_bytes = core.opt.max_bytes != 0 && bytes > core.opt.max_bytes;
    if ((over_entries || over_bytes) && core.over.limit == 0)
        return core.opt.name + ": " + std::to_string(values) + " values / " +
               std::to_string(bytes) + " bytes exceed its bounds without being marked over";
    return {};
}

// Global invariants: only when nothing runs (every thread joined, no load in flight).
std::string check_registry() {
    auto& reg = imlit::detail::registry();
    std::size_t sum = 0;
    for (auto& core : reg.live()) {
        std::shared_lock lock(core->mutex);
        sum += core->trie.bytes();
    }
    const std::size_t total = reg.total_bytes.load();
    if (total != sum)
        return "registry total " + std::to_string(total) + " != sum of functions " +
               std::to_string(sum);
    if (total > reg.budget.load() && reg.over_limit.load() == 0)
        return "total " + std::to_string(total) + " bytes over the budget " +
               std::to_string(reg.budget.load()) + " without being marked over";
    return {};
}

struct Shared {
    FlightLog flights;
    std::atomic<std::uint64_t> generation{1}; // bumped by every clear and session end
    std::mutex failures_mutex;
    std::vector<std::string> failures;
    void fail(std::string what) {
        std::lock_guard lock(failures_mutex);
        if (failures.size() < 10) failures.push_back(std::move(what));
    }
};

} // namespace

TEST_CASE("cache stress: random calls, clears, budgets, clocks and session ends keep the "
          "invariants",
          "[cache][stress]") {
    int rounds = kDefaultRounds;
    if (const char* env = std::getenv("IMLIT_STRESS_ROUNDS")) rounds = std::max(1, std::atoi(env));
    ParallelLoads parallel(4);
    const std::size_t budget_before = imlit::cache_budget();
    Shared shared;

    // Async, session-scoped, with a ttl: freshness and single flight per session clock.
    auto fresh = imlit::cache_data(
        [&](int key, std::int64_t requested_ms, std::uint64_t generation, std::uint64_t session) {
            auto guard = shared.flights.enter(slot_of("fresh", key, generation, session));
            std::this_thread::sleep_for(std::chrono::microseconds(200 * (key % 3)));
            return Value{key, requested_ms, std::vector<char>(kValueBytes, char(key))};
        },
        {.name = "stress_fresh",
         .ttl = std::chrono::milliseconds(kTtlMs),
         .scope = imlit::Scope::session});
    // Async, global, bounded by max_entries and max_bytes; shown output is recorded too.
    auto bounded = imlit::cache_data(
        [&](int key, std::uint64_t generation) {
            auto guard = shared.flights.enter(slot_of("bounded", key, generation));
            imlit::text("key {}", key);
            return Value{key, 0, std::vector<char>(kValueBytes * (1 + key % 3), char(key))};
        },
        {.name = "stress_bounded",
         .max_entries = kMaxEntries,
         .max_bytes = kMaxEntries * 2 * kValueBytes});
    // Blocking, global: runs on the caller's thread, also from a plain thread.
    auto blocking = imlit::cache_data(
        [&](int key, std::uint64_t generation) {
            auto guard = shared.flights.enter(slot_of("blocking", key, generation));
            return Value{key, 0, std::vector<char>(kValueBytes / 2, char(key))};
        },
        {.name = "stress_blocking", .blocking = true});
    const auto cores = {core_named("stress_fresh"), core_named("stress_bounded"),
                        core_named("stress_blocking")};
    for (const auto& c : cores)
        REQUIRE(c != nullptr);

    auto check_all = [&](const char* after) {
        for (const auto& c : cores)
            if (std::string bad = check_function(*c); !bad.empty())
                shared.fail(std::string("after ") + after + ": " + bad);
    };

    std::atomic<long> served{0};
    for (int round = 0; round < rounds; ++round) {
        std::vector<std::thread> threads;
        for (int s = 0; s < kSessions; ++s) {
            threads.emplace_back([&, s] {
                try {
                    std::mt19937 rng{std::uint32_t(round * 1000 + s)};
                    std::int64_t now_ms = 0; // this session's manual clock
                    std::uint64_t session_tag = std::uint64_t(s) << 32; // this AppTest
                    std::vector<int> keys; // the keys the next frame asks for
                    auto frame = [&] {
                        const std::uint64_t gen = shared.generation.load();
                        for (int key : keys) {
                            auto v = fresh(key, imlit::unhashed(now_ms), imlit::unhashed(gen),
                                           imlit::unhashed(session_tag));
                            if (v) {
                                ++served;
                                if (v->key != key) shared.fail("fresh: a value of another key");
                                if (now_ms - v->requested_ms >= kTtlMs)
                                    shared.fail("fresh: served " +
                                                std::to_string(now_ms - v->requested_ms) +
                                                " ms after its request, ttl " +
                                                std::to_string(kTtlMs));
                            }
                            auto b = bounded(key, imlit::unhashed(gen));
                            if (b && b->key != key) shared.fail("bounded: a value of another key");
                        }
                    };
                    auto at = std::make_unique<AppTest>(frame);
                    for (int op = 0; op < kOpsPerRound; ++op) {
                        const int what = int(rng() % 100);
                        const char* name = "";
                        if (what < 60) {
                            name = "frame";
                            keys.clear();
                            for (int i = 0, n = 1 + int(rng() % 4); i < n; ++i)
                                keys.push_back(int(rng() % kKeys));
                            at->run();
                        } else if (what < 75) {
                            name = "advance_clock";
                            const std::int64_t ms = std::int64_t(rng() % (kTtlMs * 3 / 2));
                            at->advance_clock(std::chrono::milliseconds(ms));
                            now_ms += ms;
                        } else if (what < 85) {
                            name = "blocking call";
                            const int key = int(rng() % kKeys);
                            auto v = blocking(key, imlit::unhashed(shared.generation.load()));
                            if (!v || v->key != key)
                                shared.fail("blocking: no value or another key");
                        } else if (what < 93) {
                            name = "clear(key)";
                            ++shared.generation;
                            const int key = int(rng() % kKeys);
                            bounded.clear(key, imlit::unhashed(std::uint64_t(0)));
                            fresh.clear(key, imlit::unhashed(std::int64_t(0)),
                                        imlit::unhashed(std::uint64_t(0)),
                                        imlit::unhashed(std::uint64_t(0)));
                        } else {
                            name = "session end";
                            ++shared.generation;
                            at.reset();
                            ++session_tag;
                            now_ms = 0;
                            keys.clear();
                            at = std::make_unique<AppTest>(frame);
                        }
                        check_all(name);
                    }
                } catch (const std::exception& e) {
                    shared.fail(std::string("session thread: ") + e.what());
                }
            });
        }
        // The controller: budget changes and global clears while the sessions run.
        std::thread plain([&] {
            std::mt19937 rng{std::uint32_t(round)};
            for (int op = 0; op < kOpsPerRound / 4; ++op) {
                const int what = int(rng() % 3);
                if (what == 0) {
                    imlit::set_cache_budget(rng() % 2 ? kSmallBudget : budget_before);
                    check_all("set_cache_budget");
                } else if (what == 1) {
                    ++shared.generation;
                    imlit::clear_data_caches();
                    check_all("clear_data_caches");
                } else {
                    const int key = int(rng() % kKeys);
                    (void)blocking(key, imlit::unhashed(shared.generation.load()));
                    check_all("blocking call from a plain thread");
                }
                std::this_thread::sleep_for(1ms);
            }
        });
        for (auto& t : threads)
            t.join();
        plain.join();
        REQUIRE(eventually([] { return imlit::detail::work_in_flight() == 0; }));
        check_all("the round");
        const std::string global = check_registry();
        if (!global.empty()) shared.fail("after round " + std::to_string(round) + ": " + global);
        imlit::set_cache_budget(budget_before);
    }
    imlit::set_cache_budget(budget_before);
    INFO("values served: " << served.load());
    for (const auto& f : shared.failures)
        FAIL_CHECK(f);
    CHECK(shared.failures.empty());
    for (const auto& v : shared.flights.violations())
        FAIL_CHECK(v);
    CHECK(served.load() > 0); // the ttl check saw values
    fresh.clear();
    bounded.clear();
    blocking.clear();
}
