// Widget values as text for the cache inspector (widget_value_text): each value kind, options
// shown by their text, passwords hidden, long values cut (never inside a UTF-8 character).
#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "ui/widget_value_text.hpp"

using imlit::detail::kMaxValueText;
using imlit::detail::widget_value_text;
using imlit::detail::WidgetCmd;
using imlit::detail::WidgetKind;

namespace {
WidgetCmd widget(WidgetKind kind) {
    WidgetCmd w;
    w.kind = kind;
    return w;
}
} // namespace

TEST_CASE("widget_value_text: each kind of value", "[ui][inspection]") {
    CHECK(widget_value_text(widget(WidgetKind::checkbox), true) == "true");
    CHECK(widget_value_text(widget(WidgetKind::slider_int), 42) == "42");
    CHECK(widget_value_text(widget(WidgetKind::slider_float), 0.1f) == "0.1");
    CHECK(widget_value_text(widget(WidgetKind::slider_double), 0.5) == "0.5");
    CHECK(widget_value_text(widget(WidgetKind::text_input), std::string("fast")) == "\"fast\"");
    CHECK(widget_value_text(widget(WidgetKind::color_picker), imlit::Color{1, 0.5f, 0, 1}) ==
          "#ff8000ff");
    CHECK(widget_value_text(widget(WidgetKind::date_input), imlit::Date{2024, 3, 1}) ==
          "2024-03-01");
    CHECK(widget_value_text(widget(WidgetKind::range_slider_int), std::pair<int, int>{2, 7}) ==
          "(2, 7)");
    CHECK(widget_value_text(widget(WidgetKind::table_selection), std::vector<std::size_t>{1, 4}) ==
          "[1, 4]");
}

TEST_CASE("widget_value_text: options by their text, passwords hidden", "[ui][inspection]") {
    const std::string_view options[] = {"slow", "fast"};
    WidgetCmd select = widget(WidgetKind::selectbox);
    select.options = options;
    CHECK(widget_value_text(select, std::size_t{1}) == "\"fast\"");
    CHECK(widget_value_text(select, std::size_t{5}) == "#5"); // not among the options
    WidgetCmd multi = widget(WidgetKind::multiselect);
    multi.options = options;
    CHECK(widget_value_text(multi, std::vector<std::size_t>{0, 1}) == R"(["slow", "fast"])");
    CHECK(widget_value_text(multi, std::vector<std::size_t>{}) == "[]");
    WidgetCmd password = widget(WidgetKind::text_input);
    password.password = true;
    CHECK(widget_value_text(password, std::string("hunter2")) == "(hidden)");
}

TEST_CASE("widget_value_text: long values are cut", "[ui][inspection]") {
    const std::string text =
        widget_value_text(widget(WidgetKind::text_input), std::string(500, 'x'));
    CHECK(text.size() <= kMaxValueText);
    CHECK(text.substr(text.size() - 4) == "...\"");
    // "é" is two bytes: a cut lands before a character, never between its bytes.
    std::string accents;
    for (int i = 0; i < 100; ++i)
        accents += "\xC3\xA9";
    const std::string cut = widget_value_text(widget(WidgetKind::text_input), accents);
    CHECK(cut.size() <= kMaxValueText);
    const std::string inside = cut.substr(1, cut.size() - 5); // between the quote and "..."
    CHECK(inside.size() % 2 == 0);
    CHECK(inside.substr(0, 2) == "\xC3\xA9");
    const std::string list = widget_value_text(widget(WidgetKind::table_selection),
                                               std::vector<std::size_t>(1000, 123456));
    CHECK(list.size() <= kMaxValueText + 16);
    CHECK(list.find("... of 1000]") != std::string::npos);
}
