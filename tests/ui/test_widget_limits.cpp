// Widget parameters that Dear ImGui 1.86 would assert on (abort) or pass to printf/scanf wrongly
// are errors in place, naming the widget and what to do. Regression tests: before the checks,
// each slider range below aborted the test process in SliderBehavior's IM_ASSERT.
#include <cfloat>
#include <climits>
#include <limits>
#include <string>

#include <catch2/catch.hpp>

#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "widget_test_util.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
using imlit::testing::Element;
using widget_test::errors;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
} // namespace

TEST_CASE("slider range (0, INT_MAX) is an error in place, not an abort", "[widgets][limits]") {
    int v = -1;
    AppTest at([&] { v = imlit::slider("Count", 0, 0, INT_MAX); });
    REQUIRE_NOTHROW(at.run());
    CHECK_THAT(errors(at), Contains("slider 'Count'") && Contains("wider than a slider supports") &&
                               Contains("[-1073741824, 1073741823]") && Contains("number_input"));
    CHECK(v == 0);
}

TEST_CASE("slider range (INT_MIN, INT_MAX) is an error in place, not an abort",
          "[widgets][limits]") {
    AppTest at([] { imlit::slider("Any", 0, INT_MIN, INT_MAX); });
    REQUIRE_NOTHROW(at.run());
    CHECK_THAT(errors(at), Contains("slider 'Any'") && Contains("wider than a slider supports"));
}

TEST_CASE("slider range (0, FLT_MAX) is an error in place, not an abort", "[widgets][limits]") {
    AppTest at([] { imlit::slider("Huge", 0.0f, 0.0f, FLT_MAX); });
    REQUIRE_NOTHROW(at.run());
    CHECK_THAT(errors(at), Contains("slider 'Huge'") && Contains("a float slider's ends must be "
                                                                 "finite"));
}

TEST_CASE("slider range (-inf, inf) is an error in place, not an abort", "[widgets][limits]") {
    AppTest at([] {
        imlit::slider("Infinite", 0.0, -kInf, kInf);
        imlit::slider("InfiniteF", 0.0f, -std::numeric_limits<float>::infinity(),
                      std::numeric_limits<float>::infinity());
    });
    REQUIRE_NOTHROW(at.run());
    const std::string errs = errors(at);
    CHECK_THAT(errs, Contains("slider 'Infinite'") && Contains("a double slider's ends must be "
                                                               "finite"));
    CHECK_THAT(errs, Contains("slider 'InfiniteF'") && Contains("float slider"));
}

TEST_CASE("slider ranges at Dear ImGui's limits work", "[widgets][limits]") {
    int i = -1;
    float f = -1;
    double d = -1;
    AppTest at([&] {
        i = imlit::slider("IntEdge", 0, INT_MIN / 2, INT_MAX / 2);
        f = imlit::slider("FloatEdge", 0.0f, -FLT_MAX / 2, FLT_MAX / 2);
        d = imlit::slider("DoubleEdge", 1.0, -DBL_MAX / 2, DBL_MAX / 2);
    });
    REQUIRE_NOTHROW(at.run());
    INFO(at.dump());
    CHECK(errors(at).empty());
    CHECK((i == 0 && f == 0.0f && d == 1.0));
    at.slider("DoubleEdge").set(1e300);
    at.run();
    CHECK(d == 1e300);
}

TEST_CASE("range_slider and int number_input steps stay within what Dear ImGui handles",
          "[widgets][limits]") {
    AppTest at([] {
        imlit::range_slider("WideRange", {0, 1}, 0, INT_MAX);
        imlit::number_input("WideStep", 0, {.step = INT_MAX / 5});
        imlit::number_input("FloatStep", 0.0f, {.step = FLT_MAX / 2});
    });
    REQUIRE_NOTHROW(at.run());
    const std::string errs = errors(at);
    CHECK_THAT(errs, Contains("range_slider 'WideRange'") && Contains("wider"));
    CHECK_THAT(errs, Contains("number_input 'WideStep'") && Contains("too large"));
    CHECK_THAT(errs, Contains("number_input 'FloatStep'") && Contains("too large"));
}

TEST_CASE("slider steps must be positive (int: >= 1) and finite", "[widgets][limits]") {
    AppTest at([] {
        imlit::slider("ZeroInt", 1, 0, 10, {.step = 0});
        imlit::slider("NegDouble", 0.5, 0.0, 1.0, {.step = -0.1});
        imlit::slider("NaNStep", 0.5, 0.0, 1.0, {.step = std::nan("")});
    });
    REQUIRE_NOTHROW(at.run());
    const std::string errs = errors(at);
    CHECK_THAT(errs, Contains("ZeroInt") && Contains("step (0) must be >= 1"));
    CHECK_THAT(errs, Contains("NegDouble") && Contains("step (-0.1) must be >= 0"));
    CHECK_THAT(errs, Contains("NaNStep") && Contains("finite"));
}

TEST_CASE("formats: one conversion of the right kind, nothing printf would misread",
          "[widgets][limits][format]") {
    struct Case {
        const char* format;
        const char* error; // "" : accepted
    };
    const Case int_cases[] = {
        {"%d", ""},
        {"%5d items", ""},
        {"%x", ""},
        {"100%% at %d", ""},
        {"%.3f", "cannot show an int"},
        {"%s", "cannot show an int"},
        {"%ld", "length modifiers"},
        {"%lld", "length modifiers"},
        {"%*d", "'*' is not supported"},
        {"%n", "cannot show an int"},
        {"%d of %d", "exactly once"},
        {"no value", "exactly once"},
        {"%", "ends inside a conversion"},
        {"%000000000000000000000000000000d", "longer than 30 characters"},
    };
    const Case float_cases[] = {
        {"%.2f", ""},
        {"%g s", ""},
        {"%+.1e", ""},
        {"%d", "cannot show a floating-point number"},
        {"%Lf", "length modifiers"},
        {"%.2f%s", "cannot show a floating-point"},
        {"%1$f", "'$' is not supported"},
    };
    auto check = [](const char* type, const Case& c, auto&& frame) {
        INFO(type << " format " << c.format);
        AppTest at([&] { frame(c.format); });
        REQUIRE_NOTHROW(at.run());
        if (*c.error == '\0')
            CHECK(errors(at).empty());
        else
            CHECK_THAT(errors(at), Contains("slider 'S'") && Contains(c.error));
    };
    for (const Case& c : int_cases)
        check("int", c, [](const char* f) { imlit::slider("S", 1, 0, 10, {.format = f}); });
    for (const Case& c : float_cases)
        check("double", c, [](const char* f) { imlit::slider("S", 0.5, 0.0, 1.0, {.format = f}); });
}

TEST_CASE("an int number_input's format is read back with scanf: no flags or precision",
          "[widgets][limits][format]") {
    AppTest at([] {
        imlit::number_input("Plain", 1, {.format = "%d items"});
        imlit::number_input("Flag", 1, {.format = "%+d"});
        imlit::number_input("Precision", 1, {.format = "%.3d"});
        imlit::number_input("DoubleFlags", 1.0, {.format = "%+.3f"}); // display only: fine
    });
    REQUIRE_NOTHROW(at.run());
    const std::string errs = errors(at);
    CHECK_THAT(errs, Contains("Flag") && Contains("cannot have flags"));
    CHECK_THAT(errs, Contains("Precision") && Contains("cannot have a precision"));
    CHECK_THAT(errs, !Contains("Plain") && !Contains("DoubleFlags"));
}

TEST_CASE("a format with a NUL character is an error in place", "[widgets][limits][format]") {
    using namespace std::string_view_literals;
    AppTest at([] { imlit::slider("S", 1, 0, 10, {.format = "%d\0%s"sv}); });
    REQUIRE_NOTHROW(at.run());
    CHECK_THAT(errors(at), Contains("NUL"));
}
