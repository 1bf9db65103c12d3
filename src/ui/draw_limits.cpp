// imlit — replacing draw lists Dear ImGui's 16-bit indices cannot address (see draw_limits.hpp).
#include "ui/draw_limits.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

namespace imlit::detail {
namespace {

constexpr unsigned kIndexLimit = 1u << 16; // vertices one 16-bit-indexed draw command can use

// The most vertices any vertex-offset segment of `dl` uses (the whole list without offsets).
unsigned largest_segment(const ImDrawList& dl) {
    unsigned largest = 0;
    unsigned start = 0;
    for (const ImDrawCmd& cmd : dl.CmdBuffer) {
        if (cmd.VtxOffset != start) {
            largest = std::max(largest, cmd.VtxOffset - start);
            start = cmd.VtxOffset;
        }
    }
    largest = std::max(largest, static_cast<unsigned>(dl.VtxBuffer.Size) - start);
    return std::max(largest, dl._VtxCurrentIdx);
}

// Empties `dl` and draws `message` at the top of `min`..`max` (the window's rectangle).
void replace_with_message(ImGuiContext& g, ImDrawList& dl, ImVec2 min, ImVec2 max,
                          const std::string& message) {
    dl._ResetForNewFrame();
    dl.PushTextureID(g.Font->ContainerAtlas->TexID);
    dl.PushClipRect(min, max, false);
    const float pad = g.FontSize * 0.5f;
    const float wrap = std::max(1.0f, max.x - min.x - pad * 2);
    const char* b = message.data();
    const char* e = b + message.size();
    const ImVec2 text = g.Font->CalcTextSizeA(g.FontSize, FLT_MAX, wrap, b, e);
    dl.AddRectFilled(min, ImVec2(max.x, min.y + text.y + pad * 2), IM_COL32(120, 30, 30, 255));
    dl.AddText(g.Font, g.FontSize, ImVec2(min.x + pad, min.y + pad), IM_COL32(255, 255, 255, 255),
               b, e, wrap);
}

} // namespace

std::vector<std::string> replace_overflowing_draw_lists() {
    std::vector<std::string> messages;
    if constexpr (sizeof(ImDrawIdx) > 2) return messages;
    ImGuiContext* g = ImGui::GetCurrentContext();
    if (g == nullptr || g->Font == nullptr) return messages;
    auto check = [&](ImDrawList* dl, const char* name, ImVec2 min, ImVec2 max) {
        if (dl == nullptr) return;
        const unsigned used = largest_segment(*dl);
        if (used < kIndexLimit) return;
        messages.push_back(fmt::format(
            "imlit: '{}' drew {} vertices in one piece, more than the {} that Dear ImGui's 16-bit "
            "indices can address, so nothing of it is shown this frame. Draw less at once (or "
            "only what is visible) in custom() code.",
            name, used, kIndexLimit));
        replace_with_message(*g, *dl, min, max, messages.back());
    };
    for (ImGuiWindow* w : g->Windows)
        check(w->DrawList, w->Name, w->Pos, ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y));
    for (ImGuiViewportP* vp : g->Viewports) {
        const ImVec2 max(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y);
        check(vp->DrawLists[0], "background draw list", vp->Pos, max);
        check(vp->DrawLists[1], "foreground draw list", vp->Pos, max);
    }
    return messages;
}

} // namespace imlit::detail
