// Markdown subset parser (no Dear ImGui) and its drawing.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <string>

#include "test_render_headless.hpp"
#include "ui/render.hpp"

using imlit::detail::MarkdownBlock;
using imlit::detail::MarkdownSpan;
using imlit::detail::parse_markdown;
using Kind = MarkdownBlock::Kind;

namespace {

MarkdownSpan plain(std::string t) {
    return MarkdownSpan{std::move(t), false, false, false, {}};
}
MarkdownSpan bold(std::string t) {
    return MarkdownSpan{std::move(t), true, false, false, {}};
}
MarkdownSpan code(std::string t) {
    return MarkdownSpan{std::move(t), false, true, false, {}};
}

} // namespace

TEST_CASE("markdown: headings of three levels, deeper ones clamp, '#x' is text", "[render]") {
    const auto b = parse_markdown("# One\n## Two\n### Three\n#### Four\n#nospace");
    REQUIRE(b.size() == 5);
    CHECK(b[0].kind == Kind::heading);
    CHECK(b[0].level == 1);
    CHECK(b[0].spans == std::vector{plain("One")});
    CHECK(b[1].level == 2);
    CHECK(b[2].level == 3);
    CHECK(b[3].kind == Kind::heading);
    CHECK(b[3].level == 3);
    CHECK(b[3].spans == std::vector{plain("Four")});
    CHECK(b[4].kind == Kind::paragraph);
    CHECK(b[4].spans == std::vector{plain("#nospace")});
}

TEST_CASE("markdown: paragraphs join lines and split at blank lines", "[render]") {
    const auto b = parse_markdown("first line\nsecond line\n\n  third  \r\n");
    REQUIRE(b.size() == 2);
    CHECK(b[0].kind == Kind::paragraph);
    CHECK(b[0].spans == std::vector{plain("first line second line")});
    CHECK(b[1].spans == std::vector{plain("third")});
}

TEST_CASE("markdown: bold, inline code and links become spans", "[render]") {
    const auto b = parse_markdown("a **bold** and `x = 1` see [the docs](https://x.org/a).");
    REQUIRE(b.size() == 1);
    const std::vector<MarkdownSpan> expect = {
        plain("a "),    bold("bold"),
        plain(" and "), code("x = 1"),
        plain(" see "), MarkdownSpan{"the docs", false, false, true, "https://x.org/a"},
        plain("."),
    };
    CHECK(b[0].spans == expect);
}

TEST_CASE("markdown: unmatched markers and escapes stay literal", "[render]") {
    CHECK(parse_markdown("2 ** 3")[0].spans == std::vector{plain("2 ** 3")});
    CHECK(parse_markdown("a `tick")[0].spans == std::vector{plain("a `tick")});
    CHECK(parse_markdown("[not a link] (x)")[0].spans == std::vector{plain("[not a link] (x)")});
    CHECK(parse_markdown(R"(\*\*not bold\*\* \`x\`)")[0].spans ==
          std::vector{plain("**not bold** `x`")});
    // Bold spanning a code span keeps both styles apart.
    const auto b = parse_markdown("**b `c` b**");
    REQUIRE(b.size() == 1);
    REQUIRE(b[0].spans.size() == 3);
    CHECK(b[0].spans[0] == bold("b "));
    CHECK(b[0].spans[1].code);
    CHECK(b[0].spans[1].bold);
    CHECK(b[0].spans[1].text == "c");
    CHECK(b[0].spans[2] == bold(" b"));
}

TEST_CASE("markdown: double backticks allow a backtick inside code", "[render]") {
    const auto b = parse_markdown("``a ` b``");
    REQUIRE(b.size() == 1);
    CHECK(b[0].spans == std::vector{code("a ` b")});
}

TEST_CASE("markdown: bullet and numbered lists with nesting", "[render]") {
    const auto b = parse_markdown("- one\n* two\n  - nested\n1. first\n2) second\n10. tenth\n"
                                  "continued");
    REQUIRE(b.size() == 6);
    CHECK(b[0].kind == Kind::bullet);
    CHECK(b[0].level == 0);
    CHECK(b[0].spans == std::vector{plain("one")});
    CHECK(b[1].kind == Kind::bullet);
    CHECK(b[2].kind == Kind::bullet);
    CHECK(b[2].level == 1);
    CHECK(b[3].kind == Kind::numbered);
    CHECK(b[3].number == 1);
    CHECK(b[4].number == 2);
    CHECK(b[5].number == 10);
    CHECK(b[5].spans == std::vector{plain("tenth continued")}); // lazy continuation
}

TEST_CASE("markdown: fenced code blocks keep their text verbatim", "[render]") {
    const auto b = parse_markdown("before\n```cpp\nint main() {\n    return **0;\n}\n```\nafter");
    REQUIRE(b.size() == 3);
    CHECK(b[0].kind == Kind::paragraph);
    CHECK(b[1].kind == Kind::code);
    CHECK(b[1].language == "cpp");
    CHECK(b[1].text == "int main() {\n    return **0;\n}");
    CHECK(b[1].spans.empty());
    CHECK(b[2].spans == std::vector{plain("after")});
}

TEST_CASE("markdown: an unclosed fence runs to the end; blank lines inside are kept", "[render]") {
    const auto b = parse_markdown("```\na\n\nb");
    REQUIRE(b.size() == 1);
    CHECK(b[0].kind == Kind::code);
    CHECK(b[0].language.empty());
    CHECK(b[0].text == "a\n\nb");
}

TEST_CASE("markdown: rules, and empty input", "[render]") {
    const auto b = parse_markdown("a\n\n---\n\nb");
    REQUIRE(b.size() == 3);
    CHECK(b[1].kind == Kind::rule);
    CHECK(parse_markdown("").empty());
    CHECK(parse_markdown("\n\n   \n").empty());
}

TEST_CASE("markdown: byte size counts blocks and strings", "[render]") {
    const auto small = parse_markdown("a");
    const auto big = parse_markdown("a\n\n" + std::string(1000, 'x'));
    CHECK(imlit::detail::markdown_byte_size(small) >= sizeof(MarkdownBlock));
    CHECK(imlit::detail::markdown_byte_size(big) >=
          imlit::detail::markdown_byte_size(small) + 1000);
}

TEST_CASE("markdown: drawing wraps text to the window width", "[render]") {
    imlit::test::HeadlessImGui gui(ImVec2(300, 2000));
    const auto doc = imlit::detail::markdown_document(
        "# Title\n\nSome **bold** words and `code` that go on and "
        "on and on so the paragraph has to wrap several times "
        "in a narrow window.\n\n- item\n1. first\n\n```\ncode\n```");
    float narrow_height = 0;
    gui.frame([&] {
        const float y0 = ImGui::GetCursorPosY();
        imlit::detail::draw_markdown(*doc);
        narrow_height = ImGui::GetCursorPosY() - y0;
    });
    ImDrawData* dd = gui.frame([&] {
        const float y0 = ImGui::GetCursorPosY();
        imlit::detail::draw_markdown(*doc);
        narrow_height = ImGui::GetCursorPosY() - y0;
    });
    CHECK(dd->TotalVtxCount > 0);
    imlit::test::HeadlessImGui wide(ImVec2(3000, 2000));
    float wide_height = 0;
    wide.frame([&] {
        const float y0 = ImGui::GetCursorPosY();
        imlit::detail::draw_markdown(*doc);
        wide_height = ImGui::GetCursorPosY() - y0;
    });
    CHECK(narrow_height > wide_height + 2 * ImGui::GetFontSize());
    CHECK(gui.errors.empty());
}

TEST_CASE("markdown: parsing takes linear time on unclosed brackets, links and backticks",
          "[render]") {
    // Each of these made the old parser scan to the end of the text from every marker
    // (50,000 characters took 3.9 s; these 200,000 would take about a minute).
    std::string links, ticks;
    for (int i = 0; i < 50000; ++i)
        links += "[a](";
    for (int n = 1; ticks.size() < 200000; n = n % 300 + 1)
        ticks += std::string(std::size_t(n), '`') + "x" + std::string(std::size_t(n + 1), '`');
    const std::vector<std::string> inputs = {std::string(200000, '['), links, ticks,
                                             "**" + std::string(200000, '*')};
    for (const std::string& s : inputs) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto blocks = parse_markdown(s);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        REQUIRE(blocks.size() == 1);
        CHECK(seconds < 2.0); // linear: a few milliseconds
    }
    CHECK(parse_markdown(std::string(5, '['))[0].spans == std::vector{plain("[[[[[")});
    CHECK(parse_markdown("[a](b) [c](d")[0].spans.size() == 2); // a link, then text
}

TEST_CASE("markdown: a text is parsed once and shared; the cache is bounded", "[render]") {
    using imlit::detail::markdown_document;
    using imlit::detail::markdown_documents_parsed;
    const std::size_t before = markdown_documents_parsed();
    const auto a = markdown_document("# Shared\n\nparsed **once**");
    const auto b = markdown_document("# Shared\n\nparsed **once**");
    CHECK(a == b);
    CHECK(markdown_documents_parsed() == before + 1);
    REQUIRE(a->blocks.size() == 2);
    CHECK(a->bytes >= imlit::detail::markdown_byte_size(a->blocks));

    // More documents than the cache keeps: the least recently used ones are parsed again.
    for (std::size_t i = 0; i < imlit::detail::kMarkdownCacheDocuments + 10; ++i)
        (void)markdown_document("document " + std::to_string(i));
    const std::size_t after_fill = markdown_documents_parsed();
    (void)markdown_document("document " + std::to_string(imlit::detail::kMarkdownCacheDocuments));
    CHECK(markdown_documents_parsed() == after_fill); // recent: still cached
    (void)markdown_document("document 0");
    CHECK(markdown_documents_parsed() == after_fill + 1); // evicted: parsed again
    // A holder keeps its document alive after eviction.
    CHECK(a->blocks[0].spans == std::vector{plain("Shared")});
}

TEST_CASE("markdown: drawing a huge document draws only what is in view", "[render]") {
    imlit::test::HeadlessImGui gui(ImVec2(1000, 800));
    std::string source;
    for (int i = 0; i < 6000; ++i)
        source += "- bullet **" + std::to_string(i) + "** with `code`\n";
    source += "\n";
    for (int i = 0; i < 30000; ++i)
        source += "a long paragraph of words ";
    const auto doc = imlit::detail::markdown_document(source);
    float height = 0;
    for (float scroll : {0.0f, 0.5f, 0.999f}) {
        ImDrawData* dd = nullptr;
        for (int frame = 0; frame < 2; ++frame)
            dd = gui.frame([&] {
                ImGui::SetScrollY(ImGui::GetScrollMaxY() * scroll);
                const float y0 = ImGui::GetCursorPosY();
                imlit::detail::draw_markdown(*doc);
                height = ImGui::GetCursorPosY() - y0;
            });
        INFO("scroll " << scroll);
        CHECK(dd->TotalVtxCount > 500);
        CHECK(dd->TotalVtxCount < 40000);
    }
    CHECK(height > 6000 * 15.0f);
}

TEST_CASE("markdown: a block is as tall as its lines", "[render]") {
    imlit::test::HeadlessImGui gui(ImVec2(1000, 800));
    const auto one = imlit::detail::markdown_document("one short line");
    const auto three = imlit::detail::markdown_document("- a\n- b\n- c");
    const auto wrapped = imlit::detail::markdown_document(std::string(400, 'w') + " end");
    float h_one = 0, h_three = 0, h_wrapped = 0, line = 0, spacing = 0;
    gui.frame([&] {
        line = ImGui::GetFontSize() + 2;
        spacing = ImGui::GetStyle().ItemSpacing.y;
        for (auto [doc, h] :
             {std::pair{&one, &h_one}, {&three, &h_three}, {&wrapped, &h_wrapped}}) {
            const float y0 = ImGui::GetCursorPosY();
            imlit::detail::draw_markdown(**doc);
            *h = ImGui::GetCursorPosY() - y0;
        }
    });
    CHECK(h_one == line + spacing);
    CHECK(h_three == 3 * (line + spacing));
    CHECK(h_wrapped > 2 * line + spacing); // 400 'w's do not fit in 1000 px
    CHECK(std::fmod(h_wrapped - spacing, line) == 0);
}
