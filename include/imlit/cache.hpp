// imlit — cached scopes: cache_resource and cache_data (DESIGN §2, rules R1–R13).
//
//   static auto load_model = imlit::cache_resource([](const std::string& name) {
//       imlit::header("Data analysis");
//       bool pretrained = imlit::checkbox("Use pre-trained model");   // folds into the key
//       Model m = Model::train(name, pretrained);                     // slow: runs on a worker
//       imlit::success("Loaded model!");
//       return m;
//   }, {.name = "load_model", .ttl = std::chrono::minutes(10)});
//
//   void frame() {
//       auto model = load_model("sentiment");   // imlit::Cached<Model>
//       if (!model) return;                      // still loading: a spinner is shown in place
//       imlit::text("score: {:.2f}", model->score());
//   }
//
// A cached function stores, per key, the loader's value AND the imlit commands the loader
// issued; a hit returns the value and replays the commands in place. The key is (function,
// hash of the arguments, values of the widgets the loader read). See docs/caching.md.
//
// Index
//   [SECTION] Options
//   [SECTION] Cached<T>
//   [SECTION] Stats and global control
//   [SECTION] Disk persistence (Persist::disk)
//   [SECTION] File stamps
//   [SECTION] byte_size
//   [SECTION] Core (internal)
//   [SECTION] CachedFunction, cache_resource, cache_data
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <unordered_map>
#include <utility>
#include <vector>

#include "imlit/detail/persist_codec.hpp"
#include "imlit/hash.hpp"
#include "imlit/ui.hpp"

namespace imlit {

// [SECTION] Options --------------------------------------------------------------------------

// Where entries live. global: shared by every session (window / AppTest) of the process.
// session: one set of entries per session, freed when the session ends.
enum class Scope { global, session };
// Disk persistence of cache_data values (R9). none: memory only. disk: each entry (its value,
// its recording, the widget values it was keyed by) is also written to the cache directory
// (see set_cache_dir) and found there by later runs of the app. See "Disk persistence" below.
enum class Persist { none, disk };
// What happens when an entry reaches its ttl (R15).
//   on_expiry:  it is dropped; the next call misses and loads again (a pending frame, or a
//               blocking load).
//   background: between ttl and 2 x ttl the stale value is still returned and its recording
//               replayed, while ONE refresh per entry runs on the scheduler; when it finishes
//               the new value replaces the stale one. A refresh that throws keeps the stale
//               value and is tried again after retry_after (never, when retry_after is 0); after
//               2 x ttl the entry is dropped like on_expiry. Needs a ttl. Refreshes are started
//               by calls from a frame (a nested or plain-thread call only serves the stale value).
enum class Refresh { on_expiry, background };

// Options of cache_data. Declared in this order so designated initializers work:
//   imlit::cache_data(load, {.ttl = 60s, .max_entries = 100, .blocking = true});
struct DataOptions {
    std::string name = {}; // for messages, stats and the inspector; "": "cache_data#N"
    std::chrono::duration<double>
        ttl{}; // 0: entries never expire; else freed this long after insertion, on the clock of
               // the session that loaded it. Finite and >= 0, else std::invalid_argument naming
               // it; ~100 years or more (1e300 s) means never
    std::size_t max_entries = 0;   // 0: unbounded; else least recently used entries go first
    std::size_t max_bytes = 0;     // 0: unbounded (the global budget still applies)
    bool blocking = false;         // false: the loader runs on a worker thread (R5)
    bool show_spinner = true;      // show a spinner in place while a load is pending
    std::string spinner_text = {}; // "": "Running <name>..."
    bool allow_widgets = true;     // false: a widget inside the loader is an error in place
    Scope scope = Scope::global;   // see Scope
    std::chrono::duration<double>
        retry_after{}; // 0: a failure stays until Retry, a key change or clear(); else it is
                       // retried after this long (same rules as ttl)
    std::uint32_t version = 0; // bump when the loader's meaning changes (display, persistence:
                               // entries written by another version are never read)
    std::size_t max_concurrency = 0;      // 0: no limit of its own; else at most this many of its
                                          // loads run at once (max_parallel_loads() still applies)
    bool keep_running_unseen = false;     // false: a running load that no frame has asked for in
                                          // the last second sees cancelled(); true: it never does
    Refresh refresh = Refresh::on_expiry; // see Refresh (background needs a ttl)
    // Persist::disk: entries are also kept on disk and outlive the process. Needs a non-empty
    // `name` (the function's identity across runs, with `version`) and Scope::global, and a
    // value type cereal can serialise (else std::invalid_argument at creation, naming the
    // type; write imlit::cache_data<imlit::Persist::disk>(...) to get that as a compile-time
    // error instead). Default: Persist::none (memory only).
    Persist persist = Persist::none;
};

// Options of cache_resource<R>. Same fields as DataOptions (minus persist) plus two hooks.
template <class R>
struct ResourceOptions {
    std::string name = {}; // for messages, stats and the inspector; "": "cache_resource#N"
    std::chrono::duration<double>
        ttl{}; // 0: entries never expire; else freed this long after insertion, on the clock of
               // the session that loaded it. Finite and >= 0, else std::invalid_argument naming
               // it; ~100 years or more (1e300 s) means never
    std::size_t max_entries = 0;   // 0: unbounded; else least recently used entries go first
    std::size_t max_bytes = 0;     // 0: unbounded (the global budget still applies)
    bool blocking = false;         // false: the loader runs on a worker thread (R5)
    bool show_spinner = true;      // show a spinner in place while a load is pending
    std::string spinner_text = {}; // "": "Running <name>..."
    bool allow_widgets = true;     // false: a widget inside the loader is an error in place
    Scope scope = Scope::global;   // see Scope
    std::chrono::duration<double>
        retry_after{}; // 0: a failure stays until Retry, a key change or clear(); else it is
                       // retried after this long (same rules as ttl)
    std::uint32_t version = 0;            // bump when the loader's meaning changes (display)
    std::size_t max_concurrency = 0;      // 0: no limit of its own; else at most this many of its
                                          // loads run at once (max_parallel_loads() still applies)
    bool keep_running_unseen = false;     // false: a running load that no frame has asked for in
                                          // the last second sees cancelled(); true: it never does
    Refresh refresh = Refresh::on_expiry; // see Refresh (background needs a ttl)
    // Called on every hit (UI thread, no lock held); false: the entry is dropped and reloaded.
    // A value rejected in the frame it was loaded in (or the next) is not reloaded in a loop:
    // it becomes a remembered failure (R7: Retry, a key change, clear() or retry_after).
    // Empty (default): every stored object is valid.
    std::function<bool(R&)> validate = {};
    // Called once for each object the cache stops holding (evicted, expired, cleared, dropped
    // by validate), on the UI thread (drained at the start of the next frame), after the last
    // Cached<R> holding it is gone. Empty (default): the object is just destroyed.
    std::function<void(R&)> on_release = {};
};

// [SECTION] Cached<T> ------------------------------------------------------------------------

namespace detail {
enum class CachedState : std::uint8_t { pending, ready, failed };
struct CallInfo {      // why a Cached is not ready (shared, built only off the hot path)
    std::string name;  // the cached function's name
    std::string error; // the exception text when failed
};
struct CachedAccess;
} // namespace detail

// The result of calling a cached function: ready (holds the value), pending (a load is running
// or queued) or failed (the loader threw; error() says why). For cache_resource it is
// Cached<R> (a mutable object shared by every caller); for cache_data, Cached<const D>.
// Cheap to copy. Holding one keeps its value alive even after the entry is evicted.
//
// Chaining (R14): pass a Cached<T> as an argument to another cached function whose loader
// takes `const T&` (or T&, or the Cached<T> itself). The argument hashes as the identity of
// the entry that produced it (O(1), whatever the size of T) and the loader gets the shared
// value itself, never a copy:
//   auto df = load_csv(path);                  // Cached<const Table>
//   auto view = filter(df, imlit::slider(...)); // filter's loader: (const Table&, int)
// While the input is pending (or failed) the call returns pending (or failed, naming the
// input) without running its loader. A reloaded input is a new identity (a new key).
template <class T>
class Cached {
public:
    Cached() = default; // pending, no function

    bool ready() const noexcept { return state_ == detail::CachedState::ready; }
    bool pending() const noexcept { return state_ == detail::CachedState::pending; }
    bool failed() const noexcept { return state_ == detail::CachedState::failed; }
    // The exception text of a failed load; "" otherwise.
    const std::string& error() const noexcept {
        static const std::string none;
        return info_ && failed() ? info_->error : none;
    }
    explicit operator bool() const noexcept { return ready(); }

    // The value. Not ready: std::logic_error naming the function (and the error, when failed).
    T& operator*() const { return *checked(); }
    T* operator->() const { return checked(); }
    T& value() const { return *checked(); }
    // The shared object itself (no copy); null when not ready.
    const std::shared_ptr<T>& shared() const noexcept { return value_; }

    // A Cached<R> converts to Cached<const R>.
    template <class U>
    requires(std::is_same_v<T, const U>) Cached(const Cached<U>& other)
        : value_(other.value_), info_(other.info_), origin_(other.origin_), state_(other.state_) {}

    // Internal. `origin`: the serial of the entry the value came from (0: none).
    Cached(std::shared_ptr<T> value, std::shared_ptr<const detail::CallInfo> info,
           detail::CachedState state, std::uint64_t origin = 0) noexcept
        : value_(std::move(value)), info_(std::move(info)), origin_(origin), state_(state) {}

    // Hashed as an argument of another cached function: the producing entry's identity.
    friend void hash_append(Hasher& h, const Cached& c) { h(c.origin_); }

private:
    template <class U>
    friend class Cached;
    friend struct detail::CachedAccess;
    T* checked() const {
        if (state_ == detail::CachedState::ready) return value_.get();
        const std::string name = info_ ? info_->name : std::string("cached function");
        if (state_ == detail::CachedState::failed)
            throw std::logic_error("imlit: " + name + " failed: " + info_->error);
        throw std::logic_error("imlit: the value of " + name +
                               " is not ready yet (test Cached<T> before using it)");
    }

    std::shared_ptr<T> value_;
    std::shared_ptr<const detail::CallInfo> info_;
    std::uint64_t origin_ = 0;
    detail::CachedState state_ = detail::CachedState::pending;
};

// Inside a loader: true once the load is no longer wanted, so it may stop early:
//   - superseded: a widget it has read now has another value at the place it was asked for;
//   - unseen: it runs asynchronously and no frame has asked for it in the last second
//     (tab switched, scrolled away, slider moved on); not with keep_running_unseen;
//   - its entry was cleared, or the session that asked for it ended (window closed, AppTest
//     destroyed, imlit::run returning).
// A nested loader (a cached call inside this loader) sees its outer load's cancellation too.
// A loader may return early (its result is still stored under its own key) or throw (a
// cancelled load's exception is not remembered as a failure). Outside a loader: false.
bool cancelled();

// [SECTION] Stats and global control ---------------------------------------------------------

// Why a call missed (R17), for CacheStats::misses_by_reason.
enum class MissReason : std::uint8_t {
    new_arguments,  // arguments (or session) never stored, or forgotten (see below)
    widget_changed, // these arguments are stored, but not for the current widget values
    expired,        // its entry passed its ttl
    evicted,        // its entry was evicted by max_entries, max_bytes or the global budget
    cleared,        // its entry was cleared (clear(), clear(args...), the global clears)
    failed_before,  // a remembered failure was retried (Retry clicked, or retry_after passed)
    rejected,       // cache_resource's validate() said no
};
inline constexpr std::size_t kMissReasons = 7;
// "new arguments", "a widget changed", "expired", "evicted", "cleared", "failed before",
// "validate said no".
const char* miss_reason_name(MissReason r);

struct CacheStats {
    std::string name;         // function name ("total" for the sum)
    std::size_t entries = 0;  // stored values (failures not counted)
    std::size_t bytes = 0;    // byte_size of values + recordings + overhead
    std::uint64_t hits = 0;   // calls answered with a stored value
    std::uint64_t misses = 0; // calls that found no value and started or joined
                              // a load (frames re-polling a pending one: no)
    // misses split by why, indexed by MissReason (they sum to misses). The reason of an entry
    // that left (expired, evicted, cleared) is remembered for the last 4,096 departures of the
    // function; a miss for one forgotten since (or cleared by a clear() of more entries) counts
    // as new_arguments.
    std::array<std::uint64_t, kMissReasons> misses_by_reason{};
    std::uint64_t misses_for(MissReason r) const {
        return misses_by_reason[static_cast<std::size_t>(r)];
    }
    std::uint64_t loads = 0;                   // loader runs finished (value or exception)
    std::uint64_t failures = 0;                // loader runs that threw
    std::chrono::duration<double> load_time{}; // total time spent in the loader
    // Over a bound (R8): entries used in the current or previous frame are never evicted to
    // make room, so when they alone exceed max_bytes (or max_entries) the function keeps them
    // and says so (once on stderr; the inspector marks it). over_limit 0: within its bounds.
    std::size_t over_used = 0;  // bytes (entries when over_entries) in use at the last eviction
    std::size_t over_limit = 0; // the bound exceeded: max_bytes (or max_entries); 0: none
    bool over_entries = false;  // the bound is max_entries
    // Persist::disk (always 0 otherwise).
    std::uint64_t disk_hits = 0;     // misses answered by reading an entry back from disk
    std::uint64_t disk_writes = 0;   // entries written to disk
    std::uint64_t disk_warnings = 0; // bad files and failed writes (one warning each)
};

// One entry of a cached function, as f.entries() describes it (R17).
struct EntryInfo {
    std::string args;                    // the arguments' hash (hex): entries of one call share it
    std::vector<std::string> widgets;    // the widgets its loader read, in order, with the
                                         // value it saw: `threshold=0.5`, `mode="fast"` (option
                                         // texts, quoted strings, "(hidden)" for passwords);
                                         // "label=#hash" when the value is not known
    bool failed = false;                 // a remembered failure (R7), not a value
    std::string error;                   // failed: the exception text
    std::size_t bytes = 0;               // what it counts against the budgets
    std::chrono::duration<double> age{}; // since it was stored (the caller's session clock)
    std::chrono::duration<double> ttl_left{-1}; // until it expires; negative: no ttl
    std::uint64_t hits = 0; // frames in which it was used (its own load's included)
    std::chrono::duration<double> load_time{}; // the loader's run time; 0 when read from disk
    bool from_disk = false;                    // Persist::disk: read back from a file, not loaded
    bool on_disk = false;                      // Persist::disk: it has a file (memory and disk)
};

struct CacheStatsSummary {
    std::vector<CacheStats> functions; // one per live cached function, in creation order
    CacheStats total;                  // sums; over_* is the global budget's state
};

CacheStatsSummary cache_stats();
// Every cache_data function: all entries and remembered failures; loads in flight are
// cancelled and their results discarded. The calling thread only unlinks the entries (O(1) per
// function: 100,000 entries cost it well under 5 ms); large clears are freed on a worker.
void clear_data_caches();
void clear_resource_caches(); // every cache_resource function (as clear_data_caches)
// The global byte budget across all caches (R8). Default: 1 GiB. When the sum of all entries'
// bytes exceeds it, the least recently used entries (of any function) that no frame used in
// the current or previous frame are evicted. If the entries in use alone exceed it, they are
// kept: one warning on stderr, and cache_inspector() shows "working set X MB > budget Y MB".
void set_cache_budget(std::size_t bytes);
std::size_t cache_budget();
// How many asynchronous loaders may run at once, process-wide, over every cached function and
// session (R6). Default: the number of hardware threads, at least 2. 0: back to the default.
// Loads beyond it wait (latest frame first, in that frame's call order). Blocking and nested
// loads run on their caller's thread and are not counted.
void set_max_parallel_loads(std::size_t n);
std::size_t max_parallel_loads();
// [SECTION] Disk persistence (Persist::disk) ---------------------------------------------------
//
// Where: one directory per app, chosen in this order:
//   1. set_cache_dir(dir) (also AppOptions::cache_dir): exactly `dir`;
//   2. the environment variable IMLIT_CACHE_DIR: exactly that directory;
//   3. $XDG_CACHE_HOME/imlit/<app>/, else ~/.cache/imlit/<app>/ (<app>: the executable's name).
// Inside it, one folder per persisted function (name, version) and one file per entry: an
// envelope (magic, format version, function, key, created-at, ttl, length, XXH3 checksum) and
// the entry (the widget values it was keyed by, its recording, its value). A file is written
// on a background thread to a temporary file, fsync'ed and renamed over the old one, so a
// reader (this process or another) sees the old entry or the new one, never a torn one.
//
// When: a miss (no entry in memory for the arguments and current widget values) looks on disk
// first: the first time a function misses it lists its folder (names only); then, for the
// arguments asked for, it reads the widget values each file was keyed by and reads the value of
// the one that matches. That read happens on the calling thread (the UI thread for a frame):
// it is what lets a restarted app show a persisted entry, with its recording, on its first
// frame without running the loader. Writes never block the caller.
//
// Bad files: a corrupt, truncated, foreign or other-version file, a directory in the way, an
// unreadable file or a failing write (read-only directory, full disk) is a miss (or an entry
// kept in memory only) with one warning per file on stderr (and in CacheStats::disk_warnings);
// never a crash. ttl holds on disk (from the entry's creation, wall clock). clear() and the
// global clears delete the function's files. Recordings are saved as data (textures as their
// pixels); an entry whose recording holds custom() or a placeholder is kept in memory only,
// with one warning naming the function.

// Use `dir` as the cache directory from now on (created when first written). "": back to the
// default (IMLIT_CACHE_DIR, else the XDG location). Entries already in memory stay there.
void set_cache_dir(const std::string& dir);
// The cache directory in use (resolved as described above).
std::string cache_dir();
// The byte budget of the whole cache directory (all persisted functions of the app). Default
// 1 GiB. When a write takes the directory over it, the least recently used files (by last read
// or write) are deleted until it fits. 0: back to the default.
void set_disk_budget(std::size_t bytes);
std::size_t disk_budget();
// Block until every disk write and delete queued so far is done (imlit::run calls it when the
// window closes, so entries of the last frames are not lost). Safe from any thread.
void flush_disk_writes();

// [SECTION] File stamps -------------------------------------------------------------------------

// A file's identity and version as a cached function's argument (R16): it hashes as (path,
// exists, size, modification time), so an entry keyed by it is reloaded when the file changes.
//   static auto load = imlit::cache_data([](const imlit::FileStamp& f) {
//       return imlit::read_csv(f.path());
//   });
//   auto table = load(imlit::file_stamp("data.csv"));   // reloads when data.csv is edited
// No system call per frame: each path asked for is checked by one background thread at most
// every 250 ms (one stat per path); when a file changes it wakes the frame loop
// (request_redraw), so the page redraws and the entry reloads without any input. A path not
// asked for during 10 s is no longer watched. Content is not hashed (an edit that keeps the
// same size and modification time is not seen).
class FileStamp {
public:
    FileStamp() = default;
    const std::filesystem::path& path() const { return path_; }
    bool exists() const { return exists_; }
    std::uint64_t size() const { return size_; }        // bytes; 0 when missing
    std::int64_t mtime_ns() const { return mtime_ns_; } // modification time; 0 when missing

    friend void hash_append(Hasher& h, const FileStamp& s) {
        h(s.path_, s.exists_, s.size_, s.mtime_ns_);
    }
    friend bool operator==(const FileStamp&, const FileStamp&) = default;

private:
    friend FileStamp file_stamp(const std::filesystem::path& path);
    std::filesystem::path path_;
    bool exists_ = false;
    std::uint64_t size_ = 0;
    std::int64_t mtime_ns_ = 0;
};
// The current stamp of `path` (as last seen by the watcher; the first call for a path stats it
// on the calling thread, once). Any thread.
FileStamp file_stamp(const std::filesystem::path& path);

// An element: a table of every cached function (entries, bytes, hits, misses, loads, load
// time, over-budget marks) with a Clear button each and a "Clear all" button. Call it from a
// frame function (not from inside a loader: it is drawn with raw Dear ImGui inside
// imlit::custom).
void cache_inspector();

// [SECTION] byte_size ------------------------------------------------------------------------
// The memory an entry holds, for max_bytes and the global budget. An entry counts
// byte_size(value) + the recording's byte_size() (its commands and copied strings/data) + a
// fixed overhead per entry and per widget read. Provide `std::size_t byte_size(const T&)` in
// T's namespace for your types (found by ADL); a type with a member `byte_size()` uses it; the
// fallback is sizeof(T). A Texture counts its pixels in memory AND on the GPU (w*h*4 plus a
// third for mipmaps), from the moment it is stored: the budget covers what drawing it costs.

template <class T>
std::size_t byte_size(const T& value);
template <class C, class Tr, class A>
std::size_t byte_size(const std::basic_string<C, Tr, A>& s);
template <class T, class A>
std::size_t byte_size(const std::vector<T, A>& v);
template <class T, std::size_t N>
std::size_t byte_size(const std::array<T, N>& a);
template <class K, class V, class C, class A>
std::size_t byte_size(const std::map<K, V, C, A>& m);
template <class K, class V, class H, class E, class A>
std::size_t byte_size(const std::unordered_map<K, V, H, E, A>& m);
template <class T>
std::size_t byte_size(const std::shared_ptr<T>& p);
template <class A, class B>
std::size_t byte_size(const std::pair<A, B>& p);
inline std::size_t byte_size(const Texture& t);
inline std::size_t byte_size(const Table& t);
namespace detail {
template <class T>
std::size_t size_of(const T& v) {
    using imlit::byte_size;
    return byte_size(v);
}
} // namespace detail

template <class C, class Tr, class A>
std::size_t byte_size(const std::basic_string<C, Tr, A>& s) {
    const std::size_t sso = 15 / sizeof(C);
    return sizeof(s) + (s.capacity() > sso ? (s.capacity() + 1) * sizeof(C) : 0);
}
template <class T, class A>
std::size_t byte_size(const std::vector<T, A>& v) {
    std::size_t n = sizeof(v) + (v.capacity() - v.size()) * sizeof(T);
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>)
        n += v.size() * sizeof(T);
    else
        for (const auto& e : v)
            n += detail::size_of(e);
    return n;
}
template <class T, std::size_t N>
std::size_t byte_size(const std::array<T, N>& a) {
    if constexpr (std::is_arithmetic_v<T> || std::is_enum_v<T>) return sizeof(a);
    std::size_t n = 0;
    for (const auto& e : a)
        n += detail::size_of(e);
    return n;
}
template <class K, class V, class C, class A>
std::size_t byte_size(const std::map<K, V, C, A>& m) {
    std::size_t n = sizeof(m);
    for (const auto& [k, v] : m)
        n += detail::size_of(k) + detail::size_of(v) + 32; // node links
    return n;
}
template <class K, class V, class H, class E, class A>
std::size_t byte_size(const std::unordered_map<K, V, H, E, A>& m) {
    std::size_t n = sizeof(m) + m.bucket_count() * sizeof(void*);
    for (const auto& [k, v] : m)
        n += detail::size_of(k) + detail::size_of(v) + 16; // node
    return n;
}
template <class T>
std::size_t byte_size(const std::shared_ptr<T>& p) {
    return sizeof(p) + (p ? detail::size_of(*p) + 16 : 0); // 16: control block
}
template <class A, class B>
std::size_t byte_size(const std::pair<A, B>& p) {
    return detail::size_of(p.first) + detail::size_of(p.second);
}
inline std::size_t byte_size(const Texture& t) {
    return sizeof(t) + t.byte_size();
}
inline std::size_t byte_size(const Table& t) {
    std::size_t n = sizeof(t);
    for (const auto& c : t.columns) {
        n += byte_size(c.name);
        if (const auto* s = std::get_if<std::vector<std::string>>(&c.values))
            n += byte_size(*s);
        else
            n += byte_size(std::get<std::vector<double>>(c.values));
    }
    return n;
}
// Fallback: arithmetic and any other type: its member byte_size() if it has one, else sizeof.
template <class T>
std::size_t byte_size(const T& value) {
    if constexpr (requires {
                      { value.byte_size() } -> std::convertible_to<std::size_t>;
                  })
        return sizeof(T) + value.byte_size();
    else
        return sizeof(T);
}

// [SECTION] Core (internal) ------------------------------------------------------------------
namespace detail {

class FunctionCore; // src/cache/function_core.hpp: trie, loads in flight, counters

struct CoreOptions {
    std::string name;
    std::chrono::duration<double> ttl{};
    std::size_t max_entries = 0;
    std::size_t max_bytes = 0;
    bool blocking = false;
    bool show_spinner = true;
    std::string spinner_text;
    bool allow_widgets = true;
    Scope scope = Scope::global;
    std::chrono::duration<double> retry_after{};
    std::uint32_t version = 0;
    std::size_t max_concurrency = 0;
    bool keep_running_unseen = false;
    bool resource = false; // cache_resource (else cache_data)
    Refresh refresh = Refresh::on_expiry;
    Persist persist = Persist::none;
    std::shared_ptr<const struct ValueCodec> codec; // persist: how the value is (de)serialised
};

// What a loader run produced: the value (type-erased) and its byte_size.
struct LoadResult {
    std::shared_ptr<void> value;
    std::size_t bytes = 0;
};
using LoadFn = std::function<LoadResult()>;

// A non-owning callable reference, so the hot path builds no std::function.
template <class Sig>
class FunctionRef;
template <class R>
class FunctionRef<R()> {
public:
    template <class F>
    FunctionRef(F& f) noexcept // NOLINT: implicit on purpose
        : obj_(&f), call_([](void* o) -> R { return (*static_cast<F*>(o))(); }) {}
    R operator()() const { return call_(obj_); }

private:
    void* obj_;
    R (*call_)(void*);
};

struct CallResult {
    std::shared_ptr<void> value;          // set when ready
    std::shared_ptr<const CallInfo> info; // set when not ready
    CachedState state = CachedState::pending;
    std::uint64_t origin = 0; // ready: the serial of the entry (or load) the value came from
};

// The loader bound to its arguments for an asynchronous run, or why it cannot be.
struct AsyncLoad {
    LoadFn fn;
    std::string error; // non-empty: the arguments cannot be kept without a copy (see keyed)
};

std::shared_ptr<FunctionCore> make_core(CoreOptions options, std::function<bool(void*)> validate);
// The whole cached call: lookup (walking the widget trie), replay or display, and on a miss
// make_load() (called only then, with no lock held) to get the loader bound to its stored
// arguments. `direct` is used instead when the load runs inline (blocking/nested/plain
// thread): it calls the loader with the caller's arguments without copying them.
CallResult call(FunctionCore& core, const std::shared_ptr<FunctionCore>& owner, Hash128 args,
                FunctionRef<AsyncLoad()> make_load, FunctionRef<LoadResult()> direct);
// The fast path tried before call(): a frame thread's warm hit of a plain entry through its
// own table, with no lock (src/cache/hot_table.hpp). The stored value (the entry's own handle:
// copy it before the next call into the cache) with its serial in `serial`; null: take call().
const std::shared_ptr<void>* hot_hit(FunctionCore& core, Hash128 args,
                                     std::uint64_t& serial) noexcept;
void clear(FunctionCore& core);
void clear(FunctionCore& core, Hash128 args);
CacheStats stats(const FunctionCore& core);
std::vector<EntryInfo> entries(const FunctionCore& core);
const std::string& name(const FunctionCore& core);
const std::shared_ptr<const CallInfo>& pending_info(const FunctionCore& core);

// How a persisted function's value type is saved and loaded (cereal binary archives).
struct ValueCodec {
    const char* type_name = ""; // typeid name, for messages
    bool persistable = false;   // cereal can save and load the type (else the functions are null)
    void (*save)(const void* value, std::string& out) = nullptr; // appends; throws on failure
    LoadResult (*load)(std::string_view bytes) = nullptr;        // throws on failure
};
template <class T>
std::shared_ptr<const ValueCodec> make_value_codec() {
    auto c = std::make_shared<ValueCodec>();
    c->type_name = typeid(T).name();
    if constexpr (persistable_v<T>) {
        c->persistable = true;
        c->save = [](const void* value, std::string& out) {
            StringSink sink(out);
            std::ostream os(&sink);
            cereal::BinaryOutputArchive ar(os);
            ar(*static_cast<const T*>(value));
        };
        c->load = [](std::string_view bytes) -> LoadResult {
            ViewSource source(bytes);
            std::istream is(&source);
            cereal::BinaryInputArchive ar(is);
            auto value = std::make_shared<T>();
            ar(*value);
            LoadResult r;
            r.bytes = size_of(*value);
            r.value = std::move(value);
            return r;
        };
    }
    return c;
}

// Instantiated by cache_data<Persist::disk>: the compiler's message names T.
template <class T>
struct PersistableCheck {
    static_assert(persistable_v<T>,
                  "imlit: Persist::disk needs a value type (T, named in this error) that cereal "
                  "can save and load with a binary archive and that is default-constructible: "
                  "give T a `template <class Archive> void serialize(Archive& ar) { ar(field1, "
                  "field2); }` member or a free serialize(Archive&, T&) in T's namespace (see "
                  "docs/caching.md, Disk persistence)");
};

// Throws std::invalid_argument for persistence options that cannot work: no name, a session
// scope, a value type cereal cannot serialise (named, with how to fix it).
void check_persist(Persist persist, std::string_view name, Scope scope, const ValueCodec& codec);

// Loader signature deduction (non-generic callables and function pointers).
template <class F>
struct loader_traits : loader_traits<decltype(&F::operator())> {};
template <class R, class... A>
struct loader_traits<R (*)(A...)> {
    using result = R;
    using params = std::tuple<A...>;
};
template <class R, class... A>
struct loader_traits<R (*)(A...) noexcept> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...)> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...) const> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...) noexcept> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...) const noexcept> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...)&> : loader_traits<R (*)(A...)> {};
template <class C, class R, class... A>
struct loader_traits<R (C::*)(A...) const&> : loader_traits<R (*)(A...)> {};

template <class F>
concept NonGenericLoader = std::is_function_v<std::remove_pointer_t<F>> || requires {
    &F::operator();
};

template <class T>
inline constexpr bool is_cached_v = false;
template <class T>
inline constexpr bool is_cached_v<Cached<T>> = true;
template <class T>
inline constexpr bool is_shared_ptr_v = false;
template <class T>
inline constexpr bool is_shared_ptr_v<std::shared_ptr<T>> = true;

// Hash one argument as the loader's parameter type P: f(1) and f(1.0) share an entry when the
// loader takes a double; strings of any form hash alike without building a std::string.
// A Cached<T> argument hashes as its producing entry's identity (O(1)).
template <class P, class A>
void append_arg(Hasher& h, const A& a) {
    using DP = std::remove_cvref_t<P>;
    using DA = std::remove_cvref_t<A>;
    if constexpr (std::is_same_v<DP, DA> || is_unhashed_v<DA> || is_keyed_v<DA> || is_cached_v<DA>)
        h(a);
    else if constexpr (std::is_convertible_v<const A&, std::string_view> &&
                       std::is_convertible_v<std::string_view, DP>)
        h(std::string_view(a));
    else if constexpr (std::is_arithmetic_v<DP> && std::is_arithmetic_v<DA>)
        h(static_cast<DP>(a));
    else if constexpr (std::is_constructible_v<DP, const A&> && Hashable<DP>)
        h(DP(a));
    else
        h(a);
}

// The size of an argument's encoding when it is a fixed-size scalar as append_arg hashes it
// (the same type, or an arithmetic conversion, or a Cached<T>), else 0.
template <class P, class A>
consteval std::size_t fixed_arg_size() {
    using DP = std::remove_cvref_t<P>;
    using DA = std::remove_cvref_t<A>;
    if constexpr (is_cached_v<DA>)
        return 1 + fixed_size<std::uint64_t>(); // user tag, then the origin (see Cached)
    else if constexpr (is_unhashed_v<DA> || is_keyed_v<DA>)
        return 0;
    else if constexpr (std::is_same_v<DP, DA>)
        return fixed_size<DA>();
    else if constexpr (std::is_convertible_v<const A&, std::string_view> &&
                       std::is_convertible_v<std::string_view, DP>)
        return 0;
    else if constexpr (std::is_arithmetic_v<DP> && std::is_arithmetic_v<DA>)
        return fixed_size<DP>();
    else
        return 0;
}
// Writes what append_arg<P>(h, a) appends, for a fixed-size argument.
template <class P, class A>
unsigned char* put_fixed_arg(unsigned char* out, const A& a);

// (GCC's sanitizer builds warn that the Hasher's deliberately lazy XXH3 state "may be used
// uninitialized"; it is only read after start() sets it up.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
// The key of a call, through a Hasher (any arguments).
template <class... P, class... A>
Hash128 hash_call_streamed(std::tuple<P...>*, const A&... a) {
    Hasher h;
    h.put_tag_u64(HashTag::args, sizeof...(A));
    (append_arg<P>(h, a), ...);
    return h.digest();
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// The key of a call whose arguments are all fixed-size scalars: the same bytes, encoded into
// a buffer of constant size and hashed in one XXH3 call (the cache hit's usual case).
template <class... P, class... A>
Hash128 hash_call_fixed(std::tuple<P...>*, const A&... a) {
    constexpr std::size_t n = 9 + (fixed_arg_size<P, A>() + ... + 0);
    unsigned char buf[n];
    [[maybe_unused]] unsigned char* out = put_fixed_tag_u64(buf, HashTag::args, sizeof...(A));
    ((out = put_fixed_arg<P>(out, a)), ...);
    const XXH128_hash_t r = XXH3_128bits(buf, n);
    return {r.low64, r.high64};
}

// The key of a call: the digest of `args` tag, arity and each argument as append_arg hashes it.
template <class... P, class... A>
Hash128 hash_call(std::tuple<P...>* params, const A&... a) {
    if constexpr (((fixed_arg_size<P, A>() != 0) && ...) &&
                  9 + (fixed_arg_size<P, A>() + ... + 0) <= Hasher::kInlineBytes)
        return hash_call_fixed(params, a...);
    else
        return hash_call_streamed(params, a...);
}

// How an argument reaches a loader parameter. P: the loader's parameter type; A: the argument
// as passed (a forwarding-reference type: U& for an lvalue, U for an rvalue).
//   Stored     what an asynchronous request keeps, made on the calling thread by store(a)
//   give(s)    what the loader receives from it, on the worker
//   direct(a)  what the loader receives when it runs inline (blocking, nested, plain thread):
//              the caller's argument itself, never a copy
enum class ArgKind {
    plain,        // stored as the parameter's value type: copied (or converted) from the argument
    cached_value, // Cached<T> for a T parameter: the handle is kept, the loader gets *handle
    shared_data,  // keyed/unhashed(shared_ptr<T>) for a T parameter: the pointer is kept
    moved,        // keyed/unhashed(rvalue): the value is moved into the request
    copied,       // keyed/unhashed(lvalue): only a copy could be kept
};
template <class P, class A>
consteval ArgKind arg_kind() {
    using DP = std::remove_cvref_t<P>;
    using DA = std::remove_cvref_t<A>;
    if constexpr (is_cached_v<DA>) {
        return is_cached_v<DP> ? ArgKind::plain : ArgKind::cached_value;
    } else if constexpr (is_keyed_v<DA> || is_unhashed_v<DA>) {
        using Held = decltype(DA::value); // U& (made from an lvalue) or U (from an rvalue)
        if constexpr (is_shared_ptr_v<std::remove_cvref_t<Held>>)
            // A shared_ptr is kept as such (a handle copy, never the data it points to).
            return is_shared_ptr_v<DP> ? ArgKind::plain : ArgKind::shared_data;
        else if constexpr (!std::is_reference_v<Held> && !std::is_lvalue_reference_v<A>)
            return ArgKind::moved;
        else
            return ArgKind::copied;
    } else {
        return ArgKind::plain;
    }
}

template <class P, class A, ArgKind K>
struct ArgStored { // plain, moved, copied: the parameter's value type
    using type = std::remove_cvref_t<P>;
};
template <class P, class A>
struct ArgStored<P, A, ArgKind::cached_value> { // the Cached handle
    using type = std::remove_cvref_t<A>;
};
template <class P, class A>
struct ArgStored<P, A, ArgKind::shared_data> { // the shared_ptr inside keyed/unhashed
    using type = std::remove_cvref_t<decltype(std::remove_cvref_t<A>::value)>;
};

template <class P, class A, ArgKind K = arg_kind<P, A>()>
struct ArgPass {
    using DA = std::remove_cvref_t<A>;
    using Stored = typename ArgStored<P, A, K>::type;
    // keyed(x, v) with x an lvalue: an asynchronous request would have to copy x on the UI
    // thread. That copy is refused (an error in place) rather than made silently.
    static constexpr bool refuses_copy = K == ArgKind::copied && is_keyed_v<DA>;

    static Stored store(std::remove_reference_t<A>& a) {
        if constexpr (K == ArgKind::cached_value)
            return a;
        else if constexpr (K == ArgKind::shared_data)
            return a.value;
        else if constexpr (K == ArgKind::moved)
            return Stored(std::move(a.value));
        else
            return Stored(unwrap_arg(a));
    }
    static decltype(auto) give(Stored& s) {
        if constexpr (K == ArgKind::cached_value || K == ArgKind::shared_data)
            return *s;
        else
            return static_cast<P&&>(s);
    }
    static decltype(auto) direct(std::remove_reference_t<A>& a) {
        if constexpr (K == ArgKind::cached_value)
            return *a;
        else if constexpr (K == ArgKind::shared_data)
            return *a.value;
        else
            return unwrap_arg(a);
    }
};

// Access to a Cached's state for the chained-input check.
struct CachedAccess {
    template <class T>
    static const std::shared_ptr<const CallInfo>& info(const Cached<T>& c) {
        return c.info_;
    }
    template <class T>
    static std::uint64_t origin(const Cached<T>& c) {
        return c.origin_;
    }
};

template <class P, class A>
unsigned char* put_fixed_arg(unsigned char* out, const A& a) {
    using DP = std::remove_cvref_t<P>;
    using DA = std::remove_cvref_t<A>;
    if constexpr (is_cached_v<DA>) {
        out[0] = static_cast<unsigned char>(HashTag::user); // Cached's hash_append: its origin
        return put_fixed(out + 1, CachedAccess::origin(a));
    } else if constexpr (std::is_same_v<DP, DA>) {
        return put_fixed(out, a);
    } else {
        return put_fixed(out, static_cast<DP>(a)); // arithmetic, as append_arg converts
    }
}

// The state of the Cached<T> arguments of a call: ready when all are (or there are none);
// else the first one that is not, with a message for a failed one.
struct InputState {
    CachedState state = CachedState::ready;
    std::shared_ptr<const CallInfo> info;
};
std::shared_ptr<const CallInfo> failed_input_info(const FunctionCore& core, std::size_t index,
                                                  const CallInfo* input);
template <class A>
void check_input(const FunctionCore& core, std::size_t index, const A& a, InputState& out) {
    if constexpr (is_cached_v<A>) {
        if (out.state != CachedState::ready || a.ready()) return;
        out.state = a.failed() ? CachedState::failed : CachedState::pending;
        out.info = a.failed() ? failed_input_info(core, index, CachedAccess::info(a).get())
                              : pending_info(core);
    }
}

std::string keyed_copy_message(const FunctionCore& core, std::size_t index);

} // namespace detail

// [SECTION] CachedFunction, cache_resource, cache_data ---------------------------------------

// What cache_resource / cache_data return. Copies share one cache. Call it like the loader.
template <class F, bool Resource>
class CachedFunction {
    using Traits = detail::loader_traits<F>;
    using Params = typename Traits::params;
    using Result = std::remove_cvref_t<typename Traits::result>;
    static_assert(!std::is_void_v<Result>, "imlit: a cached loader must return a value");

public:
    using value_type = std::conditional_t<Resource, Result, const Result>;

    CachedFunction(F loader, detail::CoreOptions options, std::function<bool(void*)> validate,
                   std::function<void(Result&)> on_release)
        : loader_(std::make_shared<F>(std::move(loader))),
          on_release_(on_release
                          ? std::make_shared<std::function<void(Result&)>>(std::move(on_release))
                          : nullptr),
          core_(detail::make_core(std::move(options), std::move(validate))) {}

    // Look up (or start loading) the entry for these arguments. See Cached<T>. From a thread
    // with no imlit context (a plain std::thread) the loader runs right there, without display,
    // and sees every widget at its default value: its entry is the default state's and never
    // replaces another widget state's (docs/caching.md, "Plain threads").
    template <class... A>
    Cached<value_type> operator()(A&&... args) const {
        static_assert(sizeof...(A) == std::tuple_size_v<Params>,
                      "imlit: a cached function takes the same number of arguments as its loader");
        using Seq = std::make_index_sequence<sizeof...(A)>;
        if constexpr ((detail::is_cached_v<std::remove_cvref_t<A>> || ...)) {
            detail::InputState input;
            std::size_t i = 0;
            (detail::check_input(*core_, i++, args, input), ...);
            if (input.state != detail::CachedState::ready)
                return Cached<value_type>(nullptr, std::move(input.info), input.state);
        }
        const Hash128 key = detail::hash_call(static_cast<Params*>(nullptr), args...);
        std::uint64_t serial = 0;
        if (const std::shared_ptr<void>* hot = detail::hot_hit(*core_, key, serial))
            return Cached<value_type>(std::static_pointer_cast<value_type>(*hot), nullptr,
                                      detail::CachedState::ready, serial);
        auto make_load = [&]() -> detail::AsyncLoad { return make_async<A...>(Seq{}, args...); };
        auto direct = [&]() -> detail::LoadResult { return run_direct<A...>(Seq{}, args...); };
        detail::CallResult r = detail::call(*core_, core_, key, make_load, direct);
        return Cached<value_type>(std::static_pointer_cast<value_type>(std::move(r.value)),
                                  std::move(r.info), r.state, r.origin);
    }

    // Drop every entry (and remembered failure) of this function; its loads in flight are
    // cancelled and their results discarded. O(1) for the caller: freed on a worker when large.
    void clear() const { detail::clear(*core_); }
    // Drop the entries for these arguments (every widget state, every session).
    template <class... A>
    requires(sizeof...(A) > 0) void clear(A&&... args) const {
        static_assert(sizeof...(A) == std::tuple_size_v<Params>,
                      "imlit: clear(args...) takes the same arguments as the loader");
        detail::clear(*core_, detail::hash_call(static_cast<Params*>(nullptr), args...));
    }
    CacheStats stats() const { return detail::stats(*core_); }
    // Every stored entry (and remembered failure) with its widget path, size, age, ttl left,
    // hits, load time and where it lives (R17). Takes the function's lock briefly; for
    // inspection, not for every frame.
    std::vector<EntryInfo> entries() const { return detail::entries(*core_); }
    const std::string& name() const { return detail::name(*core_); }

private:
    // Wrap the loader's result as a shared object (released on the UI thread when on_release
    // is set) and measure it.
    detail::LoadResult wrap(Result&& value) const {
        detail::LoadResult out;
        out.bytes = detail::size_of(value);
        if (on_release_) {
            auto release = on_release_;
            std::weak_ptr<const detail::FunctionCore> core = core_; // names it in error reports
            out.value =
                std::shared_ptr<Result>(new Result(std::move(value)), [release, core](Result* p) {
                    release_on_ui_thread(p, release, core);
                });
        } else {
            out.value = std::make_shared<Result>(std::move(value));
        }
        return out;
    }
    static void release_on_ui_thread(Result* p,
                                     std::shared_ptr<std::function<void(Result&)>> release,
                                     std::weak_ptr<const detail::FunctionCore> core);

    template <std::size_t I, class A>
    using Pass = detail::ArgPass<std::tuple_element_t<I, Params>, A>;

    // Inline run: the loader gets the caller's own arguments (values of Cached inputs).
    template <class... A, std::size_t... I>
    detail::LoadResult run_direct(std::index_sequence<I...>,
                                  std::remove_reference_t<A>&... args) const {
        return wrap(Result((*loader_)(Pass<I, A>::direct(args)...)));
    }

    // Asynchronous run: the arguments are stored in the request (see detail::ArgPass).
    template <class... A, std::size_t... I>
    detail::AsyncLoad make_async(std::index_sequence<I...>,
                                 std::remove_reference_t<A>&... args) const {
        if constexpr ((Pass<I, A>::refuses_copy || ...)) {
            constexpr bool refused[] = {Pass<I, A>::refuses_copy...};
            std::size_t first = 0;
            while (!refused[first])
                ++first;
            return {nullptr, detail::keyed_copy_message(*core_, first)};
        } else {
            using Stored = std::tuple<typename Pass<I, A>::Stored...>;
            auto stored = std::make_shared<Stored>(Pass<I, A>::store(args)...);
            return {[self = *this, stored]() -> detail::LoadResult {
                        return self.wrap(
                            Result((*self.loader_)(Pass<I, A>::give(std::get<I>(*stored))...)));
                    },
                    {}};
        }
    }

    std::shared_ptr<F> loader_;
    std::shared_ptr<std::function<void(Result&)>> on_release_;
    std::shared_ptr<detail::FunctionCore> core_;
};

namespace detail {
// Queue `task` (an on_release call) for the UI thread. An exception it throws is caught there
// and reported once (stderr and a toast), naming `core`'s function; other tasks still run.
void post_release(std::weak_ptr<const FunctionCore> core, std::function<void()> task);
} // namespace detail

template <class F, bool Resource>
void CachedFunction<F, Resource>::release_on_ui_thread(
    Result* p, std::shared_ptr<std::function<void(Result&)>> release,
    std::weak_ptr<const detail::FunctionCore> core) {
    // Owned by a shared holder so the object is still freed if the task never runs (the
    // process ends before another frame).
    struct Holder {
        std::unique_ptr<Result> object;
        std::shared_ptr<std::function<void(Result&)>> release;
        void run() {
            if (object) (*release)(*object);
            object.reset();
        }
    };
    auto holder = std::make_shared<Holder>(Holder{std::unique_ptr<Result>(p), std::move(release)});
    detail::post_release(std::move(core), [holder] { holder->run(); });
}

// A cached shared object per key (models, connections, GPU resources): Cached<R> holds a
// std::shared_ptr<R> shared by every caller. R is the loader's return type (the loader must
// not be a generic lambda).
template <class F>
requires detail::NonGenericLoader<F>
auto cache_resource(
    F loader,
    ResourceOptions<std::remove_cvref_t<typename detail::loader_traits<F>::result>> options = {}) {
    using R = std::remove_cvref_t<typename detail::loader_traits<F>::result>;
    detail::CoreOptions core{std::move(options.name),
                             options.ttl,
                             options.max_entries,
                             options.max_bytes,
                             options.blocking,
                             options.show_spinner,
                             std::move(options.spinner_text),
                             options.allow_widgets,
                             options.scope,
                             options.retry_after,
                             options.version,
                             options.max_concurrency,
                             options.keep_running_unseen,
                             true,
                             options.refresh,
                             Persist::none,
                             nullptr};
    std::function<bool(void*)> validate;
    if (options.validate)
        validate = [v = std::move(options.validate)](void* p) { return v(*static_cast<R*>(p)); };
    return CachedFunction<F, true>(std::move(loader), std::move(core), std::move(validate),
                                   std::move(options.on_release));
}

// A cached immutable value per key (data frames, computed results): Cached<const D> holds a
// std::shared_ptr<const D>, shared without copying.
template <class F>
requires detail::NonGenericLoader<F>
auto cache_data(F loader, DataOptions options = {}) {
    using D = std::remove_cvref_t<typename detail::loader_traits<F>::result>;
    auto codec = detail::make_value_codec<D>();
    detail::check_persist(options.persist, options.name, options.scope, *codec);
    detail::CoreOptions core{std::move(options.name),
                             options.ttl,
                             options.max_entries,
                             options.max_bytes,
                             options.blocking,
                             options.show_spinner,
                             std::move(options.spinner_text),
                             options.allow_widgets,
                             options.scope,
                             options.retry_after,
                             options.version,
                             options.max_concurrency,
                             options.keep_running_unseen,
                             false,
                             options.refresh,
                             options.persist,
                             options.persist == Persist::disk ? std::move(codec) : nullptr};
    return CachedFunction<F, false>(std::move(loader), std::move(core), {}, {});
}

// cache_data with persist = P set for you, checked at compile time: with Persist::disk, a value
// type that cereal cannot serialise is a compile error naming it.
//   static auto load = imlit::cache_data<imlit::Persist::disk>(read_it, {.name = "read_it"});
template <Persist P, class F>
requires detail::NonGenericLoader<F>
auto cache_data(F loader, DataOptions options = {}) {
    using D = std::remove_cvref_t<typename detail::loader_traits<F>::result>;
    if constexpr (P == Persist::disk) static_cast<void>(detail::PersistableCheck<D>{});
    options.persist = P;
    return cache_data(std::move(loader), std::move(options));
}

} // namespace imlit
