// imlit internal — the data table widget (imlit/data_table.hpp):
//   data_table.cpp         the public table() functions, the sort-order text, recording
//   render_data_table.cpp  drawing, and the per-table sort state (permutations, workers)
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "imlit/data_table.hpp"
#include "imlit/table_sort.hpp"
#include "ui/context.hpp"

namespace imlit::detail {

// What a data_table WidgetCmd draws. On the direct path it points at the caller's data; a
// recording holds its own copy (intern_table_spec).
struct DataTableSpec {
    std::shared_ptr<const DataFrame> frame; // never null; may not own (borrowed, direct path)
    bool borrowed = false;                  // `frame` does not own the table
    std::span<const TableColumn> columns;   // per-column options
    float height = 400;
    bool sortable = true;
    RowSelection selection = RowSelection::none;
    // The table_selection widget's key ("": none, its id comes from the label like the table's).
    std::string_view selection_key = {};
};

// A recording's self-contained copy of `spec` (a borrowed table is copied once, shared ones
// are shared).
const DataTableSpec* intern_table_spec(Arena& arena, const DataTableSpec& spec);

// The sort order text <-> keys. parse_sort_order throws std::invalid_argument naming an
// unknown column (columns: the frame's names) or an empty key.
std::vector<SortKey> parse_sort_order(std::string_view text, std::span<const std::string> columns);
std::string format_sort_order(std::span<const SortKey> keys);
// The order after a click on the header of column `name` (names: the frame's columns):
// sorted by it ascending, then descending, then unsorted.
std::string next_sort_order(std::string_view current, std::string_view name,
                            std::span<const std::string_view> names);

// Draws a data table showing sort order `order` (the widget's value) with id `id` (UI thread,
// visible). Header clicks and row clicks are written to the store.
void draw_data_table(Context::Impl& c, const WidgetCmd& w, std::uint64_t id,
                     const std::string& order);

} // namespace imlit::detail
