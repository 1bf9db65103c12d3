// imlit internal — what the widget declarations in imlit/ui.hpp need: optional bounds, option
// ranges turned into labels. Not part of the manual; read imlit/ui.hpp instead.
#pragma once

#include <concepts>
#include <cstddef>
#include <iterator>
#include <ranges>
#include <span>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace imlit::detail {

// A dependent `false` for static_asserts in templates that exist only to say "write this".
template <class... T>
inline constexpr bool widget_misuse = false;

// The value types of sliders and number inputs.
template <class T>
concept SliderNumber = std::same_as<T, int> || std::same_as<T, float> || std::same_as<T, double>;

// An optional min/max of a number widget: `.min = 0` sets it. Unlike std::optional<int>, a
// fraction never silently truncates into an int widget's bound (static_assert instead).
template <class T>
class OptionalBound {
public:
    constexpr OptionalBound() = default;
    template <class U>
    requires(std::is_arithmetic_v<U> && !std::is_same_v<U, bool>) constexpr OptionalBound(U v)
        : value_(static_cast<T>(v)), set_(true) { // implicit: .min = 0
        static_assert(!(std::is_integral_v<T> && std::is_floating_point_v<U>),
                      "imlit: an int widget's min and max must be integers (.min = 0, not "
                      "0.5); for fractions use a double widget: slider(\"x\", 0.5, {.min = 0.0, "
                      ".max = 1.0})");
    }
    constexpr bool has_value() const { return set_; }
    constexpr T value_or(T fallback) const { return set_ ? value_ : fallback; }

private:
    T value_ = T(0);
    bool set_ = false;
};

// The value of a range slider: {low, high} or a std::pair<T, T>. Braces with another number
// type than the slider's (range_slider("x", {0.2, 0.8}, 0, 1)) stop at a static_assert instead of
// truncating the fractions.
template <class T>
struct RangeValue {
    T low, high;
    RangeValue(std::pair<T, T> p) : low(p.first), high(p.second) {} // implicit: std::pair{1, 2}
    template <class A, class B>
    requires(std::is_arithmetic_v<A>&& std::is_arithmetic_v<B>) RangeValue(A a, B b)
        : low(static_cast<T>(a)), high(static_cast<T>(b)) {
        static_assert(std::is_same_v<A, T> && std::is_same_v<B, T>,
                      "imlit::range_slider(label, {low, high}, min, max): low, high, min and max "
                      "must have one type (int, float or double), which picks the slider: write "
                      "{0.2, 0.8}, 0.0, 1.0 for double, {20, 80}, 0, 100 for int");
    }
};

// Options of selectbox and radio: any forward range of things that are strings or that fmt
// can format.
template <class R>
concept StringOptionRange = std::ranges::forward_range<const R> &&
    std::convertible_to<std::ranges::range_reference_t<const R>, std::string_view>;
template <class R>
concept FormattedOptionRange = std::ranges::forward_range<const R> && !StringOptionRange<R> &&
                               fmt::is_formattable<std::ranges::range_value_t<const R>>::value;
template <class R>
concept OptionRange = StringOptionRange<R> || FormattedOptionRange<R>;

template <class R>
using option_value_t = std::ranges::range_value_t<const R>;

// Reused per-thread scratch for one call's option labels (owned by the thread's imlit
// context: no allocation once warm). Cleared by option_scratch(), which also checks that
// there is a context (std::logic_error naming `function` otherwise).
struct OptionScratch {
    std::vector<std::string_view>* views;
    fmt::memory_buffer* text;       // formatted labels, back to back
    std::vector<std::size_t>* ends; // end offset of each formatted label in `text`
};
OptionScratch option_scratch(const char* function);

// The labels of `options`: views of the strings themselves, or of their fmt formatting.
// Valid until the next option_labels() call on this thread.
template <OptionRange R>
std::span<const std::string_view> option_labels(const char* function, const R& options) {
    OptionScratch s = option_scratch(function);
    if constexpr (StringOptionRange<R>) {
        for (auto&& o : options)
            s.views->push_back(std::string_view(o));
    } else {
        for (auto&& o : options) {
            fmt::format_to(std::back_inserter(*s.text), "{}", o);
            s.ends->push_back(s.text->size());
        }
        // Views only once all labels are written: the buffer may move while it grows.
        std::size_t begin = 0;
        for (std::size_t end : *s.ends) {
            s.views->emplace_back(s.text->data() + begin, end - begin);
            begin = end;
        }
    }
    return *s.views;
}

// The element at `index` (a copy); a value-initialised one when out of range (no options).
template <OptionRange R>
option_value_t<R> option_at(const R& options, std::size_t index) {
    static_assert(std::default_initializable<option_value_t<R>>,
                  "imlit: selectbox/radio return the selected element, and with no options a "
                  "value-initialised one; this element type has no default. Use "
                  "selectbox_index()/radio_index() and index the range yourself.");
    if constexpr (std::ranges::random_access_range<const R> && std::ranges::sized_range<const R>) {
        if (index >= std::ranges::size(options)) return option_value_t<R>{};
        return std::ranges::begin(
            options)[static_cast<std::ranges::range_difference_t<const R>>(index)];
    }
    std::size_t i = 0;
    for (auto it = std::ranges::begin(options); it != std::ranges::end(options); ++it, ++i)
        if (i == index) return *it;
    return option_value_t<R>{};
}

} // namespace imlit::detail
