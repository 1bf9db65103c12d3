// imlit internal — fonts (see fonts.hpp).
#include "ui/fonts.hpp"

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

struct FontsSlot {
    ImGuiContext* context = nullptr;
    Fonts fonts;
};
FontsSlot g_slot;
const Fonts g_none{};

bool readable(const char* path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

ImFont* add_font(const char* file, float size) {
    ImGuiIO& io = ImGui::GetIO();
    const std::string path = std::string(kFontDir) + file;
    if (readable(path.c_str())) {
        ImFontConfig cfg;
        cfg.OversampleH = 2; // crisper at small sizes; the atlas stays small
        cfg.OversampleV = 1;
        if (ImFont* f = io.Fonts->AddFontFromFileTTF(path.c_str(), size, &cfg, kGlyphRanges))
            return f;
    }
    ImFontConfig cfg;
    cfg.SizePixels = size;
    return io.Fonts->AddFontDefault(&cfg);
}

} // namespace

const Fonts& fonts() {
    // A context made later at a destroyed context's address must not get fonts from another
    // atlas (Dear ImGui asserts that a pushed font belongs to the current atlas).
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (ctx == nullptr || g_slot.context != ctx) return g_none;
    if (g_slot.fonts.regular != nullptr && g_slot.fonts.regular->ContainerAtlas != ImGui::GetIO().Fonts)
        return g_none;
    return g_slot.fonts;
}

void set_fonts(const Fonts& f) {
    g_slot.context = ImGui::GetCurrentContext();
    g_slot.fonts = f;
}

ImFont* font_or_default(ImFont* f) {
    return f != nullptr ? f : ImGui::GetFont();
}

const Fonts& load_fonts(float pixel_size) {
    Fonts f;
    f.size = pixel_size;
    // The first font added is the atlas default, so it must be the body font.
    f.regular = add_font("DejaVuSans.ttf", pixel_size);
    f.bold = add_font("DejaVuSans-Bold.ttf", pixel_size);
    f.mono = add_font("DejaVuSansMono.ttf", pixel_size * 0.95f);
    f.large = add_font("DejaVuSans-Bold.ttf", pixel_size * 2.0f);
    f.heading = add_font("DejaVuSans-Bold.ttf", pixel_size * 1.5f);
    f.subheading = add_font("DejaVuSans-Bold.ttf", pixel_size * 1.25f);
    set_fonts(f);
    return fonts();
}

} // namespace imlit::detail
