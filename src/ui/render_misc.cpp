// imlit — drawing of the small elements: typography, callouts, code, metric, progress, spinner,
// image. See render.hpp.
//
// Index
//   [SECTION] Shared helpers (render_text.hpp; the text ones are in render_text.cpp)
//   [SECTION] Typography
//   [SECTION] Callouts
//   [SECTION] Code
//   [SECTION] Metric, progress, spinner
//   [SECTION] Image
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/fonts.hpp"
#include "ui/render.hpp"
#include "ui/render_text.hpp"
#include "ui/texture.hpp"

namespace imlit::detail {

namespace {
constexpr float kPi = 3.14159265358979323846f;
}

// [SECTION] Shared helpers ---------------------------------------------------------------------

int next_instance_index() {
    struct Counter {
        ImGuiContext* context = nullptr;
        int frame = -1;
        int next = 0;
    };
    thread_local Counter c;
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    const int frame = ImGui::GetFrameCount();
    if (c.context != ctx || c.frame != frame) c = Counter{ctx, frame, 0};
    return c.next++;
}

ImU32 with_alpha(ImU32 col, float alpha) {
    ImVec4 v = ImGui::ColorConvertU32ToFloat4(col);
    v.w *= alpha;
    return ImGui::ColorConvertFloat4ToU32(v);
}

namespace {
struct ErrorObserver {
    RenderErrorObserver fn = nullptr;
    void* user = nullptr;
};
thread_local ErrorObserver t_error_observer;
} // namespace

void set_render_error_observer(RenderErrorObserver fn, void* user) {
    t_error_observer = ErrorObserver{fn, user};
}

void draw_render_error(std::string_view message) {
    draw_callout(CalloutKind::error, message);
    if (t_error_observer.fn) t_error_observer.fn(t_error_observer.user, message);
}

namespace {

// A block of `height` pixels spanning `width` at the cursor, registered as one item.
void reserve(float width, float height) {
    ImGui::Dummy(ImVec2(width, height));
}

// [SECTION] Typography -----------------------------------------------------------------------

// The space under a header's text: 4 px to the rule, 2 px under it.
constexpr float kRuleGap = 4;
constexpr float kRuleSpace = 6;

void draw_heading(std::string_view text, FontRole role, bool rule) {
    const float width = available_width();
    const TextBlock block = layout_text(pick_font(role), text, width);
    const float text_h = std::max(block.size.y, block.font.size);
    const float height = text_h + (rule ? kRuleSpace : 0);
    if (block_visible(ImVec2(width, height))) {
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        draw_text(dl, block, pos, ImGui::GetColorU32(ImGuiCol_Text));
        if (rule) {
            const float y = std::floor(pos.y + text_h + kRuleGap) + 0.5f; // pixel centre: crisp
            dl->AddLine(ImVec2(pos.x, y), ImVec2(pos.x + width, y),
                        ImGui::GetColorU32(ImGuiCol_Separator), 1.0f);
        }
    }
    reserve(width, height);
}

} // namespace

void draw_title(std::string_view text) {
    draw_heading(text, FontRole::large, false);
}
void draw_header(std::string_view text) {
    draw_heading(text, FontRole::heading, true);
}
void draw_subheader(std::string_view text) {
    draw_heading(text, FontRole::subheading, false);
}

// [SECTION] Callouts ---------------------------------------------------------------------------
namespace {

ImU32 callout_color(CalloutKind kind) {
    switch (kind) {
    case CalloutKind::success:
        return IM_COL32(46, 160, 67, 255);
    case CalloutKind::info:
        return IM_COL32(56, 132, 244, 255);
    case CalloutKind::warning:
        return IM_COL32(230, 164, 30, 255);
    case CalloutKind::error:
        return IM_COL32(224, 72, 72, 255);
    }
    return IM_COL32(128, 128, 128, 255);
}

// The icon: a filled disc in the kind's colour with a glyph drawn as lines (no font needed).
void draw_callout_icon(ImDrawList* dl, CalloutKind kind, ImVec2 c, float r) {
    const ImU32 col = callout_color(kind);
    const ImU32 ink = IM_COL32(255, 255, 255, 255);
    const float t = std::max(1.5f, r * 0.22f);
    dl->AddCircleFilled(c, r, col, 20);
    switch (kind) {
    case CalloutKind::success: {
        const ImVec2 pts[3] = {ImVec2(c.x - 0.45f * r, c.y + 0.02f * r),
                               ImVec2(c.x - 0.12f * r, c.y + 0.36f * r),
                               ImVec2(c.x + 0.46f * r, c.y - 0.34f * r)};
        dl->AddPolyline(pts, 3, ink, 0, t);
        break;
    }
    case CalloutKind::info:
        dl->AddCircleFilled(ImVec2(c.x, c.y - 0.45f * r), t * 0.75f, ink, 8);
        dl->AddLine(ImVec2(c.x, c.y - 0.12f * r), ImVec2(c.x, c.y + 0.55f * r), ink, t);
        break;
    case CalloutKind::warning:
        dl->AddLine(ImVec2(c.x, c.y - 0.55f * r), ImVec2(c.x, c.y + 0.15f * r), ink, t);
        dl->AddCircleFilled(ImVec2(c.x, c.y + 0.47f * r), t * 0.75f, ink, 8);
        break;
    case CalloutKind::error: {
        const float d = 0.38f * r;
        dl->AddLine(ImVec2(c.x - d, c.y - d), ImVec2(c.x + d, c.y + d), ink, t);
        dl->AddLine(ImVec2(c.x - d, c.y + d), ImVec2(c.x + d, c.y - d), ink, t);
        break;
    }
    }
}

void draw_callout_box(CalloutKind kind, std::string_view title, std::string_view body) {
    const FontChoice regular = pick_font(FontRole::regular);
    const FontChoice bold = pick_font(FontRole::bold);
    const float pad = std::round(regular.size * 0.6f);
    const float icon_r = std::round(regular.size * 0.55f);
    const float width = available_width();
    const float text_x = pad + icon_r * 2 + pad;
    const float wrap = std::max(1.0f, width - text_x - pad);

    float text_h = 0;
    TextBlock title_block;
    if (!title.empty()) {
        title_block = layout_text(bold, title, wrap);
        text_h += title_block.size.y + 2;
    }
    const TextBlock body_block = layout_text(regular, body, wrap);
    text_h += body_block.size.y;
    const float height = std::max(text_h, icon_r * 2) + pad * 2;
    if (!block_visible(ImVec2(width, height))) return reserve(width, height);

    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 col = callout_color(kind);
    const float rounding = ImGui::GetStyle().FrameRounding;
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + height), with_alpha(col, 0.16f), rounding);
    dl->AddRectFilled(p, ImVec2(p.x + 3, p.y + height), col, 0);
    draw_callout_icon(dl, kind, ImVec2(p.x + pad + icon_r, p.y + pad + icon_r), icon_r);

    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    float y = p.y + pad + std::max(0.0f, (icon_r * 2 - text_h) * 0.5f);
    if (!title.empty()) {
        draw_text(dl, title_block, ImVec2(p.x + text_x, y), text_col);
        y += title_block.size.y + 2;
    }
    draw_text(dl, body_block, ImVec2(p.x + text_x, y), text_col);
    reserve(width, height);
}

} // namespace

void draw_callout(CalloutKind kind, std::string_view text) {
    draw_callout_box(kind, {}, text);
}

void draw_exception(std::string_view type, std::string_view what) {
    draw_callout_box(CalloutKind::error, type.empty() ? std::string_view("exception") : type, what);
}

// [SECTION] Code -----------------------------------------------------------------------------

namespace {

// A code block's text and box for a content region `width` wide.
struct CodeBox {
    TextBlock block;
    float pad = 0;
    float height = 0;
};

CodeBox layout_code(std::string_view source, float width) {
    const FontChoice mono = pick_font(FontRole::mono);
    CodeBox box;
    box.pad = std::round(mono.size * 0.6f);
    // A trailing newline would add an empty last line to the box.
    while (!source.empty() && (source.back() == '\n' || source.back() == '\r'))
        source.remove_suffix(1);
    box.block = layout_text(mono, source, std::max(1.0f, width - box.pad * 2));
    box.height = std::max(box.block.size.y, mono.size) + box.pad * 2;
    return box;
}

} // namespace

float code_block_height(std::string_view source, float width) {
    return layout_code(source, width).height;
}

void draw_code(std::string_view source, std::string_view language) {
    const float width = available_width();
    const CodeBox box = layout_code(source, width);
    if (!block_visible(ImVec2(width, box.height))) return reserve(width, box.height);

    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + box.height),
                      ImGui::GetColorU32(ImGuiCol_FrameBg), ImGui::GetStyle().FrameRounding);
    draw_text(dl, box.block, ImVec2(p.x + box.pad, p.y + box.pad),
              ImGui::GetColorU32(ImGuiCol_Text));
    if (!language.empty()) {
        const FontChoice small = pick_font(FontRole::regular);
        const ImVec2 ls = measure_text(small, language);
        draw_text(dl, small, ImVec2(p.x + width - ls.x - 4, p.y + 2),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), language);
    }
    reserve(width, box.height);
}

// [SECTION] Metric, progress, spinner --------------------------------------------------------

void draw_metric(std::string_view label, std::string_view value, std::string_view delta) {
    const FontChoice regular = pick_font(FontRole::regular);
    const float wrap = available_width();
    const TextBlock label_block = layout_text(regular, label, wrap);
    const TextBlock value_block = layout_text(pick_font(FontRole::large), value, wrap);
    float height = label_block.size.y + 2 + value_block.size.y + 2;
    float width = std::max(label_block.size.x, value_block.size.x);

    while (!delta.empty() && delta.front() == ' ')
        delta.remove_prefix(1);
    const float arrow = regular.size * 0.35f; // arrow half-width
    const float delta_x = arrow * 2 + 4;
    TextBlock delta_block;
    if (!delta.empty()) {
        delta_block = layout_text(regular, delta, std::max(1.0f, wrap - delta_x));
        height += std::max(delta_block.size.y, regular.size);
        width = std::max(width, delta_x + delta_block.size.x);
    }
    width = std::max(1.0f, width);
    if (!block_visible(ImVec2(width, height))) return reserve(width, height);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw_text(dl, label_block, p, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    float y = p.y + label_block.size.y + 2;
    draw_text(dl, value_block, ImVec2(p.x, y), ImGui::GetColorU32(ImGuiCol_Text));
    y += value_block.size.y + 2;
    if (!delta.empty()) {
        const bool down = delta.front() == '-';
        const ImU32 col = down ? IM_COL32(224, 72, 72, 255) : IM_COL32(46, 170, 80, 255);
        const float a = arrow;
        const float cx = p.x + a, cy = y + regular.size * 0.5f;
        if (down)
            dl->AddTriangleFilled(ImVec2(cx - a, cy - a * 0.6f), ImVec2(cx + a, cy - a * 0.6f),
                                  ImVec2(cx, cy + a * 0.8f), col);
        else
            dl->AddTriangleFilled(ImVec2(cx - a, cy + a * 0.6f), ImVec2(cx + a, cy + a * 0.6f),
                                  ImVec2(cx, cy - a * 0.8f), col);
        draw_text(dl, delta_block, ImVec2(p.x + delta_x, y), col);
    }
    reserve(width, height);
}

void draw_progress(float fraction, std::string_view text) {
    if (std::isnan(fraction)) {
        draw_render_error("progress: fraction is NaN (expected a value in [0, 1])");
        return;
    }
    fraction = std::clamp(fraction, 0.0f, 1.0f);
    thread_local std::string overlay; // reused: no allocation per frame once warm
    if (text.empty()) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%d%%", int(std::lround(fraction * 100.0f)));
        overlay.assign(buf);
    } else {
        overlay.assign(text);
    }
    ImGui::ProgressBar(fraction, ImVec2(-FLT_MIN, 0), overlay.c_str());
}

void draw_spinner(std::string_view text, double time_seconds) {
    const FontChoice regular = pick_font(FontRole::regular);
    const float line = ImGui::GetFrameHeight();
    const float r = regular.size * 0.5f;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c(p.x + r + 1, p.y + line * 0.5f);
    constexpr double kTurnsPerSecond = 1.2;
    double phase = std::fmod(time_seconds * kTurnsPerSecond, 1.0);
    if (!std::isfinite(phase)) phase = 0;
    const float a0 = float(phase * 2 * kPi);
    dl->AddCircle(c, r, with_alpha(ImGui::GetColorU32(ImGuiCol_Text), 0.15f), 24,
                  std::max(2.0f, r * 0.3f));
    dl->PathArcTo(c, r, a0, a0 + kPi * 1.5f, 24);
    dl->PathStroke(ImGui::GetColorU32(ImGuiCol_CheckMark), 0, std::max(2.0f, r * 0.3f));
    const float tx = r * 2 + 2 + ImGui::GetStyle().ItemInnerSpacing.x;
    const float wrap = std::max(1.0f, available_width() - tx);
    const TextBlock block = layout_text(regular, text, wrap);
    draw_text(dl, block, ImVec2(p.x + tx, p.y + (line - regular.size) * 0.5f),
              ImGui::GetColorU32(ImGuiCol_Text));
    reserve(tx + block.size.x, std::max(line, block.size.y));
}

// [SECTION] Image ----------------------------------------------------------------------------

void draw_image(const Texture& texture, Size size) {
    if (!texture.ok()) {
        thread_local std::string message;
        message.assign("image: ");
        message += texture.error();
        draw_render_error(message);
        return;
    }
    const float tw = float(texture.width()), th = float(texture.height());
    float w = std::isfinite(size.width) ? std::max(0.0f, size.width) : 0.0f;
    float h = std::isfinite(size.height) ? std::max(0.0f, size.height) : 0.0f;
    if (w == 0 && h == 0) {
        w = tw;
        h = th;
        const float avail = available_width();
        if (w > avail) { // fit the column, keeping the aspect ratio
            h = h * avail / w;
            w = avail;
        }
    } else if (h == 0) {
        h = th * w / tw;
    } else if (w == 0) {
        w = tw * h / th;
    }
    const ImVec2 extent(std::max(1.0f, w), std::max(1.0f, h));
    if (ImTextureID id = texture.data()->gpu_id()) {
        ImGui::Image(id, extent);
        return;
    }
    // Headless (or the upload failed): a placeholder of the same size keeps layout and draw
    // data deterministic.
    ImGui::Dummy(extent);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    dl->AddRectFilled(a, b, ImGui::GetColorU32(ImGuiCol_FrameBg));
    dl->AddRect(a, b, ImGui::GetColorU32(ImGuiCol_Border));
    dl->AddLine(a, b, ImGui::GetColorU32(ImGuiCol_Border));
    dl->AddLine(ImVec2(a.x, b.y), ImVec2(b.x, a.y), ImGui::GetColorU32(ImGuiCol_Border));
}

} // namespace imlit::detail
