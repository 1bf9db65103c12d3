// The widget options (help, disabled, min/max/step/format, text options, ...), the typed and
// new widgets (double sliders, int/float number inputs, toggle, date_input, range_slider,
// index- and value-returning selectbox/radio over any range), and the calls that read like
// Streamlit, through AppTest.
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/context.hpp"
#include "widget_test_util.hpp"

using Catch::Matchers::Contains;
using imlit::Date;
using imlit::testing::AppTest;
using imlit::testing::Element;
using widget_test::errors;
using Strings = std::vector<std::string>;

namespace {
enum class Shape { circle, square };
} // namespace

template <>
struct fmt::formatter<Shape> : fmt::formatter<std::string_view> {
    auto format(Shape s, fmt::format_context& ctx) const {
        return fmt::formatter<std::string_view>::format(s == Shape::circle ? "circle" : "square",
                                                        ctx);
    }
};

// [SECTION] Common options: help, disabled, key -------------------------------------------------

TEST_CASE("help is reported by AppTest for every widget kind", "[widgets][options]") {
    AppTest at([] {
        imlit::checkbox("C", false, {.help = "checkbox help"});
        imlit::toggle("T", false, {.help = "toggle help"});
        imlit::button("B", {.help = "button help"});
        imlit::slider("S", 1, 0, 5, {.help = "slider help"});
        imlit::range_slider("R", {1, 2}, 0, 5, {.help = "range help"});
        imlit::number_input("N", 1, {.help = "number help"});
        imlit::text_input("X", "", {.help = "text help"});
        imlit::selectbox("SB", {"a", "b"}, 0, {.help = "selectbox help"});
        imlit::radio("RA", {"a", "b"}, 0, {.help = "radio help"});
        imlit::multiselect("M", {"a", "b"}, {}, {.help = "multiselect help"});
        imlit::color_picker("CP", {1, 1, 1, 1}, {.help = "color help"});
        imlit::date_input("D", {2024, 3, 5}, {.help = "date help"});
        imlit::checkbox("No help");
    });
    at.run();
    INFO(at.dump());
    CHECK(at.elements_of("error").empty());
    CHECK(at.checkbox("C").help() == "checkbox help");
    CHECK(at.toggle("T").help() == "toggle help");
    CHECK(at.button("B").help() == "button help");
    CHECK(at.slider("S").help() == "slider help");
    CHECK(at.range_slider("R").help() == "range help");
    CHECK(at.number_input("N").help() == "number help");
    CHECK(at.text_input("X").help() == "text help");
    CHECK(at.selectbox("SB").help() == "selectbox help");
    CHECK(at.radio("RA").help() == "radio help");
    CHECK(at.multiselect("M").help() == "multiselect help");
    CHECK(at.color_picker("CP").help() == "color help");
    CHECK(at.date_input("D").help() == "date help");
    CHECK(at.checkbox("No help").help().empty());
    CHECK_THAT(at.dump(), Contains("(help: slider help)"));
}

TEST_CASE("help draws a (?) marker after the label", "[widgets][options]") {
    // The marker is drawn (visible output changes); without help nothing is added.
    auto vertices = [](bool help) {
        AppTest at([help] { imlit::checkbox("Flag", false, {.help = help ? "why" : ""}); });
        at.run();
        return widget_test::vertex_count(at);
    };
    CHECK(vertices(true) > vertices(false));
}

TEST_CASE("disabled widgets keep returning their value and refuse set() from AppTest",
          "[widgets][options]") {
    bool locked = true;
    int v = -1;
    bool b = false;
    AppTest at([&] {
        v = imlit::slider("Level", 3, 0, 10, {.disabled = locked});
        b = imlit::checkbox("Flag", true, {.disabled = locked});
        imlit::button("Go", {.disabled = locked});
        imlit::selectbox("Pick", {"a", "b"}, 0, {.disabled = locked});
    });
    at.run();
    CHECK(v == 3);
    CHECK(b == true);
    CHECK(at.slider("Level").disabled());
    CHECK_THROWS_WITH(at.slider("Level").set(4), Contains("slider \"Level\"") &&
                                                     Contains("disabled") &&
                                                     Contains("set_widget"));
    CHECK_THROWS_WITH(at.checkbox("Flag").click(), Contains("disabled"));
    CHECK_THROWS_WITH(at.button("Go").click(), Contains("disabled"));
    CHECK_THROWS_WITH(at.selectbox("Pick").select("b"), Contains("disabled"));
    CHECK_THAT(at.dump(), Contains("(disabled)"));
    locked = false; // enabled again: the user can change it
    at.run();
    CHECK_FALSE(at.slider("Level").disabled());
    at.slider("Level").set(4);
    at.run();
    CHECK(v == 4);
}

TEST_CASE("disabled widgets draw differently (greyed out)", "[widgets][options]") {
    auto colours = [](bool disabled) {
        AppTest at([disabled] { imlit::button("Go", {.disabled = disabled}); });
        at.run();
        std::vector<ImU32> out;
        for (int i = 0; i < at.draw_data()->CmdListsCount; ++i)
            for (const ImDrawVert& v : at.draw_data()->CmdLists[i]->VtxBuffer)
                out.push_back(v.col);
        return out;
    };
    CHECK(colours(true) != colours(false));
}

// [SECTION] Sliders -----------------------------------------------------------------------------

TEST_CASE("slider overloads: int, float and double, the value's type picks", "[widgets][slider]") {
    int i = 0;
    float f = 0;
    double d = 0;
    AppTest at([&] {
        i = imlit::slider("I", 3, 0, 10);
        f = imlit::slider("F", 0.25f, 0.0f, 1.0f);
        d = imlit::slider("x", 0.5, 0.0, 1.0); // double: compiles and is a double slider
    });
    at.run();
    CHECK(i == 3);
    CHECK(f == 0.25f);
    CHECK(d == 0.5);
    at.slider("x").set(0.125);
    at.slider("F").set(0.75);
    at.run();
    CHECK(d == 0.125);
    CHECK(f == 0.75f);
    CHECK(at.slider("F").value<float>() == 0.75f);
    CHECK(at.slider("x").value<double>() == 0.125);
    CHECK_THROWS_WITH(at.slider("x").set(1.5), Contains("out of range [0, 1]"));
    // A double slider keeps a double's precision.
    at.slider("x").set(0.1 + 1e-12);
    at.run();
    CHECK(d == 0.1 + 1e-12);
}

TEST_CASE("slider range from options, with Streamlit's defaults", "[widgets][slider]") {
    int a = -1, b = -1;
    double c = -1;
    AppTest at([&] {
        a = imlit::slider("Percent", 40);                          // [0, 100]
        b = imlit::slider("Level", 3, {.min = 1, .max = 5});       // [1, 5]
        c = imlit::slider("Opacity", 0.5, {.min = 0, .max = 2.0}); // doubles from ints too
    });
    at.run();
    CHECK(errors(at).empty());
    CHECK((a == 40 && b == 3 && c == 0.5));
    CHECK_THROWS_WITH(at.slider("Percent").set(101), Contains("[0, 100]"));
    CHECK_THROWS_WITH(at.slider("Level").set(0), Contains("[1, 5]"));
    at.slider("Opacity").set(1.5);
    at.run();
    CHECK(c == 1.5);
}

TEST_CASE("slider: a range given twice is an error in place", "[widgets][slider]") {
    AppTest at([] { imlit::slider("Twice", 1, 0, 10, {.max = 5}); });
    at.run();
    CHECK_THAT(errors(at), Contains("Twice") && Contains("range is given twice"));
}

TEST_CASE("slider: Streamlit's (label, min, max, value) order does what it reads like",
          "[widgets][slider]") {
    int streamlit = -1, imlit_order = -1;
    double fraction = -1;
    AppTest at([&] {
        streamlit = imlit::slider("Streamlit", 0, 100, 50); // st.slider("x", 0, 100, 50)
        imlit_order = imlit::slider("Imlit", 50, 0, 100);
        fraction = imlit::slider("Fraction", 0.0, 1.0, 0.25);
    });
    at.run();
    INFO(at.dump());
    CHECK(errors(at).empty());
    CHECK(streamlit == 50);
    CHECK(imlit_order == 50);
    CHECK(fraction == 0.25);
    // The range is [0, 100] both ways.
    CHECK_THROWS_WITH(at.slider("Streamlit").set(101), Contains("[0, 100]"));
    at.slider("Streamlit").set(100);
    at.run();
    CHECK(streamlit == 100);
    CHECK_THROWS_WITH(at.slider("Fraction").set(2.0), Contains("[0, 1]"));
}

TEST_CASE("slider step: drags snap to the grid, AppTest refuses values off it",
          "[widgets][slider]") {
    int i = -1;
    double d = -1;
    AppTest at([&] {
        i = imlit::slider("Even", 4, 0, 10, {.step = 2});
        d = imlit::slider("Quarter", 0.5, 0.0, 1.0, {.step = 0.25});
    });
    at.run();
    CHECK(errors(at).empty());
    at.slider("Even").set(6);
    at.slider("Quarter").set(0.75);
    at.run();
    CHECK(i == 6);
    CHECK(d == 0.75);
    CHECK_THROWS_WITH(at.slider("Even").set(5), Contains("0 + k * 2"));
    CHECK_THROWS_WITH(at.slider("Quarter").set(0.3), Contains("step"));
}

TEST_CASE("slider format: the value is shown with it", "[widgets][slider]") {
    // Same slider, two formats: the drawn text differs (more glyphs for "%.5f").
    auto vertices = [](const char* format) {
        AppTest at([format] { imlit::slider("F", 0.5, 0.0, 1.0, {.format = format}); });
        at.run();
        return std::pair{widget_test::vertex_count(at), at.elements_of("error").size()};
    };
    const auto short_format = vertices("%.1f");
    const auto long_format = vertices("%.5f");
    CHECK(short_format.second == 0);
    CHECK(long_format.second == 0);
    CHECK(long_format.first > short_format.first);
}

// [SECTION] Range slider -----------------------------------------------------------------------

TEST_CASE("range_slider: int and double, set, order and range", "[widgets][range]") {
    std::pair<int, int> years;
    std::pair<double, double> band;
    std::pair<float, float> fband;
    AppTest at([&] {
        years = imlit::range_slider("Years", {1990, 2020}, 1900, 2030);
        band = imlit::range_slider("Band", std::pair{0.2, 0.8}, {.min = 0, .max = 1});
        fband = imlit::range_slider("FBand", {0.25f, 0.5f}, 0.0f, 1.0f);
    });
    at.run();
    CHECK(errors(at).empty());
    CHECK(years == std::pair{1990, 2020});
    CHECK(band == std::pair{0.2, 0.8});
    CHECK(fband == std::pair{0.25f, 0.5f});
    CHECK(at.range_slider("Years").value<std::pair<int, int>>() == std::pair{1990, 2020});
    at.range_slider("Years").set(std::pair{1950, 1960});
    at.range_slider("Band").set(std::pair{0.0, 1.0});
    at.range_slider("FBand").set(std::pair{0, 1}); // ints are fine for a float slider
    at.run();
    CHECK(years == std::pair{1950, 1960});
    CHECK(band == std::pair{0.0, 1.0});
    CHECK(fband == std::pair{0.0f, 1.0f});
    CHECK_THROWS_WITH(at.range_slider("Years").set(std::pair{1960, 1950}),
                      Contains("low 1960 is greater than high 1950"));
    CHECK_THROWS_WITH(at.range_slider("Years").set(std::pair{1800, 1950}),
                      Contains("out of range"));
    CHECK_THROWS_WITH(at.range_slider("Years").set(std::pair{0.5, 1.0}),
                      Contains("std::pair<int, int>"));
}

TEST_CASE("range_slider: bad parameters are errors in place", "[widgets][range]") {
    AppTest at([] {
        imlit::range_slider("Crossed", {8, 2}, 0, 10);
        imlit::range_slider("Outside", {-1, 2}, 0, 10);
        imlit::range_slider("Backwards", {1, 2}, 10, 0);
    });
    at.run();
    const std::string errs = errors(at);
    CHECK_THAT(errs, Contains("Crossed") && Contains("low (8) is greater than high (2)"));
    CHECK_THAT(errs, Contains("Outside") && Contains("low -1 is outside"));
    CHECK_THAT(errs, Contains("Backwards") && Contains("min (10) is greater than max (0)"));
}

TEST_CASE("range_slider: a mouse drag moves the nearer handle", "[widgets][range]") {
    std::pair<int, int> v;
    ImVec2 min, max;
    enum class Step { none, press, release } step = Step::none;
    AppTest at([&] {
        v = imlit::range_slider("Drag", {20, 40}, 0, 100);
        min = ImGui::GetItemRectMin(); // the track: the last item the widget drew
        max = ImGui::GetItemRectMax();
        ImGuiIO& io = ImGui::GetIO(); // Dear ImGui 1.86 reads these at the next NewFrame
        if (step == Step::press) {
            io.MousePos = ImVec2(max.x - 2, (min.y + max.y) / 2); // near 100: the high handle
            io.MouseDown[0] = true;
        } else if (step == Step::release) {
            io.MouseDown[0] = false;
        }
    });
    at.run();
    CHECK(v == std::pair{20, 40});
    step = Step::press;
    at.run(); // sets the mouse for the next frame
    step = Step::none;
    at.run(); // pressed: the high handle follows the mouse to the right end
    step = Step::release;
    at.run();
    step = Step::none;
    at.run();
    CHECK(v.first == 20);
    CHECK(v.second > 90);
}

// [SECTION] Number inputs ----------------------------------------------------------------------

TEST_CASE("number_input: int with min/max, float, double", "[widgets][number]") {
    int count = -1;
    float ratio = -1;
    double rate = -1;
    AppTest at([&] {
        count = imlit::number_input("Count", 5, {.min = 0, .max = 10});
        ratio = imlit::number_input("Ratio", 0.5f, {.step = 0.1f});
        rate = imlit::number_input("Rate", 1.5, {.min = 0.0});
    });
    at.run();
    CHECK(errors(at).empty());
    CHECK((count == 5 && ratio == 0.5f && rate == 1.5));
    at.number_input("Count").set(10);
    at.number_input("Ratio").set(0.25);
    at.number_input("Rate").set(1e9);
    at.run();
    CHECK((count == 10 && ratio == 0.25f && rate == 1e9));
    CHECK(at.number_input("Count").value<int>() == 10);
    CHECK_THROWS_WITH(at.number_input("Count").set(11), Contains("[0, 10]"));
    CHECK_THROWS_WITH(at.number_input("Count").set(2.5), Contains("int"));
    CHECK_THROWS_WITH(at.number_input("Rate").set(-1.0), Contains("below the minimum 0"));
    CHECK_THROWS_WITH(at.number_input("Ratio").set(1e300), Contains("does not fit in a float"));
}

TEST_CASE("number_input: bounds that change clamp the stored value", "[widgets][number]") {
    int max = 10, v = -1;
    AppTest at([&] { v = imlit::number_input("N", 0, {.min = 0, .max = max}); });
    at.run();
    at.number_input("N").set(9);
    at.run();
    CHECK(v == 9);
    max = 4;
    at.run();
    CHECK(v == 4);
}

TEST_CASE("number_input: bad parameters are errors in place", "[widgets][number]") {
    AppTest at([] {
        imlit::number_input("Below", 1, {.min = 2});
        imlit::number_input("Crossed", 1, {.min = 5, .max = 0});
        imlit::number_input("NegStep", 1.0, {.step = -1.0});
        imlit::number_input("HugeStep", 1, {.step = 1 << 30});
        imlit::number_input("FloatInf", std::numeric_limits<float>::infinity());
    });
    at.run();
    const std::string errs = errors(at);
    CHECK_THAT(errs, Contains("Below") && Contains("below min 2"));
    CHECK_THAT(errs, Contains("Crossed") && Contains("min (5) is greater than max (0)"));
    CHECK_THAT(errs, Contains("NegStep") && Contains("step (-1) must be >= 0"));
    CHECK_THAT(errs, Contains("HugeStep") && Contains("too large"));
    CHECK_THAT(errs, Contains("FloatInf") && Contains("not a finite number"));
}

// [SECTION] Text input -------------------------------------------------------------------------

TEST_CASE("text_input(\"Name\", \"key\") reads as a default text, and is one", "[widgets][text]") {
    std::string v;
    AppTest at([&] { v = imlit::text_input("Name", "key"); });
    at.run();
    CHECK(v == "key");
    CHECK(at.text_input("Name").value<std::string>() == "key");
}

TEST_CASE("text_input options: placeholder, multiline, password, max_chars", "[widgets][text]") {
    std::string note, secret, code;
    AppTest at([&] {
        note = imlit::text_input("Note", "", {.placeholder = "Write here", .multiline = true});
        secret = imlit::text_input("Secret", "", {.password = true});
        code = imlit::text_input("Code", "ab", {.max_chars = 4});
    });
    at.run();
    CHECK(errors(at).empty());
    at.text_input("Note").set("line 1\nline 2");
    at.text_input("Secret").set("hunter2");
    at.text_input("Code").set("äöüß"); // four characters, eight bytes
    at.run();
    CHECK(note == "line 1\nline 2");
    CHECK(secret == "hunter2");
    CHECK(code == "äöüß");
    CHECK_THROWS_WITH(at.text_input("Code").set("abcde"),
                      Contains("5 characters, more than max_chars (4)"));
}

TEST_CASE("text_input: a password text area and a too-long default are errors in place",
          "[widgets][text]") {
    AppTest at([] {
        imlit::text_input("Both", "", {.multiline = true, .password = true});
        imlit::text_input("Long", "abcdef", {.max_chars = 3});
    });
    at.run();
    const std::string errs = errors(at);
    CHECK_THAT(errs, Contains("Both") && Contains("single-line"));
    CHECK_THAT(errs, Contains("Long") && Contains("6 characters, more than max_chars (3)"));
}

TEST_CASE("text_input: the placeholder is drawn while the text is empty", "[widgets][text]") {
    auto vertices = [](std::string_view placeholder, bool multiline) {
        AppTest at([=] {
            imlit::text_input("T", "", {.placeholder = placeholder, .multiline = multiline});
        });
        at.run();
        return widget_test::vertex_count(at);
    };
    CHECK(vertices("a hint", false) > vertices("", false));
    CHECK(vertices("a hint", true) > vertices("", true));
}

// [SECTION] selectbox, radio, multiselect ------------------------------------------------------

TEST_CASE("selectbox and radio: value- and index-returning, over any range", "[widgets][choice]") {
    const std::vector<std::string> models = {"small", "medium", "large"};
    const std::array<const char*, 2> modes = {"fast", "exact"};
    const std::vector<Shape> shapes = {Shape::circle, Shape::square};
    const std::vector<int> sizes = {8, 16, 32};
    std::string model;
    std::size_t model_index = 99;
    const char* mode = nullptr;
    Shape shape = Shape::circle;
    int size = 0;
    std::size_t radio_index = 99;
    AppTest at([&] {
        model = imlit::selectbox("Model", models, 1);
        model_index = imlit::selectbox_index("Model index", models, 2);
        mode = imlit::radio("Mode", modes);
        shape = imlit::selectbox("Shape", shapes, 1);
        size = imlit::radio("Size", sizes, 0, {.horizontal = true});
        radio_index = imlit::radio_index("Pick", {"x", "y"}, 1);
    });
    at.run();
    CHECK(errors(at).empty());
    CHECK(model == "medium");
    CHECK(model_index == 2);
    CHECK(std::string(mode) == "fast");
    CHECK(shape == Shape::square);
    CHECK(size == 8);
    CHECK(radio_index == 1);
    CHECK(at.selectbox("Shape").value<std::string>() == "square"); // labels come from fmt
    at.selectbox("Shape").select("circle");
    at.radio("Size").select("32");
    at.selectbox("Model index").select("small");
    at.radio("Pick").select("x");
    at.run();
    CHECK(shape == Shape::circle);
    CHECK(size == 32);
    CHECK(model_index == 0);
    CHECK(radio_index == 0);
}

TEST_CASE("selectbox over an empty range: error in place, value-initialised result",
          "[widgets][choice]") {
    const std::vector<Shape> none;
    Shape s = Shape::square;
    std::size_t i = 99;
    AppTest at([&] {
        s = imlit::selectbox("Empty", none);
        i = imlit::selectbox_index("Empty index", std::span<const std::string>{});
    });
    at.run();
    CHECK_THAT(errors(at), Contains("Empty") && Contains("no options"));
    CHECK(s == Shape{});
    CHECK(i == 0);
}

TEST_CASE("multiselect: placeholder and max_selections", "[widgets][choice]") {
    Strings v;
    AppTest at([&] {
        v = imlit::multiselect("Tags", {"a", "b", "c"}, {"a"},
                               {.placeholder = "Pick tags", .max_selections = 2});
        imlit::multiselect("Too many", {"a", "b", "c"}, {"a", "b"}, {.max_selections = 1});
    });
    at.run();
    CHECK_THAT(errors(at), Contains("Too many") && Contains("more than max_selections (1)"));
    at.multiselect("Tags").select("c");
    at.run();
    CHECK(v == Strings{"a", "c"});
    CHECK_THROWS_WITH(at.multiselect("Tags").select("b"),
                      Contains("3 options selected, more than max_selections (2)"));
}

// [SECTION] color_picker, toggle, date_input
// -------------------------------------------------------

TEST_CASE("color_picker alpha = false keeps the value's alpha and draws no alpha bar",
          "[widgets][color]") {
    imlit::Color c;
    auto vertices = [&](bool alpha) {
        AppTest at([&, alpha] {
            c = imlit::color_picker("Tint", {0.2f, 0.4f, 0.6f, 0.5f}, {.alpha = alpha});
        });
        at.run();
        return widget_test::vertex_count(at);
    };
    const int with_alpha = vertices(true);
    const int without = vertices(false);
    CHECK(c.a == 0.5f);
    CHECK(without < with_alpha);
}

TEST_CASE("toggle: default, set, click flips, a mouse click flips", "[widgets][toggle]") {
    bool v = false;
    bool press = false;
    AppTest at([&] {
        v = imlit::toggle("Live", true);
        const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2);
        io.MouseDown[0] = press;
    });
    at.run();
    CHECK(v == true);
    CHECK(at.toggle("Live").value<bool>() == true);
    at.toggle("Live").set(false);
    at.run();
    CHECK(v == false);
    at.toggle("Live").click();
    at.run();
    CHECK(v == true);
    CHECK_THROWS_WITH(at.toggle("Live").set(1), Contains("bool"));
    // A real click (press, then release) on the switch flips it. The frame function sets the
    // mouse for the next frame (Dear ImGui 1.86 reads io.MouseDown at NewFrame).
    at.run(); // the mouse moves over the switch
    press = true;
    at.run(); // the button goes down
    press = false;
    at.run(); // held
    at.run(); // released: clicked, written to the store
    at.run(); // the toggle returns the new value
    CHECK(v == false);
}

TEST_CASE("date_input: value, set, min/max, validity", "[widgets][date]") {
    Date d;
    AppTest at([&] {
        d = imlit::date_input("Day", {2024, 2, 28},
                              {.min = Date{2024, 1, 1}, .max = Date{2024, 12, 31}});
    });
    at.run();
    CHECK(errors(at).empty());
    CHECK(d == Date{2024, 2, 28});
    CHECK(at.date_input("Day").value<Date>() == Date{2024, 2, 28});
    at.date_input("Day").set(Date{2024, 2, 29}); // a leap day
    at.run();
    CHECK(d == Date{2024, 2, 29});
    CHECK(fmt::format("{}", d) == "2024-02-29");
    CHECK_THROWS_WITH(at.date_input("Day").set(Date{2023, 2, 29}),
                      Contains("2023-02-29 is not a valid date"));
    CHECK_THROWS_WITH(at.date_input("Day").set(Date{2025, 1, 1}),
                      Contains("outside [2024-01-01, 2024-12-31]"));
}

TEST_CASE("date_input: bad dates and ranges are errors in place", "[widgets][date]") {
    AppTest at([] {
        imlit::date_input("Invalid", {2023, 13, 1});
        imlit::date_input("Early", {2020, 1, 1}, {.min = Date{2021, 1, 1}});
        imlit::date_input("Crossed", {2020, 1, 1},
                          {.min = Date{2021, 1, 1}, .max = Date{2019, 1, 1}});
    });
    at.run();
    const std::string errs = errors(at);
    CHECK_THAT(errs, Contains("Invalid") && Contains("2023-13-01 is not a valid date"));
    CHECK_THAT(errs, Contains("Early") && Contains("outside [2021-01-01"));
    CHECK_THAT(errs, Contains("Crossed") && Contains("min 2021-01-01 is after max 2019-01-01"));
}

TEST_CASE("Date: validity, order, today", "[widgets][date]") {
    CHECK(Date{2000, 2, 29}.valid());
    CHECK_FALSE(Date{1900, 2, 29}.valid());
    CHECK_FALSE(Date{2024, 4, 31}.valid());
    CHECK_FALSE(Date{0, 1, 1}.valid());
    CHECK_FALSE(Date{10000, 1, 1}.valid());
    CHECK(Date{2024, 1, 31} < Date{2024, 2, 1});
    CHECK(Date::today().valid());
}

// [SECTION] Recording --------------------------------------------------------------------------

TEST_CASE("widget options are copied into recordings", "[widgets][options][replay]") {
    using namespace imlit::detail;
    auto session = Session::create({.manual_clock = true});
    Recording rec(Site{});
    {
        LoaderContext lc(session, Site{});
        RecordScope scope(rec, {.name = "f"});
        std::string help = "help text", format = "%.2f", hint = "hint", key = "the key";
        imlit::slider("S", 0.5, 0.0, 1.0, {.key = key, .help = help, .format = format});
        imlit::text_input("T", "", {.help = help, .placeholder = hint});
        imlit::slider("Twice", 1, 0, 2, {.max = 3}); // its usage error is recorded with it
        for (std::string* str : {&help, &format, &hint, &key})
            std::memset(str->data(), '?', str->size()); // destroy the sources
    }
    REQUIRE(rec.size() >= 3);
    const WidgetCmd& s = *std::get<const WidgetCmd*>(rec.impl().at(0));
    CHECK(s.key == "the key");
    CHECK(s.help == "help text");
    CHECK(s.format == "%.2f");
    const WidgetCmd& t = *std::get<const WidgetCmd*>(rec.impl().at(1));
    CHECK(t.placeholder == "hint");
    CHECK(t.help == "help text");
    const WidgetCmd& twice = *std::get<const WidgetCmd*>(rec.impl().at(2));
    CHECK_THAT(std::string(twice.usage_error), Contains("range is given twice"));
}

TEST_CASE("date_input: a click opens the calendar and a click on a day picks it",
          "[widgets][date]") {
    Date d;
    ImVec2 target;
    bool down = false, aim_at_popup = false, popup_open = false;
    AppTest at([&] {
        d = imlit::date_input("Day", {2024, 3, 5});
        ImGuiContext& g = *ImGui::GetCurrentContext();
        popup_open = !g.OpenPopupStack.empty();
        if (!aim_at_popup) {
            const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
            target = ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); // the field
        } else if (!g.OpenPopupStack.empty() && g.OpenPopupStack.back().Window != nullptr) {
            const ImRect r = g.OpenPopupStack.back().Window->Rect(); // the calendar
            target = ImVec2((r.Min.x + r.Max.x) / 2, r.Min.y + r.GetHeight() * 0.6f);
        }
        ImGui::GetIO().MousePos = target;
        ImGui::GetIO().MouseDown[0] = down;
    });
    auto click = [&] { // the frame function sets the mouse for the next frame
        down = true;
        at.run();
        down = false;
        at.run();
        at.run();
    };
    at.run();
    CHECK_FALSE(popup_open);
    click(); // the calendar opens
    CHECK(popup_open);
    aim_at_popup = true;
    at.run(); // the mouse moves onto a day in the middle of the month
    click();
    at.run();
    CHECK_FALSE(popup_open); // picking a day closes it
    INFO(fmt::format("picked {}", d));
    CHECK(d.year == 2024);
    CHECK(d.month == 3);
    CHECK(d != Date{2024, 3, 5});
    CHECK(at.date_input("Day").value<Date>() == d);
}

// [SECTION] Options seen in what is drawn ------------------------------------------------------

namespace {
// Click at the point `where` picks in the last item the widget drew: the frame function sets
// the mouse for the next frame (Dear ImGui 1.86 reads io.MouseDown at NewFrame).
struct Mouse {
    bool down = false;
    void follow(ImVec2 target) const {
        ImGui::GetIO().MousePos = target;
        ImGui::GetIO().MouseDown[0] = down;
    }
    void click(AppTest& at) {
        at.run(); // the mouse moves there
        down = true;
        at.run(); // the button goes down
        down = false;
        at.run(); // held
        at.run(); // released: the widget writes the new value
        at.run(); // the widget returns it
    }
};
} // namespace

TEST_CASE("number_input step: the + button adds it, step 0 has no buttons", "[widgets][number]") {
    Mouse mouse;
    int v = -1;
    AppTest at([&] {
        v = imlit::number_input("N", 5, {.step = 3});
        const ImVec2 max = ImGui::GetItemRectMax(); // the group: field, "-", "+"
        mouse.follow(ImVec2(max.x - ImGui::GetFrameHeight() / 2, max.y - 4));
    });
    at.run();
    mouse.click(at);
    CHECK(v == 8);
    auto without_buttons = [](int step) {
        AppTest at([step] { imlit::number_input("N", 5, {.step = step}); });
        at.run();
        return widget_test::vertex_count(at);
    };
    CHECK(without_buttons(0) < without_buttons(1));
}

TEST_CASE("text_input password: the text is not drawn", "[widgets][text]") {
    auto draw = [](const char* text, bool password) {
        AppTest at([=] { imlit::text_input("P", text, {.password = password}); });
        at.run();
        std::vector<float> xy;
        for (int i = 0; i < at.draw_data()->CmdListsCount; ++i)
            for (const ImDrawVert& v : at.draw_data()->CmdLists[i]->VtxBuffer) {
                xy.push_back(v.uv.x);
                xy.push_back(v.uv.y);
            }
        return xy;
    };
    CHECK(draw("abc", false) != draw("xyz", false)); // different glyphs
    CHECK(draw("abc", true) == draw("xyz", true));   // the same dots
}

TEST_CASE("text_input multiline is a taller box, height sets it", "[widgets][text]") {
    auto height = [](imlit::TextInputOptions o) {
        float h = 0;
        AppTest at([&] {
            imlit::text_input("T", "", o);
            h = ImGui::GetItemRectSize().y;
        });
        at.run();
        return h;
    };
    const float line = height({});
    CHECK(height({.multiline = true}) > 2 * line);
    CHECK(height({.multiline = true, .height = 200}) == 200);
}

TEST_CASE("text_input max_chars stops typing at the limit", "[widgets][text]") {
    // Types `typed` into a focused field; returns what the widget returns and what it draws.
    auto type = [](const char* typed) {
        Mouse mouse;
        std::string v;
        ImGuiContext* imgui = nullptr;
        AppTest at([&] {
            v = imlit::text_input("Code", "", {.max_chars = 4});
            const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
            mouse.follow(ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2));
            imgui = ImGui::GetCurrentContext();
        });
        at.run();
        mouse.click(at); // focus the field
        // Typed characters are queued between frames (EndFrame clears the queue).
        ImGuiContext* previous = ImGui::GetCurrentContext();
        ImGui::SetCurrentContext(imgui);
        ImGui::GetIO().AddInputCharactersUTF8(typed);
        ImGui::SetCurrentContext(previous);
        at.run(); // typed, cut at the limit, written
        at.run();
        return std::pair{v, widget_test::vertex_count(at)};
    };
    const auto [four, four_drawn] = type("abcé");
    const auto [six, six_drawn] = type("abcéfg"); // six characters, seven bytes
    CHECK(four == "abcé");
    CHECK(six == "abcé");
    CHECK(six_drawn == four_drawn); // the field shows only four while typing, too
}

TEST_CASE("radio horizontal puts the options on one line", "[widgets][choice]") {
    auto height = [](bool horizontal) {
        float y0 = 0, y1 = 0;
        AppTest at([&] {
            y0 = ImGui::GetCursorPosY();
            imlit::radio("R", {"a", "b", "c"}, 0, {.horizontal = horizontal});
            y1 = ImGui::GetCursorPosY();
        });
        at.run();
        return y1 - y0;
    };
    CHECK(height(true) < height(false));
}

TEST_CASE("multiselect placeholder is drawn while nothing is selected", "[widgets][choice]") {
    auto vertices = [](std::string_view placeholder) {
        AppTest at([=] { imlit::multiselect("M", {"a", "b"}, {}, {.placeholder = placeholder}); });
        at.run();
        return widget_test::vertex_count(at);
    };
    CHECK(vertices("A much longer placeholder than the default") > vertices(""));
}
