// imlit cache internals — making cached functions, clears, stats and the public controls
// (R12): cache_stats, clear_*_caches, set_cache_budget, set_max_parallel_loads.
//
// Index
//   [SECTION] FunctionCore
//   [SECTION] Messages for the header's templates
//   [SECTION] Clears
//   [SECTION] Stats
//   [SECTION] Public controls
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

#include <cxxabi.h>

#include <fmt/format.h>

#include "cache/function_core.hpp"
#include "cache/persist_store.hpp"
#include "cache/registry.hpp"
#include "cache/scheduler.hpp"
#include "ui/exception_text.hpp"

namespace imlit::detail {

namespace {
std::string demangle(const char* name) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> out(abi::__cxa_demangle(name, nullptr, nullptr, &status),
                                               std::free);
    return status == 0 && out ? std::string(out.get()) : std::string(name);
}
} // namespace

// [SECTION] FunctionCore ----------------------------------------------------------------------

std::size_t CallCounters::assign_slot() {
    // Slots are numbered by thread, never reused: a thread beyond the owned ones shares.
    static std::atomic<std::size_t> next_thread{0};
    return std::min(next_thread.fetch_add(1, std::memory_order_relaxed), kOwnedSlots);
}

std::uint64_t CallCounters::hits() const {
    std::uint64_t n = 0;
    for (const Slot& s : slots_)
        n += s.hits.load(std::memory_order_relaxed);
    return n;
}

std::uint64_t CallCounters::misses() const {
    std::uint64_t n = 0;
    for (const Slot& s : slots_)
        n += s.misses.load(std::memory_order_relaxed);
    return n;
}

// The trie gives its bytes back to the budget; the owner thread's hot table lets go of its
// entries at its next sweep.
FunctionCore::~FunctionCore() {
    hot->gen.fetch_add(1, std::memory_order_release);
}

namespace {
// A duration option: finite and >= 0 (0: off). Very long ones (>= kForeverSeconds, 1e300 s)
// are accepted and mean "never" (later_by saturates).
void check_duration(const std::string& function, const char* option,
                    std::chrono::duration<double> d) {
    if (d.count() >= 0 && std::isfinite(d.count())) return;
    throw std::invalid_argument(
        fmt::format("imlit: {}: {} must be a finite duration >= 0 (got {} s; 0: off, anything "
                    "over ~100 years: forever)",
                    function, option, d.count()));
}
} // namespace

std::shared_ptr<FunctionCore> make_core(CoreOptions options, std::function<bool(void*)> validate) {
    Registry& reg = registry();
    auto core = std::make_shared<FunctionCore>(&reg.total_bytes);
    core->id = reg.next_id.fetch_add(1);
    core->display_name =
        options.name.empty()
            ? fmt::format("{}#{}", options.resource ? "cache_resource" : "cache_data", core->id)
            : options.name;
    core->spinner_text = options.spinner_text.empty()
                             ? fmt::format("Running {}...", core->display_name)
                             : options.spinner_text;
    core->pending_info = std::make_shared<CallInfo>(CallInfo{core->display_name, {}});
    check_duration(core->display_name, "ttl", options.ttl);
    check_duration(core->display_name, "retry_after", options.retry_after);
    if (options.refresh == Refresh::background && options.ttl.count() <= 0)
        throw std::invalid_argument(fmt::format(
            "imlit: {}: refresh = Refresh::background needs a ttl (the age at which a value "
            "turns stale)",
            core->display_name));
    core->opt = std::move(options);
    core->validate = std::move(validate);
    if (core->opt.persist == Persist::disk) core->persist = make_persist_state(core->opt);
    std::lock_guard lock(reg.mutex);
    reg.cores.push_back(core);
    return core;
}

const std::string& name(const FunctionCore& core) {
    return core.display_name;
}

const std::shared_ptr<const CallInfo>& pending_info(const FunctionCore& core) {
    return core.pending_info;
}

void check_persist(Persist persist, std::string_view name, Scope scope, const ValueCodec& codec) {
    if (persist != Persist::disk) return;
    if (name.empty())
        throw std::invalid_argument(
            "imlit: cache_data with persist = Persist::disk needs a name ({.name = \"...\"}): "
            "the name (with version) is how a later run finds the entries on disk");
    if (scope != Scope::global)
        throw std::invalid_argument(fmt::format(
            "imlit: cache_data {}: persist = Persist::disk needs scope = Scope::global (session "
            "entries end with their session)",
            name));
    if (!codec.persistable)
        throw std::invalid_argument(fmt::format(
            "imlit: cache_data {}: persist = Persist::disk, but cereal cannot save and load its "
            "value type {} (or it is not default-constructible): give the type a `template "
            "<class Archive> void serialize(Archive& ar)` (see docs/caching.md)",
            name, demangle(codec.type_name)));
}

void post_release(std::weak_ptr<const FunctionCore> core, std::function<void()> task) {
    post_to_ui_thread([core = std::move(core), task = std::move(task)] {
        try {
            task();
        } catch (...) {
            const auto owner = core.lock();
            throw UiTaskError(fmt::format("on_release of '{}' threw: {}",
                                          owner ? owner->display_name : "a cache_resource",
                                          describe_exception(std::current_exception())));
        }
    });
}

// [SECTION] Messages for the header's templates -----------------------------------------------

std::shared_ptr<const CallInfo> failed_input_info(const FunctionCore& core, std::size_t index,
                                                  const CallInfo* input) {
    return std::make_shared<CallInfo>(
        CallInfo{core.display_name,
                 fmt::format("argument {} ({}) failed: {}", index + 1, input ? input->name : "?",
                             input ? input->error : "unknown error")});
}

std::string keyed_copy_message(const FunctionCore& core, std::size_t index) {
    return fmt::format(
        "{}: argument {} is keyed(x, version) with x an lvalue: an asynchronous load would have "
        "to copy x on the UI thread. Pass std::make_shared<const T>(...) (shared, no copy) as x, "
        "or std::move(x), or set blocking = true (the loader then reads x in place)",
        core.display_name, index + 1);
}

// [SECTION] Clears ----------------------------------------------------------------------------

namespace {
// clear() stays O(1) for big caches: the reasons of later misses are noted only up to this.
constexpr std::size_t kRememberClearedUpTo = 4096;

// Cancel and discard the loads in flight for `args` (all when null). Caller holds core.mutex.
void cancel_inflight(FunctionCore& core, const Hash128* args) {
    for (auto it = core.inflight.begin(); it != core.inflight.end();) {
        if (!args || it->second->root.args == *args) {
            it->second->cancel = true;
            it->second->discard = true;
            it = core.inflight.erase(it);
        } else {
            ++it;
        }
    }
}
} // namespace

void clear(FunctionCore& core) {
    KeyTrie::Contents gone;
    std::size_t bytes = 0;
    {
        std::unique_lock lock(core.mutex);
        bytes = core.trie.bytes();
        core.trie.take_all(gone); // O(1) here; freed below, on a worker when large
        if (gone.entries.size() <= kRememberClearedUpTo) // the reasons of later misses (R17)
            for (const auto& e : gone.entries)
                core.note_departed(*e, MissReason::cleared);
        cancel_inflight(core, nullptr);
        core.over = {};
    }
    persist_clear(core, nullptr);
    release(std::move(gone), bytes);
}

void clear(FunctionCore& core, Hash128 args) {
    Victims victims;
    {
        std::unique_lock lock(core.mutex);
        std::vector<std::shared_ptr<Entry>> doomed;
        for (const auto& e : core.trie.entries())
            if (e->root.args == args) doomed.push_back(e);
        for (const auto& e : doomed) {
            core.note_departed(*e, MissReason::cleared);
            core.trie.remove(e, victims);
        }
        cancel_inflight(core, &args);
    }
    persist_clear(core, &args);
    release(std::move(victims));
}

// [SECTION] Stats -----------------------------------------------------------------------------

CacheStats stats(const FunctionCore& core) {
    CacheStats s;
    s.name = core.display_name;
    {
        std::shared_lock lock(core.mutex);
        s.entries = core.trie.values();
        s.bytes = core.trie.bytes();
        s.over_used = core.over.used;
        s.over_limit = core.over.limit;
        s.over_entries = core.over.entries;
    }
    s.hits = core.calls.hits() + core.hot->hits(); // the hot path counts in its table
    s.misses = core.calls.misses();
    for (std::size_t i = 0; i < kMissReasons; ++i)
        s.misses_by_reason[i] = core.misses_by_reason[i].load(std::memory_order_relaxed);
    s.loads = core.loads.load(std::memory_order_relaxed);
    s.failures = core.failures.load(std::memory_order_relaxed);
    s.load_time = std::chrono::nanoseconds(core.load_ns.load(std::memory_order_relaxed));
    if (core.persist) {
        s.disk_hits = core.persist->disk_hits.load(std::memory_order_relaxed);
        s.disk_writes = core.persist->disk_writes.load(std::memory_order_relaxed);
        s.disk_warnings = core.persist->disk_warnings.load(std::memory_order_relaxed);
    }
    return s;
}

std::vector<EntryInfo> entries(const FunctionCore& core) {
    using Seconds = std::chrono::duration<double>;
    std::vector<std::shared_ptr<Entry>> list;
    {
        std::shared_lock lock(core.mutex);
        list = core.trie.entries(); // shared: described below, unlocked
    }
    std::vector<EntryInfo> out;
    out.reserve(list.size());
    for (const auto& e : list) {
        const TimePoint now = e->timed_by()->now(); // its own clock
        EntryInfo i;
        i.args = fmt::format("{:016x}{:016x}", e->root.args.hi, e->root.args.lo);
        for (const WidgetRead& r : e->reads())
            i.widgets.push_back(r.shown.empty()
                                    ? fmt::format("{}=#{:08x}", r.label, r.value.lo >> 32)
                                    : fmt::format("{}={}", r.label, r.shown));
        i.failed = !e->value;
        if (e->failure) i.error = e->failure->error;
        i.bytes = e->bytes;
        i.age = std::max(Seconds(0), Seconds(now - e->inserted));
        if (e->expires != kNever) i.ttl_left = std::max(Seconds(0), Seconds(e->expires - now));
        i.hits = e->frames_used.load(std::memory_order_relaxed);
        i.load_time = e->load_time;
        i.from_disk = e->from_disk;
        i.on_disk = core.persist && e->value && has_file(*core.persist, *e);
        out.push_back(std::move(i));
    }
    return out;
}

} // namespace imlit::detail

// [SECTION] Public controls -------------------------------------------------------------------

namespace imlit {

const char* miss_reason_name(MissReason r) {
    switch (r) {
    case MissReason::new_arguments:
        return "new arguments";
    case MissReason::widget_changed:
        return "a widget changed";
    case MissReason::expired:
        return "expired";
    case MissReason::evicted:
        return "evicted";
    case MissReason::cleared:
        return "cleared";
    case MissReason::failed_before:
        return "failed before";
    case MissReason::rejected:
        return "validate said no";
    }
    return "?";
}

CacheStatsSummary cache_stats() {
    CacheStatsSummary out;
    out.total.name = "total";
    for (const auto& c : detail::registry().live()) {
        CacheStats s = detail::stats(*c);
        out.total.entries += s.entries;
        out.total.bytes += s.bytes;
        out.total.hits += s.hits;
        out.total.misses += s.misses;
        for (std::size_t i = 0; i < imlit::kMissReasons; ++i)
            out.total.misses_by_reason[i] += s.misses_by_reason[i];
        out.total.loads += s.loads;
        out.total.failures += s.failures;
        out.total.load_time += s.load_time;
        out.total.disk_hits += s.disk_hits;
        out.total.disk_writes += s.disk_writes;
        out.total.disk_warnings += s.disk_warnings;
        out.functions.push_back(std::move(s));
    }
    const detail::Registry& reg = detail::registry();
    out.total.over_limit = reg.over_limit.load(std::memory_order_relaxed);
    if (out.total.over_limit != 0) out.total.over_used = reg.over_used.load();
    return out;
}

void clear_data_caches() {
    for (const auto& c : detail::registry().live())
        if (!c->opt.resource) detail::clear(*c);
}

void clear_resource_caches() {
    for (const auto& c : detail::registry().live())
        if (c->opt.resource) detail::clear(*c);
}

void set_cache_budget(std::size_t bytes) {
    detail::registry().budget.store(bytes);
    detail::registry().over_warned.store(false); // a new budget: say it again if it is exceeded
    detail::enforce_budget();
}

std::size_t cache_budget() {
    return detail::registry().budget.load();
}

void set_max_parallel_loads(std::size_t n) {
    detail::Scheduler::get().set_max_parallel(n);
}

std::size_t max_parallel_loads() {
    return detail::Scheduler::get().max_parallel();
}

} // namespace imlit
