// imlit — stable row sorting of a DataFrame. See include/imlit/table_sort.hpp.
//
// Multi-key sorts are most significant key first: one stable pass sorts the rows by the first
// key, then each run of rows that tie on it is sorted by the second key, and so on, so later
// keys only touch tied rows (and a unique first key costs nothing more). A pass splits its
// rows into present values, NaNs and missing values (each kept in order), sorts the present
// ones and concatenates the three. Numbers and bools become order-preserving unsigned 64-bit
// keys sorted by an LSD radix sort (stable by construction; 6 passes of 11 bits, passes whose
// digit is the same for every key skipped). Strings are radix-sorted 8 bytes at a time, most
// significant first: a run of rows whose first 8 bytes tie is sorted by the next 8, and so on.
// Short runs of any kind go to a stable comparison sort.
//
// Index
//   [SECTION] Keys
//   [SECTION] Radix sort
//   [SECTION] One pass per column type
//   [SECTION] sort_rows
#include "imlit/table_sort.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

namespace imlit {
namespace {

constexpr std::uint64_t kSignBit = std::uint64_t(1) << 63;
constexpr int kDigitBits = 11; // 2048 buckets: the counts stay in L2, 6 passes cover 64 bits
constexpr int kDigits = (64 + kDigitBits - 1) / kDigitBits;
constexpr std::size_t kBuckets = std::size_t(1) << kDigitBits;
constexpr std::size_t kPrefixBytes = sizeof(std::uint64_t);
constexpr std::size_t kSmallRun = 32;       // string runs this short: comparison sort
constexpr std::size_t kRadixMinRows = 1024; // fewer keys: a comparison sort is faster
constexpr std::size_t kMaxStringLevels = 8; // 64 bytes of radix levels, then comparisons

// [SECTION] Keys -----------------------------------------------------------------------------
// Unsigned keys whose order is the values' order.

std::uint64_t int_key(std::int64_t v) noexcept {
    return std::uint64_t(v) ^ kSignBit;
}

std::uint64_t double_key(double v) noexcept { // v not NaN
    if (v == 0) v = 0;                        // -0.0 sorts as 0.0
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(v);
    return (bits & kSignBit) ? ~bits : bits | kSignBit;
}

// Bytes [offset, offset + 8) of s, big-endian, zero-padded: comparing these keys compares
// that part of the strings.
std::uint64_t chunk_key(std::string_view s, std::size_t offset) noexcept {
    unsigned char b[kPrefixBytes] = {};
    if (offset < s.size())
        std::memcpy(b, s.data() + offset, std::min(s.size() - offset, kPrefixBytes));
    std::uint64_t k = 0;
    for (unsigned char c : b)
        k = (k << 8) | c;
    return k;
}

// [SECTION] Radix sort -----------------------------------------------------------------------

// Scratch buffers of radix_sort, reused across passes.
struct RadixScratch {
    std::vector<std::uint64_t> keys;
    std::vector<RowIndex> rows;
};

// Sorts rows[0, n) by keys[0, n), stably.
void radix_sort(std::uint64_t* keys, RowIndex* rows, std::size_t n, RadixScratch& scratch) {
    if (n < 2) return;
    if (n < kRadixMinRows) { // clearing the digit counts would cost more than sorting
        std::vector<std::pair<std::uint64_t, RowIndex>> pairs(n);
        for (std::size_t i = 0; i < n; ++i)
            pairs[i] = {keys[i], rows[i]};
        std::stable_sort(pairs.begin(), pairs.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t i = 0; i < n; ++i) {
            keys[i] = pairs[i].first;
            rows[i] = pairs[i].second;
        }
        return;
    }
    std::vector<std::array<std::size_t, kBuckets>> counts(kDigits);
    for (auto& c : counts)
        c.fill(0);
    for (std::size_t i = 0; i < n; ++i)
        for (int d = 0; d < kDigits; ++d)
            ++counts[std::size_t(d)][(keys[i] >> (d * kDigitBits)) & (kBuckets - 1)];
    if (scratch.keys.size() < n) {
        scratch.keys.resize(n);
        scratch.rows.resize(n);
    }
    std::uint64_t* src_k = keys;
    RowIndex* src_r = rows;
    std::uint64_t* dst_k = scratch.keys.data();
    RowIndex* dst_r = scratch.rows.data();
    for (int d = 0; d < kDigits; ++d) {
        auto& c = counts[std::size_t(d)];
        // Every key has the same digit here: the pass would not move anything.
        if (std::any_of(c.begin(), c.end(), [n](std::size_t x) { return x == n; })) continue;
        std::size_t sum = 0;
        for (std::size_t& x : c) {
            const std::size_t count = x;
            x = sum;
            sum += count;
        }
        const int shift = d * kDigitBits;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t at = c[(src_k[i] >> shift) & (kBuckets - 1)]++;
            dst_k[at] = src_k[i];
            dst_r[at] = src_r[i];
        }
        std::swap(src_k, dst_k);
        std::swap(src_r, dst_r);
    }
    if (src_k != keys) { // an odd number of passes ran: the result is in the scratch buffers
        std::copy(src_k, src_k + n, keys);
        std::copy(src_r, src_r + n, rows);
    }
}

void radix_sort(std::vector<std::uint64_t>& keys, std::vector<RowIndex>& rows,
                RadixScratch& scratch) {
    radix_sort(keys.data(), rows.data(), keys.size(), scratch);
}

// [SECTION] One pass per column type ---------------------------------------------------------

struct Pass {
    std::vector<std::uint64_t> keys; // keys of the present rows, in order
    std::vector<RowIndex> present;   // rows with a value (not missing, not NaN)
    std::vector<RowIndex> nans;      // NaN rows, in order
    std::vector<RowIndex> missing;   // missing rows, in order
    RadixScratch scratch;

    void clear() {
        keys.clear();
        present.clear();
        nans.clear();
        missing.clear();
    }
    // present (sorted), then NaNs, then missing: the new order.
    void write_to(std::span<RowIndex> order) const {
        auto out = std::copy(present.begin(), present.end(), order.begin());
        out = std::copy(nans.begin(), nans.end(), out);
        std::copy(missing.begin(), missing.end(), out);
    }
};

template <class KeyOf>
void split_and_key(const Column& col, std::span<const RowIndex> order, bool descending, Pass& p,
                   KeyOf key_of) {
    p.clear();
    p.keys.reserve(order.size());
    p.present.reserve(order.size());
    const bool any_missing = col.has_missing();
    const std::uint64_t flip = descending ? ~std::uint64_t(0) : 0;
    for (RowIndex r : order) {
        if (any_missing && col.is_missing(r)) {
            p.missing.push_back(r);
            continue;
        }
        std::uint64_t k;
        if (!key_of(r, k)) {
            p.nans.push_back(r);
            continue;
        }
        p.keys.push_back(k ^ flip);
        p.present.push_back(r);
    }
}

void sort_number_pass(const Column& col, std::span<RowIndex> order, bool descending, Pass& p) {
    switch (col.type()) {
    case DataType::int64: {
        const std::int64_t* v = col.int64_values().data();
        split_and_key(col, order, descending, p, [v](RowIndex r, std::uint64_t& k) {
            k = int_key(v[r]);
            return true;
        });
        break;
    }
    case DataType::float64: {
        const double* v = col.float64_values().data();
        split_and_key(col, order, descending, p, [v](RowIndex r, std::uint64_t& k) {
            if (std::isnan(v[r])) return false;
            k = double_key(v[r]);
            return true;
        });
        break;
    }
    case DataType::boolean: {
        const std::uint8_t* v = col.bool_values().data();
        split_and_key(col, order, descending, p, [v](RowIndex r, std::uint64_t& k) {
            k = v[r];
            return true;
        });
        break;
    }
    case DataType::string:
        break;
    }
    radix_sort(p.keys, p.present, p.scratch);
    p.write_to(order);
}

// Sorts present[begin, end), whose strings agree on their first `offset` bytes, by the rest.
// keys[begin, end) are scratch space here.
void sort_string_run(const StringArray& s, bool descending, std::size_t offset, std::size_t level,
                     std::size_t begin, std::size_t end, Pass& p) {
    RowIndex* rows = p.present.data() + begin;
    const std::size_t n = end - begin;
    const auto rest = [&s, offset](RowIndex r) {
        const std::string_view v = s[r];
        return v.substr(std::min(offset, v.size()));
    };
    if (n <= kSmallRun || level >= kMaxStringLevels) {
        std::stable_sort(rows, rows + n, [&](RowIndex a, RowIndex b) {
            return descending ? rest(b) < rest(a) : rest(a) < rest(b);
        });
        return;
    }
    std::uint64_t* keys = p.keys.data() + begin;
    const std::uint64_t flip = descending ? ~std::uint64_t(0) : 0;
    bool any_longer = false; // some string goes on past this chunk
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view v = s[rows[i]];
        keys[i] = chunk_key(v, offset) ^ flip;
        any_longer = any_longer || v.size() > offset + kPrefixBytes;
    }
    radix_sort(keys, rows, n, p.scratch);
    for (std::size_t b = 0; b < n;) {
        std::size_t e = b + 1;
        while (e < n && keys[e] == keys[b])
            ++e;
        // A run of equal strings (a category) is already in order.
        const auto all_equal = [&] {
            const std::string_view first = s[rows[b]];
            for (std::size_t i = b + 1; i < e; ++i)
                if (s[rows[i]] != first) return false;
            return true;
        };
        if (e - b > 1 && !all_equal()) {
            if (any_longer) {
                sort_string_run(s, descending, offset + kPrefixBytes, level + 1, begin + b,
                                begin + e, p);
            } else {
                // Equal zero-padded chunks and nothing beyond: only trailing NUL bytes differ,
                // and the shorter string comes first.
                std::stable_sort(rows + b, rows + e, [&](RowIndex x, RowIndex y) {
                    return descending ? s[y].size() < s[x].size() : s[x].size() < s[y].size();
                });
            }
        }
        b = e;
    }
}

void sort_string_pass(const Column& col, std::span<RowIndex> order, bool descending, Pass& p) {
    const StringArray& s = col.string_values();
    split_and_key(col, order, descending, p, [](RowIndex, std::uint64_t& k) {
        k = 0; // keys are made per level by sort_string_run
        return true;
    });
    sort_string_run(s, descending, 0, 0, 0, p.present.size(), p);
    p.write_to(order);
}

// [SECTION] Comparison and the key recursion -------------------------------------------------

int three_way(auto a, auto b) noexcept {
    return a < b ? -1 : b < a ? 1 : 0;
}

// Row a against row b on one column: <0 before, 0 tie, >0 after (the rules of the header).
int compare_rows(const Column& c, RowIndex a, RowIndex b, bool descending) {
    const bool ma = c.is_missing(a), mb = c.is_missing(b);
    if (ma || mb) return int(ma) - int(mb);
    int r = 0;
    switch (c.type()) {
    case DataType::int64:
        r = three_way(c.int64_values()[a], c.int64_values()[b]);
        break;
    case DataType::float64: {
        const double x = c.float64_values()[a], y = c.float64_values()[b];
        const bool nx = std::isnan(x), ny = std::isnan(y);
        if (nx || ny) return int(nx) - int(ny);
        r = three_way(x, y); // -0.0 == 0.0
        break;
    }
    case DataType::string:
        r = three_way(c.string_values()[a], c.string_values()[b]);
        break;
    case DataType::boolean:
        r = three_way(c.bool_values()[a], c.bool_values()[b]);
        break;
    }
    return descending ? -r : r;
}

struct ResolvedKey {
    const Column* column;
    bool descending;
};

// Sorts `rows` by keys[k], then the runs that tie on it by keys[k + 1], and so on.
void sort_by_keys(std::span<const ResolvedKey> keys, std::size_t k, std::span<RowIndex> rows,
                  Pass& p) {
    if (rows.size() < 2 || k >= keys.size()) return;
    if (rows.size() <= kSmallRun) {
        std::stable_sort(rows.begin(), rows.end(), [&](RowIndex a, RowIndex b) {
            for (std::size_t i = k; i < keys.size(); ++i)
                if (const int r = compare_rows(*keys[i].column, a, b, keys[i].descending))
                    return r < 0;
            return false;
        });
        return;
    }
    const ResolvedKey& key = keys[k];
    if (key.column->type() == DataType::string)
        sort_string_pass(*key.column, rows, key.descending, p);
    else
        sort_number_pass(*key.column, rows, key.descending, p);
    if (k + 1 == keys.size()) return;
    for (std::size_t b = 0; b < rows.size();) {
        std::size_t e = b + 1;
        while (e < rows.size() && compare_rows(*key.column, rows[b], rows[e], false) == 0)
            ++e;
        sort_by_keys(keys, k + 1, rows.subspan(b, e - b), p);
        b = e;
    }
}

} // namespace

// [SECTION] sort_rows ------------------------------------------------------------------------

std::vector<RowIndex> identity_rows(std::size_t n) {
    if (n > kMaxRows)
        throw std::length_error(
            fmt::format("imlit: identity_rows: {} rows; at most {} are supported", n, kMaxRows));
    std::vector<RowIndex> rows(n);
    for (std::size_t i = 0; i < n; ++i)
        rows[i] = RowIndex(i);
    return rows;
}

std::vector<RowIndex> sort_rows(const DataFrame& df, std::span<const SortKey> keys,
                                std::span<const RowIndex> rows) {
    // Resolve every name first: a bad key fails before any work.
    std::vector<ResolvedKey> resolved;
    resolved.reserve(keys.size());
    for (const SortKey& k : keys)
        resolved.push_back({&df.column(k.column), k.direction == SortDirection::descending});
    for (RowIndex r : rows)
        if (r >= df.rows())
            throw std::out_of_range(
                fmt::format("imlit: sort_rows: row {} out of range ({} rows)", r, df.rows()));
    std::vector<RowIndex> order(rows.begin(), rows.end());
    Pass pass;
    sort_by_keys(resolved, 0, order, pass);
    return order;
}

std::vector<RowIndex> sort_rows(const DataFrame& df, std::span<const SortKey> keys) {
    std::vector<RowIndex> all = identity_rows(df.rows());
    if (keys.empty()) return all;
    return sort_rows(df, keys, all);
}

} // namespace imlit
