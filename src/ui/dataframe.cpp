// imlit — DataFrame, Column and StringArray. See include/imlit/dataframe.hpp.
//
// Index
//   [SECTION] DataType names
//   [SECTION] StringArray
//   [SECTION] Validity bits
//   [SECTION] Column
//   [SECTION] DataFrame
//   [SECTION] hash_append
#include "imlit/dataframe.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "ui/column_access.hpp"

namespace imlit {

// [SECTION] DataType names -------------------------------------------------------------------

std::string_view to_string(DataType type) noexcept {
    switch (type) {
    case DataType::int64:
        return "int64";
    case DataType::float64:
        return "float64";
    case DataType::string:
        return "string";
    case DataType::boolean:
        return "bool";
    }
    return "?";
}

// [SECTION] StringArray ----------------------------------------------------------------------

namespace {
template <class S>
StringArray strings_from(std::span<const S> values) {
    std::size_t total = 0;
    for (const S& v : values)
        total += v.size();
    StringArray out;
    out.reserve(values.size(), total);
    for (const S& v : values)
        out.push_back(v);
    return out;
}
} // namespace

StringArray::StringArray(std::span<const std::string> values) {
    *this = strings_from(values);
}
StringArray::StringArray(std::span<const std::string_view> values) {
    *this = strings_from(values);
}

std::string_view StringArray::at(std::size_t i) const {
    if (i >= size())
        throw std::out_of_range(
            fmt::format("imlit: StringArray::at({}) out of range (size {})", i, size()));
    return (*this)[i];
}

void StringArray::push_back(std::string_view value) {
    if (offsets_.empty()) offsets_.push_back(0);
    bytes_.append(value);
    offsets_.push_back(bytes_.size());
}

void StringArray::reserve(std::size_t strings, std::size_t bytes) {
    offsets_.reserve((offsets_.empty() ? 1 : offsets_.size()) + strings);
    bytes_.reserve(bytes_.size() + bytes);
}

std::size_t StringArray::memory_bytes() const noexcept {
    return sizeof(*this) + bytes_.capacity() + offsets_.capacity() * sizeof(std::uint64_t);
}

StringArray StringArray::from_parts(std::string bytes, std::vector<std::uint64_t> offsets) {
    if (!offsets.empty()) {
        if (offsets.front() != 0 || offsets.back() != bytes.size() ||
            !std::is_sorted(offsets.begin(), offsets.end()))
            throw std::invalid_argument(
                "imlit: StringArray::from_parts: offsets must start at 0, never decrease and "
                "end at the byte count");
    } else if (!bytes.empty()) {
        throw std::invalid_argument("imlit: StringArray::from_parts: bytes without offsets");
    }
    StringArray out;
    out.bytes_ = std::move(bytes);
    out.offsets_ = std::move(offsets);
    return out;
}

bool operator==(const StringArray& a, const StringArray& b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// [SECTION] Validity bits --------------------------------------------------------------------

namespace detail {

std::vector<std::uint64_t> validity_from_bools(const std::vector<bool>& valid, std::size_t size,
                                               const std::string& column) {
    if (valid.empty()) return {};
    if (valid.size() != size)
        throw std::invalid_argument(fmt::format(
            "imlit: column '{}': {} values but {} validity flags", column, size, valid.size()));
    std::vector<std::uint64_t> bits((size + 63) / 64, 0);
    for (std::size_t i = 0; i < size; ++i)
        if (valid[i]) bits[i >> 6] |= std::uint64_t(1) << (i & 63);
    return bits;
}

std::size_t count_missing(std::span<const std::uint64_t> bits, std::size_t size) noexcept {
    if (bits.empty()) return 0;
    std::size_t present = 0;
    for (std::uint64_t w : bits)
        present += std::size_t(std::popcount(w));
    return size - present;
}

} // namespace detail

// [SECTION] Column ---------------------------------------------------------------------------

namespace {

template <class V>
void zero_missing_slots(V& values, std::span<const std::uint64_t> bits) {
    if (bits.empty()) return;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (((bits[i >> 6] >> (i & 63)) & 1u) == 0) values[i] = {};
}

} // namespace

Column::Column(std::string name, Values values, std::vector<std::uint64_t> valid_bits)
    : name_(std::move(name)), values_(std::move(values)), valid_bits_(std::move(valid_bits)) {
    const std::size_t n = size();
    if (!valid_bits_.empty() && valid_bits_.size() != (n + 63) / 64)
        throw std::invalid_argument(
            fmt::format("imlit: column '{}': validity mask of {} words for {} rows", name_,
                        valid_bits_.size(), n));
    if (!valid_bits_.empty() && (n & 63) != 0) // bits past the end are not rows: clear them
        valid_bits_.back() &= (std::uint64_t(1) << (n & 63)) - 1;
    missing_count_ = detail::count_missing(valid_bits_, n);
    if (missing_count_ == 0) valid_bits_.clear(); // one representation of "nothing missing"
    valid_bits_.shrink_to_fit();
}

Column Column::int64(std::string name, std::vector<std::int64_t> values,
                     const std::vector<bool>& valid) {
    auto bits = detail::validity_from_bools(valid, values.size(), name);
    zero_missing_slots(values, bits);
    return Column(std::move(name), Values(std::move(values)), std::move(bits));
}

Column Column::float64(std::string name, std::vector<double> values,
                       const std::vector<bool>& valid) {
    auto bits = detail::validity_from_bools(valid, values.size(), name);
    zero_missing_slots(values, bits);
    return Column(std::move(name), Values(std::move(values)), std::move(bits));
}

Column Column::string(std::string name, const std::vector<std::string>& values,
                      const std::vector<bool>& valid) {
    auto bits = detail::validity_from_bools(valid, values.size(), name);
    StringArray strings;
    std::size_t total = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (valid.empty() || valid[i]) total += values[i].size();
    strings.reserve(values.size(), total);
    for (std::size_t i = 0; i < values.size(); ++i)
        strings.push_back(valid.empty() || valid[i] ? std::string_view(values[i])
                                                    : std::string_view());
    return Column(std::move(name), Values(std::move(strings)), std::move(bits));
}

Column Column::string(std::string name, StringArray values, const std::vector<bool>& valid) {
    auto bits = detail::validity_from_bools(valid, values.size(), name);
    if (!bits.empty()) { // missing slots hold "": rebuild only when one does not
        bool clean = true;
        for (std::size_t i = 0; i < values.size() && clean; ++i)
            clean = valid[i] || values[i].empty();
        if (!clean) {
            StringArray cleaned;
            cleaned.reserve(values.size(), values.bytes().size());
            for (std::size_t i = 0; i < values.size(); ++i)
                cleaned.push_back(valid[i] ? values[i] : std::string_view());
            values = std::move(cleaned);
        }
    }
    return Column(std::move(name), Values(std::move(values)), std::move(bits));
}

Column Column::boolean(std::string name, const std::vector<bool>& values,
                       const std::vector<bool>& valid) {
    auto bits = detail::validity_from_bools(valid, values.size(), name);
    std::vector<std::uint8_t> bytes(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
        bytes[i] = values[i] && (valid.empty() || valid[i]) ? 1 : 0;
    return Column(std::move(name), Values(std::move(bytes)), std::move(bits));
}

std::size_t Column::size() const noexcept {
    return std::visit([](const auto& v) { return v.size(); }, values_);
}

void Column::throw_type_error(DataType wanted) const {
    throw std::logic_error(fmt::format("imlit: column '{}' is {}, not {}", name_, to_string(type()),
                                       to_string(wanted)));
}

std::span<const std::int64_t> Column::int64_values() const {
    if (const auto* v = std::get_if<std::vector<std::int64_t>>(&values_)) return *v;
    throw_type_error(DataType::int64);
}
std::span<const double> Column::float64_values() const {
    if (const auto* v = std::get_if<std::vector<double>>(&values_)) return *v;
    throw_type_error(DataType::float64);
}
const StringArray& Column::string_values() const {
    if (const auto* v = std::get_if<StringArray>(&values_)) return *v;
    throw_type_error(DataType::string);
}
std::span<const std::uint8_t> Column::bool_values() const {
    if (const auto* v = std::get_if<std::vector<std::uint8_t>>(&values_)) return *v;
    throw_type_error(DataType::boolean);
}

std::optional<double> Column::number(std::size_t row) const {
    if (row >= size())
        throw std::out_of_range(
            fmt::format("imlit: column '{}': row {} out of range ({} rows)", name_, row, size()));
    if (is_missing(row)) return std::nullopt;
    switch (type()) {
    case DataType::int64:
        return double(std::get<0>(values_)[row]);
    case DataType::float64:
        return std::get<1>(values_)[row];
    case DataType::boolean:
        return double(std::get<3>(values_)[row]);
    case DataType::string:
        break;
    }
    return std::nullopt;
}

Column Column::take(std::span<const RowIndex> rows) const {
    const std::size_t n = size();
    for (RowIndex r : rows)
        if (r >= n)
            throw std::out_of_range(fmt::format(
                "imlit: column '{}': take: row {} out of range ({} rows)", name_, r, n));
    std::vector<std::uint64_t> bits;
    if (missing_count_ != 0) {
        bits.assign((rows.size() + 63) / 64, 0);
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (!is_missing(rows[i])) bits[i >> 6] |= std::uint64_t(1) << (i & 63);
    }
    Values values = std::visit(
        [&](const auto& v) -> Values {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, StringArray>) {
                std::size_t total = 0;
                for (RowIndex r : rows)
                    total += v[r].size();
                StringArray out;
                out.reserve(rows.size(), total);
                for (RowIndex r : rows)
                    out.push_back(v[r]);
                return out;
            } else {
                V out(rows.size());
                for (std::size_t i = 0; i < rows.size(); ++i)
                    out[i] = v[rows[i]];
                return out;
            }
        },
        values_);
    return Column(name_, std::move(values), std::move(bits));
}

Column Column::renamed(std::string name) const& {
    Column c = *this;
    c.name_ = std::move(name);
    return c;
}
Column Column::renamed(std::string name) && {
    name_ = std::move(name);
    return std::move(*this);
}

std::size_t Column::memory_bytes() const noexcept {
    std::size_t n = sizeof(*this) + (name_.capacity() > 15 ? name_.capacity() + 1 : 0) +
                    valid_bits_.capacity() * sizeof(std::uint64_t);
    n += std::visit(
        [](const auto& v) -> std::size_t {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, StringArray>)
                return v.memory_bytes() - sizeof(StringArray);
            else
                return v.capacity() * sizeof(typename V::value_type);
        },
        values_);
    return n;
}

bool operator==(const Column& a, const Column& b) noexcept {
    if (a.name_ != b.name_ || a.values_.index() != b.values_.index() || a.size() != b.size() ||
        a.missing_count_ != b.missing_count_ || a.valid_bits_ != b.valid_bits_)
        return false;
    // Missing slots hold 0 / "" / false in both (the constructors clear them).
    if (const auto* x = std::get_if<std::vector<double>>(&a.values_)) {
        const auto& y = std::get<std::vector<double>>(b.values_);
        for (std::size_t i = 0; i < x->size(); ++i)
            if (!((*x)[i] == y[i] || (std::isnan((*x)[i]) && std::isnan(y[i])))) return false;
        return true;
    }
    return a.values_ == b.values_;
}

// [SECTION] DataFrame ------------------------------------------------------------------------

DataFrame::DataFrame(std::vector<Column> columns) {
    columns_.reserve(columns.size());
    for (Column& c : columns)
        add_column(std::move(c));
}

void DataFrame::add_column(Column column) {
    const std::size_t n = column.size();
    if (n > kMaxRows)
        throw std::length_error(
            fmt::format("imlit: DataFrame: column '{}' has {} rows; at most {} are supported",
                        column.name(), n, kMaxRows));
    if (!columns_.empty() && n != rows_)
        throw std::invalid_argument(
            fmt::format("imlit: DataFrame: column '{}' has {} rows but column '{}' has {}",
                        column.name(), n, columns_.front().name(), rows_));
    if (find_column(column.name()))
        throw std::invalid_argument(
            fmt::format("imlit: DataFrame: two columns are named '{}'", column.name()));
    rows_ = n;
    columns_.push_back(std::move(column));
}

const Column& DataFrame::column(std::size_t index) const {
    if (index >= columns_.size())
        throw std::out_of_range(fmt::format("imlit: DataFrame: no column {} (it has {} columns)",
                                            index, columns_.size()));
    return columns_[index];
}

const Column& DataFrame::column(std::string_view name) const {
    if (const auto i = find_column(name)) return columns_[*i];
    std::string names;
    for (const Column& c : columns_) {
        if (!names.empty()) names += ", ";
        names += c.name();
    }
    throw std::out_of_range(fmt::format("imlit: DataFrame: no column named '{}' (columns: {})",
                                        name, names.empty() ? "none" : names));
}

std::optional<std::size_t> DataFrame::find_column(std::string_view name) const noexcept {
    for (std::size_t i = 0; i < columns_.size(); ++i)
        if (columns_[i].name() == name) return i;
    return std::nullopt;
}

DataFrame DataFrame::take(std::span<const RowIndex> rows) const {
    for (RowIndex r : rows)
        if (r >= rows_)
            throw std::out_of_range(
                fmt::format("imlit: DataFrame::take: row {} out of range ({} rows)", r, rows_));
    DataFrame out;
    out.columns_.reserve(columns_.size());
    for (const Column& c : columns_)
        out.columns_.push_back(c.take(rows));
    out.rows_ = columns_.empty() ? 0 : rows.size();
    return out;
}

std::size_t DataFrame::memory_bytes() const noexcept {
    std::size_t n = sizeof(*this) + (columns_.capacity() - columns_.size()) * sizeof(Column);
    for (const Column& c : columns_)
        n += c.memory_bytes();
    return n;
}

// [SECTION] hash_append ----------------------------------------------------------------------

void hash_append(Hasher& h, const StringArray& s) {
    // An empty array may or may not hold its leading 0 offset: hash the same either way.
    h(s.bytes(), s.empty() ? std::span<const std::uint64_t>() : s.offsets());
}

void hash_append(Hasher& h, const Column& c) {
    h(c.name(), static_cast<std::uint8_t>(c.type()), c.size(), c.validity_bits());
    switch (c.type()) {
    case DataType::int64:
        h(c.int64_values());
        break;
    case DataType::float64:
        h(c.float64_values());
        break;
    case DataType::string:
        h(c.string_values());
        break;
    case DataType::boolean:
        h(c.bool_values());
        break;
    }
}

void hash_append(Hasher& h, const DataFrame& df) {
    h(df.rows(), df.columns());
    for (const Column& c : df)
        h(c);
}

} // namespace imlit
