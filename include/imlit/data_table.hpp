// imlit — the data table: a DataFrame shown as a sortable, selectable table.
//
//   auto sales = load_sales(path);                        // Cached<const DataFrame>
//   std::vector<imlit::RowIndex> picked = imlit::table("Sales", sales, {
//       .columns = {{"price", {.precision = 2, .thousands = true, .tooltip = "in EUR"}},
//                   {"share", {.percent = true, .precision = 1}}},
//       .selection = imlit::RowSelection::multiple,
//   });
//
// Click a column header to sort by it: ascending, then descending, then unsorted again. The
// sort order is widget state (like a selectbox's choice): it has an id from the label (or key),
// it outlives the frame, imlit::set_widget(key, "price descending") sets it, AppTest reads and
// sets it (imlit::testing::table(at, "Sales").set("price descending"), imlit/testing_data.hpp), and
// a table recorded inside a cached scope replays with the current order. The order itself
// (imlit/table_sort.hpp: stable, NaN after numbers, missing values last in both directions) is
// computed once per (table, order): small tables at once, big ones (more than kSyncSortRows rows)
// on a worker thread while the previous order stays on screen with a "Sorting..." note. Only the
// visible rows are drawn, so 1,000,000 rows scroll smoothly. Cells are formatted by
// imlit/column_format.hpp; missing values are blank.
//
// The table is passed as a Cached<const DataFrame> or a shared_ptr (shared, never copied: a
// cached scope that records the table keeps a reference), or as a const DataFrame& (borrowed
// for the call: a recording copies it once, and a background sort copies it once). With a
// reference the table is identified by its address and shape: a different table at the same
// address with the same number of rows and columns keeps the previous sort permutation; pass a
// shared_ptr or a Cached when the content changes in place.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "imlit/cache.hpp"
#include "imlit/column_format.hpp"
#include "imlit/dataframe.hpp"

namespace imlit {

// Tables with at most this many rows are sorted on the UI thread at once (a few
// milliseconds); bigger ones on a worker thread.
inline constexpr std::size_t kSyncSortRows = 50'000;

enum class RowSelection : std::uint8_t {
    none,     // rows cannot be selected; table() returns nothing
    single,   // a click selects one row (click it again to unselect)
    multiple, // a click selects one row, Ctrl+click adds or removes a row
};

// The display options of one column, by name.
struct TableColumn {
    std::string name;      // the DataFrame column it applies to
    ColumnOptions options; // format, precision, thousands, percent, align, width, tooltip
};

struct DataTableOptions {
    std::string_view key = {};  // "": the id comes from the label; else from this key
    std::string_view help = {}; // "": none; else a "(?)" after the label shows it on hover
    bool disabled = false;      // headers cannot be clicked, rows cannot be selected
    float height = 400;         // visible height in pixels (shrinks to the content); rows scroll
    // Per-column display options; columns not listed use ColumnOptions{} (the built-in rules:
    // ids as 85248, other numbers with up to 6 decimals). A name that is not a column, or a
    // format that cannot format its column, is an error in place (the table is still drawn).
    std::vector<TableColumn> columns = {};
    bool sortable = true;                        // false: header clicks do not sort
    RowSelection selection = RowSelection::none; // see RowSelection
};

// Draws `frame` under an optional label ("": none; it still makes the id) and returns the
// selected rows as indices into `frame` (ascending; empty when selection is none). The sort
// order's value (AppTest, set_widget) is text: "" (unsorted), "price ascending", "price
// descending", or several keys joined by ", " (the first decides); "asc" and "desc" are
// accepted when setting, and a bare name means ascending. The selection is a second widget
// state, "table_selection" in AppTest (its value: the row indices as strings), which inside a
// cached scope is part of the key like any widget read there (the sort order is not: it
// changes what is shown, not what the scope computes).
std::vector<RowIndex> table(std::string_view label, std::shared_ptr<const DataFrame> frame,
                            DataTableOptions options = {});
std::vector<RowIndex> table(std::string_view label, const DataFrame& frame,
                            DataTableOptions options = {});
// Pending: a spinner in place; failed: the error in place. Either way nothing is selected.
std::vector<RowIndex> table(std::string_view label, const Cached<const DataFrame>& frame,
                            DataTableOptions options = {});

} // namespace imlit
