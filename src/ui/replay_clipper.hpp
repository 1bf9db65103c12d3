// imlit internal — skipping off-screen commands while replaying, ImGuiListClipper-style.
//
// A *layout-only* command (text, title, header, subheader, caption, callouts, exception, code,
// metric, markdown) changes nothing in Dear ImGui but its window's layout: it submits items
// without ids, one under the other from the start of a line, and draws nothing for an item out
// of view. Where its items go is a function of its content and of the layout at the cursor (x,
// the content region's right edge, font, item spacing): its *footprint*. A recording remembers
// each such command's footprint for the layout it was last measured in (measured by executing
// the command once and reading the layout before and after). When a replay meets such a command
// out of view, it does not execute it: the cursor moves down by the known height and the
// window's per-line state and last-item data are set as the items would have left them, so
// everything after it draws exactly as it would have. In view, a one-line text() or caption()
// whose size is known is drawn without measuring it again (Dear ImGui measures wrapped text
// twice, once for its size and once while drawing); other commands execute as usual.
//
// Thread safety: a Recording may be replayed by several threads at once (rarely: AppTests on
// different threads). A replay uses the footprints only if it can lock them without waiting.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

#include <imgui.h>

struct ImGuiWindow;
struct ImGuiContext;

namespace imlit::detail {

// The layout a footprint holds for.
struct FootprintKey {
    float x = 0;             // cursor x (the start of the line)
    float content_max_x = 0; // right edge of the content region (ImGui::GetContentRegionAvail)
    float work_max_x = 0;    // right edge of the work rect (text wrap width)
    float font_size = 0;
    float spacing_y = 0; // style.ItemSpacing.y
    const ImFont* font = nullptr;
    const ImFont* imlit_font = nullptr; // fonts().regular: which set of imlit fonts is in use
    std::uint8_t fonts_built = 0; // fonts().built(): a font built on first use measures unlike
                                  // the stand-in drawn before it (ui/fonts.hpp)
    friend bool operator==(const FootprintKey&, const FootprintKey&) = default;
};

// What one layout-only command did to the layout (y values relative to where it started).
struct Footprint {
    enum State : std::uint8_t { unknown, skippable, unskippable };
    std::uint8_t key = 0; // index into FootprintCache::keys
    State state = unknown;
    float advance = 0;      // cursor y after - before
    float last_advance = 0; // cursor y after - the last item's top
    float last_height = 0;  // the last item's height (window->DC.PrevLineSize.y)
    float prev_line_x = 0;  // window->DC.CursorPosPrevLine.x after (the last item's right edge)
    float max_x = 0;        // the rightmost item edge (contributes to window->DC.CursorMaxPos.x)
};

// Per recording: one footprint per command (indexed like the commands), and the few layouts
// they were measured in.
struct FootprintCache {
    static constexpr std::size_t kMaxKeys = 8; // more distinct layouts: start over
    std::mutex mutex;
    std::vector<Footprint> footprints;
    std::array<FootprintKey, kMaxKeys> keys{};
    std::size_t key_count = 0;
};

// What replays on this thread did, since it started (for tests).
struct ReplayClipStats {
    std::size_t skipped = 0;    // commands out of view, not executed
    std::size_t known_text = 0; // text items in view drawn without measuring them
    std::size_t measured = 0;   // footprints measured
};
ReplayClipStats replay_clip_stats();

// One replay's use of a FootprintCache. Construct it only on a drawing context, at the start of
// the replay; it holds the cache's lock (when it got it) until destroyed.
class ReplayClipper {
public:
    explicit ReplayClipper(FootprintCache& cache, std::size_t commands);
    ~ReplayClipper();
    ReplayClipper(const ReplayClipper&) = delete;
    ReplayClipper& operator=(const ReplayClipper&) = delete;

    enum class Step {
        execute, // execute the command as usual
        skipped, // the command's layout was applied: do not execute it (log/record it only)
        measure, // execute it, then call measured()
        known,   // in view, footprint known (known_size()): execute it, or draw it knowing that
    };
    // Before layout-only command `index`, with the current Dear ImGui window drawing.
    Step before(std::size_t index);
    // After Step::known: the size of the command's last item; exact for a text item (whole
    // pixels), as ImGui::CalcTextSize gave it.
    ImVec2 known_size(std::size_t index) const;
    // After executing command `index` that before() answered Step::measure for.
    void measured(std::size_t index);
    // A Step::known text item was drawn from its known size (counted for tests).
    void drew_known_text();

private:
    FootprintKey current_key() const;
    std::uint8_t key_index(const FootprintKey& key);
    void apply(const Footprint& f, float y0) const;

    FootprintCache& cache_;
    std::unique_lock<std::mutex> lock_;
    ImGuiContext* g_ = nullptr;
    const ImFont* imlit_font_ = nullptr;
    std::uint8_t fonts_built_ = 0;
    // The measurement in progress.
    ImGuiWindow* window_ = nullptr;
    float y0_ = 0, saved_max_x_ = 0;
    std::uint8_t key_ = 0;
};

} // namespace imlit::detail
