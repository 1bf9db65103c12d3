// imlit — the data table's public functions (imlit/data_table.hpp), its sort-order text, and
// how a recording keeps a table. Drawing: render_data_table.cpp.
//
// Index
//   [SECTION] Sort order text
//   [SECTION] Recording
//   [SECTION] Public functions
#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "ui/data_table.hpp"

namespace imlit::detail {

// [SECTION] Sort order text ----------------------------------------------------------------------

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Splits a trailing direction word off `key` ("price desc" -> "price", descending).
SortDirection split_direction(std::string_view& key) {
    struct Word {
        std::string_view text;
        SortDirection direction;
    };
    static constexpr Word kWords[] = {{"ascending", SortDirection::ascending},
                                      {"asc", SortDirection::ascending},
                                      {"descending", SortDirection::descending},
                                      {"desc", SortDirection::descending}};
    for (const Word& w : kWords) {
        if (key.size() > w.text.size() && key.ends_with(w.text) &&
            key[key.size() - w.text.size() - 1] == ' ') {
            key = trim(key.substr(0, key.size() - w.text.size()));
            return w.direction;
        }
    }
    return SortDirection::ascending;
}

} // namespace

std::vector<SortKey> parse_sort_order(std::string_view text, std::span<const std::string> columns) {
    std::vector<SortKey> keys;
    text = trim(text);
    if (text.empty()) return keys;
    while (true) {
        const std::size_t comma = text.find(',');
        std::string_view key = trim(text.substr(0, comma));
        if (key.empty())
            throw std::invalid_argument(
                fmt::format("the sort order \"{}\" has an empty key", text));
        SortDirection direction = SortDirection::ascending;
        // A column whose own name ends in " asc"/" desc" wins over the direction word.
        if (std::find(columns.begin(), columns.end(), key) == columns.end())
            direction = split_direction(key);
        if (std::find(columns.begin(), columns.end(), key) == columns.end()) {
            std::string names;
            for (const std::string& c : columns)
                names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", c);
            throw std::invalid_argument(fmt::format("no column \"{}\" to sort by (columns: {})",
                                                    key, names.empty() ? "(none)" : names));
        }
        keys.push_back({std::string(key), direction});
        if (comma == std::string_view::npos) break;
        text = text.substr(comma + 1);
    }
    return keys;
}

std::string format_sort_order(std::span<const SortKey> keys) {
    std::string out;
    for (const SortKey& k : keys)
        fmt::format_to(std::back_inserter(out), "{}{} {}", out.empty() ? "" : ", ", k.column,
                       k.direction == SortDirection::ascending ? "ascending" : "descending");
    return out;
}

// [SECTION] Recording ----------------------------------------------------------------------------

const DataTableSpec* intern_table_spec(Arena& a, const DataTableSpec& spec) {
    DataTableSpec copy = spec;
    if (spec.borrowed) { // the caller's table dies after the call: the recording keeps a copy
        copy.frame = std::make_shared<const DataFrame>(*spec.frame);
        copy.borrowed = false;
        a.add_external(copy.frame->memory_bytes());
    }
    copy.columns = a.intern_array(spec.columns);
    for (const TableColumn& col : copy.columns)
        a.add_external(col.name.capacity() + col.options.format.capacity() +
                       col.options.tooltip.capacity());
    copy.selection_key = a.intern(spec.selection_key);
    return a.make<DataTableSpec>(std::move(copy));
}

} // namespace imlit::detail

// [SECTION] Public functions
// -----------------------------------------------------------------------

namespace imlit {
using namespace detail;

namespace {

// Appended to a table's key to make its selection's key (a key names one widget).
constexpr std::string_view kSelectionKeySuffix = "#selection";

std::vector<RowIndex> show_table(std::shared_ptr<const DataFrame> frame, bool borrowed,
                                 std::string_view label, const DataTableOptions& o) {
    Context::Impl& c = require_context("table");
    std::string selection_key;
    if (!o.key.empty() && o.selection != RowSelection::none)
        selection_key = fmt::format("{}{}", o.key, kSelectionKeySuffix);

    std::vector<RowIndex> selected;
    if (o.selection != RowSelection::none) {
        const WidgetCmd sel{
            .kind = WidgetKind::table_selection,
            .label = label,
            .key = selection_key,
            .disabled = o.disabled,
            .max = frame->rows() == 0 ? -1.0 : double(frame->rows() - 1),
            .has_max = frame->rows() > 0,
            .max_selections = o.selection == RowSelection::single ? 1u : 0u,
        };
        WidgetValue v;
        emit_widget(c, sel, &v);
        if (auto* rows = std::get_if<std::vector<std::size_t>>(&v))
            for (std::size_t r : *rows)
                selected.push_back(static_cast<RowIndex>(r));
    }

    // The column names are the widget's options (what a sort order may name).
    c.choice_views.clear();
    for (const Column& col : *frame)
        c.choice_views.push_back(col.name());
    const DataTableSpec spec{
        .frame = std::move(frame),
        .borrowed = borrowed,
        .columns = o.columns,
        .height = o.height,
        .sortable = o.sortable,
        .selection = o.selection,
        .selection_key = selection_key,
    };
    const WidgetCmd w{
        .kind = WidgetKind::data_table,
        .label = label,
        .key = o.key,
        .help = o.help,
        .disabled = o.disabled,
        .options = c.choice_views,
        .table = &spec,
    };
    emit_widget(c, w, nullptr);
    return selected;
}

} // namespace

std::vector<RowIndex> table(std::string_view label, std::shared_ptr<const DataFrame> frame,
                            DataTableOptions options) {
    if (!frame) {
        error(fmt::format("table '{}': no table (a null shared_ptr)", label));
        return {};
    }
    return show_table(std::move(frame), false, label, options);
}

std::vector<RowIndex> table(std::string_view label, const DataFrame& frame,
                            DataTableOptions options) {
    // Not owned: valid for this call only (a recording or a background sort copies it).
    return show_table(std::shared_ptr<const DataFrame>(std::shared_ptr<const DataFrame>(), &frame),
                      true, label, options);
}

std::vector<RowIndex> table(std::string_view label, const Cached<const DataFrame>& frame,
                            DataTableOptions options) {
    if (frame.pending()) {
        spinner(fmt::format("{}: loading...", label.empty() ? "table" : label));
        return {};
    }
    if (frame.failed()) {
        error(fmt::format("table '{}': {}", label, frame.error()));
        return {};
    }
    return show_table(frame.shared(), false, label, options);
}

} // namespace imlit
