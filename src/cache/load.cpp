// imlit cache internals — running, finishing and waiting on loads (see load.hpp).
//
// Index
//   [SECTION] Load
//   [SECTION] Loader frames, cancelled()
//   [SECTION] Running and finishing
//   [SECTION] The wait-for graph
#include "cache/load.hpp"

#include <thread>
#include <unordered_map>

#include "cache/function_core.hpp"
#include "cache/persist_store.hpp"
#include "cache/registry.hpp"
#include "ui/exception_text.hpp"

namespace imlit::detail {

// [SECTION] Load ------------------------------------------------------------------------------

bool Load::cancelled(TimePoint now) const {
    if (cancel.load(std::memory_order_relaxed)) return true;
    if (!async || keep_running_unseen || waiters.load(std::memory_order_relaxed) > 0 || !unseen())
        return false;
    const TimePoint asked{Clock::duration(asked_time.load(std::memory_order_relaxed))};
    if (now - asked < kUnseenCancelAfter) return false;
    // Latched: finish() must know (the loader's exception is then not a failure to remember).
    cancel.store(true, std::memory_order_relaxed);
    return true;
}

void Load::wait() {
    std::unique_lock lock(m_);
    cv_.wait(lock, [&] { return finished_; });
}

void Load::notify() {
    {
        std::lock_guard lock(m_);
        finished_ = true;
    }
    cv_.notify_all();
}

// [SECTION] Loader frames, cancelled() --------------------------------------------------------

namespace {

struct FrameGuard {
    LoaderFrame frame;
    FrameGuard(const Load* load, Session* session) : frame{load, session, t_loader_frame} {
        t_loader_frame = &frame;
    }
    ~FrameGuard() { t_loader_frame = frame.parent; }
    FrameGuard(const FrameGuard&) = delete;
    FrameGuard& operator=(const FrameGuard&) = delete;
};
} // namespace

} // namespace imlit::detail

bool imlit::cancelled() {
    using namespace imlit::detail;
    const LoaderFrame* f = t_loader_frame;
    if (f == nullptr) return false;
    const Context* ctx = Context::current();
    const TimePoint now = ctx ? ctx->now() : Clock::now();
    for (; f; f = f->parent)
        if (f->load && f->load->cancelled(now)) return true;
    return false;
}

namespace imlit::detail {

// [SECTION] Running and finishing -------------------------------------------------------------

Outcome execute(const std::shared_ptr<Load>& load, FunctionRef<LoadResult()>* direct) {
    const auto t0 = Clock::now();
    Outcome out;
    {
        const ScopeInfo info{load->core->display_name, load->core->opt.allow_widgets};
        FrameGuard frame(load.get(), load->session_raw);
        set_runner(load.get(), true);
        try {
            RecordScope scope(*load->rec, info);
            out.result = direct ? (*direct)() : load->fn();
            out.ok = true;
        } catch (const std::exception& e) {
            out.error = e.what();
        } catch (...) {
            out.error = describe_exception(std::current_exception()); // throw 42, "text", ...
        }
        set_runner(load.get(), false);
    }
    load->fn = nullptr; // free the stored arguments now
    out.took = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0);
    return out;
}

namespace {
// Bytes an entry counts beyond its value's byte_size: its recording, the entry and trie node,
// and a per-read allowance for the trie branch and child it adds.
constexpr std::size_t kBytesPerRead = 64;
std::size_t entry_bytes(const Load& load, std::size_t value_bytes) {
    return value_bytes + load.rec->byte_size() + sizeof(Entry) + sizeof(Node) +
           kBytesPerRead * load.rec->reads().size();
}
} // namespace

void finish(const std::shared_ptr<Load>& load, Outcome& out) {
    FunctionCore& core = *load->core;
    Victims victims;
    std::shared_ptr<Entry> stored;
    {
        std::unique_lock lock(core.mutex);
        auto it = core.inflight.find(load->position);
        if (it != core.inflight.end() && it->second == load) core.inflight.erase(it);
        core.loads.fetch_add(1, std::memory_order_relaxed);
        core.load_ns.fetch_add(static_cast<std::uint64_t>(out.took.count()),
                               std::memory_order_relaxed);
        if (out.ok) {
            load->value = out.result.value;
        } else {
            core.failures.fetch_add(1, std::memory_order_relaxed);
            load->failure = std::make_shared<CallInfo>(CallInfo{core.display_name, out.error});
        }
        // A cancelled load's value is still stored under its own key; its exception is not
        // remembered (it may just be how the loader stopped early).
        // A background refresh that threw keeps the stale value: tried again after retry_after
        // (never, when it is 0: the stale value then lives on until 2 x ttl).
        const bool failed_refresh = load->refresh && !out.ok;
        if (failed_refresh)
            if (auto old = load->stale.lock(); old && core.trie.contains(old.get()))
                old->stale_at = core.opt.retry_after.count() > 0
                                    ? later_by(load->requested, core.opt.retry_after)
                                    : kNever;
        const bool keep =
            !failed_refresh && !load->discard.load() && (out.ok || !load->cancel.load());
        if (keep) {
            const std::uint64_t epoch = frame_epoch();
            auto e = std::make_shared<Entry>();
            e->rec = load->rec;
            e->root = load->root;
            e->position = load->position;
            e->serial = load->serial;
            e->clock = load->clock;
            e->inserted = load->requested;
            e->inserted_epoch = epoch;
            e->used_epoch.store(epoch, std::memory_order_relaxed);
            // Asked for by a frame: protected from eviction for this frame and the next, by
            // when the frame that wants it will have used it.
            if (load->from_frame) e->frame_use_epoch.store(epoch, std::memory_order_relaxed);
            e->replay_needed = load->rec->size() > 0;
            e->load_time = out.took;
            e->frames_used.store(1, std::memory_order_relaxed); // the frame that loaded it
            if (out.ok) {
                e->value = std::move(out.result.value);
                e->bytes = entry_bytes(*load, out.result.bytes);
                if (core.opt.ttl.count() > 0) {
                    const bool background = core.opt.refresh == Refresh::background;
                    e->expires =
                        later_by(load->requested, background ? 2 * core.opt.ttl : core.opt.ttl);
                    if (background) e->stale_at = later_by(load->requested, core.opt.ttl);
                }
            } else {
                e->failure = load->failure;
                e->bytes = sizeof(Entry) + out.error.size();
                if (core.opt.retry_after.count() > 0)
                    e->expires = later_by(load->requested, core.opt.retry_after);
            }
            if (e->expires != kNever) lower_earliest_expiry(*e->timed_by(), e->expires);
            core.trie.insert(e, victims);
            if (e->value) enforce_function_bounds(core, victims);
            stored = std::move(e);
        }
        load->state.store(Load::done);
    }
    release(std::move(victims));
    if (out.ok) out.result.value.reset(); // a discarded value dies here, before waiters wake
    if (stored && stored->value) {
        enforce_budget();
        if (core.persist) persist_entry(core, stored); // queued: written on the writer thread
    }
    // Let go of the entry before the load is reported finished: a clear() right after must
    // find the trie its only owner, so on_release is posted by the clear (and runs in the next
    // frame), not later by this worker (found by the ASan stage, whose slower worker lost
    // that race in "on_release runs on the UI thread once the resource is no longer held").
    stored.reset();
    load->notify();
    if (load->async)
        work_finished(); // last: a harness never sees idle before the value is
                         // stored (also requests a redraw)
}

void run_on_worker(const std::shared_ptr<Load>& load) {
    Outcome out;
    {
        LoaderContext context(std::move(load->session), load->site);
        out = execute(load, nullptr);
    } // the session is let go before the load is reported finished (a test may end right after)
    finish(load, out);
}

void abandon(const std::shared_ptr<Load>& load) {
    {
        std::unique_lock lock(load->core->mutex);
        auto it = load->core->inflight.find(load->position);
        if (it != load->core->inflight.end() && it->second == load) load->core->inflight.erase(it);
    }
    load->fn = nullptr;
    load->session.reset();
    load->notify();
    if (load->async) work_finished();
}

// [SECTION] The wait-for graph ----------------------------------------------------------------
// Which thread runs each load (Load::runner) and which load each blocked thread waits for. A
// wait is refused when following "runs on thread T, T waits for load L, L runs on thread ..."
// from the load comes back to this thread. Both sides of a would-be cycle register under one
// mutex, so at least one of them sees the other.

namespace {
struct WaitGraph {
    std::mutex mutex;
    std::unordered_map<const Load*, std::thread::id> runner;
    std::unordered_map<std::thread::id, const Load*> waiting;
};
WaitGraph& wait_graph() {
    static auto* g = new WaitGraph(); // never destroyed (detached workers may use it at exit)
    return *g;
}
} // namespace

void set_runner(const Load* load, bool running) {
    WaitGraph& g = wait_graph();
    std::lock_guard lock(g.mutex);
    if (running)
        g.runner[load] = std::this_thread::get_id();
    else
        g.runner.erase(load);
}

bool wait_unless_cycle(const std::shared_ptr<Load>& load) {
    WaitGraph& g = wait_graph();
    const std::thread::id me = std::this_thread::get_id();
    {
        std::lock_guard lock(g.mutex);
        const Load* x = load.get();
        for (std::size_t steps = 0; x != nullptr && steps <= g.waiting.size(); ++steps) {
            auto r = g.runner.find(x);
            if (r == g.runner.end()) break; // not running: finished, nothing to wait through
            if (r->second == me) return false;
            auto w = g.waiting.find(r->second);
            x = w == g.waiting.end() ? nullptr : w->second;
        }
        g.waiting[me] = load.get();
    }
    load->waiters.fetch_add(1, std::memory_order_relaxed);
    load->wait();
    load->waiters.fetch_sub(1, std::memory_order_relaxed);
    std::lock_guard lock(g.mutex);
    g.waiting.erase(me);
    return true;
}

} // namespace imlit::detail
