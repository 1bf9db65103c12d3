// imlit internal — building Columns from ready-made storage (the CSV reader's output), without
// the copies and checks the public factories make.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "imlit/dataframe.hpp"

namespace imlit::detail {

struct ColumnAccess {
    // `valid_bits`: one bit per value (1 = present), or empty when none is missing. Missing
    // slots must already hold 0 / "" / false.
    template <class Storage>
    static Column make(std::string name, Storage values, std::vector<std::uint64_t> valid_bits) {
        return Column(std::move(name), Column::Values(std::move(values)), std::move(valid_bits));
    }
};

// `valid` as validity bits (empty stays empty). std::invalid_argument naming `column` when its
// size is not `size`.
std::vector<std::uint64_t> validity_from_bools(const std::vector<bool>& valid, std::size_t size,
                                               const std::string& column);
// Rows without a value, from validity bits (empty bits: none).
std::size_t count_missing(std::span<const std::uint64_t> bits, std::size_t size) noexcept;

} // namespace imlit::detail
