// imlit cache internals — HotTable: one frame thread's lock-free view of a function's plain
// entries (the cache hit fast path, issue 12).
//
// A hit under the function's reader-writer lock pays two atomic read-modify-writes for the
// lock on top of the one that copies the value out. The UI thread asks for the same entries
// every frame, so each function keeps, for one thread (its *owner*: the first frame thread
// that hits it), a table from root key to entry. Only the owner reads or writes the slots, so
// they need no lock. Each slot holds a reference to its entry, so an entry it points to is
// never freed under it.
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

class HotTable {
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

    // Owner only. The entry stored for `key`, or null (also when gen has moved: the slots are
    // stale, and dropped by the next put or sweep).
    Entry* find(const RootKey& key) const {
        if (gen.load(std::memory_order_acquire) != filled_gen_ || size_ == 0) return nullptr;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = home(key);; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (!s.entry) return nullptr;
            if (s.key == key) return s.entry.get();
        }
    }

    // Owner only. Keep `e` for `key`, as of `at_gen` (gen read while the entry was in the trie,
    // under the function's lock). A pin older than the slots is let go of.
    void put(const RootKey& key, std::shared_ptr<Entry> e, std::uint64_t at_gen,
             std::vector<std::shared_ptr<Entry>>& dropped);
    // Owner only. Drop every slot when gen has moved.
    void sweep(std::vector<std::shared_ptr<Entry>>& dropped);
    // Owner only, when its thread ends: let go of every entry, then of the ownership.
    void abandon();

private:
    struct Slot {
        RootKey key;
        std::shared_ptr<Entry> entry; // null: empty
    };
    static std::uint64_t next_token();
    void drop_all(std::vector<std::shared_ptr<Entry>>& dropped);
    std::size_t home(const RootKey& key) const {
        return static_cast<std::size_t>(index_hash(key)) & (slots_.size() - 1);
    }

    static inline constinit thread_local std::uint64_t t_token = 0;
    std::atomic<std::uint64_t> owner_{0};
    // Owner only:
    std::vector<Slot> slots_; // open addressing, linear probing, at most half full
    std::size_t size_ = 0;
    std::uint64_t filled_gen_ = 0;
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
