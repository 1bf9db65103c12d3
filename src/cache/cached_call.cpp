// imlit cache internals — the cached call, as named steps (DESIGN §2, R2–R7, R10, R14).
//
//   hot_hit()                tried first by CachedFunction::operator(): a frame thread's warm
//                            plain hit through its own table, no lock (hot_table.hpp);
//                            anything else calls call()
//   call()
//     1. identify()          who calls: frame, loader (nested), or plain thread; the root key
//     2. maintain()          sweep expired entries, resume eviction: only when due
//     3. try_hit()           shared lock: walk the trie, stamp the entry, take the value
//        answer_hit()        count, replay the recording, fold reads into an outer loader
//        refresh_stale()     Refresh::background: a stale value is served, one refresh runs
//        reject_invalid()    cache_resource's validate said no
//     4. slow path, exclusive lock (one attempt of the loop):
//        stored_entry()      a value stored meanwhile, an expired one, a remembered failure
//        supersede_changed() loads asked for here whose read widgets changed: cancelled
//        join()              a load in flight at this position: poll it (async), take it over
//                            (not started) or wait for it (running, unless that is a cycle)
//        start()             a new load: inline now, or queued on the scheduler
//
// No lock is held while user code runs (loaders, validate, argument copies, replay).
//
// Index
//   [SECTION] Step 1: the caller
//   [SECTION] Step 3: hits
//   [SECTION] Step 3b: background refresh
//   [SECTION] Step 4: showing pending loads and failures
//   [SECTION] Step 4: superseding, joining, starting
//   [SECTION] call()
//   [SECTION] The hot path
#include <optional>

#include <fmt/format.h>

#include "cache/cache_internal.hpp"
#include "cache/hot_table.hpp"
#include "cache/persist_store.hpp"
#include "ui/widget_values.hpp"

namespace imlit::detail {
namespace {

constexpr double kSpinnerDelaySeconds = 0.25; // a load shorter than this never shows a spinner
constexpr int kMaxAttempts = 100; // a guard: each retry follows a change made by another thread

// [SECTION] Step 1: the caller ----------------------------------------------------------------

struct Caller {
    Context* ctx = nullptr;             // this thread's frame or loader context; null: none
    const LoaderFrame* outer = nullptr; // the loader running on this thread (a nested call)
    Session* session = nullptr;         // whose widgets key the entry; null: a plain thread
    Site site;                          // where the call is (widget ids are relative to it)
    RootKey root;
    bool inline_run = false; // blocking, nested, or a plain thread: a load runs right here
    std::uint64_t epoch = 0; // the frame epoch now
    // The caller's clock: its session's (an AppTest's manual clock, or the real one); the real
    // one on a plain thread. New entries are timed by it.
    ClockDomain* domain = nullptr;
    TimePoint now{};
    bool have_now = false;

    // The caller's time, read only when something needs it (the hit path usually does not).
    TimePoint clock() {
        if (!have_now) {
            now = domain->now();
            have_now = true;
        }
        return now;
    }
    // `e` has expired, on the clock it is timed by (which may not be the caller's).
    bool expired(const Entry& e) {
        if (e.expires == kNever) return false;
        ClockDomain* timed_by = e.timed_by();
        return e.expires <= (timed_by == domain ? clock() : timed_by->now());
    }
    // Refresh::background: `e` is past its ttl (stale), on its own clock.
    bool stale(const Entry& e) {
        if (e.stale_at == kNever) return false;
        ClockDomain* timed_by = e.timed_by();
        return e.stale_at <= (timed_by == domain ? clock() : timed_by->now());
    }
    const std::shared_ptr<ClockDomain>& domain_ptr() const {
        return session ? session->clock_domain() : ClockDomain::real();
    }
    // The current value of a widget read by a loader (relative id), or its default.
    Hash128 widget_value(RelId id, Hash128 default_value) const {
        if (session)
            if (auto h = widget_value_hash(*session, full_id(site, id))) return *h;
        return default_value;
    }
    // A frame, or a loader working for one: what it uses is protected from eviction.
    bool from_frame() const { return session != nullptr; }
    TrieWalk walk(const FunctionCore& core) const {
        // The widget store is locked at the first widget of the walk (a widget-less key never
        // takes it) and stays locked for the rest: one lock per walk, not one per widget.
        std::optional<WidgetValues> values;
        return core.trie.walk(root, [&](RelId id, Hash128 default_value) {
            if (!session) return default_value;
            if (!values) values.emplace(*session);
            return values->hash(full_id(site, id)).value_or(default_value);
        });
    }
    // The widgets `rec` has read so far do not all have those values here now.
    bool disagrees(const Recording& rec) const {
        bool differs = false;
        rec.visit_reads([&](const WidgetRead& r) {
            differs = widget_value(r.id, r.default_value) != r.value;
            return !differs;
        });
        return differs;
    }
};

Caller identify(const FunctionCore& core, Hash128 args) {
    Caller c;
    c.ctx = Context::current();
    c.outer = current_loader_frame();
    c.session = c.outer ? c.outer->session : (c.ctx ? &c.ctx->session() : nullptr);
    c.site = c.ctx ? c.ctx->site() : Site{};
    c.root = {args, core.opt.scope == Scope::session && c.session ? c.session->id() : 0};
    c.inline_run = c.outer || !c.ctx || core.opt.blocking;
    c.epoch = frame_epoch();
    c.domain = c.domain_ptr().get();
    return c;
}

void maintain(Caller& c) {
    const std::int64_t next = c.domain->next_expiry.load(std::memory_order_relaxed);
    if (next != kNoExpiry && ticks(c.clock()) >= next) sweep_all(*c.domain, c.clock());
    resume_eviction_if_due(c.epoch);
}

CallResult ready(std::shared_ptr<void> value, std::uint64_t origin) {
    return {std::move(value), nullptr, CachedState::ready, origin};
}
CallResult failed(std::shared_ptr<const CallInfo> info) {
    return {nullptr, std::move(info), CachedState::failed, 0};
}
CallResult pending(const FunctionCore& core) {
    return {nullptr, core.pending_info, CachedState::pending, 0};
}

// [SECTION] Step 3: hits ----------------------------------------------------------------------

struct Hit {
    std::shared_ptr<void> value;
    std::shared_ptr<Recording> rec; // set when there is something to replay or report
    std::uint64_t serial = 0;
    bool fresh = false; // stored in this frame epoch or the previous one
    bool stale = false; // Refresh::background: past ttl, a refresh is due (or running)
    Hash128 position;   // where the walk ended (a refresh's key in inflight)
    // For this thread's hot table (set when it owns it and the entry may go there): the
    // entry, and the table's gen read under the lock.
    std::shared_ptr<Entry> pin;
    std::uint64_t pin_gen = 0;
};

// Mark `e` used. Written only when the epoch moved, so hitting a warm entry writes nothing.
void stamp(Entry& e, std::uint64_t epoch, bool from_frame) {
    if (e.used_epoch.load(std::memory_order_relaxed) != epoch) {
        e.used_epoch.store(epoch, std::memory_order_relaxed);
        e.frames_used.fetch_add(1, std::memory_order_relaxed);
    }
    if (from_frame && e.frame_use_epoch.load(std::memory_order_relaxed) != epoch)
        e.frame_use_epoch.store(epoch, std::memory_order_relaxed);
}
void stamp(Entry& e, const Caller& c) {
    stamp(e, c.epoch, c.from_frame());
}

bool try_hit(const FunctionCore& core, Caller& c, Hit& hit) {
    std::shared_lock lock(core.mutex);
    const TrieWalk w = c.walk(core);
    Entry* e = w.entry;
    if (e == nullptr || !e->value) return false;
    if (c.expired(*e)) return false;
    stamp(*e, c);
    if (c.stale(*e)) {
        hit.stale = true;
        hit.position = w.position;
    }
    hit.value = e->value;
    hit.serial = e->serial;
    hit.fresh = e->inserted_epoch + 1 >= c.epoch;
    if (e->replay_needed || e->has_reads) hit.rec = e->rec;
    // A frame thread's plain hit: keep the entry in the thread's hot table (if it owns it), so
    // the next hits take the lock-free path (hot_table.hpp).
    if (c.ctx && !c.outer && !core.validate && hot_eligible(*e) && HotTable::claim(core.hot)) {
        hit.pin = core.trie.shared(e);
        hit.pin_gen = core.hot->gen.load(std::memory_order_relaxed); // stable: we hold mutex
    }
    return true;
}

CallResult answer_hit(FunctionCore& core, const Caller& c, Hit& hit) {
    if (hit.pin) { // no lock held here: what the table lets go of may run on_release
        HotDrops dropped;
        core.hot->put(c.root, std::move(hit.pin), hit.pin_gen, dropped);
    }
    core.calls.hit();
    if (hit.rec && c.ctx) {
        if (hit.rec->size() > 0) replay(*hit.rec, hit.rec->size());
        if (c.outer && !hit.rec->reads().empty()) report_reads(hit.rec->reads(), c.site);
    }
    return ready(std::move(hit.value), hit.serial);
}

// validate(R&) said no. A value loaded in this frame or the previous one would only be loaded
// and rejected again every frame: it becomes a remembered failure instead (R7). An older one
// is dropped, and the caller reloads it.
void reject_invalid(FunctionCore& core, Caller& c, const Hit& hit) {
    Victims victims;
    {
        std::unique_lock lock(core.mutex);
        Entry* e = c.walk(core).entry;
        if (e == nullptr || e->value != hit.value) return; // changed meanwhile
        std::shared_ptr<Entry> old = core.trie.shared(e);
        if (!hit.fresh) {
            core.trie.remove(old, victims);
        } else {
            auto f = std::make_shared<Entry>();
            f->failure = std::make_shared<CallInfo>(CallInfo{
                core.display_name, "validate() rejected the value just loaded (not reloading it "
                                   "every frame; Retry loads it again)"});
            f->rec = old->rec;
            f->root = old->root;
            f->position = old->position;
            f->serial = old->serial;
            f->clock = c.domain_ptr();
            f->inserted = c.clock();
            f->inserted_epoch = c.epoch;
            f->bytes = sizeof(Entry) + f->failure->error.size();
            if (core.opt.retry_after.count() > 0) {
                f->expires = later_by(c.clock(), core.opt.retry_after);
                if (f->expires != kNever) lower_earliest_expiry(*f->clock, f->expires);
            }
            core.trie.insert(std::move(f), victims); // replaces the value at the same path
        }
    }
    release(std::move(victims));
}

// [SECTION] Step 4: showing pending loads and failures ----------------------------------------

// Show a pending load in place: what it showed so far (or, before it showed anything, the
// output of another widget state of the same call: its widgets stay live), then a spinner
// after a short delay.
void show_pending(const FunctionCore& core, const Load& load, Caller& c,
                  const std::shared_ptr<Recording>& stale) {
    const std::size_t n = load.state.load() != Load::queued ? load.rec->size() : 0;
    if (n > 0)
        replay(*load.rec, n);
    else if (stale)
        replay(*stale, stale->size());
    const TimePoint now =
        !load.clock || load.clock.get() == c.domain ? c.clock() : load.clock->now();
    const double elapsed =
        std::chrono::duration<double>(now - std::min(now, load.requested)).count();
    if (core.opt.show_spinner && elapsed >= kSpinnerDelaySeconds)
        show_spinner(core.spinner_text, elapsed);
    else
        request_animation_frame(); // frames keep coming until the spinner shows (or the value
                                   // lands: that redraw is not an animation's)
}

std::uint64_t retry_id(const FunctionCore& core, Hash128 position) {
    return position.lo ^ mix64(core.id);
}

// A loader calling itself with the same key (directly, or through other cached functions, on
// any thread) would wait for itself forever.
CallResult self_wait_error(const FunctionCore& core, const Caller& c) {
    auto info = std::make_shared<CallInfo>(CallInfo{
        core.display_name,
        fmt::format("{} calls itself with the same arguments (directly or through other cached "
                    "functions) while computing them: it would wait for itself forever",
                    core.display_name)});
    if (c.ctx) show_error(info->error);
    return failed(std::move(info));
}

// A refresh of the asker's interest in an async load (its frame asked again): its rank in the
// scheduler's queue (Load::rank), and not "unseen".
void touch(Load& load, Caller& c) {
    if (!c.session || load.asker_session != c.session->id()) return;
    const std::uint64_t frame = c.session->frames()->begun.load(std::memory_order_relaxed);
    if (load.asked_frame.load(std::memory_order_relaxed) == frame) return;
    const std::int64_t now = ticks(c.clock());
    // A worker may rank this load meanwhile (Load::rank): the frame goes first and the
    // epoch last (release), so a picker that sees the new epoch also sees that the asking frame
    // is still running and ranks the load by its ask before; one that sees only the new frame
    // ranks it by an older ask, never above the loads this frame has not reached yet. (With
    // the frame stored last, a pick during the clock read above ranked it by the new epoch.)
    load.asked_frame.store(frame, std::memory_order_relaxed);
    load.asked_time.store(now, std::memory_order_relaxed);
    load.prev_asked_order.store(load.asked_order.load(std::memory_order_relaxed),
                                std::memory_order_relaxed);
    load.prev_asked_epoch.store(load.asked_epoch.load(std::memory_order_relaxed),
                                std::memory_order_relaxed);
    load.asked_order.store(registry().next_seq.fetch_add(1, std::memory_order_relaxed),
                           std::memory_order_relaxed);
    if (load.first_asked_epoch.load(std::memory_order_relaxed) == 0)
        load.first_asked_epoch.store(c.epoch, std::memory_order_relaxed);
    load.asked_epoch.store(c.epoch, std::memory_order_release);
}

// [SECTION] Step 4: superseding, joining, starting --------------------------------------------

using Abandoned = std::vector<std::shared_ptr<Load>>;

// Async loads asked for from this place (root, session, call site) that have read a widget
// which has another value now are superseded: cancelled() turns true and they leave the
// inflight map, so the current state's load starts at once. Their results, if they finish,
// are still stored under their own keys. Queued ones never start. Caller holds core.mutex.
void supersede_changed(FunctionCore& core, const Caller& c, Abandoned& abandoned) {
    const std::uint64_t sid = c.session->id();
    for (auto it = core.inflight.begin(); it != core.inflight.end();) {
        Load& l = *it->second;
        if (!l.async || !(l.root == c.root) || l.asker_session != sid ||
            l.site.path != c.site.path || l.site.depth != c.site.depth || !c.disagrees(*l.rec)) {
            ++it;
            continue;
        }
        l.cancel = true;
        int expected = Load::queued;
        if (l.state.compare_exchange_strong(expected, Load::done)) abandoned.push_back(it->second);
        it = core.inflight.erase(it);
    }
}

// The load in flight that this call should wait for: the one at the walk's position, or else
// one for the same root whose widget reads so far all have the values they have here (it was
// started at another position: before the trie knew which widgets the loader reads, say).
// Null: none. Caller holds core.mutex.
std::shared_ptr<Load> load_for(const FunctionCore& core, const Caller& c, Hash128 position,
                               bool any_position) {
    if (auto found = core.inflight.find(position); found != core.inflight.end())
        return found->second;
    if (!any_position) return nullptr;
    for (const auto& [p, load] : core.inflight)
        if (load->root == c.root && !c.disagrees(*load->rec)) return load;
    return nullptr;
}

// Count a miss with its reason (R17): one found in this call (`why`), else the departure of an
// entry with these widget values, else a widget changed (the arguments are stored for other
// values) or new arguments. Caller holds core.mutex exclusively.
void count_miss(FunctionCore& core, const Caller& c, const TrieWalk& w,
                std::optional<MissReason> why) {
    core.calls.miss();
    if (!why)
        why = core.take_departure(c.root,
                                  [&c](RelId id, Hash128 d) { return c.widget_value(id, d); });
    if (!why) why = w.stop ? MissReason::widget_changed : MissReason::new_arguments;
    core.misses_by_reason[static_cast<std::size_t>(*why)].fetch_add(1, std::memory_order_relaxed);
}

void let_go(std::unique_lock<RwLock>& lock, Victims& victims, Abandoned& abandoned) {
    if (lock.owns_lock()) lock.unlock();
    release(std::move(victims));
    victims.clear();
    for (const auto& l : abandoned)
        abandon(l);
    abandoned.clear();
}

std::shared_ptr<Load> new_load(FunctionCore& core, const std::shared_ptr<FunctionCore>& owner,
                               Caller& c, Hash128 position) {
    auto load = std::make_shared<Load>();
    load->core = owner;
    load->root = c.root;
    load->position = position;
    load->serial = registry().next_serial.fetch_add(1, std::memory_order_relaxed);
    load->rec = std::make_shared<Recording>(c.site);
    load->site = c.site;
    load->session_raw = c.session;
    load->clock = c.domain_ptr();
    load->requested = c.clock();
    load->from_frame = c.from_frame();
    load->keep_running_unseen = core.opt.keep_running_unseen;
    return load;
}

// Run `load` here, now; fold its output into an outer loader's recording.
CallResult run_inline(FunctionCore& core, const std::shared_ptr<Load>& load, Caller& c,
                      FunctionRef<LoadResult()> direct) {
    Outcome out;
    if (c.ctx) {
        out = execute(load, &direct);
    } else {
        LoaderContext context(nullptr, Site{}); // a plain thread: recorded, not shown
        out = execute(load, &direct);
    }
    std::shared_ptr<void> mine = out.result.value; // ours even if evicted at once
    finish(load, out);
    if (c.outer && c.ctx) {
        // Already shown (or recorded) as it ran: copy it into the outer recording without
        // executing it again, so it is not drawn twice.
        if (load->rec->size() > 0) record_into_enclosing(*load->rec, load->rec->size());
        if (!load->rec->reads().empty()) report_reads(load->rec->reads(), c.site);
    }
    if (mine) return ready(std::move(mine), load->serial);
    if (!c.outer && c.ctx) {
        show_error(load->failure->error);
        retry_button(retry_id(core, load->position));
    }
    return failed(load->failure);
}

// [SECTION] Step 3b: background refresh ---------------------------------------------------------

// A stale hit (Refresh::background, past ttl): keep the one refresh of this entry asked for
// (so the scheduler does not drop it as unseen), or start it. Only from a frame: the refresh
// runs asynchronously whatever `blocking` says. The stale value is returned meanwhile.
void refresh_stale(FunctionCore& core, const std::shared_ptr<FunctionCore>& owner, Caller& c,
                   const Hit& hit, FunctionRef<AsyncLoad()> make_load) {
    if (!c.session || c.outer) return;
    {
        std::shared_lock lock(core.mutex);
        if (auto it = core.inflight.find(hit.position); it != core.inflight.end()) {
            touch(*it->second, c);
            return;
        }
    }
    AsyncLoad prepared = make_load(); // may copy arguments: unlocked
    if (!prepared.fn) return;         // the arguments cannot be kept: serve the stale value
    std::unique_lock lock(core.mutex);
    if (core.inflight.count(hit.position) != 0) return; // another caller started it meanwhile
    Entry* e = c.walk(core).entry;
    if (e == nullptr || e->serial != hit.serial) return; // replaced or dropped meanwhile
    std::shared_ptr<Load> load = new_load(core, owner, c, hit.position);
    load->fn = std::move(prepared.fn);
    load->async = true;
    load->refresh = true;
    load->stale = core.trie.shared(e);
    load->session = current_session_ptr();
    load->seq = registry().next_seq.fetch_add(1, std::memory_order_relaxed);
    load->asker_session = c.session->id();
    load->asker = c.session->frames();
    touch(*load, c);
    core.inflight.emplace(hit.position, load);
    work_started();
    lock.unlock();
    hook_session_end(*c.session);
    Scheduler::get().submit(load);
}

} // namespace

// [SECTION] call() ----------------------------------------------------------------------------

namespace {

// Steps 3 and 4 in a loop: everything but the plain hit (kept out of call(), so a hit does
// not set up this frame's locals).
[[gnu::noinline]] CallResult call_slow(FunctionCore& core,
                                       const std::shared_ptr<FunctionCore>& owner, Caller& c,
                                       FunctionRef<AsyncLoad()> make_load,
                                       FunctionRef<LoadResult()> direct) {
    std::optional<AsyncLoad> prepared; // an async request's stored arguments, made unlocked
    bool looked_on_disk = false;       // Persist::disk: the disk was searched for this miss
    std::optional<MissReason> why;     // a miss reason found on the way (R17)

    for (int attempt = 0;; ++attempt) {
        if (attempt == kMaxAttempts) return pending(core); // a guard against a pathological race
        Hit hit;
        if (try_hit(core, c, hit)) {
            if (!core.validate || core.validate(hit.value.get())) {
                if (hit.stale) refresh_stale(core, owner, c, hit, make_load);
                return answer_hit(core, c, hit);
            }
            reject_invalid(core, c, hit);
            why = MissReason::rejected;
            continue;
        }

        Victims victims;
        Abandoned abandoned;
        std::unique_lock lock(core.mutex);
        const TrieWalk w = c.walk(core);

        // stored_entry(): something is stored at this key.
        if (w.entry) {
            std::shared_ptr<Entry> e = core.trie.shared(w.entry);
            const bool expired = c.expired(*e);
            if (e->value && !expired) continue; // stored meanwhile: the fast path takes it
            if (e->value || expired) {
                why = e->value ? MissReason::expired : MissReason::failed_before;
                core.trie.remove(e, victims); // an expired value, or a failure past retry_after
            } else {
                // A remembered failure (R7): shown in place with Retry; not re-run every frame.
                let_go(lock, victims, abandoned);
                if (c.outer || !c.ctx) return failed(e->failure);
                show_error(e->failure->error);
                if (!retry_button(retry_id(core, e->position))) return failed(e->failure);
                lock.lock();
                why = MissReason::failed_before; // Retry clicked
                if (core.trie.contains(e.get())) core.trie.remove(e, victims);
                let_go(lock, victims, abandoned);
                continue;
            }
        }

        const bool async = !c.inline_run;
        if (async) supersede_changed(core, c, abandoned);

        // join(): a load in flight for this state. (Inline calls join only the one at this
        // position: at worst they duplicate work, never wait on a guess.)
        if (std::shared_ptr<Load> load = load_for(core, c, w.position, async)) {
            if (async) {
                touch(*load, c);
                std::shared_ptr<Recording> stale;
                if (w.stop)
                    if (const Entry* other = KeyTrie::any_value_below(w.stop)) stale = other->rec;
                let_go(lock, victims, abandoned);
                show_pending(core, *load, c, stale);
                return pending(core);
            }
            // Inline: never wait on a load that has not started (it may sit behind the very
            // loads that wait for it): take its key over and run it here.
            int expected = Load::queued;
            if (load->state.compare_exchange_strong(expected, Load::done)) {
                core.inflight.erase(w.position);
                abandoned.push_back(load);
            } else {
                count_miss(core, c, w, why);
                let_go(lock, victims, abandoned);
                if (!wait_unless_cycle(load)) return self_wait_error(core, c);
                if (auto v = load->value.lock(); v && !c.disagrees(*load->rec)) {
                    if (c.ctx && load->rec->size() > 0) replay(*load->rec, load->rec->size());
                    if (c.outer && c.ctx && !load->rec->reads().empty())
                        report_reads(load->rec->reads(), c.site);
                    return ready(std::move(v), load->serial);
                }
                continue; // failed (remembered: found next turn), discarded, or another state
            }
        }

        // start(): a new load. (Frames that re-poll a pending load above are not misses.)
        // Persist::disk: first read the entry back from disk if a file has it (on this thread:
        // the first frame after a restart shows it, see docs/caching.md).
        if (core.persist && !looked_on_disk) {
            looked_on_disk = true;
            let_go(lock, victims, abandoned);
            restore_from_disk(core, c.root, c.site, c.domain_ptr(), c.clock(),
                              [&c](RelId id, Hash128 d) { return c.widget_value(id, d); });
            continue; // found: the fast path takes it; else look again (unlocked meanwhile)
        }
        if (async && !prepared) {
            // Binding the arguments may copy user data: never under the lock.
            let_go(lock, victims, abandoned);
            prepared = make_load();
            if (!prepared->error.empty()) {
                show_error(prepared->error);
                return failed(
                    std::make_shared<CallInfo>(CallInfo{core.display_name, prepared->error}));
            }
            continue; // look again: another caller may have started it meanwhile
        }
        count_miss(core, c, w, why);
        std::shared_ptr<Load> load = new_load(core, owner, c, w.position);
        if (!async) {
            load->state.store(Load::running);
            core.inflight.emplace(w.position, load);
            let_go(lock, victims, abandoned);
            if (c.session) hook_session_end(*c.session);
            return run_inline(core, load, c, direct);
        }
        load->fn = std::move(prepared->fn);
        load->async = true;
        load->session = current_session_ptr();
        load->seq = registry().next_seq.fetch_add(1, std::memory_order_relaxed);
        load->asker_session = c.session->id();
        load->asker = c.session->frames();
        touch(*load, c);
        std::shared_ptr<Recording> stale;
        if (w.stop)
            if (const Entry* other = KeyTrie::any_value_below(w.stop)) stale = other->rec;
        core.inflight.emplace(w.position, load);
        work_started();
        let_go(lock, victims, abandoned);
        hook_session_end(*c.session);
        Scheduler::get().submit(load);
        show_pending(core, *load, c, stale);
        return pending(core);
    }
}

// [SECTION] The hot path ----------------------------------------------------------------------

// What a frame thread's cached calls need of its session, read once per context change (the
// frame's start) instead of once per call.
struct FrameFacts {
    std::uint64_t sets = ~std::uint64_t{0}; // t_context_sets when read
    ClockDomain* domain = nullptr;
    std::uint64_t session_id = 0;
};
constinit thread_local FrameFacts t_facts;

[[gnu::noinline]] void read_frame_facts(const Context& ctx) {
    const Session& s = ctx.session();
    t_facts = {t_context_sets, s.clock_domain().get(), s.id()};
}
// An entry timed by `domain` has expired (its next expiry is `next`): a sweep is due.
[[gnu::noinline]] bool sweep_due(const ClockDomain& domain, std::int64_t next) noexcept {
    return ticks(domain.now()) >= next;
}

} // namespace

// Kept lean: the cold steps are out of line, so a warm hit runs straight through.
const std::shared_ptr<void>* hot_hit(FunctionCore& core, Hash128 args,
                                     std::uint64_t& serial) noexcept {
    const Context* ctx = Context::current();
    HotTable& table = *core.hot;
    if (ctx == nullptr || current_loader_frame() != nullptr || !table.owned_here()) return nullptr;
    if (t_facts.sets != t_context_sets) [[unlikely]]
        read_frame_facts(*ctx);
    const std::uint64_t epoch = frame_epoch();
    // A sweep of expired entries or an eviction to resume is due: the full path does it.
    const std::int64_t next = t_facts.domain->next_expiry.load(std::memory_order_relaxed);
    if (next != kNoExpiry && sweep_due(*t_facts.domain, next)) [[unlikely]]
        return nullptr;
    if (eviction_resume_due(epoch)) [[unlikely]]
        return nullptr;
    HotTable::Slot* s =
        table.find({args, core.opt.scope == Scope::session ? t_facts.session_id : 0});
    if (s == nullptr) return nullptr;
    if (s->stamped != epoch) { // the first hit of this frame epoch
        stamp(*s->entry, epoch, true);
        s->stamped = epoch;
    }
    table.count_hit();
    serial = s->serial;
    return &s->value;
}

CallResult call(FunctionCore& core, const std::shared_ptr<FunctionCore>& owner, Hash128 args,
                FunctionRef<AsyncLoad()> make_load, FunctionRef<LoadResult()> direct) {
    Caller c = identify(core, args);
    maintain(c);
    if (!core.validate) { // a plain hit; with validate, call_slow's loop checks the value
        Hit hit;
        if (try_hit(core, c, hit)) {
            // A stale hit (Refresh::background) is served too, but must start its refresh.
            if (hit.stale) [[unlikely]]
                refresh_stale(core, owner, c, hit, make_load);
            return answer_hit(core, c, hit);
        }
    }
    return call_slow(core, owner, c, make_load, direct);
}

} // namespace imlit::detail
