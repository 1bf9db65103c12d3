// imlit cache internals — the disk side of Persist::disk (see persist_store.hpp).
//
// Index
//   [SECTION] The cache directory
//   [SECTION] File operations (errno, test hooks)
//   [SECTION] The writer thread
//   [SECTION] Warnings and the index
//   [SECTION] Reading an entry back
//   [SECTION] Writing an entry, the disk budget
//   [SECTION] Clears
//   [SECTION] Public controls
#include "cache/persist_store.hpp"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <optional>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <xxhash.h>

#include "cache/function_core.hpp"
#include "cache/persist_format.hpp"
#include "cache/registry.hpp"

namespace fs = std::filesystem;

namespace imlit::detail {
namespace {

constexpr std::size_t kDefaultDiskBudget = std::size_t(1) << 30; // 1 GiB per app
constexpr std::size_t kPrefixRead = 64 * 1024; // enough for the widget reads of almost any entry
constexpr const char* kEntrySuffix = ".imc";
constexpr const char* kTempMarker = ".tmp.";

// [SECTION] The cache directory --------------------------------------------------------------

struct DirConfig {
    std::mutex mutex;
    std::string chosen;           // set_cache_dir ("": default)
    std::uint64_t generation = 1; // bumped by set_cache_dir
    std::atomic<std::size_t> budget{kDefaultDiskBudget};
};
DirConfig& dir_config() {
    static auto* c = new DirConfig(); // never destroyed (the writer thread may use it at exit)
    return *c;
}

std::string app_name() {
    const char* n = program_invocation_short_name;
    return n && *n ? n : "app";
}

std::string default_dir() {
    if (const char* env = std::getenv("IMLIT_CACHE_DIR"); env && *env) return env;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg && xdg[0] == '/')
        return (fs::path(xdg) / "imlit" / app_name()).string();
    const char* home = std::getenv("HOME");
    return (fs::path(home && *home ? home : "/tmp") / ".cache" / "imlit" / app_name()).string();
}

std::pair<std::string, std::uint64_t> resolved_dir() {
    DirConfig& c = dir_config();
    std::lock_guard lock(c.mutex);
    return {c.chosen.empty() ? default_dir() : c.chosen, c.generation};
}

std::string hex(Hash128 h) {
    return fmt::format("{:016x}{:016x}", h.hi, h.lo);
}

// A folder name from a function name: letters, digits, '-', '_' kept, the rest '_', plus the
// hash of the exact name (two names that sanitise alike still differ), the version and the
// hash encoding's version (keys made by another encoding are never looked at).
std::string function_folder(const PersistState& ps) {
    std::string s;
    for (char ch : ps.name.substr(0, 48)) {
        const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                          (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        s.push_back(keep ? ch : '_');
    }
    return fmt::format("{}-{:016x}-v{}-h{}", s, ps.fn_id, ps.version, kHashEncodingVersion);
}

std::int64_t wall_now_ns() {
    if (const auto& hook = persist_hooks().wall_ns) return hook();
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// [SECTION] File operations (errno, test hooks) ------------------------------------------------

int hook_error(std::string_view op, const std::string& path) {
    const auto& fail = persist_hooks().fail;
    return fail ? fail(op, path) : 0;
}

std::string errno_text(int e) {
    return std::strerror(e);
}

// The whole file, or its first `limit` bytes. nullopt and `err` set on failure (ENOENT: gone).
std::optional<std::string> read_file(const std::string& path, std::size_t limit, int& err) {
    err = hook_error("read", path);
    if (err != 0) return std::nullopt;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        err = errno;
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        err = S_ISDIR(st.st_mode) ? EISDIR : (errno ? errno : EINVAL);
        ::close(fd);
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    std::string out(std::min(size, limit), '\0');
    std::size_t got = 0;
    while (got < out.size()) {
        const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            err = errno;
            ::close(fd);
            return std::nullopt;
        }
        if (n == 0) break; // shrank meanwhile (replaced files are renamed, never truncated)
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    out.resize(got);
    return out;
}

// Write `data` to `path` atomically: a temporary file in the same folder, fsync, rename. 0 or
// an errno.
int write_atomically(const std::string& path, std::string_view data) {
    static std::atomic<std::uint64_t> counter{0};
    const std::string tmp =
        fmt::format("{}{}{}.{}", path, kTempMarker, ::getpid(), counter.fetch_add(1));
    int err = hook_error("open", tmp);
    const int fd = err ? -1 : ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return err ? err : errno;
    std::size_t done = 0;
    while (err == 0 && done < data.size()) {
        err = hook_error("write", tmp);
        if (err) break;
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0)
            err = errno;
        else
            done += static_cast<std::size_t>(n);
    }
    if (err == 0) err = hook_error("fsync", tmp);
    if (err == 0 && ::fsync(fd) != 0) err = errno;
    if (::close(fd) != 0 && err == 0) err = errno;
    if (err == 0) err = hook_error("rename", path);
    if (err == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) err = errno;
    if (err != 0) ::unlink(tmp.c_str());
    return err;
}

// The file was used now (LRU by access for the disk budget): its mtime is its last use.
void touch(const std::string& path) {
    ::utimensat(AT_FDCWD, path.c_str(), nullptr, 0);
}

// [SECTION] The writer thread ---------------------------------------------------------------

class Writer {
public:
    static Writer& get() {
        static auto* w = new Writer(); // never destroyed: its thread is detached
        return *w;
    }
    void post(std::function<void()> job) {
        {
            std::lock_guard lock(mutex_);
            jobs_.push_back(std::move(job));
            ++queued_;
            if (!started_) {
                started_ = true;
                std::thread([this] { loop(); }).detach();
            }
        }
        cv_.notify_all();
    }
    void flush() {
        std::unique_lock lock(mutex_);
        const std::uint64_t target = queued_;
        done_cv_.wait(lock, [&] { return done_ >= target; });
    }

private:
    void loop() {
        std::unique_lock lock(mutex_);
        for (;;) {
            cv_.wait(lock, [&] { return !jobs_.empty(); });
            std::function<void()> job = std::move(jobs_.front());
            jobs_.pop_front();
            lock.unlock();
            try {
                job();
            } catch (const std::exception& e) { // never lose the writer to one bad job
                cache_warning(fmt::format("imlit: disk cache: {}", e.what()));
            }
            job = nullptr; // values and recordings it held are freed here, unlocked
            lock.lock();
            ++done_;
            done_cv_.notify_all();
        }
    }
    std::mutex mutex_; // leaf lock
    std::condition_variable cv_, done_cv_;
    std::deque<std::function<void()>> jobs_;
    std::uint64_t queued_ = 0, done_ = 0;
    bool started_ = false;
};

// Writer thread only: bytes in the cache directory `dir` (nullopt: not counted yet).
struct Budget {
    std::optional<std::size_t> total;
    std::string dir;
};
Budget& budget_state() {
    static auto* b = new Budget();
    return *b;
}

// [SECTION] Warnings and the index ---------------------------------------------------------

// One warning per `what` per function (a bad file is warned about once, however often it is
// met).
void warn(PersistState& ps, const std::string& what, const std::string& message) {
    {
        std::lock_guard lock(ps.mutex);
        if (!ps.warned.insert(what).second) return;
    }
    ps.disk_warnings.fetch_add(1, std::memory_order_relaxed);
    cache_warning(fmt::format("imlit: {}: {}", ps.name, message));
}

bool parse_hex(std::string_view s, std::uint64_t& out) {
    if (s.size() != 16) return false;
    out = 0;
    for (char c : s) {
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0) return false;
        out = out << 4 | static_cast<std::uint64_t>(d);
    }
    return true;
}

// "<args hi><args lo>-<position hi><position lo>.imc"
bool parse_entry_name(std::string_view name, Hash128& args, Hash128& position) {
    const std::string_view suffix = kEntrySuffix;
    if (name.size() != 65 + suffix.size() || name.substr(65) != suffix || name[32] != '-')
        return false;
    return parse_hex(name.substr(0, 16), args.hi) && parse_hex(name.substr(16, 16), args.lo) &&
           parse_hex(name.substr(33, 16), position.hi) &&
           parse_hex(name.substr(49, 16), position.lo);
}

std::string entry_name(Hash128 args, Hash128 position) {
    return hex(args) + "-" + hex(position) + kEntrySuffix;
}

// Resolve the folder (again, when the cache directory changed) and list it once. Caller holds
// ps.mutex. (A directory listing, names only: the "index" read before any value.)
void ensure_index(PersistState& ps) {
    auto [root, generation] = resolved_dir();
    if (ps.indexed && ps.dir_generation == generation) return;
    ps.dir = (fs::path(root) / function_folder(ps)).string();
    ps.dir_generation = generation;
    ps.index.clear();
    ps.indexed = true;
    std::error_code ec;
    for (fs::directory_iterator it(ps.dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        Hash128 args, position;
        if (parse_entry_name(name, args, position))
            ps.index[args].push_back(DiskRef{name, position, {}, false});
    }
}

void forget(PersistState& ps, Hash128 args, const std::string& file) {
    std::lock_guard lock(ps.mutex);
    auto it = ps.index.find(args);
    if (it == ps.index.end()) return;
    std::erase_if(it->second, [&](const DiskRef& r) { return r.file == file; });
    if (it->second.empty()) ps.index.erase(it);
}

// [SECTION] Reading an entry back -------------------------------------------------------------

Hash128 position_of(const RootKey& root, const std::vector<WidgetRead>& reads) {
    Hash128 p = root_position(root);
    for (const WidgetRead& r : reads)
        p = step_position(p, r.id, r.value);
    return p;
}

bool reads_match(const std::vector<WidgetRead>& reads, const WidgetValueOf& value_of) {
    for (const WidgetRead& r : reads)
        if (value_of(r.id, r.default_value) != r.value) return false;
    return true;
}

void delete_later(std::string path) {
    Writer::get().post([path = std::move(path)] {
        std::error_code ec;
        fs::remove(path, ec);
        budget_state().total.reset(); // count again at the next write
    });
}

// Why a file cannot be used; "" when it can. Fills `reads` from the file's payload prefix.
std::string read_reads(const std::string& path, std::vector<WidgetRead>& reads, int& err) {
    std::optional<std::string> head = read_file(path, kPrefixRead, err);
    if (!head) return "cannot read it";
    try {
        parse_envelope(*head);
        try {
            reads = parse_reads(std::string_view(*head).substr(kEnvelopeSize));
        } catch (const FormatError&) {
            head = read_file(path, SIZE_MAX, err); // reads longer than the prefix
            if (!head) return "cannot read it";
            reads = parse_reads(std::string_view(*head).substr(kEnvelopeSize));
        }
    } catch (const FormatError& e) {
        return e.what();
    }
    return {};
}

} // namespace

std::shared_ptr<PersistState> make_persist_state(const CoreOptions& options) {
    auto ps = std::make_shared<PersistState>();
    ps->name = options.name;
    ps->version = options.version;
    // Keys are argument hashes: files made with another hash encoding never match (seed).
    ps->fn_id =
        XXH3_64bits_withSeed(options.name.data(), options.name.size(), kHashEncodingVersion);
    ps->ttl = options.ttl;
    ps->background = options.refresh == Refresh::background;
    ps->codec = options.codec;
    return ps;
}

bool restore_from_disk(FunctionCore& core, const RootKey& root, Site site,
                       const std::shared_ptr<ClockDomain>& clock, TimePoint now,
                       const WidgetValueOf& value_of) {
    PersistState& ps = *core.persist;
    std::vector<DiskRef> refs;
    std::string dir;
    {
        std::lock_guard lock(ps.mutex);
        ensure_index(ps);
        auto it = ps.index.find(root.args);
        if (it == ps.index.end()) return false;
        refs = it->second;
        dir = ps.dir;
    }
    for (DiskRef& ref : refs) {
        const std::string path = (fs::path(dir) / ref.file).string();
        int err = 0;
        if (!ref.have_reads) {
            const std::string why = read_reads(path, ref.reads, err);
            if (err == ENOENT) { // deleted meanwhile (budget, clear, another process)
                forget(ps, root.args, ref.file);
                continue;
            }
            if (!why.empty()) {
                warn(ps, path,
                     fmt::format("cache file {}: {}{}; ignored (a miss)", path, why,
                                 err ? " (" + errno_text(err) + ")" : std::string()));
                forget(ps, root.args, ref.file);
                continue;
            }
            std::lock_guard lock(ps.mutex);
            if (auto it = ps.index.find(root.args); it != ps.index.end())
                for (DiskRef& r : it->second)
                    if (r.file == ref.file) {
                        r.reads = ref.reads;
                        r.have_reads = true;
                    }
        }
        if (!reads_match(ref.reads, value_of)) continue;

        // This is the entry for the current widget values: read and check all of it.
        std::optional<std::string> file = read_file(path, SIZE_MAX, err);
        std::string why;
        std::shared_ptr<Entry> e;
        if (!file) {
            if (err == ENOENT) {
                forget(ps, root.args, ref.file);
                continue;
            }
            why = "cannot read it (" + errno_text(err) + ")";
        } else {
            try {
                DecodedEntry d = decode_entry(*file);
                if (d.env.fn_id != ps.fn_id || d.env.fn_version != ps.version ||
                    d.env.args != root.args || d.env.position != position_of(root, d.reads) ||
                    d.env.position != ref.position)
                    throw FormatError("it belongs to another function, version or key");
                const std::int64_t age = wall_now_ns() - d.env.created_ns;
                if (d.env.ttl_ns > 0 && age >= d.env.ttl_ns) { // expired on disk: not an error
                    forget(ps, root.args, ref.file);
                    delete_later(path);
                    continue;
                }
                LoadResult value = ps.codec->load(d.value);
                auto rec = load_recording(d.recording, site, std::move(d.reads));
                e = std::make_shared<Entry>();
                e->value = std::move(value.value);
                e->root = root;
                e->position = d.env.position;
                e->serial = registry().next_serial.fetch_add(1, std::memory_order_relaxed);
                e->clock = clock;
                e->inserted = now;
                const std::int64_t lived = std::max<std::int64_t>(age, 0);
                if (d.env.ttl_ns > 0)
                    e->expires = now + std::chrono::nanoseconds(d.env.ttl_ns - lived);
                if (d.env.ttl_ns > 0 && core.opt.refresh == Refresh::background)
                    e->stale_at = now + std::chrono::nanoseconds(d.env.ttl_ns / 2 - lived);
                e->inserted_epoch = frame_epoch();
                e->used_epoch.store(e->inserted_epoch, std::memory_order_relaxed);
                e->frame_use_epoch.store(e->inserted_epoch, std::memory_order_relaxed);
                e->replay_needed = rec->size() > 0;
                e->from_disk = true;
                e->frames_used.store(1, std::memory_order_relaxed);
                e->bytes = value.bytes + rec->byte_size() + sizeof(Entry) + sizeof(Node) +
                           64 * rec->reads().size();
                e->rec = std::move(rec);
            } catch (const std::exception& x) {
                why = x.what();
            }
        }
        if (!e) {
            warn(ps, path, fmt::format("cache file {}: {}; ignored (a miss)", path, why));
            forget(ps, root.args, ref.file);
            continue;
        }
        touch(path);
        Victims victims;
        {
            std::unique_lock lock(core.mutex);
            if (e->expires != kNever) lower_earliest_expiry(*e->timed_by(), e->expires);
            core.trie.insert(e, victims);
            enforce_function_bounds(core, victims);
        }
        release(std::move(victims));
        enforce_budget();
        ps.disk_hits.fetch_add(1, std::memory_order_relaxed);
        return true;
    }
    return false;
}

// [SECTION] Writing an entry, the disk budget ------------------------------------------------

namespace {

// Writer thread. Delete the least recently used files of the whole cache directory until it
// fits the budget; `keep` (the file just written) is never deleted.
void enforce_disk_budget(const std::string& root, const std::string& keep) {
    Budget& b = budget_state();
    const std::size_t budget = dir_config().budget.load();
    if (b.dir != root) {
        b.dir = root;
        b.total.reset();
    }
    struct File {
        fs::path path;
        std::size_t size;
        fs::file_time_type used;
    };
    std::vector<File> files;
    auto scan = [&] {
        files.clear();
        std::size_t total = 0;
        std::error_code ec;
        for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end;
             it.increment(ec)) {
            std::error_code e2;
            if (!it->is_regular_file(e2)) continue;
            const std::string name = it->path().filename().string();
            if (!name.ends_with(kEntrySuffix) && name.find(kTempMarker) == std::string::npos)
                continue;
            const std::size_t size = static_cast<std::size_t>(it->file_size(e2));
            total += size;
            files.push_back({it->path(), size, it->last_write_time(e2)});
        }
        return total;
    };
    if (!b.total) b.total = scan();
    if (*b.total <= budget) return;
    std::size_t total = scan();
    std::sort(files.begin(), files.end(),
              [](const File& x, const File& y) { return x.used < y.used; });
    for (const File& f : files) {
        if (total <= budget) break;
        if (f.path.string() == keep) continue;
        std::error_code ec;
        if (fs::remove(f.path, ec)) total -= f.size;
    }
    b.total = total;
}

} // namespace

void persist_entry(const FunctionCore& core, const std::shared_ptr<Entry>& e) {
    std::shared_ptr<PersistState> ps = core.persist;
    if (!ps || !e->value) return;
    const std::int64_t created = wall_now_ns();
    // Named by its full trie position (arguments + the widget values read): one file per entry,
    // whatever position its load was requested at.
    Writer::get().post([ps, value = e->value, rec = e->rec, root = e->root,
                        position = position_of(e->root, e->reads()), created] {
        std::string rec_bytes;
        if (rec) {
            const std::string refused = save_recording(*rec, rec_bytes);
            if (!refused.empty()) {
                warn(*ps, "unsaveable recording",
                     fmt::format("an entry's recording holds {}, which cannot be saved to disk: "
                                 "such entries of {} are kept in memory only",
                                 refused, ps->name));
                return;
            }
        }
        std::string value_bytes;
        try {
            ps->codec->save(value.get(), value_bytes);
        } catch (const std::exception& x) {
            warn(*ps, "unsaveable value",
                 fmt::format("a value could not be saved ({}): kept in memory only", x.what()));
            return;
        }
        Envelope env;
        env.fn_version = ps->version;
        env.fn_id = ps->fn_id;
        env.args = root.args;
        env.position = position;
        env.created_ns = created;
        // The entry's whole life on disk: 2 x ttl with Refresh::background (stale from ttl on).
        env.ttl_ns = ps->ttl.count() > 0
                         ? std::chrono::duration_cast<std::chrono::nanoseconds>(ps->ttl).count() *
                               (ps->background ? 2 : 1)
                         : 0;
        const std::vector<WidgetRead> reads = rec ? rec->reads() : std::vector<WidgetRead>{};
        const std::string bytes = encode_entry(env, reads, rec_bytes, value_bytes);
        rec_bytes.clear();
        value_bytes.clear();

        std::string dir;
        {
            std::lock_guard lock(ps->mutex);
            ensure_index(*ps);
            dir = ps->dir;
        }
        const std::string file = entry_name(root.args, position);
        const std::string path = (fs::path(dir) / file).string();
        std::error_code ec;
        fs::create_directories(dir, ec);
        std::error_code old_ec;
        const auto old_size = fs::file_size(path, old_ec);
        const int err = ec ? ec.value() : write_atomically(path, bytes);
        if (err != 0) {
            warn(*ps, path,
                 fmt::format("cannot write cache file {}: {}; the entry is kept in memory only",
                             path, errno_text(err)));
            return;
        }
        ps->disk_writes.fetch_add(1, std::memory_order_relaxed);
        {
            std::lock_guard lock(ps->mutex);
            auto& refs = ps->index[root.args];
            auto it = std::find_if(refs.begin(), refs.end(),
                                   [&](const DiskRef& r) { return r.file == file; });
            if (it == refs.end()) it = refs.insert(refs.end(), DiskRef{file, position, {}, false});
            it->reads = reads;
            it->have_reads = true;
        }
        Budget& b = budget_state();
        const std::string root_dir = fs::path(dir).parent_path().string();
        if (b.total && b.dir == root_dir)
            *b.total += bytes.size() - (old_ec ? 0 : static_cast<std::size_t>(old_size));
        enforce_disk_budget(root_dir, path);
    });
}

bool has_file(PersistState& ps, const Entry& e) {
    const std::string file = entry_name(e.root.args, position_of(e.root, e.reads()));
    std::lock_guard lock(ps.mutex);
    auto it = ps.index.find(e.root.args);
    return it != ps.index.end() && std::any_of(it->second.begin(), it->second.end(),
                                               [&](const DiskRef& r) { return r.file == file; });
}

// [SECTION] Clears ----------------------------------------------------------------------------

void persist_clear(FunctionCore& core, const Hash128* args) {
    std::shared_ptr<PersistState> ps = core.persist;
    if (!ps) return;
    std::string dir;
    {
        std::lock_guard lock(ps->mutex);
        ensure_index(*ps);
        dir = ps->dir;
        if (args)
            ps->index.erase(*args);
        else
            ps->index.clear();
    }
    const std::string prefix = args ? hex(*args) : std::string();
    Writer::get().post([dir, prefix] {
        std::error_code ec;
        std::vector<fs::path> doomed;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string name = it->path().filename().string();
            if (name.starts_with(prefix) &&
                (name.ends_with(kEntrySuffix) || name.find(kTempMarker) != std::string::npos))
                doomed.push_back(it->path());
        }
        for (const auto& p : doomed)
            fs::remove(p, ec);
        budget_state().total.reset();
    });
}

// [SECTION] Test hooks ------------------------------------------------------------------------

PersistHooks& persist_hooks() {
    static auto* h = new PersistHooks();
    return *h;
}

} // namespace imlit::detail

// [SECTION] Public controls -------------------------------------------------------------------

namespace imlit {

void set_cache_dir(const std::string& dir) {
    detail::DirConfig& c = detail::dir_config();
    std::lock_guard lock(c.mutex);
    c.chosen = dir;
    ++c.generation;
}

std::string cache_dir() {
    return detail::resolved_dir().first;
}

void set_disk_budget(std::size_t bytes) {
    detail::dir_config().budget.store(bytes == 0 ? detail::kDefaultDiskBudget : bytes);
}

std::size_t disk_budget() {
    return detail::dir_config().budget.load();
}

void flush_disk_writes() {
    detail::Writer::get().flush();
}

} // namespace imlit
