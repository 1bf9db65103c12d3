// imlit cache internals — the key trie (see key_trie.hpp).
//
// Index
//   [SECTION] RootIndex
//   [SECTION] KeyTrie
#include "cache/key_trie.hpp"

#include <utility>

namespace imlit::detail {

// [SECTION] RootIndex -------------------------------------------------------------------------

namespace {
constexpr std::size_t kFirstRootSlots = 16;
} // namespace

RootIndex::Slot* RootIndex::slot_of(const RootKey& key) const {
    if (size_ == 0) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = home(key);; i = (i + 1) & mask) {
        const Slot& s = slots_[i];
        if (!s.node) return nullptr;
        if (s.key == key) return const_cast<Slot*>(&s);
    }
}

Node* RootIndex::find(const RootKey& key) const {
    const Slot* s = slot_of(key);
    return s ? s->node.get() : nullptr;
}

RootIndex::Found RootIndex::lookup(const RootKey& key) const {
    const Slot* s = slot_of(key);
    return s ? Found{s->node.get(), s->leaf} : Found{};
}

void RootIndex::set_leaf(const RootKey& key) {
    if (Slot* s = slot_of(key)) s->leaf = s->node->branch ? nullptr : s->node->entry.get();
}

Node& RootIndex::find_or_insert(const RootKey& key) {
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

void RootIndex::erase(const RootKey& key) {
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

void RootIndex::grow() {
    std::vector<Slot> old = std::exchange(slots_, {});
    slots_.resize(old.empty() ? kFirstRootSlots : old.size() * 2);
    const std::size_t mask = slots_.size() - 1;
    for (Slot& s : old) {
        if (!s.node) continue;
        std::size_t i = home(s.key);
        while (slots_[i].node)
            i = (i + 1) & mask;
        slots_[i] = std::move(s);
    }
}

void RootIndex::swap(RootIndex& other) noexcept {
    slots_.swap(other.slots_);
    std::swap(size_, other.size_);
}

// [SECTION] KeyTrie ---------------------------------------------------------------------------

KeyTrie::~KeyTrie() {
    if (total_) total_->fetch_sub(bytes_, std::memory_order_relaxed);
}

void KeyTrie::unlink(const std::shared_ptr<Entry>& e, Victims& victims) {
    if (!contains(e.get())) return; // already gone
    const std::size_t i = e->index;
    if (i + 1 != entries_.size()) {
        entries_[i] = std::move(entries_.back());
        entries_[i]->index = i;
    }
    entries_.pop_back();
    bytes_ -= e->bytes;
    if (total_) total_->fetch_sub(e->bytes, std::memory_order_relaxed);
    if (e->value) --values_;
    victims.push_back(e);
}

void KeyTrie::detach_subtree(Node& node, Victims& victims) {
    if (node.entry) unlink(node.entry, victims);
    for (auto& [h, child] : node.children)
        detach_subtree(*child, victims);
    node.entry.reset();
    node.children.clear();
    node.branch = false;
}

void KeyTrie::insert(std::shared_ptr<Entry> e, Victims& victims) {
    Node* node = &roots_.find_or_insert(e->root);
    for (const WidgetRead& r : e->reads()) {
        if (node->entry || (node->branch && !(node->widget == r.id)))
            detach_subtree(*node, victims);
        if (!node->branch) {
            node->branch = true;
            node->widget = r.id;
            node->default_value = r.default_value;
        }
        auto& child = node->children[r.value];
        if (!child) child = std::make_unique<Node>();
        node = child.get();
    }
    if (node->branch || node->entry) detach_subtree(*node, victims);
    e->has_reads = !e->reads().empty();
    e->index = entries_.size();
    bytes_ += e->bytes;
    if (total_) total_->fetch_add(e->bytes, std::memory_order_relaxed);
    if (e->value) ++values_;
    if (e->expires != kNever) has_expiring_ = true;
    node->entry = e;
    roots_.set_leaf(e->root);
    entries_.push_back(std::move(e));
}

namespace {
// Remove `e` below `node` (following its reads from read i); true when `node` is left empty.
bool remove_below(Node& node, const std::vector<WidgetRead>& reads, std::size_t i, const Entry* e) {
    if (i == reads.size()) {
        if (node.entry.get() == e) node.entry.reset();
    } else if (node.branch && node.widget == reads[i].id) {
        auto it = node.children.find(reads[i].value);
        if (it != node.children.end() && remove_below(*it->second, reads, i + 1, e))
            node.children.erase(it);
        if (node.children.empty()) node.branch = false;
    }
    return node.empty();
}
} // namespace

void KeyTrie::remove(const std::shared_ptr<Entry>& e, Victims& victims) {
    if (!contains(e.get())) return;
    if (Node* root = roots_.find(e->root)) {
        if (remove_below(*root, e->reads(), 0, e.get()))
            roots_.erase(e->root);
        else
            roots_.set_leaf(e->root);
    }
    unlink(e, victims);
}

const Entry* KeyTrie::any_value_below(const Node* node) {
    constexpr int kMaxDepth = 64; // a guard; widget paths are short
    for (int depth = 0; node && depth < kMaxDepth; ++depth) {
        if (node->entry) return node->entry->value ? node->entry.get() : nullptr;
        if (!node->branch || node->children.empty()) return nullptr;
        node = node->children.begin()->second.get();
    }
    return nullptr;
}

void KeyTrie::take_all(Contents& out) {
    out.roots.swap(roots_);
    out.entries.swap(entries_);
    if (total_) total_->fetch_sub(bytes_, std::memory_order_relaxed);
    bytes_ = 0;
    values_ = 0;
    has_expiring_ = false;
}

} // namespace imlit::detail
