// Every widget, through AppTest: defaults, value across frames, user changes taking effect on
// the next frame, bad parameters and duplicate ids as errors in place, ids under containers.
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "widget_test_util.hpp"

using Catch::Matchers::Contains;
using imlit::Color;
using imlit::testing::AppTest;
using imlit::testing::Element;
using widget_test::errors;
using Strings = std::vector<std::string>;

TEST_CASE("checkbox: default, set, value across frames", "[widgets]") {
    std::vector<bool> got;
    AppTest at([&] {
        got.push_back(imlit::checkbox("Off"));
        got.push_back(imlit::checkbox("On", true));
    });
    at.run();
    CHECK(got == std::vector<bool>{false, true});
    CHECK(at.checkbox("Off").value<bool>() == false);
    CHECK(at.checkbox("On").value<bool>() == true);
    at.checkbox("Off").set(true);
    at.checkbox("On").set(false);
    got.clear();
    at.run();
    CHECK(got == std::vector<bool>{true, false});
    got.clear();
    at.run(); // kept in the store
    CHECK(got == std::vector<bool>{true, false});
}

TEST_CASE("button: true on exactly the one frame after a click", "[widgets]") {
    std::vector<bool> got;
    int clicks = 0;
    AppTest at([&] {
        const bool b = imlit::button("Go");
        got.push_back(b);
        if (b) ++clicks;
        imlit::text("clicks {}", clicks);
    });
    at.run();
    at.button("Go").click();
    CHECK(got == std::vector<bool>{false}); // not before the next run
    at.run();
    at.run();
    CHECK(got == std::vector<bool>{false, true, false});
    CHECK(at.texts() == Strings{"clicks 1"});
    at.button("Go").click();
    at.run();
    CHECK(at.texts() == Strings{"clicks 2"});
    CHECK_THROWS_WITH(at.button("Go").set(3), Contains("button \"Go\""));
}

TEST_CASE("slider (int): default, set, range", "[widgets]") {
    int v = -1;
    AppTest at([&] { v = imlit::slider("Level", 3, 1, 5); });
    at.run();
    CHECK(v == 3);
    CHECK(at.slider("Level").value<int>() == 3);
    at.slider("Level").set(5);
    at.run();
    CHECK(v == 5);
    at.slider("Level").set(1);
    at.run();
    CHECK(v == 1);
    CHECK_THROWS_WITH(at.slider("Level").set(6), Contains("out of range [1, 5]"));
}

TEST_CASE("slider (float): default, set, range", "[widgets]") {
    float v = -1;
    AppTest at([&] { v = imlit::slider("Alpha", 0.25f, 0.0f, 1.0f); });
    at.run();
    CHECK(v == 0.25f);
    at.slider("Alpha").set(0.75);
    at.run();
    CHECK(v == 0.75f);
    at.slider("Alpha").set(1); // an int is fine for a float slider
    at.run();
    CHECK(v == 1.0f);
    CHECK(at.slider("Alpha").value<double>() == 1.0);
}

TEST_CASE("slider clamps the stored value when the range shrinks", "[widgets]") {
    int max = 10, v = -1;
    AppTest at([&] { v = imlit::slider("N", 0, 0, max); });
    at.run();
    at.slider("N").set(9);
    at.run();
    CHECK(v == 9);
    max = 5;
    at.run();
    CHECK(v == 5);
}

TEST_CASE("number_input: default, set, non-finite rejected", "[widgets]") {
    double v = 0;
    AppTest at([&] { v = imlit::number_input("Rate", 1.5, {.step = 0.5}); });
    at.run();
    CHECK(v == 1.5);
    at.number_input("Rate").set(-42.25);
    at.run();
    CHECK(v == -42.25);
    at.number_input("Rate").set(7);
    at.run();
    CHECK(v == 7.0);
    CHECK_THROWS_WITH(at.number_input("Rate").set(std::numeric_limits<double>::infinity()),
                      Contains("finite"));
}

TEST_CASE("text_input: default, set, unicode and empty", "[widgets]") {
    std::string v;
    AppTest at([&] { v = imlit::text_input("Name", "world"); });
    at.run();
    CHECK(v == "world");
    at.text_input("Name").set("Grüße, 世界");
    at.run();
    CHECK(v == "Grüße, 世界");
    at.text_input("Name").set("");
    at.run();
    CHECK(v.empty());
    const std::string big(10000, 'z');
    at.text_input("Name").set(big);
    at.run();
    CHECK(v == big);
}

TEST_CASE("selectbox: default index, select, span overload", "[widgets]") {
    const std::vector<std::string> fruits = {"apple", "banana", "cherry"};
    std::string a, b;
    AppTest at([&] {
        a = imlit::selectbox("Fruit", fruits, 1);
        b = imlit::selectbox("Size", {"S", "M", "L"});
    });
    at.run();
    CHECK(a == "banana");
    CHECK(b == "S");
    at.selectbox("Fruit").select("cherry");
    at.selectbox("Size").set("L");
    at.run();
    CHECK(a == "cherry");
    CHECK(b == "L");
    CHECK(at.selectbox("Fruit").value<std::string>() == "cherry");
}

TEST_CASE("radio: default index, select", "[widgets]") {
    std::string v;
    AppTest at([&] { v = imlit::radio("Mode", {"fast", "exact"}, 1); });
    at.run();
    CHECK(v == "exact");
    at.radio("Mode").select("fast");
    at.run();
    CHECK(v == "fast");
    CHECK_THROWS_WITH(at.radio("Mode").select("slow"), Contains("not one of its options"));
}

TEST_CASE("multiselect: defaults, select/unselect, option order", "[widgets]") {
    Strings v;
    AppTest at([&] { v = imlit::multiselect("Tags", {"red", "green", "blue"}, {"blue", "red"}); });
    at.run();
    CHECK(v == Strings{"red", "blue"}); // in option order
    at.multiselect("Tags").select("green");
    at.run();
    CHECK(v == Strings{"red", "green", "blue"});
    at.multiselect("Tags").unselect("red").unselect("blue");
    at.run();
    CHECK(v == Strings{"green"});
    at.multiselect("Tags").set(Strings{"blue", "red", "blue"});
    at.run();
    CHECK(v == Strings{"red", "blue"});
    at.multiselect("Tags").set(Strings{});
    at.run();
    CHECK(v.empty());
    CHECK_THROWS_WITH(at.multiselect("Tags").select("pink"), Contains("pink"));
}

TEST_CASE("multiselect span overload", "[widgets]") {
    const Strings options = {"x", "y", "z"};
    const Strings defaults = {"z"};
    Strings v;
    AppTest at([&] { v = imlit::multiselect("Axes", options, defaults); });
    at.run();
    CHECK(v == Strings{"z"});
}

TEST_CASE("color_picker: default, set", "[widgets]") {
    Color v;
    AppTest at([&] { v = imlit::color_picker("Tint", {0.5f, 0.25f, 1.0f, 1.0f}); });
    at.run();
    CHECK(v == Color{0.5f, 0.25f, 1.0f, 1.0f});
    at.color_picker("Tint").set(Color{0, 1, 0, 0.5f});
    at.run();
    CHECK(v == Color{0, 1, 0, 0.5f});
    CHECK(at.color_picker("Tint").value<Color>() == Color{0, 1, 0, 0.5f});
}

TEST_CASE("Widget defaults when no default is given", "[widgets]") {
    AppTest at([] {
        CHECK(imlit::checkbox("c") == false);
        CHECK(imlit::button("b") == false);
        CHECK(imlit::number_input("n", 0.0) == 0.0);
        CHECK(imlit::text_input("t").empty());
        CHECK(imlit::selectbox("s", {"first", "second"}) == "first");
        CHECK(imlit::radio("r", {"one", "two"}) == "one");
        CHECK(imlit::multiselect("m", {"a", "b"}).empty());
        CHECK(imlit::color_picker("p") == Color{1, 1, 1, 1});
    });
    at.run();
    CHECK(at.widgets().size() == 8);
}

TEST_CASE("Bad widget parameters are errors naming the widget, the frame still draws",
          "[widgets]") {
    int si = -1;
    float sf = -1;
    double ni = -1;
    std::string sel = "x", rad = "x";
    Strings ms = {"x"};
    Color col;
    AppTest at([&] {
        imlit::text("first");
        si = imlit::slider("Backwards", 5, 10, 0);
        sf = imlit::slider("Outside", 2.0f, 0.0f, 1.0f);
        ni = imlit::number_input("NotANumber", std::nan(""));
        sel = imlit::selectbox("NoOptions", std::span<const std::string>{});
        rad = imlit::radio("BadIndex", {"a", "b"}, 5);
        ms = imlit::multiselect("BadDefault", {"a", "b"}, {"c"});
        col = imlit::color_picker("BadColor", {2, 0, 0, 1});
        (void)imlit::slider("NaNRange", 0.5f, std::nanf(""), 1.0f);
        imlit::text("last");
    });
    REQUIRE_NOTHROW(at.run());
    const std::string errs = errors(at);
    INFO(at.dump());
    CHECK_THAT(errs, Contains("Backwards") && Contains("min"));
    CHECK_THAT(errs, Contains("Outside"));
    CHECK_THAT(errs, Contains("NotANumber"));
    CHECK_THAT(errs, Contains("NoOptions") && Contains("no options"));
    CHECK_THAT(errs, Contains("BadIndex"));
    CHECK_THAT(errs, Contains("BadDefault") && Contains("c"));
    CHECK_THAT(errs, Contains("BadColor"));
    CHECK_THAT(errs, Contains("NaNRange"));
    CHECK(at.elements_of("error").size() == 8);
    CHECK(at.texts().front() == "first");
    CHECK(at.texts().back() == "last");
    // A bad widget returns its default (or an empty value).
    CHECK(si == 5);
    CHECK(sel.empty());
    CHECK(ms.empty());
    // It is not a live widget the harness can touch.
    CHECK_THROWS_AS(at.slider("Backwards"), std::out_of_range);
}

TEST_CASE("Two widgets with one id in a frame: the second is an error in place", "[widgets]") {
    bool first = false, second = true;
    AppTest at([&] {
        first = imlit::checkbox("Twin", true);
        second = imlit::checkbox("Twin");
        imlit::text("after");
    });
    at.run();
    INFO(at.dump());
    const auto errs = at.elements_of("error");
    REQUIRE(errs.size() == 1);
    CHECK_THAT(errs[0].text, Contains("Twin") && Contains("key"));
    CHECK(first == true);
    CHECK(second == false); // the duplicate returns its default
    CHECK(at.widgets("checkbox").size() == 1);
    CHECK(at.texts().back() == "after");
    // The next frame says the same (the id set is per frame, not cumulative).
    at.run();
    CHECK(at.elements_of("error").size() == 1);
}

TEST_CASE("Duplicate explicit keys are an error, distinct keys separate one label", "[widgets]") {
    AppTest at([] {
        imlit::slider("A", 1, 0, 9, {.key = "k"});
        imlit::slider("B", 2, 0, 9, {.key = "k"}); // same key, other label: same id
        imlit::slider("Same", 3, 0, 9, {.key = "k1"});
        imlit::slider("Same", 4, 0, 9, {.key = "k2"});
    });
    at.run();
    INFO(at.dump());
    REQUIRE(at.elements_of("error").size() == 1);
    CHECK_THAT(at.elements_of("error")[0].text, Contains("B"));
    CHECK(at.slider("Same", "k1").value<int>() == 3);
    CHECK(at.slider("Same", "k2").value<int>() == 4);
    at.slider("Same", "k2").set(9);
    at.run();
    CHECK(at.slider("Same", "k1").value<int>() == 3);
    CHECK(at.slider("Same", "k2").value<int>() == 9);
}

TEST_CASE("Widgets of different kinds may share a label", "[widgets]") {
    AppTest at([] {
        imlit::checkbox("Value");
        imlit::slider("Value", 1, 0, 2);
        imlit::text_input("Value", "t");
    });
    at.run();
    CHECK(at.elements_of("error").empty());
    CHECK(at.widgets().size() == 3);
    CHECK_THROWS_WITH(at.widget("Value"), Contains("3 widgets"));
}

TEST_CASE("The same label under different containers does not clash", "[widgets]") {
    std::vector<int> got;
    AppTest at([&] {
        got.clear();
        got.push_back(imlit::slider("Level", 1, 0, 9));
        if (auto e = imlit::expander("Advanced", {.expanded = true}))
            got.push_back(imlit::slider("Level", 2, 0, 9));
        if (auto s = imlit::sidebar()) got.push_back(imlit::slider("Level", 3, 0, 9));
        auto cols = imlit::columns(2);
        if (auto c = cols[0]) got.push_back(imlit::slider("Level", 4, 0, 9));
        if (auto c = cols[1]) got.push_back(imlit::slider("Level", 5, 0, 9));
        if (auto c = imlit::container({.key = "box"})) got.push_back(imlit::slider("Level", 6, 0, 9));
    });
    at.run();
    INFO(at.dump());
    CHECK(at.elements_of("error").empty());
    CHECK(got == std::vector<int>{1, 2, 3, 4, 5, 6});
    // Changing one leaves the others alone: they have distinct ids in the store.
    auto handles = at.widgets("slider");
    REQUIRE(handles.size() == 6);
    handles[3].set(8);
    at.run();
    CHECK(got == std::vector<int>{1, 2, 3, 8, 5, 6});
}

TEST_CASE("A widget keeps its value while hidden and gets it back", "[widgets]") {
    bool show = true;
    int v = -1;
    AppTest at([&] {
        if (show) v = imlit::slider("Kept", 0, 0, 10);
    });
    at.run();
    at.slider("Kept").set(7);
    at.run();
    CHECK(v == 7);
    show = false;
    at.run();
    show = true;
    v = -1;
    at.run();
    CHECK(v == 7);
}

TEST_CASE("A widget's value survives an option list that changes", "[widgets]") {
    Strings options = {"a", "b", "c"};
    std::string v;
    AppTest at([&] { v = imlit::selectbox("Opt", options); });
    at.run();
    at.selectbox("Opt").select("c");
    at.run();
    CHECK(v == "c");
    options = {"a", "b"}; // the stored index is out of range now: back to the default
    at.run();
    CHECK(v == "a");
}

TEST_CASE("Widgets outside a frame throw std::logic_error", "[widgets]") {
    CHECK_THROWS_AS(imlit::checkbox("x"), std::logic_error);
    CHECK_THROWS_WITH(imlit::slider("x", 1, 0, 2), Contains("slider"));
    CHECK_THROWS_AS(imlit::button("x"), std::logic_error);
}
