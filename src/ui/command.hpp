// imlit internal — command values, the recording arena, widget values and hashing.
//
// A command is a small value describing one element, widget or container call. On the direct
// path it holds views into the caller's data and is executed at once (no allocation). A
// Recording keeps a self-contained copy: strings and arrays are interned into the recording's
// Arena (chunked, never moves), Textures/Tables/Series/closures are copied into arena-owned
// objects. Big commands (widgets, container begins) are held by pointer so a Command stays
// small (56 bytes).
//
// Index
//   [SECTION] Widget values
//   [SECTION] Commands
//   [SECTION] Arena
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "imlit/hash.hpp"
#include "imlit/ui.hpp"
#include "ui/render.hpp"

namespace imlit::detail {

// [SECTION] Widget values ----------------------------------------------------------------------

enum class WidgetKind : std::uint8_t {
    checkbox,
    button,
    slider_int,
    slider_float,
    number_input,
    text_input,
    selectbox,
    radio,
    multiselect,
    color_picker,
};

// Element-log kind of a widget: "checkbox", "button", "slider" (both), "number_input", ...
const char* widget_kind_name(WidgetKind kind);

// A widget's value in the store, by kind:
//   checkbox, button     bool
//   slider_int           int
//   slider_float         float
//   number_input         double
//   selectbox, radio     std::size_t   (index into the options)
//   text_input           std::string
//   multiselect          std::vector<std::size_t>  (ascending indices into the options)
//   color_picker         Color
using WidgetValue = std::variant<bool, int, float, double, std::size_t, std::string,
                                 std::vector<std::size_t>, Color>;

// XXH3-128 over a type-tagged encoding of `v` (-0.0 hashes as 0.0). The one place widget
// values are hashed (cache keys, WidgetRead).
Hash128 hash_widget_value(const WidgetValue& v);

// [SECTION] Commands ----------------------------------------------------------------------------

enum class TextStyle : std::uint8_t { title, header, subheader, text, caption };

struct TextCmd {
    TextStyle style;
    std::string_view text;
};
struct CalloutCmd {
    CalloutKind kind;
    std::string_view text;
};
struct MarkdownCmd {
    std::string_view source;
    const MarkdownDocument* document = nullptr; // recorded: parsed once, shared by content
};
struct CodeCmd {
    std::string_view source, language;
};
struct ExceptionCmd {
    std::string_view type, what;
};
struct SeparatorCmd {};
struct ProgressCmd {
    float fraction;
    std::string_view text;
};
struct SpinnerCmd {
    std::string_view text;
    double elapsed = -1; // >= 0: show_spinner's "(1.2 s)" suffix
};
struct MetricCmd {
    std::string_view label, value, delta;
};
struct ImageCmd {
    const Texture* texture;
    Size size;
};
struct TableCmd {
    const Table* table;
    TableOptions options;
};
struct ChartCmd {
    std::span<const Series> series;
    const ChartOptions* options;
};
struct CustomCmd {
    const std::function<void()>* fn;
};

struct WidgetCmd {
    WidgetKind kind = WidgetKind::checkbox;
    bool framework = false;     // retry_button: fixed id, allowed inside cached scopes
    std::uint64_t fixed_id = 0; // framework widgets only
    std::string_view label, key;
    bool def_bool = false;                     // checkbox
    double def_num = 0;                        // slider_int, slider_float, number_input
    double min = 0, max = 0;                   // sliders
    double step = 0;                           // number_input
    std::string_view def_text;                 // text_input
    std::span<const std::string_view> options; // selectbox, radio, multiselect
    std::size_t def_index = 0;                 // selectbox, radio
    std::span<const std::size_t> def_indices;  // multiselect (ascending)
    std::string_view bad_default;              // multiselect: a default not among the options
    Color def_color;                           // color_picker
};

enum class ContainerKind : std::uint8_t {
    root, // page root / loader site (never emitted)
    sidebar,
    expander,
    container,
    columns, // group
    tabs,    // group
    column,  // group child
    tab,     // group child
};

struct BeginCmd {
    ContainerKind kind = ContainerKind::container;
    bool flag = false;                         // expander: expanded by default; container: border
    std::uint32_t index = 0;                   // group child: which child
    std::string_view label;                    // expander label, container key
    std::span<const float> weights;            // columns (count = weights.size())
    std::span<const std::string_view> labels;  // tabs
    std::uint64_t group = 0;                   // group child: the group's id
    std::atomic<std::uint32_t>* end = nullptr; // recorded: index of the matching EndCmd + 1 (0:
                                               // not yet known)
};
struct EndCmd {};

using Command = std::variant<TextCmd, CalloutCmd, MarkdownCmd, CodeCmd, ExceptionCmd, SeparatorCmd,
                             ProgressCmd, SpinnerCmd, MetricCmd, ImageCmd, TableCmd, ChartCmd,
                             CustomCmd, const WidgetCmd*, const BeginCmd*, EndCmd>;

// The index of alternative T in Command, for a `switch (cmd.index())` on the hot paths (replay,
// execute); a switch's `default:` can std::visit the rest.
template <class T, class V>
struct CommandIndexOf;
template <class T, class... Ts>
struct CommandIndexOf<T, std::variant<Ts...>> {
    static constexpr std::size_t value = [] {
        constexpr bool is[] = {std::is_same_v<T, Ts>...};
        std::size_t i = 0;
        while (i < sizeof...(Ts) && !is[i])
            ++i;
        return i;
    }();
    static_assert(value < sizeof...(Ts), "not a Command alternative");
};
template <class T>
inline constexpr std::size_t kCommandIndex = CommandIndexOf<T, Command>::value;

// [SECTION] Arena -----------------------------------------------------------------------------
// Chunked bump allocator: addresses never move, so views into it stay valid for the life of the
// arena. Objects with destructors are registered and destroyed (in reverse) with the arena.
// Single writer.
class Arena {
public:
    Arena() = default;
    Arena(const Arena&) = delete;
    Arena& operator=(const Arena&) = delete;
    ~Arena();

    void* allocate(std::size_t size, std::size_t align);
    std::string_view intern(std::string_view s);
    template <class T>
    std::span<const T> intern_array(std::span<const T> src) {
        if (src.empty()) return {};
        T* p = static_cast<T*>(allocate(sizeof(T) * src.size(), alignof(T)));
        for (std::size_t i = 0; i < src.size(); ++i)
            new (p + i) T(src[i]);
        if constexpr (!std::is_trivially_destructible_v<T>) {
            for (std::size_t i = 0; i < src.size(); ++i)
                own(p + i);
        }
        return {p, src.size()};
    }
    // Copies of the views, each pointing at its own interned copy of the characters.
    std::span<const std::string_view> intern_views(std::span<const std::string_view> src) {
        if (src.empty()) return {};
        auto* p = static_cast<std::string_view*>(
            allocate(sizeof(std::string_view) * src.size(), alignof(std::string_view)));
        for (std::size_t i = 0; i < src.size(); ++i)
            p[i] = intern(src[i]);
        return {p, src.size()};
    }
    template <class T, class... A>
    T* make(A&&... args) {
        T* p = new (allocate(sizeof(T), alignof(T))) T(std::forward<A>(args)...);
        if constexpr (!std::is_trivially_destructible_v<T>) own(p);
        return p;
    }
    // Bytes held by chunks plus bytes reported by add_external (heap owned by arena objects).
    std::size_t byte_size() const { return bytes_ + external_; }
    void add_external(std::size_t n) { external_ += n; }

private:
    template <class T>
    void own(T* p) {
        dtors_.push_back({p, [](void* q) { static_cast<T*>(q)->~T(); }});
    }
    struct Dtor {
        void* p;
        void (*fn)(void*);
    };
    std::vector<char*> chunks_;
    char* cur_ = nullptr;
    std::size_t left_ = 0;
    std::size_t next_chunk_ = 1024;
    std::size_t bytes_ = 0;
    std::size_t external_ = 0;
    std::vector<Dtor> dtors_;
};

} // namespace imlit::detail
