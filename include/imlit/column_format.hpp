// imlit — display options of a data-table column, and the text of one cell.
//
//   imlit::ColumnOptions price{.precision = 2, .thousands = true};   // 1234567.5 -> 1,234,567.50
//   imlit::ColumnOptions share{.percent = true, .precision = 1};     // 0.125     -> 12.5%
//   imlit::ColumnOptions id{};                                       // 85248     -> 85248
//   imlit::ColumnOptions ms{.format = "{:.1f} ms"};                  // 3.25      -> 3.2 ms
//
//   imlit::CellText buffer;                                          // reuse it for every cell
//   std::string_view text = imlit::format_cell(df.column("price"), row, price, buffer);
//
// The text of a cell is made in this order: a missing value is "" (shown blank); NaN and
// infinities are "NaN", "inf" and "-inf" whatever the options say; a number is multiplied by
// 100 when `percent` is set; it is formatted with `format` when set, else by the built-in rules
// below; the integer digits are grouped when `thousands` is set; "%" is appended when `percent`
// is set. Built-in rules: int64 as an integer; float64 with `precision` digits after the point,
// or (precision -1, the default) integral values without decimals ("85248", not "85248.00") and
// other values with up to 6 decimals, trailing zeros dropped, switching to 6 significant digits
// in scientific notation below 1e-4 and from 1e15 up; bool as "true"/"false"; strings as they
// are.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "imlit/dataframe.hpp"

namespace imlit {

enum class ColumnAlign : std::uint8_t {
    automatic, // numbers right, strings left, bools centred
    left,
    center,
    right,
};

// Display options of one column of a data table. Declared in this order so designated
// initializers work: {.precision = 2, .thousands = true, .tooltip = "in EUR"}.
struct ColumnOptions {
    // An fmt format string with one replacement field for the value, e.g. "{:.3f}", "${:.2f}",
    // "{:>8}", "{:#x}" (fmt's syntax: https://fmt.dev/latest/syntax.html; there is no ',' option:
    // use `thousands`). "": the built-in rules (see the top of this file).
    std::string format = {};
    int precision = -1;             // float64 (and percent) digits after the point; -1: automatic
    bool thousands = false;         // group integer digits: 1234567 -> 1,234,567
    char thousands_separator = ','; // the group separator when `thousands` is set
    bool percent = false;           // numbers x 100, followed by "%": 0.125 -> 12.5%
    ColumnAlign align = ColumnAlign::automatic; // see ColumnAlign
    float width = 0;          // column width in pixels; 0: sized to fit the content
    std::string tooltip = {}; // text shown when the column header is hovered; "": none
};

// A reusable text buffer for format_cell: cells up to 128 bytes never allocate.
using CellText = fmt::basic_memory_buffer<char, 128>;

// The text of row `row` of `column` under `options` (rules at the top of this file), written to
// `buffer` (cleared first) or, for an unformatted string cell, the column's own bytes. The
// view is valid until `buffer` or the column changes. Throws std::out_of_range when row >=
// column.size(), std::invalid_argument when options.format cannot format the column's values
// (call check_column_options first to report that once).
std::string_view format_cell(const Column& column, std::size_t row, const ColumnOptions& options,
                             CellText& buffer);

// Throws std::invalid_argument naming the column, the format and fmt's reason when
// options.format has no replacement field or cannot format this column's type, or when
// precision is below -1 or above 17.
void check_column_options(const Column& column, const ColumnOptions& options);

// options.align, with ColumnAlign::automatic resolved for the column's type.
ColumnAlign resolved_align(const Column& column, const ColumnOptions& options) noexcept;

} // namespace imlit
