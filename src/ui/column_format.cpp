// imlit — the text of a data-table cell. See include/imlit/column_format.hpp.
//
// The hot path (one call per visible cell per frame) writes into the caller's CellText, whose
// inline storage holds any ordinary cell: no allocation, no locale, no iostreams.
//
// Index
//   [SECTION] Number text
//   [SECTION] Grouping and user formats
//   [SECTION] format_cell
//   [SECTION] check_column_options, resolved_align
#include "imlit/column_format.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace imlit {
namespace {

constexpr int kMaxPrecision = 17;         // digits after the point a double can carry
constexpr int kAutoDecimals = 6;          // automatic precision: up to this many decimals
constexpr int kAutoSignificant = 6;       // scientific notation: significant digits
constexpr double kAutoSmall = 1e-4;       // below this magnitude: scientific notation
constexpr double kAutoLarge = 1e15;       // from this magnitude up: scientific notation
constexpr std::size_t kNumberChars = 400; // fixed notation of 1e308 with 17 decimals fits

// [SECTION] Number text ----------------------------------------------------------------------

void append(CellText& out, const char* first, const char* last) {
    out.append(first, last);
}

void append_nonfinite(CellText& out, double v) {
    const std::string_view s = std::isnan(v) ? "NaN" : v > 0 ? "inf" : "-inf";
    out.append(s.data(), s.data() + s.size());
}

void append_int(CellText& out, std::int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    append(out, buf, r.ptr);
}

// `v` finite. precision >= 0: fixed with that many decimals; -1: the automatic rule.
void append_double(CellText& out, double v, int precision) {
    char buf[kNumberChars];
    char* end;
    const double a = std::abs(v);
    if (precision >= 0) {
        end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, precision).ptr;
    } else if (a == 0 || (a >= kAutoSmall && a < kAutoLarge)) {
        if (v == std::trunc(v)) {
            end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 0).ptr;
        } else {
            end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, kAutoDecimals)
                      .ptr;
            while (end[-1] == '0') // drop trailing zeros, and the point when nothing follows
                --end;
            if (end[-1] == '.') --end;
        }
    } else {
        end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, kAutoSignificant)
                  .ptr;
    }
    // "-0" (a negative value that rounds to zero) reads as a sign error: show "0" / "0.00".
    if (buf[0] == '-' && std::all_of(buf + 1, end, [](char c) { return c == '0' || c == '.'; }))
        append(out, buf + 1, end);
    else
        append(out, buf, end);
}

// [SECTION] Grouping and user formats --------------------------------------------------------

// Inserts `sep` every three digits into the first run of digits at or after `from` (the
// integer part of the first number in the text).
void group_thousands(CellText& out, std::size_t from, char sep) {
    std::size_t begin = from;
    while (begin < out.size() && !(out[begin] >= '0' && out[begin] <= '9'))
        ++begin;
    std::size_t end = begin;
    while (end < out.size() && out[end] >= '0' && out[end] <= '9')
        ++end;
    const std::size_t digits = end - begin;
    if (digits <= 3) return;
    const std::size_t seps = (digits - 1) / 3;
    const std::size_t old_size = out.size();
    out.resize(old_size + seps);
    char* p = out.data();
    std::memmove(p + end + seps, p + end, old_size - end);
    // Copy the digits backwards, a separator after every third from the right.
    std::size_t dst = end + seps, src = end, count = 0;
    while (src > begin) {
        if (count == 3) {
            p[--dst] = sep;
            count = 0;
        }
        p[--dst] = p[--src];
        ++count;
    }
}

[[noreturn]] void throw_format_error(const Column& column, const ColumnOptions& options,
                                     const char* reason) {
    throw std::invalid_argument(fmt::format(
        "imlit: column '{}': format \"{}\" cannot format {} "
        "values: {}",
        column.name(), options.format,
        options.percent && column.type() != DataType::string ? "percent" : to_string(column.type()),
        reason));
}

template <class T>
void append_user(CellText& out, const Column& column, const ColumnOptions& options,
                 const T& value) {
    try {
        fmt::vformat_to(fmt::appender(out), fmt::string_view(options.format),
                        fmt::make_format_args(value));
    } catch (const fmt::format_error& e) {
        throw_format_error(column, options, e.what());
    }
}

// A number (after the percent scaling) by the user's format or the built-in rule.
template <class T>
void append_number(CellText& out, const Column& column, const ColumnOptions& options, T v) {
    if (!options.format.empty())
        append_user(out, column, options, v);
    else if constexpr (std::is_same_v<T, double>)
        append_double(out, v, options.precision);
    else
        append_int(out, v);
}

} // namespace

// [SECTION] format_cell ----------------------------------------------------------------------

std::string_view format_cell(const Column& column, std::size_t row, const ColumnOptions& options,
                             CellText& out) {
    out.clear();
    if (row >= column.size())
        throw std::out_of_range(fmt::format("imlit: format_cell: column '{}': row {} out of "
                                            "range ({} rows)",
                                            column.name(), row, column.size()));
    if (column.is_missing(row)) return {};

    switch (column.type()) {
    case DataType::string: {
        const std::string_view s = column.string_values()[row];
        if (options.format.empty()) return s; // no copy
        append_user(out, column, options, s);
        return std::string_view(out.data(), out.size());
    }
    case DataType::boolean: {
        const bool b = column.bool_values()[row] != 0;
        if (options.format.empty()) return b ? "true" : "false";
        append_user(out, column, options, b);
        return std::string_view(out.data(), out.size());
    }
    case DataType::int64:
    case DataType::float64:
        break;
    }

    if (column.type() == DataType::int64 && !options.percent) {
        append_number(out, column, options, column.int64_values()[row]);
    } else {
        double v = column.type() == DataType::int64 ? double(column.int64_values()[row])
                                                    : column.float64_values()[row];
        if (!std::isfinite(v)) {
            append_nonfinite(out, v);
            return std::string_view(out.data(), out.size());
        }
        if (options.percent) v *= 100;
        append_number(out, column, options, v);
    }
    if (options.thousands) group_thousands(out, 0, options.thousands_separator);
    if (options.percent) out.push_back('%');
    return std::string_view(out.data(), out.size());
}

// [SECTION] check_column_options, resolved_align ---------------------------------------------

void check_column_options(const Column& column, const ColumnOptions& options) {
    if (options.precision < -1 || options.precision > kMaxPrecision)
        throw std::invalid_argument(fmt::format("imlit: column '{}': precision {} is outside "
                                                "-1..{}",
                                                column.name(), options.precision, kMaxPrecision));
    if (options.format.empty()) return;
    bool has_field = false; // a '{' that is not the escape "{{"
    for (std::size_t i = 0; i < options.format.size(); ++i) {
        if (options.format[i] != '{') continue;
        if (i + 1 < options.format.size() && options.format[i + 1] == '{') {
            ++i;
            continue;
        }
        has_field = true;
        break;
    }
    if (!has_field) throw_format_error(column, options, "it has no replacement field {}");
    // Format a sample of the type format_cell will pass.
    CellText out;
    switch (column.type()) {
    case DataType::string:
        append_user(out, column, options, std::string_view("text"));
        break;
    case DataType::boolean:
        append_user(out, column, options, true);
        break;
    case DataType::int64:
        if (!options.percent) {
            append_user(out, column, options, std::int64_t(1));
            break;
        }
        [[fallthrough]];
    case DataType::float64:
        append_user(out, column, options, 1.0);
        break;
    }
}

ColumnAlign resolved_align(const Column& column, const ColumnOptions& options) noexcept {
    if (options.align != ColumnAlign::automatic) return options.align;
    switch (column.type()) {
    case DataType::int64:
    case DataType::float64:
        return ColumnAlign::right;
    case DataType::boolean:
        return ColumnAlign::center;
    case DataType::string:
        return ColumnAlign::left;
    }
    return ColumnAlign::left;
}

} // namespace imlit
