// imlit internal — helpers shared by the render_*.cpp drawing functions (not used elsewhere).
#pragma once

#include <cstddef>
#include <string_view>

#include <imgui.h>

namespace imlit::detail {

// What a piece of text is drawn with. When fonts.hpp's fonts are not loaded (headless), the
// current font is used, scaled for headings and drawn twice, 1 px apart, for bold.
enum class FontRole { regular, bold, mono, large, heading, subheading };
struct FontChoice {
    ImFont* font = nullptr;
    float size = 13;
    bool synthetic_bold = false;
};
FontChoice pick_font(FontRole role);

// Size of `text` drawn with `f`, wrapped at `wrap_width` (0: no wrapping).
ImVec2 measure_text(const FontChoice& f, std::string_view text, float wrap_width = 0);
void draw_text(ImDrawList* dl, const FontChoice& f, ImVec2 pos, ImU32 col, std::string_view text,
               float wrap_width = 0);

// Width available from the cursor to the right edge of the content region (at least 1).
float available_width();

// A per-frame, per-context index for elements that need a Dear ImGui id of their own (tables,
// charts): the n-th such element drawn this frame gets n. Stable across frames as long as the
// page draws the same elements, which keeps table column widths and hover state where they are.
int next_instance_index();

ImU32 with_alpha(ImU32 col, float alpha);

// An error found while drawing: an error callout in place, reported to the observer.
void draw_render_error(std::string_view message);

} // namespace imlit::detail
