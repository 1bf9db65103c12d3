// Fonts (src/ui/fonts.*): only the fonts asked for are built, a font built on first use looks
// exactly like one built up front, and the first atlas can be built on a worker thread.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <imgui.h>

#include "imlit/cache.hpp"
#include "imlit/ui.hpp"
#include "ui/fonts.hpp"
#include "ui/render.hpp"
#include "ui/seam.hpp"

using namespace imlit::detail;

namespace {

// A private Dear ImGui context around `atlas` (not owned), made current for its lifetime.
class ImGuiScope {
public:
    explicit ImGuiScope(ImFontAtlas* atlas) : previous_(ImGui::GetCurrentContext()) {
        ctx_ = ImGui::CreateContext(atlas);
        ImGui::SetCurrentContext(ctx_);
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(800, 600);
        io.DeltaTime = 1.0f / 60;
        io.IniFilename = nullptr;
    }
    ~ImGuiScope() {
        set_fonts(Fonts{}); // a later context at this address must not see these fonts
        ImGui::DestroyContext(ctx_);
        ImGui::SetCurrentContext(previous_);
    }
    ImGuiScope(const ImGuiScope&) = delete;
    ImGuiScope& operator=(const ImGuiScope&) = delete;

    // One frame with `body` in a full-display window; returns its vertices.
    std::vector<ImDrawVert> frame(const std::function<void()>& body) {
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("fonts test", nullptr, ImGuiWindowFlags_NoDecoration);
        body();
        ImGui::End();
        ImGui::Render();
        std::vector<ImDrawVert> v;
        const ImDrawData* d = ImGui::GetDrawData();
        for (int i = 0; i < d->CmdListsCount; ++i)
            v.insert(v.end(), d->CmdLists[i]->VtxBuffer.begin(), d->CmdLists[i]->VtxBuffer.end());
        return v;
    }

private:
    ImGuiContext* previous_;
    ImGuiContext* ctx_;
};

constexpr float kSize = 16;

void build(ImFontAtlas& atlas) {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
}

// The alpha pixels of glyph `c` of `font` (its rectangle in the atlas, row by row).
std::vector<unsigned char> glyph_pixels(ImFont* font, ImWchar c) {
    ImFontAtlas& atlas = *font->ContainerAtlas;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
    const ImFontGlyph* g = font->FindGlyphNoFallback(c);
    REQUIRE(g != nullptr);
    const int x0 = static_cast<int>(g->U0 * static_cast<float>(w) + 0.5f);
    const int x1 = static_cast<int>(g->U1 * static_cast<float>(w) + 0.5f);
    const int y0 = static_cast<int>(g->V0 * static_cast<float>(h) + 0.5f);
    const int y1 = static_cast<int>(g->V1 * static_cast<float>(h) + 0.5f);
    std::vector<unsigned char> out;
    for (int y = y0; y < y1; ++y)
        out.insert(out.end(), pixels + y * w + x0, pixels + y * w + x1);
    return out;
}

// Positions and colours of the vertices (UVs differ between atlases: the glyphs are packed in
// other places, so they are compared through glyph_pixels instead).
bool same_layout(const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].pos.x != b[i].pos.x || a[i].pos.y != b[i].pos.y || a[i].col != b[i].col)
            return false;
    return true;
}

} // namespace

TEST_CASE("fonts: add_fonts adds only the roles asked for", "[fonts]") {
    ImFontAtlas atlas;
    const Fonts f = add_fonts(atlas, kSize, font_bit(FontId::regular) | font_bit(FontId::large));
    CHECK(atlas.Fonts.Size == 2);
    CHECK(f.regular.get() == atlas.Fonts[0]); // the body font is the atlas default
    REQUIRE(f.large.get() != nullptr);
    build(atlas);
    CHECK(f.large.get()->FontSize == 2 * kSize);
    CHECK(f.regular.get()->FontSize == kSize);
    CHECK(f.bold.get() == nullptr);
    CHECK(f.mono.get() == nullptr);
    CHECK(f.built() == (font_bit(FontId::regular) | font_bit(FontId::large)));
    CHECK(add_fonts(atlas, kSize).built() == kAllFonts);
}

TEST_CASE("fonts: a font built on first use looks exactly like one built up front", "[fonts]") {
    const auto body = [] {
        draw_title("Hello, fonts");
        ImGui::TextUnformatted("body text");
    };

    // Built up front: all six.
    ImFontAtlas eager_atlas;
    const Fonts eager_fonts = add_fonts(eager_atlas, kSize);
    build(eager_atlas);
    std::vector<ImDrawVert> eager;
    {
        ImGuiScope ctx(&eager_atlas);
        set_fonts(eager_fonts);
        ctx.frame(body);
        eager = ctx.frame(body);
        CHECK(wanted_fonts() == 0);
    }

    // On first use: only the body font built (the app runner also builds the title font up
    // front; the mechanism is the same for any font missing).
    ImFontAtlas lazy_atlas;
    const Fonts first = add_fonts(lazy_atlas, kSize, font_bit(FontId::regular));
    build(lazy_atlas);
    ImGuiScope ctx(&lazy_atlas);
    set_lazy_fonts(first);
    const std::vector<ImDrawVert> stand_in = ctx.frame(body);
    CHECK(wanted_fonts() == font_bit(FontId::large)); // the title asked for the large font
    CHECK_FALSE(same_layout(stand_in, eager));        // ... and was drawn in a stand-in
    ImFont* regular_before = fonts().regular.get();

    CHECK(build_wanted_fonts() == font_bit(FontId::large));
    CHECK(wanted_fonts() == 0);
    CHECK(fonts().regular.get() == regular_before); // pointers handed out stay valid
    REQUIRE(fonts().large.get() != nullptr);
    CHECK(fonts().large.get()->FontSize == 2 * kSize);
    CHECK(fonts().bold.get() == nullptr); // nothing else was built
    build(lazy_atlas);

    const std::vector<ImDrawVert> drawn = ctx.frame(body);
    CHECK(wanted_fonts() == 0);
    CHECK(same_layout(drawn, eager)); // the same glyph metrics: the same layout
    for (ImWchar c : {ImWchar('H'), ImWchar('e'), ImWchar('f'), ImWchar(',')}) {
        INFO("glyph " << static_cast<int>(c));
        CHECK(glyph_pixels(fonts().large.get(), c) == glyph_pixels(eager_fonts.large.get(), c));
        CHECK(glyph_pixels(fonts().regular.get(), c) == glyph_pixels(eager_fonts.regular.get(), c));
    }
}

TEST_CASE("fonts: only fonts built on first use record that a frame wanted them", "[fonts]") {
    ImFontAtlas atlas;
    const Fonts first = add_fonts(atlas, kSize, font_bit(FontId::regular));
    build(atlas);
    ImGuiScope ctx(&atlas);
    set_fonts(first); // not lazy: a missing font stays missing (elements use a stand-in)
    ctx.frame([] { draw_title("no large font here"); });
    CHECK(wanted_fonts() == 0);
    CHECK(build_wanted_fonts() == 0);
    CHECK(atlas.Fonts.Size == 1);
}

TEST_CASE("fonts: FontAtlasBuild builds the first atlas on a worker and hands it over", "[fonts]") {
    FontAtlasBuild build_job(kSize, font_bit(FontId::regular) | font_bit(FontId::bold));
    Fonts f;
    std::unique_ptr<ImFontAtlas> atlas = build_job.take(f);
    REQUIRE(atlas != nullptr);
    CHECK(atlas->IsBuilt());
    CHECK(atlas->TexPixelsRGBA32 != nullptr); // what the OpenGL3 backend uploads, ready
    CHECK(f.built() == (font_bit(FontId::regular) | font_bit(FontId::bold)));
    CHECK(f.regular.get()->ContainerAtlas == atlas.get());
    CHECK(build_job.take(f) == nullptr); // handed over once
    ImGuiScope ctx(atlas.get());
    set_fonts(f);
    CHECK(fonts().bold.get() == f.bold.get());
}

TEST_CASE("fonts: a replay measured with a stand-in font is measured again once the font is built",
          "[fonts]") {
    // A loader on a worker records without drawing, so the first replay is where its header's
    // font is first asked for: measured with a stand-in there. The replay clipper then skips the
    // header out of view by its remembered footprint; after the font is built that footprint
    // must not be reused (the bold heading wraps into more lines than its stand-in).
    static std::vector<std::string> lines;
    if (lines.empty())
        for (int i = 0; i < 40; ++i)
            lines.push_back("line " + std::to_string(i));
    static auto page = imlit::cache_data(
        [] {
            for (const auto& l : lines)
                imlit::text(l);
            imlit::header("A header long enough to wrap over several lines of a narrow page, "
                          "where bold glyphs are wider than their stand-in's");
            imlit::text("after the header");
            return 0;
        },
        {.name = "fonts_replay_page"});
    const auto cursor_after_page = [](FontMask first_fonts, bool lazy) {
        ImFontAtlas atlas;
        const Fonts f = add_fonts(atlas, kSize, first_fonts);
        build(atlas);
        ImGuiScope ctx(&atlas);
        ImGui::GetIO().DisplaySize = ImVec2(320, 200);
        if (lazy)
            set_lazy_fonts(f);
        else
            set_fonts(f);
        auto session = Session::create({});
        float y = 0;
        const auto frame = [&] {
            ImGui::NewFrame();
            session->run_frame([&] {
                for (int i = 0; i < 20; ++i) // tall from the first frame: the scrollbar is
                    imlit::text("above");    // already there when the page first replays
                (void)page();
                y = ImGui::GetCursorPosY();
            });
            ImGui::Render();
            if (build_wanted_fonts() != 0) build(atlas);
        };
        frame(); // starts (or finds) the load
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (work_in_flight() != 0 && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        for (int i = 0; i < 4; ++i)
            frame();
        session.reset();
        return y;
    };
    const float lazy = cursor_after_page(font_bit(FontId::regular), true);
    const float eager = cursor_after_page(kAllFonts, false);
    CHECK(lazy == eager);
    imlit::clear_data_caches();
}
