// imlit internal — the markdown subset's parser (markdown_parse.cpp). Depends on the standard
// library only: tests/fuzz/markdown.cpp builds it on its own.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace imlit::detail {

// The subset imlit::markdown documents. Parsing is separate from drawing so the element layer
// can parse once when the command is made and draw the blocks every frame without allocating.
struct MarkdownSpan {
    std::string text;
    bool bold = false; // **bold**
    bool code = false; // `inline code`
    bool link = false; // [text](url): text is the link text
    std::string url;   // link target (not shown)
    friend bool operator==(const MarkdownSpan&, const MarkdownSpan&) = default;
};

struct MarkdownBlock {
    enum class Kind {
        heading,   // '#', '##', '###' (level 1..3; '####'+ clamps to 3)
        paragraph, // consecutive text lines, joined with single spaces
        bullet,    // '- ' or '* ' item; level = indentation depth (0, 1, ...)
        numbered,  // '1. ' item; number = the item's number, level = indentation depth
        code,      // ``` fenced block; text = the lines verbatim, language = info string
        rule,      // '---', '***' or '___' alone on a line
    };
    Kind kind = Kind::paragraph;
    int level = 0;
    int number = 0;
    std::vector<MarkdownSpan> spans; // inline content (heading, paragraph, list items)
    std::string text;                // code block content (no trailing newline)
    std::string language;            // code block info string
    friend bool operator==(const MarkdownBlock&, const MarkdownBlock&) = default;
};

// Parsing takes time linear in the source's length (plus a sort of its backtick runs).
std::vector<MarkdownBlock> parse_markdown(std::string_view source);
// Heap bytes held by parsed blocks (for a recording's byte_size()).
std::size_t markdown_byte_size(std::span<const MarkdownBlock> blocks);

} // namespace imlit::detail
