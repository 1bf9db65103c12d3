// imlit internal — command values, the recording arena, widget values and hashing.
//
// A command is a small value describing one element, widget or container call. On the direct
// path it holds views into the caller's data and is executed at once (no allocation). A
// Recording keeps a self-contained copy: strings and arrays are interned into the recording's
// Arena (chunked, never moves), Textures/Tables/Series/closures are copied into arena-owned
// objects. Big commands (widgets, container begins, metrics) are held by pointer so a Command
// stays small (56 bytes).
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
#include <memory>
#include <mutex>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "imlit/hash.hpp"
#include "imlit/ui.hpp"
#include "ui/render.hpp"
#include "ui/seam.hpp"

namespace imlit::detail {

struct DataTableSpec; // ui/data_table.hpp
struct FileSpec;      // ui/file_browser.hpp

// [SECTION] Widget values ----------------------------------------------------------------------

enum class WidgetKind : std::uint8_t {
    checkbox,
    button,
    slider_int,
    slider_float,
    number_input_double,
    text_input,
    selectbox,
    radio,
    multiselect,
    color_picker,
    // Appended (the kind seeds unkeyed widget ids, so existing values must not move).
    toggle,
    slider_double,
    number_input_int,
    number_input_float,
    date_input,
    range_slider_int,
    range_slider_float,
    range_slider_double,
    data_table,      // imlit::table(label, DataFrame): the sort order (see data_table.hpp)
    table_selection, // the selected rows of a data table
    file_input,      // imlit::file_input (files.hpp): a path
    save_button,     // imlit::save_button: the last path saved to
};

// Element-log kind of a widget: "checkbox", "button", "slider" (int, float, double),
// "number_input" (all three), "range_slider" (all three), "toggle", "date_input", ...
const char* widget_kind_name(WidgetKind kind);

// A widget's value in the store, by kind:
//   checkbox, toggle, button      bool
//   slider_int, number_input_int  int
//   slider_float, number_input_float     float
//   slider_double, number_input_double   double
//   selectbox, radio              std::size_t   (index into the options)
//   text_input                    std::string
//   multiselect                   std::vector<std::size_t>  (ascending indices into the options)
//   color_picker                  Color
//   date_input                    Date
//   range_slider_int / _float / _double   std::pair of int / float / double (low <= high)
//   data_table                    std::string  (the sort order: "price descending, city ascending")
//   table_selection               std::vector<std::size_t>  (ascending row indices of the frame)
//   file_input, save_button       std::string  (the path; save_button: "" until saved)
// New alternatives go at the end: the index is part of the value's hash.
using WidgetValue = std::variant<bool, int, float, double, std::size_t, std::string,
                                 std::vector<std::size_t>, Color, Date, std::pair<int, int>,
                                 std::pair<float, float>, std::pair<double, double>>;

// XXH3-128 over a type-tagged encoding of `v` (-0.0 hashes as 0.0). The one place widget
// values are hashed (cache keys, WidgetRead).
Hash128 hash_widget_value(const WidgetValue& v);

// What a widget accepts as a value, beyond its type: checked when the harness or set_widget
// writes one (the user's own edits are kept inside these by the drawing code).
struct WidgetLimits {
    double min = 0, max = 0;        // sliders, range sliders, number inputs
    bool has_min = false;           // number inputs: bounded below (sliders: always)
    bool has_max = false;           // number inputs: bounded above (sliders: always)
    double step = 0;                // sliders, range sliders: values on min + k*step (0: any)
    std::size_t max_chars = 0;      // text_input (0: no limit)
    std::size_t max_selections = 0; // multiselect (0: no limit)
    Date min_date = {1, 1, 1};      // date_input
    Date max_date = {9999, 12, 31}; // date_input
};

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
    DeltaColor delta_color = DeltaColor::normal;
};
struct ImageCmd {
    const Texture* texture;
    Size size;
};
struct TableCmd {
    const Table* table;
    TableOptions options;
};
// Any chart (chart_model.hpp). Direct path: views of the caller's series and spec; `prep` null
// (computed per frame). Recorded: the series shared (`shared`) or copied once, the spec interned,
// and `prep` computed once when recorded (intern_chart).
struct ChartSpec;
struct ChartPrep;
struct ChartCmd {
    std::span<const Series> series;
    const ChartSpec* spec = nullptr;
    const ChartPrep* prep = nullptr;
    const std::shared_ptr<const std::vector<Series>>* shared = nullptr; // SharedSeries calls
};
struct CustomCmd {
    const std::function<void()>* fn;
};

// One widget call. The public functions fill it with designated initializers (the one
// conversion point from the options structs), so the field order here is theirs.
struct WidgetCmd {
    WidgetKind kind = WidgetKind::checkbox;
    bool framework = false;     // retry_button: fixed id, allowed inside cached scopes
    std::uint64_t fixed_id = 0; // framework widgets only
    std::string_view label = {}, key = {};
    std::string_view help = {}; // tooltip on a "(?)" marker ("": none)
    bool disabled = false;      // drawn disabled; the harness refuses to change it
    bool def_bool = false;      // checkbox, toggle
    double def_num = 0;         // sliders, number inputs; range sliders: low
    double def_num2 = 0;        // range sliders: high
    double min = 0, max = 0;    // sliders, range sliders; number inputs when has_min/has_max
    bool has_min = false, has_max = false; // number inputs
    double step = 0;                   // sliders: the grid (0: none); number inputs: -/+ (0: none)
    std::string_view format = {};      // sliders, number inputs ("": the kind's default)
    std::string_view def_text = {};    // text_input
    std::string_view placeholder = {}; // text_input; multiselect ("": "Choose options")
    bool multiline = false;            // text_input
    bool password = false;             // text_input
    std::size_t max_chars = 0;         // text_input (0: no limit)
    float height = 0;                  // text_input multiline (0: about 4 lines)
    std::span<const std::string_view> options = {}; // selectbox, radio, multiselect
    std::size_t def_index = 0;                      // selectbox, radio
    bool horizontal = false;                        // radio
    std::span<const std::size_t> def_indices = {};  // multiselect (ascending)
    std::string_view bad_default = {};              // multiselect: a default not among the options
    std::size_t max_selections = 0;                 // multiselect (0: no limit)
    Color def_color = {};                           // color_picker
    bool alpha = true;                              // color_picker
    Date def_date = {}, min_date = {}, max_date = {}; // date_input
    std::string_view usage_error = {}; // misuse the public function found (shown as the error)
    const DataTableSpec* table = nullptr; // data_table: what to draw (recorded: arena-owned)
    const FileSpec* file = nullptr;       // file_input, save_button (never recorded)
};

// The limits a WidgetCmd puts on values written to its store slot.
WidgetLimits limits_of(const WidgetCmd& w);

enum class ContainerKind : std::uint8_t {
    root, // page root / loader site (never emitted)
    sidebar,
    expander,
    container,
    status,
    columns,     // group
    tabs,        // group
    column,      // group child
    tab,         // group child
    placeholder, // a slot waiting for its content (a Level only; recorded as a SlotCmd)
    slot_write,  // a write to a placeholder in progress (a Level only; never recorded)
};

// A status box's state, shared by the Status handle, the open Level and every recording of it:
// update() changes it, and a replay shows the last state (not the one it was recorded with).
struct StatusCell : std::enable_shared_from_this<StatusCell> {
    struct State {
        std::string label;
        StatusState state = StatusState::running;
        bool expanded = false;
    };
    State get() const {
        std::lock_guard lock(mutex);
        return state;
    }
    mutable std::mutex mutex;
    State state; // guarded by mutex (Status::update writes it)
};

// A placeholder's content, shared like StatusCell: each write publishes a new self-contained
// Recording, which replaces the previous one; replays draw whatever is current.
struct PlaceholderSlot : std::enable_shared_from_this<PlaceholderSlot> {
    std::shared_ptr<const Recording> get() const {
        std::lock_guard lock(mutex);
        return content;
    }
    void set(std::shared_ptr<const Recording> c) {
        std::lock_guard lock(mutex);
        content = std::move(c);
    }
    mutable std::mutex mutex;
    std::shared_ptr<const Recording> content; // guarded by mutex; null: empty
};

struct BeginCmd {
    ContainerKind kind = ContainerKind::container;
    bool flag = false;       // expander: expanded by default; container, columns: border
    std::uint32_t index = 0; // group child: which child
    std::string_view label;  // expander label; status: its first label (the cell has the last)
    std::string_view key;    // the explicit key ("": the id comes from label and call site)
    std::uint64_t site = 0;  // hash of the call site (file, line, column)
    std::span<const float> weights;            // columns (count = weights.size())
    std::span<const std::string_view> labels;  // tabs
    std::uint64_t group = 0;                   // group child: the group's id
    StatusCell* status = nullptr;              // status (recorded: owned by the recording)
    std::atomic<std::uint32_t>* end = nullptr; // recorded: index of the matching EndCmd + 1 (0:
                                               // not yet known)
};
struct EndCmd {};
// A placeholder made inside a recording: replays draw the slot's current content here.
struct SlotCmd {
    PlaceholderSlot* slot = nullptr; // recorded: owned by the recording
};

using Command =
    std::variant<TextCmd, CalloutCmd, MarkdownCmd, CodeCmd, ExceptionCmd, SeparatorCmd, ProgressCmd,
                 SpinnerCmd, const MetricCmd*, ImageCmd, TableCmd, ChartCmd, CustomCmd,
                 const WidgetCmd*, const BeginCmd*, EndCmd, SlotCmd>;
static_assert(sizeof(Command) <= 56, "a Command must stay small: hold big commands by pointer");

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

class Arena;
// A self-contained copy of a chart command in `a` (charts.cpp): shared series are shared, others
// copied; the spec interned; the prepared facts computed here, once.
ChartCmd intern_chart(Arena& a, const ChartCmd& cmd);

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
