// imlit internal — the insides of Recording, Session and Context (ui layer only).
//
// Index
//   [SECTION] Recording::Impl (segmented command storage)
//   [SECTION] Widget store
//   [SECTION] Session::Impl
//   [SECTION] Context::Impl (container stack, recorders, seen ids)
//   [SECTION] Emitting and executing commands
#pragma once

#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <memory>
#include <mutex>
#include <source_location>
#include <string>
#include <typeinfo>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

#include "ui/chart_model.hpp"
#include "ui/command.hpp"
#include "ui/replay_clipper.hpp"
#include "ui/seam.hpp"
#include "ui/session_impl.hpp"

struct ImGuiWindow;

namespace imlit::detail {

// [SECTION] Recording::Impl ------------------------------------------------------------------
// Commands live in segments of doubling size (32, 64, 128, ...) that never move. The writer
// fills a slot, then publishes it by a release store of `count`; readers load `count` with
// acquire and read only slots below it. No lock is held while a reader executes commands.
struct Recording::Impl {
    static constexpr std::size_t kFirst = 32;
    static constexpr int kFirstBits = 5;
    static constexpr int kSegments = 48;

    std::array<Command*, kSegments> segments{};
    std::atomic<std::size_t> count{0};
    std::atomic<std::size_t> bytes{0};
    Arena arena;                            // writer only
    std::vector<std::uint32_t> open_begins; // writer only: indices of unclosed BeginCmds
    mutable FootprintCache footprints;      // replays only (replay_clipper.hpp)

    ~Impl();
    static std::pair<int, std::size_t> locate(std::size_t i) {
        const std::size_t v = i + kFirst;
        const int seg = static_cast<int>(std::bit_width(v)) - 1 - kFirstBits;
        return {seg, v - (kFirst << seg)};
    }
    const Command& at(std::size_t i) const {
        auto [seg, off] = locate(i);
        return segments[static_cast<std::size_t>(seg)][off];
    }
    // Writer: copy `cmd` (self-contained) and publish it. Returns its index.
    std::size_t append(const Command& cmd);
    void update_bytes();
};

// [SECTION] Widget store ---------------------------------------------------------------------
struct WidgetSlot {
    WidgetKind kind = WidgetKind::checkbox;
    bool has_value = false; // false: the widget shows its default
    bool clicked = false;   // button: a click waiting to be returned
    WidgetValue value;
    Hash128 hash; // hash_widget_value(value) when has_value
    // What the widget looked like when last shown: writes from the harness and set_widget are
    // checked against it.
    WidgetLimits limits;
    std::vector<std::string> options; // selectbox, radio, multiselect
    std::string key;                  // the explicit key ("": none); set_widget finds it by this
    std::string label;                // for messages
    std::uint64_t last_frame = 0;     // the session frame that last read or wrote it
    Clock::time_point last_seen{};    // the session clock then (see forget_unseen_widgets)
};

struct WidgetStore {
    std::mutex mutex;
    std::unordered_map<std::uint64_t, WidgetSlot> slots;
    // set_widget calls, applied at the start of the next frame (as a user's edit would be).
    std::vector<std::pair<std::uint64_t, WidgetValue>> queued;
    // The session's current frame and its time, set at the frame's start (under the mutex, so
    // a loader reading a widget on a worker sees them consistently).
    std::uint64_t frame = 0;
    Clock::time_point frame_time{};
    std::uint64_t next_sweep_frame = 0; // when forget_unseen_widgets looks next
};

// One session_state object: type-erased, owned, destroyed with the session.
struct SessionStateObject {
    const std::type_info* type;
    std::shared_ptr<void> object;
};
struct StringHash { // heterogeneous lookup: find(std::string_view) without a std::string
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// [SECTION] Session::Impl ---------------------------------------------------------------------
struct Session::Impl {
    SessionOptions options;
    std::uint64_t id = 0;
    WidgetStore store;
    std::shared_ptr<ClockDomain> clock; // the real clock's domain, or a manual one of its own
    std::mutex end_mutex;
    std::vector<std::function<void()>> on_end;
    bool ended = false; // guarded by end_mutex
    std::shared_ptr<FrameCounter> frames = std::make_shared<FrameCounter>();
    std::unique_ptr<Context> frame_context; // reused every frame
    std::vector<LoggedElement> log;         // last frame (log_elements)
    ChartStates charts;                     // legend and zoom state per chart id (UI thread)
    bool sidebar_used_last = false;
    bool sidebar_used_now = false;
    bool sidebar_begun = false;
    float sidebar_width = 0;
    std::uint64_t frame_count = 0;
    // session_state objects by key (UI thread only).
    std::unordered_map<std::string, SessionStateObject, StringHash, std::equal_to<>> state;
    // Toasts showing (imlit::toast); any thread adds, the frame draws and expires them.
    struct Toast {
        std::string text;
        Clock::time_point shown;
        Clock::duration duration;
    };
    std::mutex toast_mutex;
    std::vector<Toast> toasts; // guarded by toast_mutex
};

// [SECTION] Context::Impl -----------------------------------------------------------------------

// A set of 64-bit ids cleared in O(1) by bumping a generation; storage is reused.
class IdSet {
public:
    void clear() {
        size_ = 0;
        if (++gen_ == 0) { // wrapped (after 2^32 frames): forget every old generation
            for (Slot& slot : slots_)
                slot.gen = 0;
            gen_ = 1;
        }
    }
    bool insert(std::uint64_t id); // false: already present
private:
    struct Slot {
        std::uint64_t id;
        std::uint32_t gen;
    };
    std::vector<Slot> slots_;
    std::uint32_t gen_ = 1;
    std::size_t size_ = 0;
};

// Counts 64-bit ids seen in a frame (how many times each), cleared in O(1) like IdSet. Gives
// containers reached again from one call site (a loop) their occurrence number.
class IdCounter {
public:
    void clear() {
        size_ = 0;
        if (++gen_ == 0) {
            for (Slot& slot : slots_)
                slot.gen = 0;
            gen_ = 1;
        }
    }
    std::uint32_t next(std::uint64_t id); // times `id` was counted before this call
private:
    struct Slot {
        std::uint64_t id;
        std::uint32_t gen;
        std::uint32_t count;
    };
    std::vector<Slot> slots_;
    std::uint32_t gen_ = 1;
    std::size_t size_ = 0;
};

struct Level {
    ContainerKind kind = ContainerKind::root;
    std::uint64_t path = 0;
    std::uint32_t depth = 0;
    std::uint64_t token = 0; // matches the Container handle that closes it
    bool visible = false;    // output at this level is drawn
    bool open = true;        // the container's own open state
    bool pending = false;    // a group or placeholder with no child open: output at its
                             // level closes it first (see settle_pending)
    int anchor = 0;          // index of the nearest level whose path does not extend its
                             // parent's (sidebar, group child opened away from its group)
    // Groups (columns, tabs).
    std::uint32_t count = 0;
    int selected = -1;                // tabs: the selected tab; columns: the current column
    bool table_open = false;          // columns: BeginTable succeeded
    std::array<float, 64> column_y{}; // columns: where each column's content ended (refills)
    std::vector<std::string> labels;  // tabs, only when logging
    // Group children.
    int group_level = -1; // index of the group level
    int previous = -1;    // columns: the column to return to when closed
    // container(border): group start for the frame drawn around it.
    float start_x = 0, start_y = 0;
    bool border = false;
    bool imgui_begun = false;       // Dear ImGui calls that must be undone at close were made
    std::size_t recorder_depth = 0; // recorders active when it opened: its EndCmd goes to
                                    // recorders[recorder_depth - 1] (0: not recorded)
    // status: the shared state, the header's rectangle and clip (its label is drawn at close,
    // so it shows the state after the body's updates), and its element-log entry.
    std::shared_ptr<StatusCell> status;
    float header_min[2] = {0, 0}, header_max[2] = {0, 0}, header_text_x = 0;
    float clip_min[2] = {0, 0}, clip_max[2] = {0, 0};
    int log_index = -1;
    // placeholder: the slot; slot_write: the slot and the content being written.
    std::shared_ptr<PlaceholderSlot> slot;
    std::shared_ptr<Recording> content;
    std::uint64_t slot_token = 0; // slot_write: the placeholder level it writes (0: late)
};

struct Recorder {
    Recording* rec;
    ScopeInfo info;
    std::size_t base_level; // stack index at the scope's start (the site)
    bool raw_reported = false;
    int saved_replaying = 0; // a scope opened during a replay records its own reads
    // Raw Dear ImGui detection: the window and its vertex count after the last imlit command.
    ImGuiWindow* window = nullptr;
    int vertices = -1;
};

struct Context::Impl {
    Session* session = nullptr;
    std::shared_ptr<Session> session_owner; // loader contexts keep their session alive
    bool frame = false;                     // the frame context of a session (UI thread)
    bool drawing = false;                   // Dear ImGui may be called
    std::vector<Level> stack;
    std::vector<Recorder> recorders;
    int replaying = 0;            // >0: widget reads are not reported
    std::size_t replay_floor = 0; // the innermost replay closes no level below this index
    IdSet seen;                   // widget ids of this frame
    IdCounter container_ids;      // unkeyed container ids of this frame, with occurrences
    std::uint64_t next_token = 1;
    // Reused buffers (no per-call allocation once warm).
    fmt::memory_buffer fmt_buf;
    std::string text_buf;    // formatted element text (spinner, errors)
    std::string label_buf;   // NUL-terminated widget labels for Dear ImGui
    std::string preview_buf; // combo previews
    std::string input_buf;   // text_input's edit buffer
    std::string format_buf;  // NUL-terminated number formats
    std::vector<std::string_view> options_buf;
    std::vector<std::size_t> indices_buf;
    std::vector<std::string_view> labels_buf;
    // option_labels() scratch (selectbox, radio over any range).
    std::vector<std::string_view> choice_views;
    fmt::memory_buffer choice_text;
    std::vector<std::size_t> choice_ends;

    const Level& top() const { return stack.back(); }
    bool visible() const { return drawing && stack.back().visible; }
    bool logging() const {
        return frame && session != nullptr && session->impl().options.log_elements;
    }
    Recorder* recorder() { return recorders.empty() ? nullptr : &recorders.back(); }
};

// [SECTION] Emitting and executing commands -------------------------------------------------

// Start of a frame of a session: its frame number and the process-wide epoch move on.
void begin_frame_epoch(FrameCounter& frames);
// End of a frame of a session: counted, then the frame-end observer runs.
void end_frame_epoch(FrameCounter& frames);

// Make `c` this thread's context; returns the previous one.
Context* set_current_context(Context* c);

// The context of this thread; throws std::logic_error naming `function` when there is none.
Context::Impl& require_context(const char* function);

// Append `cmd` to the innermost recorder (if any), then execute it.
void emit(Context::Impl& c, const Command& cmd);
// Execute only (draw, log). Used for errors derived while executing another command.
void execute(Context::Impl& c, const Command& cmd);
// Execute with drawing on or off (off: log only, as for a command replay skipped).
void execute(Context::Impl& c, const Command& cmd, bool draw);
// Charts (charts.cpp): log (kind, series, counts) and draw with the chart's session state.
void execute_chart(Context::Impl& c, const ChartCmd& cmd, bool draw);
// Widgets: append + execute; `out` receives the value the widget returns.
void emit_widget(Context::Impl& c, const WidgetCmd& cmd, WidgetValue* out);
// The id a (non-framework) widget of this kind, label and key gets at the current level.
std::uint64_t widget_id(const Context::Impl& c, WidgetKind kind, std::string_view label,
                        std::string_view key);
// Containers: append + execute. Returns the token of the level pushed (0: none).
std::uint64_t emit_begin(Context::Impl& c, const BeginCmd& cmd);
void close_level_token(Context::Impl& c, std::uint64_t token);
// A placeholder's level (pending until output follows it; recorded as a SlotCmd). Returns its
// token.
std::uint64_t open_placeholder(Context::Impl& c, PlaceholderSlot& slot);
// A write to `slot` (the placeholder level `placeholder_token`, 0 or gone: a late write): a
// non-drawing level whose output is recorded into a new content Recording, published to the
// slot when the level closes. Returns its token.
std::uint64_t open_slot_write(Context::Impl& c, std::uint64_t placeholder_token,
                              PlaceholderSlot& slot);
// Pop the top level (after emitting the EndCmd).
void pop_level(Context::Impl& c);
// Output is about to go at the current level: close the pending groups and placeholders on
// top of the stack first, so it lands below them (Streamlit's order). `keep` is a pending
// level the output belongs to (a group whose child opens, a placeholder being written); 0:
// none.
void settle_pending(Context::Impl& c, std::uint64_t keep = 0);
// Index of the open level with `token` (0: none; the root is never looked up).
std::size_t find_level(const Context::Impl& c, std::uint64_t token);
// Draw the current content of `slot` here, without recording it (a placeholder's content is
// recorded once, in the slot, not in the enclosing recording).
void draw_slot_content(Context::Impl& c, const PlaceholderSlot& slot);
// The toasts of the context's session, drawn over the page and expired (page.cpp, at the end
// of each frame).
void draw_toasts(Context::Impl& c);
// Show `text` as a toast in `session` for `seconds` (session clock); not twice while showing.
void show_toast(Session& session, std::string_view text, double seconds);

// Ids.
std::uint64_t call_site_hash(const std::source_location& where); // file, line and column
std::uint64_t segment_hash(std::uint64_t tag, std::string_view s);
std::uint64_t segment_hash(std::uint64_t tag, std::uint64_t n);
inline std::uint64_t child_path(std::uint64_t parent, std::uint64_t seg) {
    return parent * kPathMul + seg;
}
std::uint64_t mul_pow(std::uint32_t n); // kPathMul^n

// Raw Dear ImGui detection around imlit commands (drawing contexts with a recorder only).
void raw_check(Context::Impl& c);
void raw_arm(Context::Impl& c);

// Log one element (when the session logs elements and the output is visible). The test is
// inline: with logging off (an app) a command costs no call for it.
LoggedElement* append_log_element(Context::Impl& c, const char* kind, std::string_view text,
                                  std::string_view label);
inline LoggedElement* log_element(Context::Impl& c, const char* kind, std::string_view text,
                                  std::string_view label = {}) {
    if (!c.logging() || !c.visible()) return nullptr;
    return append_log_element(c, kind, text, label);
}

void draw_error_text(Context::Impl& c, std::string_view message); // execute-only error callout

} // namespace imlit::detail
