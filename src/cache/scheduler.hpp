// imlit cache internals — the load scheduler: one per process, for every asynchronous load of
// every cached function and session (R6).
//
//   - At most max_parallel_loads() loaders run at once (default: hardware threads, at least 2),
//     and at most CoreOptions::max_concurrency of one function (0: no extra limit).
//   - Waiting requests start asked-for-in-the-latest-frame first; among those, the ones that
//     frame asked for first (what the user just did) before the ones already waiting; then in
//     the order that frame asked for them (top to bottom: a frame asks in layout order).
//   - A request that no frame has asked for since it was last asked for (its asker finished a
//     frame without asking, or ended) is dropped before it starts. A running one that nobody
//     has asked for in kUnseenCancelAfter sees cancelled() (Load::cancelled).
//   - Worker threads are made on demand (at most max_parallel_loads, plus one for background
//     work while every worker runs a loader) and exit after idling kWorkerIdleExit. They are
//     detached and the scheduler is never destroyed: nothing is joined at exit, and once
//     exit() has begun no queued load or background task starts.
//   - Background tasks: freeing a cleared cache off the calling thread, malloc_trim.
//   - Workers run at the main thread's nice value plus kWorkerNice: loads that fill every
//     core (50 photos decoding on a 2-core laptop) still leave the UI thread, and the
//     renderer's threads, a core when a frame needs one.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "cache/load.hpp"

namespace imlit::detail {

inline constexpr std::chrono::seconds kWorkerIdleExit{5};
inline constexpr int kWorkerNice = 10; // added to a worker's nice value (Linux: per thread)

class Scheduler {
public:
    static Scheduler& get(); // process-wide, never destroyed

    void set_max_parallel(std::size_t n); // 0: the default
    std::size_t max_parallel() const;

    // Queue an async load (state queued, already in its function's inflight map). May be called
    // while holding that function's mutex (the scheduler never takes a function's mutex while
    // holding its own).
    void submit(std::shared_ptr<Load> load);
    // Run `task` on a worker (work that must not delay the caller: freeing, malloc_trim).
    void background(std::function<void()> task);
    // The session ended: its queued requests are dropped, its running loads cancelled.
    void end_session(std::uint64_t session);
    // A frame of some session ended: requests no frame asks for any more are dropped now
    // (installed as the seam's frame-end observer). Cheap when nothing waits.
    void frame_ended();

    struct Counts {
        std::size_t running = 0;      // async loaders running now
        std::size_t queued = 0;       // requests waiting (including stale ones not yet dropped)
        std::size_t threads = 0;      // worker threads alive
        std::size_t peak_running = 0; // since reset_peaks()
        std::size_t peak_threads = 0; // since reset_peaks()
        std::uint64_t started = 0;    // async loads started since the process began
        std::uint64_t dropped = 0;    // requests dropped before they started
    };
    Counts counts() const;
    void reset_peaks();
    // Tests: how long an idle worker waits before it exits.
    void set_idle_exit(std::chrono::milliseconds d);

private:
    Scheduler();
    void spawn_locked();
    void worker();
    // The next load to start (state moved to running), or null. Stale requests are moved to
    // `dropped` (state done) for the caller to abandon() after unlocking.
    std::shared_ptr<Load> pick_locked(std::vector<std::shared_ptr<Load>>& dropped);
    void prune_locked(std::vector<std::shared_ptr<Load>>& dropped);
    void wake_locked();

    mutable std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<std::shared_ptr<Load>> queue_;
    std::atomic<std::size_t> queued_{0}; // queue_.size(), readable without the mutex
    std::vector<std::shared_ptr<Load>> running_;
    std::deque<std::function<void()>> background_;
    std::size_t max_parallel_;
    std::size_t threads_ = 0;
    std::size_t busy_ = 0; // threads running a loader or a background task
    std::size_t peak_running_ = 0;
    std::size_t peak_threads_ = 0;
    std::uint64_t started_ = 0;
    std::uint64_t dropped_ = 0;
    std::chrono::milliseconds idle_exit_{kWorkerIdleExit};
    bool exiting_ = false; // exit() has begun: start nothing new
    friend void scheduler_at_exit();
};

} // namespace imlit::detail
