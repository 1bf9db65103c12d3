// imlit internal — the fonts every element draws with.
//
// Six fonts (body, bold, mono and three heading sizes; ~870 glyphs each, 2x horizontal
// oversampling) take tens of milliseconds to rasterise, most of it for fonts a page may not
// show. So the app runner builds only the body font and the title's (nearly every page starts
// with imlit::title) before the first frame, on a worker thread while GLFW opens the window
// (FontAtlasBuild), and the others on first use: a frame that asks
// for a font the atlas does not hold yet gets a stand-in, the runner then adds the font and
// draws that frame again before showing it (build_wanted_fonts), so no frame is ever shown in
// a stand-in font. Headless sessions (AppTest) build all six up front, or none: every pointer
// may be null, and elements then fall back to the current default font. Fonts are remembered
// per Dear ImGui context, so a stale pointer from another context is never returned.
//
// Index
//   [SECTION] Font roles and Fonts
//   [SECTION] Adding fonts to an atlas
//   [SECTION] Fonts built on first use (the app runner)
//   [SECTION] FontAtlasBuild: the first atlas, off the UI thread
#pragma once

#include <cstdint>
#include <memory>
#include <thread>

struct ImFont;
struct ImFontAtlas;

namespace imlit::detail {

// [SECTION] Font roles and Fonts ------------------------------------------------------------

enum class FontId : std::uint8_t { regular, bold, mono, large, heading, subheading };
using FontMask = std::uint8_t; // one bit per FontId
constexpr FontMask font_bit(FontId id) {
    return static_cast<FontMask>(1u << static_cast<unsigned>(id));
}
inline constexpr FontMask kAllFonts = 0x3F;

// Called when a frame reads the pointer of a font that is built on first use and is not built
// yet (fonts.cpp).
void note_font_wanted(FontId id) noexcept;

// A font pointer as elements read it. Reading a null one whose font is built on first use (the
// app runner's fonts) records that a frame wanted it; the conversion is what elements already
// do (`ImFont* f = fonts().large`), so they need not know about lazy building.
class FontRef {
public:
    explicit FontRef(FontId id) noexcept : id_(id) {}
    FontRef& operator=(ImFont* font) noexcept {
        font_ = font;
        return *this;
    }
    operator ImFont*() const noexcept { // NOLINT: implicit on purpose (see above)
        if (font_ == nullptr && lazy_) note_font_wanted(id_);
        return font_;
    }
    ImFont* get() const noexcept { return font_; } // without recording anything
    FontId id() const noexcept { return id_; }
    void set_lazy(bool lazy) noexcept { lazy_ = lazy; }

private:
    ImFont* font_ = nullptr;
    FontId id_;
    bool lazy_ = false;
};

struct Fonts {
    FontRef regular{FontId::regular}; // body text: DejaVu Sans, font_size px (atlas default)
    FontRef bold{FontId::bold};       // emphasis, widget captions: DejaVu Sans Bold, font_size px
    FontRef mono{FontId::mono};       // code blocks, inline code: DejaVu Sans Mono, 0.95 * size
    FontRef large{FontId::large};     // title(): DejaVu Sans Bold, 2 * font_size
    FontRef heading{FontId::heading}; // header(): DejaVu Sans Bold, 1.5 * font_size
    FontRef subheading{FontId::subheading}; // subheader(): DejaVu Sans Bold, 1.25 * font_size
    float size = 13; // pixel size of `regular` (13: Dear ImGui's built-in font)

    FontRef& operator[](FontId id) noexcept;
    const FontRef& operator[](FontId id) const noexcept;
    FontMask built() const noexcept; // the roles with a font
};

// The fonts of the current Dear ImGui context (all null when none were loaded for it).
// UI thread only.
const Fonts& fonts();
// Remember `f` as the fonts of the current Dear ImGui context (none built on first use).
void set_fonts(const Fonts& f);
// `f` when not null, else the current default font (ImGui::GetFont()).
ImFont* font_or_default(ImFont* f);

// [SECTION] Adding fonts to an atlas -----------------------------------------------------------

// Add the fonts in `roles` to `atlas` at `pixel_size` (already multiplied by the content scale)
// and return them (the others null). `regular`, when included and the atlas is empty, becomes
// the atlas default. DejaVu Sans/Bold/Mono come from /usr/share/fonts/truetype/dejavu (package
// fonts-dejavu-core); a missing file falls back to Dear ImGui's built-in font (scaled), never
// fails. Needs no Dear ImGui context; the atlas is built later (ImFontAtlas::Build, or when a
// backend asks for its pixels).
Fonts add_fonts(ImFontAtlas& atlas, float pixel_size, FontMask roles = kAllFonts);

// add_fonts() of all six into the current context's atlas, then set_fonts(). Call before the
// atlas is built (before the renderer backend creates the font texture). Returns the fonts.
const Fonts& load_fonts(float pixel_size);

// [SECTION] Fonts built on first use (the app runner) -----------------------------------------

// Remember `f` (built in the current context's atlas at f.size) as the fonts of the current
// context; the roles `f` lacks are built on first use.
void set_lazy_fonts(const Fonts& f);
// The roles frames asked for since the last build_wanted_fonts() that the atlas lacks.
FontMask wanted_fonts();
// Add the wanted roles to the current context's atlas and rebuild it (between frames: not
// between NewFrame and Render). The renderer must then upload the font texture again. Returns
// the roles added (0: nothing was wanted).
FontMask build_wanted_fonts();

// [SECTION] FontAtlasBuild: the first atlas, off the UI thread -------------------------------

// Builds `roles` at `pixel_size` into a new atlas on a worker thread: add_fonts(),
// ImFontAtlas::Build() and the RGBA32 pixels the OpenGL3 backend uploads. Start it early and
// take() the atlas when the Dear ImGui context is made (ImGui::CreateContext(atlas)).
//
// While it runs, no Dear ImGui context may be made current: Dear ImGui's allocator counts
// allocations in the current context (a plain global), which the worker would then race on.
// take() (or the destructor) joins, so make the context after it.
class FontAtlasBuild {
public:
    FontAtlasBuild(float pixel_size, FontMask roles);
    ~FontAtlasBuild(); // joins; frees an atlas not taken
    FontAtlasBuild(const FontAtlasBuild&) = delete;
    FontAtlasBuild& operator=(const FontAtlasBuild&) = delete;

    float pixel_size() const { return pixel_size_; }
    // Waits for the build and hands over the built atlas and its fonts (once).
    std::unique_ptr<ImFontAtlas> take(Fonts& fonts);

private:
    void build() noexcept;

    float pixel_size_;
    FontMask roles_;
    std::unique_ptr<ImFontAtlas> atlas_;
    Fonts fonts_;
    std::thread worker_; // not joinable when the build ran inline (no thread could start)
};

} // namespace imlit::detail
