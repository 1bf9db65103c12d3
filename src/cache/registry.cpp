// imlit cache internals — registry, bounds, sweeps, freeing (see registry.hpp).
//
// Index
//   [SECTION] Registry
//   [SECTION] Warnings
//   [SECTION] Bounds
//   [SECTION] Sweeps, sessions
//   [SECTION] Freeing
#include "cache/registry.hpp"

#include <algorithm>
#include <cstdio>
#include <shared_mutex>
#include <utility>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <fmt/format.h>

#include "cache/hot_table.hpp"
#include "cache/scheduler.hpp"

namespace imlit::detail {

// [SECTION] Registry --------------------------------------------------------------------------

Registry& registry() {
    static Registry* r = new Registry(); // never destroyed: used from static destructors
    return *r;
}

std::vector<std::shared_ptr<FunctionCore>> Registry::live() {
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

// [SECTION] Warnings --------------------------------------------------------------------------

namespace {
std::mutex g_warnings_mutex;
std::vector<std::string>& warnings_log() {
    static auto* log = new std::vector<std::string>(); // never destroyed
    return *log;
}

// "512 bytes", "12.3 KB", "100.0 MB", "1.5 GB" (binary units): a 16 KB budget reads as such,
// not as "0.0 MB".
std::string size_text(std::size_t bytes) {
    constexpr double kKilo = 1024.0;
    if (bytes < 1024) return fmt::format("{} bytes", bytes);
    double v = static_cast<double>(bytes) / kKilo;
    for (const char* unit : {"KB", "MB"}) {
        if (v < kKilo) return fmt::format("{:.1f} {}", v, unit);
        v /= kKilo;
    }
    return fmt::format("{:.1f} GB", v);
}
} // namespace

void cache_warning(const std::string& message) {
    std::fprintf(stderr, "%s\n", message.c_str());
    std::lock_guard lock(g_warnings_mutex);
    warnings_log().push_back(message);
}

std::vector<std::string> cache_warnings() {
    std::lock_guard lock(g_warnings_mutex);
    return warnings_log();
}

// [SECTION] Bounds ----------------------------------------------------------------------------

namespace {

// Least recently used first: by the frame epoch of the last use, then by age (serial).
bool less_recent(const Entry& a, const Entry& b) {
    const auto ua = a.used_epoch.load(std::memory_order_relaxed);
    const auto ub = b.used_epoch.load(std::memory_order_relaxed);
    return ua != ub ? ua < ub : a.serial < b.serial;
}

} // namespace

void enforce_function_bounds(FunctionCore& core, Victims& victims) {
    const std::size_t max_entries = core.opt.max_entries;
    const std::size_t max_bytes = core.opt.max_bytes;
    KeyTrie& trie = core.trie;
    auto over_entries = [&] { return max_entries != 0 && trie.values() > max_entries; };
    auto over_bytes = [&] { return max_bytes != 0 && trie.bytes() > max_bytes; };
    if (!over_entries() && !over_bytes()) {
        core.over = {};
        return;
    }
    const std::uint64_t epoch = frame_epoch();
    while (over_entries() || over_bytes()) {
        // Evictions are rare and usually one at a time: a scan beats keeping an LRU list
        // that every hit would have to update.
        const Entry* lru = nullptr;
        for (const auto& e : trie.entries())
            if (e->value && !e->in_use(epoch) && (!lru || less_recent(*e, *lru))) lru = e.get();
        if (!lru) break;
        core.note_departed(*lru, MissReason::evicted);
        trie.remove(trie.shared(lru), victims);
    }
    if (!over_entries() && !over_bytes()) {
        core.over = {};
        return;
    }
    // Only entries in use are left: keep them (R8) and say so, once.
    const bool entries = over_entries();
    core.over = {entries ? trie.values() : trie.bytes(), entries ? max_entries : max_bytes,
                 entries};
    g_eviction_retry_epoch.store(epoch, std::memory_order_relaxed);
    if (!core.warned) {
        core.warned = true;
        cache_warning(
            entries
                ? fmt::format("imlit: {}: working set {} entries > max_entries {} (entries "
                              "used in the current or previous frame are kept, not "
                              "reloaded in a loop; eviction resumes when they fall out of "
                              "use)",
                              core.display_name, trie.values(), max_entries)
                : fmt::format("imlit: {}: working set {} > max_bytes {} "
                              "(entries used in the current or previous frame are kept, not "
                              "reloaded in a loop; eviction resumes when they fall out of "
                              "use)",
                              core.display_name, size_text(trie.bytes()), size_text(max_bytes)));
    }
}

void enforce_budget() {
    Registry& reg = registry();
    if (reg.total_bytes.load(std::memory_order_relaxed) <= reg.budget.load()) {
        reg.over_limit.store(0, std::memory_order_relaxed);
        return;
    }
    Victims victims; // let go of after the locks are released
    {
        std::lock_guard budget_lock(reg.budget_mutex);
        const std::uint64_t epoch = frame_epoch();
        struct Candidate {
            FunctionCore* core;
            std::shared_ptr<Entry> entry;
            std::uint64_t used; // a snapshot: hits on other threads move the live stamp, and a
            std::uint64_t age;  // sort needs keys that hold still
        };
        std::vector<Candidate> candidates;
        const auto cores = reg.live();
        for (const auto& c : cores) {
            std::shared_lock lock(c->mutex);
            for (const auto& e : c->trie.entries())
                if (e->value && !e->in_use(epoch))
                    candidates.push_back(
                        {c.get(), e, e->used_epoch.load(std::memory_order_relaxed), e->serial});
        }
        std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            return a.used != b.used ? a.used < b.used : a.age < b.age;
        });
        for (const Candidate& c : candidates) {
            if (reg.total_bytes.load(std::memory_order_relaxed) <= reg.budget.load()) break;
            std::unique_lock lock(c.core->mutex);
            // Used (or removed) since the scan: leave it.
            if (c.core->trie.contains(c.entry.get()) && !c.entry->in_use(epoch)) {
                c.core->note_departed(*c.entry, MissReason::evicted);
                c.core->trie.remove(c.entry, victims);
            }
        }
        const std::size_t total = reg.total_bytes.load(std::memory_order_relaxed);
        const std::size_t budget = reg.budget.load();
        if (total <= budget) {
            reg.over_limit.store(0, std::memory_order_relaxed);
        } else {
            reg.over_used.store(total, std::memory_order_relaxed);
            reg.over_limit.store(budget, std::memory_order_relaxed);
            g_eviction_retry_epoch.store(epoch, std::memory_order_relaxed);
            if (!reg.over_warned.exchange(true))
                cache_warning(fmt::format(
                    "imlit: cache: working set {} > budget {} (entries used in the "
                    "current or previous frame are kept, not reloaded in a loop; eviction resumes "
                    "when they fall out of use; imlit::set_cache_budget raises the budget)",
                    size_text(total), size_text(budget)));
        }
    }
    release(std::move(victims));
}

void resume_eviction(std::uint64_t epoch) {
    Registry& reg = registry();
    std::uint64_t due = g_eviction_retry_epoch.load(std::memory_order_relaxed);
    // One thread retries; the others go on (they will see the outcome next epoch).
    if (due == 0 || due == epoch ||
        !g_eviction_retry_epoch.compare_exchange_strong(due, 0, std::memory_order_relaxed))
        return;
    for (const auto& c : reg.live()) {
        Victims victims;
        {
            std::unique_lock lock(c->mutex);
            if (c->over.limit != 0) enforce_function_bounds(*c, victims);
        }
        release(std::move(victims));
    }
    enforce_budget();
}

// [SECTION] Sweeps, sessions ------------------------------------------------------------------

void lower_earliest_expiry(ClockDomain& clock, TimePoint t) {
    auto& a = clock.next_expiry;
    std::int64_t cur = a.load(std::memory_order_relaxed);
    const std::int64_t v = ticks(t);
    while (v < cur && !a.compare_exchange_weak(cur, v, std::memory_order_relaxed)) {
    }
}

namespace {
// Remove expired entries of one function timed by `clock`; returns the earliest remaining
// expiry on that clock.
TimePoint sweep_core(FunctionCore& core, const ClockDomain& clock, TimePoint now,
                     Victims& victims) {
    std::unique_lock lock(core.mutex);
    TimePoint earliest = kNever;
    if (!core.trie.has_expiring()) return earliest;
    std::vector<std::shared_ptr<Entry>> expired;
    for (const auto& e : core.trie.entries()) {
        if (e->expires == kNever || e->timed_by() != &clock) continue;
        if (e->expires <= now)
            expired.push_back(e); // a failure past retry_after: retried on use
        else
            earliest = std::min(earliest, e->expires);
    }
    for (const auto& e : expired) {
        core.note_departed(*e, MissReason::expired);
        core.trie.remove(e, victims);
    }
    if (expired.empty()) return earliest; // has_expiring may stand for another clock's entries
    bool expiring = false;
    for (const auto& e : core.trie.entries())
        expiring = expiring || e->expires != kNever;
    core.trie.set_has_expiring(expiring);
    return earliest;
}

void end_session(std::uint64_t session) {
    Scheduler::get().end_session(session);
    for (const auto& core : registry().live()) {
        if (core->opt.scope != Scope::session) continue;
        Victims victims;
        {
            std::unique_lock lock(core->mutex);
            std::vector<std::shared_ptr<Entry>> doomed;
            for (const auto& e : core->trie.entries())
                if (e->root.session == session) doomed.push_back(e);
            for (const auto& e : doomed)
                core->trie.remove(e, victims);
            for (auto it = core->inflight.begin(); it != core->inflight.end();) {
                if (it->second->root.session == session) {
                    it->second->cancel = true;
                    it->second->discard = true;
                    it = core->inflight.erase(it);
                } else {
                    ++it;
                }
            }
        }
        release(std::move(victims));
    }
    std::lock_guard lock(registry().mutex);
    registry().hooked_sessions.erase(session);
}
} // namespace

void sweep_all(ClockDomain& clock, TimePoint now) {
    Registry& reg = registry();
    Victims victims; // let go of after the locks are released
    {
        std::unique_lock guard(reg.sweep_mutex, std::try_to_lock);
        if (!guard) return; // another thread is sweeping
        clock.next_expiry.store(kNoExpiry, std::memory_order_relaxed);
        TimePoint earliest = kNever;
        for (const auto& c : reg.live())
            earliest = std::min(earliest, sweep_core(*c, clock, now, victims));
        if (earliest != kNever) lower_earliest_expiry(clock, earliest);
    }
    release(std::move(victims));
}

void hook_session_end(Session& session) {
    const std::uint64_t id = session.id();
    {
        std::lock_guard lock(registry().mutex);
        if (!registry().hooked_sessions.insert(id).second) return;
    }
    session.on_end([id] { end_session(id); });
}

// [SECTION] Freeing ---------------------------------------------------------------------------

namespace {
void note_freed(std::size_t bytes) {
    Registry& reg = registry();
    const std::size_t before = reg.freed_since_trim.fetch_add(bytes, std::memory_order_relaxed);
    if (before + bytes < kTrimAfterBytes) return;
    if (reg.freed_since_trim.exchange(0, std::memory_order_relaxed) < kTrimAfterBytes) return;
    // Give the freed pages back to the OS, so counted bytes stay close to resident memory.
    Scheduler::get().background([] {
#if defined(__GLIBC__)
        malloc_trim(0);
#endif
        registry().trims.fetch_add(1, std::memory_order_relaxed);
    });
}
} // namespace

void release(Victims&& victims) {
    if (victims.empty()) return;
    sweep_hot_tables(); // this thread's tables let go of removed entries first
    std::size_t bytes = 0;
    for (const auto& e : victims)
        bytes += e->bytes;
    if (victims.size() > kFreeOnWorkerAbove) {
        Scheduler::get().background([v = std::move(victims), bytes]() mutable {
            v.clear();
            note_freed(bytes);
        });
        return;
    }
    victims.clear();
    note_freed(bytes);
}

void release(KeyTrie::Contents&& contents, std::size_t bytes) {
    sweep_hot_tables();
    if (contents.entries.size() > kFreeOnWorkerAbove) {
        auto held = std::make_shared<KeyTrie::Contents>(std::move(contents));
        Scheduler::get().background([held = std::move(held), bytes]() mutable {
            held.reset();
            note_freed(bytes);
        });
        return;
    }
    { KeyTrie::Contents gone = std::move(contents); }
    note_freed(bytes);
}

} // namespace imlit::detail
