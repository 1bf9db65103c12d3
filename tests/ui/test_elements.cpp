// Every element, through AppTest: what each one shows, formatting, and its error cases.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <imgui.h>

#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/seam.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
using imlit::testing::Element;

namespace {
std::vector<std::uint8_t> checker(int w, int h) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w * h * 4));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            auto* p = &px[static_cast<std::size_t>((y * w + x) * 4)];
            const bool on = ((x / 4) + (y / 4)) % 2 == 0;
            p[0] = on ? 255 : 0;
            p[1] = static_cast<std::uint8_t>(x * 255 / w);
            p[2] = static_cast<std::uint8_t>(y * 255 / h);
            p[3] = 255;
        }
    return px;
}
} // namespace

TEST_CASE("Text elements show their text in order", "[elements]") {
    AppTest at([] {
        imlit::title("The title");
        imlit::header("A header");
        imlit::subheader("A subheader");
        imlit::text("Plain text");
        imlit::caption("A caption");
    });
    at.run();
    const std::vector<Element> expected = {{"title", "The title"},
                                           {"header", "A header"},
                                           {"subheader", "A subheader"},
                                           {"text", "Plain text"},
                                           {"caption", "A caption"}};
    CHECK(at.elements() == expected);
    CHECK(at.texts() == std::vector<std::string>{"The title", "A header", "A subheader",
                                                 "Plain text", "A caption"});
}

TEST_CASE("text() formats fmt-style", "[elements]") {
    double x = 3.14159;
    int n = 0;
    AppTest at([&] {
        imlit::text("{:.2f} ms", x);
        imlit::text("{} of {}", n, 10);
        imlit::text("literal {braces} without args"); // no formatting without arguments
    });
    at.run();
    CHECK(at.texts() ==
          std::vector<std::string>{"3.14 ms", "0 of 10", "literal {braces} without args"});
    x = 2.0;
    n = 7;
    at.run();
    CHECK(at.texts()[0] == "2.00 ms");
    CHECK(at.texts()[1] == "7 of 10");
}

TEST_CASE("Empty and long text are fine", "[elements]") {
    const std::string long_text(5000, 'x');
    AppTest at([&] {
        imlit::text("");
        imlit::text(long_text);
    });
    at.run();
    REQUIRE(at.texts().size() == 2);
    CHECK(at.texts()[0].empty());
    CHECK(at.texts()[1].size() == 5000);
}

TEST_CASE("markdown and code keep their source", "[elements]") {
    const char* md = "# Heading\nSome **bold** and `code`.\n\n- one\n- two\n\n1. first\n"
                     "2. second\n\n```cpp\nint x = 1;\n```\n[a link](https://example.com)";
    AppTest at([&] {
        imlit::markdown(md);
        imlit::code("for (;;) {}", "cpp");
        imlit::code("plain");
    });
    at.run();
    REQUIRE(at.elements().size() == 3);
    CHECK(at.elements()[0] == Element{"markdown", md});
    CHECK(at.elements()[1] == Element{"code", "for (;;) {}"});
    CHECK(at.elements()[2] == Element{"code", "plain"});
}

TEST_CASE("Callouts show their kind and text", "[elements]") {
    AppTest at([] {
        imlit::success("It worked");
        imlit::info("For your information");
        imlit::warning("Careful");
        imlit::error("It broke");
    });
    at.run();
    const std::vector<Element> expected = {{"success", "It worked"},
                                           {"info", "For your information"},
                                           {"warning", "Careful"},
                                           {"error", "It broke"}};
    CHECK(at.elements() == expected);
}

TEST_CASE("exception() shows what() of the exception", "[elements]") {
    AppTest at([] {
        try {
            throw std::out_of_range("index 7 past the end");
        } catch (const std::exception& e) {
            imlit::exception(e);
        }
    });
    at.run();
    REQUIRE(at.elements().size() == 1);
    CHECK(at.elements()[0].kind == "exception");
    CHECK_THAT(at.elements()[0].text, Contains("index 7 past the end"));
    CHECK_THAT(at.texts()[0], Contains("index 7"));
}

TEST_CASE("An exception escaping the frame function is shown in place", "[elements]") {
    AppTest at([] {
        imlit::text("before");
        throw std::runtime_error("frame failed");
    });
    REQUIRE_NOTHROW(at.run());
    CHECK(at.texts().front() == "before");
    bool shown = false;
    for (const Element& e : at.elements())
        shown = shown || ((e.kind == "error" || e.kind == "exception") &&
                          e.text.find("frame failed") != std::string::npos);
    CHECK(shown);
    REQUIRE_NOTHROW(at.run()); // the next frame runs normally
}

TEST_CASE("separator is an element", "[elements]") {
    AppTest at([] {
        imlit::text("a");
        imlit::separator();
        imlit::text("b");
    });
    at.run();
    REQUIRE(at.elements().size() == 3);
    CHECK(at.elements()[1].kind == "separator");
}

TEST_CASE("progress shows a percentage or its text, clamped", "[elements]") {
    AppTest at([] {
        imlit::progress(0.25f);
        imlit::progress(0.5f, "halfway");
        imlit::progress(1.7f);
        imlit::progress(-1.0f);
    });
    at.run();
    const auto p = at.elements_of("progress");
    REQUIRE(p.size() == 4);
    CHECK(p[0].text == "25%");
    CHECK(p[1].text == "halfway");
    CHECK(p[2].text == "100%");
    CHECK(p[3].text == "0%");
}

TEST_CASE("progress(NaN) is an error in place; the rest of the frame draws", "[elements]") {
    AppTest at([] {
        imlit::progress(std::numeric_limits<float>::quiet_NaN());
        imlit::text("after");
    });
    at.run();
    bool error_shown = false;
    for (const Element& e : at.elements())
        error_shown = error_shown || e.kind == "error" ||
                      (e.kind == "progress" && e.text.find("NaN") != std::string::npos);
    INFO(at.dump());
    CHECK(error_shown);
    CHECK(at.texts().back() == "after");
}

TEST_CASE("spinner shows its text and keeps frames coming", "[elements]") {
    AppTest at([] {
        imlit::spinner();
        imlit::spinner("Crunching");
    });
    const auto gen = imlit::detail::redraw_generation();
    at.run();
    const auto s = at.elements_of("spinner");
    REQUIRE(s.size() == 2);
    CHECK(s[0].text == "Loading...");
    CHECK(s[1].text == "Crunching");
    CHECK(imlit::detail::redraw_generation() != gen); // it asked for another frame
}

TEST_CASE("spinner inside a closed expander asks for no frames", "[elements]") {
    // Loads left running by earlier tests request redraws when they finish: let them end.
    for (int i = 0; i < 200 && imlit::detail::work_in_flight() != 0; ++i)
        imlit::detail::wait_for_redraw(imlit::detail::redraw_generation(),
                                       std::chrono::milliseconds(50));
    REQUIRE(imlit::detail::work_in_flight() == 0);
    AppTest at([] {
        if (auto e = imlit::expander("Hidden")) imlit::spinner("inside");
    });
    at.run();
    const auto gen = imlit::detail::redraw_generation();
    at.run();
    CHECK(at.elements_of("spinner").empty());
    CHECK(imlit::detail::redraw_generation() == gen);
}

TEST_CASE("metric shows label, value and delta", "[elements]") {
    AppTest at([] {
        imlit::metric("Temperature", "21 °C", "+1.2 °C");
        imlit::metric("Errors", "3", "-2");
        imlit::metric("Users", "1,024");
    });
    at.run();
    CHECK(at.texts() ==
          std::vector<std::string>{"Temperature: 21 °C +1.2 °C", "Errors: 3 -2", "Users: 1,024"});
}

TEST_CASE("image from RGBA pixels draws; bad input is an error", "[elements]") {
    const auto px = checker(32, 16);
    const imlit::Texture tex = imlit::Texture::from_rgba(32, 16, px);
    REQUIRE(tex.ok());
    CHECK(tex.width() == 32);
    CHECK(tex.height() == 16);
    CHECK(tex.byte_size() >= px.size());
    CHECK_THROWS_AS(imlit::Texture::from_rgba(32, 17, px), std::invalid_argument);

    AppTest at([&] {
        imlit::image(tex);
        imlit::image(tex, {64, 0}); // width only: keeps the aspect ratio
        imlit::text("after");
    });
    at.run();
    const auto imgs = at.elements_of("image");
    REQUIRE(imgs.size() == 2);
    CHECK(imgs[0].text.empty()); // no error
    CHECK(at.texts().back() == "after");
}

TEST_CASE("image of a missing file is an error naming the path", "[elements]") {
    const imlit::Texture missing = imlit::Texture::from_file("/nonexistent/dir/missing.png");
    CHECK_FALSE(missing.ok());
    CHECK_THAT(missing.error(), Contains("missing.png"));
    CHECK(missing.width() == 0);
    const imlit::Texture empty;
    AppTest at([&] {
        imlit::image(missing);
        imlit::image(empty);
        imlit::text("after");
    });
    REQUIRE_NOTHROW(at.run());
    INFO(at.dump());
    CHECK_THAT(at.dump(), Contains("missing.png"));
    CHECK(at.texts().back() == "after");
}

TEST_CASE("table reports its shape and draws 100,000 rows", "[elements]") {
    imlit::Table t;
    std::vector<double> nums(100000);
    std::vector<std::string> names(100000);
    for (std::size_t i = 0; i < nums.size(); ++i) {
        nums[i] = static_cast<double>(i) * 0.5;
        names[i] = "row " + std::to_string(i);
    }
    t.columns.push_back({"name", names});
    t.columns.push_back({"value", nums});
    t.columns.push_back({"short", std::vector<double>{1, 2, 3}}); // shorter: blanks
    CHECK(t.rows() == 100000);
    AppTest at([&] {
        imlit::table(t, {.height = 200});
        imlit::table(imlit::Table{}); // no columns
    });
    at.run();
    const auto tables = at.elements_of("table");
    REQUIRE(tables.size() == 2);
    CHECK_THAT(tables[0].text, Contains("100000 rows") && Contains("3 columns"));
    CHECK_THAT(tables[1].text, Contains("0 rows"));
}

TEST_CASE("line_chart lists its series; bad series are errors in place", "[elements]") {
    std::vector<double> ys(500);
    for (std::size_t i = 0; i < ys.size(); ++i)
        ys[i] = std::sin(static_cast<double>(i) / 20);
    std::vector<imlit::Series> series = {{"sine", ys}, {"line", {0, 1, 2, 3}, {0, 10, 20, 30}}};
    AppTest at([&] {
        imlit::line_chart(series, {.height = 150, .x_label = "t", .y_label = "v"});
        imlit::line_chart({{"mismatched", {1, 2, 3}, {1, 2}}, {"empty", {}}});
        imlit::text("after");
    });
    REQUIRE_NOTHROW(at.run());
    const auto charts = at.elements_of("line_chart");
    REQUIRE(charts.size() == 2);
    CHECK_THAT(charts[0].text, Contains("sine") && Contains("line"));
    CHECK(at.texts().back() == "after");
}

TEST_CASE("custom() runs its closure in place, inside the page", "[elements]") {
    int calls = 0;
    bool had_window = false;
    AppTest at([&] {
        imlit::text("before");
        imlit::custom([&] {
            ++calls;
            had_window = ImGui::GetCurrentContext() != nullptr && ImGui::GetWindowDrawList();
            ImGui::Text("raw %d", calls);
        });
        imlit::text("after");
    });
    at.run();
    at.run();
    CHECK(calls == 2);
    CHECK(had_window);
    REQUIRE(at.elements().size() == 3);
    CHECK(at.elements()[1].kind == "custom");
}

TEST_CASE("Elements outside a frame throw std::logic_error naming the function", "[elements]") {
    CHECK_THROWS_AS(imlit::text("x"), std::logic_error);
    CHECK_THROWS_WITH(imlit::title("x"), Contains("title"));
    CHECK_THROWS_WITH(imlit::markdown("x"), Contains("markdown"));
    CHECK_THROWS_WITH(imlit::separator(), Contains("separator"));
}
