// imlit internal — widget calls that would compile and silently mean something else.
//
// Each template below matches exactly such a call better than the real overload does (an exact
// template match beats a converting non-template), and its static_assert says what to write.
// A braced argument ({.key = "k"}) never matches them: a braced list deduces nothing, so
// correct calls always reach the real overloads. Included at the end of imlit/ui.hpp.
// tests/compile_fail has a case for each trap.
#pragma once

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "imlit/ui.hpp"

namespace imlit {

namespace detail {
template <class T>
using plain_t = std::remove_cvref_t<T>;
template <class T>
concept StringLike =
    std::convertible_to<T, std::string_view> && !std::same_as<plain_t<T>, std::nullptr_t>;
} // namespace detail

// [SECTION] checkbox, toggle, button ----------------------------------------------------------

template <class V, class... Rest>
requires(!std::same_as<detail::plain_t<V>, bool>) bool checkbox(std::string_view, V&&, Rest&&...) {
    static_assert(detail::widget_misuse<V>,
                  "imlit::checkbox(label, value, options): the second argument is the default "
                  "value and must be a bool. A key goes in the options: "
                  "imlit::checkbox(\"Show\", false, {.key = \"show_key\"})");
    return false;
}
template <class O>
requires(!std::same_as<detail::plain_t<O>, CheckboxOptions>) bool checkbox(std::string_view, bool,
                                                                           O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::checkbox(label, value, options): the third argument is a "
                  "CheckboxOptions: imlit::checkbox(\"Show\", false, {.key = \"show_key\"})");
    return false;
}

template <class V, class... Rest>
requires(!std::same_as<detail::plain_t<V>, bool>) bool toggle(std::string_view, V&&, Rest&&...) {
    static_assert(detail::widget_misuse<V>,
                  "imlit::toggle(label, value, options): the second argument is the default "
                  "value and must be a bool. A key goes in the options: "
                  "imlit::toggle(\"Live\", false, {.key = \"live\"})");
    return false;
}
template <class O>
requires(!std::same_as<detail::plain_t<O>, ToggleOptions>) bool toggle(std::string_view, bool,
                                                                       O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::toggle(label, value, options): the third argument is a ToggleOptions: "
                  "imlit::toggle(\"Live\", false, {.key = \"live\"})");
    return false;
}

template <class O>
requires(!std::same_as<detail::plain_t<O>, ButtonOptions>) bool button(std::string_view, O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::button(label, options): a key goes in the options: "
                  "imlit::button(\"Go\", {.key = \"go\"})");
    return false;
}

// [SECTION] slider, range_slider --------------------------------------------------------------

template <class V, class... Rest>
requires(!detail::SliderNumber<detail::plain_t<V>>) int slider(std::string_view, V&&, Rest&&...) {
    static_assert(detail::widget_misuse<V>,
                  "imlit::slider(label, value, ...): the value must be an int, float or double "
                  "(its type is the slider's type): slider(\"Level\", 3, 0, 10) or "
                  "slider(\"Opacity\", 0.5, 0.0, 1.0)");
    return 0;
}
template <class V, class Lo, class Hi, class... Rest>
requires(detail::SliderNumber<detail::plain_t<V>> &&
         !(std::same_as<detail::plain_t<V>, detail::plain_t<Lo>> &&
           std::same_as<detail::plain_t<V>, detail::plain_t<Hi>>)) int slider(std::string_view, V&&,
                                                                              Lo&&, Hi&&,
                                                                              Rest&&...) {
    static_assert(detail::widget_misuse<V>,
                  "imlit::slider(label, value, min, max): value, min and max must have one type, "
                  "which picks the slider: write slider(\"Opacity\", 0.5, 0.0, 1.0) for double, "
                  "0.5f, 0.0f, 1.0f for float, or 3, 0, 10 for int");
    return 0;
}
template <detail::SliderNumber T, class O>
requires(!std::same_as<detail::plain_t<O>, SliderOptions<T>>) T
    slider(std::string_view, T, T, T, O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::slider(label, value, min, max, options): the fifth argument is a "
                  "SliderOptions; a key goes there: slider(\"Level\", 3, 0, 10, {.key = \"k\"})");
    return T();
}
template <class V, class O>
requires(detail::SliderNumber<detail::plain_t<V>> &&
         !std::same_as<detail::plain_t<O>,
                       SliderOptions<detail::plain_t<V>>>) int slider(std::string_view, V&&, O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::slider(label, value, options): the third argument is a SliderOptions. "
                  "Give the range as slider(\"Level\", 3, 0, 10) or "
                  "slider(\"Level\", 3, {.min = 0, .max = 10})");
    return 0;
}

// Streamlit's st.slider(label, min, max, (low, high)).
template <class A, class B>
requires(std::is_arithmetic_v<A>&& std::is_arithmetic_v<B>) void range_slider(std::string_view, A,
                                                                              B, std::pair<A, A>) {
    static_assert(detail::widget_misuse<A>,
                  "imlit::range_slider(label, {low, high}, min, max): the value comes first; "
                  "Streamlit's (label, min, max, (low, high)) is range_slider(\"Years\", "
                  "{1990, 2020}, 1900, 2030) here");
}

// [SECTION] number_input, text_input ------------------------------------------------------------

template <class V, class... Rest>
requires(!detail::SliderNumber<detail::plain_t<V>>) int number_input(std::string_view, V&&,
                                                                     Rest&&...) {
    static_assert(detail::widget_misuse<V>,
                  "imlit::number_input(label, value, options): the value must be an int, float "
                  "or double (its type is the widget's type): number_input(\"Count\", 0)");
    return 0;
}
template <class V, class O>
requires(detail::SliderNumber<detail::plain_t<V>> &&
         !std::same_as<detail::plain_t<O>,
                       NumberInputOptions<detail::plain_t<V>>>) int number_input(std::string_view,
                                                                                 V&&, O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::number_input(label, value, options): the third argument is a "
                  "NumberInputOptions; step, min, max and key are named there: "
                  "number_input(\"Rate\", 1.5, {.step = 0.5})");
    return 0;
}

template <class V, class... Rest>
requires(!detail::StringLike<V>) std::string text_input(std::string_view, V&&, Rest&&...) {
    static_assert(detail::widget_misuse<V>,
                  "imlit::text_input(label, value, options): the second argument is the default "
                  "text, a string: text_input(\"Name\", \"Ada\")");
    return {};
}
template <class V, class O>
requires(detail::StringLike<V> && !std::same_as<detail::plain_t<O>, TextInputOptions>) std::string
    text_input(std::string_view, V&&, O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::text_input(label, value, options): the third argument is a "
                  "TextInputOptions; a key goes there: "
                  "text_input(\"Name\", \"\", {.key = \"name\"})");
    return {};
}

// [SECTION] selectbox, radio, multiselect, color_picker, date_input ---------------------------

template <class R, class I, class... Rest>
requires(!std::is_integral_v<detail::plain_t<I>>) std::string
    selectbox(std::string_view, R&&, I&&, Rest&&...) {
    static_assert(detail::widget_misuse<I>,
                  "imlit::selectbox(label, options, index, options): the third argument is the "
                  "index of the default option; a key goes in the options: "
                  "selectbox(\"Model\", models, 0, {.key = \"model\"})");
    return {};
}
template <class R, class O>
requires(!std::same_as<detail::plain_t<O>, SelectboxOptions>) std::string
    selectbox(std::string_view, R&&, std::size_t, O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::selectbox(label, options, index, options): the fourth argument is a "
                  "SelectboxOptions: selectbox(\"Model\", models, 0, {.key = \"model\"})");
    return {};
}
template <class R, class I, class... Rest>
requires(!std::is_integral_v<detail::plain_t<I>>) std::string
    radio(std::string_view, R&&, I&&, Rest&&...) {
    static_assert(detail::widget_misuse<I>,
                  "imlit::radio(label, options, index, options): the third argument is the "
                  "index of the default option; a key goes in the options: "
                  "radio(\"Mode\", modes, 0, {.key = \"mode\"})");
    return {};
}
template <class R, class O>
requires(!std::same_as<detail::plain_t<O>, RadioOptions>) std::string
    radio(std::string_view, R&&, std::size_t, O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::radio(label, options, index, options): the fourth argument is a "
                  "RadioOptions: radio(\"Mode\", modes, 0, {.key = \"mode\"})");
    return {};
}

template <class O>
requires(!std::same_as<detail::plain_t<O>, ColorPickerOptions>) Color
    color_picker(std::string_view, Color, O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::color_picker(label, value, options): the third argument is a "
                  "ColorPickerOptions: color_picker(\"Tint\", {1, 1, 1, 1}, {.key = \"tint\"})");
    return {};
}
template <class O>
requires(!std::same_as<detail::plain_t<O>, DateInputOptions>) Date
    date_input(std::string_view, Date, O&&) {
    static_assert(detail::widget_misuse<O>,
                  "imlit::date_input(label, value, options): the third argument is a "
                  "DateInputOptions: date_input(\"Day\", {2024, 3, 5}, {.key = \"day\"})");
    return {};
}

} // namespace imlit
