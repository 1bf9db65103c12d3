// imlit internal — the fonts every element draws with.
//
// The app runner loads them once into the Dear ImGui font atlas (load_fonts) and elements
// pick one with fonts(). Headless sessions (AppTest) may load them too, or not: every pointer
// may be null, and font_or_default() then falls back to the current default font. Fonts are
// remembered per Dear ImGui context, so a stale pointer from another context is never returned.
#pragma once

struct ImFont;

namespace imlit::detail {

struct Fonts {
    ImFont* regular = nullptr;    // body text: DejaVu Sans, font_size px (the atlas default font)
    ImFont* bold = nullptr;       // emphasis, widget captions: DejaVu Sans Bold, font_size px
    ImFont* mono = nullptr;       // code blocks, inline code: DejaVu Sans Mono, 0.95 * font_size
    ImFont* large = nullptr;      // title(): DejaVu Sans Bold, 2 * font_size
    ImFont* heading = nullptr;    // header(): DejaVu Sans Bold, 1.5 * font_size
    ImFont* subheading = nullptr; // subheader(): DejaVu Sans Bold, 1.25 * font_size
    float size = 13;              // pixel size of `regular` (13: Dear ImGui's built-in font)
};

// The fonts of the current Dear ImGui context (all null when none were loaded for it).
// UI thread only.
const Fonts& fonts();
// Remember `f` as the fonts of the current Dear ImGui context.
void set_fonts(const Fonts& f);
// `f` when not null, else the current default font (ImGui::GetFont()).
ImFont* font_or_default(ImFont* f);

// Add imlit's fonts to the current context's atlas at `pixel_size` (already multiplied by the
// content scale) and remember them with set_fonts(). DejaVu Sans/Bold/Mono come from
// /usr/share/fonts/truetype/dejavu (package fonts-dejavu-core); a missing file falls back to
// Dear ImGui's built-in font (scaled), never fails. Call before the atlas is built (before the
// renderer backend creates the font texture). Returns the fonts set.
const Fonts& load_fonts(float pixel_size);

} // namespace imlit::detail
