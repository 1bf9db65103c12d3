// imlit — text measuring and drawing shared by the render_*.cpp files (see render_text.hpp).
//
// Index
//   [SECTION] Fonts
//   [SECTION] Line breaking (Dear ImGui's word wrap, line by line)
//   [SECTION] Layout cache
//   [SECTION] Measured text (TextBlock)
//   [SECTION] Text items
//   [SECTION] Small helpers
#include "ui/render_text.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/fonts.hpp"

namespace imlit::detail {

// [SECTION] Fonts ------------------------------------------------------------------------------

FontChoice pick_font(FontRole role) {
    const Fonts& fs = fonts();
    ImFont* base = ImGui::GetFont();
    const float base_size = ImGui::GetFontSize();
    auto loaded_or = [&](ImFont* f, float scale, bool bold) {
        if (f) return FontChoice{f, f->FontSize, false};
        return FontChoice{base, base_size * scale, bold};
    };
    switch (role) {
    case FontRole::regular:
        return loaded_or(fs.regular, 1.0f, false);
    case FontRole::bold:
        return loaded_or(fs.bold, 1.0f, true);
    case FontRole::mono:
        return loaded_or(fs.mono, 1.0f, false);
    case FontRole::large:
        return loaded_or(fs.large, 2.0f, true);
    case FontRole::heading:
        return loaded_or(fs.heading, 1.5f, true);
    case FontRole::subheading:
        return loaded_or(fs.subheading, 1.25f, true);
    }
    return FontChoice{base, base_size, false};
}

// [SECTION] Line breaking ----------------------------------------------------------------------
namespace {

// The lines ImFont::RenderText draws for `text`, in the same places: with a wrap width it asks
// CalcWordWrapPositionA where the current line ends (a position that may lie past several
// newlines), ends lines at those newlines and at the wrap position, and after a wrap skips
// blanks and at most one newline. Without one, lines end at newlines only.
void break_lines(const ImFont& font, float size, const char* b, const char* e, float wrap,
                 LineTable& out) {
    auto push = [&](const char* from, const char* to) {
        out.begin.push_back(static_cast<std::uint32_t>(from - b));
        out.end.push_back(static_cast<std::uint32_t>(to - b));
    };
    auto newlines_until = [&](const char*& s, const char* limit) {
        while (const void* nl = std::memchr(s, '\n', static_cast<std::size_t>(limit - s))) {
            push(s, static_cast<const char*>(nl));
            s = static_cast<const char*>(nl) + 1;
        }
    };
    const char* s = b;
    if (wrap <= 0) {
        newlines_until(s, e);
        push(s, e);
        return;
    }
    const float scale = size / font.FontSize;
    while (s < e) {
        const char* eol = font.CalcWordWrapPositionA(scale, s, e, wrap);
        const char* line_end = eol;
        if (eol == s) {
            // Nothing fits: RenderText draws the one character at s and then wraps.
            unsigned int c = 0;
            const int n = static_cast<unsigned char>(*s) < 0x80 ? 1 : ImTextCharFromUtf8(&c, s, e);
            line_end = s + std::max(1, n);
            eol = s + 1;
        }
        newlines_until(s, eol);
        push(s, std::max(s, line_end));
        s = std::max(s, line_end);
        if (s >= e) break;
        while (s < e && (*s == ' ' || *s == '\t'))
            ++s;
        if (s < e && *s == '\n') ++s;
    }
}

// [SECTION] Layout cache -----------------------------------------------------------------------
// Per thread (text is drawn on UI threads only), least recently used out first.
constexpr std::size_t kCacheMaxEntries = 64;
constexpr std::size_t kCacheMaxBytes = std::size_t(64) << 20;

struct LayoutKey {
    std::uint64_t hash = 0;
    std::size_t length = 0;
    const ImFont* font = nullptr;
    const void* glyphs = nullptr; // a rebuilt font at the same address has new glyph storage
    float size = 0;
    float wrap = 0;
    friend bool operator==(const LayoutKey&, const LayoutKey&) = default;
};

struct CachedLayout {
    LayoutKey key;
    std::shared_ptr<const LineTable> table;
    std::uint64_t last_use = 0;
};

struct LayoutCache {
    std::vector<CachedLayout> entries;
    std::size_t bytes = 0;
    std::uint64_t tick = 0;
    std::size_t made = 0;

    std::shared_ptr<const LineTable> get(const FontChoice& f, std::string_view text, float wrap) {
        // Offsets are 32-bit: a text over 4 GiB is laid out (and shown) up to that point.
        text = text.substr(0, std::numeric_limits<std::uint32_t>::max());
        const LayoutKey key{XXH3_64bits(text.data(), text.size()),
                            text.size(),
                            f.font,
                            f.font->Glyphs.Data,
                            f.size,
                            wrap};
        ++tick;
        for (CachedLayout& c : entries) {
            if (c.key == key) {
                c.last_use = tick;
                return c.table;
            }
        }
        auto table = std::make_shared<LineTable>();
        const char* b = text.data();
        const char* e = b + text.size();
        table->size = f.font->CalcTextSizeA(f.size, FLT_MAX, wrap, b, e);
        break_lines(*f.font, f.size, b, e, wrap, *table);
        // CalcTextSizeA counts a last line only when it has width (a final newline adds none).
        std::size_t lines = table->begin.size();
        if (lines > 1 && f.font->CalcTextSizeA(f.size, FLT_MAX, 0, b + table->begin.back(),
                                               b + table->end.back())
                                 .x == 0)
            --lines;
        table->size.y = static_cast<float>(double(lines) * f.size);
        table->begin.shrink_to_fit();
        table->end.shrink_to_fit();
        ++made;
        bytes += table->bytes();
        entries.push_back({key, table, tick});
        while (entries.size() > 1 &&
               (entries.size() > kCacheMaxEntries || bytes > kCacheMaxBytes)) {
            auto oldest = std::min_element(entries.begin(), entries.end() - 1,
                                           [](const CachedLayout& a, const CachedLayout& b) {
                                               return a.last_use < b.last_use;
                                           });
            bytes -= oldest->table->bytes();
            entries.erase(oldest);
        }
        return table;
    }
};

thread_local LayoutCache t_layouts;

// The lines of `lines` that intersect the clip rectangle, drawn at `pos`.
void draw_lines(ImDrawList* dl, const FontChoice& f, const char* text, const LineTable& lines,
                ImVec2 pos, ImU32 col) {
    const float line_h = f.size; // ImFont::RenderText's line height
    if (!(line_h > 0) || lines.begin.empty()) return;
    const ImVec4 clip = dl->_CmdHeader.ClipRect;
    const float y0 = std::floor(pos.y); // RenderText aligns to whole pixels
    const double n = static_cast<double>(lines.begin.size());
    // One line of margin each side: RenderText itself skips a line that is out of view.
    const double first = std::floor((double(clip.y) - y0) / line_h) - 1;
    const double last = std::floor((double(clip.w) - y0) / line_h) + 1;
    if (!(last >= 0) || !(first < n)) return; // also NaN
    const std::size_t from = static_cast<std::size_t>(std::max(0.0, first));
    const std::size_t to = static_cast<std::size_t>(std::min(n - 1, last));
    for (std::size_t k = from; k <= to; ++k) {
        const char* b = text + lines.begin[k];
        const char* e = text + lines.end[k];
        const float y = static_cast<float>(double(y0) + double(k) * line_h);
        if (b != e) dl->AddText(f.font, f.size, ImVec2(pos.x, y), col, b, e);
    }
}

} // namespace

TextLayoutCacheStats text_layout_cache_stats() {
    return {t_layouts.entries.size(), t_layouts.bytes, t_layouts.made};
}

// [SECTION] Measured text (TextBlock) ------------------------------------------------------------

TextBlock layout_text(const FontChoice& f, std::string_view text, float wrap_width) {
    TextBlock block{text, f, wrap_width, ImVec2(0, f.size), nullptr};
    if (text.empty()) return block;
    if (text.size() < kLongTextBytes) {
        block.size = f.font->CalcTextSizeA(f.size, FLT_MAX, wrap_width, text.data(),
                                           text.data() + text.size());
    } else {
        block.lines = t_layouts.get(f, text, wrap_width);
        block.size = block.lines->size;
    }
    if (f.synthetic_bold) block.size.x += 1;
    return block;
}

void draw_text(ImDrawList* dl, const TextBlock& block, ImVec2 pos, ImU32 col) {
    if (block.text.empty()) return;
    const FontChoice& f = block.font;
    const char* b = block.text.data();
    const char* e = b + block.text.size();
    const int passes = f.synthetic_bold ? 2 : 1;
    for (int pass = 0; pass < passes; ++pass) {
        const ImVec2 p(pos.x + float(pass), pos.y);
        if (block.lines)
            draw_lines(dl, f, b, *block.lines, p, col);
        else
            dl->AddText(f.font, f.size, p, col, b, e, block.wrap_width);
    }
}

ImVec2 measure_text(const FontChoice& f, std::string_view text, float wrap_width) {
    return layout_text(f, text, wrap_width).size;
}

void draw_text(ImDrawList* dl, const FontChoice& f, ImVec2 pos, ImU32 col, std::string_view text,
               float wrap_width) {
    if (text.empty()) return;
    draw_text(dl, layout_text(f, text, wrap_width), pos, col);
}

// [SECTION] Text items -------------------------------------------------------------------------

void draw_wrapped_text_item(std::string_view text) {
    if (text.size() < kLongTextBytes) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(text.data(), text.data() + text.size());
        ImGui::PopTextWrapPos();
        return;
    }
    // What ImGui::TextEx does for wrapped text, with the lines drawn by draw_text().
    ImGuiContext& g = *GImGui;
    ImGuiWindow* window = g.CurrentWindow;
    if (window->SkipItems) return;
    const ImVec2 text_pos(window->DC.CursorPos.x,
                          window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    const float wrap_width = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, 0.0f);
    const TextBlock block = layout_text(FontChoice{g.Font, g.FontSize, false}, text, wrap_width);
    // ImGui::CalcTextSize rounds the width up to whole pixels.
    const ImVec2 size(std::floor(block.size.x + 0.99999f), block.size.y);
    const ImRect bb(text_pos, ImVec2(text_pos.x + size.x, text_pos.y + size.y));
    ImGui::ItemSize(size, 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return;
    draw_text(window->DrawList, block, bb.Min, ImGui::GetColorU32(ImGuiCol_Text));
    if (g.LogEnabled) ImGui::LogRenderedText(&bb.Min, text.data(), text.data() + text.size());
}

bool draw_known_text_item(std::string_view text, ImVec2 size, int color) {
    ImGuiContext& g = *GImGui;
    // One line: ImFont::RenderText with and without a wrap width emits the same glyphs, and
    // without one it skips the word-wrap search.
    if (text.size() >= kLongTextBytes || size.y != g.FontSize || g.LogEnabled) return false;
    ImGuiWindow* window = g.CurrentWindow;
    if (window->SkipItems) return true;
    const ImVec2 pos(window->DC.CursorPos.x,
                     window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    const ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::ItemSize(size, 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return true;
    window->DrawList->AddText(g.Font, g.FontSize, bb.Min, ImGui::GetColorU32(color), text.data(),
                              text.data() + text.size());
    return true;
}

// [SECTION] Small helpers --------------------------------------------------------------------

float available_width() {
    return std::max(1.0f, ImGui::GetContentRegionAvail().x);
}

bool block_visible(ImVec2 size) {
    return ImGui::IsRectVisible(size);
}

} // namespace imlit::detail
