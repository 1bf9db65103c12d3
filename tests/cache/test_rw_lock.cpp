// RwLock (src/cache/rw_lock.hpp), the lock a cache hit takes shared, and CallCounters: what
// they guarantee under threads. Counts and invariants only, no timing.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

#include "cache/function_core.hpp"
#include "cache/rw_lock.hpp"

using namespace imlit::detail;

TEST_CASE("rw lock: writers exclude readers and each other", "[cache][rwlock]") {
    RwLock lock;
    // Two plain (non-atomic) halves a writer keeps equal; a reader that ever sees them differ
    // ran during a write. Writers add to a plain counter: lost updates mean two writers at once.
    std::uint64_t a = 0, b = 0, written = 0;
    std::atomic<int> torn{0};
    std::atomic<bool> stop{false};
    constexpr int kWriters = 3, kWrites = 2000, kReaders = 3;
    std::vector<std::thread> threads;
    for (int r = 0; r < kReaders; ++r)
        threads.emplace_back([&] {
            while (!stop.load()) {
                std::shared_lock guard(lock);
                if (a != b) torn.fetch_add(1);
            }
        });
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w)
        writers.emplace_back([&] {
            for (int i = 0; i < kWrites; ++i) {
                std::unique_lock guard(lock);
                ++a;
                ++written;
                ++b;
            }
        });
    for (auto& t : writers)
        t.join();
    stop = true;
    for (auto& t : threads)
        t.join();
    CHECK(torn.load() == 0);
    CHECK(written == std::uint64_t{kWriters} * kWrites);
    CHECK(a == b);
}

TEST_CASE("rw lock: readers share it; a writer waits for the readers inside", "[cache][rwlock]") {
    RwLock lock;
    lock.lock_shared();
    lock.lock_shared(); // a second reader gets in while the first is inside
    std::atomic<bool> wrote{false};
    std::thread writer([&] {
        std::unique_lock guard(lock);
        wrote = true;
    });
    for (int i = 0; i < 1000 && !wrote.load();
         ++i) // give the writer every chance to (wrongly) go in
        std::this_thread::yield();
    CHECK_FALSE(wrote.load());
    lock.unlock_shared();
    CHECK_FALSE(wrote.load()); // one reader is still inside
    lock.unlock_shared();      // the last reader leaves: the writer goes in
    writer.join();
    CHECK(wrote.load());
    std::shared_lock again(lock); // free again after the writer left
    CHECK(again.owns_lock());
}

TEST_CASE("rw lock: a reader waits while a writer is inside", "[cache][rwlock]") {
    RwLock lock;
    lock.lock();
    std::atomic<bool> read{false};
    std::thread reader([&] {
        std::shared_lock guard(lock);
        read = true;
    });
    for (int i = 0; i < 1000 && !read.load();
         ++i) // give the reader every chance to (wrongly) go in
        std::this_thread::yield();
    CHECK_FALSE(read.load());
    lock.unlock();
    reader.join();
    CHECK(read.load());
}

TEST_CASE("call counters: every thread's counts are summed, beyond the owned slots too",
          "[cache][rwlock]") {
    CallCounters counters;
    constexpr int kThreads = 12, kHits = 5000; // more threads than slots of their own
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < kHits; ++i)
                counters.hit();
            counters.miss();
        });
    for (auto& t : threads)
        t.join();
    CHECK(counters.hits() == std::uint64_t{kThreads} * kHits);
    CHECK(counters.misses() == std::uint64_t{kThreads});
}
