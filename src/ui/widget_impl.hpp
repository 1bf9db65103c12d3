// imlit internal — the widget machinery shared by the widget files:
//   widgets.cpp            emit_widget (the one path of every widget call) and the public
//                          functions (the conversion point from the options structs)
//   widget_validation.cpp  parameters against what Dear ImGui accepts; defaults; sanitizing
//   widget_draw.cpp        drawing (Dear ImGui widgets, and toggle, range slider, calendar)
//   widget_store.cpp       the store: reads, writes, queued sets, harness access, values as
//                          the app and the harness see them
//   state.cpp              set_widget and session_state
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "imlit/state.hpp"
#include "ui/context.hpp"

namespace imlit::detail {

// The dates date_input can show (Date::valid()).
inline constexpr Date kFirstDate = {1, 1, 1};
inline constexpr Date kLastDate = {9999, 12, 31};

// [SECTION] Validation (widget_validation.cpp) ---------------------------------------------------

// Empty when the parameters are fine; else the reason, for an error in place (allocates only
// on error).
std::string validate(const WidgetCmd& w);
// The value a widget returns while the store holds none.
WidgetValue default_value(const WidgetCmd& w);
// Make a stored value valid for the widget's current parameters (ranges and options can change
// between frames). Returns false when it had to change.
bool sanitize(const WidgetCmd& w, WidgetValue& v);
// The grid point of min + k*step nearest to v, kept in [min, max] (step 0: v clamped).
double snap_to_step(double v, double min, double max, double step);
// The NUL-terminated format a number widget draws with: w.format (copied into `buf`), or the
// kind's default.
const char* number_format(std::string& buf, const WidgetCmd& w);

// [SECTION] Store (widget_store.cpp) -------------------------------------------------------------

struct ReadResult {
    WidgetValue value;
    Hash128 hash;
    bool stored = false; // the store held a (valid) value; hash is valid
};
// Read widget `id` for this call (the default while unset) and remember what the widget looks
// like (limits, options, key, label) for later writes.
ReadResult read_store(Context::Impl& c, const WidgetCmd& w, std::uint64_t id);
// A user's edit: written at once, returned from the next call on; requests a redraw.
void write_store(Context::Impl& c, WidgetKind kind, std::uint64_t id, WidgetValue v);

// Values as the app and the harness give them (WidgetInput) -> store values. Throws
// std::invalid_argument with the reason (no widget name: callers add it).
WidgetValue input_to_value(WidgetKind kind, const WidgetInput& input, const WidgetLimits& limits,
                           std::span<const std::string> options);
// Store values -> what the harness reports (option indices become labels; floats widen).
WidgetInput value_to_input(WidgetKind kind, const WidgetValue& v,
                           std::span<const std::string> options);
// What a widget kind accepts, for messages ("bool", "a number (double or int)", ...).
const char* accepted_input(WidgetKind kind);
// A WidgetInput for messages: true, 3, 0.5, "a", ["a", "b"], Color{...}, 2024-03-05, {1, 2}.
std::string input_to_string(const WidgetInput& v);
// The type of a WidgetInput, for messages.
const char* input_type_name(const WidgetInput& v);
// Number of UTF-8 code points in s (text_input max_chars).
std::size_t utf8_length(std::string_view s);

// Apply the set_widget calls of the previous frame (start of Session::run_frame).
void apply_queued_widget_sets(Session& session);

// Widget slots not read for this many frames AND this long on the session clock are forgotten
// (the widget shows its default again if it comes back). Slots with an explicit key are kept:
// a key is how an app says a widget's state matters while it is hidden (set_widget finds it).
inline constexpr std::uint64_t kForgetWidgetFrames = 120;
inline constexpr double kForgetWidgetSeconds = 60;
inline constexpr std::uint64_t kForgetSweepEveryFrames = 16; // a sweep is O(slots)
// Start of a session frame: record its number and time for the store, and every
// kForgetSweepEveryFrames frames drop the slots not seen for a while (above).
void begin_widget_frame(Session& session, std::uint64_t frame, Clock::time_point now);

// [SECTION] Drawing (widget_draw.cpp) ------------------------------------------------------------

// Draw `w` showing `v` (UI thread, visible). Edits go to the store through write_store.
void draw_widget(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, const WidgetValue& v);

} // namespace imlit::detail
