// imlit — state that outlives a frame: widgets set from code, and per-session values.
//
//   int& clicks = imlit::session_state("clicks", 0); // one int per window / AppTest
//   if (imlit::button("Reset")) {
//       imlit::set_widget("threshold", 0.5);          // the slider shows 0.5 from the next frame
//       clicks = 0;
//   }
//   double t = imlit::slider("Threshold", 0.5, 0.0, 1.0, {.key = "threshold"});
//
// Both must be called from a frame function (not from a cached loader: a loader's effects must
// be its return value and its recorded output, so replaying it stays faithful).
//
// Index
//   [SECTION] set_widget
//   [SECTION] session_state
#pragma once

#include <cstddef>
#include <memory>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <variant>
#include <vector>

#include "imlit/ui.hpp"

namespace imlit {

// [SECTION] set_widget ---------------------------------------------------------------------------

namespace detail {
// A widget value as the app and the test harness give it (AppTest's WidgetValue is this type).
// monostate: no value. Option widgets (selectbox, radio) take the option's label.
using WidgetInput =
    std::variant<std::monostate, bool, int, double, std::string, std::vector<std::string>, Color,
                 Date, std::pair<int, int>, std::pair<double, double>>;
void set_widget_input(std::string_view key, WidgetInput value);
[[noreturn]] void throw_set_widget_int_range(std::string_view key, long double value);
} // namespace detail

// Set the widget with this explicit key (WidgetOptions .key) as if the user had changed it: the
// widget returns `value` from the next frame on (cached loaders that read it see it then too).
// Value by widget: checkbox, toggle: bool. slider, number_input: a number (int widgets: an
// integer). text_input: a string. selectbox, radio: the option's label. multiselect: a range of
// labels. color_picker: Color. date_input: Date. range_slider: std::pair of numbers.
// The widget must have been shown in this session (with that key; when several containers hold
// one key, the one shown most recently). Throws std::invalid_argument naming the key and the
// widget for an unknown key, a value of the wrong type, or one the widget cannot hold (out of
// range, not an option); std::logic_error outside a frame function or inside a cached loader.
// A disabled widget can be set (only the user cannot change it).
template <class T>
void set_widget(std::string_view key, T&& value) {
    using V = std::remove_cvref_t<T>;
    using detail::WidgetInput;
    if constexpr (std::is_same_v<V, bool> || std::is_same_v<V, Color> || std::is_same_v<V, Date> ||
                  std::is_same_v<V, std::string>) {
        detail::set_widget_input(key, WidgetInput(std::forward<T>(value)));
    } else if constexpr (std::is_integral_v<V>) {
        if (!std::in_range<int>(value))
            detail::throw_set_widget_int_range(key, static_cast<long double>(value));
        detail::set_widget_input(key, WidgetInput(static_cast<int>(value)));
    } else if constexpr (std::is_floating_point_v<V>) {
        detail::set_widget_input(key, WidgetInput(static_cast<double>(value)));
    } else if constexpr (std::is_convertible_v<const V&, std::string_view> &&
                         !std::is_same_v<V, std::nullptr_t>) {
        detail::set_widget_input(key, WidgetInput(std::string(std::string_view(value))));
    } else if constexpr (detail::StringOptionRange<V>) {
        std::vector<std::string> labels;
        for (auto&& s : value)
            labels.emplace_back(std::string_view(s));
        detail::set_widget_input(key, WidgetInput(std::move(labels)));
    } else if constexpr (requires {
                             requires std::is_arithmetic_v<typename V::first_type> &&
                                 std::is_arithmetic_v<typename V::second_type>;
                             value.first;
                             value.second;
                         }) {
        if constexpr (std::is_integral_v<typename V::first_type> &&
                      std::is_integral_v<typename V::second_type>) {
            if (!std::in_range<int>(value.first))
                detail::throw_set_widget_int_range(key, static_cast<long double>(value.first));
            if (!std::in_range<int>(value.second))
                detail::throw_set_widget_int_range(key, static_cast<long double>(value.second));
            detail::set_widget_input(
                key, WidgetInput(std::pair<int, int>(static_cast<int>(value.first),
                                                     static_cast<int>(value.second))));
        } else {
            detail::set_widget_input(
                key, WidgetInput(std::pair<double, double>(static_cast<double>(value.first),
                                                           static_cast<double>(value.second))));
        }
    } else {
        static_assert(detail::widget_misuse<V>,
                      "imlit::set_widget(key, value): the value must be a bool, a number, a "
                      "string, a range of strings (multiselect), Color, Date or a std::pair of "
                      "numbers (range_slider)");
    }
}

// [SECTION] session_state ----------------------------------------------------------------------

namespace detail {
// The session's object under `key` when it exists and holds a `type`; null when there is none
// (make it with session_state_insert). Throws std::invalid_argument naming both types when
// it holds another type; std::logic_error outside a frame function.
void* session_state_find(std::string_view key, const std::type_info& type);
void* session_state_insert(std::string_view key, const std::type_info& type,
                           std::shared_ptr<void> object);
} // namespace detail

// A value that lives as long as the session (one app window, one AppTest): the first call with
// `key` stores `init`; every call returns a reference to the stored object, valid until the
// session ends (also across frames). `T` must be the same for one key: asking for another
// type throws std::invalid_argument naming the key and both types. Keys are separate from
// widget keys. UI thread only (the frame function), not inside a cached loader.
template <class T>
T& session_state(std::string_view key, T init = T{}) {
    static_assert(!std::is_reference_v<T> && !std::is_const_v<T>,
                  "imlit::session_state<T>: T is the stored type (not a reference or const)");
    if (void* p = detail::session_state_find(key, typeid(T))) return *static_cast<T*>(p);
    return *static_cast<T*>(
        detail::session_state_insert(key, typeid(T), std::make_shared<T>(std::move(init))));
}

} // namespace imlit
