// imlit — DataFrame: a typed, column-oriented table of data.
//
//   imlit::DataFrame df({
//       imlit::Column::int64("id", {85248, 85249, 85250}),
//       imlit::Column::float64("price", {9.5, 12.25, 3.0}, {true, false, true}), // row 1 missing
//       imlit::Column::string("name", {"bolt", "nut, hex", "washer"}),
//       imlit::Column::boolean("in_stock", {true, false, true}),
//   });
//   df.rows();                               // 3
//   df.column("price").is_missing(1);        // true: shown blank
//   df.column("id").int64_values()[0];       // 85248
//
// Each column holds one type (int64, float64, string or bool) and may have missing values
// (a validity mask; the value slot of a missing entry holds 0, "" or false). A DataFrame can be
// an argument of a cached function (it has hash_append; for big frames prefer
// imlit::keyed(df, version) or a Cached<DataFrame>, which hash in O(1)) and a cached value (it
// has byte_size). Display options and cell text: imlit/column_format.hpp. Sorting:
// imlit/table_sort.hpp. Reading CSV files: imlit/csv.hpp.
//
// Index
//   [SECTION] DataType, RowIndex
//   [SECTION] StringArray
//   [SECTION] Column
//   [SECTION] DataFrame
//   [SECTION] byte_size and hash_append
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "imlit/hash.hpp"

namespace imlit {

// [SECTION] DataType, RowIndex ---------------------------------------------------------------

// The type of a column's values. The enumerator order is stable (it is part of the hash).
enum class DataType : std::uint8_t {
    int64,   // std::int64_t
    float64, // double (NaN and inf are values, not missing)
    string,  // UTF-8 text, stored packed (StringArray)
    boolean, // bool, stored as one byte (0 or 1)
};

// "int64", "float64", "string" or "bool".
std::string_view to_string(DataType type) noexcept;

// A row number. A DataFrame holds at most kMaxRows rows, so that a sort permutation of a big
// table takes 4 bytes per row.
using RowIndex = std::uint32_t;
inline constexpr std::size_t kMaxRows = 0xFFFF'FFFFu;

// [SECTION] StringArray ----------------------------------------------------------------------

// The values of a string column: every string's bytes in one buffer plus size()+1 offsets, so
// a million short strings cost their bytes plus 8 bytes each (not a std::string each).
class StringArray {
public:
    StringArray() = default;                                   // empty
    explicit StringArray(std::span<const std::string> values); // copies the strings
    explicit StringArray(std::span<const std::string_view> values);

    std::size_t size() const noexcept { return offsets_.empty() ? 0 : offsets_.size() - 1; }
    bool empty() const noexcept { return size() == 0; }
    // The i-th string; i < size() (not checked). Valid while the array lives and is unchanged.
    std::string_view operator[](std::size_t i) const noexcept {
        return std::string_view(bytes_.data() + offsets_[i], offsets_[i + 1] - offsets_[i]);
    }
    // The i-th string; std::out_of_range when i >= size().
    std::string_view at(std::size_t i) const;

    void push_back(std::string_view value);
    // Room for `strings` more strings holding `bytes` more bytes in total.
    void reserve(std::size_t strings, std::size_t bytes);

    // All strings' bytes, back to back.
    std::string_view bytes() const noexcept { return bytes_; }
    // size()+1 offsets into bytes() (empty when size() == 0): string i is [offsets[i],
    // offsets[i+1]).
    std::span<const std::uint64_t> offsets() const noexcept { return offsets_; }
    // Bytes of memory held (capacity included).
    std::size_t memory_bytes() const noexcept;

    // Adopts ready-made storage. Throws std::invalid_argument unless `offsets` is empty, or
    // starts at 0, never decreases and ends at bytes.size().
    static StringArray from_parts(std::string bytes, std::vector<std::uint64_t> offsets);

    friend bool operator==(const StringArray& a, const StringArray& b) noexcept;

private:
    std::string bytes_;
    std::vector<std::uint64_t> offsets_;
};

// [SECTION] Column ---------------------------------------------------------------------------

namespace detail {
struct ColumnAccess; // the CSV reader builds columns from ready-made storage
} // namespace detail

// One named, typed column. Make one with the factory of its type; `valid` (optional) marks
// which rows hold a value: empty (the default) means every row does, otherwise it has one entry
// per value and `false` marks a missing value. A size mismatch throws std::invalid_argument
// naming the column.
class Column {
public:
    static Column int64(std::string name, std::vector<std::int64_t> values,
                        const std::vector<bool>& valid = {});
    static Column float64(std::string name, std::vector<double> values,
                          const std::vector<bool>& valid = {});
    static Column string(std::string name, const std::vector<std::string>& values,
                         const std::vector<bool>& valid = {});
    static Column string(std::string name, StringArray values, const std::vector<bool>& valid = {});
    static Column boolean(std::string name, const std::vector<bool>& values,
                          const std::vector<bool>& valid = {});
    // From optional values (nullopt: missing). T is std::int64_t, double, std::string or bool:
    //   Column::from_optional<double>("score", {1.5, std::nullopt, 3.0})
    template <class T>
    static Column from_optional(std::string name, const std::vector<std::optional<T>>& values);

    Column() = default; // an empty int64 column named ""

    const std::string& name() const noexcept { return name_; }
    DataType type() const noexcept { return static_cast<DataType>(values_.index()); }
    std::size_t size() const noexcept;
    bool is_number() const noexcept {
        return type() == DataType::int64 || type() == DataType::float64;
    }

    // Missing values. is_missing: row < size() (not checked).
    bool has_missing() const noexcept { return missing_count_ != 0; }
    std::size_t missing_count() const noexcept { return missing_count_; }
    bool is_missing(std::size_t row) const noexcept {
        return missing_count_ != 0 && ((valid_bits_[row >> 6] >> (row & 63)) & 1u) == 0;
    }
    // One bit per row, 1 = present, row r at bit (r % 64) of word r / 64. Empty when no value
    // is missing.
    std::span<const std::uint64_t> validity_bits() const noexcept { return valid_bits_; }

    // The values, by type. The wrong type throws std::logic_error naming the column and both
    // types ("column 'price' is float64, not int64").
    std::span<const std::int64_t> int64_values() const;
    std::span<const double> float64_values() const;
    const StringArray& string_values() const;
    std::span<const std::uint8_t> bool_values() const; // 0 or 1 per row

    // Row `row` as a number: int64 and float64 values as double, bool as 0/1. nullopt when the
    // value is missing or the column holds strings. std::out_of_range when row >= size().
    std::optional<double> number(std::size_t row) const;

    // A copy of this column holding rows[0], rows[1], ... (any order, repeats allowed).
    // std::out_of_range when a row is >= size().
    Column take(std::span<const RowIndex> rows) const;
    // The same column under another name.
    Column renamed(std::string name) const&;
    Column renamed(std::string name) &&;

    // Bytes of memory held (name, values, validity; capacity included).
    std::size_t memory_bytes() const noexcept;

    // Same name, type, missing rows and values (NaN equals NaN; missing slots are ignored).
    friend bool operator==(const Column& a, const Column& b) noexcept;

private:
    friend struct detail::ColumnAccess;
    using Values = std::variant<std::vector<std::int64_t>, std::vector<double>, StringArray,
                                std::vector<std::uint8_t>>; // index == DataType
    Column(std::string name, Values values, std::vector<std::uint64_t> valid_bits);
    [[noreturn]] void throw_type_error(DataType wanted) const;

    std::string name_;
    Values values_;
    std::vector<std::uint64_t> valid_bits_; // empty when missing_count_ == 0
    std::size_t missing_count_ = 0;
};

template <class T>
Column Column::from_optional(std::string name, const std::vector<std::optional<T>>& values) {
    static_assert(std::is_same_v<T, std::int64_t> || std::is_same_v<T, double> ||
                      std::is_same_v<T, std::string> || std::is_same_v<T, bool>,
                  "imlit: Column::from_optional<T>: T must be std::int64_t, double, std::string "
                  "or bool");
    std::vector<bool> valid(values.size());
    std::vector<T> plain(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        valid[i] = values[i].has_value();
        if (values[i]) plain[i] = *values[i];
    }
    if constexpr (std::is_same_v<T, std::int64_t>)
        return int64(std::move(name), std::move(plain), valid);
    else if constexpr (std::is_same_v<T, double>)
        return float64(std::move(name), std::move(plain), valid);
    else if constexpr (std::is_same_v<T, std::string>)
        return string(std::move(name), plain, valid);
    else
        return boolean(std::move(name), plain, valid);
}

// [SECTION] DataFrame ------------------------------------------------------------------------

// Named columns of equal length. Column names are unique (not empty-checked: "" is a name).
class DataFrame {
public:
    DataFrame() = default; // no columns, no rows
    // Throws std::invalid_argument when two columns differ in length or share a name (both
    // named in the message), std::length_error when there are more than kMaxRows rows.
    explicit DataFrame(std::vector<Column> columns);

    std::size_t rows() const noexcept { return rows_; }
    std::size_t columns() const noexcept { return columns_.size(); }
    bool empty() const noexcept { return columns_.empty(); }

    // Column by position; std::out_of_range naming the index and the column count.
    const Column& column(std::size_t index) const;
    // Column by name; std::out_of_range naming the missing column and listing the existing ones.
    const Column& column(std::string_view name) const;
    // Position of the column called `name`, or nullopt.
    std::optional<std::size_t> find_column(std::string_view name) const noexcept;

    // for (const imlit::Column& c : df) ...
    auto begin() const noexcept { return columns_.cbegin(); }
    auto end() const noexcept { return columns_.cend(); }

    // Appends a column. The first column sets rows(); later ones must have as many values.
    // Errors as for the constructor.
    void add_column(Column column);

    // The rows rows[0], rows[1], ... of every column (a filter, a reordering, or both).
    // std::out_of_range when a row is >= rows().
    DataFrame take(std::span<const RowIndex> rows) const;

    // Bytes of memory held (all columns; capacity included).
    std::size_t memory_bytes() const noexcept;

    friend bool operator==(const DataFrame& a, const DataFrame& b) noexcept {
        return a.rows_ == b.rows_ && a.columns_ == b.columns_;
    }

private:
    std::vector<Column> columns_;
    std::size_t rows_ = 0;
};

// [SECTION] byte_size and hash_append --------------------------------------------------------
// byte_size: the memory a cached DataFrame holds (for max_bytes and the cache budget; found by
// ADL like cache.hpp's overloads). hash_append: every name, type, value and missing flag, so a
// DataFrame can be a cached function's argument (O(size): wrap big ones in imlit::keyed).

inline std::size_t byte_size(const StringArray& s) noexcept {
    return s.memory_bytes();
}
inline std::size_t byte_size(const Column& c) noexcept {
    return c.memory_bytes();
}
inline std::size_t byte_size(const DataFrame& df) noexcept {
    return df.memory_bytes();
}

void hash_append(Hasher& h, const StringArray& s);
void hash_append(Hasher& h, const Column& c);
void hash_append(Hasher& h, const DataFrame& df);

} // namespace imlit
