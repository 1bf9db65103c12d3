// imlit cache internals — HotTable: one frame thread's lock-free view of a function's plain
// entries (the cache hit fast path, issue 12).
//
// A hit under the function's reader-writer lock pays two atomic read-modify-writes for the
// lock on top of the one that copies the value out. The UI thread asks for the same entries
// every frame, so each function keeps, for one thread (its *owner*: the first frame thread
// that hits it), a table from root key to entry. Only the owner reads or writes the slots, so
// they need no lock. Each slot is one cache line with what a hit hands out (the key, a copy of
// the value's shared_ptr, the serial, the epoch the entry was last stamped in), so a hit reads
// the entry itself only once per frame epoch (its LRU stamp); a parallel array holds a
// reference to each slot's entry, so an entry a slot points to is never freed under it (an
// entry's value never changes while it is stored). Dropped slots hand both references over
// (HotDrops) without touching a reference count: they are let go of in a batch.
//
// What keeps it right is one counter, `gen`, bumped under the function's exclusive lock
// whenever an entry leaves the trie (removed, replaced, evicted, cleared) and when the
// function is destroyed. The slots were filled at `filled_gen`; when `gen` has moved, every
// slot is stale and dropped at once. A hit through the table is then one that could have
// taken the shared lock at that moment: the entry was in the trie when `gen` was read.
//
// Only entries a plain hit would take whole go in: a value (not a remembered failure), no
// widgets read and nothing to replay (no site or widget store needed), no ttl or background
// refresh (no clock), and a function without validate. Everything else takes the locked path.
//
// Entries removed from the trie stay referenced by their slots until the owner next calls the
// function or ends a frame (sweep_hot_tables, from the frame-end observer): values are freed,
// and on_release runs, on the owner (UI) thread, at most a frame late.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "cache/key_trie.hpp"

namespace imlit::detail {

// References a table lets go of (entries and the slots' value copies), released together
// after the table is done: on the owner thread, or on a worker when there are many.
using HotDrops = std::vector<std::shared_ptr<const void>>;

class alignas(64) HotTable {
public:
    // Bumped under the function's exclusive lock whenever an entry leaves its trie.
    std::atomic<std::uint64_t> gen{1};

    // This thread's token (never 0; unique in the process, never reused).
    static std::uint64_t token() {
        if (t_token == 0) t_token = next_token();
        return t_token;
    }
    // This thread owns the table (the fast path may read it).
    bool owned_here() const {
        return t_token != 0 && owner_.load(std::memory_order_relaxed) == t_token;
    }
    // Make this thread the owner if there is none yet; true when it is the owner.
    // `self` is the shared handle of this table (kept by the thread for its frame-end sweep).
    static bool claim(const std::shared_ptr<HotTable>& self);

    // One entry as a hit reads it: one cache line, and nothing of the entry itself while its
    // frame epoch stamp is current.
    struct alignas(64) Slot {
        RootKey key;
        Entry* entry = nullptr;      // null: empty; pinned by pins_ at the same index
        std::uint64_t serial = 0;    // entry->serial
        std::uint64_t stamped = 0;   // the frame epoch the owner last stamped the entry in
        std::shared_ptr<void> value; // entry->value (never changes while the entry is stored)
    };

    // Owner only. The slot of `key`, or null (also when gen has moved: the slots are stale,
    // and dropped by the next put or sweep). Valid until the owner's next put or sweep.
    Slot* find(const RootKey& key) {
        if (gen.load(std::memory_order_acquire) != filled_gen_ || size_ == 0) return nullptr;
        for (std::size_t i = home(key);; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.entry == nullptr) return nullptr;
            if (s.key == key) return &s;
        }
    }

    // Owner only: count a hit served from the table (CacheStats::hits adds hits()).
    void count_hit() {
        hits_.store(hits_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    }
    // Hits served from the table (any thread; the owner's writes are whole words).
    std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }

    // Owner only. Keep `e` for `key`, as of `at_gen` (gen read while the entry was in the trie,
    // under the function's lock). A pin older than the slots is let go of.
    void put(const RootKey& key, std::shared_ptr<Entry> e, std::uint64_t at_gen, HotDrops& dropped);
    // Owner only. Drop every slot when gen has moved.
    void sweep(HotDrops& dropped);
    // Owner only, when its thread ends: let go of every entry, then of the ownership.
    void abandon();

private:
    static std::uint64_t next_token();
    void drop_all(HotDrops& dropped);
    // The digest's low word is already well mixed; the session (0 for Scope::global) is.
    std::size_t home(const RootKey& key) const {
        return static_cast<std::size_t>(key.args.lo ^ (key.session * 0x9E3779B97F4A7C15ull)) &
               mask_;
    }

    static inline constinit thread_local std::uint64_t t_token = 0;
    // (gen, then what a hit reads: one cache line.)
    std::atomic<std::uint64_t> owner_{0};
    // Owner only:
    std::vector<Slot> slots_; // open addressing, linear probing, at most half full
    std::size_t mask_ = 0;    // slots_.size() - 1 (a power of two), when not empty
    std::size_t size_ = 0;
    std::uint64_t filled_gen_ = 0;
    std::vector<std::shared_ptr<Entry>> pins_; // the entries of slots_, index for index
    std::atomic<std::uint64_t> hits_{0};       // written by the owner only
};

// Whether an entry may be served through a HotTable (see the top of this file).
inline bool hot_eligible(const Entry& e) {
    return e.value && !e.has_reads && !e.replay_needed && e.expires == kNever &&
           e.stale_at == kNever;
}

// On a frame thread at the end of each frame: drop the slots of this thread's tables whose
// function removed entries since, and forget tables whose function is gone.
void sweep_hot_tables();

} // namespace imlit::detail
