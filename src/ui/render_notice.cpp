// imlit — drawing of the status box's header label and of toasts. See render.hpp.
//
// Index
//   [SECTION] Status header
//   [SECTION] Toasts
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/render.hpp"
#include "ui/render_text.hpp"

namespace imlit::detail {

namespace {
constexpr float kPi = 3.14159265358979323846f;
constexpr ImU32 kComplete = IM_COL32(46, 170, 80, 255);
constexpr ImU32 kError = IM_COL32(224, 72, 72, 255);
constexpr double kTurnsPerSecond = 1.2; // the running icon, as the spinner element
} // namespace

// [SECTION] Status header --------------------------------------------------------------------

void draw_status_label(ImVec2 header_min, ImVec2 header_max, float text_x, ImVec2 clip_min,
                       ImVec2 clip_max, std::string_view label, StatusState state,
                       double time_seconds) {
    const FontChoice regular = pick_font(FontRole::regular);
    const ImGuiStyle& style = ImGui::GetStyle();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Clipped to the header row (a long label is cut, not wrapped) within the original clip.
    dl->PushClipRect(ImVec2(std::max(clip_min.x, header_min.x), std::max(clip_min.y, header_min.y)),
                     ImVec2(std::min(clip_max.x, header_max.x), std::min(clip_max.y, header_max.y)),
                     false);
    const float h = header_max.y - header_min.y;
    const float r = regular.size * 0.42f;
    const ImVec2 c(text_x + r, header_min.y + h * 0.5f);
    const float t = std::max(1.5f, r * 0.28f);
    switch (state) {
    case StatusState::running: {
        double phase = std::fmod(time_seconds * kTurnsPerSecond, 1.0);
        if (!std::isfinite(phase)) phase = 0;
        const float a0 = static_cast<float>(phase * 2 * kPi);
        dl->AddCircle(c, r, with_alpha(ImGui::GetColorU32(ImGuiCol_Text), 0.15f), 20, t);
        dl->PathArcTo(c, r, a0, a0 + kPi * 1.5f, 20);
        dl->PathStroke(ImGui::GetColorU32(ImGuiCol_CheckMark), 0, t);
        break;
    }
    case StatusState::complete: {
        const ImVec2 pts[3] = {ImVec2(c.x - 0.8f * r, c.y + 0.05f * r),
                               ImVec2(c.x - 0.25f * r, c.y + 0.6f * r),
                               ImVec2(c.x + 0.85f * r, c.y - 0.6f * r)};
        dl->AddPolyline(pts, 3, kComplete, 0, t);
        break;
    }
    case StatusState::error: {
        const float d = r * 0.7f;
        dl->AddLine(ImVec2(c.x - d, c.y - d), ImVec2(c.x + d, c.y + d), kError, t);
        dl->AddLine(ImVec2(c.x - d, c.y + d), ImVec2(c.x + d, c.y - d), kError, t);
        break;
    }
    }
    const float x = c.x + r + style.ItemInnerSpacing.x + 2;
    const ImVec2 size = measure_text(regular, label, 0); // one line: the header's height
    draw_text(dl, regular, ImVec2(x, header_min.y + (h - size.y) * 0.5f),
              ImGui::GetColorU32(ImGuiCol_Text), label, 0);
    dl->PopClipRect();
}

// [SECTION] Toasts ---------------------------------------------------------------------------

void draw_toasts(std::span<const ToastView> toasts) {
    if (toasts.empty()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float font = ImGui::GetFontSize();
    const float margin = font;
    const float width = std::min(font * 22, vp->WorkSize.x - 2 * margin);
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x - margin, vp->WorkPos.y + vp->WorkSize.y - margin),
        ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::SetNextWindowBgAlpha(0);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
    ImGui::Begin("##imlit_toasts", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                     ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::PopStyleVar(2);
    const FontChoice regular = pick_font(FontRole::regular);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 pad(font * 0.9f, font * 0.7f);
    const ImU32 bg = ImGui::GetColorU32(ImGuiCol_PopupBg);
    const ImU32 border = ImGui::GetColorU32(ImGuiCol_Border);
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
    for (const ToastView& t : toasts) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 size = measure_text(regular, t.text, width - 2 * pad.x);
        const ImVec2 q(p.x + width, p.y + size.y + 2 * pad.y);
        dl->AddRectFilled(p, q, with_alpha(bg, 0.96f * t.alpha), font * 0.4f);
        dl->AddRect(p, q, with_alpha(border, t.alpha), font * 0.4f);
        draw_text(dl, regular, ImVec2(p.x + pad.x, p.y + pad.y), with_alpha(ink, t.alpha), t.text,
                  width - 2 * pad.x);
        ImGui::Dummy(ImVec2(width, q.y - p.y));
    }
    ImGui::End();
}

} // namespace imlit::detail
