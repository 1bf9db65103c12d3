// imlit internal — what the headless harness (src/testing) needs from a Session: the element
// log of the last frame and direct access to the widget store.
//
//   auto s = Session::create({.manual_clock = true, .log_elements = true});
//   s->run_frame(frame);                       // inside ImGui::NewFrame()/Render()
//   for (const LoggedElement& e : element_log(*s)) ...
//   store_set(*s, e.widget_id, WidgetValue{true}); // next frame the widget returns it
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ui/command.hpp"
#include "ui/seam.hpp"

namespace imlit::detail {

// One thing a frame showed (SessionOptions.log_elements). Only output that was visible is
// logged: not what is inside a closed expander / unselected tab, and not what a loader on a
// worker thread emits (its recording is logged when it is replayed on the UI thread).
struct LoggedElement {
    const char* kind = "";       // "title", "text", "checkbox", "slider", "expander", "tab", ...
    std::string text;            // content (elements) or label (widgets, containers)
    std::string label;           // widgets and containers: the label (or key for container())
    std::uint64_t widget_id = 0; // widgets: the store id; 0 otherwise
    int depth = 0;               // container nesting depth (0: page root)
    // Widgets only:
    WidgetKind widget_kind = WidgetKind::checkbox;
    std::string key;                  // the explicit key ("" when none)
    WidgetValue value;                // the value the widget returned this frame
    std::vector<std::string> options; // selectbox, radio, multiselect
    WidgetLimits limits;              // what values it accepts (ranges, step, max_chars, ...)
    std::string help;                 // its help tooltip ("": none)
    bool disabled = false;            // drawn disabled: a user cannot change it
    bool error = false;               // the widget showed an error (bad parameters, duplicate)
    // Charts only: the chart's state id; each series' legend name, its number of values, whether
    // the legend hides it, and whether it is invalid (an error in place).
    std::uint64_t chart_id = 0;
    struct ChartSeries {
        std::string name;
        std::size_t points = 0;
        bool hidden = false;
        bool invalid = false;
    };
    std::vector<ChartSeries> chart_series;
    // status() only:
    std::string state; // "running", "complete" or "error" (its last state this frame)
};

// The last frame's log (empty unless SessionOptions.log_elements). UI thread.
const std::vector<LoggedElement>& element_log(Session& session);

// The stored value of widget `id` (nullopt: the widget shows its default, or no such widget).
std::optional<WidgetValue> store_get(Session& session, std::uint64_t id);
// Write `value` as if the user had edited widget `id`; the widget returns it from its next call.
// Throws std::invalid_argument when `id` is unknown, or the value's type does not match the
// widget kind, or the widget's limits refuse it (range, step, option index, colour components,
// date, max_chars, max_selections).
void store_set(Session& session, std::uint64_t id, WidgetValue value);
// The same checks without writing: throws std::invalid_argument with the reason; normalises
// `value` (multiselect indices sorted, duplicates dropped).
void check_value(WidgetKind kind, WidgetValue& value, const WidgetLimits& limits,
                 std::size_t option_count);
// A click on button `id` (true on its next call). Throws std::invalid_argument when `id` is not
// a button.
void store_click(Session& session, std::uint64_t id);
// The kind of widget `id` (nullopt: never seen, or forgotten).
std::optional<WidgetKind> store_kind(Session& session, std::uint64_t id);
// How many widget slots the store holds (tests of forgetting unseen widgets).
std::size_t store_slot_count(Session& session);

} // namespace imlit::detail
