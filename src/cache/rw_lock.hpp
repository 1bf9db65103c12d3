// imlit cache internals — RwLock: the reader-writer lock of one cached function (FunctionCore).
//
// A cache hit takes it shared, so its shared side is what every hit pays: one atomic add to
// lock and one atomic subtract to unlock, inlined (std::shared_mutex is a pthread_rwlock: two
// library calls, each a compare-and-swap loop). Writers (misses, inserts, evictions, clears)
// are rare next to hits and hold it for a few instructions; they take a std::mutex among
// themselves, set the writer bit, and sleep (futex, via std::atomic::wait) until the readers
// inside have left. Readers arriving while the bit is set step back and sleep until it clears,
// so a stream of hits never starves a writer. Meets the SharedMutex requirements used here
// (lock, unlock, lock_shared, unlock_shared): std::unique_lock and std::shared_lock work.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <shared_mutex> // std::shared_lock, for the users

namespace imlit::detail {

class RwLock {
public:
    RwLock() = default;
    RwLock(const RwLock&) = delete;
    RwLock& operator=(const RwLock&) = delete;

    void lock_shared() noexcept {
        if (state_.fetch_add(1, std::memory_order_acquire) & kWriter) [[unlikely]]
            wait_for_writer();
    }
    void unlock_shared() noexcept {
        const std::uint32_t before = state_.fetch_sub(1, std::memory_order_release);
        if (before == (kWriter | 1u)) [[unlikely]]
            state_.notify_all(); // the last reader left while a writer waits for it
    }

    void lock() {
        writers_.lock();
        std::uint32_t s = state_.fetch_or(kWriter, std::memory_order_acquire) | kWriter;
        while (s != kWriter) { // readers still inside
            state_.wait(s, std::memory_order_acquire);
            s = state_.load(std::memory_order_acquire);
        }
    }
    void unlock() noexcept {
        state_.fetch_and(~kWriter, std::memory_order_release);
        state_.notify_all(); // readers stepped back while the bit was set
        writers_.unlock();
    }

private:
    static constexpr std::uint32_t kWriter = 1u << 31; // the low bits count readers inside

    void wait_for_writer() noexcept {
        for (;;) {
            unlock_shared(); // step back (and wake the writer if this was the last reader)
            std::uint32_t s = state_.load(std::memory_order_relaxed);
            while (s & kWriter) {
                state_.wait(s, std::memory_order_relaxed);
                s = state_.load(std::memory_order_relaxed);
            }
            if (!(state_.fetch_add(1, std::memory_order_acquire) & kWriter)) return;
        }
    }

    std::atomic<std::uint32_t> state_{0};
    std::mutex writers_; // one writer at a time
};

} // namespace imlit::detail
