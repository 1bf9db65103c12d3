// Long text (render_text.hpp): laid out once, drawn line by line with Dear ImGui's own line
// breaks, only the visible lines; its size is what Dear ImGui measures.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <imgui.h>

#include "test_render_headless.hpp"
#include "ui/render_text.hpp"

using imlit::test::HeadlessImGui;
namespace d = imlit::detail;

namespace {

struct Buffers {
    std::vector<ImDrawVert> vtx;
    std::vector<ImDrawIdx> idx;
};

// The vertices and indices `draw` adds to the current window's draw list.
template <class F>
Buffers added_by(F draw) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int v0 = dl->VtxBuffer.Size, i0 = dl->IdxBuffer.Size;
    const unsigned base = dl->_VtxCurrentIdx;
    draw(dl);
    Buffers b;
    b.vtx.assign(dl->VtxBuffer.Data + v0, dl->VtxBuffer.Data + dl->VtxBuffer.Size);
    for (int i = i0; i < dl->IdxBuffer.Size; ++i)
        b.idx.push_back(static_cast<ImDrawIdx>(dl->IdxBuffer[i] - base));
    return b;
}

bool same(const Buffers& a, const Buffers& b) {
    if (a.vtx.size() != b.vtx.size() || a.idx != b.idx) return false;
    for (std::size_t i = 0; i < a.vtx.size(); ++i) {
        const ImDrawVert &p = a.vtx[i], &q = b.vtx[i];
        if (p.pos.x != q.pos.x || p.pos.y != q.pos.y || p.uv.x != q.uv.x || p.uv.y != q.uv.y ||
            p.col != q.col)
            return false;
    }
    return true;
}

std::string repeat(std::string_view s, std::size_t bytes) {
    std::string out;
    while (out.size() < bytes)
        out += s;
    return out;
}

} // namespace

TEST_CASE("long text breaks into the lines Dear ImGui draws, glyph for glyph", "[render]") {
    // Tall enough that every line is visible, so the line-by-line drawing must emit exactly
    // what one wrapped ImDrawList::AddText call emits.
    HeadlessImGui gui(ImVec2(1400, 60000));
    const std::vector<std::string> texts = {
        repeat("Lorem ipsum dolor sit amet, consectetur. Adipiscing elit; sed do! ", 2500),
        repeat("word  spaced\ttabs   and\nnewlines\n\n  indented after a newline ", 2500),
        repeat("averyveryveryveryveryveryveryveryveryveryveryveryverylongword ", 2400),
        repeat("x", 3000), // one unbreakable word (at 1 px: 3,000 lines, all on screen)
        repeat("caf\xC3\xA9 \xE2\x86\x92 na\xC3\xAFve \xE2\x9C\x93 ", 2200), // UTF-8
        repeat("ends with blanks   \n", 2100) + "   ",
        repeat(std::string("nul\0byte ", 9), 2100),
        repeat("line\r\n", 2100),
    };
    for (float wrap : {0.0f, 1.0f, 37.0f, 300.0f, 1000.0f}) {
        for (const std::string& text : texts) {
            INFO("wrap " << wrap << ", text starting '" << text.substr(0, 24) << "'");
            REQUIRE(text.size() >= d::kLongTextBytes);
            gui.frame([&] {
                const d::FontChoice f = d::pick_font(d::FontRole::regular);
                const d::TextBlock block = d::layout_text(f, text, wrap);
                REQUIRE(block.lines != nullptr);
                const ImVec2 size = f.font->CalcTextSizeA(f.size, FLT_MAX, wrap, text.data(),
                                                          text.data() + text.size());
                CHECK(block.size.x == size.x);
                CHECK(block.size.y == size.y);
                const ImVec2 pos(10, 20);
                const Buffers ours =
                    added_by([&](ImDrawList* dl) { d::draw_text(dl, block, pos, IM_COL32_WHITE); });
                const Buffers imgui = added_by([&](ImDrawList* dl) {
                    dl->AddText(f.font, f.size, pos, IM_COL32_WHITE, text.data(),
                                text.data() + text.size(), wrap);
                });
                CHECK(imgui.vtx.size() > 0);
                CHECK(same(ours, imgui));
            });
        }
    }
}

TEST_CASE("long text draws only its visible lines and is laid out once", "[render]") {
    HeadlessImGui gui(ImVec2(1280, 900));
    const std::string paragraph = repeat("a paragraph without a newline, ", 1 << 20); // 1 MiB
    const std::size_t made = d::text_layout_cache_stats().layouts_made;
    for (int frame = 0; frame < 3; ++frame) {
        ImDrawData* dd = gui.frame([&] {
            const d::FontChoice f = d::pick_font(d::FontRole::regular);
            d::draw_text(ImGui::GetWindowDrawList(), f, ImVec2(0, -40000), IM_COL32_WHITE,
                         paragraph, 1200);
        });
        // ~60 visible lines of ~150 glyphs: far from 1 MiB's 4 million vertices.
        CHECK(dd->TotalVtxCount > 1000);
        CHECK(dd->TotalVtxCount < 60000);
    }
    CHECK(d::text_layout_cache_stats().layouts_made == made + 1);
    CHECK(d::text_layout_cache_stats().bytes < std::size_t(64) << 20);
}

TEST_CASE("a long text item has the size Dear ImGui gives it", "[render]") {
    HeadlessImGui gui(ImVec2(800, 600));
    const std::string text = repeat("measure me the way TextUnformatted would. ", 20000);
    float ours = 0, imgui = 0, imgui_width = 0, ours_width = 0;
    for (int frame = 0; frame < 2; ++frame)
        gui.frame([&] {
            float y = ImGui::GetCursorPosY();
            d::draw_wrapped_text_item(text);
            ours = ImGui::GetCursorPosY() - y;
            ours_width = ImGui::GetItemRectSize().x;
            y = ImGui::GetCursorPosY();
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(text.data(), text.data() + text.size());
            ImGui::PopTextWrapPos();
            imgui = ImGui::GetCursorPosY() - y;
            imgui_width = ImGui::GetItemRectSize().x;
        });
    CHECK(ours > 10 * ImGui::GetFontSize());
    CHECK(ours == imgui);
    CHECK(ours_width == imgui_width);
}

TEST_CASE("100,000 lines at a fractional font size end where their height says", "[render]") {
    HeadlessImGui gui(ImVec2(1000, 800));
    std::string text;
    for (int i = 0; i < 100000; ++i)
        text += "line " + std::to_string(i) + "\n";
    float lowest = 0;
    gui.frame([&] {
        d::FontChoice f = d::pick_font(d::FontRole::regular);
        f.size = 15.2f; // DejaVu Sans Mono at 0.95 x 16 px, as code blocks use
        const d::TextBlock block = d::layout_text(f, text, 900);
        // Lines x line height, not 100,000 float additions of 15.2 (those drift).
        CHECK(block.size.y == static_cast<float>(100000 * double(f.size)));
        const Buffers b = added_by([&](ImDrawList* dl) {
            d::draw_text(dl, block, ImVec2(10, 790 - block.size.y), IM_COL32_WHITE);
        });
        for (const ImDrawVert& v : b.vtx)
            lowest = std::max(lowest, v.pos.y);
    });
    CHECK(lowest > 790 - 15.2f); // the last line is drawn at the bottom of the text's box
    CHECK(lowest < 790 + 1);
}
