// imlit internal — the command seam as seen by the layers above `ui` (cache, app, testing).
//
// Every element, widget and container call becomes a command handed to the current
// Context (one per thread). A Context belongs to a Session (widget store, clock) and has a
// stack of active Recorders: each emitted command is drawn (when the context draws and no
// enclosing container is closed) and appended, as a self-contained copy, to the innermost
// active Recording. Replay executes a Recording's commands through the same path, so a
// replay inside another recording is recorded too (nesting, R10).
//
// Index
//   [SECTION] Ids and sites
//   [SECTION] Recording
//   [SECTION] Session
//   [SECTION] Context and scopes
//   [SECTION] Framework-owned UI used by the cache layer
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "imlit/hash.hpp"

namespace imlit::detail {

// [SECTION] Ids and sites ----------------------------------------------------------------
// A widget/container id is a chain over path segments: id(child) = id(parent) * kPathMul +
// hash(segment). Because the chain is a polynomial, an id can be expressed relative to any
// ancestor ("site") as full = site * pow + val, and relative ids compose. That lets a cache
// entry remember the widgets its loader read relative to the call site, and find them again
// when the same cached function is called under another container.
inline constexpr std::uint64_t kPathMul = 0x9E3779B97F4A7C15ull; // odd

struct Site {
    std::uint64_t path = 0;  // id of the innermost container (0: page root)
    std::uint32_t depth = 0; // number of path segments from the root
};

struct RelId {
    std::uint64_t val = 0;
    std::uint64_t pow = 1;
    friend bool operator==(const RelId&, const RelId&) = default;
};

inline std::uint64_t full_id(Site site, RelId rel) {
    return site.path * rel.pow + rel.val;
}
// Express `inner` (relative to a site that is itself `site_rel` from an outer site) relative
// to the outer site.
inline RelId compose(RelId site_rel, RelId inner) {
    return {site_rel.val * inner.pow + inner.val, site_rel.pow * inner.pow};
}

// A widget read by a loader, in the order read. The key trie walks these.
struct WidgetRead {
    RelId id;              // relative to the recording's site
    Hash128 value;         // hash of the value the loader saw
    Hash128 default_value; // hash of the widget's default: its value while not in the store
    std::string label;     // for messages
    std::string shown;     // the value as text for the inspector ("0.5", "\"fast\""); "": unknown
};

// [SECTION] Recording -------------------------------------------------------------------------
// Append-only list of self-contained commands (strings and data copied into the recording;
// textures and closures shared). One writer thread appends while any number of readers replay
// the published prefix: size() is the publication point (acquire/release).
class Recording {
public:
    explicit Recording(Site site);
    ~Recording();
    Recording(const Recording&) = delete;
    Recording& operator=(const Recording&) = delete;

    Site site() const { return site_; }
    std::size_t size() const;      // commands published so far (any thread)
    std::size_t byte_size() const; // heap bytes held: commands, copied strings/data, reads
    // Widgets read while recording, in order. Read only after the writer finished.
    const std::vector<WidgetRead>& reads() const { return reads_; }
    // Writer: note a widget read (visible at once to visit_reads on other threads).
    void add_read(WidgetRead read) {
        std::lock_guard lock(reads_mutex_);
        reads_.push_back(std::move(read));
    }
    // Any thread, while the writer may still be appending: calls `f(read)` for each read made
    // so far, in order, until it returns false. (The cache layer uses it to see that a running
    // load has read a widget whose value has changed since: the load is superseded.)
    template <class F>
    void visit_reads(F&& f) const {
        std::lock_guard lock(reads_mutex_);
        for (const WidgetRead& r : reads_)
            if (!f(r)) return;
    }
    bool drew_raw_imgui() const { return raw_imgui_.load(std::memory_order_acquire); }
    void set_drew_raw_imgui() { raw_imgui_.store(true, std::memory_order_release); }

    struct Impl;
    Impl& impl() { return *impl_; }
    const Impl& impl() const { return *impl_; }

private:
    Site site_;
    std::unique_ptr<Impl> impl_;
    mutable std::mutex reads_mutex_; // guards reads_ while the writer may still append
    std::vector<WidgetRead> reads_;
    std::atomic<bool> raw_imgui_{false};
    friend class Context;
};

// [SECTION] Session ---------------------------------------------------------------------------
using Clock = std::chrono::steady_clock;

// A clock that times cache entries (ttl, retry_after), readable from any thread and after its
// session is gone. One domain is the real clock (steady_clock), shared by every real-clock
// session and by plain threads; each manual-clock session (AppTest) is a domain of its own, so
// moving one AppTest's clock never ages another session's entries.
class ClockDomain {
public:
    // The real clock's domain (one per process).
    static const std::shared_ptr<ClockDomain>& real();
    // A manual clock starting at `start`; it moves only by advance().
    static std::shared_ptr<ClockDomain> manual(Clock::time_point start);

    bool is_manual() const { return manual_; }
    Clock::time_point now() const {
        return manual_ ? Clock::time_point(Clock::duration(ticks_.load(std::memory_order_acquire)))
                       : Clock::now();
    }
    // Manual clocks only. Throws std::invalid_argument when `d` is negative or would move the
    // clock past what it can hold (~292 years).
    void advance(Clock::duration d);

    // The cache layer's slot: the earliest expiry (clock ticks) among the entries timed by this
    // clock; a sweep of them is due once now() reaches it. INT64_MAX: none.
    std::atomic<std::int64_t> next_expiry{std::numeric_limits<std::int64_t>::max()};

    ClockDomain(bool manual, Clock::time_point start)
        : manual_(manual), ticks_(start.time_since_epoch().count()) {}

private:
    bool manual_;
    std::atomic<Clock::rep> ticks_;
};

struct SessionOptions {
    bool manual_clock = false; // true (AppTest): now() moves only by advance_clock()
    bool log_elements = false; // true (AppTest): record (kind, text) of what each frame showed
};

// How far a session's frames have got, readable from any thread, also after the session is gone
// (the cache's scheduler keeps one per load to tell whether any frame still asks for it).
struct FrameCounter {
    std::atomic<std::uint64_t> begun{0};     // frames begun (the current frame's number)
    std::atomic<std::uint64_t> completed{0}; // frames finished
    std::atomic<bool> ended{false};          // Session::end() was called
};

// The process-wide frame epoch: bumped once at the start of every frame of any session. The
// cache layer stamps entries with it (a hit writes its entry only when the epoch moved).
// Inline: every cached call reads it.
inline std::atomic<std::uint64_t> g_frame_epoch{0};
inline std::uint64_t frame_epoch() {
    return g_frame_epoch.load(std::memory_order_relaxed);
}
// Called at the end of every frame of any session, on the frame's thread, with no lock held
// (the cache's scheduler drops the requests no frame asks for any more). One observer; null:
// none.
void set_frame_end_observer(void (*observer)());

// One app window or one headless AppTest: widget store, clock, element log, session-scope
// cache hooks. Frames run on one thread (the one that calls run_frame).
class Session : public std::enable_shared_from_this<Session> {
public:
    static std::shared_ptr<Session> create(SessionOptions options = {});
    ~Session(); // end(), if it was not called

    // The session is over (its window closed, its AppTest destroyed): runs the on_end callbacks
    // once, in order (they cancel its loads and free Scope::session caches). The object may
    // live on while a running loader still holds it. Idempotent; call it on the UI thread.
    void end();
    bool ended() const;
    const std::shared_ptr<FrameCounter>& frames() const;

    // Run `frame` once inside the current Dear ImGui frame (between ImGui::NewFrame and
    // ImGui::Render): drains UI-thread tasks, lays out the page (a full-viewport area with
    // margins, plus the sidebar when used), makes this thread's Context, runs `frame`, closes
    // anything left open. Exceptions escaping `frame` are shown in place as an error.
    void run_frame(const std::function<void()>& frame);

    std::uint64_t id() const;
    Clock::time_point now() const;
    // Manual clock only; else throws std::logic_error. Throws std::invalid_argument when `d` is
    // negative or would move the clock past its range.
    void advance_clock(Clock::duration d);
    // The clock this session's cache entries are timed by (see ClockDomain).
    const std::shared_ptr<ClockDomain>& clock_domain() const;
    void on_end(std::function<void()> fn); // called by end(), in order (at once if ended)

    struct Impl;
    Impl& impl() { return *impl_; }

    explicit Session(SessionOptions options);

private:
    std::unique_ptr<Impl> impl_;
};

// Pending work that will change what a frame shows when it ends (cache loads). AppTest's
// run_until_idle() waits for it to reach zero. Thread-safe.
void work_started();
void work_finished();
std::size_t work_in_flight();

// The redraw signal behind imlit::request_redraw(): a generation counter, a condition variable
// for headless waiters, and a waker the app installs (glfwPostEmptyEvent).
void set_redraw_waker(void (*waker)());
std::uint64_t redraw_generation();
// request_redraw() for an animation only (a spinner turning, a pending load's clock): the app
// may draw such frames less often (AppOptions::animation_fps) than frames that show something
// new (input, a finished load). Counted by animation_generation() as well as by the redraw
// generation, so a frame loop can tell whether every request since it looked was one of these.
void request_animation_frame();
std::uint64_t animation_generation();
// Block until the generation moves past `seen` or `timeout` passes; returns the generation.
std::uint64_t wait_for_redraw(std::uint64_t seen, std::chrono::milliseconds timeout);

// Work for the UI thread (GL deletion, on_release callbacks). Drained at the start of the next
// frame of any session, on the thread that runs frames.
void post_to_ui_thread(std::function<void()> task);
// Run the queued tasks. A task that throws never stops the others: its exception is caught,
// written to stderr once, and its message returned (Session::run_frame shows them as toasts).
std::vector<std::string> drain_ui_thread_tasks();
// What a task throws to have its failure reported with this text ("on_release of 'f' threw:
// ..."); any other exception is reported as "a UI-thread task threw: <its text>".
struct UiTaskError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// [SECTION] Context and scopes ----------------------------------------------------------------
struct ScopeInfo {
    std::string_view name;     // the cached function's name, for messages
    bool allow_widgets = true; // false: a widget inside is an error in place
    bool slot = false;         // a placeholder's content (widgets refused: it is replaced)
};

class Context;
// This thread's context (Context::current()), and how many times it has been set on this
// thread: what a caller derived from the current context stays valid while the count stays
// the same. Inline and constant-initialised: every cached call reads them.
inline constinit thread_local Context* t_current_context = nullptr;
inline constinit thread_local std::uint64_t t_context_sets = 0;

class Context {
public:
    // The context of this thread: the frame being run, or the loader running on it. Null when
    // neither (a plain thread).
    static Context* current() { return t_current_context; }

    Session& session() const;
    Site site() const;             // current container path (where output goes)
    bool drawing() const;          // false on worker threads and inside closed containers
    Clock::time_point now() const; // the session's clock

    // Relative id of a full id (at the current depth) as seen from `site`.
    RelId relative_to(Site site, std::uint64_t full, std::uint32_t depth) const;

    struct Impl;
    Impl& impl() { return *impl_; }

    explicit Context(std::unique_ptr<Impl> impl);
    ~Context();

private:
    std::unique_ptr<Impl> impl_;
};

// RAII: while alive, everything emitted on this thread's context is appended to `rec` and the
// widgets read are appended to rec.reads() (relative to rec.site()). Nested RecordScopes form
// a stack; only the innermost records. Must be created and destroyed on one thread.
class RecordScope {
public:
    RecordScope(Recording& rec, ScopeInfo info);
    ~RecordScope();
    RecordScope(const RecordScope&) = delete;
    RecordScope& operator=(const RecordScope&) = delete;

private:
    Context* ctx_;
};

// RAII: a non-drawing context for a loader running on a worker thread, bound to `session`
// (widget store, clock) with output going to `site`. `session` may be null (a cached call
// made from a plain thread): widgets then are an error.
class LoaderContext {
public:
    LoaderContext(std::shared_ptr<Session> session, Site site);
    ~LoaderContext();
    LoaderContext(const LoaderContext&) = delete;
    LoaderContext& operator=(const LoaderContext&) = delete;

private:
    std::unique_ptr<Context> ctx_;
    Context* previous_;
};

// Execute commands [0, count) of `rec` at the current position (drawing, recording into an
// enclosing RecordScope, widgets live). Widget reads are NOT reported while replaying: a
// nested cached call reports its entry's reads itself with report_reads().
void replay(const Recording& rec, std::size_t count);

// Append copies of commands [0, count) of `rec` to the innermost active recording of this
// thread, without executing them (nothing drawn, no widget touched). For a nested cached call
// that just ran inline inside an outer loader: its output was already shown while it was
// recorded, so replay() would show it twice. No active recording: nothing happens.
void record_into_enclosing(const Recording& rec, std::size_t count);

// Fold a nested entry's widget reads into the enclosing recording (if any), re-expressed
// relative to the enclosing recording's site. `inner_site` is where the nested call was made.
void report_reads(std::span<const WidgetRead> reads, Site inner_site);

// The session's current value hash of widget `full` (nullopt: not in the store yet).
std::optional<Hash128> widget_value_hash(Session& session, std::uint64_t full);

// The shared_ptr that owns the current context's session (for loaders that outlive a frame).
std::shared_ptr<Session> current_session_ptr();

// [SECTION] Framework-owned UI used by the cache layer ------------------------------------
// These draw (and record, when recording) like any element.
void show_error(std::string_view message);                        // an error callout
void show_spinner(std::string_view text, double elapsed_seconds); // "text (1.2 s)"
// A Retry button owned by the framework (allowed where user buttons are not). True when it
// was clicked on the previous frame. `id` must be stable for the failing entry.
bool retry_button(std::uint64_t id);

} // namespace imlit::detail
