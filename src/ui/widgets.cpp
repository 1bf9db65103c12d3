// imlit — widgets: the one path every widget call takes (emit_widget), and the public widget
// functions, which turn their options structs into WidgetCmds (the one conversion point).
//
// A widget call (direct or replayed) goes through emit_widget():
//   1. inside a cached scope: a trigger (button) or a widget where allow_widgets = false is an
//      error in place (recorded as that error); otherwise the widget command is recorded;
//   2. parameters are validated and the id checked against this frame's ids (errors in place);
//   3. the store is read: the value at the start of the call (the default while unset);
//   4. recording (not replaying): a WidgetRead is appended to the recording;
//   5. logged for the harness; visible: drawn with Dear ImGui (an edit is written to the store
//      and a redraw requested).
// Validation, drawing and the store are in widget_validation.cpp, widget_draw.cpp and
// widget_store.cpp (see widget_impl.hpp).
//
// Index
//   [SECTION] Names, Date
//   [SECTION] emit_widget
//   [SECTION] Public widget functions
#include <algorithm>
#include <chrono>
#include <ctime>

#include "ui/widget_impl.hpp"
#include "ui/widget_value_text.hpp"

namespace imlit::detail {

namespace {
// Seeds of a widget's id segment: an unkeyed widget's id comes from its kind and label, a keyed
// one's from the key alone (so a key names one widget whatever its label or kind).
constexpr std::uint64_t kLabelSegmentTag = 0x1000;
constexpr std::uint64_t kKeySegmentTag = 0x2000;
} // namespace

// [SECTION] Names, Date ------------------------------------------------------------------------

const char* widget_kind_name(WidgetKind kind) {
    switch (kind) {
    case WidgetKind::checkbox:
        return "checkbox";
    case WidgetKind::toggle:
        return "toggle";
    case WidgetKind::button:
        return "button";
    case WidgetKind::slider_int:
    case WidgetKind::slider_float:
    case WidgetKind::slider_double:
        return "slider";
    case WidgetKind::range_slider_int:
    case WidgetKind::range_slider_float:
    case WidgetKind::range_slider_double:
        return "range_slider";
    case WidgetKind::number_input_int:
    case WidgetKind::number_input_float:
    case WidgetKind::number_input_double:
        return "number_input";
    case WidgetKind::text_input:
        return "text_input";
    case WidgetKind::selectbox:
        return "selectbox";
    case WidgetKind::radio:
        return "radio";
    case WidgetKind::multiselect:
        return "multiselect";
    case WidgetKind::color_picker:
        return "color_picker";
    case WidgetKind::date_input:
        return "date_input";
    case WidgetKind::data_table:
        return "data_table";
    case WidgetKind::table_selection:
        return "table_selection";
    case WidgetKind::file_input:
        return "file_input";
    case WidgetKind::save_button:
        return "save_button";
    }
    return "widget";
}

OptionScratch option_scratch(const char* function) {
    Context::Impl& c = require_context(function);
    c.choice_views.clear();
    c.choice_text.clear();
    c.choice_ends.clear();
    return {&c.choice_views, &c.choice_text, &c.choice_ends};
}

namespace {

void log_widget(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, const WidgetValue& v) {
    LoggedElement* e = log_element(c, widget_kind_name(w.kind), w.label, w.label);
    if (e == nullptr) return;
    e->widget_id = id;
    e->widget_kind = w.kind;
    e->key.assign(w.key);
    e->value = v;
    e->options.assign(w.options.begin(), w.options.end());
    e->limits = limits_of(w);
    e->help.assign(w.help);
    e->disabled = w.disabled;
}

void widget_error(Context::Impl& c, const WidgetCmd& w, std::string_view reason) {
    c.text_buf.clear();
    fmt::format_to(std::back_inserter(c.text_buf), "{} '{}': {}", widget_kind_name(w.kind), w.label,
                   reason);
    draw_error_text(c, c.text_buf);
}

} // namespace

// [SECTION] emit_widget -------------------------------------------------------------------------

std::uint64_t widget_id(const Context::Impl& c, WidgetKind kind, std::string_view label,
                        std::string_view key) {
    const std::uint64_t seg =
        key.empty() ? segment_hash(kLabelSegmentTag + static_cast<std::uint64_t>(kind), label)
                    : segment_hash(kKeySegmentTag, key);
    return child_path(c.top().path, seg);
}

void emit_widget(Context::Impl& c, const WidgetCmd& w, WidgetValue* out) {
    settle_pending(c); // a widget below a pending group or placeholder closes it first
    raw_check(c);
    Recorder* r = c.recorder();
    const char* kind = widget_kind_name(w.kind);
    auto finish_default = [&] {
        if (out) *out = default_value(w);
        raw_arm(c);
    };
    if (r != nullptr && !w.framework) {
        if (r->info.slot) {
            const std::string msg = fmt::format(
                "{} '{}' cannot go in a placeholder: its content is replaced on every write. "
                "Put the widget outside the placeholder.",
                kind, w.label);
            emit(c, CalloutCmd{CalloutKind::error, msg});
            return finish_default();
        }
        std::string_view scope = r->info.name.empty() ? "(unnamed)" : r->info.name;
        if (w.kind == WidgetKind::button) {
            const std::string msg = fmt::format(
                "button '{}' cannot be used inside cached scope '{}': a button is a one-frame "
                "trigger, and a cached scope records what it shows. Call the button outside and "
                "pass its result to the cached function as an argument.",
                w.label, scope);
            emit(c, CalloutCmd{CalloutKind::error, msg});
            return finish_default();
        }
        if (!r->info.allow_widgets) {
            const std::string msg = fmt::format(
                "{} '{}' is not allowed inside cached scope '{}' (allow_widgets = false). Read "
                "it outside and pass its value as an argument, or allow widgets.",
                kind, w.label, scope);
            emit(c, CalloutCmd{CalloutKind::error, msg});
            return finish_default();
        }
    }
    if (r != nullptr) r->rec->impl().append(&w);

    // A loader called from a plain thread (no session, no store) sees every widget at its
    // default value, and records that read like any other: its entry is keyed by the default
    // state and never stands in for another state of the widget (R4).
    if (c.session == nullptr && r == nullptr) {
        widget_error(c, w, "widgets need a session (this call was made outside a frame)");
        return finish_default();
    }
    if (std::string reason = validate(w); !reason.empty()) {
        widget_error(c, w, reason);
        return finish_default();
    }
    const Level& top = c.top();
    const std::uint64_t id = w.framework ? w.fixed_id : widget_id(c, w.kind, w.label, w.key);
    const std::uint32_t depth = top.depth + 1;
    if (!c.seen.insert(id)) {
        widget_error(c, w,
                     w.key.empty()
                         ? "another widget with the same label is already on this frame here. "
                           "Give one of them a unique key."
                         : "another widget with the same key is already on this frame here. "
                           "Give each a unique key.");
        return finish_default();
    }

    ReadResult value;
    if (c.session != nullptr)
        value = read_store(c, w, id);
    else
        value.value = default_value(w);

    // A data table's sort order changes what is shown, not what a scope computes: not a read.
    if (r != nullptr && c.replaying == 0 && !w.framework && w.kind != WidgetKind::button &&
        w.kind != WidgetKind::data_table) {
        const Hash128 h = value.stored ? value.hash : hash_widget_value(value.value);
        const Hash128 d = hash_widget_value(default_value(w));
        RelId rel;
        if (top.anchor > static_cast<int>(r->base_level))
            rel = {id, 0};
        else {
            const Site site = r->rec->site();
            if (depth < site.depth) {
                rel = {id, 0};
            } else {
                const std::uint64_t pow = mul_pow(depth - site.depth);
                rel = {id - site.path * pow, pow};
            }
        }
        r->rec->add_read(
            WidgetRead{rel, h, d, std::string(w.label), widget_value_text(w, value.value)});
    }

    log_widget(c, w, id, value.value);
    if (c.visible()) draw_widget(c, w, id, value.value);
    if (out) *out = std::move(value.value);
    raw_arm(c);
}

} // namespace imlit::detail

// [SECTION] Public widget functions -------------------------------------------------------------

namespace imlit {
using namespace detail;

namespace {

WidgetValue run_widget(const char* fn, const WidgetCmd& w) {
    Context::Impl& c = require_context(fn);
    WidgetValue out;
    emit_widget(c, w, &out);
    return out;
}

constexpr const char* kRangeTwice =
    "the range is given twice (as arguments and in options.min/max); keep one";

template <class T>
constexpr WidgetKind slider_kind() {
    if constexpr (std::is_same_v<T, int>)
        return WidgetKind::slider_int;
    else if constexpr (std::is_same_v<T, float>)
        return WidgetKind::slider_float;
    else
        return WidgetKind::slider_double;
}
template <class T>
constexpr WidgetKind range_slider_kind() {
    if constexpr (std::is_same_v<T, int>)
        return WidgetKind::range_slider_int;
    else if constexpr (std::is_same_v<T, float>)
        return WidgetKind::range_slider_float;
    else
        return WidgetKind::range_slider_double;
}
template <class T>
constexpr WidgetKind number_input_kind() {
    if constexpr (std::is_same_v<T, int>)
        return WidgetKind::number_input_int;
    else if constexpr (std::is_same_v<T, float>)
        return WidgetKind::number_input_float;
    else
        return WidgetKind::number_input_double;
}

// The range of a slider given by options only: Streamlit's defaults when unset.
template <class T>
std::pair<T, T> options_range(const SliderOptions<T>& o) {
    constexpr T kDefaultMax = std::is_integral_v<T> ? T(100) : T(1);
    return {o.min.value_or(T(0)), o.max.value_or(kDefaultMax)};
}

template <class T>
T slider_call(std::string_view label, T value, T min, T max, bool range_twice,
              const SliderOptions<T>& o) {
    const WidgetCmd w{.kind = slider_kind<T>(),
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .def_num = static_cast<double>(value),
                      .min = static_cast<double>(min),
                      .max = static_cast<double>(max),
                      .step = static_cast<double>(o.step),
                      .format = o.format,
                      .usage_error = range_twice ? kRangeTwice : std::string_view()};
    return std::get<T>(run_widget("slider", w));
}

// (label, a, b, c): imlit's (value, min, max), or Streamlit's (min, max, value) when only that
// reading puts the value inside the range. Both readings hold only when a == b == c.
template <class T>
T positional_slider(std::string_view label, T a, T b, T c, const SliderOptions<T>& o) {
    const bool twice = o.min.has_value() || o.max.has_value();
    const bool imlit_order = b <= a && a <= c;
    const bool streamlit_order = a <= c && c <= b;
    if (!imlit_order && streamlit_order) return slider_call(label, c, a, b, twice, o);
    return slider_call(label, a, b, c, twice, o);
}

template <class T>
std::pair<T, T> range_slider_call(std::string_view label, RangeValue<T> value, T min, T max,
                                  bool range_twice, const SliderOptions<T>& o) {
    const WidgetCmd w{.kind = range_slider_kind<T>(),
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .def_num = static_cast<double>(value.low),
                      .def_num2 = static_cast<double>(value.high),
                      .min = static_cast<double>(min),
                      .max = static_cast<double>(max),
                      .step = static_cast<double>(o.step),
                      .format = o.format,
                      .usage_error = range_twice ? kRangeTwice : std::string_view()};
    return std::get<std::pair<T, T>>(run_widget("range_slider", w));
}

template <class T>
T number_input_call(std::string_view label, T value, const NumberInputOptions<T>& o) {
    const WidgetCmd w{.kind = number_input_kind<T>(),
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .def_num = static_cast<double>(value),
                      .min = static_cast<double>(o.min.value_or(T(0))),
                      .max = static_cast<double>(o.max.value_or(T(0))),
                      .has_min = o.min.has_value(),
                      .has_max = o.max.has_value(),
                      .step = static_cast<double>(o.step),
                      .format = o.format};
    return std::get<T>(run_widget("number_input", w));
}

std::vector<std::string> multi(std::string_view label, std::span<const std::string_view> options,
                               std::span<const std::string_view> defaults,
                               const MultiselectOptions& o) {
    Context::Impl& c = require_context("multiselect");
    std::string_view bad_default;
    c.indices_buf.clear();
    for (std::string_view d : defaults) {
        auto it = std::find(options.begin(), options.end(), d);
        if (it == options.end()) {
            if (bad_default.empty()) bad_default = d.empty() ? std::string_view("\"\"") : d;
            continue;
        }
        c.indices_buf.push_back(static_cast<std::size_t>(it - options.begin()));
    }
    std::sort(c.indices_buf.begin(), c.indices_buf.end());
    c.indices_buf.erase(std::unique(c.indices_buf.begin(), c.indices_buf.end()),
                        c.indices_buf.end());
    const WidgetCmd w{.kind = WidgetKind::multiselect,
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .placeholder = o.placeholder,
                      .options = options,
                      .def_indices = c.indices_buf,
                      .bad_default = bad_default,
                      .max_selections = o.max_selections};
    WidgetValue out;
    emit_widget(c, w, &out);
    std::vector<std::string> result;
    for (std::size_t i : std::get<std::vector<std::size_t>>(out))
        if (i < options.size()) result.emplace_back(options[i]);
    return result;
}

std::string label_at(std::span<const std::string_view> options, std::size_t i) {
    return i < options.size() ? std::string(options[i]) : std::string();
}

} // namespace

namespace detail {

std::size_t selectbox_choice(std::string_view label, std::span<const std::string_view> options,
                             std::size_t index, const SelectboxOptions& o) {
    const WidgetCmd w{.kind = WidgetKind::selectbox,
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .options = options,
                      .def_index = index};
    const std::size_t i = std::get<std::size_t>(run_widget("selectbox", w));
    return i < options.size() ? i : 0;
}

std::size_t radio_choice(std::string_view label, std::span<const std::string_view> options,
                         std::size_t index, const RadioOptions& o) {
    const WidgetCmd w{.kind = WidgetKind::radio,
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .options = options,
                      .def_index = index,
                      .horizontal = o.horizontal};
    const std::size_t i = std::get<std::size_t>(run_widget("radio", w));
    return i < options.size() ? i : 0;
}

} // namespace detail

bool Date::valid() const {
    using namespace std::chrono;
    if (year < kFirstDate.year || year > kLastDate.year || month < 1 || month > 12 || day < 1)
        return false;
    return year_month_day(std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                          std::chrono::day(static_cast<unsigned>(day)))
        .ok();
}

Date Date::today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

bool checkbox(std::string_view label, bool value, CheckboxOptions o) {
    const WidgetCmd w{.kind = WidgetKind::checkbox,
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .def_bool = value};
    return std::get<bool>(run_widget("checkbox", w));
}

bool toggle(std::string_view label, bool value, ToggleOptions o) {
    const WidgetCmd w{.kind = WidgetKind::toggle,
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .def_bool = value};
    return std::get<bool>(run_widget("toggle", w));
}

bool button(std::string_view label, ButtonOptions o) {
    const WidgetCmd w{.kind = WidgetKind::button,
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled};
    return std::get<bool>(run_widget("button", w));
}

int slider(std::string_view label, int value, SliderOptions<int> o) {
    const auto [min, max] = options_range(o);
    return slider_call(label, value, min, max, false, o);
}
float slider(std::string_view label, float value, SliderOptions<float> o) {
    const auto [min, max] = options_range(o);
    return slider_call(label, value, min, max, false, o);
}
double slider(std::string_view label, double value, SliderOptions<double> o) {
    const auto [min, max] = options_range(o);
    return slider_call(label, value, min, max, false, o);
}
int slider(std::string_view label, int value, int min, int max, SliderOptions<int> o) {
    return positional_slider(label, value, min, max, o);
}
float slider(std::string_view label, float value, float min, float max, SliderOptions<float> o) {
    return positional_slider(label, value, min, max, o);
}
double slider(std::string_view label, double value, double min, double max,
              SliderOptions<double> o) {
    return positional_slider(label, value, min, max, o);
}

std::pair<int, int> range_slider(std::string_view label, RangeValue<int> value,
                                 SliderOptions<int> o) {
    const auto [min, max] = options_range(o);
    return range_slider_call(label, value, min, max, false, o);
}
std::pair<float, float> range_slider(std::string_view label, RangeValue<float> value,
                                     SliderOptions<float> o) {
    const auto [min, max] = options_range(o);
    return range_slider_call(label, value, min, max, false, o);
}
std::pair<double, double> range_slider(std::string_view label, RangeValue<double> value,
                                       SliderOptions<double> o) {
    const auto [min, max] = options_range(o);
    return range_slider_call(label, value, min, max, false, o);
}
std::pair<int, int> range_slider(std::string_view label, RangeValue<int> value, int min, int max,
                                 SliderOptions<int> o) {
    return range_slider_call(label, value, min, max, o.min.has_value() || o.max.has_value(), o);
}
std::pair<float, float> range_slider(std::string_view label, RangeValue<float> value, float min,
                                     float max, SliderOptions<float> o) {
    return range_slider_call(label, value, min, max, o.min.has_value() || o.max.has_value(), o);
}
std::pair<double, double> range_slider(std::string_view label, RangeValue<double> value, double min,
                                       double max, SliderOptions<double> o) {
    return range_slider_call(label, value, min, max, o.min.has_value() || o.max.has_value(), o);
}

int number_input(std::string_view label, int value, NumberInputOptions<int> o) {
    return number_input_call(label, value, o);
}
float number_input(std::string_view label, float value, NumberInputOptions<float> o) {
    return number_input_call(label, value, o);
}
double number_input(std::string_view label, double value, NumberInputOptions<double> o) {
    return number_input_call(label, value, o);
}

std::string text_input(std::string_view label, std::string_view value, TextInputOptions o) {
    const WidgetCmd w{.kind = WidgetKind::text_input,
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .def_text = value,
                      .placeholder = o.placeholder,
                      .multiline = o.multiline,
                      .password = o.password,
                      .max_chars = o.max_chars,
                      .height = o.height};
    return std::get<std::string>(run_widget("text_input", w));
}

std::string selectbox(std::string_view label, std::initializer_list<std::string_view> options,
                      std::size_t index, SelectboxOptions o) {
    const std::span<const std::string_view> views(options.begin(), options.size());
    return label_at(views, selectbox_choice(label, views, index, o));
}
std::size_t selectbox_index(std::string_view label, std::initializer_list<std::string_view> options,
                            std::size_t index, SelectboxOptions o) {
    return selectbox_choice(label, {options.begin(), options.size()}, index, o);
}
std::string radio(std::string_view label, std::initializer_list<std::string_view> options,
                  std::size_t index, RadioOptions o) {
    const std::span<const std::string_view> views(options.begin(), options.size());
    return label_at(views, radio_choice(label, views, index, o));
}
std::size_t radio_index(std::string_view label, std::initializer_list<std::string_view> options,
                        std::size_t index, RadioOptions o) {
    return radio_choice(label, {options.begin(), options.size()}, index, o);
}

std::vector<std::string> multiselect(std::string_view label, std::span<const std::string> options,
                                     std::span<const std::string> defaults, MultiselectOptions o) {
    Context::Impl& c = require_context("multiselect");
    // Two views at once: options in options_buf, defaults in labels_buf.
    c.options_buf.assign(options.begin(), options.end());
    c.labels_buf.assign(defaults.begin(), defaults.end());
    return multi(label, c.options_buf, c.labels_buf, o);
}
std::vector<std::string> multiselect(std::string_view label,
                                     std::initializer_list<std::string_view> options,
                                     std::initializer_list<std::string_view> defaults,
                                     MultiselectOptions o) {
    return multi(label, {options.begin(), options.size()}, {defaults.begin(), defaults.size()}, o);
}

Color color_picker(std::string_view label, Color value, ColorPickerOptions o) {
    const WidgetCmd w{.kind = WidgetKind::color_picker,
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .def_color = value,
                      .alpha = o.alpha};
    return std::get<Color>(run_widget("color_picker", w));
}

Date date_input(std::string_view label, Date value, DateInputOptions o) {
    const WidgetCmd w{.kind = WidgetKind::date_input,
                      .label = label,
                      .key = o.key,
                      .help = o.help,
                      .disabled = o.disabled,
                      .def_date = value,
                      .min_date = o.min.value_or(kFirstDate),
                      .max_date = o.max.value_or(kLastDate)};
    return std::get<Date>(run_widget("date_input", w));
}

} // namespace imlit
