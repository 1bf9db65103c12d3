// imlit internal — the drawing functions behind the rich elements.
//
// Plain functions that draw one element with Dear ImGui (1.86 API) at the current cursor of
// the current window. They know nothing about commands, recordings or sessions: the element
// layer (elements.cpp) wraps each one into a command. UI thread only, between NewFrame and
// Render, inside a window. They never throw on bad input: they draw an error callout in place.
//
// Every function draws the same Dear ImGui output for the same input and window state (no
// hidden clocks, no per-call allocation once warm), so a replayed recording draws exactly
// what the direct calls drew.
//
// Index
//   [SECTION] Errors found while drawing
//   [SECTION] Typography
//   [SECTION] Callouts and small elements
//   [SECTION] Image
//   [SECTION] Table
//   [SECTION] Charts
//   [SECTION] Markdown
//   [SECTION] Status header and toasts (render_notice.cpp)
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "imlit/ui.hpp"
#include "ui/markdown_parse.hpp"

struct ImVec2;

namespace imlit::detail {

// [SECTION] Errors found while drawing ---------------------------------------------------
// Bad input found while drawing (a series with no points or mismatched x, NaN progress, an
// empty or failed texture) is drawn as an error callout in place and, when an
// observer is installed on this thread, also passed to it (AppTest logs it as an "error"
// element). `message` is only valid during the call. Null `fn`: none.
using RenderErrorObserver = void (*)(void* user, std::string_view message);
void set_render_error_observer(RenderErrorObserver fn, void* user);

// [SECTION] Typography -----------------------------------------------------------------------
// Headings, wrapped to the available width, in the heading fonts of fonts.hpp (or the current
// font scaled up when those are not loaded).
void draw_title(std::string_view text);     // Fonts::large (2x)
void draw_header(std::string_view text);    // Fonts::heading (1.5x), with a rule under it
void draw_subheader(std::string_view text); // Fonts::subheading (1.25x)

// [SECTION] Callouts and small elements ----------------------------------------------------
enum class CalloutKind { success, info, warning, error };

// A full-width box tinted by kind with a drawn icon (check, i, !, x) and wrapped text.
void draw_callout(CalloutKind kind, std::string_view text);
// An error callout whose first line is `type` (bold) and whose body is `what`.
void draw_exception(std::string_view type, std::string_view what);
// A monospace block on a tinted background; long lines wrap. `language` (may be empty) is
// shown dimmed in the top-right corner.
void draw_code(std::string_view source, std::string_view language = {});
// The height draw_code(source) takes when the content region at the cursor is `width` wide.
float code_block_height(std::string_view source, float width);
// A dimmed label, a big value, and an optional delta under it: a leading '-' is a fall (down
// arrow), anything else a rise (up arrow). Colours: normal (rise green, fall red), inverse
// (rise red, fall green), off (grey).
void draw_metric(std::string_view label, std::string_view value, std::string_view delta = {},
                 DeltaColor delta_color = DeltaColor::normal);
// A full-width progress bar. fraction is clamped to [0, 1]; NaN draws an error callout.
// text empty: "NN%".
void draw_progress(float fraction, std::string_view text = {});
// A rotating arc followed by `text`. `time_seconds` drives the animation (pass the session
// clock or ImGui::GetTime()); the same time draws the same frame.
void draw_spinner(std::string_view text, double time_seconds);

// [SECTION] Image ------------------------------------------------------------------------------
// Draws `texture` at `size` (0 components: natural size, keeping the aspect ratio; a natural
// width wider than the available width is scaled down to it). Uploads to the GPU on first
// draw through the installed TextureBackend (texture.hpp); headless (no backend) it draws a
// placeholder rectangle of the same size. An empty or failed texture draws an error callout.
void draw_image(const Texture& texture, Size size = {});

// [SECTION] Table ------------------------------------------------------------------------------
// A scrolling Dear ImGui table with a frozen header row; rows go through ImGuiListClipper, so
// only visible rows are submitted. Number columns are right-aligned with
// options.number_precision digits; string columns left-aligned; cells past the end of a short
// column are blank. No columns: the caption "empty table". At most 64 columns are shown (Dear
// ImGui's limit), with a caption saying how many were left out.
// Returns the number of rows submitted this call (for tests and benchmarks).
std::size_t draw_table(const Table& table, const TableOptions& options);

// [SECTION] Charts -------------------------------------------------------------------------
// One chart of any kind (render_chart.cpp: frame, axes, legend, zoom, hover;
// render_chart_marks.cpp: the marks), from its spec, data and prepared facts (chart_model.hpp),
// with `state` the chart's legend and zoom state (read, and changed by this frame's input) and
// `id` its Dear ImGui id seed. Problems in `prep` are drawn as error callouts in place; the
// valid series still draw. Returns the points (line vertices, markers, bar corners) submitted,
// for tests and benchmarks.
struct ChartSpec;
struct ChartPrep;
struct ChartState;
std::size_t draw_chart(const ChartSpec& spec, std::span<const Series> series,
                       const ChartPrep& prep, ChartState& state, std::uint64_t id);

// [SECTION] Markdown ------------------------------------------------------------------------
// The subset imlit::markdown documents: MarkdownBlock, parse_markdown (markdown_parse.hpp).

// A parsed source, shared by every markdown() call and recording with the same text, with the
// layout of its last drawing (line breaks for one width and set of fonts) so a frame draws only
// the blocks and lines in view. Immutable but for that layout, which is guarded.
struct MarkdownLayout;
struct MarkdownDocument : std::enable_shared_from_this<MarkdownDocument> {
    std::vector<MarkdownBlock> blocks;
    std::size_t bytes = 0; // markdown_byte_size(blocks) + sizeof(*this)
    mutable std::mutex layout_mutex;
    mutable std::shared_ptr<MarkdownLayout> layout;
};

// The parsed form of `source`, from a process-wide cache keyed by the XXH3-128 hash of its
// bytes (at most kMarkdownCacheDocuments documents and kMarkdownCacheBytes bytes of parsed
// blocks; least recently used out first), parsing it on a miss. Any thread.
inline constexpr std::size_t kMarkdownCacheDocuments = 256;
inline constexpr std::size_t kMarkdownCacheBytes = std::size_t(64) << 20;
std::shared_ptr<const MarkdownDocument> markdown_document(std::string_view source);
// Documents parsed since the process started (cache misses), for tests.
std::size_t markdown_documents_parsed();

// Draws the blocks at the cursor: off-screen blocks only take their space; a visible paragraph
// draws only its lines in view. The layout is made on the first draw and again when the width
// or fonts change.
void draw_markdown(const MarkdownDocument& document);
void draw_markdown(std::string_view source); // markdown_document() + draw

// [SECTION] Status header and toasts ----------------------------------------------------------
// The label of a status box, drawn after its body (so it shows the state the body left) into
// the header row Dear ImGui's CollapsingHeader drew with no text: the state icon (a spinning
// arc at `time_seconds`, a check mark, a cross) at `text_x` (where the header's own label
// would start, after its arrow), then the label. `clip` is the clip rectangle the header was
// drawn with.
void draw_status_label(ImVec2 header_min, ImVec2 header_max, float text_x, ImVec2 clip_min,
                       ImVec2 clip_max, std::string_view label, StatusState state,
                       double time_seconds);

// Toasts stacked in the bottom-right corner of the main viewport, newest at the bottom, each
// faded by its alpha (0..1), in a window of their own above the page.
struct ToastView {
    std::string_view text;
    float alpha = 1;
};
void draw_toasts(std::span<const ToastView> toasts);

} // namespace imlit::detail
