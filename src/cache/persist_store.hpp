// imlit cache internals — the disk side of Persist::disk (R9): where files live, reading an
// entry back on a miss, writing entries on a background thread, the disk budget, clears.
//
// Threads and locks. PersistState::mutex and the writer's queue mutex are leaf locks (level 4
// in cache_internal.hpp): nothing else is taken while they are held, and no file is touched
// under them. restore_from_disk runs on the calling thread with no cache lock held; it takes a
// FunctionCore mutex only to insert what it read. Writes, deletes and budget eviction run on one
// writer thread (made on first use, detached, never joined), in the order they were queued.
//
// Index
//   [SECTION] State of one persisted function
//   [SECTION] Reading, writing, clearing
//   [SECTION] Test hooks
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cache/key_trie.hpp"
#include "imlit/cache.hpp"

namespace imlit::detail {

class FunctionCore;

// [SECTION] State of one persisted function -------------------------------------------------

struct DiskRef {
    std::string file;              // name inside the function's folder
    Hash128 position;              // from the name: where the entry sits in the trie
    std::vector<WidgetRead> reads; // the widget values it was keyed by, once read
    bool have_reads = false;
};

struct PersistState {
    std::string name; // the function's name (its identity across runs, with version)
    std::uint32_t version = 0;
    std::uint64_t fn_id = 0; // XXH3-64 of name, seeded with kHashEncodingVersion
    std::chrono::duration<double> ttl{};
    bool background = false; // Refresh::background: files live 2 x ttl
    std::shared_ptr<const ValueCodec> codec;

    std::mutex mutex;                 // leaf lock: guards the fields below
    std::uint64_t dir_generation = 0; // the cache directory the index was made for
    std::string dir;                  // the function's folder ("": not resolved yet)
    bool indexed = false;
    std::unordered_map<Hash128, std::vector<DiskRef>, Hash128Hasher> index; // by arguments
    std::unordered_set<std::string> warned; // what was warned about (one warning each)

    std::atomic<std::uint64_t> disk_hits{0};     // entries read back
    std::atomic<std::uint64_t> disk_writes{0};   // entries written
    std::atomic<std::uint64_t> disk_warnings{0}; // warnings given
};

std::shared_ptr<PersistState> make_persist_state(const CoreOptions& options);

// [SECTION] Reading, writing, clearing ------------------------------------------------------

// On a miss (no cache lock held): find a file for `root` whose widget reads all have their
// current values (`value_of(id, default)`), read it and store it in the function's trie.
// True when an entry was stored. Bad files are warned about once and skipped.
using WidgetValueOf = std::function<Hash128(RelId, Hash128)>;
// `clock` is the caller's clock (the entry is timed by it), `now` its time.
bool restore_from_disk(FunctionCore& core, const RootKey& root, Site site,
                       const std::shared_ptr<ClockDomain>& clock, TimePoint now,
                       const WidgetValueOf& value_of);
// After `e` (a value) was stored (no cache lock held): queue its write.
void persist_entry(const FunctionCore& core, const std::shared_ptr<Entry>& e);
// Whether `e` has a file (written, or read back), as far as this process knows.
bool has_file(PersistState& ps, const Entry& e);
// clear(): queue the deletion of the function's files (all, or those of `args`).
void persist_clear(FunctionCore& core, const Hash128* args);

// [SECTION] Test hooks ------------------------------------------------------------------------

struct PersistHooks {
    // Called before each file operation ("open", "write", "fsync", "rename", "read") with the
    // path; a non-zero errno makes it fail with that error (disk full, permission denied).
    std::function<int(std::string_view op, const std::string& path)> fail;
    // The wall clock in nanoseconds since the Unix epoch (ttl on disk); empty: the real one.
    std::function<std::int64_t()> wall_ns;
};
PersistHooks& persist_hooks(); // set only while no disk work is in flight

} // namespace imlit::detail
