// imlit — drawing a data table (imlit/data_table.hpp), and the state behind it that is not
// widget state: per table id, the row permutation of the order on screen and the background
// sort computing the next one.
//
// Threads: TableState is UI-thread only. A SortJob is shared with its worker thread; its
// mutex guards `done`, `order` and `error` and is never held while sorting or drawing.
//
// Index
//   [SECTION] Sort state
//   [SECTION] Column options
//   [SECTION] Drawing
#include <algorithm>
#include <cmath>
#include <mutex>
#include <thread>
#include <typeinfo>
#include <unordered_map>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "ui/data_table.hpp"
#include "ui/session_impl.hpp"
#include "ui/widget_impl.hpp"

namespace imlit::detail {

namespace {

constexpr int kMaxColumns = 64;     // IMGUI_TABLE_MAX_COLUMNS in Dear ImGui 1.86
constexpr int kStretchColumns = 12; // more columns: natural widths and a horizontal scrollbar
constexpr std::uint64_t kForgetFrames = 600;   // state of a table not shown for this long goes
constexpr std::size_t kStatesBeforeSweep = 64; // ... checked once this many tables are known
constexpr const char* kStatesKey = "\x1fimlit.data_tables"; // session_state: not a user key
constexpr float kArrowScale = 0.6f;                         // sort arrow size, in font heights

// [SECTION] Sort state ----------------------------------------------------------------------------

// A sort running on a worker thread.
struct SortJob {
    std::mutex mutex;
    bool done = false;           // guarded by mutex
    std::vector<RowIndex> order; // guarded by mutex
    std::string error;           // guarded by mutex
};

struct TableState {
    // Which table the permutation belongs to: its address and shape.
    const DataFrame* identity = nullptr;
    std::size_t rows = 0, columns = 0;
    std::string shown_order;                            // the order text `order` was computed for
    std::shared_ptr<const std::vector<RowIndex>> order; // null: the input order
    std::string wanted;                                 // the order `job` computes
    std::shared_ptr<SortJob> job;                       // null: none running
    std::string error;                                  // the last sort's failure ("": none)
    std::uint64_t last_frame = 0;
    // Scratch reused every frame.
    std::vector<const ColumnOptions*> options; // per frame column
    std::vector<std::size_t> selected;         // ascending
    std::string row_text;                      // a logged row
};

struct TableStates {
    std::unordered_map<std::uint64_t, TableState> tables;
};

TableStates& table_states(Context::Impl& c) {
    auto& state = c.session->impl().state;
    auto it = state.find(std::string_view(kStatesKey));
    if (it == state.end())
        it = state
                 .emplace(kStatesKey,
                          SessionStateObject{&typeid(TableStates), std::make_shared<TableStates>()})
                 .first;
    return *static_cast<TableStates*>(it->second.object.get());
}

TableState& state_for(Context::Impl& c, std::uint64_t id, const DataFrame& frame) {
    TableStates& all = table_states(c);
    const std::uint64_t now = c.session->impl().frame_count;
    if (all.tables.size() >= kStatesBeforeSweep)
        std::erase_if(all.tables, [&](const auto& kv) {
            return kv.first != id && kv.second.last_frame + kForgetFrames < now;
        });
    TableState& s = all.tables[id];
    s.last_frame = now;
    if (s.identity != &frame || s.rows != frame.rows() || s.columns != frame.columns()) {
        // Another table: its rows are not the old permutation's. A running job is abandoned
        // (it finishes on its own; its result is dropped).
        s.identity = &frame;
        s.rows = frame.rows();
        s.columns = frame.columns();
        s.shown_order.clear();
        s.order.reset();
        s.wanted.clear();
        s.job.reset();
        s.error.clear();
    }
    return s;
}

void start_job(TableState& s, std::shared_ptr<const DataFrame> frame, std::vector<SortKey> keys) {
    auto job = std::make_shared<SortJob>();
    work_started(); // AppTest's run_until_idle waits for it
    try {
        std::thread([job, frame = std::move(frame), keys = std::move(keys)] {
            std::vector<RowIndex> order;
            std::string error;
            try {
                order = sort_rows(*frame, keys);
            } catch (const std::exception& e) {
                error = e.what();
            }
            {
                std::lock_guard lock(job->mutex);
                job->order = std::move(order);
                job->error = std::move(error);
                job->done = true;
            }
            work_finished();
            request_redraw();
        }).detach();
    } catch (...) {
        work_finished();
        throw;
    }
    s.job = std::move(job);
}

// Brings s.order up to `order_text` as far as possible this frame: at once for small tables,
// else by starting (or collecting) a background sort. Allocates only when the order changes.
void update_order(TableState& s, const DataTableSpec& spec, std::string_view order_text,
                  std::span<const std::string_view> names) {
    if (s.job) { // collect a finished job
        std::unique_lock lock(s.job->mutex);
        if (s.job->done) {
            if (s.job->error.empty()) {
                s.order = std::make_shared<const std::vector<RowIndex>>(std::move(s.job->order));
                s.shown_order = s.wanted;
                s.error.clear();
            } else {
                s.error = std::move(s.job->error);
                s.shown_order = s.wanted; // do not retry in a loop; a new order tries again
            }
            lock.unlock();
            s.job.reset();
        }
    }
    if (order_text == s.shown_order || (s.job && order_text == s.wanted)) return;

    std::vector<std::string> columns(names.begin(), names.end());
    std::vector<SortKey> keys;
    try {
        keys = parse_sort_order(order_text, columns);
    } catch (const std::invalid_argument& e) {
        s.error = e.what(); // e.g. a column that went away: shown unsorted with the reason
        s.order.reset();
        s.shown_order.assign(order_text);
        s.job.reset();
        return;
    }
    s.error.clear();
    s.job.reset();
    s.wanted.assign(order_text);
    if (keys.empty()) {
        s.order.reset();
        s.shown_order.clear();
        return;
    }
    const DataFrame& frame = *spec.frame;
    if (frame.rows() <= kSyncSortRows) {
        s.order = std::make_shared<const std::vector<RowIndex>>(sort_rows(frame, keys));
        s.shown_order.assign(order_text);
        return;
    }
    // A borrowed table dies after this call: the worker sorts its own copy.
    std::shared_ptr<const DataFrame> owned =
        spec.borrowed ? std::make_shared<const DataFrame>(frame) : spec.frame;
    start_job(s, std::move(owned), std::move(keys));
}

// [SECTION] Column options ------------------------------------------------------------------------

// Resolves spec.columns to one ColumnOptions per frame column (the defaults where none is
// given, or where the given ones cannot format the column); the reasons go to `errors`.
void resolve_options(TableState& s, const DataTableSpec& spec, std::string& errors) {
    static const ColumnOptions kDefault{};
    const DataFrame& frame = *spec.frame;
    s.options.assign(frame.columns(), &kDefault);
    for (const TableColumn& col : spec.columns) {
        const std::optional<std::size_t> i = frame.find_column(col.name);
        if (!i) {
            fmt::format_to(std::back_inserter(errors), "{}no column \"{}\" for its options",
                           errors.empty() ? "" : "; ", col.name);
            continue;
        }
        try {
            check_column_options(frame.column(*i), col.options);
            s.options[*i] = &col.options;
        } catch (const std::invalid_argument& e) {
            fmt::format_to(std::back_inserter(errors), "{}{}", errors.empty() ? "" : "; ",
                           e.what());
        }
    }
}

// [SECTION] Drawing -------------------------------------------------------------------------------

void place_aligned(ColumnAlign align, float text_width) {
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail <= text_width) return;
    if (align == ColumnAlign::right)
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - text_width);
    else if (align == ColumnAlign::center)
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - text_width) / 2);
}

void read_selection(Context::Impl& c, std::uint64_t id, std::vector<std::size_t>& out) {
    out.clear();
    WidgetStore& store = c.session->impl().store;
    std::lock_guard lock(store.mutex);
    auto it = store.slots.find(id);
    if (it == store.slots.end() || !it->second.has_value) return;
    if (auto* rows = std::get_if<std::vector<std::size_t>>(&it->second.value)) out = *rows;
}

// Header cell `col`: a clickable header with the sort arrow and the tooltip.
void draw_header(Context::Impl& c, const WidgetCmd& w, std::uint64_t id, const Column& column,
                 const ColumnOptions& options, std::string_view order_text,
                 std::optional<SortDirection> sorted, std::span<const std::string_view> names) {
    const DataTableSpec& spec = *w.table;
    const char* name = column.name().c_str();
    const float arrow_w = sorted ? ImGui::GetFontSize() : 0;
    const float text_w = ImGui::CalcTextSize(name, nullptr, true).x + arrow_w;
    if (resolved_align(column, options) == ColumnAlign::right)
        place_aligned(ColumnAlign::right, text_w);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::TableHeader(name);
    if (sorted) {
        const float label_w = ImGui::CalcTextSize(name, nullptr, true).x;
        const ImVec2 at(start.x + label_w + ImGui::GetStyle().ItemInnerSpacing.x,
                        start.y + ImGui::GetFontSize() * (1 - kArrowScale) / 2);
        ImGui::RenderArrow(ImGui::GetWindowDrawList(), at, ImGui::GetColorU32(ImGuiCol_Text),
                           *sorted == SortDirection::ascending ? ImGuiDir_Up : ImGuiDir_Down,
                           kArrowScale);
    }
    if (spec.sortable && ImGui::IsItemClicked(ImGuiMouseButton_Left))
        write_store(c, WidgetKind::data_table, id,
                    next_sort_order(order_text, column.name(), names));
    if (!options.tooltip.empty() && ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(options.tooltip.data(),
                               options.tooltip.data() + options.tooltip.size());
        ImGui::EndTooltip();
    }
}

} // namespace

std::string next_sort_order(std::string_view current, std::string_view name,
                            std::span<const std::string_view> names) {
    std::vector<std::string> columns(names.begin(), names.end());
    std::vector<SortKey> keys;
    try {
        keys = parse_sort_order(current, columns);
    } catch (const std::invalid_argument&) {
        keys.clear();
    }
    if (!keys.empty() && keys.front().column == name) {
        if (keys.front().direction == SortDirection::descending) return {};
        keys = {{std::string(name), SortDirection::descending}};
    } else {
        keys = {{std::string(name), SortDirection::ascending}};
    }
    return format_sort_order(keys);
}

void draw_data_table(Context::Impl& c, const WidgetCmd& w, std::uint64_t id,
                     const std::string& order_text) {
    const DataTableSpec& spec = *w.table;
    const DataFrame& frame = *spec.frame;
    if (frame.columns() == 0) {
        ImGui::TextDisabled("empty table");
        return;
    }
    TableState& s = state_for(c, id, frame);
    update_order(s, spec, order_text, w.options);
    std::string errors;
    resolve_options(s, spec, errors);
    if (!s.error.empty())
        fmt::format_to(std::back_inserter(errors), "{}{}", errors.empty() ? "" : "; ", s.error);
    if (!errors.empty()) draw_error_text(c, fmt::format("table '{}': {}", w.label, errors));

    const std::uint64_t selection_id =
        spec.selection == RowSelection::none
            ? 0
            : widget_id(c, WidgetKind::table_selection, w.label, spec.selection_key);
    if (selection_id != 0) read_selection(c, selection_id, s.selected);

    const int total_columns = static_cast<int>(std::min<std::size_t>(frame.columns(), 1u << 20));
    const int ncols = std::min(total_columns, kMaxColumns);
    const std::size_t rows = frame.rows();
    const ImGuiStyle& style = ImGui::GetStyle();
    const float row_h = ImGui::GetTextLineHeight() + style.CellPadding.y * 2;
    const float content_h = row_h * (static_cast<float>(rows) + 1) + 4;
    float height = spec.height;
    if (!std::isfinite(height) || height <= 0) height = DataTableOptions{}.height;
    height = std::min(height, content_h);

    ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                            ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersV |
                            ImGuiTableFlags_Resizable;
    if (ncols > kStretchColumns)
        flags |= ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit;
    else
        flags |= ImGuiTableFlags_SizingStretchProp;

    // The first key's column and direction, for the header arrow.
    std::string_view first_column;
    SortDirection first_direction = SortDirection::ascending;
    if (s.job) { // show where it is going while the old order stays on screen
        c.text_buf.clear();
        fmt::format_to(std::back_inserter(c.text_buf), "Sorting by {}...", s.wanted);
        ImGui::TextDisabled("%s", c.text_buf.c_str());
        log_element(c, "table_status", c.text_buf, w.label);
    }
    if (!s.shown_order.empty() && s.order) {
        const std::size_t comma = s.shown_order.find(',');
        std::string_view k = std::string_view(s.shown_order).substr(0, comma);
        if (k.ends_with(" descending")) {
            first_direction = SortDirection::descending;
            k.remove_suffix(sizeof(" descending") - 1);
        } else if (k.ends_with(" ascending")) {
            k.remove_suffix(sizeof(" ascending") - 1);
        }
        first_column = k;
    }

    if (!ImGui::BeginTable("##data_table", ncols, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int col = 0; col < ncols; ++col) {
        const ColumnOptions& o = *s.options[col];
        const bool fixed = std::isfinite(o.width) && o.width > 0;
        ImGui::TableSetupColumn(frame.column(col).name().c_str(),
                                fixed ? ImGuiTableColumnFlags_WidthFixed : 0, fixed ? o.width : 0);
    }
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int col = 0; col < ncols; ++col) {
        if (!ImGui::TableSetColumnIndex(col)) continue;
        const Column& column = frame.column(col);
        std::optional<SortDirection> sorted;
        if (!first_column.empty() && column.name() == first_column) sorted = first_direction;
        ImGui::PushID(col);
        draw_header(c, w, id, column, *s.options[col], order_text, sorted, w.options);
        ImGui::PopID();
    }

    const std::vector<RowIndex>* order = s.order.get();
    const bool logging = c.logging();
    CellText cell;
    const int clip_rows = static_cast<int>(std::min<std::size_t>(rows, std::size_t(INT32_MAX)));
    ImGuiListClipper clipper;
    clipper.Begin(clip_rows, row_h);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const std::size_t row =
                order ? (*order)[static_cast<std::size_t>(r)] : static_cast<std::size_t>(r);
            ImGui::TableNextRow();
            if (logging) s.row_text.clear();
            for (int col = 0; col < ncols; ++col) {
                ImGui::TableSetColumnIndex(col);
                if (col == 0 && selection_id != 0) {
                    const bool on = std::binary_search(s.selected.begin(), s.selected.end(), row);
                    const ImVec2 cell_start = ImGui::GetCursorScreenPos();
                    ImGui::PushID(r);
                    if (ImGui::Selectable("##row", on,
                                          ImGuiSelectableFlags_SpanAllColumns |
                                              ImGuiSelectableFlags_AllowItemOverlap)) {
                        std::vector<std::size_t> next;
                        if (spec.selection == RowSelection::multiple && ImGui::GetIO().KeyCtrl) {
                            next = s.selected;
                            if (on)
                                std::erase(next, row);
                            else
                                next.insert(std::upper_bound(next.begin(), next.end(), row), row);
                        } else if (!on || s.selected.size() != 1) {
                            next = {row};
                        }
                        write_store(c, WidgetKind::table_selection, selection_id, std::move(next));
                    }
                    ImGui::PopID();
                    ImGui::SetCursorScreenPos(cell_start);
                }
                const Column& column = frame.column(col);
                const ColumnOptions& o = *s.options[col];
                const std::string_view text = format_cell(column, row, o, cell);
                if (logging)
                    fmt::format_to(std::back_inserter(s.row_text), "{}{}", col == 0 ? "" : " | ",
                                   text);
                if (text.empty()) continue;
                place_aligned(resolved_align(column, o),
                              ImGui::CalcTextSize(text.data(), text.data() + text.size()).x);
                ImGui::TextUnformatted(text.data(), text.data() + text.size());
            }
            if (logging) log_element(c, "table_row", s.row_text, w.label);
        }
    }
    ImGui::EndTable();
    if (total_columns > ncols)
        ImGui::TextDisabled("showing the first %d of %d columns", ncols, total_columns);
}

} // namespace imlit::detail
