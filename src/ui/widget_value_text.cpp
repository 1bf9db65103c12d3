// imlit internals — widget values as readable text (see widget_value_text.hpp).
#include "ui/widget_value_text.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <variant>
#include <vector>

#include <fmt/format.h>

namespace imlit::detail {

namespace {

constexpr std::string_view kEllipsis = "...";
constexpr float kColorScale = 255.0f;

// `s` quoted, cut to fit kMaxValueText (never inside a UTF-8 character).
std::string quote_text(std::string_view s) {
    const std::size_t room = kMaxValueText - 2;
    if (s.size() <= room) return fmt::format("\"{}\"", s);
    std::size_t cut = room - kEllipsis.size();
    constexpr unsigned char kContinuationMask = 0xC0, kContinuation = 0x80;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & kContinuationMask) == kContinuation)
        --cut;
    return fmt::format("\"{}{}\"", s.substr(0, cut), kEllipsis);
}

int color_byte(float x) {
    return static_cast<int>(std::lround(std::clamp(x, 0.0f, 1.0f) * kColorScale));
}

// The option at `i` quoted, or the index when it is out of range (a stale stored value).
std::string option_text(const WidgetCmd& w, std::size_t i) {
    return i < w.options.size() ? quote_text(w.options[i]) : fmt::format("#{}", i);
}

// "[a, b, c]" over `indices`, shown through `one`, cut to fit kMaxValueText.
template <class F>
std::string list_text(const std::vector<std::size_t>& indices, F one) {
    std::string out = "[";
    for (std::size_t k = 0; k < indices.size(); ++k) {
        std::string item = (k == 0 ? "" : ", ") + one(indices[k]);
        if (out.size() + item.size() + 1 > kMaxValueText) {
            out += fmt::format("{}{} of {}", k == 0 ? "" : ", ", kEllipsis, indices.size());
            break;
        }
        out += item;
    }
    return out + "]";
}

} // namespace

std::string widget_value_text(const WidgetCmd& w, const WidgetValue& v) {
    return std::visit(
        [&w](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, bool>) {
                return x ? "true" : "false";
            } else if constexpr (std::is_same_v<T, std::size_t>) {
                return option_text(w, x);
            } else if constexpr (std::is_same_v<T, std::string>) {
                return w.kind == WidgetKind::text_input && w.password ? "(hidden)" : quote_text(x);
            } else if constexpr (std::is_same_v<T, std::vector<std::size_t>>) {
                if (w.kind == WidgetKind::multiselect)
                    return list_text(x, [&w](std::size_t i) { return option_text(w, i); });
                return list_text(x, [](std::size_t i) { return fmt::format("{}", i); });
            } else if constexpr (std::is_same_v<T, Color>) {
                return fmt::format("#{:02x}{:02x}{:02x}{:02x}", color_byte(x.r), color_byte(x.g),
                                   color_byte(x.b), color_byte(x.a));
            } else if constexpr (std::is_same_v<T, Date>) {
                return fmt::format("{:04}-{:02}-{:02}", x.year, x.month, x.day);
            } else if constexpr (requires { x.first; }) {
                return fmt::format("({}, {})", x.first, x.second);
            } else {
                return fmt::format("{}", x); // int, float, double: shortest exact form
            }
        },
        v);
}

} // namespace imlit::detail
