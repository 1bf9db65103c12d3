// imlit — skipping off-screen commands while replaying (see replay_clipper.hpp).
//
// What Dear ImGui 1.86's ItemSize() and ItemAdd() leave behind for an item without an id that
// is out of view, and that ReplayClipper::apply() reproduces:
//   ItemSize(size):  CursorPosPrevLine = (CursorPos.x + size.x, CursorPos.y)
//                    CursorPos = (line start x, floor(CursorPos.y + line height + spacing))
//                    CursorMaxPos = max(CursorMaxPos, (CursorPosPrevLine.x, CursorPos.y - spacing))
//                    PrevLineSize.y = line height; CurrLineSize.y = 0; text base offsets = 0
//   ItemAdd(bb, 0):  LastItemData = {id 0, current item flags, no status, rect bb};
//                    NextItemData.Flags cleared; clipped, so nothing else.
// From a whole-pixel y, the floor() makes the advance independent of where the command starts.
#include "ui/replay_clipper.hpp"

#include <algorithm>
#include <cmath>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/fonts.hpp"

namespace imlit::detail {

namespace {
thread_local ReplayClipStats t_stats;
} // namespace

ReplayClipStats replay_clip_stats() {
    return t_stats;
}

void ReplayClipper::drew_known_text() {
    ++t_stats.known_text;
}

ReplayClipper::ReplayClipper(FootprintCache& cache, std::size_t commands)
    : cache_(cache), lock_(cache.mutex, std::try_to_lock), g_(ImGui::GetCurrentContext()) {
    if (!lock_.owns_lock()) return;
    if (g_ == nullptr) {
        lock_.unlock();
        return;
    }
    imlit_font_ = fonts().regular;
    fonts_built_ = fonts().built();
    if (cache_.footprints.size() < commands) cache_.footprints.resize(commands);
}

ReplayClipper::~ReplayClipper() = default;

FootprintKey ReplayClipper::current_key() const {
    const ImGuiContext& g = *g_;
    const ImGuiWindow* w = g.CurrentWindow;
    FootprintKey key;
    key.x = w->DC.CursorPos.x;
    key.content_max_x =
        (w->DC.CurrentColumns || g.CurrentTable) ? w->WorkRect.Max.x : w->ContentRegionRect.Max.x;
    key.work_max_x = w->WorkRect.Max.x;
    key.font = g.Font;
    key.font_size = g.FontSize;
    key.spacing_y = g.Style.ItemSpacing.y;
    key.imlit_font = imlit_font_;
    key.fonts_built = fonts_built_;
    return key;
}

std::uint8_t ReplayClipper::key_index(const FootprintKey& key) {
    for (std::size_t k = 0; k < cache_.key_count; ++k)
        if (cache_.keys[k] == key) return static_cast<std::uint8_t>(k);
    if (cache_.key_count == FootprintCache::kMaxKeys) {
        // Footprints name their key by index: forget them all with the keys.
        std::fill(cache_.footprints.begin(), cache_.footprints.end(), Footprint{});
        cache_.key_count = 0;
    }
    cache_.keys[cache_.key_count] = key;
    return static_cast<std::uint8_t>(cache_.key_count++);
}

ReplayClipper::Step ReplayClipper::before(std::size_t index) {
    if (!lock_.owns_lock()) return Step::execute;
    ImGuiContext& g = *g_;
    ImGuiWindow* w = g.CurrentWindow;
    const float y0 = w->DC.CursorPos.y;
    // Only from the start of a line, at a whole-pixel y, in a plain vertical layout.
    if (w->SkipItems || g.LogEnabled || w->DC.LayoutType != ImGuiLayoutType_Vertical ||
        w->DC.CurrLineSize.y != 0 || w->DC.CurrLineTextBaseOffset != 0 || y0 != std::floor(y0) ||
        w->DC.CursorPos.x != std::floor(w->Pos.x + w->DC.Indent.x + w->DC.ColumnsOffset.x))
        return Step::execute;
    const FootprintKey key = current_key();
    Footprint& f = cache_.footprints[index];
    if (f.state != Footprint::unknown && cache_.keys[f.key] == key) {
        if (f.state == Footprint::unskippable) return Step::execute;
        // Every item lies in [y0, y0 + advance + 1): see the file comment.
        if (y0 >= w->ClipRect.Max.y || y0 + f.advance + 1 <= w->ClipRect.Min.y) {
            apply(f, y0);
            ++t_stats.skipped;
            return Step::skipped;
        }
        return Step::known;
    }
    window_ = w;
    y0_ = y0;
    saved_max_x_ = w->DC.CursorMaxPos.x;
    key_ = key_index(key);
    w->DC.CursorMaxPos.x = key.x; // so the items' right edges can be read afterwards
    return Step::measure;
}

void ReplayClipper::measured(std::size_t index) {
    ImGuiContext& g = *g_;
    ImGuiWindow* w = window_;
    const float max_x = w->DC.CursorMaxPos.x;
    w->DC.CursorMaxPos.x = std::max(saved_max_x_, max_x);
    Footprint& f = cache_.footprints[index];
    f = Footprint{};
    f.key = key_;
    f.advance = w->DC.CursorPos.y - y0_;
    f.last_advance = w->DC.CursorPos.y - w->DC.CursorPosPrevLine.y;
    f.last_height = w->DC.PrevLineSize.y;
    f.prev_line_x = w->DC.CursorPosPrevLine.x;
    f.max_x = max_x;
    const ImRect& last = g.LastItemData.Rect;
    // Anything but the plain items the file comment describes is executed every time.
    const bool plain = g.CurrentWindow == w && w->DC.CursorPos.x == cache_.keys[key_].x &&
                       w->DC.CurrLineSize.y == 0 && w->DC.CurrLineTextBaseOffset == 0 &&
                       w->DC.PrevLineTextBaseOffset == 0 && f.advance > 0 &&
                       g.LastItemData.ID == 0 && last.Min.x == cache_.keys[key_].x &&
                       last.Min.y == w->DC.CursorPosPrevLine.y && last.Max.x == f.prev_line_x &&
                       last.Max.y == last.Min.y + f.last_height;
    f.state = plain ? Footprint::skippable : Footprint::unskippable;
    ++t_stats.measured;
    window_ = nullptr;
}

ImVec2 ReplayClipper::known_size(std::size_t index) const {
    const Footprint& f = cache_.footprints[index];
    // Whole pixels (the line start is floored, text widths are rounded up): exact.
    return ImVec2(f.prev_line_x - cache_.keys[f.key].x, f.last_height);
}

void ReplayClipper::apply(const Footprint& f, float y0) const {
    ImGuiContext& g = *g_;
    ImGuiWindow* w = g.CurrentWindow;
    const float x = w->DC.CursorPos.x;
    const float y = y0 + f.advance;
    const float last_top = y - f.last_advance;
    w->DC.CursorPosPrevLine = ImVec2(f.prev_line_x, last_top);
    w->DC.CursorPos.y = y;
    w->DC.CursorMaxPos.x = std::max(w->DC.CursorMaxPos.x, f.max_x);
    w->DC.CursorMaxPos.y = std::max(w->DC.CursorMaxPos.y, y - g.Style.ItemSpacing.y);
    w->DC.PrevLineSize.y = f.last_height;
    w->DC.CurrLineSize.y = 0;
    w->DC.PrevLineTextBaseOffset = 0;
    w->DC.CurrLineTextBaseOffset = 0;
    g.LastItemData.ID = 0;
    g.LastItemData.InFlags = g.CurrentItemFlags;
    g.LastItemData.StatusFlags = ImGuiItemStatusFlags_None;
    g.LastItemData.Rect = ImRect(x, last_top, f.prev_line_x, last_top + f.last_height);
    g.LastItemData.NavRect = g.LastItemData.Rect;
    g.NextItemData.Flags = ImGuiNextItemDataFlags_None;
}

} // namespace imlit::detail
