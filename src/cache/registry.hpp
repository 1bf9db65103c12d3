// imlit cache internals — the registry of cached functions and the bounds across them (R8):
// the global byte budget, per-function max_entries / max_bytes, ttl sweeps, and giving freed
// memory back (off the calling thread for big clears, malloc_trim after large frees).
//
// Eviction never takes an entry used in the current or previous frame (Entry::in_use): when
// those alone exceed a bound, the bound is exceeded instead of reloading in a loop. That state
// is reported once (stderr) and shown by the inspector, and eviction is retried by the first
// cached call of a later frame epoch (resume_eviction_if_due), so it resumes as soon as those
// entries fall out of use.
//
// Index
//   [SECTION] Registry
//   [SECTION] Bounds
//   [SECTION] Sweeps, sessions
//   [SECTION] Freeing
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "cache/function_core.hpp"
#include "cache/key_trie.hpp"

namespace imlit::detail {

// [SECTION] Registry --------------------------------------------------------------------------

inline constexpr std::size_t kDefaultCacheBudget = std::size_t(1) << 30; // 1 GiB
inline constexpr std::int64_t kNoExpiry = std::numeric_limits<std::int64_t>::max();

// != 0: a bound was left exceeded by entries in use at this frame epoch; the first cached call
// of another epoch evicts again. (Not in Registry: every cached call reads it.)
inline std::atomic<std::uint64_t> g_eviction_retry_epoch{0};

struct Registry {
    std::mutex mutex; // guards cores and hooked_sessions
    std::vector<std::weak_ptr<FunctionCore>> cores;
    std::unordered_set<std::uint64_t> hooked_sessions; // sessions whose end we listen for

    std::atomic<std::size_t> total_bytes{0}; // sum of every function's trie bytes
    std::atomic<std::size_t> budget{kDefaultCacheBudget};
    std::atomic<std::uint64_t> next_id{1};     // FunctionCore ids
    std::atomic<std::uint64_t> next_serial{1}; // entry identities (chaining)
    std::atomic<std::uint64_t> next_seq{1};    // request order (scheduler)

    std::mutex sweep_mutex;
    std::mutex budget_mutex; // one global eviction at a time
    // The global budget's over state (see CacheStatsSummary::total.over_*); 0: within it.
    std::atomic<std::size_t> over_used{0};
    std::atomic<std::size_t> over_limit{0};
    std::atomic<bool> over_warned{false};

    std::atomic<std::size_t> freed_since_trim{0};
    std::atomic<std::uint64_t> trims{0}; // malloc_trim calls made (tests)

    std::vector<std::shared_ptr<FunctionCore>> live();
};
Registry& registry(); // never destroyed

// [SECTION] Bounds ----------------------------------------------------------------------------

// max_entries / max_bytes of one function, after an insert. Caller holds core.mutex
// exclusively; evicted entries go to `victims`.
void enforce_function_bounds(FunctionCore& core, Victims& victims);
// The global budget. No cache lock held.
void enforce_budget();
// Evict again if a bound was left exceeded at an earlier frame epoch. Cheap when not due: one
// relaxed load. No cache lock held.
inline void resume_eviction_if_due(std::uint64_t epoch);
void resume_eviction(std::uint64_t epoch);
// An eviction left over from an earlier epoch waits to be resumed (one relaxed load).
inline bool eviction_resume_due(std::uint64_t epoch) {
    const std::uint64_t due = g_eviction_retry_epoch.load(std::memory_order_relaxed);
    return due != 0 && due != epoch;
}

inline void resume_eviction_if_due(std::uint64_t epoch) {
    if (eviction_resume_due(epoch)) resume_eviction(epoch);
}

// One line on stderr (and kept for tests: cache_warnings()).
void cache_warning(const std::string& message);
std::vector<std::string> cache_warnings();

// [SECTION] Sweeps, sessions ------------------------------------------------------------------

inline std::int64_t ticks(TimePoint t) {
    return t.time_since_epoch().count();
}
// An entry timed by `clock` expires at `t`: a sweep of that clock's entries is due then.
void lower_earliest_expiry(ClockDomain& clock, TimePoint t);
// Remove the expired entries timed by `clock` (now: its time), of every function. No cache
// lock held. Entries of other clocks are left to callers on those clocks.
void sweep_all(ClockDomain& clock, TimePoint now);
// Listen for the end of `session` (once per session): its loads are cancelled or dropped and
// its Scope::session entries freed.
void hook_session_end(Session& session);

// [SECTION] Freeing ---------------------------------------------------------------------------

inline constexpr std::size_t kFreeOnWorkerAbove = 1024; // entries; fewer are freed in place
inline constexpr std::size_t kTrimAfterBytes = std::size_t(64) << 20;

// Let go of evicted or cleared entries (no cache lock held): in place, or on a worker when
// there are many; then malloc_trim once kTrimAfterBytes have been freed since the last one.
void release(Victims&& victims);
void release(KeyTrie::Contents&& contents, std::size_t bytes);

} // namespace imlit::detail
