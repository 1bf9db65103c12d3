// Arbitrarily long text and pages with many vertices, through AppTest (issue 11). Before the
// fix, each of these aborted the test process in ImGui::Render() ("Too many vertices in
// ImDrawList using 16-bit indices").
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <imgui.h>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

using imlit::testing::AppTest;

namespace {

std::string repeat(std::string_view s, std::size_t bytes) {
    std::string out;
    out.reserve(bytes + s.size());
    while (out.size() < bytes)
        out += s;
    return out;
}

const std::string& megabyte_paragraph() {
    static const std::string s = repeat("one long paragraph without a newline, ", 1 << 20);
    return s;
}

// The most vertices any draw list of the last frame holds.
int largest_draw_list(const AppTest& at) {
    const ImDrawData* dd = at.draw_data();
    REQUIRE(dd != nullptr);
    int most = 0;
    for (int i = 0; i < dd->CmdListsCount; ++i)
        most = std::max(most, dd->CmdLists[i]->VtxBuffer.Size);
    return most;
}

// Shows `body` on a page scrolled from top to bottom in `steps` frames; checks every frame
// stays within 16-bit indices with room to spare and reports no error.
void scroll_through(const std::function<void()>& body, int steps = 8) {
    int step = 0;
    float scroll = 0, scroll_max = 0;
    AppTest at([&] {
        body();
        imlit::custom([&] {
            scroll = ImGui::GetScrollY();
            scroll_max = ImGui::GetScrollMaxY();
            ImGui::SetScrollY(scroll_max * float(step) / float(steps));
        });
    });
    for (step = 0; step <= steps + 1; step = std::min(step + 1, steps + 1)) {
        at.run();
        INFO("step " << step << ", scroll " << scroll << " of " << scroll_max);
        CHECK(at.elements_of("error").size() == 0);
        CHECK(largest_draw_list(at) < 40000);
        if (step == steps + 1) break;
    }
    CHECK(scroll_max > 2000); // the page really was long
    CHECK(scroll == scroll_max);
    CHECK(largest_draw_list(at) > 100); // and its end is drawn
}

} // namespace

TEST_CASE("text(): a 1 MB paragraph without a newline scrolls top to bottom", "[long_text]") {
    scroll_through([] { imlit::text(megabyte_paragraph()); });
}

TEST_CASE("text(): 1,700 short lines scrolled past", "[long_text]") {
    std::string lines;
    for (int i = 0; i < 1700; ++i)
        lines += "short line " + std::to_string(i) + "\n";
    scroll_through([&] { imlit::text(lines); });
}

TEST_CASE("every text-bearing element takes a 1 MB text", "[long_text]") {
    const std::string& big = megabyte_paragraph();
    std::string code_lines;
    for (int i = 0; i < 100000; ++i)
        code_lines += "let x" + std::to_string(i) + " = " + std::to_string(i) + ";\n";
    const std::vector<std::pair<std::string, std::function<void()>>> cases = {
        {"caption", [&] { imlit::caption(big); }},
        {"title", [&] { imlit::title(big); }},
        {"header", [&] { imlit::header(big); }},
        {"subheader", [&] { imlit::subheader(big); }},
        {"success", [&] { imlit::success(big); }},
        {"warning", [&] { imlit::warning(big); }},
        {"info", [&] { imlit::info(big); }},
        {"exception", [&] { imlit::exception(std::runtime_error(big)); }},
        {"code: one paragraph", [&] { imlit::code(big, "txt"); }},
        {"code: 100,000 lines", [&] { imlit::code(code_lines, "rust"); }},
        {"metric", [&] { imlit::metric(big, big, big); }},
        {"markdown", [&] { imlit::markdown(big); }},
    };
    for (const auto& [name, body] : cases) {
        INFO(name);
        scroll_through(body, 4);
    }
}

TEST_CASE("a loader whose exception message is 40 KB or 1 MB shows it in place", "[long_text]") {
    for (const std::size_t bytes : {std::size_t(40) << 10, std::size_t(1) << 20}) {
        INFO(bytes << " bytes");
        const std::string message = repeat("the loader failed because ", bytes);
        auto load = imlit::cache_data([&](int) -> int { throw std::runtime_error(message); },
                                      {.blocking = true});
        int step = 0;
        float scroll_max = 0;
        AppTest at([&] {
            (void)load(static_cast<int>(bytes));
            imlit::custom([&] {
                scroll_max = ImGui::GetScrollMaxY();
                ImGui::SetScrollY(scroll_max * float(step) / 4);
            });
        });
        for (step = 0; step <= 4; ++step) {
            at.run();
            CHECK(largest_draw_list(at) < 40000);
        }
        const auto errors = at.elements_of("error");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].text.find("the loader failed because") != std::string::npos);
        CHECK(errors[0].text.size() >= bytes);
        CHECK(scroll_max > 1000);
    }
}

TEST_CASE("AppTest draws pages of more than 65,536 vertices, as the real backend does",
          "[long_text]") {
    // A display tall enough that everything is on screen: the vertices are really drawn.
    const imlit::testing::AppTestOptions tall{.width = 1280, .height = 200000};
    std::vector<imlit::Series> series = {{"s", {1, 3, 2, 5, 4, 6, 5, 8}}};
    std::string bullets;
    for (int i = 0; i < 6000; ++i)
        bullets += "- bullet number " + std::to_string(i) + "\n";
    const std::vector<std::pair<std::string, std::function<void()>>> pages = {
        {"3,000 callouts",
         [] {
             for (int i = 0; i < 3000; ++i)
                 imlit::info("callout " + std::to_string(i));
         }},
        {"1,000 small charts",
         [&] {
             for (int i = 0; i < 1000; ++i)
                 imlit::line_chart(series, {.height = 60});
         }},
        {"markdown with 6,000 bullets", [&] { imlit::markdown(bullets); }},
    };
    for (const auto& [name, body] : pages) {
        INFO(name);
        AppTest at(body, tall);
        at.run();
        at.run();
        CHECK(at.elements_of("error").empty());
        CHECK(largest_draw_list(at) > 65536); // one list: it needs vertex offsets
    }
}

TEST_CASE("a draw list 16-bit indices cannot address is an error in place, not an abort",
          "[long_text]") {
    // One primitive of 70,000 vertices: no vertex offset can split it.
    std::vector<ImVec2> points;
    for (int i = 0; i < 70000; ++i)
        points.emplace_back(100 + 50 * std::cos(i * 1e-4f), 100 + 50 * std::sin(i * 1e-4f));
    bool huge = true;
    AppTest at([&] {
        imlit::text("before");
        imlit::custom([&] {
            if (huge)
                ImGui::GetWindowDrawList()->AddConvexPolyFilled(
                    points.data(), static_cast<int>(points.size()), IM_COL32(255, 0, 0, 255));
        });
    });
    at.run();
    const auto errors = at.elements_of("error");
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].text.find("##imlit_page") != std::string::npos);
    CHECK(errors[0].text.find("16-bit") != std::string::npos);
    CHECK(at.draw_data()->Valid);
    CHECK(largest_draw_list(at) < 65536);
    huge = false; // the next frame draws normally again
    at.run();
    CHECK(at.elements_of("error").empty());
    CHECK(at.texts() == std::vector<std::string>{"before"});
}
