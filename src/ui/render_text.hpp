// imlit internal — helpers shared by the render_*.cpp drawing functions (not used elsewhere).
//
// Long text. Dear ImGui 1.86 draws a wrapped text item by reserving four vertices for every
// byte and emitting every glyph above the visible region, so one long paragraph (or a few
// thousand lines scrolled past) exceeds the 65,536 vertices a 16-bit-index draw list can hold.
// Text from kLongTextBytes up is therefore laid out once per (content, font, wrap width) — the
// same line breaks Dear ImGui would make — kept in a bounded per-thread cache, and drawn line
// by line, only the lines inside the clip rectangle. Shorter text goes to Dear ImGui unchanged.
//
// Index
//   [SECTION] Fonts
//   [SECTION] Measured text (TextBlock)
//   [SECTION] Text items (the text() and caption() element)
//   [SECTION] Small helpers
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace imlit::detail {

// [SECTION] Fonts ------------------------------------------------------------------------------

// What a piece of text is drawn with. When fonts.hpp's fonts are not loaded (headless), the
// current font is used, scaled for headings and drawn twice, 1 px apart, for bold.
enum class FontRole { regular, bold, mono, large, heading, subheading };
struct FontChoice {
    ImFont* font = nullptr;
    float size = 13;
    bool synthetic_bold = false;
    friend bool operator==(const FontChoice&, const FontChoice&) = default;
};
FontChoice pick_font(FontRole role);

// [SECTION] Measured text (TextBlock) ------------------------------------------------------------

// Text from this many bytes up is laid out and drawn line by line (the header comment says why).
// Below it, one wrapped text item reserves at most 4 x 2,000 vertices.
inline constexpr std::size_t kLongTextBytes = 2000;

// Where a long text breaks into lines, for one font, size and wrap width (shared, immutable).
struct LineTable {
    std::vector<std::uint32_t> begin; // byte offset of each line's first character
    std::vector<std::uint32_t> end;   // one past its last drawn character
    // ImFont::CalcTextSizeA of the whole text, except that the height is lines x line height
    // computed once (CalcTextSizeA adds the line height once per line in float, which with a
    // fractional font size drifts by hundreds of pixels over 100,000 lines).
    ImVec2 size;
    std::size_t bytes() const { return (begin.capacity() + end.capacity()) * 4 + sizeof(*this); }
};

// A text measured for one font and wrap width, ready to draw. Short text keeps only its size;
// long text also holds its cached line table. Valid while `text` is.
struct TextBlock {
    std::string_view text;
    FontChoice font;
    float wrap_width = 0;
    ImVec2 size;                            // as measure_text()
    std::shared_ptr<const LineTable> lines; // long text only
};

// Measures `text` drawn with `f`, wrapped at `wrap_width` (0: no wrapping). Long text costs one
// hash of its bytes when its layout is cached, one layout pass when not.
TextBlock layout_text(const FontChoice& f, std::string_view text, float wrap_width = 0);
// Draws `block` with its top-left at `pos` (as ImDrawList::AddText would). Long text: only the
// lines that intersect the draw list's current clip rectangle.
void draw_text(ImDrawList* dl, const TextBlock& block, ImVec2 pos, ImU32 col);

// Size of `text` drawn with `f`, wrapped at `wrap_width` (0: no wrapping); layout_text().size.
ImVec2 measure_text(const FontChoice& f, std::string_view text, float wrap_width = 0);
// layout_text() + draw_text(), for text measured nowhere else.
void draw_text(ImDrawList* dl, const FontChoice& f, ImVec2 pos, ImU32 col, std::string_view text,
               float wrap_width = 0);

// Layouts cached on this thread, and the bytes they hold (for tests).
struct TextLayoutCacheStats {
    std::size_t entries = 0;
    std::size_t bytes = 0;
    std::size_t layouts_made = 0; // cache misses since the thread started
};
TextLayoutCacheStats text_layout_cache_stats();

// [SECTION] Text items -------------------------------------------------------------------------

// ImGui::TextUnformatted wrapped at the right edge of the content region (what text() and
// caption() draw), in the current font and ImGuiCol_Text. Long text is laid out once and only
// its visible lines are drawn; the item it submits has the size Dear ImGui would give it.
void draw_wrapped_text_item(std::string_view text);
// The same item when its size is known to be `size` (what draw_wrapped_text_item measured for
// it at this cursor, font and width) and it is one line: drawn without measuring it again, with
// the same output. Text colour: style colour `color`. False (nothing done) when the text is
// long or `size` is not one line high.
bool draw_known_text_item(std::string_view text, ImVec2 size, int color);

// [SECTION] Small helpers --------------------------------------------------------------------

// Width available from the cursor to the right edge of the content region (at least 1).
float available_width();

// True when a block of `size` at the cursor intersects the current window's clip rectangle,
// the test Dear ImGui applies to an item of that size (ImGui::IsRectVisible). Elements draw
// nothing but their layout when it fails, so off-screen elements add no vertices.
bool block_visible(ImVec2 size);

// A per-frame, per-context index for elements that need a Dear ImGui id of their own (tables,
// charts): the n-th such element drawn this frame gets n. Stable across frames as long as the
// page draws the same elements, which keeps table column widths and hover state where they are.
int next_instance_index();

ImU32 with_alpha(ImU32 col, float alpha);

// An error found while drawing: an error callout in place, reported to the observer.
void draw_render_error(std::string_view message);

} // namespace imlit::detail
