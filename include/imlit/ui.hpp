// imlit — elements, widgets and containers.
//
// Every function here turns into a small command value handed to the current sink
// (see docs/ARCHITECTURE.md): outside a cached scope it draws at once; inside one it is
// also recorded and replayed on later frames. All of them must be called from a frame
// function (imlit::run, imlit::testing::AppTest) or from a cached loader; elsewhere they
// throw std::logic_error naming the function.
//
// Index
//   [SECTION] Value types (Color, Texture, Table), request_redraw
//   [SECTION] Elements
//   [SECTION] Charts (line, area, bar, scatter, histogram)
//   [SECTION] Widgets
//   [SECTION] Containers (sidebar, expander, container, columns, tabs)
//   [SECTION] Slots and notices (placeholder, status, toast)
#pragma once

#include <concepts>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <source_location>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "imlit/detail/widgets.hpp"

namespace imlit {

// [SECTION] Value types ----------------------------------------------------------------------

// RGBA colour, components in [0, 1].
struct Color {
    float r = 0, g = 0, b = 0, a = 1;
    friend bool operator==(const Color&, const Color&) = default;
};

struct Size {
    float width = 0;  // 0: natural size (the image's own pixels, or the available width)
    float height = 0; // 0: natural size (keeps the aspect ratio when only width is given)
};

namespace detail {
struct TextureData;
struct ContainerAccess;
} // namespace detail

// Options of Texture::from_file: {.max_size = 256} for a thumbnail.
struct TextureLoadOptions {
    int max_size = 0; // 0: full size; else scaled down (never up) so that the longer side is
                      // at most max_size pixels, aspect ratio kept (sRGB-aware filtering; a
                      // reduction by 4x or more first averages whole blocks in linear light)
};

// An image on the GPU. Cheap to copy (shared handle). May be created on any thread: pixels
// are kept in memory and uploaded on the UI thread on first draw (with mipmaps, so a big
// image drawn small does not shimmer: the levels are made with the pixels, on the creating
// thread, so the UI thread only copies them); the GL texture is deleted on the UI thread when
// the last handle goes. A Texture that failed to load keeps the error and image() shows it in
// place.
class Texture {
public:
    Texture() = default; // empty: image() shows an error
    // From tightly packed 8-bit RGBA pixels (width*height*4 bytes). Throws
    // std::invalid_argument when the size does not match.
    static Texture from_rgba(int width, int height, std::span<const std::uint8_t> rgba);
    // From an image file (PNG, JPEG, BMP, ... via stb_image), decoded (and downsized, see
    // TextureLoadOptions) on the calling thread: call it inside a cached loader so that the
    // work happens on a worker. Never throws: a missing or unreadable file, or a negative
    // max_size, gives a Texture whose error() names the path and the reason.
    static Texture from_file(const std::filesystem::path& path, TextureLoadOptions options = {});

    int width() const;                // 0 when empty or failed
    int height() const;               // 0 when empty or failed
    bool ok() const;                  // pixels available
    const std::string& error() const; // empty when ok()
    // Memory the texture costs: its pixels and mipmap levels in memory plus gpu_byte_size().
    // What cache budgets count (byte_size(const Texture&)).
    std::size_t byte_size() const;
    // GPU memory of its uploaded copy: width*height*4 plus a third for the mipmaps. Counted
    // from the start, whether or not it has been drawn (uploaded) yet. 0 when empty or failed.
    std::size_t gpu_byte_size() const;
    const detail::TextureData* data() const { return data_.get(); }
    friend bool operator==(const Texture& a, const Texture& b) { return a.data_ == b.data_; }

private:
    std::shared_ptr<detail::TextureData> data_;
};

// A table: named columns, each all strings or all numbers. Rows are clipped when drawn,
// so 100,000 rows scroll smoothly.
struct Table {
    struct Column {
        std::string name;
        std::variant<std::vector<std::string>, std::vector<double>> values;
    };
    std::vector<Column> columns;
    std::size_t rows() const; // length of the longest column (shorter ones show blanks)
};

struct TableOptions {
    float height = 300;       // visible height in pixels; rows beyond it scroll
    int number_precision = 3; // digits after the point for number columns
};

// Any thread: ask for another frame soon (wakes an idle frame loop). Cheap; safe to call often.
void request_redraw();

// [SECTION] Elements -------------------------------------------------------------------------

void title(std::string_view text);     // largest heading
void header(std::string_view text);    // section heading, with a rule under it
void subheader(std::string_view text); // smaller heading
void text(std::string_view text);      // plain wrapped text
void caption(std::string_view text);   // small, dimmed text

namespace detail {
void text_formatted(fmt::string_view format, fmt::format_args args);
}
// fmt-style formatted text: imlit::text("{:.2f} ms", t). Formats into a reused buffer.
template <class... Args>
requires(sizeof...(Args) > 0) void text(fmt::format_string<Args...> format, Args&&... args) {
    detail::text_formatted(format, fmt::make_format_args(args...));
}

// Markdown subset: '#', '##', '###' headings; **bold**; '- ' / '* ' bullet and '1. '
// numbered lists; `inline code`; ``` fenced code blocks ```; [links](url) shown as their text.
void markdown(std::string_view source);
void code(std::string_view source, std::string_view language = {}); // monospace block
void success(std::string_view text);                                // green callout
void info(std::string_view text);                                   // blue callout
void warning(std::string_view text);                                // amber callout
void error(std::string_view text);                                  // red callout
void exception(const std::exception& e); // red callout with the exception's type and what()
void separator();                        // horizontal rule
// Progress bar; fraction is clamped to [0, 1] (NaN shows an error). text empty: "NN%".
void progress(float fraction, std::string_view text = {});
// Animated spinner with text. While visible it keeps frames coming (no idle).
void spinner(std::string_view text = "Loading...");
// How a metric's delta is coloured. A delta starting with '-' is a fall, anything else a rise.
enum class DeltaColor {
    normal,  // rise green, fall red (more is better: revenue, accuracy)
    inverse, // rise red, fall green (less is better: latency, cost)
    off,     // grey either way (the arrow still shows the direction)
};
struct MetricOptions {
    DeltaColor delta_color = DeltaColor::normal; // colour of the delta and its arrow
};
// A big number with a label and an optional delta ("+1.2%", "-3") under it, with an arrow.
//   imlit::metric("Latency", "42 ms", "-8 ms", {.delta_color = imlit::DeltaColor::inverse});
void metric(std::string_view label, std::string_view value, std::string_view delta = {},
            MetricOptions options = {});
void image(const Texture& texture, Size size = {}); // a failed/empty texture: error in place
void table(const Table& table, TableOptions options = {});
// Raw Dear ImGui code kept as a closure: called in place, and replayed from a recording.
void custom(std::function<void()> draw);

// [SECTION] Charts ---------------------------------------------------------------------------
// Five chart elements drawn with Dear ImGui's draw lists, sharing one look and one behaviour:
// axes with 1/2/5 x 10^k ticks, one palette that reads on dark and light themes, a legend
// whose entries hide and show their series on click, a readout of the nearest point under
// the mouse, mouse-wheel zoom and drag-pan (double-click resets the view). Series are reduced
// to what the plot's pixels can show, so a 1,000,000-point series draws in a few milliseconds.
// NaN and inf values are gaps (no line, bar or point there), never an error. A bad series
// (x and y of different lengths, bars that do not match the categories) is an error in place
// naming it; the other series still draw.
//
// Legend and zoom state is kept per chart in the session (not in the widget store: changing
// it never re-runs a cached loader), under an id made from `key` (or the kind, the title and
// the container path); inside a cached scope the replayed chart keeps it too.
//
// Data is read where it is: a chart made in the frame holds views of your series for the call
// only. A chart made inside a cached loader is copied once into its recording, with its ranges
// (and histogram bins) computed once there, on the loader's thread; replays reuse them. For big
// data that the frame already holds shared, pass a std::shared_ptr<const std::vector<Series>>
// (e.g. Cached<std::vector<Series>>::shared()): a recording then shares it instead of copying.

// One series: its values y, at x (x empty: x = 0, 1, 2, ...; else x.size() == y.size()).
// Bar charts ignore x (the categories are the x axis); histograms bin y.
struct Series {
    std::string name;      // legend entry; "": "series N"
    std::vector<double> y; // values (NaN, inf: gaps)
    std::vector<double> x = {};
    // Unset ({} or std::nullopt, the default): the palette's colour for the series' position.
    // Set: used as given, alpha included: .color = imlit::Color{0.9f, 0.2f, 0.2f}. (A plain
    // imlit::Color{} is opaque black, like any Color left at its defaults.)
    std::optional<Color> color = {};
    float point_size = 0; // scatter: marker radius in pixels (0: the chart's point_size)
};
using SharedSeries = std::shared_ptr<const std::vector<Series>>;

// Every chart's options start with these fields, in this order:
//     std::string_view key = {};   // id of the chart's legend and zoom state ("": from the
//                                  // kind, title and place); AppTest finds charts by it
//     std::string_view title = {}; // drawn above the chart ("": none); AppTest finds charts by it
//     float height = 220;          // plot height in pixels (the width is the available width)
//     std::string_view x_label = {}, y_label = {}; // axis captions ("": none)
//     bool legend = true;          // show the legend (click an entry: hide or show its series)
//     bool interactive = true;     // zoom, pan, double-click reset and the hover readout
// String fields are views: they must outlive the call (string literals always do).

// line_chart: a line per series. Wheel zooms x (y fits the data in view), drag pans.
struct ChartOptions {
    std::string_view key = {};
    std::string_view title = {};
    float height = 220;
    std::string_view x_label = {};
    std::string_view y_label = {};
    bool legend = true;
    bool interactive = true;
};
using LineChartOptions = ChartOptions;

// area_chart: the area under each series (or between it and the one below when stacked).
// x must be ascending (or empty). Wheel zooms x, drag pans.
struct AreaChartOptions {
    std::string_view key = {};
    std::string_view title = {};
    float height = 220;
    std::string_view x_label = {};
    std::string_view y_label = {};
    bool legend = true;
    bool interactive = true;
    bool stacked = true; // stack the series (positive values up, negative down); false: overlay
                         // them, translucent, each from 0 (series must then all be as long)
};

enum class BarMode {
    grouped, // the series' bars side by side in each category
    stacked, // one bar per category, the series stacked (positive up, negative down)
};
// bar_chart: a bar per category and series. Wheel zooms the category axis, drag pans.
struct BarChartOptions {
    std::string_view key = {};
    std::string_view title = {};
    float height = 220;
    std::string_view x_label = {};
    std::string_view y_label = {};
    bool legend = true;
    bool interactive = true;
    BarMode mode = BarMode::grouped;
};

// scatter_chart: a marker per point (x and y). Wheel zooms x and y around the mouse, drag pans.
struct ScatterChartOptions {
    std::string_view key = {};
    std::string_view title = {};
    float height = 220;
    std::string_view x_label = {};
    std::string_view y_label = {};
    bool legend = true;
    bool interactive = true;
    float point_size = 3; // marker radius in pixels for series whose point_size is 0
};

// histogram: counts of each series' y values in bins shared by all series (overlaid,
// translucent). NaN and inf values are left out (the readout says how many).
struct HistogramOptions {
    std::string_view key = {};
    std::string_view title = {};
    float height = 220;
    std::string_view x_label = {};
    std::string_view y_label = {};
    bool legend = true;
    bool interactive = true;
    int bins = 0; // 0: chosen from the data (Freedman-Diaconis width rounded to a 1/2/5 step,
                  // Sturges when the values bunch up); n > 0: n equal bins over the data's range
    std::span<const double> edges = {}; // given bin edges (finite, increasing, at least 2);
                                        // when set, bins is ignored. Values outside are left out
    int max_bins = 200;                 // at most this many bins when they are chosen (>= 1)
};

void line_chart(std::span<const Series> series, ChartOptions options = {});
void line_chart(SharedSeries series, ChartOptions options = {});
inline void line_chart(std::initializer_list<Series> series, ChartOptions options = {}) {
    line_chart(std::span<const Series>(series.begin(), series.size()), options);
}
void area_chart(std::span<const Series> series, AreaChartOptions options = {});
void area_chart(SharedSeries series, AreaChartOptions options = {});
inline void area_chart(std::initializer_list<Series> series, AreaChartOptions options = {}) {
    area_chart(std::span<const Series>(series.begin(), series.size()), options);
}
// categories: the x axis, one bar slot each; every series has one y value per category.
// categories empty: 1, 2, 3, ... (then the series must all be as long).
void bar_chart(std::span<const std::string> categories, std::span<const Series> series,
               BarChartOptions options = {});
void bar_chart(std::span<const std::string> categories, SharedSeries series,
               BarChartOptions options = {});
inline void bar_chart(std::span<const std::string> categories, std::initializer_list<Series> series,
                      BarChartOptions options = {}) {
    bar_chart(categories, std::span<const Series>(series.begin(), series.size()), options);
}
inline void bar_chart(std::initializer_list<std::string> categories,
                      std::initializer_list<Series> series, BarChartOptions options = {}) {
    bar_chart(std::span<const std::string>(categories.begin(), categories.size()),
              std::span<const Series>(series.begin(), series.size()), options);
}
void scatter_chart(std::span<const Series> series, ScatterChartOptions options = {});
void scatter_chart(SharedSeries series, ScatterChartOptions options = {});
inline void scatter_chart(std::initializer_list<Series> series, ScatterChartOptions options = {}) {
    scatter_chart(std::span<const Series>(series.begin(), series.size()), options);
}
void histogram(std::span<const Series> series, HistogramOptions options = {});
void histogram(SharedSeries series, HistogramOptions options = {});
inline void histogram(std::initializer_list<Series> series, HistogramOptions options = {}) {
    histogram(std::span<const Series>(series.begin(), series.size()), options);
}

// [SECTION] Widgets --------------------------------------------------------------------------
// Every widget takes its label, its value (the default: what it returns until the user changes
// it) and one options struct, written with designated initializers:
//     float a = imlit::slider("Opacity", 0.5f, {.help = "0: transparent", .min = 0, .max = 1});
// A widget's value lives in the session's widget store under an id made from `key` (or the
// label when key is empty) and the container path. It returns the value the store held at
// the start of this call; a user's edit is written to the store and shows in the value
// returned on the next frame (drawn at once; the frame loop redraws immediately).
// imlit::set_widget (imlit/state.hpp) changes a widget from code, like a user edit.
// Bad parameters and duplicate ids are errors shown in place, naming the widget; the
// widget then returns its default.
//
// Every options struct starts with the same three fields, in this order (designated
// initializers must follow it: {.key = "k", .help = "...", .disabled = true, ...}):
//     std::string_view key = {};  // "": the id comes from the label; else from this key
//     std::string_view help = {}; // "": none; else a "(?)" after the label shows it on hover
//     bool disabled = false;      // true: drawn greyed out, the user cannot change it (the
//                                 // widget still returns its value; set_widget still works)
// String fields are views: they must outlive the call (string literals always do).
//
// Calls that would read like something else do not compile, and the compiler's message says
// what to write: a key is never positional (checkbox("Show", "show_key")), and a slider's
// value, min and max share one type (slider("Opacity", 0.5, 0, 1) does not compile; write
// 0.5, 0.0, 1.0). Streamlit's slider order (label, min, max, value) is recognised: of
// (value, min, max) and (min, max, value), only one reading puts the value inside the range
// (both do only when all three are equal, and then they agree).

// A calendar date (proleptic Gregorian), the value of date_input. Compares chronologically;
// formats as "2024-03-05" with fmt ("{}").
struct Date {
    int year = 1970;
    int month = 1;       // 1..12
    int day = 1;         // 1..31 (days in that month)
    bool valid() const;  // year in [1, 9999] and a day that exists (2023-02-29 does not)
    static Date today(); // the local date now
    friend auto operator<=>(const Date&, const Date&) = default;
};

struct CheckboxOptions {
    std::string_view key = {};  // "": id from the label
    std::string_view help = {}; // tooltip on a "(?)" after the label; "": none
    bool disabled = false;      // greyed out, not editable
};
bool checkbox(std::string_view label, bool value = false, CheckboxOptions options = {});

// An on/off switch; the same value and options as a checkbox, drawn as a toggle.
using ToggleOptions = CheckboxOptions;
bool toggle(std::string_view label, bool value = false, ToggleOptions options = {});

struct ButtonOptions {
    std::string_view key = {};  // "": id from the label
    std::string_view help = {}; // tooltip on a "(?)" after the button; "": none
    bool disabled = false;      // greyed out, cannot be clicked
};
// True on the one frame after a click. Not allowed inside a cached scope.
bool button(std::string_view label, ButtonOptions options = {});

// Options of slider and range_slider; T is int, float or double (the value's type).
template <class T>
struct SliderOptions {
    std::string_view key = {};  // "": id from the label
    std::string_view help = {}; // tooltip on a "(?)" after the label; "": none
    bool disabled = false;      // greyed out, not draggable
    // The range, when not given as arguments (giving both is an error in place). Unset:
    // [0, 100] for int, [0, 1] for float and double. Dear ImGui's sliders need both ends
    // within half the type's range (int: [-2^30, 2^30 - 1]; float, double: +-MAX/2, finite);
    // wider ranges are an error in place (use number_input).
    detail::OptionalBound<T> min = {};
    detail::OptionalBound<T> max = {};
    // The values a drag snaps to: min, min + step, ... (> 0). Default: 1 for int; 0 for float
    // and double, meaning continuous (rounded to the precision `format` shows).
    T step = std::is_integral_v<T> ? T(1) : T(0);
    // printf-style, exactly one conversion, no length modifier, '*' or '$':
    // int: d i u x X o; float, double: f F e E g G a A. "": "%d" (int), "%.3f" (float, double).
    std::string_view format = {};
};

// A slider from min to max. Overloads for int, float and double: value, min and max share the
// type, and it is what the slider returns. The range comes from the arguments or, in the
// two-argument forms, from options.min/max.
int slider(std::string_view label, int value, SliderOptions<int> options = {});
float slider(std::string_view label, float value, SliderOptions<float> options = {});
double slider(std::string_view label, double value, SliderOptions<double> options = {});
int slider(std::string_view label, int value, int min, int max, SliderOptions<int> options = {});
float slider(std::string_view label, float value, float min, float max,
             SliderOptions<float> options = {});
double slider(std::string_view label, double value, double min, double max,
              SliderOptions<double> options = {});

// A slider with two handles: returns {low, high}, low <= high. The value is {low, high} in
// the slider's type, which the range picks: range_slider("Years", {1990, 2020}, 1900, 2030)
// is an int slider. In the two-argument form write the pair's type out:
// range_slider("Band", std::pair{0.2, 0.8}, {.min = 0, .max = 1}).
std::pair<int, int> range_slider(std::string_view label, detail::RangeValue<int> value,
                                 SliderOptions<int> options = {});
std::pair<float, float> range_slider(std::string_view label, detail::RangeValue<float> value,
                                     SliderOptions<float> options = {});
std::pair<double, double> range_slider(std::string_view label, detail::RangeValue<double> value,
                                       SliderOptions<double> options = {});
std::pair<int, int> range_slider(std::string_view label, detail::RangeValue<int> value, int min,
                                 int max, SliderOptions<int> options = {});
std::pair<float, float> range_slider(std::string_view label, detail::RangeValue<float> value,
                                     float min, float max, SliderOptions<float> options = {});
std::pair<double, double> range_slider(std::string_view label, detail::RangeValue<double> value,
                                       double min, double max, SliderOptions<double> options = {});

// Options of number_input; T is int, float or double (the value's type).
template <class T>
struct NumberInputOptions {
    std::string_view key = {};         // "": id from the label
    std::string_view help = {};        // tooltip on a "(?)" after the label; "": none
    bool disabled = false;             // greyed out, not editable
    detail::OptionalBound<T> min = {}; // unset: no lower bound; else typed values are clamped
    detail::OptionalBound<T> max = {}; // unset: no upper bound; else typed values are clamped
    T step = T(1);                     // the -/+ buttons' step (Ctrl+click: 10x); 0: no buttons
    // printf-style, as SliderOptions::format; for int without flags or precision (typed text
    // is read back with it). "": "%d" (int), "%.6g" (float, double).
    std::string_view format = {};
};

// A number field with -/+ buttons. Overloads for int, float and double; returns the value's
// type. Non-finite typed values are ignored.
int number_input(std::string_view label, int value, NumberInputOptions<int> options = {});
float number_input(std::string_view label, float value, NumberInputOptions<float> options = {});
double number_input(std::string_view label, double value, NumberInputOptions<double> options = {});

struct TextInputOptions {
    std::string_view key = {};         // "": id from the label
    std::string_view help = {};        // tooltip on a "(?)" after the label; "": none
    bool disabled = false;             // greyed out, not editable
    std::string_view placeholder = {}; // grey hint shown while the text is empty
    bool multiline = false;            // a text area: Enter inserts a newline
    bool password = false;             // shows dots instead of the text (single-line only)
    std::size_t max_chars = 0;         // 0: no limit; else at most this many characters
                                       // (UTF-8 code points); typing and pasting stop there
    float height = 0;                  // multiline: box height in pixels; 0: about 4 lines
};
// A text field; returns its text. The second argument is the default text.
std::string text_input(std::string_view label, std::string_view value = {},
                       TextInputOptions options = {});

struct SelectboxOptions {
    std::string_view key = {};  // "": id from the label
    std::string_view help = {}; // tooltip on a "(?)" after the label; "": none
    bool disabled = false;      // greyed out, cannot be opened
};
struct RadioOptions {
    std::string_view key = {};  // "": id from the label
    std::string_view help = {}; // tooltip on a "(?)" after the label; "": none
    bool disabled = false;      // greyed out, cannot be changed
    bool horizontal = false;    // options in one row (default: one per line)
};

namespace detail {
std::size_t selectbox_choice(std::string_view label, std::span<const std::string_view> options,
                             std::size_t index, const SelectboxOptions& o);
std::size_t radio_choice(std::string_view label, std::span<const std::string_view> options,
                         std::size_t index, const RadioOptions& o);
} // namespace detail

// A drop-down list. `options`: any forward range of strings (std::vector<std::string>,
// std::array<const char*, N>, ...) or of a type fmt can format (enums with a formatter,
// numbers); `index` picks the default. selectbox returns the selected element (a copy);
// selectbox_index its index. No options: error in place; selectbox returns a
// value-initialised element, selectbox_index returns 0.
template <detail::OptionRange R>
detail::option_value_t<R> selectbox(std::string_view label, const R& options, std::size_t index = 0,
                                    SelectboxOptions o = {}) {
    return detail::option_at(
        options,
        detail::selectbox_choice(label, detail::option_labels("selectbox", options), index, o));
}
std::string selectbox(std::string_view label, std::initializer_list<std::string_view> options,
                      std::size_t index = 0, SelectboxOptions o = {});
template <detail::OptionRange R>
std::size_t selectbox_index(std::string_view label, const R& options, std::size_t index = 0,
                            SelectboxOptions o = {}) {
    return detail::selectbox_choice(label, detail::option_labels("selectbox", options), index, o);
}
std::size_t selectbox_index(std::string_view label, std::initializer_list<std::string_view> options,
                            std::size_t index = 0, SelectboxOptions o = {});

// Radio buttons: the same options and results as selectbox.
template <detail::OptionRange R>
detail::option_value_t<R> radio(std::string_view label, const R& options, std::size_t index = 0,
                                RadioOptions o = {}) {
    return detail::option_at(
        options, detail::radio_choice(label, detail::option_labels("radio", options), index, o));
}
std::string radio(std::string_view label, std::initializer_list<std::string_view> options,
                  std::size_t index = 0, RadioOptions o = {});
template <detail::OptionRange R>
std::size_t radio_index(std::string_view label, const R& options, std::size_t index = 0,
                        RadioOptions o = {}) {
    return detail::radio_choice(label, detail::option_labels("radio", options), index, o);
}
std::size_t radio_index(std::string_view label, std::initializer_list<std::string_view> options,
                        std::size_t index = 0, RadioOptions o = {});

struct MultiselectOptions {
    std::string_view key = {};         // "": id from the label
    std::string_view help = {};        // tooltip on a "(?)" after the label; "": none
    bool disabled = false;             // greyed out, cannot be opened
    std::string_view placeholder = {}; // shown while nothing is selected; "": "Choose options"
    std::size_t max_selections = 0;    // 0: no limit; else at most this many can be picked
};
// Returns the selected options, in the order of `options`. `defaults`: the options selected
// at first (each must be one of `options`).
std::vector<std::string> multiselect(std::string_view label, std::span<const std::string> options,
                                     std::span<const std::string> defaults = {},
                                     MultiselectOptions o = {});
std::vector<std::string> multiselect(std::string_view label,
                                     std::initializer_list<std::string_view> options,
                                     std::initializer_list<std::string_view> defaults = {},
                                     MultiselectOptions o = {});

struct ColorPickerOptions {
    std::string_view key = {};  // "": id from the label
    std::string_view help = {}; // tooltip on a "(?)" after the label; "": none
    bool disabled = false;      // greyed out, not editable
    bool alpha = true;          // false: no alpha editing (the value's alpha is kept)
};
Color color_picker(std::string_view label, Color value = {1, 1, 1, 1},
                   ColorPickerOptions options = {});

struct DateInputOptions {
    std::string_view key = {};  // "": id from the label
    std::string_view help = {}; // tooltip on a "(?)" after the label; "": none
    bool disabled = false;      // greyed out, cannot be opened
    // Unset: 0001-01-01 and 9999-12-31. Days outside cannot be picked. Written with the type:
    // {.min = imlit::Date{2024, 1, 1}}.
    std::optional<Date> min = {};
    std::optional<Date> max = {};
};
// A date field with a calendar drop-down; returns the picked date. An invalid value or one
// outside [min, max] is an error in place.
Date date_input(std::string_view label, Date value, DateInputOptions options = {});

// [SECTION] Containers -----------------------------------------------------------------------
// Containers group output. Each comes in two forms:
//   if (auto e = imlit::expander("Details")) { imlit::text("..."); }  // RAII: while `e` lives
//   imlit::expander("Details", [&] { imlit::text("..."); });            // lambda: the body
// Output issued while a handle is alive goes inside it. Its bool says whether the body is
// visible; the lambda form runs the body only then. Inside a cached loader both are always
// "visible", so the recording is complete; only drawing follows the open state (DESIGN R10).
// A handle must be named: `if (imlit::expander("x"))` would close the container before its
// body ran, so it does not compile.
//
// Groups (columns, tabs) are filled through the group, as in Streamlit:
//   auto cols = imlit::columns(2);
//   if (auto c = cols[0]) imlit::metric("Rows", "10,000");
//   if (auto c = cols[1]) imlit::metric("Columns", "12");
//   imlit::line_chart(series); // below the whole group, however long `cols` lives
// Output issued at the group's own level (outside every child) closes the group and goes
// below it; so does a cached call that shows anything there. imlit draws top to bottom, so a
// child filled after that is an error in place: fill a group's children first.
//
// Ids: a container's id (which the ids of the widgets inside it extend) comes from its `key`
// when one is given, else from its kind, label and call site (file, line, column), so UI that
// appears or disappears above it does not change it. The same call site reached again under
// the same parent (a loop) gets the next id in turn; two containers with one key under one
// parent are an error in place.

namespace detail {
template <class>
inline constexpr bool always_false = false;
} // namespace detail

class [[nodiscard]] Container {
public:
    Container() = default;
    Container(Container&& o) noexcept
        : ctx_(std::exchange(o.ctx_, nullptr)), token_(o.token_), open_(o.open_) {}
    Container& operator=(Container&&) = delete;
    ~Container(); // closes the container (and anything still open inside it)
    explicit operator bool() const& { return open_; } // the body is visible
    template <class T = void>
    explicit operator bool() const&& {
        static_assert(detail::always_false<T>,
                      "imlit: name the container so it stays open for its body: "
                      "if (auto e = imlit::expander(\"Details\")) { ... }");
        return false;
    }

private:
    friend struct detail::ContainerAccess;
    void* ctx_ = nullptr;     // the context that must close it; null: nothing to close
    std::uint64_t token_ = 0; // which open container it is (closing is a no-op once gone)
    bool open_ = false;
};

// A group of sibling containers: columns and tabs. Pick a child with operator[]; each child is
// a Container. Children can be filled in any order, and a child more than once, until output
// below the group closes it (see above).
class [[nodiscard]] ContainerGroup {
public:
    ContainerGroup() = default;
    ContainerGroup(ContainerGroup&& o) noexcept
        : ctx_(std::exchange(o.ctx_, nullptr)), id_(o.id_), token_(o.token_), count_(o.count_),
          tabs_(o.tabs_) {}
    ContainerGroup& operator=(ContainerGroup&&) = delete;
    ~ContainerGroup();
    // Child `index` (out of range: error in place, a closed Container).
    Container operator[](std::size_t index) const&;
    template <class T = void>
    Container operator[](std::size_t) const&& {
        static_assert(detail::always_false<T>,
                      "imlit: name the group: auto cols = imlit::columns(2); if (auto c = "
                      "cols[0]) { ... } (or imlit::columns(2).each([&](std::size_t i) { ... }))");
        return {};
    }
    std::size_t size() const { return count_; }
    // Lambda form: body(i) for each child i in order, while that child is open (and visible).
    template <class F>
    requires std::invocable<F&, std::size_t>
    void each(F&& body) const {
        for (std::size_t i = 0; i < count_; ++i)
            if (Container c = (*this)[i]) body(i);
    }

private:
    friend struct detail::ContainerAccess;
    void* ctx_ = nullptr;
    std::uint64_t id_ = 0;    // the group's container id (children find it by this)
    std::uint64_t token_ = 0; // which open container it is
    std::size_t count_ = 0;
    bool tabs_ = false; // tabs (else columns)
};

struct ContainerOptions {
    std::string_view key = {}; // id of the container; "": from the call site
    bool border = false;       // draw a frame around the content
};
struct ExpanderOptions {
    std::string_view key = {}; // id of the expander; "": from the label and the call site
    bool expanded = false;     // open the first time it is shown (then the user decides)
};
struct ColumnsOptions {
    std::string_view key = {}; // id of the group; "": from the call site
    bool border = false;       // lines between and around the columns
};
struct TabsOptions {
    std::string_view key = {}; // id of the tab bar; "": from the call site
};

// The left sidebar of the page. One per page: every sidebar() call adds to it (no key).
Container sidebar();
template <class F>
requires std::invocable<F&>
void sidebar(F&& body) {
    if (Container c = sidebar()) body();
}

// A collapsible section with a header line. Closed unless options.expanded.
Container expander(std::string_view label, ExpanderOptions options = {},
                   std::source_location where = std::source_location::current());
template <class F>
requires std::invocable<F&>
void expander(std::string_view label, ExpanderOptions options, F&& body,
              std::source_location where = std::source_location::current()) {
    if (Container c = expander(label, options, where)) body();
}
template <class F>
requires std::invocable<F&>
void expander(std::string_view label, F&& body,
              std::source_location where = std::source_location::current()) {
    if (Container c = expander(label, ExpanderOptions{}, where)) body();
}
template <class T>
requires(!std::invocable<T&> && !std::is_convertible_v<T, ExpanderOptions>) Container
    expander(std::string_view, T&&, std::source_location = std::source_location::current()) {
    static_assert(detail::always_false<T>,
                  "imlit::expander(label, options): options are an ExpanderOptions, e.g. "
                  "imlit::expander(\"Details\", {.key = \"details\", .expanded = true})");
    return {};
}

// A plain group (a frame around it with options.border). Useful for keying a part of the page.
Container container(ContainerOptions options = {},
                    std::source_location where = std::source_location::current());
template <class F>
requires std::invocable<F&>
void container(ContainerOptions options, F&& body,
               std::source_location where = std::source_location::current()) {
    if (Container c = container(options, where)) body();
}
template <class F>
requires std::invocable<F&>
void container(F&& body, std::source_location where = std::source_location::current()) {
    if (Container c = container(ContainerOptions{}, where)) body();
}
template <class T>
requires(!std::invocable<T&> && !std::is_convertible_v<T, ContainerOptions> &&
         !std::is_convertible_v<T, std::source_location>) Container
    container(T&&, std::source_location = std::source_location::current()) {
    static_assert(detail::always_false<T>,
                  "imlit::container(options): options are a ContainerOptions, e.g. "
                  "imlit::container({.key = \"box\", .border = true})");
    return {};
}

// Equal-width columns (1 <= count <= 64), or relative widths (each weight finite and > 0).
// Another count is an error in place (nothing is allocated for it).
ContainerGroup columns(std::size_t count, ColumnsOptions options = {},
                       std::source_location where = std::source_location::current());
ContainerGroup columns(std::initializer_list<float> weights, ColumnsOptions options = {},
                       std::source_location where = std::source_location::current());
// A tab bar (1 to 1,024 labels; another count is an error in place, checked before the labels
// are copied); the first tab is selected until the user picks another. Only the selected tab's
// body is visible.
ContainerGroup tabs(std::initializer_list<std::string_view> labels, TabsOptions options = {},
                    std::source_location where = std::source_location::current());
ContainerGroup tabs(std::span<const std::string> labels, TabsOptions options = {},
                    std::source_location where = std::source_location::current());

// [SECTION] Slots and notices ----------------------------------------------------------------

class Placeholder;
namespace detail {
struct StatusCell;
struct PlaceholderSlot;
// RAII for Placeholder::write: while alive, output goes into the placeholder's new content.
class SlotWrite {
public:
    explicit SlotWrite(const Placeholder& placeholder);
    ~SlotWrite();
    SlotWrite(const SlotWrite&) = delete;
    SlotWrite& operator=(const SlotWrite&) = delete;

private:
    void* ctx_ = nullptr;
    std::uint64_t token_ = 0;  // the write's level
    bool report_late_ = false; // written after output below the slot, outside any recording
};
} // namespace detail

// A slot (Streamlit's st.empty): each write replaces what it shows.
//   auto bar = imlit::placeholder();
//   for (int i = 1; i <= 100; ++i) { bar.progress(i / 100.0f); train_step(); }
//   bar.success("Trained");  // the bar is gone; the slot now shows the message
// Content is elements and containers; widgets in it are an error in place (they would be
// replaced away). In the frame the slot shows its last content where placeholder() was
// called. Inside a cached loader the recording keeps only the last content, so the loop above
// replays as one success message, and while the loader runs the page shows the bar moving.
// Write before adding output below the slot: a frame cannot draw above what it already drew
// (a late write is an error in place; inside a loader it shows from the next frame on). Write
// from the thread that made it (the frame, or the loader): elsewhere std::logic_error. Each
// write allocates its content (a small recording): fine for progress, not for every frame of
// a busy page.
class [[nodiscard]] Placeholder {
public:
    Placeholder() = default; // an empty handle: writes do nothing
    Placeholder(Placeholder&& o) noexcept
        : ctx_(std::exchange(o.ctx_, nullptr)), token_(o.token_), slot_(std::move(o.slot_)),
          recorded_(o.recorded_) {}
    Placeholder& operator=(Placeholder&&) = delete;
    ~Placeholder(); // the slot takes its place in the page (shows its content) if not yet

    // Replace the content with what `body` shows.
    template <class F>
    requires std::invocable<F&>
    void write(F&& body) const {
        detail::SlotWrite w(*this);
        body();
    }
    void clear() const; // show nothing (Streamlit's .empty())
    // Shorthands: write([&] { imlit::text(s); }), ...
    void text(std::string_view s) const;
    void caption(std::string_view s) const;
    void markdown(std::string_view s) const;
    void success(std::string_view s) const;
    void info(std::string_view s) const;
    void warning(std::string_view s) const;
    void error(std::string_view s) const;
    void progress(float fraction, std::string_view text = {}) const;
    void spinner(std::string_view text = "Loading...") const;
    void metric(std::string_view label, std::string_view value, std::string_view delta = {},
                MetricOptions options = {}) const;

private:
    friend struct detail::ContainerAccess;
    friend class detail::SlotWrite;
    void* ctx_ = nullptr;
    std::uint64_t token_ = 0; // the slot's level while it waits for content
    std::shared_ptr<detail::PlaceholderSlot> slot_;
    bool recorded_ = false; // made inside a recording (a late write shows on replay)
};

Placeholder placeholder(); // a slot here, empty until written

enum class StatusState {
    running,  // a spinner before the label
    complete, // a check mark
    error,    // a red cross
};
struct StatusOptions {
    std::string_view key = {};                // id of the box; "": from the call site
    StatusState state = StatusState::running; // the first state
    bool expanded = false;                    // open the first time it is shown
};
// Fields left empty keep their value.
struct StatusUpdate {
    std::optional<std::string> label = {};
    std::optional<StatusState> state = {};
    std::optional<bool> expanded = {}; // open or close it now (the user can toggle it again)
};

// A collapsible box with a state, for the steps of a long task (Streamlit's st.status):
//   auto s = imlit::status("Downloading data...");
//   imlit::text("Searching for data...");  // inside the box while `s` lives
//   ...
//   s.update({.label = "Download complete!", .state = imlit::StatusState::complete});
// The header always shows the last state, in the frame that updated it too. Inside a cached
// loader update() is recorded: a replay shows the box in its last state (Streamlit replays
// the first one, streamlit#10025). The body runs whether the box is open or not; its bool says
// whether the body is visible.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Status&& o) noexcept
        : ctx_(std::exchange(o.ctx_, nullptr)), token_(o.token_), open_(o.open_),
          cell_(std::move(o.cell_)) {}
    Status& operator=(Status&&) = delete;
    ~Status(); // closes the box (anything after goes below it)
    explicit operator bool() const& { return open_; }
    template <class T = void>
    explicit operator bool() const&& {
        static_assert(detail::always_false<T>,
                      "imlit: name the status box so it stays open for its body: "
                      "auto s = imlit::status(\"Working...\"); ...; s.update({...});");
        return false;
    }
    // Change the label, state or open state. Allowed after the box closed too (the header
    // and every recording of it show the new state from the next draw on).
    void update(const StatusUpdate& update) const;

private:
    friend struct detail::ContainerAccess;
    void* ctx_ = nullptr;
    std::uint64_t token_ = 0;
    bool open_ = false;
    std::shared_ptr<detail::StatusCell> cell_;
};

Status status(std::string_view label, StatusOptions options = {},
              std::source_location where = std::source_location::current());
// Lambda form: body() or body(Status&) while the box is open for output (always: the body runs
// whether the box is collapsed or not, as the work usually happens there).
template <class F>
requires(std::invocable<F&> || std::invocable<F&, Status&>) void status(
    std::string_view label, StatusOptions options, F&& body,
    std::source_location where = std::source_location::current()) {
    Status s = status(label, options, where);
    if constexpr (std::invocable<F&, Status&>)
        body(s);
    else
        body();
}
template <class F>
requires(std::invocable<F&> || std::invocable<F&, Status&>) void status(
    std::string_view label, F&& body,
    std::source_location where = std::source_location::current()) {
    status(label, StatusOptions{}, std::forward<F>(body), where);
}

struct ToastOptions {
    double seconds = 4; // how long it is shown (session clock); finite and > 0 (else an error
                        // in place); more than a year is shown for a year
};
// A short notice in the bottom-right corner of the window for a few seconds. Never recorded:
// inside a cached loader it shows when the loader runs, not on replays. Call it on an event
// (a click, a finished save), not every frame: an identical notice already showing is not
// shown twice. AppTest sees it as a "toast" element while it shows.
void toast(std::string_view text, ToastOptions options = {});

} // namespace imlit

// Date formats as "2024-03-05": imlit::text("{}", date).
template <>
struct fmt::formatter<imlit::Date> {
    constexpr auto parse(fmt::format_parse_context& ctx) { return ctx.begin(); }
    template <class Context>
    auto format(const imlit::Date& d, Context& ctx) const {
        return fmt::format_to(ctx.out(), "{:04}-{:02}-{:02}", d.year, d.month, d.day);
    }
};

// Widget calls that would silently mean something else fail to compile with a message that
// says what to write (checkbox("Show", "show_key"), slider("Opacity", 0.5, 0, 1), ...).
#include "imlit/detail/widget_traps.hpp"
