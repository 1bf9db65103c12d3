// imlit cache layer — cached scopes (DESIGN §2, R1–R13).
//
// One FunctionCore per cached function holds, under one shared_mutex:
//   roots     (args hash, session) -> a key trie. A trie node is either empty, a leaf (an Entry:
//             a value + its recording, or a remembered failure) or a branch ("next, the loader
//             read widget W": children by the hash of W's value). Lookup walks it reading the
//             current widget values, so its cost is the number of widgets read (R4).
//   entries   every Entry, for LRU eviction, sweeps and stats.
//   inflight  position -> Load. A *position* is the hash of the walk that fell off the trie
//             (root + the (widget, value) edges taken + the missing value): concurrent callers
//             with the same key meet there (single flight, R6).
//   groups    (session, call site) -> loads running for that place (at most 2) and at most one
//             waiting request (newest wins).
// Loads run on an elastic worker pool (async) or inline on the calling thread (blocking,
// nested in another loader, or from a thread with no imlit context).
//
// Index
//   [SECTION] Small helpers (hashing of positions, clocks, thread-local loader frames)
//   [SECTION] Entries, trie nodes, loads
//   [SECTION] Registry and global budget
//   [SECTION] Worker pool
//   [SECTION] FunctionCore
//   [SECTION] Trie operations (walk, insert, remove)
//   [SECTION] Bounds, sweeps, sessions
//   [SECTION] Running a load
//   [SECTION] The cached call
//   [SECTION] Public control: clear, stats, budget
#include "imlit/cache.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <limits>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_set>

#include <fmt/format.h>

#include "ui/seam.hpp"

namespace imlit::detail {

// [SECTION] Small helpers --------------------------------------------------------------------

namespace {

constexpr double kSpinnerDelaySeconds = 0.25; // a load shorter than this never shows a spinner
constexpr int kMaxRunningPerGroup = 2;        // loads running at once per (session, call site)
constexpr std::size_t kMaxWorkers = 64;

inline std::uint64_t mix64(std::uint64_t x) { // splitmix64 finaliser
    x ^= x >> 30;
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 27;
    x *= 0x94D049BB133111EBull;
    x ^= x >> 31;
    return x;
}

struct Hash128Hasher {
    std::size_t operator()(const Hash128& h) const noexcept {
        return static_cast<std::size_t>(h.lo ^ (h.hi * 0x9E3779B97F4A7C15ull));
    }
};

struct RootKey {
    Hash128 args;
    std::uint64_t session = 0; // 0: Scope::global
    friend bool operator==(const RootKey&, const RootKey&) = default;
};
struct RootKeyHasher {
    std::size_t operator()(const RootKey& k) const noexcept {
        return static_cast<std::size_t>(k.args.lo ^ (k.args.hi * 0x9E3779B97F4A7C15ull) ^
                                        mix64(k.session));
    }
};

Hash128 root_position(const RootKey& r) {
    return {r.args.lo ^ mix64(r.session + 1), r.args.hi};
}
Hash128 step_position(Hash128 p, RelId id, Hash128 value) {
    return {mix64(p.lo ^ mix64(id.val ^ value.lo)), mix64(p.hi + mix64(id.pow ^ value.hi))};
}

using TimePoint = Clock::time_point;
constexpr TimePoint kNever = TimePoint::max();

std::int64_t ticks(TimePoint t) {
    return t.time_since_epoch().count();
}

double seconds_between(TimePoint from, TimePoint to) {
    if (to <= from) return 0;
    return std::chrono::duration<double>(to - from).count();
}

TimePoint add(TimePoint t, std::chrono::duration<double> d) {
    return t + std::chrono::duration_cast<Clock::duration>(d);
}

} // namespace

struct Load;
class FunctionCore;

// The loader running on this thread (nested loads form a chain): for cancelled(), for nested
// calls (which run inline and fold into the outer recording) and for the loader's session.
struct LoaderFrame {
    const Load* load;
    Session* session; // the loader's session; null for a plain-thread call
    const LoaderFrame* parent;
};
namespace {
thread_local const LoaderFrame* t_frame = nullptr;

struct FrameGuard {
    LoaderFrame frame;
    FrameGuard(const Load* load, Session* session) : frame{load, session, t_frame} {
        t_frame = &frame;
    }
    ~FrameGuard() { t_frame = frame.parent; }
    FrameGuard(const FrameGuard&) = delete;
    FrameGuard& operator=(const FrameGuard&) = delete;
};
} // namespace

// [SECTION] Entries, trie nodes, loads -------------------------------------------------------

struct Entry {
    std::shared_ptr<void> value;             // null: a remembered failure
    std::shared_ptr<Recording> rec;          // what the loader showed (and the widgets it read)
    std::shared_ptr<const CallInfo> failure; // set for failures
    RootKey root;
    Hash128 position; // where the load was requested (retry id)
    TimePoint inserted{};
    TimePoint expires = kNever;              // ttl (values) or retry_after (failures)
    std::atomic<std::uint64_t> last_used{0}; // LRU tick
    std::size_t bytes = 0;
    std::size_t index = 0;      // in FunctionCore::entries
    bool replay_needed = false; // the recording has commands
};

struct Node {
    std::shared_ptr<Entry> entry; // leaf
    bool branch = false;
    RelId widget;          // branch: the widget read next
    Hash128 default_value; // branch: its value while not in the store
    std::unordered_map<Hash128, std::unique_ptr<Node>, Hash128Hasher> children;
    bool empty() const { return !entry && !branch; }
};

struct Load {
    std::shared_ptr<FunctionCore> core;
    RootKey root;
    Hash128 position;
    std::uint64_t group = 0;
    bool in_group = false; // counted in its group's running loads
    bool async = false;    // counted as work in flight
    std::shared_ptr<Recording> rec;
    std::shared_ptr<Session> session; // async loads keep their session alive
    Session* session_raw = nullptr;
    Site site;
    LoadFn fn;             // async: the loader bound to copies of the arguments
    TimePoint requested{}; // requester's clock, for the spinner's elapsed time

    enum : int { queued = 0, running = 1, done = 2 };
    std::atomic<int> state{queued};
    std::atomic<bool> cancel{false};  // cancelled() inside the loader
    std::atomic<bool> discard{false}; // cleared while running: do not store the result

    std::weak_ptr<void> value; // the outcome, for joined waiters (weak: never extends a value's
                               // life past its entry's, so on_release is not delayed)
    std::shared_ptr<const CallInfo> failure; // (set before notify)

    std::mutex m;
    std::condition_variable cv;
    bool finished = false;
    void wait() {
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return finished; });
    }
    void notify() {
        {
            std::lock_guard lock(m);
            finished = true;
        }
        cv.notify_all();
    }
};

// [SECTION] Registry and global budget -------------------------------------------------------

namespace {
struct Registry {
    std::mutex mutex;
    std::vector<std::weak_ptr<FunctionCore>> cores;
    std::atomic<std::size_t> total_bytes{0};
    std::atomic<std::size_t> budget{std::size_t(1) << 30};
    std::atomic<std::int64_t> earliest_expiry{std::numeric_limits<std::int64_t>::max()};
    std::atomic<std::uint64_t> lru_tick{1};
    std::atomic<std::uint64_t> next_id{1};
    std::mutex sweep_mutex;
    std::mutex budget_mutex;

    std::vector<std::shared_ptr<FunctionCore>> live() {
        std::vector<std::shared_ptr<FunctionCore>> out;
        std::lock_guard lock(mutex);
        std::size_t w = 0;
        for (auto& c : cores) {
            if (auto p = c.lock()) {
                out.push_back(std::move(p));
                cores[w++] = c;
            }
        }
        cores.resize(w);
        return out;
    }
};
Registry& registry() {
    static Registry* r = new Registry(); // never destroyed: used from static destructors
    return *r;
}

void lower_earliest_expiry(TimePoint t) {
    auto& a = registry().earliest_expiry;
    std::int64_t cur = a.load(std::memory_order_relaxed);
    const std::int64_t v = ticks(t);
    while (v < cur && !a.compare_exchange_weak(cur, v, std::memory_order_relaxed)) {
    }
}
} // namespace

// [SECTION] Worker pool ----------------------------------------------------------------------

namespace {
// Elastic: a thread is added whenever a task arrives and no idle thread can take it (up to
// kMaxWorkers), so loaders that block (on I/O, or on each other in tests) never starve the
// queue. Threads stay for the life of the process and are joined at exit.
class WorkerPool {
public:
    void submit(std::function<void()> task) {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(task));
        if (queue_.size() > idle_ && threads_.size() < kMaxWorkers)
            threads_.emplace_back([this] { loop(); });
        else
            cv_.notify_one();
    }
    ~WorkerPool() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        cv_.notify_all();
        for (auto& t : threads_)
            t.join();
    }

private:
    void loop() {
        std::unique_lock lock(mutex_);
        for (;;) {
            if (queue_.empty()) {
                if (stop_) return;
                ++idle_;
                cv_.wait(lock);
                --idle_;
                continue;
            }
            auto task = std::move(queue_.front());
            queue_.pop_front();
            lock.unlock();
            task();
            task = nullptr; // destroy captures outside the lock
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> queue_;
    std::vector<std::thread> threads_;
    std::size_t idle_ = 0;
    bool stop_ = false;
};
WorkerPool& pool() {
    static WorkerPool p;
    return p;
}
} // namespace

// [SECTION] FunctionCore ---------------------------------------------------------------------

class FunctionCore {
public:
    CoreOptions opt;
    std::function<bool(void*)> validate;
    std::uint64_t id = 0;
    std::string display_name;
    std::string spinner_text;
    std::shared_ptr<const CallInfo> pending_info;

    mutable std::shared_mutex mutex;
    std::unordered_map<RootKey, Node, RootKeyHasher> roots;
    std::vector<std::shared_ptr<Entry>> entries;
    std::unordered_map<Hash128, std::shared_ptr<Load>, Hash128Hasher> inflight;
    struct Group {
        std::vector<Load*> running;
        std::shared_ptr<Load> waiting;
    };
    std::unordered_map<std::uint64_t, Group> groups;
    std::unordered_set<std::uint64_t> hooked_sessions;
    std::size_t bytes = 0;
    std::size_t values = 0;
    bool has_expiring = false; // any entry with expires != kNever

    std::atomic<std::uint64_t> hits{0}, misses{0}, loads{0}, failures{0}, load_ns{0};

    ~FunctionCore();
};

using Victims = std::vector<std::shared_ptr<Entry>>; // released after the lock is dropped

FunctionCore::~FunctionCore() {
    // The last owner is gone (no load in flight holds it either): give back its bytes.
    registry().total_bytes.fetch_sub(bytes, std::memory_order_relaxed);
}

std::shared_ptr<FunctionCore> make_core(CoreOptions options, std::function<bool(void*)> validate) {
    auto core = std::make_shared<FunctionCore>();
    auto& reg = registry();
    core->id = reg.next_id.fetch_add(1);
    core->display_name =
        options.name.empty()
            ? fmt::format("{}#{}", options.resource ? "cache_resource" : "cache_data", core->id)
            : options.name;
    core->spinner_text = options.spinner_text.empty()
                             ? fmt::format("Running {}...", core->display_name)
                             : options.spinner_text;
    core->pending_info = std::make_shared<CallInfo>(CallInfo{core->display_name, {}});
    if (options.ttl.count() < 0 || options.retry_after.count() < 0)
        throw std::invalid_argument(
            fmt::format("imlit: {}: ttl and retry_after must be >= 0", core->display_name));
    core->opt = std::move(options);
    core->validate = std::move(validate);
    std::lock_guard lock(reg.mutex);
    reg.cores.push_back(core);
    return core;
}

const std::string& name(const FunctionCore& core) {
    return core.display_name;
}

void check_persist(Persist persist, std::string_view name) {
    if (persist == Persist::disk)
        throw std::invalid_argument(fmt::format(
            "imlit: cache_data{}{}: persist = Persist::disk is not supported yet (values are "
            "kept in memory only); use Persist::none",
            name.empty() ? "" : " ", name));
}

void post_release(std::function<void()> task) {
    post_to_ui_thread(std::move(task));
}

// [SECTION] Trie operations ------------------------------------------------------------------

namespace {

// Detach an entry from the bookkeeping (not from the trie).
void unlink_entry(FunctionCore& core, const std::shared_ptr<Entry>& e, Victims& victims) {
    const std::size_t i = e->index;
    if (i >= core.entries.size() || core.entries[i] != e) return; // already gone
    if (i + 1 != core.entries.size()) {
        core.entries[i] = std::move(core.entries.back());
        core.entries[i]->index = i;
    }
    core.entries.pop_back();
    core.bytes -= e->bytes;
    registry().total_bytes.fetch_sub(e->bytes, std::memory_order_relaxed);
    if (e->value) --core.values;
    victims.push_back(e);
}

void detach_subtree(FunctionCore& core, Node& node, Victims& victims) {
    if (node.entry) unlink_entry(core, node.entry, victims);
    for (auto& [h, child] : node.children)
        detach_subtree(core, *child, victims);
    node.entry.reset();
    node.children.clear();
    node.branch = false;
}

// Remove `e` from the trie (walking its reads) and prune nodes left empty.
bool remove_from_node(Node& node, const std::vector<WidgetRead>& reads, std::size_t i,
                      const Entry* e) {
    if (i == reads.size()) {
        if (node.entry.get() == e) node.entry.reset();
    } else if (node.branch && node.widget == reads[i].id) {
        auto it = node.children.find(reads[i].value);
        if (it != node.children.end() && remove_from_node(*it->second, reads, i + 1, e))
            node.children.erase(it);
        if (node.children.empty()) node.branch = false;
    }
    return node.empty();
}

void remove_entry(FunctionCore& core, const std::shared_ptr<Entry>& e, Victims& victims) {
    auto it = core.roots.find(e->root);
    if (it != core.roots.end()) {
        static const std::vector<WidgetRead> none;
        const auto& reads = e->rec ? e->rec->reads() : none;
        if (remove_from_node(it->second, reads, 0, e.get())) core.roots.erase(it);
    }
    unlink_entry(core, e, victims);
}

// Insert at the path of `reads`. A path that contradicts the trie (the loader read other
// widgets than an earlier run with the same values: not deterministic) replaces what was there.
void insert_entry(FunctionCore& core, std::shared_ptr<Entry> e, Victims& victims) {
    Node* node = &core.roots[e->root];
    static const std::vector<WidgetRead> none;
    const auto& reads = e->rec ? e->rec->reads() : none;
    for (const WidgetRead& r : reads) {
        if (node->entry || (node->branch && !(node->widget == r.id)))
            detach_subtree(core, *node, victims);
        if (!node->branch) {
            node->branch = true;
            node->widget = r.id;
            node->default_value = r.default_value;
        }
        auto& child = node->children[r.value];
        if (!child) child = std::make_unique<Node>();
        node = child.get();
    }
    if (node->branch || node->entry) detach_subtree(core, *node, victims);
    node->entry = e;
    e->index = core.entries.size();
    core.entries.push_back(e);
    core.bytes += e->bytes;
    registry().total_bytes.fetch_add(e->bytes, std::memory_order_relaxed);
    if (e->value) ++core.values;
    if (e->expires != kNever) {
        core.has_expiring = true;
        lower_earliest_expiry(e->expires);
    }
}

struct Walk {
    Entry* entry = nullptr;     // the leaf reached, if any
    Hash128 position;           // where the walk ended
    const Node* stop = nullptr; // the branch it fell off (no child for the current value)
};

// Some stored value below `node` (another widget state of the same call): what a pending
// call shows until the new load has output of its own, so widgets being dragged stay visible.
const Entry* any_value_below(const Node* node) {
    for (int depth = 0; node && depth < 64; ++depth) {
        if (node->entry) return node->entry->value ? node->entry.get() : nullptr;
        if (!node->branch || node->children.empty()) return nullptr;
        node = node->children.begin()->second.get();
    }
    return nullptr;
}

// Walk the trie for the current widget values. Caller holds the lock (shared or exclusive).
Walk walk(const FunctionCore& core, const RootKey& root, Session* session, Site site) {
    Walk w;
    w.position = root_position(root);
    auto it = core.roots.find(root);
    if (it == core.roots.end()) return w;
    const Node* node = &it->second;
    while (node->branch) {
        Hash128 v = node->default_value;
        if (session) {
            if (auto h = widget_value_hash(*session, full_id(site, node->widget))) v = *h;
        }
        w.position = step_position(w.position, node->widget, v);
        auto c = node->children.find(v);
        if (c == node->children.end()) {
            w.stop = node;
            return w;
        }
        node = c->second.get();
    }
    w.entry = node->entry.get();
    return w;
}

} // namespace

// [SECTION] Bounds, sweeps, sessions ---------------------------------------------------------

namespace {

// Per-function bounds after an insert. `keep` is never evicted (an entry bigger than
// max_bytes on its own stays, alone).
void enforce_function_bounds(FunctionCore& core, const Entry* keep, Victims& victims) {
    auto over = [&] {
        return (core.opt.max_entries && core.values > core.opt.max_entries) ||
               (core.opt.max_bytes && core.bytes > core.opt.max_bytes);
    };
    while (over()) {
        std::shared_ptr<Entry> lru;
        std::uint64_t best = std::numeric_limits<std::uint64_t>::max();
        for (auto& e : core.entries) {
            if (e.get() == keep || !e->value) continue;
            const auto t = e->last_used.load(std::memory_order_relaxed);
            if (t < best) best = t, lru = e;
        }
        if (!lru) break;
        remove_entry(core, lru, victims);
    }
}

// The global byte budget: evict the least recently used values of any function.
void enforce_budget(const Entry* keep) {
    auto& reg = registry();
    if (reg.total_bytes.load(std::memory_order_relaxed) <= reg.budget.load()) return;
    Victims victims; // destroyed after the locks are released
    std::lock_guard budget_lock(reg.budget_mutex);
    auto cores = reg.live();
    while (reg.total_bytes.load(std::memory_order_relaxed) > reg.budget.load()) {
        FunctionCore* best_core = nullptr;
        std::shared_ptr<Entry> best;
        std::uint64_t best_t = std::numeric_limits<std::uint64_t>::max();
        for (auto& c : cores) {
            std::shared_lock lock(c->mutex);
            for (auto& e : c->entries) {
                if (e.get() == keep || !e->value) continue;
                const auto t = e->last_used.load(std::memory_order_relaxed);
                if (t < best_t) best_t = t, best = e, best_core = c.get();
            }
        }
        if (!best) break;
        std::unique_lock lock(best_core->mutex);
        remove_entry(*best_core, best, victims);
    }
}

// Remove expired entries of one function; returns the earliest remaining expiry.
TimePoint sweep_core(FunctionCore& core, TimePoint now, Victims& victims) {
    std::unique_lock lock(core.mutex);
    TimePoint earliest = kNever;
    if (!core.has_expiring) return earliest;
    std::vector<std::shared_ptr<Entry>> expired;
    for (auto& e : core.entries) {
        if (e->expires == kNever) continue;
        if (e->expires <= now)
            expired.push_back(e); // a failure past retry_after: retried on use
        else
            earliest = std::min(earliest, e->expires);
    }
    for (auto& e : expired)
        remove_entry(core, e, victims);
    core.has_expiring = earliest != kNever;
    return earliest;
}

void sweep_all(TimePoint now) {
    auto& reg = registry();
    Victims victims; // destroyed after the lock is released
    std::unique_lock guard(reg.sweep_mutex, std::try_to_lock);
    if (!guard) return; // another thread is sweeping
    reg.earliest_expiry.store(std::numeric_limits<std::int64_t>::max(), std::memory_order_relaxed);
    TimePoint earliest = kNever;
    for (auto& c : reg.live())
        earliest = std::min(earliest, sweep_core(*c, now, victims));
    if (earliest != kNever) lower_earliest_expiry(earliest);
}

void drop_session(const std::weak_ptr<FunctionCore>& weak, std::uint64_t session) {
    auto core = weak.lock();
    if (!core) return;
    Victims victims;
    std::unique_lock lock(core->mutex);
    std::vector<std::shared_ptr<Entry>> doomed;
    for (auto& e : core->entries)
        if (e->root.session == session) doomed.push_back(e);
    for (auto& e : doomed)
        remove_entry(*core, e, victims);
    for (auto it = core->inflight.begin(); it != core->inflight.end();) {
        if (it->second->root.session == session) {
            it->second->cancel = true;
            it->second->discard = true;
            it = core->inflight.erase(it);
        } else {
            ++it;
        }
    }
    core->hooked_sessions.erase(session);
}

} // namespace

// [SECTION] Running a load -------------------------------------------------------------------

namespace {

void start_async(const std::shared_ptr<Load>& load);

// Store the outcome, update the group, wake waiters. Runs on the thread that ran the loader.
void finish(const std::shared_ptr<Load>& load, LoadResult* result, std::string* error,
            std::chrono::nanoseconds took) {
    FunctionCore& core = *load->core;
    Victims victims;
    std::shared_ptr<Entry> stored;
    std::shared_ptr<Load> next;
    {
        std::unique_lock lock(core.mutex);
        auto it = core.inflight.find(load->position);
        if (it != core.inflight.end() && it->second == load) core.inflight.erase(it);
        core.loads.fetch_add(1, std::memory_order_relaxed);
        core.load_ns.fetch_add(static_cast<std::uint64_t>(took.count()), std::memory_order_relaxed);
        if (error) {
            core.failures.fetch_add(1, std::memory_order_relaxed);
            load->failure = std::make_shared<CallInfo>(CallInfo{core.display_name, *error});
        } else {
            load->value = result->value;
        }
        const bool keep = !load->discard.load() && (result || !load->cancel.load());
        if (keep) {
            auto e = std::make_shared<Entry>();
            e->rec = load->rec;
            e->root = load->root;
            e->position = load->position;
            e->inserted = load->requested;
            e->last_used.store(registry().lru_tick.fetch_add(1, std::memory_order_relaxed));
            e->replay_needed = load->rec->size() > 0;
            if (result) {
                e->value = std::move(result->value);
                e->bytes = result->bytes + load->rec->byte_size() + sizeof(Entry) + sizeof(Node) +
                           64 * load->rec->reads().size();
                if (core.opt.ttl.count() > 0) e->expires = add(load->requested, core.opt.ttl);
            } else {
                e->failure = load->failure;
                e->bytes = sizeof(Entry) + error->size();
                if (core.opt.retry_after.count() > 0)
                    e->expires = add(load->requested, core.opt.retry_after);
            }
            insert_entry(core, e, victims);
            if (e->value) enforce_function_bounds(core, e.get(), victims);
            stored = std::move(e);
        }
        if (load->in_group) {
            auto g = core.groups.find(load->group);
            if (g != core.groups.end()) {
                auto& run = g->second.running;
                run.erase(std::remove(run.begin(), run.end(), load.get()), run.end());
                if (g->second.waiting) {
                    next = std::move(g->second.waiting);
                    g->second.waiting = nullptr;
                    next->in_group = true;
                    run.push_back(next.get());
                } else if (run.empty()) {
                    core.groups.erase(g);
                }
            }
        }
        load->state.store(Load::done);
    }
    victims.clear();
    if (result) result->value.reset(); // a discarded value dies here, before waiters wake
    if (stored && stored->value) enforce_budget(stored.get());
    load->notify();
    if (next) start_async(next);
    if (load->async) {
        work_finished(); // also requests a redraw
    }
}

// Run the loader on this thread. `direct` (inline runs) calls it with the caller's arguments;
// otherwise load->fn.
struct Outcome {
    LoadResult result;
    std::string error;
    bool ok = false;
    std::chrono::nanoseconds took{};
};
Outcome execute(const std::shared_ptr<Load>& load, FunctionRef<LoadResult()>* direct) {
    const auto t0 = Clock::now();
    Outcome out;
    {
        const ScopeInfo info{load->core->display_name, load->core->opt.allow_widgets};
        FrameGuard frame(load.get(), load->session_raw);
        try {
            RecordScope scope(*load->rec, info);
            out.result = direct ? (*direct)() : load->fn();
            out.ok = true;
        } catch (const std::exception& e) {
            out.error = e.what();
        } catch (...) {
            out.error = "unknown exception";
        }
    }
    load->fn = nullptr; // free the argument copies now
    out.took = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0);
    return out;
}

void finish(const std::shared_ptr<Load>& load, Outcome& out) {
    if (out.ok)
        finish(load, &out.result, nullptr, out.took);
    else
        finish(load, nullptr, &out.error, out.took);
}

void run_on_worker(const std::shared_ptr<Load>& load) {
    int expected = Load::queued;
    if (!load->state.compare_exchange_strong(expected, Load::running)) return;
    Outcome out;
    {
        LoaderContext context(std::move(load->session), load->site);
        out = execute(load, nullptr);
    } // the session is let go before the load is reported finished (a test may end right after)
    finish(load, out);
}

void start_async(const std::shared_ptr<Load>& load) {
    pool().submit([load] { run_on_worker(load); });
}

} // namespace

} // namespace imlit::detail

bool imlit::cancelled() {
    for (const detail::LoaderFrame* f = detail::t_frame; f; f = f->parent)
        if (f->load && f->load->cancel.load(std::memory_order_relaxed)) return true;
    return false;
}

namespace imlit::detail {

// [SECTION] The cached call ------------------------------------------------------------------

namespace {

std::uint64_t group_key(std::uint64_t session, Site site) {
    return mix64(session * 0x9E3779B97F4A7C15ull ^ mix64(site.path + site.depth));
}

// Show a pending load in place: what it showed so far (or, before it showed anything, the
// output of another widget state of the same call: its widgets stay live), then a spinner
// after a short delay.
void show_pending(const FunctionCore& core, const Load* load, Context& ctx,
                  const std::shared_ptr<Recording>& stale) {
    const std::size_t n = load && load->state.load() != Load::queued ? load->rec->size() : 0;
    if (n > 0)
        replay(*load->rec, n);
    else if (stale)
        replay(*stale, stale->size());
    const double elapsed = load ? seconds_between(load->requested, ctx.now()) : 0;
    if (core.opt.show_spinner && elapsed >= kSpinnerDelaySeconds)
        show_spinner(core.spinner_text, elapsed);
    else
        request_redraw(); // keep frames coming until the spinner shows (or the value lands)
}

CallResult pending_result(const FunctionCore& core) {
    return {nullptr, core.pending_info, CachedState::pending};
}

void hook_session_end(const std::shared_ptr<FunctionCore>& owner, Session* session) {
    FunctionCore& core = *owner;
    if (core.opt.scope != Scope::session || !session) return;
    const std::uint64_t sid = session->id();
    {
        std::unique_lock lock(core.mutex);
        if (!core.hooked_sessions.insert(sid).second) return;
    }
    session->on_end([weak = std::weak_ptr<FunctionCore>(owner), sid] { drop_session(weak, sid); });
}

} // namespace

CallResult call(FunctionCore& core, const std::shared_ptr<FunctionCore>& owner, Hash128 args,
                FunctionRef<LoadFn()> make_load, FunctionRef<LoadResult()> direct) {
    Context* ctx = Context::current();
    const LoaderFrame* outer = t_frame;
    Session* session = outer ? outer->session : (ctx ? &ctx->session() : nullptr);
    const Site site = ctx ? ctx->site() : Site{};
    const RootKey root{args, core.opt.scope == Scope::session && session ? session->id() : 0};
    auto& reg = registry();

    // Clock, read only when something can expire.
    TimePoint now{};
    bool have_now = false;
    auto get_now = [&] {
        if (!have_now) {
            now = ctx ? ctx->now() : Clock::now();
            have_now = true;
        }
        return now;
    };
    if (reg.earliest_expiry.load(std::memory_order_relaxed) !=
            std::numeric_limits<std::int64_t>::max() &&
        ticks(get_now()) >= reg.earliest_expiry.load(std::memory_order_relaxed))
        sweep_all(now);

    for (int attempt = 0;; ++attempt) {
        // Fast path: a hit under the shared lock. No allocation, no user code under the lock.
        std::shared_ptr<void> value;
        std::shared_ptr<Recording> rec;
        {
            std::shared_lock lock(core.mutex);
            const Walk w = walk(core, root, session, site);
            Entry* e = w.entry;
            if (e && e->value && (e->expires == kNever || e->expires > get_now())) {
                e->last_used.store(reg.lru_tick.fetch_add(1, std::memory_order_relaxed),
                                   std::memory_order_relaxed);
                value = e->value;
                if (e->replay_needed || !e->rec->reads().empty()) rec = e->rec;
            }
        }
        if (value) {
            if (core.validate && !core.validate(value.get())) {
                // Invalid resource: drop that entry (if it is still the one we saw) and reload.
                Victims victims;
                std::unique_lock lock(core.mutex);
                const Walk w = walk(core, root, session, site);
                if (w.entry && w.entry->value == value) {
                    auto keep = core.entries[w.entry->index];
                    remove_entry(core, keep, victims);
                }
                lock.unlock();
                victims.clear();
                value.reset();
                if (attempt < 3) continue;
            } else {
                core.hits.fetch_add(1, std::memory_order_relaxed);
                if (rec && ctx) {
                    if (rec->size() > 0) replay(*rec, rec->size());
                    if (outer && !rec->reads().empty()) report_reads(rec->reads(), site);
                }
                return {std::move(value), nullptr, CachedState::ready};
            }
        }

        // Slow path, under the exclusive lock: failure, join, or start a load.
        Victims victims;
        std::unique_lock lock(core.mutex);
        const Walk w = walk(core, root, session, site);
        if (w.entry) {
            std::shared_ptr<Entry> e = core.entries[w.entry->index];
            const bool expired = e->expires != kNever && e->expires <= get_now();
            if (e->value && !expired) continue; // stored meanwhile: take the fast path
            if (e->value || expired) {
                remove_entry(core, e, victims); // expired value, or failure past retry_after
            } else {
                // A remembered failure (R7): shown in place with Retry; not re-run every frame.
                lock.unlock();
                if (outer || !ctx) return {nullptr, e->failure, CachedState::failed};
                show_error(e->failure->error);
                if (!retry_button(e->position.lo ^ mix64(core.id)))
                    return {nullptr, e->failure, CachedState::failed};
                lock.lock();
                if (core.entries.size() > e->index && core.entries[e->index] == e)
                    remove_entry(core, e, victims);
                lock.unlock();
                victims.clear();
                continue;
            }
        }
        const bool inline_run = outer || !ctx || core.opt.blocking;
        std::shared_ptr<Recording> stale;
        if (!inline_run && w.stop)
            if (const Entry* other = any_value_below(w.stop)) stale = other->rec;
        auto found = core.inflight.find(w.position);
        if (found != core.inflight.end()) {
            std::shared_ptr<Load> load = found->second;
            lock.unlock();
            victims.clear();
            if (!inline_run) {
                show_pending(core, load.get(), *ctx, stale);
                return pending_result(core);
            }
            core.misses.fetch_add(1, std::memory_order_relaxed);
            load->wait(); // single flight: the running load's result is ours
            if (auto v = load->value.lock()) {
                if (ctx && load->rec->size() > 0) replay(*load->rec, load->rec->size());
                if (outer && ctx && !load->rec->reads().empty())
                    report_reads(load->rec->reads(), site);
                return {std::move(v), nullptr, CachedState::ready};
            }
            if (attempt < 100) continue; // failed (remembered: shown next turn) or discarded
            return pending_result(core);
        }

        // A new load. (Frames that re-poll a pending load above are not misses.)
        core.misses.fetch_add(1, std::memory_order_relaxed);
        auto load = std::make_shared<Load>();
        load->core = owner;
        load->root = root;
        load->position = w.position;
        load->rec = std::make_shared<Recording>(site);
        load->site = site;
        load->session_raw = session;
        load->requested = get_now();

        if (inline_run) {
            load->state.store(Load::running);
            core.inflight.emplace(w.position, load);
            lock.unlock();
            victims.clear();
            hook_session_end(owner, session);
            Outcome out;
            if (!ctx) {
                LoaderContext context(nullptr, Site{});
                out = execute(load, &direct);
            } else {
                out = execute(load, &direct);
            }
            std::shared_ptr<void> mine = out.result.value; // ours even if evicted at once
            finish(load, out);
            // Blocking on the UI thread drew progressively already. Nested: fold the inner
            // recording and reads into the outer loader's recording.
            if (outer && ctx) {
                // Already shown (or recorded) as it ran: copy it into the outer recording
                // without executing it again, so it is not drawn twice.
                if (load->rec->size() > 0) record_into_enclosing(*load->rec, load->rec->size());
                if (!load->rec->reads().empty()) report_reads(load->rec->reads(), site);
            }
            if (mine) return {std::move(mine), nullptr, CachedState::ready};
            if (!outer && ctx) {
                show_error(load->failure->error);
                retry_button(load->position.lo ^ mix64(core.id));
            }
            return {nullptr, load->failure, CachedState::failed};
        }

        // Asynchronous (R5, R6): at most kMaxRunningPerGroup running per (session, site); one
        // waiting request per place, newest wins; same-root loads for another state are
        // superseded (cancelled() turns true).
        load->fn = make_load();
        load->session = current_session_ptr();
        load->async = true;
        load->group = group_key(session ? session->id() : 0, site);
        auto& g = core.groups[load->group];
        for (Load* other : g.running)
            if (other->root == root && !(other->position == w.position)) other->cancel = true;
        std::shared_ptr<Load> dropped;
        bool start = false;
        if (static_cast<int>(g.running.size()) < kMaxRunningPerGroup) {
            load->in_group = true;
            g.running.push_back(load.get());
            start = true;
        } else {
            if (g.waiting) {
                dropped = std::move(g.waiting);
                auto it = core.inflight.find(dropped->position);
                if (it != core.inflight.end() && it->second == dropped) core.inflight.erase(it);
                dropped->state.store(Load::done);
            }
            g.waiting = load;
        }
        core.inflight.emplace(w.position, load);
        work_started();
        lock.unlock();
        victims.clear();
        hook_session_end(owner, session);
        if (dropped) {
            dropped->notify();
            work_finished();
        }
        if (start) start_async(load);
        show_pending(core, load.get(), *ctx, stale);
        return pending_result(core);
    }
}

// [SECTION] Public control: clear, stats, budget ---------------------------------------------

namespace {
void clear_matching(FunctionCore& core, const Hash128* args) {
    Victims victims;
    std::unique_lock lock(core.mutex);
    std::vector<std::shared_ptr<Entry>> doomed;
    for (auto& e : core.entries)
        if (!args || e->root.args == *args) doomed.push_back(e);
    for (auto& e : doomed)
        remove_entry(core, e, victims);
    for (auto it = core.inflight.begin(); it != core.inflight.end();) {
        if (!args || it->second->root.args == *args) {
            it->second->cancel = true;
            it->second->discard = true;
            it = core.inflight.erase(it);
        } else {
            ++it;
        }
    }
    lock.unlock();
}
} // namespace

void clear(FunctionCore& core) {
    clear_matching(core, nullptr);
}
void clear(FunctionCore& core, Hash128 args) {
    clear_matching(core, &args);
}

CacheStats stats(const FunctionCore& core) {
    CacheStats s;
    s.name = core.display_name;
    {
        std::shared_lock lock(core.mutex);
        s.entries = core.values;
        s.bytes = core.bytes;
    }
    s.hits = core.hits.load(std::memory_order_relaxed);
    s.misses = core.misses.load(std::memory_order_relaxed);
    s.loads = core.loads.load(std::memory_order_relaxed);
    s.failures = core.failures.load(std::memory_order_relaxed);
    s.load_time = std::chrono::nanoseconds(core.load_ns.load(std::memory_order_relaxed));
    return s;
}

} // namespace imlit::detail

namespace imlit {

CacheStatsSummary cache_stats() {
    CacheStatsSummary out;
    out.total.name = "total";
    for (auto& c : detail::registry().live()) {
        CacheStats s = detail::stats(*c);
        out.total.entries += s.entries;
        out.total.bytes += s.bytes;
        out.total.hits += s.hits;
        out.total.misses += s.misses;
        out.total.loads += s.loads;
        out.total.failures += s.failures;
        out.total.load_time += s.load_time;
        out.functions.push_back(std::move(s));
    }
    return out;
}

void clear_data_caches() {
    for (auto& c : detail::registry().live())
        if (!c->opt.resource) detail::clear(*c);
}

void clear_resource_caches() {
    for (auto& c : detail::registry().live())
        if (c->opt.resource) detail::clear(*c);
}

void set_cache_budget(std::size_t bytes) {
    detail::registry().budget.store(bytes);
    detail::enforce_budget(nullptr);
}

std::size_t cache_budget() {
    return detail::registry().budget.load();
}

} // namespace imlit

// [SECTION] Inspector ------------------------------------------------------------------------
// Framework UI drawn with raw Dear ImGui inside imlit::custom (it is never inside a loader).
#include <imgui.h>

void imlit::cache_inspector() {
    imlit::custom([] {
        const CacheStatsSummary s = cache_stats();
        const auto cores = detail::registry().live();
        ImGui::PushID("imlit.cache_inspector");
        ImGui::Text("Caches: %zu entries, %.1f MiB of %.1f MiB budget", s.total.entries,
                    static_cast<double>(s.total.bytes) / (1 << 20),
                    static_cast<double>(cache_budget()) / (1 << 20));
        ImGui::SameLine();
        if (ImGui::SmallButton("Clear all")) {
            clear_data_caches();
            clear_resource_caches();
        }
        const ImGuiTableFlags flags =
            ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("caches", 9, flags)) {
            for (const char* h :
                 {"function", "kind", "entries", "KiB", "hits", "misses", "loads", "load s", ""})
                ImGui::TableSetupColumn(h);
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < cores.size(); ++i) {
                const CacheStats st = detail::stats(*cores[i]);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(st.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(cores[i]->opt.resource ? "resource" : "data");
                ImGui::TableNextColumn();
                ImGui::Text("%zu", st.entries);
                ImGui::TableNextColumn();
                ImGui::Text("%.1f", static_cast<double>(st.bytes) / 1024);
                ImGui::TableNextColumn();
                ImGui::Text("%llu", static_cast<unsigned long long>(st.hits));
                ImGui::TableNextColumn();
                ImGui::Text("%llu", static_cast<unsigned long long>(st.misses));
                ImGui::TableNextColumn();
                ImGui::Text("%llu", static_cast<unsigned long long>(st.loads));
                ImGui::TableNextColumn();
                ImGui::Text("%.3f", st.load_time.count());
                ImGui::TableNextColumn();
                ImGui::PushID(static_cast<int>(cores[i]->id));
                if (ImGui::SmallButton("Clear")) detail::clear(*cores[i]);
                ImGui::PopID();
            }
            ImGui::EndTable();
        }
        ImGui::PopID();
    });
}
