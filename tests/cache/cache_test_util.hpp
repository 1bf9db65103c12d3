// Helpers for the cache tests: a gate loaders block on (deterministic async tests, no sleeps).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"

namespace imlit_cache_test {

// Loaders call wait(); the test calls open() to let them finish, or wait_for_waiters(n) to
// know that n loaders have started.
class Gate {
public:
    Gate() = default;
    ~Gate() { open(); } // a failed REQUIRE must not leave a loader blocked forever
    Gate(const Gate&) = delete;
    Gate& operator=(const Gate&) = delete;
    void wait() {
        std::unique_lock lock(m_);
        ++waiting_;
        ++arrived_;
        cv_.notify_all();
        cv_.wait(lock, [&] { return open_; });
        --waiting_;
    }
    // A polite loader: waits until the gate opens or imlit::cancelled() turns true (checked
    // every millisecond). Returns false when it stopped because it was cancelled.
    bool wait_unless_cancelled() {
        std::unique_lock lock(m_);
        ++waiting_;
        ++arrived_;
        cv_.notify_all();
        while (!open_) {
            if (imlit::cancelled()) {
                --waiting_;
                return false;
            }
            cv_.wait_for(lock, std::chrono::milliseconds(1));
        }
        --waiting_;
        return true;
    }
    bool is_open() {
        std::lock_guard lock(m_);
        return open_;
    }
    void open() {
        {
            std::lock_guard lock(m_);
            open_ = true;
        }
        cv_.notify_all();
    }
    void close() {
        std::lock_guard lock(m_);
        open_ = false;
    }
    // Bounded wait (never used as synchronisation by itself: it returns false on timeout).
    bool wait_for_arrivals(int n, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(m_);
        return cv_.wait_for(lock, timeout, [&] { return arrived_ >= n; });
    }
    int arrived() {
        std::lock_guard lock(m_);
        return arrived_;
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    bool open_ = false;
    int waiting_ = 0;
    int arrived_ = 0;
};

// set_max_parallel_loads(n) for the life of the object (tests must not depend on the core
// count of the machine they run on).
class ParallelLoads {
public:
    explicit ParallelLoads(std::size_t n) : old_(imlit::max_parallel_loads()) {
        imlit::set_max_parallel_loads(n);
    }
    ~ParallelLoads() { imlit::set_max_parallel_loads(old_); }
    ParallelLoads(const ParallelLoads&) = delete;
    ParallelLoads& operator=(const ParallelLoads&) = delete;

private:
    std::size_t old_;
};

// Counts loader runs: how many started and the most that ran at once. A loader calls
// `auto scope = tracker.enter();` first.
class Tracker {
public:
    struct Scope {
        Tracker* t;
        ~Scope() { --t->running; }
    };
    Scope enter() {
        ++started;
        const int now = ++running;
        int prev = max_running.load();
        while (now > prev && !max_running.compare_exchange_weak(prev, now)) {
        }
        return Scope{this};
    }
    std::atomic<int> started{0};
    std::atomic<int> running{0};
    std::atomic<int> max_running{0};
};

// Poll `condition` every few milliseconds for at most `timeout` (a bound, not a delay: it
// returns as soon as the condition holds). For effects of other threads with no event to wait on.
template <class F>
bool eventually(F&& condition, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

// Threads of this process now (Linux).
inline std::size_t thread_count() {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/task"))
        ++n;
    return n;
}

// Run `body` on its own thread and wait for it at most `timeout`: false when it did not finish
// (a hang: the thread is left behind, blocked, and the test fails instead of hanging).
inline bool finishes_within(std::chrono::milliseconds timeout, std::function<void()> body) {
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> f = done->get_future();
    std::thread([done, body = std::move(body)] {
        try {
            body();
            done->set_value();
        } catch (...) {
            done->set_exception(std::current_exception());
        }
    }).detach();
    if (f.wait_for(timeout) != std::future_status::ready) return false;
    f.get(); // rethrows a failure of the body
    return true;
}

inline bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

inline std::size_t count_kind(const imlit::testing::AppTest& at, const std::string& kind) {
    std::size_t n = 0;
    for (const auto& e : at.elements())
        n += e.kind == kind;
    return n;
}

inline bool has_element(const imlit::testing::AppTest& at, const std::string& kind,
                        const std::string& text_part) {
    for (const auto& e : at.elements())
        if (e.kind == kind && e.text.find(text_part) != std::string::npos) return true;
    return false;
}

} // namespace imlit_cache_test
