// imlit internal — the markdown subset's parser: source text to blocks of styled spans. Pure
// (no Dear ImGui, no imlit UI headers), so the fuzzer (tests/fuzz/markdown.cpp) builds it alone.
// Drawing and the cache of parsed documents are in render_markdown.cpp.
//
// Index
//   [SECTION] Marker index (the inline parser's look-aheads)
//   [SECTION] Inline parser (bold, code, links, escapes)
//   [SECTION] Block parser
#include "ui/markdown_parse.hpp"

#include <algorithm>
#include <optional>

namespace imlit::detail {
namespace {

// [SECTION] Marker index -----------------------------------------------------------------------
// Where the closers the inline parser looks ahead for are, found in one pass over the block's
// text. Each look-ahead is then a binary search instead of a scan to the end of the text, so
// many unclosed '[' or backtick runs cost O(n log n), not O(n^2).
class MarkerIndex {
public:
    static constexpr std::size_t npos = std::string_view::npos;

    explicit MarkerIndex(std::string_view s) {
        for (std::size_t j = 0; j < s.size(); ++j) {
            const char c = s[j];
            if (c == '*' && j + 1 < s.size() && s[j + 1] == '*') {
                stars_.push_back(j);
            } else if (c == ')') {
                parens_.push_back(j);
            } else if (c == '`') {
                std::size_t n = 1;
                while (j + n < s.size() && s[j + n] == '`')
                    ++n;
                runs_.push_back({n, j});
                j += n - 1;
            }
        }
        // By length, then position: the runs that can close an n-backtick span are adjacent.
        std::stable_sort(runs_.begin(), runs_.end(),
                         [](const Run& a, const Run& b) { return a.length < b.length; });
        // '[' ... ']' pairs as a scan from the '[' that counts nesting and skips the character
        // after a backslash would pair them.
        std::vector<std::size_t> open;
        for (std::size_t j = 0; j < s.size(); ++j) {
            if (s[j] == '\\') {
                ++j;
            } else if (s[j] == '[') {
                open.push_back(brackets_.size());
                brackets_.push_back({j, npos});
            } else if (s[j] == ']' && !open.empty()) {
                brackets_[open.back()].close = j;
                open.pop_back();
            }
        }
    }

    // Is there a "**" starting at `from` or later?
    bool stars_from(std::size_t from) const {
        return std::lower_bound(stars_.begin(), stars_.end(), from) != stars_.end();
    }
    // The first ')' at `from` or later.
    std::size_t paren_from(std::size_t from) const {
        auto it = std::lower_bound(parens_.begin(), parens_.end(), from);
        return it == parens_.end() ? npos : *it;
    }
    // The first run of exactly `length` backticks starting at `from` or later.
    std::size_t run_from(std::size_t length, std::size_t from) const {
        auto it = std::lower_bound(
            runs_.begin(), runs_.end(), Run{length, from}, [](const Run& a, const Run& b) {
                return a.length != b.length ? a.length < b.length : a.pos < b.pos;
            });
        return it != runs_.end() && it->length == length ? it->pos : npos;
    }
    // The ']' that closes the '[' at `open` (npos: none).
    std::size_t bracket_close(std::size_t open) const {
        auto it = std::lower_bound(brackets_.begin(), brackets_.end(), open,
                                   [](const Bracket& b, std::size_t p) { return b.open < p; });
        return it != brackets_.end() && it->open == open ? it->close : npos;
    }

private:
    struct Run {
        std::size_t length, pos;
    };
    struct Bracket {
        std::size_t open, close;
    };
    std::vector<std::size_t> stars_, parens_;
    std::vector<Run> runs_;
    std::vector<Bracket> brackets_;
};

// [SECTION] Inline parser ----------------------------------------------------------------------

bool is_punct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

class InlineParser {
public:
    explicit InlineParser(std::vector<MarkdownSpan>& out) : out_(out) {}

    void parse(std::string_view s) {
        const MarkerIndex index(s);
        index_ = &index;
        std::size_t i = 0;
        while (i < s.size()) {
            const char c = s[i];
            if (c == '\\' && i + 1 < s.size() && is_punct(s[i + 1])) {
                text_ += s[i + 1];
                i += 2;
            } else if (c == '`') {
                i = code_span(s, i);
            } else if (c == '*' && i + 1 < s.size() && s[i + 1] == '*') {
                if (bold_) {
                    flush();
                    bold_ = false;
                    i += 2;
                } else if (index.stars_from(i + 2)) {
                    flush();
                    bold_ = true;
                    i += 2;
                } else {
                    text_ += "**"; // unmatched: literal
                    i += 2;
                }
            } else if (c == '[') {
                i = link(s, i);
            } else {
                text_ += c;
                ++i;
            }
        }
        flush();
        index_ = nullptr;
    }

private:
    void push(std::string text, bool code, bool link, std::string url = {}) {
        if (text.empty()) return;
        MarkdownSpan span{std::move(text), bold_, code, link, std::move(url)};
        if (!out_.empty()) {
            MarkdownSpan& last = out_.back();
            if (!code && !link && !last.code && !last.link && last.bold == span.bold) {
                last.text += span.text; // same style: one span
                return;
            }
        }
        out_.push_back(std::move(span));
    }
    void flush() {
        push(std::move(text_), false, false);
        text_.clear();
    }

    // A run of n backticks opens a code span closed by the next run of exactly n backticks.
    std::size_t code_span(std::string_view s, std::size_t i) {
        std::size_t n = 0;
        while (i + n < s.size() && s[i + n] == '`')
            ++n;
        const std::size_t j = index_->run_from(n, i + n);
        if (j == MarkerIndex::npos) {
            text_.append(s.substr(i, n)); // unmatched: literal backticks
            return i + n;
        }
        std::string_view content = s.substr(i + n, j - (i + n));
        if (content.size() >= 2 && content.front() == ' ' && content.back() == ' ' &&
            content.find_first_not_of(' ') != std::string_view::npos)
            content = content.substr(1, content.size() - 2);
        flush();
        push(std::string(content), true, false);
        return j + n;
    }

    // [text](url): shown as its text (bold inside a bold run). Anything else: a literal '['.
    std::size_t link(std::string_view s, std::size_t i) {
        const std::size_t close = index_->bracket_close(i);
        if (close == MarkerIndex::npos || close + 1 >= s.size() || s[close + 1] != '(') {
            text_ += '[';
            return i + 1;
        }
        const std::size_t end = index_->paren_from(close + 2);
        if (end == MarkerIndex::npos) {
            text_ += '[';
            return i + 1;
        }
        // The link text loses inner markup except escapes; `**` inside is shown literally.
        std::string label;
        const std::string_view inner = s.substr(i + 1, close - i - 1);
        for (std::size_t j = 0; j < inner.size(); ++j) {
            if (inner[j] == '\\' && j + 1 < inner.size() && is_punct(inner[j + 1])) ++j;
            label += inner[j];
        }
        std::string_view url = s.substr(close + 2, end - close - 2);
        while (!url.empty() && url.front() == ' ')
            url.remove_prefix(1);
        while (!url.empty() && url.back() == ' ')
            url.remove_suffix(1);
        flush();
        push(std::move(label), false, true, std::string(url));
        return end + 1;
    }

    std::vector<MarkdownSpan>& out_;
    const MarkerIndex* index_ = nullptr;
    std::string text_;
    bool bold_ = false;
};

// [SECTION] Block parser -----------------------------------------------------------------------

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Leading indentation in columns (a tab counts 4).
std::size_t indentation(std::string_view line, std::size_t& bytes) {
    std::size_t cols = 0;
    bytes = 0;
    while (bytes < line.size() && (line[bytes] == ' ' || line[bytes] == '\t')) {
        cols += line[bytes] == '\t' ? 4 : 1;
        ++bytes;
    }
    return cols;
}

bool is_rule(std::string_view t) {
    if (t.empty() || (t[0] != '-' && t[0] != '*' && t[0] != '_')) return false;
    int n = 0;
    for (char c : t) {
        if (c == t[0])
            ++n;
        else if (c != ' ' && c != '\t')
            return false;
    }
    return n >= 3;
}

class BlockParser {
public:
    std::vector<MarkdownBlock> parse(std::string_view src) {
        std::size_t pos = 0;
        while (pos <= src.size()) {
            std::size_t nl = src.find('\n', pos);
            if (nl == std::string_view::npos) nl = src.size();
            std::string_view line = src.substr(pos, nl - pos);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            this->line(line);
            pos = nl + 1;
        }
        if (fence_) { // an unclosed fence runs to the end
            finish_fence();
        }
        finish_inline();
        return std::move(blocks_);
    }

private:
    void line(std::string_view line) {
        std::size_t indent_bytes = 0;
        const std::size_t indent = indentation(line, indent_bytes);
        const std::string_view t = trim(line);
        if (fence_) {
            if (indent < 4 && t.size() >= 3 && t.substr(0, 3) == "```" &&
                t.find_first_not_of('`') == std::string_view::npos) {
                finish_fence();
                return;
            }
            // Keep the code's own indentation relative to the fence.
            std::size_t drop = std::min(fence_indent_, indent_bytes);
            if (!fence_->text.empty() || fence_has_line_) fence_->text += '\n';
            fence_->text.append(line.substr(drop));
            fence_has_line_ = true;
            return;
        }
        if (t.empty()) {
            finish_inline();
            return;
        }
        if (t.substr(0, 3) == "```") {
            finish_inline();
            fence_.emplace();
            fence_->kind = MarkdownBlock::Kind::code;
            const std::size_t info = t.find_first_not_of('`');
            if (info != std::string_view::npos)
                fence_->language = std::string(trim(t.substr(info)));
            fence_indent_ = indent_bytes;
            fence_has_line_ = false;
            return;
        }
        if (t[0] == '#') {
            std::size_t level = t.find_first_not_of('#');
            if (level == std::string_view::npos) level = t.size();
            if (level <= 6 && (level == t.size() || t[level] == ' ')) {
                finish_inline();
                std::string_view body = trim(t.substr(level));
                // Optional closing '#'s ("## Title ##").
                const std::size_t last = body.find_last_not_of('#');
                if (last != std::string_view::npos && last + 1 < body.size() && body[last] == ' ')
                    body = trim(body.substr(0, last));
                else if (last == std::string_view::npos)
                    body = {};
                start(MarkdownBlock::Kind::heading, int(std::min<std::size_t>(level, 3)), 0, body);
                finish_inline();
                return;
            }
        }
        if (is_rule(t)) {
            finish_inline();
            MarkdownBlock rule;
            rule.kind = MarkdownBlock::Kind::rule;
            blocks_.push_back(std::move(rule));
            return;
        }
        const int level = int(indent / 2);
        if (t.size() >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ') {
            finish_inline();
            start(MarkdownBlock::Kind::bullet, level, 0, trim(t.substr(2)));
            return;
        }
        {
            std::size_t d = 0;
            while (d < t.size() && d < 9 && t[d] >= '0' && t[d] <= '9')
                ++d;
            if (d > 0 && d + 1 < t.size() && (t[d] == '.' || t[d] == ')') && t[d + 1] == ' ') {
                finish_inline();
                start(MarkdownBlock::Kind::numbered, level, std::stoi(std::string(t.substr(0, d))),
                      trim(t.substr(d + 2)));
                return;
            }
        }
        // Text: continues the open paragraph or list item (lazy continuation), or starts one.
        if (current_) {
            raw_ += ' ';
            raw_.append(t);
        } else {
            start(MarkdownBlock::Kind::paragraph, 0, 0, t);
        }
    }

    void start(MarkdownBlock::Kind kind, int level, int number, std::string_view text) {
        current_.emplace();
        current_->kind = kind;
        current_->level = level;
        current_->number = number;
        raw_.assign(text);
    }

    void finish_inline() {
        if (!current_) return;
        InlineParser(current_->spans).parse(raw_);
        blocks_.push_back(std::move(*current_));
        current_.reset();
        raw_.clear();
    }

    void finish_fence() {
        blocks_.push_back(std::move(*fence_));
        fence_.reset();
    }

    std::vector<MarkdownBlock> blocks_;
    std::optional<MarkdownBlock> current_; // open paragraph, heading or list item
    std::string raw_;                      // its inline source so far
    std::optional<MarkdownBlock> fence_;   // open code block
    std::size_t fence_indent_ = 0;
    bool fence_has_line_ = false;
};

} // namespace

std::vector<MarkdownBlock> parse_markdown(std::string_view source) {
    return BlockParser().parse(source);
}

std::size_t markdown_byte_size(std::span<const MarkdownBlock> blocks) {
    std::size_t n = blocks.size() * sizeof(MarkdownBlock);
    for (const MarkdownBlock& b : blocks) {
        n += b.text.capacity() + b.language.capacity() + b.spans.capacity() * sizeof(MarkdownSpan);
        for (const MarkdownSpan& s : b.spans)
            n += s.text.capacity() + s.url.capacity();
    }
    return n;
}

} // namespace imlit::detail
