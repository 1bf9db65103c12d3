// imlit cache internals — one load: a loader run, asynchronous (on a scheduler worker) or
// inline (on the calling thread), from request to stored entry.
//
// Life of an asynchronous load: made by a cached call on a miss (state queued, in its
// function's `inflight` map at its trie position, in the scheduler's queue), started by a
// worker (running) or dropped before it starts (done: no frame asks for it any more, its
// session ended, or a nested call took its key over), finished by finish() (done: the result
// stored under its own key, waiters woken). Inline loads go straight to running.
//
// Index
//   [SECTION] Load
//   [SECTION] Loader frames (the loads running on this thread)
//   [SECTION] Running and finishing
//   [SECTION] Waiting on a running load (the wait-for graph)
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "cache/key_trie.hpp"
#include "imlit/cache.hpp"
#include "ui/seam.hpp"

namespace imlit::detail {

class FunctionCore;

// A running load that nobody has asked for this long sees cancelled() (R6).
inline constexpr std::chrono::seconds kUnseenCancelAfter{1};

// [SECTION] Load ------------------------------------------------------------------------------

struct Load {
    std::shared_ptr<FunctionCore> core;
    RootKey root;
    Hash128 position;
    std::uint64_t serial = 0; // the identity of the entry it makes
    std::shared_ptr<Recording> rec;
    Site site;                          // where it was requested (output goes there)
    Session* session_raw = nullptr;     // the loader's session (null: a plain thread)
    std::shared_ptr<Session> session;   // async: keeps the session alive for the loader
    LoadFn fn;                          // async: the loader bound to its stored arguments
    std::shared_ptr<ClockDomain> clock; // the requester's clock: its entry is timed by it
    TimePoint requested{};              // on `clock` (spinner, ttl)
    bool async = false;                 // counted as work in flight; run by the scheduler
    bool from_frame = false;            // requested by a frame (its entry starts protected)

    // Scheduling (async only). The asker is the session whose frame made the request; a frame
    // of that session asking again refreshes the asked_* fields.
    std::uint64_t seq = 0;                           // request order (ties: newest first)
    std::uint64_t asker_session = 0;                 // session id
    std::shared_ptr<const FrameCounter> asker;       // its frames (outlives the session)
    std::atomic<std::uint64_t> asked_epoch{0};       // frame epoch of the last ask: latest first
    std::atomic<std::uint64_t> asked_order{0};       // place of that ask in asking order (global
                                                     // counter): in one frame, first asked first
    std::atomic<std::uint64_t> first_asked_epoch{0}; // the frame that first asked: newest first
    std::atomic<std::uint64_t> prev_asked_epoch{0};  // the ask before (see rank)
    std::atomic<std::uint64_t> prev_asked_order{0};
    std::atomic<std::uint64_t> asked_frame{0}; // the asker's frame number at the last ask
    std::atomic<std::int64_t> asked_time{0};   // the asker's clock at the last ask (ticks)
    bool keep_running_unseen = false;          // the function's option
    bool refresh = false;       // Refresh::background: replaces `stale` when it succeeds
    std::weak_ptr<Entry> stale; // refresh: the entry it refreshes (kept if the refresh throws)

    enum : int { queued = 0, running = 1, done = 2 };
    std::atomic<int> state{queued};
    mutable std::atomic<bool> cancel{false}; // cancelled() inside the loader
    std::atomic<bool> discard{false};        // cleared while running: do not store the result
    std::atomic<int> waiters{0};             // threads blocked in wait(): it is still wanted

    std::weak_ptr<void> value; // the outcome, for joined waiters (weak: never extends a value's
                               // life past its entry's, so on_release is not delayed)
    std::shared_ptr<const CallInfo> failure; // set before notify()

    // Its place in the queue: the frame epoch it was last asked in (latest first); among the
    // loads that frame asked for, the ones it asked for first (a click, a scroll: what the
    // user just did before what was already waiting); then that frame's asking order (first
    // asked first: a frame asks in layout order, so a grid of thumbnails loads from the top).
    // While the asker's frame that re-asked it is still running, the ask before counts: that
    // frame has not yet re-asked every load it wants, and ranking the ones it reached first
    // above the others would let a pick in the middle of a frame jump the queue. A request new
    // in that frame ranks by its own ask.
    struct Rank {
        std::uint64_t epoch = 0;              // higher first
        std::uint64_t born = 0;               // then higher first
        std::uint64_t order = 0;              // then lower first
        bool operator<(const Rank& o) const { // ranks below o
            if (epoch != o.epoch) return epoch < o.epoch;
            if (born != o.born) return born < o.born;
            return order > o.order;
        }
        bool operator==(const Rank&) const = default;
    };
    Rank rank() const {
        const std::uint64_t epoch = asked_epoch.load(std::memory_order_acquire); // first: touch()
        const std::uint64_t prev = prev_asked_epoch.load(std::memory_order_relaxed);
        const std::uint64_t born = first_asked_epoch.load(std::memory_order_relaxed);
        if (prev != 0 && asker &&
            asked_frame.load(std::memory_order_relaxed) >
                asker->completed.load(std::memory_order_acquire))
            return {prev, born, prev_asked_order.load(std::memory_order_relaxed)};
        return {epoch, born, asked_order.load(std::memory_order_relaxed)};
    }
    // No frame of its asker asks for it any more: the asker finished a frame since its last
    // ask without asking, or ended.
    bool unseen() const {
        return asker && (asker->ended.load(std::memory_order_acquire) ||
                         asker->completed.load(std::memory_order_acquire) >
                             asked_frame.load(std::memory_order_relaxed));
    }
    // cancelled() for this load (not its parents): superseded, cleared, its session ended, or
    // running unseen for kUnseenCancelAfter. `now` is the loader's session clock.
    bool cancelled(TimePoint now) const;

    void wait(); // until finished
    void notify();

private:
    std::mutex m_;
    std::condition_variable cv_;
    bool finished_ = false;
};

// [SECTION] Loader frames ---------------------------------------------------------------------

// The loads running on this thread, innermost first (nested loads run inline and form a
// chain): for cancelled(), for nested calls, and for the loader's session.
struct LoaderFrame {
    const Load* load;
    Session* session; // the loader's session; null for a plain-thread call
    const LoaderFrame* parent;
};
// The innermost load running on this thread (null: none). Inline: every cached call reads it.
inline constinit thread_local const LoaderFrame* t_loader_frame = nullptr;
inline const LoaderFrame* current_loader_frame() {
    return t_loader_frame;
}

// [SECTION] Running and finishing -------------------------------------------------------------

struct Outcome {
    LoadResult result;
    std::string error;
    bool ok = false;
    std::chrono::nanoseconds took{};
};

// Run the loader on this thread: `direct` (inline runs: the caller's own arguments) or
// load.fn. Records its output into load.rec.
Outcome execute(const std::shared_ptr<Load>& load, FunctionRef<LoadResult()>* direct);
// Store the outcome under the load's own key (unless discarded, or a cancelled load's
// exception), enforce bounds, wake waiters, count the work finished.
void finish(const std::shared_ptr<Load>& load, Outcome& out);
// A worker runs an async load it took from the scheduler's queue.
void run_on_worker(const std::shared_ptr<Load>& load);
// Drop a load that never started (state already set to done by the caller): out of its
// function's inflight map, waiters woken, work counted finished. Takes the core's mutex:
// call it with no cache lock held.
void abandon(const std::shared_ptr<Load>& load);

// [SECTION] Waiting on a running load ---------------------------------------------------------

// Block this thread until `load` (running on another thread, or finished) is done. Returns
// false, without waiting, when that would never end: the load is running on this thread (a
// loader calling itself with the same key) or is waiting, through other loads, on one that is.
bool wait_unless_cycle(const std::shared_ptr<Load>& load);
// Note which thread runs `load` (for the cycle check); null: it stopped running.
void set_runner(const Load* load, bool running);

} // namespace imlit::detail
