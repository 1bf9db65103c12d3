// imlit — markdown(): a small parser (no Dear ImGui) and a word-wrapping renderer.
//
// Index
//   [SECTION] Inline parser (bold, code, links, escapes)
//   [SECTION] Block parser
//   [SECTION] Text flow (word wrapping across styled spans)
//   [SECTION] Drawing
#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <optional>

#include <imgui.h>

#include "ui/render.hpp"
#include "ui/render_text.hpp"

namespace imlit::detail {
namespace {

// [SECTION] Inline parser ----------------------------------------------------------------------

bool is_punct(char c) {
    return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
           (c >= '{' && c <= '~');
}

class InlineParser {
public:
    explicit InlineParser(std::vector<MarkdownSpan>& out) : out_(out) {}

    void parse(std::string_view s) {
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
                } else if (s.find("**", i + 2) != std::string_view::npos) {
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
        for (std::size_t j = i + n; j < s.size();) {
            if (s[j] != '`') {
                ++j;
                continue;
            }
            std::size_t m = 0;
            while (j + m < s.size() && s[j + m] == '`')
                ++m;
            if (m == n) {
                std::string_view content = s.substr(i + n, j - (i + n));
                if (content.size() >= 2 && content.front() == ' ' && content.back() == ' ' &&
                    content.find_first_not_of(' ') != std::string_view::npos)
                    content = content.substr(1, content.size() - 2);
                flush();
                push(std::string(content), true, false);
                return j + m;
            }
            j += m;
        }
        text_.append(s.substr(i, n)); // unmatched: literal backticks
        return i + n;
    }

    // [text](url): shown as its text (bold inside a bold run). Anything else: a literal '['.
    std::size_t link(std::string_view s, std::size_t i) {
        std::size_t depth = 0, close = std::string_view::npos;
        for (std::size_t j = i; j < s.size(); ++j) {
            if (s[j] == '\\') {
                ++j;
                continue;
            }
            if (s[j] == '[')
                ++depth;
            else if (s[j] == ']' && --depth == 0) {
                close = j;
                break;
            }
        }
        if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != '(') {
            text_ += '[';
            return i + 1;
        }
        const std::size_t end = s.find(')', close + 2);
        if (end == std::string_view::npos) {
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

// [SECTION] Text flow --------------------------------------------------------------------------
namespace {

// Lays words out left to right, wrapping at `x_max`, drawing each as it is placed.
class TextFlow {
public:
    TextFlow(ImDrawList* dl, float x0, float x_max, float y, float line_h)
        : dl_(dl), x0_(x0), x_max_(std::max(x_max, x0 + 1)), x_(x0), y_(y), line_h_(line_h) {}

    float height(float y_start) const { return (x_ > x0_ ? y_ + line_h_ : y_) - y_start; }
    float width() const { return std::max(1.0f, used_ - x0_); }

    void span(const FontChoice& f, ImU32 col, std::string_view text, bool code, bool underline) {
        if (code) {
            // An inline code span stays on one line when it fits on one.
            std::string_view t = text;
            if (!t.empty() && (t.front() == ' ') && x_ > x0_) pending_space_ = true;
            const float w = measure_text(f, t).x + kCodePad * 2;
            if (w <= x_max_ - x0_) {
                place(f, col, t, true, false, w);
                return;
            }
        }
        std::size_t i = 0;
        while (i < text.size()) {
            if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n') {
                pending_space_ = true;
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < text.size() && text[j] != ' ' && text[j] != '\t' && text[j] != '\n')
                ++j;
            word(f, col, text.substr(i, j - i), code, underline);
            i = j;
        }
    }

private:
    static constexpr float kCodePad = 3;

    void newline() {
        x_ = x0_;
        y_ += line_h_;
        pending_space_ = false;
    }

    void word(const FontChoice& f, ImU32 col, std::string_view w, bool code, bool underline) {
        const float pad = code ? kCodePad * 2 : 0;
        float width = measure_text(f, w).x + pad;
        // A word longer than a whole line is broken where it reaches the edge.
        while (width > x_max_ - x0_ && w.size() > 1) {
            if (x_ > x0_) newline();
            const float scale = f.size / f.font->FontSize;
            const char* b = w.data();
            const char* e = b + w.size();
            const char* cut = f.font->CalcWordWrapPositionA(scale, b, e, x_max_ - x0_ - pad);
            // Step back to a UTF-8 boundary; always make progress.
            while (cut > b + 1 && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80)
                --cut;
            if (cut <= b) cut = b + 1;
            const std::string_view head(b, std::size_t(cut - b));
            place(f, col, head, code, underline, measure_text(f, head).x + pad);
            newline();
            w.remove_prefix(head.size());
            width = measure_text(f, w).x + pad;
        }
        place(f, col, w, code, underline, width);
    }

    void place(const FontChoice& f, ImU32 col, std::string_view w, bool code, bool underline,
               float width) {
        if (w.empty()) return;
        float space = 0;
        if (pending_space_ && x_ > x0_) space = measure_text(f, " ").x;
        if (x_ > x0_ && x_ + space + width > x_max_) {
            newline();
            space = 0;
        }
        x_ += space;
        pending_space_ = false;
        const float ty = y_ + (line_h_ - f.size) * 0.5f;
        if (code) {
            dl_->AddRectFilled(ImVec2(x_, ty - 1), ImVec2(x_ + width, ty + f.size + 1),
                               ImGui::GetColorU32(ImGuiCol_FrameBg), 3.0f);
            draw_text(dl_, f, ImVec2(x_ + kCodePad, ty), col, w);
        } else {
            draw_text(dl_, f, ImVec2(x_, ty), col, w);
            if (underline)
                dl_->AddLine(ImVec2(x_, ty + f.size), ImVec2(x_ + width, ty + f.size),
                             with_alpha(col, 0.7f));
        }
        x_ += width;
        used_ = std::max(used_, x_);
    }

    ImDrawList* dl_;
    float x0_, x_max_, x_, y_, line_h_;
    float used_ = 0;
    bool pending_space_ = false;
};

// [SECTION] Drawing ----------------------------------------------------------------------------

ImU32 brighter(ImU32 col) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(col);
    v.x += (1 - v.x) * 0.35f;
    v.y += (1 - v.y) * 0.35f;
    v.z += (1 - v.z) * 0.35f;
    return ImGui::ColorConvertFloat4ToU32(v);
}

// Paragraphs, headings and list items: the spans flowed from `indent` to the right edge.
void draw_inline_block(const MarkdownBlock& b, FontRole base_role, float indent) {
    const FontChoice base = pick_font(base_role);
    const bool heading = b.kind == MarkdownBlock::Kind::heading;
    const FontChoice bold = heading ? base : pick_font(FontRole::bold);
    FontChoice mono = pick_font(FontRole::mono);
    if (heading) mono.size = std::max(mono.size, base.size * 0.9f);
    const float line_h = base.size + 2;
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 bold_col = bold.synthetic_bold ? brighter(text_col) : text_col;
    const ImU32 link_col = IM_COL32(90, 160, 255, 255);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float width = available_width();
    if (b.kind == MarkdownBlock::Kind::bullet || b.kind == MarkdownBlock::Kind::numbered) {
        // The list marker, in the gutter left of `indent`.
        const float cy = p.y + line_h * 0.5f;
        if (b.kind == MarkdownBlock::Kind::bullet) {
            const float r = std::max(2.0f, base.size * 0.16f);
            const float cx = p.x + indent - base.size * 0.7f;
            if (b.level == 0)
                dl->AddCircleFilled(ImVec2(cx, cy), r, text_col, 10);
            else
                dl->AddCircle(ImVec2(cx, cy), r, text_col, 10, 1.0f);
        } else {
            char buf[16];
            const int n = std::snprintf(buf, sizeof buf, "%d.", b.number);
            const std::string_view label(buf, std::size_t(std::clamp(n, 0, 15)));
            const float w = measure_text(base, label).x;
            draw_text(dl, base, ImVec2(p.x + indent - w - base.size * 0.35f, p.y + 1), text_col,
                      label);
        }
    }
    TextFlow flow(dl, p.x + indent, p.x + width, p.y, line_h);
    for (const MarkdownSpan& s : b.spans) {
        if (s.code)
            flow.span(mono, text_col, s.text, true, false);
        else if (s.link)
            flow.span(s.bold ? bold : base, link_col, s.text, false, true);
        else if (s.bold)
            flow.span(bold, bold_col, s.text, false, false);
        else
            flow.span(base, text_col, s.text, false, false);
    }
    const float h = std::max(flow.height(p.y), line_h);
    ImGui::Dummy(ImVec2(width, h));
}

} // namespace

void draw_markdown(std::span<const MarkdownBlock> blocks) {
    const float list_step = pick_font(FontRole::regular).size * 1.5f;
    for (const MarkdownBlock& b : blocks) {
        switch (b.kind) {
        case MarkdownBlock::Kind::heading:
            draw_inline_block(b,
                              b.level <= 1   ? FontRole::large
                              : b.level == 2 ? FontRole::heading
                                             : FontRole::subheading,
                              0);
            break;
        case MarkdownBlock::Kind::paragraph:
            draw_inline_block(b, FontRole::regular, 0);
            break;
        case MarkdownBlock::Kind::bullet:
            draw_inline_block(b, FontRole::regular, list_step * float(b.level + 1));
            break;
        case MarkdownBlock::Kind::numbered:
            draw_inline_block(b, FontRole::regular,
                              list_step * float(b.level + 1) + list_step * 0.5f);
            break;
        case MarkdownBlock::Kind::code:
            draw_code(b.text, b.language);
            break;
        case MarkdownBlock::Kind::rule:
            ImGui::Separator();
            break;
        }
    }
}

void draw_markdown(std::string_view source) {
    const std::vector<MarkdownBlock> blocks = parse_markdown(source);
    draw_markdown(std::span<const MarkdownBlock>(blocks));
}

} // namespace imlit::detail
