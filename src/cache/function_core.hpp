// imlit cache internals — FunctionCore: the state of one cached function (its options, key
// trie, loads in flight, counters), shared by every copy of the CachedFunction and by its
// loads in flight.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cache/hot_table.hpp"
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

struct PersistState; // persist_store.hpp

class FunctionCore {
public:
    explicit FunctionCore(std::atomic<std::size_t>* budget_total)
        : trie(budget_total), hot(std::make_shared<HotTable>()) {
        trie.set_removal_counter(&hot->gen);
    }
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

    // The owner thread's lock-free view of plain entries (hot_table.hpp). Its gen is bumped
    // by the trie (under mutex) whenever an entry leaves.
    std::shared_ptr<HotTable> hot;

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

    std::shared_ptr<PersistState> persist; // Persist::disk only (persist_store.hpp)

    // Why entries left, for the misses that find them gone (R17). Guarded by mutex.
    void note_departed(const Entry& e, MissReason why);
    // The reason of a miss for `root` with these current widget values (value_of(id, default));
    // the departure found is forgotten. Caller holds mutex exclusively.
    template <class ValueOf>
    std::optional<MissReason> take_departure(const RootKey& root, ValueOf&& value_of);
    std::array<std::atomic<std::uint64_t>, kMissReasons> misses_by_reason{};

private:
    static constexpr std::size_t kDepartedMax = 4096;
    struct Read {
        RelId id;
        Hash128 value, default_value;
    };
    struct Departure {
        std::vector<Read> reads; // the widget values it was keyed by
        MissReason why;
    };
    std::unordered_map<Hash128, std::vector<Departure>, Hash128Hasher> departed_; // by root
    std::size_t departed_count_ = 0;
};

inline void FunctionCore::note_departed(const Entry& e, MissReason why) {
    if (!e.value && why == MissReason::expired) why = MissReason::failed_before; // retry_after
    if (departed_count_ >= kDepartedMax) {
        departed_.clear();
        departed_count_ = 0;
    }
    Departure d;
    d.why = why;
    for (const WidgetRead& r : e.reads())
        d.reads.push_back({r.id, r.value, r.default_value});
    departed_[root_position(e.root)].push_back(std::move(d));
    ++departed_count_;
}

template <class ValueOf>
std::optional<MissReason> FunctionCore::take_departure(const RootKey& root, ValueOf&& value_of) {
    auto it = departed_.find(root_position(root));
    if (it == departed_.end()) return std::nullopt;
    auto& list = it->second;
    for (std::size_t i = list.size(); i-- > 0;) {
        bool match = true;
        for (const Read& r : list[i].reads)
            if (value_of(r.id, r.default_value) != r.value) {
                match = false;
                break;
            }
        if (!match) continue;
        const MissReason why = list[i].why;
        list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));
        --departed_count_;
        if (list.empty()) departed_.erase(it);
        return why;
    }
    return std::nullopt;
}

} // namespace imlit::detail
