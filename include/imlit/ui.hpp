// imlit — elements, widgets and containers.
//
// Every function here turns into a small command value handed to the current sink
// (see docs/ARCHITECTURE.md): outside a cached scope it draws at once; inside one it is
// also recorded and replayed on later frames. All of them must be called from a frame
// function (imlit::run, imlit::testing::AppTest) or from a cached loader; elsewhere they
// throw std::logic_error naming the function.
//
// Index
//   [SECTION] Value types (Color, Texture, Table, Series), request_redraw
//   [SECTION] Elements
//   [SECTION] Widgets
//   [SECTION] Containers
#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

namespace imlit {

// [SECTION] Value types ----------------------------------------------------------------------

// RGBA colour, components in [0, 1].
struct Color {
    float r = 0, g = 0, b = 0, a = 1;
    friend bool operator==(const Color&, const Color&) = default;
};

struct Size {
    float width = 0;  // 0: natural size (the image's own pixels, or the available width)
    float height = 0; // 0: natural size (keeps the aspect ratio when only width is given)
};

namespace detail {
struct TextureData;
struct ContainerAccess;
} // namespace detail

// Options of Texture::from_file: {.max_size = 256} for a thumbnail.
struct TextureLoadOptions {
    int max_size = 0; // 0: full size; else scaled down (never up) so that the longer side is
                      // at most max_size pixels, aspect ratio kept (sRGB-aware filtering)
};

// An image on the GPU. Cheap to copy (shared handle). May be created on any thread: pixels
// are kept in memory and uploaded on the UI thread on first draw (with mipmaps, so a big
// image drawn small does not shimmer); the GL texture is deleted on the UI thread when the
// last handle goes. A Texture that failed to load keeps the error and image() shows it in
// place.
class Texture {
public:
    Texture() = default; // empty: image() shows an error
    // From tightly packed 8-bit RGBA pixels (width*height*4 bytes). Throws
    // std::invalid_argument when the size does not match.
    static Texture from_rgba(int width, int height, std::span<const std::uint8_t> rgba);
    // From an image file (PNG, JPEG, BMP, ... via stb_image), decoded (and downsized, see
    // TextureLoadOptions) on the calling thread: call it inside a cached loader so that the
    // work happens on a worker. Never throws: a missing or unreadable file, or a negative
    // max_size, gives a Texture whose error() names the path and the reason.
    static Texture from_file(const std::filesystem::path& path, TextureLoadOptions options = {});

    int width() const;                 // 0 when empty or failed
    int height() const;                // 0 when empty or failed
    bool ok() const;                   // pixels available
    const std::string& error() const;  // empty when ok()
    // Memory the texture costs: its pixels in memory plus gpu_byte_size(). What cache
    // budgets count (byte_size(const Texture&)).
    std::size_t byte_size() const;
    // GPU memory of its uploaded copy: width*height*4 plus a third for the mipmaps. Counted
    // from the start, whether or not it has been drawn (uploaded) yet. 0 when empty or failed.
    std::size_t gpu_byte_size() const;
    const detail::TextureData* data() const { return data_.get(); }
    friend bool operator==(const Texture& a, const Texture& b) { return a.data_ == b.data_; }

private:
    std::shared_ptr<detail::TextureData> data_;
};

// A table: named columns, each all strings or all numbers. Rows are clipped when drawn,
// so 100,000 rows scroll smoothly.
struct Table {
    struct Column {
        std::string name;
        std::variant<std::vector<std::string>, std::vector<double>> values;
    };
    std::vector<Column> columns;
    std::size_t rows() const; // length of the longest column (shorter ones show blanks)
};

struct TableOptions {
    float height = 300;       // visible height in pixels; rows beyond it scroll
    int number_precision = 3; // digits after the point for number columns
};

// One line of a line chart. x empty: x = 0, 1, 2, ...; otherwise x.size() == y.size().
struct Series {
    std::string name;
    std::vector<double> y;
    std::vector<double> x = {};
};

struct ChartOptions {
    float height = 220;      // plot height in pixels (width: the available width)
    std::string x_label = {}; // axis captions, empty: none
    std::string y_label = {};
};

// Any thread: ask for another frame soon (wakes an idle frame loop). Cheap; safe to call often.
void request_redraw();

// [SECTION] Elements -------------------------------------------------------------------------

void title(std::string_view text);     // largest heading
void header(std::string_view text);    // section heading, with a rule under it
void subheader(std::string_view text); // smaller heading
void text(std::string_view text);      // plain wrapped text
void caption(std::string_view text);   // small, dimmed text

namespace detail {
void text_formatted(fmt::string_view format, fmt::format_args args);
}
// fmt-style formatted text: imlit::text("{:.2f} ms", t). Formats into a reused buffer.
template <class... Args>
    requires(sizeof...(Args) > 0)
void text(fmt::format_string<Args...> format, Args&&... args) {
    detail::text_formatted(format, fmt::make_format_args(args...));
}

// Markdown subset: '#', '##', '###' headings; **bold**; '- ' / '* ' bullet and '1. '
// numbered lists; `inline code`; ``` fenced code blocks ```; [links](url) shown as their text.
void markdown(std::string_view source);
void code(std::string_view source, std::string_view language = {}); // monospace block
void success(std::string_view text); // green callout
void info(std::string_view text);    // blue callout
void warning(std::string_view text); // amber callout
void error(std::string_view text);   // red callout
void exception(const std::exception& e); // red callout with the exception's type and what()
void separator();                        // horizontal rule
// Progress bar; fraction is clamped to [0, 1] (NaN shows an error). text empty: "NN%".
void progress(float fraction, std::string_view text = {});
// Animated spinner with text. While visible it keeps frames coming (no idle).
void spinner(std::string_view text = "Loading...");
// A big number with a label and an optional delta ("+1.2%" green, "-3" red).
void metric(std::string_view label, std::string_view value, std::string_view delta = {});
void image(const Texture& texture, Size size = {}); // a failed/empty texture: error in place
void table(const Table& table, TableOptions options = {});
void line_chart(std::span<const Series> series, ChartOptions options = {});
inline void line_chart(std::initializer_list<Series> series, ChartOptions options = {}) {
    line_chart(std::span<const Series>(series.begin(), series.size()), std::move(options));
}
// Raw Dear ImGui code kept as a closure: called in place, and replayed from a recording.
void custom(std::function<void()> draw);

// [SECTION] Widgets --------------------------------------------------------------------------
// A widget's value lives in the session's widget store under an id made from `key` (or the
// label when key is empty) and the container path. It returns the value the store held at
// the start of this call; a user's edit is written to the store and shows in the value
// returned on the next frame (drawn at once; the frame loop redraws immediately).
// Bad parameters and duplicate ids are errors shown in place, naming the widget; the
// widget then returns its default.

bool checkbox(std::string_view label, bool default_value = false, std::string_view key = {});
// True on the one frame after a click. Not allowed inside a cached scope.
bool button(std::string_view label, std::string_view key = {});
int slider(std::string_view label, int default_value, int min, int max,
           std::string_view key = {});
float slider(std::string_view label, float default_value, float min, float max,
             std::string_view key = {});
double number_input(std::string_view label, double default_value = 0, double step = 1,
                    std::string_view key = {});
std::string text_input(std::string_view label, std::string_view default_value = {},
                       std::string_view key = {});
// Returns the selected option (empty options: error in place, returns "").
std::string selectbox(std::string_view label, std::span<const std::string> options,
                      std::size_t default_index = 0, std::string_view key = {});
std::string selectbox(std::string_view label, std::initializer_list<std::string_view> options,
                      std::size_t default_index = 0, std::string_view key = {});
std::string radio(std::string_view label, std::span<const std::string> options,
                  std::size_t default_index = 0, std::string_view key = {});
std::string radio(std::string_view label, std::initializer_list<std::string_view> options,
                  std::size_t default_index = 0, std::string_view key = {});
// Returns the selected options, in the order of `options`.
std::vector<std::string> multiselect(std::string_view label, std::span<const std::string> options,
                                     std::span<const std::string> defaults = {},
                                     std::string_view key = {});
std::vector<std::string> multiselect(std::string_view label,
                                     std::initializer_list<std::string_view> options,
                                     std::initializer_list<std::string_view> defaults = {},
                                     std::string_view key = {});
Color color_picker(std::string_view label, Color default_value = {1, 1, 1, 1},
                   std::string_view key = {});

// [SECTION] Containers -----------------------------------------------------------------------
// RAII scopes: output issued while one is alive goes inside it.
//   if (auto e = imlit::expander("Details")) { imlit::text("..."); }
// The bool says whether the body is visible. Inside a cached loader it is always true, so
// the recording is complete; only drawing follows the open state.

class [[nodiscard]] Container {
public:
    Container() = default;
    Container(Container&& o) noexcept
        : ctx_(std::exchange(o.ctx_, nullptr)), token_(o.token_), open_(o.open_) {}
    Container& operator=(Container&&) = delete;
    ~Container();
    explicit operator bool() const { return open_; }

private:
    friend struct detail::ContainerAccess;
    void* ctx_ = nullptr; // the context that must close it; null: nothing to close
    std::uint64_t token_ = 0; // which open container it is (closing is a no-op once gone)
    bool open_ = false;
};

// A group of sibling containers: columns and tabs. Pick a child with operator[]; each child
// is a Container. Children can be filled in any order.
class [[nodiscard]] ContainerGroup {
public:
    ContainerGroup() = default;
    ContainerGroup(ContainerGroup&& o) noexcept
        : ctx_(std::exchange(o.ctx_, nullptr)), id_(o.id_), token_(o.token_), count_(o.count_),
          tabs_(o.tabs_) {}
    ContainerGroup& operator=(ContainerGroup&&) = delete;
    ~ContainerGroup();
    Container operator[](std::size_t index) const; // out of range: error in place, closed
    std::size_t size() const { return count_; }

private:
    friend struct detail::ContainerAccess;
    void* ctx_ = nullptr;
    std::uint64_t id_ = 0;    // the group's container id (children find it by this)
    std::uint64_t token_ = 0; // which open container it is
    std::size_t count_ = 0;
    bool tabs_ = false;       // tabs (else columns)
};

Container sidebar();                          // the left sidebar of the page
Container expander(std::string_view label, bool expanded = false); // collapsible section
Container container(std::string_view key = {}, bool border = false); // plain group
ContainerGroup columns(std::size_t count);    // equal-width columns (count >= 1)
ContainerGroup columns(std::initializer_list<float> weights); // relative widths (> 0)
ContainerGroup tabs(std::initializer_list<std::string_view> labels); // tab bar (>= 1 label)
ContainerGroup tabs(std::span<const std::string> labels);

} // namespace imlit
