// imlit — markdown(): a small parser (no Dear ImGui), a cache of parsed documents, and a
// word-wrapping renderer that draws only what is in view.
//
// Index
//   [SECTION] Marker index (the inline parser's look-aheads)
//   [SECTION] Inline parser (bold, code, links, escapes)
//   [SECTION] Block parser
//   [SECTION] Parsed documents (cache by content hash)
//   [SECTION] Text flow (word wrapping across styled spans, laid out once)
//   [SECTION] Drawing
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <optional>
#include <unordered_map>

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

#include <imgui.h>

#include "imlit/hash.hpp"
#include "ui/render.hpp"
#include "ui/render_text.hpp"

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

// [SECTION] Parsed documents -------------------------------------------------------------------
namespace {

struct DocumentCache {
    struct Entry {
        Hash128 hash;
        std::size_t length = 0;
        std::shared_ptr<const MarkdownDocument> document;
        std::uint64_t last_use = 0;
    };
    std::mutex mutex;
    std::unordered_map<std::uint64_t, Entry> entries; // by hash.lo
    std::size_t bytes = 0;
    std::uint64_t tick = 0;
    std::size_t parsed = 0;
};

DocumentCache& document_cache() {
    static auto* cache = new DocumentCache(); // never destroyed: usable from static destructors
    return *cache;
}

} // namespace

std::shared_ptr<const MarkdownDocument> markdown_document(std::string_view source) {
    const XXH128_hash_t h = XXH3_128bits(source.data(), source.size());
    const Hash128 hash{h.low64, h.high64};
    DocumentCache& cache = document_cache();
    {
        std::lock_guard lock(cache.mutex);
        auto it = cache.entries.find(hash.lo);
        if (it != cache.entries.end() && it->second.hash == hash &&
            it->second.length == source.size()) {
            it->second.last_use = ++cache.tick;
            return it->second.document;
        }
    }
    // Parse outside the lock: a long source must not stall other threads' lookups.
    auto document = std::make_shared<MarkdownDocument>();
    document->blocks = parse_markdown(source);
    document->bytes = markdown_byte_size(document->blocks) + sizeof(MarkdownDocument);
    std::lock_guard lock(cache.mutex);
    ++cache.parsed;
    auto [it, inserted] = cache.entries.try_emplace(hash.lo);
    if (!inserted) cache.bytes -= it->second.document->bytes; // a collision of the low half
    it->second = {hash, source.size(), document, ++cache.tick};
    cache.bytes += document->bytes;
    while (cache.entries.size() > 1 &&
           (cache.entries.size() > kMarkdownCacheDocuments || cache.bytes > kMarkdownCacheBytes)) {
        auto oldest = cache.entries.end();
        for (auto e = cache.entries.begin(); e != cache.entries.end(); ++e)
            if (e->first != hash.lo &&
                (oldest == cache.entries.end() || e->second.last_use < oldest->second.last_use))
                oldest = e;
        cache.bytes -= oldest->second.document->bytes;
        cache.entries.erase(oldest);
    }
    return document;
}

std::size_t markdown_documents_parsed() {
    DocumentCache& cache = document_cache();
    std::lock_guard lock(cache.mutex);
    return cache.parsed;
}

// [SECTION] Text flow --------------------------------------------------------------------------

// The fonts a document is drawn with (part of its layout's key).
struct MarkdownFonts {
    FontChoice regular, bold, mono, large, heading, subheading;
    friend bool operator==(const MarkdownFonts&, const MarkdownFonts&) = default;
    static MarkdownFonts current() {
        return {pick_font(FontRole::regular), pick_font(FontRole::bold),
                pick_font(FontRole::mono),    pick_font(FontRole::large),
                pick_font(FontRole::heading), pick_font(FontRole::subheading)};
    }
};

// One word (or unbroken code span, or piece of a word broken at the edge) placed on a line.
struct FlowPiece {
    std::uint32_t span = 0;  // index into the block's spans
    std::uint32_t begin = 0; // byte range in the span's text
    std::uint32_t length = 0;
    float x = 0;     // from the block's left edge (its indent included)
    float width = 0; // code spans: with their padding
};

struct BlockLayout {
    float height = 0;                      // the block's item height (0 for a rule)
    std::vector<FlowPiece> pieces;         // inline blocks
    std::vector<std::uint32_t> line_first; // per line: index of its first piece; then the end
};

struct MarkdownLayout {
    float width = 0;
    MarkdownFonts fonts;
    std::vector<BlockLayout> blocks;
};

namespace {

constexpr float kCodePad = 3;     // inline code: padding left and right of the text
constexpr float kLineGap = 2;     // inline blocks: line height = font size + this
constexpr float kListStep = 1.5f; // list indentation per level, in regular font sizes

// How an inline block's spans are drawn.
struct InlineStyle {
    FontChoice base, bold, mono;
    float line_h = 0;
    float indent = 0;

    const FontChoice& font(const MarkdownSpan& s) const {
        if (s.code) return mono;
        return s.bold ? bold : base; // links too
    }
};

InlineStyle inline_style(const MarkdownBlock& b, const MarkdownFonts& fs) {
    InlineStyle st;
    const float list_step = fs.regular.size * kListStep;
    switch (b.kind) {
    case MarkdownBlock::Kind::heading:
        st.base = b.level <= 1 ? fs.large : b.level == 2 ? fs.heading : fs.subheading;
        break;
    case MarkdownBlock::Kind::bullet:
        st.base = fs.regular;
        st.indent = list_step * float(b.level + 1);
        break;
    case MarkdownBlock::Kind::numbered:
        st.base = fs.regular;
        st.indent = list_step * float(b.level + 1) + list_step * 0.5f;
        break;
    default:
        st.base = fs.regular;
        break;
    }
    const bool heading = b.kind == MarkdownBlock::Kind::heading;
    st.bold = heading ? st.base : fs.bold;
    st.mono = fs.mono;
    if (heading) st.mono.size = std::max(st.mono.size, st.base.size * 0.9f);
    st.line_h = st.base.size + kLineGap;
    return st;
}

// Lays words out left to right from x = 0, wrapping at `x_max`, recording where each goes.
class FlowLayout {
public:
    FlowLayout(BlockLayout& out, float x_max, float line_h)
        : out_(out), x_max_(std::max(x_max, 1.0f)), line_h_(line_h) {
        out_.line_first.push_back(0);
    }

    float height() const { return std::max(float(lines() + (x_ > 0 ? 1 : 0)) * line_h_, line_h_); }

    void span(std::uint32_t index, const FontChoice& f, std::string_view text, bool code) {
        span_ = index;
        text_ = text;
        if (code) {
            // An inline code span stays on one line when it fits on one.
            if (!text.empty() && text.front() == ' ' && x_ > 0) pending_space_ = true;
            const float w = measure_text(f, text).x + kCodePad * 2;
            if (w <= x_max_) {
                place(f, text, w);
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
            word(f, text.substr(i, j - i), code);
            i = j;
        }
    }

private:
    std::size_t lines() const { return out_.line_first.size() - 1; }

    void newline() {
        out_.line_first.push_back(static_cast<std::uint32_t>(out_.pieces.size()));
        x_ = 0;
        pending_space_ = false;
    }

    void word(const FontChoice& f, std::string_view w, bool code) {
        const float pad = code ? kCodePad * 2 : 0;
        float width = measure_text(f, w).x + pad;
        // A word longer than a whole line is broken where it reaches the edge.
        while (width > x_max_ && w.size() > 1) {
            if (x_ > 0) newline();
            const float scale = f.size / f.font->FontSize;
            const char* b = w.data();
            const char* e = b + w.size();
            const char* cut = f.font->CalcWordWrapPositionA(scale, b, e, x_max_ - pad);
            // Step back to a UTF-8 boundary; always make progress.
            while (cut > b + 1 && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80)
                --cut;
            if (cut <= b) cut = b + 1;
            const std::string_view head(b, std::size_t(cut - b));
            const float head_width = measure_text(f, head).x + pad;
            place(f, head, head_width);
            newline();
            w.remove_prefix(head.size());
            // Measuring a long rest again at every cut would be quadratic in the word's length.
            width =
                w.size() < kLongTextBytes ? measure_text(f, w).x + pad : width - head_width + pad;
        }
        place(f, w, width);
    }

    void place(const FontChoice& f, std::string_view w, float width) {
        if (w.empty()) return;
        float space = 0;
        if (pending_space_ && x_ > 0) space = measure_text(f, " ").x;
        if (x_ > 0 && x_ + space + width > x_max_) {
            newline();
            space = 0;
        }
        x_ += space;
        pending_space_ = false;
        out_.pieces.push_back(FlowPiece{span_, static_cast<std::uint32_t>(w.data() - text_.data()),
                                        static_cast<std::uint32_t>(w.size()), x_, width});
        x_ += width;
    }

    BlockLayout& out_;
    float x_max_, line_h_;
    float x_ = 0;
    bool pending_space_ = false;
    std::uint32_t span_ = 0;
    std::string_view text_;
};

std::shared_ptr<MarkdownLayout> make_layout(const MarkdownDocument& doc, float width,
                                            const MarkdownFonts& fonts) {
    auto layout = std::make_shared<MarkdownLayout>();
    layout->width = width;
    layout->fonts = fonts;
    layout->blocks.resize(doc.blocks.size());
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const MarkdownBlock& b = doc.blocks[i];
        BlockLayout& out = layout->blocks[i];
        if (b.kind == MarkdownBlock::Kind::rule) continue;
        if (b.kind == MarkdownBlock::Kind::code) {
            out.height = code_block_height(b.text, width);
            continue;
        }
        const InlineStyle st = inline_style(b, fonts);
        FlowLayout flow(out, width - st.indent, st.line_h);
        for (std::size_t s = 0; s < b.spans.size(); ++s)
            flow.span(static_cast<std::uint32_t>(s), st.font(b.spans[s]), b.spans[s].text,
                      b.spans[s].code);
        out.height = flow.height();
        out.line_first.push_back(static_cast<std::uint32_t>(out.pieces.size())); // the end
    }
    return layout;
}

// [SECTION] Drawing ----------------------------------------------------------------------------

ImU32 brighter(ImU32 col) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(col);
    v.x += (1 - v.x) * 0.35f;
    v.y += (1 - v.y) * 0.35f;
    v.z += (1 - v.z) * 0.35f;
    return ImGui::ColorConvertFloat4ToU32(v);
}

void draw_list_marker(ImDrawList* dl, const MarkdownBlock& b, const InlineStyle& st, ImVec2 p,
                      ImU32 col) {
    const float cy = p.y + st.line_h * 0.5f;
    if (b.kind == MarkdownBlock::Kind::bullet) {
        const float r = std::max(2.0f, st.base.size * 0.16f);
        const float cx = p.x + st.indent - st.base.size * 0.7f;
        if (b.level == 0)
            dl->AddCircleFilled(ImVec2(cx, cy), r, col, 10);
        else
            dl->AddCircle(ImVec2(cx, cy), r, col, 10, 1.0f);
    } else if (b.kind == MarkdownBlock::Kind::numbered) {
        char buf[16];
        const int n = std::snprintf(buf, sizeof buf, "%d.", b.number);
        const std::string_view label(buf, std::size_t(std::clamp(n, 0, 15)));
        const float w = measure_text(st.base, label).x;
        draw_text(dl, st.base, ImVec2(p.x + st.indent - w - st.base.size * 0.35f, p.y + 1), col,
                  label);
    }
}

// A visible paragraph, heading or list item: its marker and the lines in the clip rectangle.
void draw_inline_block(const MarkdownBlock& b, const BlockLayout& bl, const InlineStyle& st,
                       ImVec2 p) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 bold_col = st.bold.synthetic_bold ? brighter(text_col) : text_col;
    const ImU32 link_col = IM_COL32(90, 160, 255, 255);
    draw_list_marker(dl, b, st, p, text_col);

    const std::size_t lines = bl.line_first.size() - 1;
    const ImVec4 clip = dl->_CmdHeader.ClipRect;
    const double first = std::floor((double(clip.y) - p.y) / st.line_h) - 1;
    const double last = std::floor((double(clip.w) - p.y) / st.line_h) + 1;
    if (lines == 0 || !(last >= 0) || !(first < double(lines))) return;
    const std::size_t from = static_cast<std::size_t>(std::max(0.0, first));
    const std::size_t to = static_cast<std::size_t>(std::min(double(lines - 1), last));
    const float x0 = p.x + st.indent;
    for (std::size_t line = from; line <= to; ++line) {
        const float y = p.y + float(line) * st.line_h;
        for (std::uint32_t k = bl.line_first[line]; k < bl.line_first[line + 1]; ++k) {
            const FlowPiece& piece = bl.pieces[k];
            const MarkdownSpan& s = b.spans[piece.span];
            const FontChoice& f = st.font(s);
            const std::string_view w(s.text.data() + piece.begin, piece.length);
            const float x = x0 + piece.x;
            const float ty = y + (st.line_h - f.size) * 0.5f;
            if (s.code) {
                dl->AddRectFilled(ImVec2(x, ty - 1), ImVec2(x + piece.width, ty + f.size + 1),
                                  ImGui::GetColorU32(ImGuiCol_FrameBg), 3.0f);
                draw_text(dl, f, ImVec2(x + kCodePad, ty), text_col, w);
            } else {
                const ImU32 col = s.link ? link_col : s.bold ? bold_col : text_col;
                draw_text(dl, f, ImVec2(x, ty), col, w);
                if (s.link)
                    dl->AddLine(ImVec2(x, ty + f.size), ImVec2(x + piece.width, ty + f.size),
                                with_alpha(col, 0.7f));
            }
        }
    }
}

} // namespace

void draw_markdown(const MarkdownDocument& doc) {
    const float width = available_width();
    const MarkdownFonts fonts = MarkdownFonts::current();
    std::shared_ptr<const MarkdownLayout> layout;
    {
        std::lock_guard lock(doc.layout_mutex);
        if (!doc.layout || doc.layout->width != width || !(doc.layout->fonts == fonts))
            doc.layout = make_layout(doc, width, fonts);
        layout = doc.layout;
    }
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const MarkdownBlock& b = doc.blocks[i];
        const BlockLayout& bl = layout->blocks[i];
        if (b.kind == MarkdownBlock::Kind::rule) {
            ImGui::Separator();
            continue;
        }
        // Off-screen: only the space (draw_code reserves the same size).
        const ImVec2 size(width, bl.height);
        if (!block_visible(size)) {
            ImGui::Dummy(size);
        } else if (b.kind == MarkdownBlock::Kind::code) {
            draw_code(b.text, b.language);
        } else {
            draw_inline_block(b, bl, inline_style(b, fonts), ImGui::GetCursorScreenPos());
            ImGui::Dummy(size);
        }
    }
}

void draw_markdown(std::string_view source) {
    draw_markdown(*markdown_document(source));
}

} // namespace imlit::detail
