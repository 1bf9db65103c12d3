// imlit — elements, widgets and containers.
//
// Every function here turns into a small command value handed to the current sink
// (see docs/ARCHITECTURE.md): outside a cached scope it draws at once; inside one it is
// also recorded and replayed on later frames. All of them must be called from a frame
// function (imlit::run, imlit::testing::AppTest) or from a cached loader; elsewhere they
// throw std::logic_error naming the function.
//
// Index
//   [SECTION] Value types (Color, Texture, Table, Series), request_redraw
//   [SECTION] Elements
//   [SECTION] Widgets
//   [SECTION] Containers
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
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
                      // at most max_size pixels, aspect ratio kept (sRGB-aware filtering)
};

// An image on the GPU. Cheap to copy (shared handle). May be created on any thread: pixels
// are kept in memory and uploaded on the UI thread on first draw (with mipmaps, so a big
// image drawn small does not shimmer); the GL texture is deleted on the UI thread when the
// last handle goes. A Texture that failed to load keeps the error and image() shows it in
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

    int width() const;                 // 0 when empty or failed
    int height() const;                // 0 when empty or failed
    bool ok() const;                   // pixels available
    const std::string& error() const;  // empty when ok()
    // Memory the texture costs: its pixels in memory plus gpu_byte_size(). What cache
    // budgets count (byte_size(const Texture&)).
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

// One line of a line chart. x empty: x = 0, 1, 2, ...; otherwise x.size() == y.size().
struct Series {
    std::string name;
    std::vector<double> y;
    std::vector<double> x = {};
};

struct ChartOptions {
    float height = 220;      // plot height in pixels (width: the available width)
    std::string x_label = {}; // axis captions, empty: none
    std::string y_label = {};
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
    requires(sizeof...(Args) > 0)
void text(fmt::format_string<Args...> format, Args&&... args) {
    detail::text_formatted(format, fmt::make_format_args(args...));
}

// Markdown subset: '#', '##', '###' headings; **bold**; '- ' / '* ' bullet and '1. '
// numbered lists; `inline code`; ``` fenced code blocks ```; [links](url) shown as their text.
void markdown(std::string_view source);
void code(std::string_view source, std::string_view language = {}); // monospace block
void success(std::string_view text); // green callout
void info(std::string_view text);    // blue callout
void warning(std::string_view text); // amber callout
void error(std::string_view text);   // red callout
void exception(const std::exception& e); // red callout with the exception's type and what()
void separator();                        // horizontal rule
// Progress bar; fraction is clamped to [0, 1] (NaN shows an error). text empty: "NN%".
void progress(float fraction, std::string_view text = {});
// Animated spinner with text. While visible it keeps frames coming (no idle).
void spinner(std::string_view text = "Loading...");
// A big number with a label and an optional delta ("+1.2%" green, "-3" red).
void metric(std::string_view label, std::string_view value, std::string_view delta = {});
void image(const Texture& texture, Size size = {}); // a failed/empty texture: error in place
void table(const Table& table, TableOptions options = {});
void line_chart(std::span<const Series> series, ChartOptions options = {});
inline void line_chart(std::initializer_list<Series> series, ChartOptions options = {}) {
    line_chart(std::span<const Series>(series.begin(), series.size()), std::move(options));
}
// Raw Dear ImGui code kept as a closure: called in place, and replayed from a recording.
void custom(std::function<void()> draw);

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
    std::string_view key = {};    // "": id from the label
    std::string_view help = {};   // tooltip on a "(?)" after the label; "": none
    bool disabled = false;        // greyed out, cannot be opened
    // Unset: 0001-01-01 and 9999-12-31. Days outside cannot be picked. Written with the type:
    // {.min = imlit::Date{2024, 1, 1}}.
    std::optional<Date> min = {};
    std::optional<Date> max = {};
};
// A date field with a calendar drop-down; returns the picked date. An invalid value or one
// outside [min, max] is an error in place.
Date date_input(std::string_view label, Date value, DateInputOptions options = {});

// [SECTION] Containers -----------------------------------------------------------------------
// RAII scopes: output issued while one is alive goes inside it.
//   if (auto e = imlit::expander("Details")) { imlit::text("..."); }
// The bool says whether the body is visible. Inside a cached loader it is always true, so
// the recording is complete; only drawing follows the open state.

class [[nodiscard]] Container {
public:
    Container() = default;
    Container(Container&& o) noexcept
        : ctx_(std::exchange(o.ctx_, nullptr)), token_(o.token_), open_(o.open_) {}
    Container& operator=(Container&&) = delete;
    ~Container();
    explicit operator bool() const { return open_; }

private:
    friend struct detail::ContainerAccess;
    void* ctx_ = nullptr; // the context that must close it; null: nothing to close
    std::uint64_t token_ = 0; // which open container it is (closing is a no-op once gone)
    bool open_ = false;
};

// A group of sibling containers: columns and tabs. Pick a child with operator[]; each child
// is a Container. Children can be filled in any order.
class [[nodiscard]] ContainerGroup {
public:
    ContainerGroup() = default;
    ContainerGroup(ContainerGroup&& o) noexcept
        : ctx_(std::exchange(o.ctx_, nullptr)), id_(o.id_), token_(o.token_), count_(o.count_),
          tabs_(o.tabs_) {}
    ContainerGroup& operator=(ContainerGroup&&) = delete;
    ~ContainerGroup();
    Container operator[](std::size_t index) const; // out of range: error in place, closed
    std::size_t size() const { return count_; }

private:
    friend struct detail::ContainerAccess;
    void* ctx_ = nullptr;
    std::uint64_t id_ = 0;    // the group's container id (children find it by this)
    std::uint64_t token_ = 0; // which open container it is
    std::size_t count_ = 0;
    bool tabs_ = false;       // tabs (else columns)
};

Container sidebar();                          // the left sidebar of the page
Container expander(std::string_view label, bool expanded = false); // collapsible section
Container container(std::string_view key = {}, bool border = false); // plain group
ContainerGroup columns(std::size_t count);    // equal-width columns (count >= 1)
ContainerGroup columns(std::initializer_list<float> weights); // relative widths (> 0)
ContainerGroup tabs(std::initializer_list<std::string_view> labels); // tab bar (>= 1 label)
ContainerGroup tabs(std::span<const std::string> labels);

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
