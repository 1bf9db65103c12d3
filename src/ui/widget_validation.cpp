// imlit — widget parameters checked against what Dear ImGui 1.86 accepts, so that a bad
// parameter is an error in place and never an IM_ASSERT abort or a printf with a wrong
// argument; defaults; stored values made valid for changed parameters.
//
// Index
//   [SECTION] Dear ImGui's limits
//   [SECTION] printf formats
//   [SECTION] Parameters by kind
//   [SECTION] validate, default_value, sanitize
#include <algorithm>
#include <cfloat>
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>
#include <tuple>

#include <fmt/format.h>

#include "ui/widget_impl.hpp"

namespace imlit::detail {

namespace {

// [SECTION] Dear ImGui's limits --------------------------------------------------------------
// SliderBehavior (imgui_widgets.cpp, 1.86) asserts that both ends of a slider lie within half
// the natural range of its type ("slider bounds are limited to half the natural type range"):
// [IM_S32_MIN / 2, IM_S32_MAX / 2] for int, +-FLT_MAX / 2 for float, +-DBL_MAX / 2 for double.
// Infinities and NaN fail those comparisons too. Range sliders are imlit's own, but keep the
// same limits so that max - min never overflows.
constexpr double kIntSliderMin = INT_MIN / 2;
constexpr double kIntSliderMax = INT_MAX / 2;
constexpr double kFloatSliderLimit = FLT_MAX / 2;
constexpr double kDoubleSliderLimit = DBL_MAX / 2;

// number_input's Ctrl+click step is 10 x step, computed in the value's type.
constexpr double kFastStepFactor = 10;

// RoundScalarWithFormatT copies the conversion ("%" .. conversion letter) into a 32-byte buffer
// and asserts it fits with its NUL: at most 30 characters.
constexpr std::size_t kMaxConversionChars = 30;

enum class NumberType { integer, floating };

bool is_slider(WidgetKind k) {
    return k == WidgetKind::slider_int || k == WidgetKind::slider_float ||
           k == WidgetKind::slider_double;
}
bool is_range_slider(WidgetKind k) {
    return k == WidgetKind::range_slider_int || k == WidgetKind::range_slider_float ||
           k == WidgetKind::range_slider_double;
}
bool is_number_input(WidgetKind k) {
    return k == WidgetKind::number_input_int || k == WidgetKind::number_input_float ||
           k == WidgetKind::number_input_double;
}
bool is_int_kind(WidgetKind k) {
    return k == WidgetKind::slider_int || k == WidgetKind::range_slider_int ||
           k == WidgetKind::number_input_int;
}
bool is_float_kind(WidgetKind k) {
    return k == WidgetKind::slider_float || k == WidgetKind::range_slider_float ||
           k == WidgetKind::number_input_float;
}

// [SECTION] printf formats ---------------------------------------------------------------------
// Dear ImGui hands the format to vsnprintf with one argument (int, or double for float and
// double), and for int number inputs also to sscanf to read typed text back. So: exactly one
// conversion of the right kind, and nothing that would read another argument or a wider type.

std::string check_format(std::string_view f, NumberType type, bool scanned) {
    if (f.find('\0') != std::string_view::npos) return "format contains a NUL character";
    const char* conversions = type == NumberType::integer ? "diuxXo" : "fFeEgGaA";
    const char* example = type == NumberType::integer ? "%d" : "%.3f";
    int count = 0;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') continue;
        if (i + 1 < f.size() && f[i + 1] == '%') { // a literal '%'
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        auto digits = [&] {
            while (j < f.size() && f[j] >= '0' && f[j] <= '9')
                ++j;
        };
        const std::size_t flags_begin = j;
        while (j < f.size() && std::strchr("-+ #0", f[j]) != nullptr && f[j] != '\0')
            ++j;
        if (scanned && j != flags_begin)
            return fmt::format("format '{}': an int number_input's format cannot have flags "
                               "(typed text is read back with it); use e.g. \"%d\"",
                               f);
        digits();
        if (j < f.size() && f[j] == '.') {
            if (scanned)
                return fmt::format("format '{}': an int number_input's format cannot have a "
                                   "precision (typed text is read back with it)",
                                   f);
            ++j;
            digits();
        }
        if (j >= f.size()) return fmt::format("format '{}' ends inside a conversion", f);
        const char conv = f[j];
        if (conv == '*' || conv == '$')
            return fmt::format("format '{}': '{}' is not supported (one value is passed)", f, conv);
        if (std::strchr("hlLqjztIw", conv) != nullptr)
            return fmt::format("format '{}': length modifiers such as 'l' are not supported (the "
                               "value is passed as {})",
                               f, type == NumberType::integer ? "int" : "double");
        if (std::strchr(conversions, conv) == nullptr)
            return fmt::format("format '{}': '%{}' cannot show {}; use one of {} (e.g. \"{}\")", f,
                               std::string_view(f.data() + i + 1, j - i),
                               type == NumberType::integer ? "an int" : "a floating-point number",
                               conversions, example);
        if (j - i + 1 > kMaxConversionChars)
            return fmt::format("format '{}': the conversion is longer than {} characters", f,
                               kMaxConversionChars);
        ++count;
        i = j;
    }
    if (count != 1)
        return fmt::format("format '{}' must show the value exactly once (one conversion such as "
                           "\"{}\"); it has {}",
                           f, example, count);
    return {};
}

// [SECTION] Parameters by kind ---------------------------------------------------------------

// The ends of a slider of `kind`, against Dear ImGui's limits.
std::string check_slider_range(WidgetKind kind, double min, double max) {
    if (std::isnan(min) || std::isnan(max)) return "NaN range (min and max must be numbers)";
    if (min > max) return fmt::format("min ({}) is greater than max ({})", min, max);
    if (is_int_kind(kind)) {
        if (min < kIntSliderMin || max > kIntSliderMax)
            return fmt::format("range [{}, {}] is wider than a slider supports: an int slider's "
                               "ends must lie in [{}, {}] (use number_input for wider ranges)",
                               min, max, kIntSliderMin, kIntSliderMax);
        return {};
    }
    const double limit = is_float_kind(kind) ? kFloatSliderLimit : kDoubleSliderLimit;
    if (!std::isfinite(min) || !std::isfinite(max) || min < -limit || max > limit)
        return fmt::format("range [{}, {}] is wider than a slider supports: a {} slider's ends "
                           "must be finite and within +-{:g} (use number_input for wider "
                           "ranges)",
                           min, max, is_float_kind(kind) ? "float" : "double", limit);
    return {};
}

std::string check_step(WidgetKind kind, double step, bool slider) {
    if (std::isnan(step) || std::isinf(step))
        return fmt::format("step ({}) must be a finite number", step);
    if (is_int_kind(kind)) {
        if (slider && step < 1) return fmt::format("step ({}) must be >= 1", step);
        if (!slider && step < 0) return fmt::format("step ({}) must be >= 0", step);
        if (!slider && step * kFastStepFactor > INT_MAX)
            return fmt::format("step ({}) is too large (10 x step must fit in an int)", step);
        return {};
    }
    if (step < 0) return fmt::format("step ({}) must be >= 0", step);
    const double limit = is_float_kind(kind) ? FLT_MAX : DBL_MAX;
    if (step * kFastStepFactor > limit) return fmt::format("step ({}) is too large", step);
    return {};
}

std::string check_in_range(std::string_view what, double v, double min, double max) {
    if (std::isnan(v)) return fmt::format("{} is NaN", what);
    if (v < min || v > max) return fmt::format("{} {} is outside [{}, {}]", what, v, min, max);
    return {};
}

std::string check_slider(const WidgetCmd& w) {
    if (std::string e = check_slider_range(w.kind, w.min, w.max); !e.empty()) return e;
    if (std::string e = check_step(w.kind, w.step, true); !e.empty()) return e;
    if (is_range_slider(w.kind)) {
        if (std::string e = check_in_range("low", w.def_num, w.min, w.max); !e.empty()) return e;
        if (std::string e = check_in_range("high", w.def_num2, w.min, w.max); !e.empty()) return e;
        if (w.def_num > w.def_num2)
            return fmt::format("low ({}) is greater than high ({})", w.def_num, w.def_num2);
    } else if (std::string e = check_in_range("default", w.def_num, w.min, w.max); !e.empty()) {
        return e;
    }
    return w.format.empty()
               ? std::string()
               : check_format(w.format,
                              is_int_kind(w.kind) ? NumberType::integer : NumberType::floating,
                              false);
}

std::string check_number_input(const WidgetCmd& w) {
    const double limit = is_int_kind(w.kind) ? INT_MAX : is_float_kind(w.kind) ? FLT_MAX : DBL_MAX;
    if (!std::isfinite(w.def_num) || std::abs(w.def_num) > limit)
        return fmt::format("default ({}) is not a finite number of the widget's type", w.def_num);
    for (auto [has, bound, name] :
         {std::tuple{w.has_min, w.min, "min"}, std::tuple{w.has_max, w.max, "max"}})
        if (has && (!std::isfinite(bound) || std::abs(bound) > limit))
            return fmt::format("{} ({}) is not a finite number of the widget's type", name, bound);
    if (w.has_min && w.has_max && w.min > w.max)
        return fmt::format("min ({}) is greater than max ({})", w.min, w.max);
    if (w.has_min && w.def_num < w.min)
        return fmt::format("default {} is below min {}", w.def_num, w.min);
    if (w.has_max && w.def_num > w.max)
        return fmt::format("default {} is above max {}", w.def_num, w.max);
    if (std::string e = check_step(w.kind, w.step, false); !e.empty()) return e;
    return w.format.empty()
               ? std::string()
               : check_format(w.format,
                              is_int_kind(w.kind) ? NumberType::integer : NumberType::floating,
                              is_int_kind(w.kind));
}

std::string check_text_input(const WidgetCmd& w) {
    if (w.password && w.multiline) return "password fields are single-line (multiline is set)";
    if (!(w.height >= 0) || std::isinf(w.height))
        return fmt::format("height ({}) must be >= 0", w.height);
    if (w.max_chars > 0 && utf8_length(w.def_text) > w.max_chars)
        return fmt::format("the default text has {} characters, more than max_chars ({})",
                           utf8_length(w.def_text), w.max_chars);
    return {};
}

std::string check_date(const WidgetCmd& w) {
    for (auto [d, name] : {std::pair{w.def_date, "date"}, std::pair{w.min_date, "min"},
                           std::pair{w.max_date, "max"}})
        if (!d.valid()) return fmt::format("{} {} is not a valid date (years 1 to 9999)", name, d);
    if (w.min_date > w.max_date)
        return fmt::format("min {} is after max {}", w.min_date, w.max_date);
    if (w.def_date < w.min_date || w.def_date > w.max_date)
        return fmt::format("date {} is outside [{}, {}]", w.def_date, w.min_date, w.max_date);
    return {};
}

} // namespace

// [SECTION] validate, default_value, sanitize ------------------------------------------------

std::string validate(const WidgetCmd& w) {
    if (!w.usage_error.empty()) return std::string(w.usage_error);
    switch (w.kind) {
    case WidgetKind::checkbox:
    case WidgetKind::toggle:
    case WidgetKind::button:
        return {};
    case WidgetKind::text_input:
        return check_text_input(w);
    case WidgetKind::slider_int:
    case WidgetKind::slider_float:
    case WidgetKind::slider_double:
    case WidgetKind::range_slider_int:
    case WidgetKind::range_slider_float:
    case WidgetKind::range_slider_double:
        return check_slider(w);
    case WidgetKind::number_input_int:
    case WidgetKind::number_input_float:
    case WidgetKind::number_input_double:
        return check_number_input(w);
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        if (w.options.empty()) return "no options";
        if (w.def_index >= w.options.size())
            return fmt::format("default index {} is out of range ({} options)", w.def_index,
                               w.options.size());
        return {};
    case WidgetKind::multiselect:
        if (w.options.empty()) return "no options";
        if (!w.bad_default.empty())
            return fmt::format("default '{}' is not one of the options", w.bad_default);
        if (w.max_selections > 0 && w.def_indices.size() > w.max_selections)
            return fmt::format("{} defaults are more than max_selections ({})",
                               w.def_indices.size(), w.max_selections);
        return {};
    case WidgetKind::color_picker:
        for (float f : {w.def_color.r, w.def_color.g, w.def_color.b, w.def_color.a})
            if (!(f >= 0 && f <= 1)) return "default colour components must be in [0, 1]";
        return {};
    case WidgetKind::date_input:
        return check_date(w);
    case WidgetKind::data_table:
    case WidgetKind::table_selection:
    case WidgetKind::file_input:
    case WidgetKind::save_button:
        return {};
    }
    return {};
}

WidgetValue default_value(const WidgetCmd& w) {
    switch (w.kind) {
    case WidgetKind::checkbox:
    case WidgetKind::toggle:
        return w.def_bool;
    case WidgetKind::button:
        return false;
    case WidgetKind::slider_int:
    case WidgetKind::number_input_int:
        return static_cast<int>(w.def_num);
    case WidgetKind::slider_float:
    case WidgetKind::number_input_float:
        return static_cast<float>(w.def_num);
    case WidgetKind::slider_double:
    case WidgetKind::number_input_double:
        return w.def_num;
    case WidgetKind::range_slider_int:
        return std::pair{static_cast<int>(w.def_num), static_cast<int>(w.def_num2)};
    case WidgetKind::range_slider_float:
        return std::pair{static_cast<float>(w.def_num), static_cast<float>(w.def_num2)};
    case WidgetKind::range_slider_double:
        return std::pair{w.def_num, w.def_num2};
    case WidgetKind::text_input:
        return std::string(w.def_text);
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        return w.def_index;
    case WidgetKind::multiselect:
        return std::vector<std::size_t>(w.def_indices.begin(), w.def_indices.end());
    case WidgetKind::color_picker:
        return w.def_color;
    case WidgetKind::date_input:
        return w.def_date;
    case WidgetKind::data_table:
    case WidgetKind::file_input:
    case WidgetKind::save_button:
        return std::string(w.def_text);
    case WidgetKind::table_selection:
        return std::vector<std::size_t>();
    }
    return false;
}

double snap_to_step(double v, double min, double max, double step) {
    v = std::clamp(v, min, max);
    if (step <= 0) return v;
    const double k = std::round((v - min) / step);
    double s = min + k * step;
    if (s > max) s = min + std::floor((max - min) / step) * step; // the top grid point
    return std::clamp(s, min, max);
}

const char* number_format(std::string& buf, const WidgetCmd& w) {
    if (!w.format.empty()) { // validated: one conversion, no NUL
        buf.assign(w.format.data(), w.format.size());
        return buf.c_str();
    }
    if (is_int_kind(w.kind)) return "%d";
    return is_number_input(w.kind) ? "%.6g" : "%.3f";
}

bool sanitize(const WidgetCmd& w, WidgetValue& v) {
    auto clamp_to = [&](auto& x, double lo, double hi) {
        using T = std::decay_t<decltype(x)>;
        const T c = std::clamp(x, static_cast<T>(lo), static_cast<T>(hi));
        if (c == x) return true;
        x = c;
        return false;
    };
    auto clamp_number = [&](auto& x) {
        using T = std::decay_t<decltype(x)>;
        const double lo = w.has_min ? w.min : static_cast<double>(std::numeric_limits<T>::lowest());
        const double hi = w.has_max ? w.max : static_cast<double>(std::numeric_limits<T>::max());
        return clamp_to(x, lo, hi);
    };
    auto clamp_pair = [&](auto& p) {
        const bool a = clamp_to(p.first, w.min, w.max);
        const bool b = clamp_to(p.second, w.min, w.max);
        if (p.first > p.second) {
            std::swap(p.first, p.second);
            return false;
        }
        return a && b;
    };
    switch (w.kind) {
    case WidgetKind::slider_int:
        if (int* i = std::get_if<int>(&v)) return clamp_to(*i, w.min, w.max);
        return false;
    case WidgetKind::slider_float:
        if (float* f = std::get_if<float>(&v)) return clamp_to(*f, w.min, w.max);
        return false;
    case WidgetKind::slider_double:
        if (double* d = std::get_if<double>(&v)) return clamp_to(*d, w.min, w.max);
        return false;
    case WidgetKind::number_input_int:
        if (int* i = std::get_if<int>(&v)) return clamp_number(*i);
        return false;
    case WidgetKind::number_input_float:
        if (float* f = std::get_if<float>(&v)) return clamp_number(*f);
        return false;
    case WidgetKind::number_input_double:
        if (double* d = std::get_if<double>(&v)) return clamp_number(*d);
        return false;
    case WidgetKind::range_slider_int:
        if (auto* p = std::get_if<std::pair<int, int>>(&v)) return clamp_pair(*p);
        return false;
    case WidgetKind::range_slider_float:
        if (auto* p = std::get_if<std::pair<float, float>>(&v)) return clamp_pair(*p);
        return false;
    case WidgetKind::range_slider_double:
        if (auto* p = std::get_if<std::pair<double, double>>(&v)) return clamp_pair(*p);
        return false;
    case WidgetKind::selectbox:
    case WidgetKind::radio:
        if (std::size_t* i = std::get_if<std::size_t>(&v)) {
            if (*i < w.options.size()) return true;
            *i = w.def_index;
        }
        return false;
    case WidgetKind::multiselect:
        if (auto* s = std::get_if<std::vector<std::size_t>>(&v)) {
            const std::size_t n = w.options.size();
            const bool in_range =
                std::all_of(s->begin(), s->end(), [&](std::size_t i) { return i < n; });
            const bool within_max = w.max_selections == 0 || s->size() <= w.max_selections;
            if (in_range && within_max) return true;
            std::erase_if(*s, [&](std::size_t i) { return i >= n; });
            if (w.max_selections > 0 && s->size() > w.max_selections) s->resize(w.max_selections);
        }
        return false;
    case WidgetKind::date_input:
        if (Date* d = std::get_if<Date>(&v)) {
            const Date c = std::clamp(*d, w.min_date, w.max_date);
            if (c == *d) return true;
            *d = c;
        }
        return false;
    // Rows past the end of a shorter table are dropped; a single selection keeps one row.
    case WidgetKind::table_selection:
        if (auto* s = std::get_if<std::vector<std::size_t>>(&v)) {
            const auto past = [&](std::size_t i) { return !w.has_max || double(i) > w.max; };
            const bool within_max = w.max_selections == 0 || s->size() <= w.max_selections;
            if (within_max && std::none_of(s->begin(), s->end(), past)) return true;
            std::erase_if(*s, past);
            if (w.max_selections > 0 && s->size() > w.max_selections) s->resize(w.max_selections);
        }
        return false;
    case WidgetKind::text_input:
        if (std::string* s = std::get_if<std::string>(&v)) {
            if (w.max_chars == 0 || utf8_length(*s) <= w.max_chars) return true;
            std::size_t chars = 0, i = 0;
            for (; i < s->size(); ++i)
                if ((static_cast<unsigned char>((*s)[i]) & 0xC0) != 0x80 && chars++ == w.max_chars)
                    break;
            s->resize(i);
        }
        return false;
    default:
        return true;
    }
}

WidgetLimits limits_of(const WidgetCmd& w) {
    WidgetLimits l;
    l.min = w.min;
    l.max = w.max;
    const bool slider = is_slider(w.kind) || is_range_slider(w.kind);
    l.has_min = slider || w.has_min;
    l.has_max = slider || w.has_max;
    l.step = slider ? w.step : 0;
    l.max_chars = w.max_chars;
    l.max_selections = w.max_selections;
    if (w.kind == WidgetKind::date_input) {
        l.min_date = w.min_date;
        l.max_date = w.max_date;
    } else {
        l.min_date = kFirstDate;
        l.max_date = kLastDate;
    }
    return l;
}

} // namespace imlit::detail
