// imlit cache internals — FunctionCore: the state of one cached function (its options, key
// trie, loads in flight, counters), shared by every copy of the CachedFunction and by its
// loads in flight.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "cache/key_trie.hpp"
#include "cache/load.hpp"
#include "cache/rw_lock.hpp"
#include "imlit/cache.hpp"

namespace imlit::detail {

// Hit and miss counters written on every call. A thread counts in a slot of its own with a
// plain load and store: no locked instruction and no cache line written by another thread on a
// hit. The first kOwnedSlots threads that count own a slot each (in every function: the slot
// number is the thread's); later threads share the last slot with atomic adds. Reads sum the
// slots.
class CallCounters {
public:
    void hit() { bump(&Slot::hits); }
    void miss() { bump(&Slot::misses); }
    std::uint64_t hits() const;
    std::uint64_t misses() const;

private:
    static constexpr std::size_t kSlots = 8;
    static constexpr std::size_t kOwnedSlots = kSlots - 1; // the last one is shared
    static constexpr std::size_t kCacheLine = 64;
    struct alignas(kCacheLine) Slot {
        std::atomic<std::uint64_t> hits{0};
        std::atomic<std::uint64_t> misses{0};
    };
    // This thread's slot number, assigned when it first counts.
    static std::size_t thread_slot() {
        if (t_slot_plus_one == 0) t_slot_plus_one = assign_slot() + 1;
        return t_slot_plus_one - 1;
    }
    static std::size_t assign_slot();
    void bump(std::atomic<std::uint64_t> Slot::*counter) {
        const std::size_t slot = thread_slot();
        std::atomic<std::uint64_t>& c = slots_[slot].*counter;
        if (slot < kOwnedSlots) // only this thread writes it: readers see whole values
            c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
        else
            c.fetch_add(1, std::memory_order_relaxed);
    }
    // 0: not assigned yet (constant-initialised, so reading it costs no TLS init check).
    static inline thread_local std::size_t t_slot_plus_one = 0;
    std::array<Slot, kSlots> slots_;
};

class FunctionCore {
public:
    explicit FunctionCore(std::atomic<std::size_t>* budget_total) : trie(budget_total) {}
    ~FunctionCore();

    CoreOptions opt;
    std::function<bool(void*)> validate;
    std::uint64_t id = 0;
    std::string display_name;
    std::string spinner_text;
    std::shared_ptr<const CallInfo> pending_info;

    // Guards trie and inflight. Readers (hits) take it shared (std::shared_lock).
    mutable RwLock mutex;
    KeyTrie trie;
    // Loads in flight by trie position: callers wanting the same missing entry meet here.
    std::unordered_map<Hash128, std::shared_ptr<Load>, Hash128Hasher> inflight;

    CallCounters calls;
    std::atomic<std::uint64_t> loads{0}, failures{0}, load_ns{0};

    // Guarded by the scheduler's mutex: async loads of this function running now.
    std::size_t running_async = 0;

    // Guarded by mutex. Set by eviction when the entries in use (current or previous frame)
    // alone exceed max_bytes or max_entries (R8); cleared once within bounds again.
    struct OverBound {
        std::size_t used = 0;  // bytes (or entries) in use
        std::size_t limit = 0; // the bound; 0: within bounds
        bool entries = false;  // the bound is max_entries (else max_bytes)
    };
    OverBound over;
    bool warned = false; // the over-bound warning was printed (once per function)
};

} // namespace imlit::detail
