// imlit cache internals — HotTable (see hot_table.hpp).
#include "cache/hot_table.hpp"

#include <utility>

#include "cache/scheduler.hpp"

namespace imlit::detail {
namespace {

std::atomic<std::uint64_t> g_tokens{0};
constexpr std::size_t kDropOnWorkerAbove = 1024;

// The tables this thread owns, for the frame-end sweep. When the thread ends, each table lets
// go of its entries and of its owner, so another frame thread may take it over.
struct OwnedTables {
    std::vector<std::shared_ptr<HotTable>> tables;
    ~OwnedTables() {
        for (auto& t : tables)
            t->abandon();
    }
};
thread_local OwnedTables t_owned;

} // namespace

std::uint64_t HotTable::next_token() {
    return g_tokens.fetch_add(1, std::memory_order_relaxed) + 1;
}

bool HotTable::claim(const std::shared_ptr<HotTable>& self) {
    const std::uint64_t me = token();
    std::uint64_t expected = 0;
    if (self->owner_.compare_exchange_strong(expected, me, std::memory_order_acq_rel)) {
        Scheduler::get(); // installs the frame-end observer that runs sweep_hot_tables()
        t_owned.tables.push_back(self);
        return true;
    }
    return expected == me;
}

void HotTable::abandon() {
    {
        HotDrops dropped;
        drop_all(dropped);
    }
    slots_.clear();
    pins_.clear();
    mask_ = 0;
    filled_gen_ = 0;
    owner_.store(0, std::memory_order_release); // after the slots: a new owner sees them empty
}

void HotTable::drop_all(HotDrops& dropped) {
    if (size_ == 0) return;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
        if (slots_[i].entry == nullptr) continue;
        slots_[i].entry = nullptr;
        dropped.push_back(std::move(slots_[i].value));
        dropped.push_back(std::move(pins_[i]));
    }
    size_ = 0;
}

void HotTable::put(const RootKey& key, std::shared_ptr<Entry> e, std::uint64_t at_gen,
                   HotDrops& dropped) {
    if (at_gen != filled_gen_) {
        if (at_gen < filled_gen_) { // removed since: not kept
            dropped.push_back(std::move(e));
            return;
        }
        drop_all(dropped);
        filled_gen_ = at_gen;
    }
    if ((size_ + 1) * 2 > slots_.size()) {
        std::vector<Slot> old = std::exchange(slots_, {});
        std::vector<std::shared_ptr<Entry>> old_pins = std::exchange(pins_, {});
        slots_.resize(old.empty() ? 16 : old.size() * 2);
        pins_.resize(slots_.size());
        mask_ = slots_.size() - 1;
        for (std::size_t j = 0; j < old.size(); ++j) {
            if (old[j].entry == nullptr) continue;
            std::size_t i = home(old[j].key);
            while (slots_[i].entry)
                i = (i + 1) & mask_;
            slots_[i] = std::move(old[j]);
            pins_[i] = std::move(old_pins[j]);
        }
    }
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
        Slot& s = slots_[i];
        const bool empty = s.entry == nullptr;
        if (empty || s.key == key) { // (the same key: another entry stands there now)
            if (!empty) {
                dropped.push_back(std::move(s.value));
                dropped.push_back(std::move(pins_[i]));
            } else {
                ++size_;
            }
            s = Slot{key, e.get(), e->serial, 0, e->value};
            pins_[i] = std::move(e);
            return;
        }
    }
}

void HotTable::sweep(HotDrops& dropped) {
    const std::uint64_t now = gen.load(std::memory_order_acquire);
    if (now != filled_gen_) {
        drop_all(dropped);
        filled_gen_ = now;
    }
}

void sweep_hot_tables() {
    auto& tables = t_owned.tables;
    if (tables.empty()) return;
    HotDrops dropped;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        tables[i]->sweep(dropped);
        // Its function is gone (this list holds the last reference): forget the table (its
        // gen moved when the function was destroyed, so the sweep emptied it).
        if (tables[i].use_count() == 1) continue;
        if (kept != i) tables[kept] = std::move(tables[i]);
        ++kept;
    }
    tables.resize(kept);
    // Let go here (this thread, no lock held), or on a worker when there are many: a clear()
    // of 100,000 entries stays O(1) for the caller.
    if (dropped.size() > kDropOnWorkerAbove)
        Scheduler::get().background([v = std::move(dropped)]() mutable { v.clear(); });
}

} // namespace imlit::detail
