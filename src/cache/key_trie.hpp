// imlit cache internals — the key trie: where one cached function's entries live (pure data).
//
// An entry's key is (arguments, session for Scope::session, values of the widgets its loader
// read). Entries of one (arguments, session) *root* form a decision tree: a branch node says
// "next, the loader read widget W" and has one child per value of W; a leaf holds the entry.
// Lookup walks it with the current widget values, so its cost is the number of widgets read,
// not the number of entries (R4). A walk that falls off the tree ends at a *position* (a hash
// of the root and the (widget, value) edges taken): concurrent callers that want the same
// missing entry meet there (single flight, R6).
//
// Nothing here locks, allocates on a successful walk, or knows about threads: FunctionCore
// (function_core.hpp) guards a KeyTrie with its mutex. Unit tests: tests/cache/test_key_trie.cpp.
//
// Index
//   [SECTION] Keys and positions
//   [SECTION] Entry
//   [SECTION] NodeIndex (root key -> root node, widget value -> child node)
//   [SECTION] KeyTrie
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "imlit/cache.hpp"
#include "ui/seam.hpp"

namespace imlit::detail {

// [SECTION] Keys and positions ----------------------------------------------------------------

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

// The root of a trie: the arguments' hash and, for Scope::session, the session id (0: global).
struct RootKey {
    Hash128 args;
    std::uint64_t session = 0;
    friend bool operator==(const RootKey&, const RootKey&) = default;
};

inline Hash128 root_position(const RootKey& r) {
    return {r.args.lo ^ mix64(r.session + 1), r.args.hi};
}
inline Hash128 step_position(Hash128 p, RelId id, Hash128 value) {
    return {mix64(p.lo ^ mix64(id.val ^ value.lo)), mix64(p.hi + mix64(id.pow ^ value.hi))};
}

using TimePoint = Clock::time_point;
inline constexpr TimePoint kNever = TimePoint::max();
// Durations at least this long (~100 years) never end: ttl = 1e300 s means "keep forever".
inline constexpr double kForeverSeconds = 100 * 365.25 * 24 * 3600;

// `t` + `d` (an option already validated: finite, >= 0), saturating: kNever when `d` is
// "forever" or the sum would pass what the clock can hold.
inline TimePoint later_by(TimePoint t, std::chrono::duration<double> d) {
    if (d.count() >= kForeverSeconds || d >= std::chrono::duration<double>(kNever - t))
        return kNever;
    return t + std::chrono::duration_cast<Clock::duration>(d);
}

// [SECTION] Entry -----------------------------------------------------------------------------

// One stored result: a value and its recording, or a remembered failure (R7).
struct Entry {
    // What a hit reads (and, when the frame epoch moved, writes) comes first, so a warm hit
    // touches one or two cache lines of the entry.
    std::shared_ptr<void> value; // null: a remembered failure
    std::uint64_t serial = 0;    // identity, unique in the process (a Cached<T> argument hashes
                                 // it); increases with load order: LRU ties evict the oldest
    // Frame epoch of the last use (LRU order; written only when it changes, so a hit on a
    // warm entry writes nothing). 0: never.
    std::atomic<std::uint64_t> used_epoch{0};
    // Frame epoch of the last use *from a frame* (or a loader working for one). Entries used in
    // the current or previous frame are never evicted to make room (R8). 0: never.
    std::atomic<std::uint64_t> frame_use_epoch{0};
    // For f.entries() (R17): frame epochs in which it was used (counted when the epoch moves,
    // so a warm hit still writes nothing).
    std::atomic<std::uint64_t> frames_used{0};

    std::shared_ptr<Recording> rec;          // what the loader showed, the widgets it read
    std::shared_ptr<const CallInfo> failure; // set for failures
    RootKey root;
    Hash128 position; // where the load was requested (the Retry button's id)
    // Times are on one clock, `clock` (the requester's: a manual AppTest clock, or the real
    // one); any caller checks expiry against that clock, never its own.
    std::shared_ptr<ClockDomain> clock;
    TimePoint inserted{};        // on `clock`, when the load was asked for
    TimePoint expires = kNever;  // on `clock`: ttl (values) or retry_after (failures); 2 x ttl
                                 // with Refresh::background
    TimePoint stale_at = kNever; // on `clock`: Refresh::background: a hit from here on refreshes
    std::uint64_t inserted_epoch = 0;     // frame epoch when stored
    std::size_t bytes = 0;                // counted against max_bytes and the global budget
    std::chrono::nanoseconds load_time{}; // the loader's run time (0: read back from disk)
    bool from_disk = false;               // Persist::disk: read back from a file
    std::size_t index = 0;                // position in KeyTrie::entries()
    bool replay_needed = false;           // the recording has commands
    bool has_reads = false; // the recording read widgets (set by KeyTrie::insert): a hit
                            // then needs the recording, else it never touches it

    // The clock its times are on (the real one when unset).
    ClockDomain* timed_by() const { return clock ? clock.get() : ClockDomain::real().get(); }
    const std::vector<WidgetRead>& reads() const {
        static const std::vector<WidgetRead> none;
        return rec ? rec->reads() : none;
    }
    // Used in the current or previous frame of epoch `epoch`.
    bool in_use(std::uint64_t epoch) const {
        const std::uint64_t f = frame_use_epoch.load(std::memory_order_relaxed);
        return f != 0 && f + 1 >= epoch;
    }
};

using Victims = std::vector<std::shared_ptr<Entry>>; // let go of after the lock is released

struct Node;

// [SECTION] NodeIndex (root key -> root node, widget value -> child node) ----------------------

// Where an index puts a key: both keys are already well-mixed hashes (a power-of-two table
// masks this, so it must vary in the low bits).
inline std::uint64_t index_hash(const RootKey& k) {
    return k.args.lo ^ mix64(k.session);
}
inline std::uint64_t index_hash(const Hash128& k) {
    return mix64(k.lo); // a widget value's digest; mixed once more in case a type's is not
}

// Key -> node. Open addressing with linear probing in a power-of-two table (the index is a mask,
// not the modulo of a std::unordered_map: a 64-bit division per trie level), backward-shift
// deletion (no tombstones), at most half full. Nodes are heap objects: pointers to them stay
// valid. A slot also keeps the entry of a node that is a leaf (set_leaf; the trie keeps it for
// roots: a key with no widgets read, the common case, goes from the slot straight to the entry
// without visiting the node).
template <class Key>
class NodeIndex {
public:
    struct Found {
        Node* node = nullptr;  // null: no such key
        Entry* leaf = nullptr; // the node's entry when it is a leaf (as of the last set_leaf)
    };

    NodeIndex() = default;
    NodeIndex(NodeIndex&& other) noexcept { swap(other); }
    NodeIndex& operator=(NodeIndex&& other) noexcept {
        NodeIndex gone;
        swap(gone);
        swap(other);
        return *this;
    }

    Found lookup(const Key& key) const {
        const Slot* s = slot_of(key);
        return s ? Found{s->node.get(), s->leaf} : Found{};
    }
    Node* find(const Key& key) const {
        const Slot* s = slot_of(key);
        return s ? s->node.get() : nullptr;
    }
    Node& find_or_insert(const Key& key);
    // Refresh the leaf kept for `key` after its node changed.
    void set_leaf(const Key& key);
    void erase(const Key& key);
    // Some node (the first in table order); null when empty.
    Node* any() const {
        for (const Slot& s : slots_)
            if (s.node) return s.node.get();
        return nullptr;
    }
    template <class F>
    void for_each(F&& f) const { // f(Node&) for every node
        for (const Slot& s : slots_)
            if (s.node) f(*s.node);
    }
    bool empty() const { return size_ == 0; }
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return slots_.size(); }
    void swap(NodeIndex& other) noexcept {
        slots_.swap(other.slots_);
        std::swap(size_, other.size_);
    }

private:
    static constexpr std::size_t kFirstSlots = 4;
    struct Slot {
        Key key{};
        std::unique_ptr<Node> node; // null: empty slot
        Entry* leaf = nullptr;      // node->entry when the node is a leaf, else null
    };
    const Slot* slot_of(const Key& key) const {
        if (size_ == 0) return nullptr;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = home(key);; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (!s.node) return nullptr;
            if (s.key == key) return &s;
        }
    }
    std::size_t home(const Key& key) const {
        return static_cast<std::size_t>(index_hash(key)) & (slots_.size() - 1);
    }
    void grow();

    std::vector<Slot> slots_;
    std::size_t size_ = 0;
};

using RootIndex = NodeIndex<RootKey>;

struct Node {
    std::shared_ptr<Entry> entry; // leaf
    bool branch = false;
    RelId widget;                // branch: the widget read next
    Hash128 default_value;       // branch: its value while not in the store
    NodeIndex<Hash128> children; // branch: by the widget's value
    bool empty() const { return !entry && !branch; }
};

template <class Key>
Node& NodeIndex<Key>::find_or_insert(const Key& key) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home(key);; i = (i + 1) & mask) {
        Slot& s = slots_[i];
        if (!s.node) {
            s.key = key;
            s.node = std::make_unique<Node>();
            s.leaf = nullptr;
            ++size_;
            return *s.node;
        }
        if (s.key == key) return *s.node;
    }
}

template <class Key>
void NodeIndex<Key>::set_leaf(const Key& key) {
    if (Slot* s = const_cast<Slot*>(slot_of(key)))
        s->leaf = s->node->branch ? nullptr : s->node->entry.get();
}

template <class Key>
void NodeIndex<Key>::erase(const Key& key) {
    if (size_ == 0) return;
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = home(key);
    for (;; i = (i + 1) & mask) {
        if (!slots_[i].node) return;
        if (slots_[i].key == key) break;
    }
    slots_[i].node.reset();
    slots_[i].leaf = nullptr;
    --size_;
    // Backward shift: pull later members of the probe run into the hole when the hole lies
    // between their home and where they sit, so lookups never stop early at it.
    for (std::size_t j = (i + 1) & mask; slots_[j].node; j = (j + 1) & mask) {
        const std::size_t h = home(slots_[j].key);
        const bool hole_on_path = i <= j ? (h <= i || h > j) : (h <= i && h > j);
        if (hole_on_path) {
            slots_[i] = std::move(slots_[j]);
            i = j;
        }
    }
}

template <class Key>
void NodeIndex<Key>::grow() {
    std::vector<Slot> old = std::exchange(slots_, {});
    slots_.resize(old.empty() ? kFirstSlots : old.size() * 2);
    const std::size_t mask = slots_.size() - 1;
    for (Slot& s : old) {
        if (!s.node) continue;
        std::size_t i = home(s.key);
        while (slots_[i].node)
            i = (i + 1) & mask;
        slots_[i] = std::move(s);
    }
}

// [SECTION] KeyTrie ---------------------------------------------------------------------------

struct TrieWalk {
    Entry* entry = nullptr;     // the leaf reached, if any
    Hash128 position;           // where the walk ended
    const Node* stop = nullptr; // the branch it fell off (no child for the current value)
};

class KeyTrie {
public:
    // `shared_total`, when set, follows the trie's bytes (the global budget's running sum).
    explicit KeyTrie(std::atomic<std::size_t>* shared_total = nullptr) : total_(shared_total) {}
    // `removals`, when set, is bumped whenever an entry leaves the trie (HotTable::gen).
    void set_removal_counter(std::atomic<std::uint64_t>* removals) { removals_ = removals; }
    ~KeyTrie();
    KeyTrie(const KeyTrie&) = delete;
    KeyTrie& operator=(const KeyTrie&) = delete;

    // Walk from `root` with the current widget values: value_of(RelId widget, Hash128
    // default_value) -> Hash128 (the widget's value now, or its default when it has none).
    template <class ValueOf>
    TrieWalk walk(const RootKey& root, ValueOf&& value_of) const {
        TrieWalk w;
        w.position = root_position(root);
        const RootIndex::Found root_node = roots_.lookup(root);
        if (root_node.node == nullptr) return w;
        if (root_node.leaf != nullptr) { // no widgets read: the node is not needed
            w.entry = root_node.leaf;
            return w;
        }
        const Node* node = root_node.node;
        while (node->branch) {
            const Hash128 v = value_of(node->widget, node->default_value);
            w.position = step_position(w.position, node->widget, v);
            const Node* child = node->children.find(v);
            if (child == nullptr) {
                w.stop = node;
                return w;
            }
            node = child;
        }
        w.entry = node->entry.get();
        return w;
    }

    // Store `e` at the path of its reads (e->reads()). A path that contradicts the trie (the
    // loader read other widgets than an earlier run with the same values: not deterministic)
    // replaces what was there; replaced entries go to `victims`.
    void insert(std::shared_ptr<Entry> e, Victims& victims);
    // Remove `e` (if still stored) and prune the nodes it leaves empty. Taken by value: the
    // caller's pointer may live in the trie itself (shared(), a node's entry), which removing
    // overwrites.
    void remove(std::shared_ptr<Entry> e, Victims& victims);
    bool contains(const Entry* e) const {
        return e->index < entries_.size() && entries_[e->index].get() == e;
    }
    // The owning pointer of a stored entry.
    const std::shared_ptr<Entry>& shared(const Entry* e) const { return entries_[e->index]; }

    // Some stored value below `node` (another widget state of the same call): what a pending
    // call shows until its own load has output, so widgets being dragged stay visible.
    static const Entry* any_value_below(const Node* node);

    const std::vector<std::shared_ptr<Entry>>& entries() const { return entries_; }
    std::size_t bytes() const { return bytes_; }   // sum of entries' bytes
    std::size_t values() const { return values_; } // entries holding a value (not failures)
    std::size_t roots() const { return roots_.size(); }
    bool has_expiring() const { return has_expiring_; }
    void set_has_expiring(bool v) { has_expiring_ = v; }

    // Empty the trie in O(1): everything moves into `out` (freed by whoever holds it last,
    // possibly on another thread). The bytes leave the shared total at once.
    struct Contents {
        RootIndex roots;
        std::vector<std::shared_ptr<Entry>> entries;
    };
    void take_all(Contents& out);

private:
    void unlink(std::shared_ptr<Entry> e, Victims& victims); // by value, like remove()
    void detach_subtree(Node& node, Victims& victims);

    RootIndex roots_;
    std::vector<std::shared_ptr<Entry>> entries_;
    std::size_t bytes_ = 0;
    std::size_t values_ = 0;
    bool has_expiring_ = false; // some entry has expires != kNever
    std::atomic<std::size_t>* total_;
    std::atomic<std::uint64_t>* removals_ = nullptr;
};

} // namespace imlit::detail
