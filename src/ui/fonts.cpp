// imlit internal — fonts (see fonts.hpp).
#include "ui/fonts.hpp"

#include <array>
#include <filesystem>
#include <string>
#include <system_error>

#include <imgui.h>

namespace imlit::detail {
namespace {

constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

// Latin-1, Latin Extended-A, general punctuation (dashes, quotes, bullet, ellipsis), arrows,
// math operators, geometric shapes and check marks: what callouts, metrics and charts use.
constexpr ImWchar kGlyphRanges[] = {
    0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x205E, 0x2190, 0x21FF,
    0x2200, 0x22FF, 0x25A0, 0x25FF, 0x2713, 0x2717, 0,
};

constexpr std::array<FontId, 6> kAllIds = {FontId::regular, FontId::bold,    FontId::mono,
                                           FontId::large,   FontId::heading, FontId::subheading};

// Each role's file and size relative to the body size.
struct FontSpec {
    const char* file;
    float scale;
};
constexpr FontSpec spec(FontId id) {
    switch (id) {
    case FontId::regular:
        return {"DejaVuSans.ttf", 1.0f};
    case FontId::bold:
        return {"DejaVuSans-Bold.ttf", 1.0f};
    case FontId::mono:
        return {"DejaVuSansMono.ttf", 0.95f};
    case FontId::large:
        return {"DejaVuSans-Bold.ttf", 2.0f};
    case FontId::heading:
        return {"DejaVuSans-Bold.ttf", 1.5f};
    case FontId::subheading:
        return {"DejaVuSans-Bold.ttf", 1.25f};
    }
    return {"DejaVuSans.ttf", 1.0f};
}

// The fonts of one context, and (app runner) which roles are built on first use.
struct FontsSlot {
    ImGuiContext* context = nullptr;
    Fonts fonts;
    FontMask wanted = 0; // roles read while not built, since the last build
};
FontsSlot g_slot;
const Fonts g_none{};

bool readable(const char* path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

ImFont* add_font(ImFontAtlas& atlas, FontId id, float body_size) {
    const FontSpec s = spec(id);
    const float size = body_size * s.scale;
    const std::string path = std::string(kFontDir) + s.file;
    if (readable(path.c_str())) {
        ImFontConfig cfg;
        cfg.OversampleH = 2; // crisper at small sizes; the atlas stays small
        cfg.OversampleV = 1;
        if (ImFont* f = atlas.AddFontFromFileTTF(path.c_str(), size, &cfg, kGlyphRanges)) return f;
    }
    ImFontConfig cfg;
    cfg.SizePixels = size;
    return atlas.AddFontDefault(&cfg);
}

} // namespace

// [SECTION] Font roles and Fonts ------------------------------------------------------------

void note_font_wanted(FontId id) noexcept {
    g_slot.wanted |= font_bit(id);
}

FontRef& Fonts::operator[](FontId id) noexcept {
    switch (id) {
    case FontId::regular:
        return regular;
    case FontId::bold:
        return bold;
    case FontId::mono:
        return mono;
    case FontId::large:
        return large;
    case FontId::heading:
        return heading;
    case FontId::subheading:
        return subheading;
    }
    return regular;
}

const FontRef& Fonts::operator[](FontId id) const noexcept {
    return const_cast<Fonts&>(*this)[id];
}

FontMask Fonts::built() const noexcept {
    FontMask m = 0;
    for (FontId id : kAllIds)
        if ((*this)[id].get() != nullptr) m |= font_bit(id);
    return m;
}

const Fonts& fonts() {
    // A context made later at a destroyed context's address must not get fonts from another
    // atlas (Dear ImGui asserts that a pushed font belongs to the current atlas).
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (ctx == nullptr || g_slot.context != ctx) return g_none;
    if (g_slot.fonts.regular.get() != nullptr &&
        g_slot.fonts.regular.get()->ContainerAtlas != ImGui::GetIO().Fonts)
        return g_none;
    return g_slot.fonts;
}

void set_fonts(const Fonts& f) {
    g_slot.context = ImGui::GetCurrentContext();
    g_slot.fonts = f;
    for (FontId id : kAllIds)
        g_slot.fonts[id].set_lazy(false);
    g_slot.wanted = 0;
}

ImFont* font_or_default(ImFont* f) {
    return f != nullptr ? f : ImGui::GetFont();
}

// [SECTION] Adding fonts to an atlas -----------------------------------------------------------

Fonts add_fonts(ImFontAtlas& atlas, float pixel_size, FontMask roles) {
    Fonts f;
    f.size = pixel_size;
    // In this order: the first font added to an empty atlas is its default, the body font.
    for (FontId id : kAllIds)
        if ((roles & font_bit(id)) != 0) f[id] = add_font(atlas, id, pixel_size);
    return f;
}

const Fonts& load_fonts(float pixel_size) {
    set_fonts(add_fonts(*ImGui::GetIO().Fonts, pixel_size));
    return fonts();
}

// [SECTION] Fonts built on first use (the app runner) -----------------------------------------

void set_lazy_fonts(const Fonts& f) {
    set_fonts(f);
    for (FontId id : kAllIds)
        g_slot.fonts[id].set_lazy(g_slot.fonts[id].get() == nullptr);
}

FontMask wanted_fonts() {
    if (g_slot.context != ImGui::GetCurrentContext()) return 0;
    return static_cast<FontMask>(g_slot.wanted & ~g_slot.fonts.built());
}

FontMask build_wanted_fonts() {
    const FontMask add = wanted_fonts();
    g_slot.wanted = 0;
    if (add == 0) return 0;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    // Adding a font drops the atlas's pixels; Build() rasterises every font again (the ImFont
    // objects already handed out stay valid and are refilled).
    const Fonts added = add_fonts(atlas, g_slot.fonts.size, add);
    for (FontId id : kAllIds) {
        if ((add & font_bit(id)) == 0) continue;
        g_slot.fonts[id] = added[id].get();
        g_slot.fonts[id].set_lazy(false);
    }
    atlas.Build();
    return add;
}

// [SECTION] FontAtlasBuild: the first atlas, off the UI thread -------------------------------

FontAtlasBuild::FontAtlasBuild(float pixel_size, FontMask roles)
    : pixel_size_(pixel_size), roles_(roles), atlas_(std::make_unique<ImFontAtlas>()) {
    try {
        worker_ = std::thread([this] { build(); });
    } catch (const std::system_error&) {
        build(); // no thread to be had: build here (slower start, same atlas)
    }
}

FontAtlasBuild::~FontAtlasBuild() {
    if (worker_.joinable()) worker_.join();
}

void FontAtlasBuild::build() noexcept {
    fonts_ = add_fonts(*atlas_, pixel_size_, roles_);
    // Build the atlas and the RGBA32 copy the OpenGL3 backend uploads (cached in the atlas).
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    atlas_->GetTexDataAsRGBA32(&pixels, &width, &height);
}

std::unique_ptr<ImFontAtlas> FontAtlasBuild::take(Fonts& fonts) {
    if (worker_.joinable()) worker_.join();
    fonts = fonts_;
    return std::move(atlas_);
}

} // namespace imlit::detail
