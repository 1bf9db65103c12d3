// Helpers for the cache tests: a gate loaders block on (deterministic async tests, no sleeps).
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

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
