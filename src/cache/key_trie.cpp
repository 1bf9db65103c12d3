// imlit cache internals — the key trie (see key_trie.hpp).
#include "cache/key_trie.hpp"

#include <utility>

namespace imlit::detail {

// [SECTION] KeyTrie ---------------------------------------------------------------------------

KeyTrie::~KeyTrie() {
    if (total_) total_->fetch_sub(bytes_, std::memory_order_relaxed);
}

void KeyTrie::unlink(std::shared_ptr<Entry> e, Victims& victims) {
    if (!contains(e.get())) return; // already gone
    if (removals_) removals_->fetch_add(1, std::memory_order_release);
    const std::size_t i = e->index;
    if (i + 1 != entries_.size()) {
        entries_[i] = std::move(entries_.back());
        entries_[i]->index = i;
    }
    entries_.pop_back();
    bytes_ -= e->bytes;
    if (total_) total_->fetch_sub(e->bytes, std::memory_order_relaxed);
    if (e->value) --values_;
    victims.push_back(std::move(e));
}

void KeyTrie::detach_subtree(Node& node, Victims& victims) {
    if (node.entry) unlink(node.entry, victims);
    node.children.for_each([&](Node& child) { detach_subtree(child, victims); });
    node.entry.reset();
    node.children = {};
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
        node = &node->children.find_or_insert(r.value);
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
        Node* child = node.children.find(reads[i].value);
        if (child != nullptr && remove_below(*child, reads, i + 1, e))
            node.children.erase(reads[i].value);
        if (node.children.empty()) node.branch = false;
    }
    return node.empty();
}
} // namespace

void KeyTrie::remove(std::shared_ptr<Entry> e, Victims& victims) {
    if (!contains(e.get())) return;
    if (Node* root = roots_.find(e->root)) {
        if (remove_below(*root, e->reads(), 0, e.get()))
            roots_.erase(e->root);
        else
            roots_.set_leaf(e->root);
    }
    unlink(std::move(e), victims);
}

const Entry* KeyTrie::any_value_below(const Node* node) {
    constexpr int kMaxDepth = 64; // a guard; widget paths are short
    for (int depth = 0; node && depth < kMaxDepth; ++depth) {
        if (node->entry) return node->entry->value ? node->entry.get() : nullptr;
        if (!node->branch || node->children.empty()) return nullptr;
        node = node->children.any();
    }
    return nullptr;
}

void KeyTrie::take_all(Contents& out) {
    if (removals_) removals_->fetch_add(1, std::memory_order_release);
    out.roots.swap(roots_);
    out.entries.swap(entries_);
    if (total_) total_->fetch_sub(bytes_, std::memory_order_relaxed);
    bytes_ = 0;
    values_ = 0;
    has_expiring_ = false;
}

} // namespace imlit::detail
