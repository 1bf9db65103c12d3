// imlit — markdown(): a cache of parsed documents and a word-wrapping renderer that draws only
// what is in view. The parser is in markdown_parse.cpp.
//
// Index
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
