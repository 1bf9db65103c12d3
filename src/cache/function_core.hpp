// imlit cache internals — FunctionCore: the state of one cached function (its options, key
// trie, loads in flight, counters), shared by every copy of the CachedFunction and by its
// loads in flight.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "cache/key_trie.hpp"
#include "cache/load.hpp"
#include "imlit/cache.hpp"

namespace imlit::detail {

// Hit and miss counters written on every call, sharded so that threads hitting the same
// function do not bounce one cache line between cores: a thread always writes its own shard
// (chosen once per thread), and reads sum the shards.
class CallCounters {
public:
    void hit() { mine().hits.fetch_add(1, std::memory_order_relaxed); }
    void miss() { mine().misses.fetch_add(1, std::memory_order_relaxed); }
    std::uint64_t hits() const;
    std::uint64_t misses() const;

private:
    static constexpr std::size_t kShards = 8;
    static constexpr std::size_t kCacheLine = 64;
    struct alignas(kCacheLine) Shard {
        std::atomic<std::uint64_t> hits{0};
        std::atomic<std::uint64_t> misses{0};
    };
    Shard& mine();
    std::array<Shard, kShards> shards_;
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

    // Guards trie and inflight. Readers (hits) take it shared.
    mutable std::shared_mutex mutex;
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
