// imlit — headless testing of frame functions (DESIGN §3, §6).
//
//   imlit::testing::AppTest at([] {
//       if (imlit::checkbox("Show details")) imlit::text("details");
//   });
//   at.run();
//   at.checkbox("Show details").set(true);
//   at.run();                                   // the frame now sees the checkbox ticked
//   REQUIRE(at.texts() == std::vector<std::string>{"details"});
//
// An AppTest is one headless session: its own Dear ImGui context (no window, no GL), its own
// widget store and a manual clock that only advance_clock() moves. Frames of different
// AppTests (on any threads) are serialised by a process-wide lock, because Dear ImGui has one
// global current context; cached loaders still run concurrently on worker threads.
// See docs/testing.md.
//
// Index
//   [SECTION] Element, WidgetValue
//   [SECTION] WidgetHandle
//   [SECTION] ChartHandle
//   [SECTION] AppTest
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "imlit/state.hpp"
#include "imlit/ui.hpp"

struct ImDrawData;

namespace imlit::detail {
class Session;
}

namespace imlit::testing {

// [SECTION] Element, WidgetValue ----------------------------------------------------------

// One thing the last frame showed, in order. kind is the imlit function that made it
// ("title", "text", "checkbox", "expander", "spinner", "error", ...); text is its content
// (static elements) or its label (widgets, containers). Containers appear where they open;
// `depth` is the container nesting depth (0: page root) so dumps can indent.
struct Element {
    std::string kind;
    std::string text;
    int depth = 0;
    std::string state = {}; // status(): "running", "complete" or "error"; empty otherwise
    friend bool operator==(const Element& a, const Element& b) {
        return a.kind == b.kind && a.text == b.text;
    }
    friend std::ostream& operator<<(std::ostream& os, const Element& e) { // kind "text"
        return os << e.kind << " \"" << e.text << '"';
    }
};

// A widget's value: checkbox/toggle/button bool; int slider/number_input int; float and
// double sliders and number inputs double; text_input/selectbox/radio string (an option's
// label); multiselect strings; color_picker Color; date_input Date; range_slider
// std::pair<int, int> (int) or std::pair<double, double> (float, double). The same type
// imlit::set_widget takes.
using WidgetValue = imlit::detail::WidgetInput;

std::string to_string(const WidgetValue& value); // for messages: true, 3, 0.5, "a", [a, b], ...

class AppTest;

// [SECTION] WidgetHandle ------------------------------------------------------------------
// A widget of the last frame, found by kind and label (and key). Changes made through it take
// effect on the next run(), exactly as if a user had made them in the frame just shown: the
// widget returns the new value from the next frame on (a button: true on that one frame).
// Wrong kinds of value and out-of-range values throw std::invalid_argument naming the widget.
// A handle stays usable across frames while the widget keeps its id (and the AppTest lives).
class WidgetHandle {
public:
    const std::string& kind() const { return kind_; }
    const std::string& label() const { return label_; }
    // The widget's help text in the last frame ("": none).
    const std::string& help() const;
    // Whether the last frame drew it disabled (then set(), select(), click() throw).
    bool disabled() const;

    // checkbox, toggle: bool. slider (int), number_input (int): int. Float and double sliders and
    // number inputs: a number (NaN is rejected). Sliders: within min..max and on the step grid;
    // number inputs: within their min/max if any. text_input: string (at most max_chars).
    // selectbox, radio: one of the options. multiselect: a list of options (any order; returned
    // in option order; at most max_selections). color_picker: Color (components in [0, 1]).
    // date_input: a valid Date within min..max. range_slider: {low, high} (low <= high), as
    // std::pair<int, int> for int sliders and std::pair<double, double> (or int) otherwise.
    // A disabled widget refuses every change (std::invalid_argument): a user could not make it.
    WidgetHandle& set(bool value);
    WidgetHandle& set(int value);
    WidgetHandle& set(double value);
    WidgetHandle& set(float value) { return set(static_cast<double>(value)); }
    WidgetHandle& set(std::string_view value);
    WidgetHandle& set(const char* value) { return set(std::string_view(value)); }
    WidgetHandle& set(const std::string& value) { return set(std::string_view(value)); }
    WidgetHandle& set(std::vector<std::string> values);
    WidgetHandle& set(Color value);
    WidgetHandle& set(Date value);
    WidgetHandle& set(std::pair<int, int> value);
    WidgetHandle& set(std::pair<double, double> value);
    // selectbox, radio: pick `option`. multiselect: add `option` to the selection.
    WidgetHandle& select(std::string_view option);
    // multiselect: remove `option` from the selection.
    WidgetHandle& unselect(std::string_view option);
    // button: clicked (true on the next frame). checkbox, toggle: flips.
    WidgetHandle& click();

    // The value a set()/select()/click() queued for the next run(); otherwise the value the
    // widget returned in the last frame.
    WidgetValue value() const;
    // value() as T; throws std::invalid_argument naming the widget and the actual type when
    // the widget holds another type (bool, int, double, float (from double), std::string,
    // std::vector<std::string>, Color, Date, std::pair<int, int>, std::pair<double, double>).
    template <class T>
    T value() const {
        static_assert(std::is_same_v<T, bool> || std::is_same_v<T, int> ||
                          std::is_same_v<T, double> || std::is_same_v<T, float> ||
                          std::is_same_v<T, std::string> ||
                          std::is_same_v<T, std::vector<std::string>> || std::is_same_v<T, Color> ||
                          std::is_same_v<T, Date> || std::is_same_v<T, std::pair<int, int>> ||
                          std::is_same_v<T, std::pair<double, double>>,
                      "WidgetHandle::value<T>(): T must be bool, int, double, float, std::string, "
                      "std::vector<std::string>, Color, Date, std::pair<int, int> or "
                      "std::pair<double, double>");
        WidgetValue v = value();
        if constexpr (std::is_same_v<T, float>) {
            if (const double* p = std::get_if<double>(&v)) return static_cast<float>(*p);
        } else {
            if (const T* p = std::get_if<T>(&v)) return *p;
        }
        throw_type_mismatch(type_name<T>(), v);
    }

private:
    friend class AppTest;
    WidgetHandle(AppTest* test, std::uint64_t id, std::string kind, std::string label)
        : test_(test), id_(id), kind_(std::move(kind)), label_(std::move(label)) {}
    template <class T>
    static const char* type_name();
    [[noreturn]] void throw_type_mismatch(const char* wanted, const WidgetValue& actual) const;
    WidgetHandle& apply(const WidgetValue& value, bool click = false);

    AppTest* test_;
    std::uint64_t id_;
    std::string kind_;
    std::string label_;
};

// clang-format off
template <> inline const char* WidgetHandle::type_name<bool>() { return "bool"; }
template <> inline const char* WidgetHandle::type_name<int>() { return "int"; }
template <> inline const char* WidgetHandle::type_name<double>() { return "double"; }
template <> inline const char* WidgetHandle::type_name<float>() { return "float"; }
template <> inline const char* WidgetHandle::type_name<std::string>() { return "std::string"; }
template <> inline const char* WidgetHandle::type_name<std::vector<std::string>>() { return "std::vector<std::string>"; }
template <> inline const char* WidgetHandle::type_name<Color>() { return "Color"; }
template <> inline const char* WidgetHandle::type_name<Date>() { return "Date"; }
template <> inline const char* WidgetHandle::type_name<std::pair<int, int>>() { return "std::pair<int, int>"; }
template <> inline const char* WidgetHandle::type_name<std::pair<double, double>>() { return "std::pair<double, double>"; }
// clang-format on

// [SECTION] ChartHandle -------------------------------------------------------------------
// A chart of the last frame (line_chart, area_chart, bar_chart, scatter_chart, histogram), found
// by its title or key. Legend and view changes made through it are what a user's clicks, wheel
// and drags would leave in the chart's state; the next run() draws them.

struct ChartSeriesInfo {
    std::string name;       // legend name ("series N" for an unnamed series)
    std::size_t points = 0; // values given (y.size()), NaN and inf included
    bool hidden = false;    // hidden by a click on its legend entry
    bool invalid = false;   // not drawn: an error in place says why
};

class ChartHandle {
public:
    const std::string& kind() const { return kind_; }   // "bar_chart", ...
    const std::string& label() const { return label_; } // its title, else its key
    // Its series as the last frame showed them, in order.
    std::vector<ChartSeriesInfo> series() const;
    // A click on the legend entry of `series`: hides it when shown, shows it when hidden.
    // std::invalid_argument when the chart has no such series.
    ChartHandle& toggle_legend(std::string_view series);
    // The x range in view after a wheel zoom or a drag (true), or none: the data's own (false).
    bool zoomed() const;
    std::pair<double, double> x_view() const; // the zoomed x range (zoomed() only)
    // Show x in [x0, x1] (x0 < x1, finite), as a wheel zoom or drag pan would.
    ChartHandle& zoom_x(double x0, double x1);
    // Back to the data's own view, as a double-click does.
    ChartHandle& reset_view();

private:
    friend class AppTest;
    ChartHandle(AppTest* test, std::uint64_t id, std::string kind, std::string label)
        : test_(test), id_(id), kind_(std::move(kind)), label_(std::move(label)) {}
    AppTest* test_;
    std::uint64_t id_;
    std::string kind_;
    std::string label_;
};

// [SECTION] AppTest -----------------------------------------------------------------------

struct AppTestOptions {
    float width = 1280;   // io.DisplaySize.x
    float height = 800;   // io.DisplaySize.y
    float font_size = 16; // imlit's fonts at this pixel size (as imlit::run at content scale 1);
                          // 0: Dear ImGui's built-in font only
    // io.DeltaTime of a frame when the clock did not move since the previous frame; otherwise
    // DeltaTime is the time advance_clock() moved it. Finite and > 0 (else the constructor
    // throws std::invalid_argument).
    std::chrono::duration<double> frame_time = std::chrono::duration<double>(1.0 / 60);
};

class AppTest {
public:
    explicit AppTest(std::function<void()> frame, AppTestOptions options = {});
    ~AppTest();
    AppTest(const AppTest&) = delete;
    AppTest& operator=(const AppTest&) = delete;

    // Run one frame: apply queued widget changes, then NewFrame, the frame function, Render.
    // Draw lists may exceed 65,536 vertices (vertex offsets, as imlit's OpenGL backend); one
    // that Dear ImGui's 16-bit indices still cannot address (a single huge primitive drawn in
    // custom()) is replaced by a message and shows as an "error" element, as in the app.
    void run();
    // Run frames until idle: no cache load in flight and nothing asked for another frame.
    // A frame counts as idle when no work was in flight when it began and when it ended, and
    // either no redraw was requested while it ran, or it showed a spinner and showed exactly
    // what the frame before it showed (a visible spinner asks for frames forever; that is
    // animation, not pending work). Between frames it sleeps until a redraw is requested
    // (a finishing load requests one); it never busy-waits. Runs at least one frame.
    // Throws std::runtime_error after `timeout`, saying what is still pending;
    // std::invalid_argument for a negative timeout (milliseconds::max(): no limit).
    void run_until_idle(std::chrono::milliseconds timeout = std::chrono::seconds(10));

    // What the last frame showed, in order (widgets and containers included).
    const std::vector<Element>& elements() const { return elements_; }
    // The text of the static text-bearing elements of the last frame, in order: title, header,
    // subheader, text, caption, markdown, code, success, info, warning, error, exception,
    // metric ("label: value delta"), progress (its text), spinner (its text). Widgets,
    // containers, separator, image, table, charts and custom are left out. A chart's element
    // text lists its series with their counts: "sine (500), cosine (500)".
    std::vector<std::string> texts() const;
    // Elements of one kind, e.g. elements_of("error").
    std::vector<Element> elements_of(std::string_view kind) const;
    // The last frame's elements as indented text, one per line (for failure messages); widgets
    // with their value, key, "(disabled)" and "(help: ...)".
    std::string dump() const;
    std::size_t frame_count() const { return frames_; }

    // Widgets of the last frame by label. key: the explicit key the widget was given (to pick
    // one of several widgets with the same label in different containers). No such widget:
    // std::out_of_range listing the labels of that kind that exist, then all widget labels.
    // Several matches: std::out_of_range asking for a key.
    WidgetHandle checkbox(std::string_view label, std::string_view key = {});
    WidgetHandle button(std::string_view label, std::string_view key = {});
    WidgetHandle slider(std::string_view label, std::string_view key = {});
    WidgetHandle number_input(std::string_view label, std::string_view key = {});
    WidgetHandle text_input(std::string_view label, std::string_view key = {});
    WidgetHandle selectbox(std::string_view label, std::string_view key = {});
    WidgetHandle radio(std::string_view label, std::string_view key = {});
    WidgetHandle multiselect(std::string_view label, std::string_view key = {});
    WidgetHandle color_picker(std::string_view label, std::string_view key = {});
    WidgetHandle toggle(std::string_view label, std::string_view key = {});
    WidgetHandle date_input(std::string_view label, std::string_view key = {});
    WidgetHandle range_slider(std::string_view label, std::string_view key = {});
    // Charts of the last frame by title (or key when it has no title). No such chart:
    // std::out_of_range listing the charts shown; several: std::out_of_range asking for a key.
    ChartHandle chart(std::string_view title_or_key);
    std::vector<ChartHandle> charts(); // every chart of the last frame, in order
    // Any kind.
    WidgetHandle widget(std::string_view label, std::string_view key = {});
    // Every widget of the last frame of `kind` ("checkbox", "slider", ...; empty: any), in
    // order. For telling apart widgets that share a label and have no key.
    std::vector<WidgetHandle> widgets(std::string_view kind = {});

    // Move the session clock (spinner delays, ttl, retry_after). Takes effect at once. Each
    // AppTest's clock is its own: it ages only the cache entries this session stored (see
    // docs/caching.md, "Clocks"). Throws std::invalid_argument for a negative, NaN or infinite
    // `d`, or one that would move the clock past its range (~292 years in all).
    void advance_clock(std::chrono::duration<double> d);

    // Advanced: the session behind this test (widget store, clock).
    detail::Session& session();
    // Advanced: the Dear ImGui draw data of the last frame (null before the first run()).
    // Plain data owned by this AppTest's Dear ImGui context, valid until the next run().
    const ImDrawData* draw_data() const;

    struct Impl;

private:
    friend class WidgetHandle;
    friend class ChartHandle;
    WidgetHandle find(std::string_view kind, std::string_view label, std::string_view key);

    std::unique_ptr<Impl> impl_;
    std::vector<Element> elements_;
    std::size_t frames_ = 0;
};

} // namespace imlit::testing
