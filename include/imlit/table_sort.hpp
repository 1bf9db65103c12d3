// imlit — sorting the rows of a DataFrame: a stable permutation, computed once per (table,
// sort order) and reused (keep it next to the table, e.g. in a cached function).
//
//   std::vector<imlit::RowIndex> order = imlit::sort_rows(df, {{"city"},
//                                                       {"price",
//                                                       imlit::SortDirection::descending}});
//   // order[0] is the row shown first; df.take(order) is the sorted table.
//
// Order of values: numbers by value (-0.0 equals 0.0), strings by their bytes (UTF-8 code point
// order, case-sensitive), false before true; ascending or descending per key. NaN comes after
// every number and missing values come last, in both directions. The sort is stable: rows
// that compare equal on every key keep their order in the input. Multi-key: the first key
// decides, the next breaks its ties, and so on. 1,000,000 rows take well under 0.5 s (see
// bench/bench_data.cpp).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "imlit/dataframe.hpp"
#include "imlit/hash.hpp"

namespace imlit {

enum class SortDirection : std::uint8_t { ascending, descending };

// One level of a sort order.
struct SortKey {
    std::string column;                                 // the column's name
    SortDirection direction = SortDirection::ascending; // see SortDirection
    friend bool operator==(const SortKey&, const SortKey&) = default;
};

inline void hash_append(Hasher& h, const SortKey& key) {
    h(key.column, key.direction);
}

// The rows of `df` in the order given by `keys` (a permutation of 0 .. rows()-1). No keys: the
// identity. An unknown column name throws std::out_of_range naming it.
std::vector<RowIndex> sort_rows(const DataFrame& df, std::span<const SortKey> keys);
inline std::vector<RowIndex> sort_rows(const DataFrame& df, std::initializer_list<SortKey> keys) {
    return sort_rows(df, std::span<const SortKey>(keys.begin(), keys.size()));
}

// The given rows (for example the rows a filter kept) in the order given by `keys`; rows that
// compare equal keep their order in `rows`. A row >= df.rows() throws std::out_of_range.
std::vector<RowIndex> sort_rows(const DataFrame& df, std::span<const SortKey> keys,
                                std::span<const RowIndex> rows);

// 0, 1, ..., n-1 (the order of an unsorted table). std::length_error when n > kMaxRows.
std::vector<RowIndex> identity_rows(std::size_t n);

} // namespace imlit
