// The key trie and its root index as pure data: no threads, no sessions, no frames.
#include <catch2/catch.hpp>

#include <map>
#include <memory>
#include <random>
#include <vector>

#include "cache/key_trie.hpp"

using namespace imlit::detail;
using imlit::Hash128;

namespace {

Hash128 h(std::uint64_t v) {
    return {mix64(v + 1), mix64(v + 2)};
}

RootKey root(std::uint64_t args, std::uint64_t session = 0) {
    return {h(args), session};
}

// An entry at `root` whose loader read the given (widget, value) pairs, in order.
std::shared_ptr<Entry> entry(RootKey r, std::vector<std::pair<std::uint64_t, std::uint64_t>> reads,
                             std::size_t bytes = 100) {
    auto e = std::make_shared<Entry>();
    e->root = r;
    e->rec = std::make_shared<Recording>(Site{});
    for (auto [widget, value] : reads)
        e->rec->add_read(WidgetRead{RelId{widget, 1}, h(value), h(0), "w", ""});
    e->value = std::make_shared<int>(1);
    e->bytes = bytes;
    return e;
}

// Current widget values for a walk: widget id -> value (missing: the default, h(0)).
struct Widgets {
    std::map<std::uint64_t, std::uint64_t> values;
    Hash128 operator()(RelId id, Hash128 default_value) const {
        auto it = values.find(id.val);
        return it == values.end() ? default_value : h(it->second);
    }
};

} // namespace

TEST_CASE("root index: insert, find, erase with collisions and growth", "[cache][trie]") {
    RootIndex index;
    CHECK(index.find(root(1)) == nullptr);
    std::map<std::uint64_t, Node*> nodes;
    for (std::uint64_t i = 0; i < 1000; ++i)
        nodes[i] = &index.find_or_insert(root(i, i % 3));
    CHECK(index.size() == 1000);
    CHECK(index.capacity() >= 2000); // at most half full
    for (std::uint64_t i = 0; i < 1000; ++i) {
        REQUIRE(index.find(root(i, i % 3)) == nodes[i]);  // nodes never move
        CHECK(index.find(root(i, i % 3 + 1)) == nullptr); // the session is part of the key
    }
    CHECK(&index.find_or_insert(root(7, 1)) == nodes[7]); // found, not inserted again
    CHECK(index.size() == 1000);
    // Erase every other key: the rest stay findable (backward-shift deletion keeps probe runs).
    for (std::uint64_t i = 0; i < 1000; i += 2)
        index.erase(root(i, i % 3));
    CHECK(index.size() == 500);
    for (std::uint64_t i = 0; i < 1000; ++i)
        CHECK((index.find(root(i, i % 3)) != nullptr) == (i % 2 == 1));
    index.erase(root(12345)); // absent: nothing happens
    CHECK(index.size() == 500);
}

TEST_CASE("root index: keys that share a home slot stay reachable after erases", "[cache][trie]") {
    // Keys whose low bits are equal land on the same home slot: long probe runs.
    RootIndex index;
    std::vector<RootKey> keys;
    for (std::uint64_t i = 0; i < 40; ++i)
        keys.push_back(RootKey{Hash128{i << 32, i}, 0}); // session 0: home = lo ^ mix64(0)
    std::mt19937 rng(7);
    for (int round = 0; round < 20; ++round) {
        std::vector<bool> present(keys.size(), false);
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (rng() % 2) {
                index.find_or_insert(keys[i]);
                present[i] = true;
            }
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (present[i] && rng() % 3 == 0) {
                index.erase(keys[i]);
                present[i] = false;
            }
        for (std::size_t i = 0; i < keys.size(); ++i)
            REQUIRE((index.find(keys[i]) != nullptr) == present[i]);
        for (std::size_t i = 0; i < keys.size(); ++i)
            index.erase(keys[i]);
        REQUIRE(index.size() == 0);
    }
}

TEST_CASE("trie: entries found by the values of the widgets their loader read", "[cache][trie]") {
    std::atomic<std::size_t> total{0};
    KeyTrie trie(&total);
    Victims victims;
    const RootKey r = root(1);
    // A checkbox (widget 10) that reveals a slider (widget 20) only when on.
    auto off = entry(r, {{10, 0}});
    auto on3 = entry(r, {{10, 1}, {20, 3}});
    auto on5 = entry(r, {{10, 1}, {20, 5}});
    trie.insert(off, victims);
    trie.insert(on3, victims);
    trie.insert(on5, victims);
    CHECK(victims.empty());
    CHECK(trie.values() == 3);
    CHECK(trie.bytes() == 300);
    CHECK(total == 300);

    Widgets w;
    CHECK(trie.walk(r, w).entry == off.get()); // checkbox at its default (0)
    w.values[20] = 5;                          // the hidden slider's value does not matter
    CHECK(trie.walk(r, w).entry == off.get());
    w.values[10] = 1;
    CHECK(trie.walk(r, w).entry == on5.get());
    w.values[20] = 3;
    CHECK(trie.walk(r, w).entry == on3.get());
    // A value never loaded: the walk stops at the slider's branch, at a position of its own.
    w.values[20] = 4;
    const TrieWalk miss4 = trie.walk(r, w);
    CHECK(miss4.entry == nullptr);
    REQUIRE(miss4.stop != nullptr);
    CHECK(KeyTrie::any_value_below(miss4.stop) != nullptr); // shown while it loads
    w.values[20] = 6;
    const TrieWalk miss6 = trie.walk(r, w);
    CHECK_FALSE(miss4.position == miss6.position);
    CHECK(trie.walk(r, w).position == miss6.position); // positions are stable
    // Another root: nothing.
    CHECK(trie.walk(root(2), w).entry == nullptr);
    CHECK_FALSE(trie.walk(root(2), w).position == trie.walk(r, w).position);
}

TEST_CASE("trie: remove prunes empty branches; a contradicting path replaces", "[cache][trie]") {
    std::atomic<std::size_t> total{0};
    KeyTrie trie(&total);
    Victims victims;
    const RootKey r = root(1);
    auto a = entry(r, {{10, 1}, {20, 3}});
    auto b = entry(r, {{10, 1}, {20, 5}});
    trie.insert(a, victims);
    trie.insert(b, victims);
    trie.remove(a, victims);
    CHECK(victims.size() == 1);
    CHECK_FALSE(trie.contains(a.get()));
    CHECK(trie.contains(b.get()));
    CHECK(trie.roots() == 1);
    trie.remove(b, victims);
    CHECK(trie.roots() == 0); // the root went with its last entry
    CHECK(trie.values() == 0);
    CHECK(total == 0);
    trie.remove(b, victims); // twice: nothing happens
    CHECK(victims.size() == 2);

    // The same state read other widgets this time (a loader that is not deterministic): the
    // new path replaces the old subtree.
    victims.clear();
    auto old1 = entry(r, {{10, 1}, {20, 3}});
    auto old2 = entry(r, {{10, 1}, {20, 4}});
    trie.insert(old1, victims);
    trie.insert(old2, victims);
    auto replacing = entry(r, {{10, 1}, {30, 7}});
    trie.insert(replacing, victims);
    CHECK(victims.size() == 2);
    CHECK(trie.values() == 1);
    Widgets w;
    w.values = {{10, 1}, {30, 7}};
    CHECK(trie.walk(r, w).entry == replacing.get());
    // An entry with no reads at a root that branches replaces the branch too.
    auto plain = entry(r, {});
    trie.insert(plain, victims);
    CHECK(trie.walk(r, w).entry == plain.get());
    CHECK(trie.values() == 1);
}

TEST_CASE("trie: take_all empties it in one step and returns the bytes", "[cache][trie]") {
    std::atomic<std::size_t> total{0};
    KeyTrie trie(&total);
    Victims victims;
    for (std::uint64_t i = 0; i < 100; ++i)
        trie.insert(entry(root(i), {{1, i % 4}}), victims);
    CHECK(total == 100 * 100);
    KeyTrie::Contents gone;
    trie.take_all(gone);
    CHECK(trie.values() == 0);
    CHECK(trie.bytes() == 0);
    CHECK(trie.roots() == 0);
    CHECK(total == 0);
    CHECK(gone.entries.size() == 100);
    CHECK(gone.roots.size() == 100);
    // Usable again.
    auto e = entry(root(1), {});
    trie.insert(e, victims);
    CHECK(trie.walk(root(1), Widgets{}).entry == e.get());
}

TEST_CASE("entry in_use: the current or previous frame epoch", "[cache][trie]") {
    Entry e;
    CHECK_FALSE(e.in_use(1)); // never used by a frame
    e.frame_use_epoch = 5;
    CHECK(e.in_use(5));
    CHECK(e.in_use(6));
    CHECK_FALSE(e.in_use(7));
}

TEST_CASE("trie: a root's kept leaf follows it turning into a branch and back", "[cache][trie]") {
    // The root slot keeps the entry of a widget-less root, so a hit skips the node; every
    // change under that root must refresh it, or a walk returns an entry no longer stored.
    KeyTrie trie;
    Victims victims;
    const RootKey r = root(5);
    Widgets w;
    auto plain = entry(r, {});
    trie.insert(plain, victims);
    CHECK(trie.walk(r, w).entry == plain.get());
    CHECK_FALSE(plain->has_reads);

    // The same root now reads a widget (the loader is not deterministic): the leaf is replaced
    // by a branch, and walks follow the widget.
    auto keyed = entry(r, {{1, 7}});
    trie.insert(keyed, victims);
    CHECK(keyed->has_reads);
    REQUIRE(victims.size() == 1);
    CHECK(victims[0] == plain);
    CHECK(trie.walk(r, w).entry == nullptr); // widget 1 at its default: no entry
    w.values[1] = 7;
    CHECK(trie.walk(r, w).entry == keyed.get());

    // Removing the branch's only entry erases the root; a widget-less entry is a leaf again.
    trie.remove(keyed, victims);
    CHECK(trie.walk(r, w).entry == nullptr);
    auto again = entry(r, {});
    trie.insert(again, victims);
    CHECK(trie.walk(r, w).entry == again.get());
    trie.remove(again, victims);
    CHECK(trie.walk(r, w).entry == nullptr);
    CHECK(trie.roots() == 0);
}

// The budget's eviction removes by the trie's own pointer (shared(e)); removing overwrites that
// slot with the last entry, so a remove that held on to the reference accounted the last
// entry's bytes instead and pushed it to the victims (found by the stress test, issue 11).
TEST_CASE("trie: removing by the trie's own pointer accounts the removed entry", "[cache][trie]") {
    std::atomic<std::size_t> total{0};
    KeyTrie trie(&total);
    Victims victims;
    auto first = entry(root(1), {}, 1000);
    auto middle = entry(root(2), {{10, 1}}, 2000);
    auto last = entry(root(3), {}, 3000);
    for (const auto& e : {first, middle, last})
        trie.insert(e, victims);
    REQUIRE(trie.bytes() == 6000);

    trie.remove(trie.shared(first.get()), victims);
    CHECK(trie.bytes() == 5000);
    CHECK(total == 5000);
    CHECK(trie.values() == 2);
    REQUIRE(victims.size() == 1);
    CHECK(victims[0] == first);
    CHECK_FALSE(trie.contains(first.get()));
    CHECK(trie.contains(last.get()));
    CHECK(trie.walk(root(3), Widgets{}).entry == last.get());

    trie.remove(trie.shared(middle.get()), victims);
    CHECK(trie.bytes() == 3000);
    CHECK(trie.contains(last.get()));
    CHECK(victims.back() == middle);
    std::size_t sum = 0;
    for (const auto& e : trie.entries())
        sum += e->bytes;
    CHECK(sum == trie.bytes());
}
