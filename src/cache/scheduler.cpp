// imlit cache internals — the load scheduler (see scheduler.hpp).
//
// Index
//   [SECTION] The process-wide instance and exit
//   [SECTION] Requests
//   [SECTION] Workers
#include "cache/scheduler.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <thread>
#include <utility>

#include <sys/resource.h>
#include <unistd.h>

#include "cache/function_core.hpp"
#include "cache/hot_table.hpp"
#include "ui/seam.hpp"

namespace imlit::detail {

namespace {
// One thread beyond max_parallel_loads, for background work (freeing a cleared cache) while
// every worker runs a loader.
constexpr std::size_t kBackgroundThreads = 1;

std::size_t default_max_parallel() {
    constexpr std::size_t kAtLeast = 2;
    return std::max<std::size_t>(kAtLeast, std::thread::hardware_concurrency());
}

// Remove the element at `i` of `v` (order not kept).
template <class T>
void swap_remove(std::vector<T>& v, std::size_t i) {
    if (i + 1 != v.size()) v[i] = std::move(v.back());
    v.pop_back();
}

// Take out of `queue` the loads no longer queued (taken over, dropped elsewhere) and those
// `drop` selects, which move to `dropped` (state done). Returns how many were dropped.
template <class Drop>
std::size_t drop_where(std::vector<std::shared_ptr<Load>>& queue, Drop&& drop,
                       std::vector<std::shared_ptr<Load>>& dropped) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < queue.size();) {
        Load& l = *queue[i];
        int expected = Load::queued;
        if (l.state.load() != Load::queued) {
            swap_remove(queue, i);
        } else if (drop(l) && l.state.compare_exchange_strong(expected, Load::done)) {
            ++n;
            dropped.push_back(std::move(queue[i]));
            swap_remove(queue, i);
        } else {
            ++i;
        }
    }
    return n;
}
} // namespace

// [SECTION] The process-wide instance and exit ------------------------------------------------

// Registered with atexit when the scheduler is made: from then on nothing new starts (user code
// must not run while statics are destroyed). Running loaders cannot be stopped; nothing waits
// for them either.
void scheduler_at_exit() {
    Scheduler& s = Scheduler::get();
    std::lock_guard lock(s.mutex_);
    s.exiting_ = true;
    s.cv_.notify_all();
}

Scheduler& Scheduler::get() {
    static Scheduler* s = [] {
        auto* p = new Scheduler(); // never destroyed: workers are detached
        std::atexit(scheduler_at_exit);
        set_frame_end_observer([] {
            Scheduler::get().frame_ended();
            sweep_hot_tables(); // this frame thread's hot tables (hot_table.hpp)
        });
        return p;
    }();
    return *s;
}

Scheduler::Scheduler() : max_parallel_(default_max_parallel()) {}

void Scheduler::set_max_parallel(std::size_t n) {
    std::lock_guard lock(mutex_);
    max_parallel_ = n == 0 ? default_max_parallel() : n;
    wake_locked();
}

std::size_t Scheduler::max_parallel() const {
    std::lock_guard lock(mutex_);
    return max_parallel_;
}

Scheduler::Counts Scheduler::counts() const {
    std::lock_guard lock(mutex_);
    return {running_.size(), queue_.size(), threads_, peak_running_,
            peak_threads_,   started_,      dropped_};
}

void Scheduler::reset_peaks() {
    std::lock_guard lock(mutex_);
    peak_running_ = running_.size();
    peak_threads_ = threads_;
}

void Scheduler::set_idle_exit(std::chrono::milliseconds d) {
    std::lock_guard lock(mutex_);
    idle_exit_ = d;
    cv_.notify_all();
}

// [SECTION] Requests --------------------------------------------------------------------------

void Scheduler::submit(std::shared_ptr<Load> load) {
    std::vector<std::shared_ptr<Load>> dropped;
    {
        std::lock_guard lock(mutex_);
        prune_locked(dropped);
        int expected = Load::queued;
        if (exiting_) {
            if (load->state.compare_exchange_strong(expected, Load::done)) {
                ++dropped_;
                dropped.push_back(std::move(load));
            }
        } else {
            queue_.push_back(std::move(load));
            queued_.store(queue_.size(), std::memory_order_relaxed);
            wake_locked();
        }
    }
    for (const auto& d : dropped)
        abandon(d);
}

void Scheduler::background(std::function<void()> task) {
    std::lock_guard lock(mutex_);
    if (exiting_) return; // the process is ending: its memory goes with it
    background_.push_back(std::move(task));
    wake_locked();
}

void Scheduler::end_session(std::uint64_t session) {
    std::vector<std::shared_ptr<Load>> dropped;
    {
        std::lock_guard lock(mutex_);
        dropped_ += drop_where(
            queue_, [session](const Load& l) { return l.asker_session == session; }, dropped);
        queued_.store(queue_.size(), std::memory_order_relaxed);
        for (const auto& l : running_)
            if (l->asker_session == session) l->cancel = true;
    }
    for (const auto& d : dropped)
        abandon(d);
}

void Scheduler::frame_ended() {
    if (queued_.load(std::memory_order_relaxed) == 0) return;
    std::vector<std::shared_ptr<Load>> dropped;
    {
        std::lock_guard lock(mutex_);
        prune_locked(dropped);
    }
    for (const auto& d : dropped)
        abandon(d);
}

void Scheduler::prune_locked(std::vector<std::shared_ptr<Load>>& dropped) {
    dropped_ += drop_where(
        queue_, [](const Load& l) { return l.unseen(); }, dropped);
    queued_.store(queue_.size(), std::memory_order_relaxed);
}

std::shared_ptr<Load> Scheduler::pick_locked(std::vector<std::shared_ptr<Load>>& dropped) {
    prune_locked(dropped);
    while (running_.size() < max_parallel_) {
        // Load::rank: asked for in the latest frame first, what that frame asked for first
        // before what was already waiting, then that frame's asking order; newest first
        // among requests no frame has asked for.
        std::size_t best = queue_.size();
        Load::Rank best_rank;
        std::uint64_t best_seq = 0;
        for (std::size_t i = 0; i < queue_.size(); ++i) {
            const Load& l = *queue_[i];
            const std::size_t limit = l.core->opt.max_concurrency;
            if (limit != 0 && l.core->running_async >= limit) continue;
            const Load::Rank r = l.rank();
            if (best == queue_.size() || best_rank < r || (r == best_rank && l.seq > best_seq)) {
                best = i;
                best_rank = r;
                best_seq = l.seq;
            }
        }
        if (best == queue_.size()) return nullptr;
        std::shared_ptr<Load> load = std::move(queue_[best]);
        swap_remove(queue_, best);
        queued_.store(queue_.size(), std::memory_order_relaxed);
        int expected = Load::queued;
        if (!load->state.compare_exchange_strong(expected, Load::running))
            continue; // taken over meanwhile
        ++load->core->running_async;
        running_.push_back(load);
        ++started_;
        peak_running_ = std::max(peak_running_, running_.size());
        return load;
    }
    return nullptr;
}

// [SECTION] Workers ---------------------------------------------------------------------------

void Scheduler::wake_locked() {
    const std::size_t free_slots =
        max_parallel_ > running_.size() ? max_parallel_ - running_.size() : 0;
    const std::size_t wanted = std::min(queue_.size(), free_slots) + background_.size();
    const std::size_t idle = threads_ - busy_;
    const std::size_t limit = max_parallel_ + (background_.empty() ? 0 : kBackgroundThreads);
    for (std::size_t have = idle; have < wanted && threads_ < limit; ++have)
        spawn_locked();
    cv_.notify_all();
}

void Scheduler::spawn_locked() {
    ++threads_;
    peak_threads_ = std::max(peak_threads_, threads_);
    try {
        std::thread([this] { worker(); }).detach();
    } catch (const std::system_error&) {
        --threads_; // no thread now: the work waits for a worker that exists or comes later
    }
}

namespace {
// On Linux nice is per thread: this sets the calling worker's, to the main thread's (the
// process id names it) plus kWorkerNice, whichever thread made the worker. Best effort: where
// it cannot be read or set, the worker runs as it is.
void lower_worker_priority() {
    errno = 0;
    const int main_nice = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::getpid()));
    if (errno != 0) return;
    (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()),
                        std::min(main_nice + kWorkerNice, 19));
}
} // namespace

void Scheduler::worker() {
    lower_worker_priority();
    std::unique_lock lock(mutex_);
    for (;;) {
        if (exiting_) break;
        if (!background_.empty()) {
            std::function<void()> task = std::move(background_.front());
            background_.pop_front();
            ++busy_;
            lock.unlock();
            task();
            task = nullptr; // captures die outside the lock
            lock.lock();
            --busy_;
            continue;
        }
        std::vector<std::shared_ptr<Load>> dropped;
        std::shared_ptr<Load> load = pick_locked(dropped);
        if (load || !dropped.empty()) {
            ++busy_;
            lock.unlock();
            for (const auto& d : dropped)
                abandon(d);
            dropped.clear();
            if (load) run_on_worker(load);
            lock.lock();
            --busy_;
            if (load) {
                --load->core->running_async;
                auto it = std::find(running_.begin(), running_.end(), load);
                if (it != running_.end()) swap_remove(running_, std::size_t(it - running_.begin()));
                lock.unlock();
                load.reset(); // its captures (stored arguments) die outside the lock
                lock.lock();
            }
            continue;
        }
        if (cv_.wait_for(lock, idle_exit_) == std::cv_status::timeout && background_.empty()) {
            std::vector<std::shared_ptr<Load>> stale;
            prune_locked(stale);
            if (!stale.empty()) { // nothing runnable came, but stale requests can go now
                lock.unlock();
                for (const auto& d : stale)
                    abandon(d);
                lock.lock();
                continue;
            }
            // Idle: exit, unless runnable work arrived just as the wait timed out.
            const bool runnable = !queue_.empty() && running_.size() < max_parallel_;
            if (!runnable) break;
        }
    }
    --threads_;
}

} // namespace imlit::detail
