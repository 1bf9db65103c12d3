// sort_rows: every column type in both directions, NaN and missing values last, stability,
// multi-key orders, row subsets, and agreement with std::stable_sort on random tables.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "imlit/table_sort.hpp"

using imlit::Column;
using imlit::DataFrame;
using imlit::RowIndex;
using imlit::SortDirection;
using imlit::SortKey;
using Rows = std::vector<RowIndex>;

constexpr auto kDesc = SortDirection::descending;

namespace {

// The reference order: std::stable_sort with a comparator that spells out the rules.
Rows reference_sort(const DataFrame& df, const std::vector<SortKey>& keys) {
    Rows rows = imlit::identity_rows(df.rows());
    // -1: a before b, 1: after, 0: tie.
    const auto compare = [&](const Column& c, RowIndex a, RowIndex b, bool desc) -> int {
        const bool ma = c.is_missing(a), mb = c.is_missing(b);
        if (ma || mb) return ma == mb ? 0 : ma ? 1 : -1;
        int r = 0;
        switch (c.type()) {
        case imlit::DataType::int64: {
            const auto x = c.int64_values()[a], y = c.int64_values()[b];
            r = x < y ? -1 : y < x ? 1 : 0;
            break;
        }
        case imlit::DataType::float64: {
            const double x = c.float64_values()[a], y = c.float64_values()[b];
            if (std::isnan(x) || std::isnan(y))
                return std::isnan(x) == std::isnan(y) ? 0 : std::isnan(x) ? 1 : -1;
            r = x < y ? -1 : y < x ? 1 : 0;
            break;
        }
        case imlit::DataType::string: {
            const auto x = c.string_values()[a], y = c.string_values()[b];
            r = x < y ? -1 : y < x ? 1 : 0;
            break;
        }
        case imlit::DataType::boolean:
            r = int(c.bool_values()[a]) - int(c.bool_values()[b]);
            break;
        }
        return desc ? -r : r;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](RowIndex a, RowIndex b) {
        for (const SortKey& k : keys) {
            const int r = compare(df.column(k.column), a, b, k.direction == kDesc);
            if (r != 0) return r < 0;
        }
        return false;
    });
    return rows;
}

DataFrame random_table(std::mt19937& rng, std::size_t n) {
    std::uniform_int_distribution<int> small(-3, 3), any(0, 99);
    std::uniform_real_distribution<double> real(-1e6, 1e6);
    std::vector<std::int64_t> ints(n);
    std::vector<double> reals(n);
    std::vector<std::string> strings(n);
    std::vector<bool> bools(n), valid_i(n), valid_f(n), valid_s(n), valid_b(n);
    const std::string stems[] = {"", "a", "ab", "abcdefgh", "abcdefgh1", "abcdefgh2", "zz", "Z"};
    for (std::size_t i = 0; i < n; ++i) {
        ints[i] = any(rng) < 50 ? small(rng) : std::int64_t(real(rng)) * 1000003;
        const int kind = any(rng);
        reals[i] = kind < 10   ? std::nan("")
                   : kind < 15 ? (kind & 1 ? -0.0 : 0.0)
                   : kind < 60 ? double(small(rng))
                               : real(rng);
        strings[i] =
            stems[std::size_t(any(rng)) % 8] + (any(rng) < 30 ? std::to_string(small(rng)) : "");
        bools[i] = any(rng) < 50;
        valid_i[i] = any(rng) >= 10;
        valid_f[i] = any(rng) >= 10;
        valid_s[i] = any(rng) >= 10;
        valid_b[i] = any(rng) >= 10;
    }
    return DataFrame({Column::int64("i", ints, valid_i), Column::float64("f", reals, valid_f),
                      Column::string("s", strings, valid_s), Column::boolean("b", bools, valid_b)});
}

// The same table repeated `times` times: big enough for the radix passes (small runs go to a
// comparison sort), with every value tied across the copies.
DataFrame tiled(const DataFrame& df, std::size_t times) {
    Rows rows;
    for (std::size_t t = 0; t < times; ++t)
        for (std::size_t r = 0; r < df.rows(); ++r)
            rows.push_back(RowIndex(r));
    return df.take(rows);
}

// `expected` on df itself (the comparison-sort path), and the reference order on a tiled copy
// (the radix path).
void check_order(const DataFrame& df, std::initializer_list<SortKey> keys, const Rows& expected) {
    const std::vector<SortKey> k(keys);
    CHECK(imlit::sort_rows(df, k) == expected);
    const DataFrame big = tiled(df, 200);
    CHECK(imlit::sort_rows(big, k) == reference_sort(big, k));
}

} // namespace

TEST_CASE("sort_rows: int64 ascending and descending, stable on ties", "[sort]") {
    const DataFrame df(
        {Column::int64("v", {5, -3, 5, 0, -3, std::numeric_limits<std::int64_t>::min(),
                             std::numeric_limits<std::int64_t>::max()})});
    check_order(df, {{"v"}}, {5, 1, 4, 3, 0, 2, 6});
    // Descending keeps tied rows in their original order too (1 before 4, 0 before 2).
    check_order(df, {{"v", kDesc}}, {6, 0, 2, 3, 1, 4, 5});
}

TEST_CASE("sort_rows: float64 with NaN, infinities and signed zeros", "[sort]") {
    const double nan = std::nan("");
    const DataFrame df(
        {Column::float64("v", {2.5, nan, -INFINITY, 0.0, -0.0, INFINITY, nan, -1e-300})});
    // NaN after every number, in both directions; -0.0 ties with 0.0 (stable: row 3 first).
    check_order(df, {{"v"}}, {2, 7, 3, 4, 0, 5, 1, 6});
    check_order(df, {{"v", kDesc}}, {5, 0, 3, 4, 7, 2, 1, 6});
}

TEST_CASE("sort_rows: strings by bytes, long shared prefixes, empty and embedded NUL", "[sort]") {
    const std::string nul("ab\0c", 4);
    const DataFrame df({Column::string("s", {"prefix_12345678b", "b", "", "prefix_12345678a", "ab",
                                             nul, "B", "prefix_12345678a", "prefix_1234567"})});
    check_order(df, {{"s"}}, {2, 6, 4, 5, 1, 8, 3, 7, 0});
    check_order(df, {{"s", kDesc}}, {0, 3, 7, 8, 1, 5, 4, 6, 2});
}

TEST_CASE("sort_rows: bools, false first", "[sort]") {
    const DataFrame df({Column::boolean("b", {true, false, true, false})});
    check_order(df, {{"b"}}, {1, 3, 0, 2});
    check_order(df, {{"b", kDesc}}, {0, 2, 1, 3});
}

TEST_CASE("sort_rows: missing values last in both directions, after NaN", "[sort]") {
    const double nan = std::nan("");
    const DataFrame df({
        Column::float64("f", {3, nan, 1, 0, 2}, {true, true, true, false, true}),
        Column::int64("i", {0, 9, 0, 7, 8}, {false, true, false, true, true}),
        Column::from_optional<std::string>("s", {"b", std::nullopt, "a", std::nullopt, "c"}),
        Column::from_optional<bool>("b", {std::nullopt, true, false, std::nullopt, true}),
    });
    check_order(df, {{"f"}}, {2, 4, 0, 1, 3});
    check_order(df, {{"f", kDesc}}, {0, 4, 2, 1, 3});
    check_order(df, {{"i"}}, {3, 4, 1, 0, 2});
    check_order(df, {{"i", kDesc}}, {1, 4, 3, 0, 2});
    check_order(df, {{"s"}}, {2, 0, 4, 1, 3});
    check_order(df, {{"s", kDesc}}, {4, 0, 2, 1, 3});
    check_order(df, {{"b"}}, {2, 1, 4, 0, 3});
    check_order(df, {{"b", kDesc}}, {1, 4, 2, 0, 3});
}

TEST_CASE("sort_rows: multi-key, subsets, no keys, bad names", "[sort]") {
    const DataFrame df({
        Column::string("city", {"Oslo", "Bergen", "Oslo", "Bergen", "Oslo"}),
        Column::float64("price", {10, 30, 20, 30, 20}),
    });
    check_order(df, {{"city"}, {"price", kDesc}}, {1, 3, 2, 4, 0});
    check_order(df, {{"price", kDesc}, {"city"}}, {1, 3, 2, 4, 0});
    check_order(df, {{"price"}, {"city", kDesc}}, {0, 2, 4, 1, 3});
    CHECK(imlit::sort_rows(df, {}) == Rows{0, 1, 2, 3, 4});
    const Rows subset = {4, 0, 2};
    const std::vector<SortKey> by_price = {{"price"}};
    CHECK(imlit::sort_rows(df, by_price, subset) == Rows{0, 4, 2}); // ties keep subset order
    const Rows bad = {5};
    CHECK_THROWS_AS(imlit::sort_rows(df, by_price, bad), std::out_of_range);
    CHECK_THROWS_WITH(imlit::sort_rows(df, {{"prise"}}),
                      Catch::Contains("no column named 'prise'"));
    CHECK(imlit::identity_rows(3) == Rows{0, 1, 2});
    CHECK(imlit::sort_rows(DataFrame{}, {}).empty());
    CHECK(imlit::hash_value(SortKey{"a"}) != imlit::hash_value(SortKey{"a", kDesc}));
}

TEST_CASE("sort_rows: agrees with std::stable_sort on random tables and orders", "[sort]") {
    std::mt19937 rng(20261);
    const char* names[] = {"i", "f", "s", "b"};
    for (int round = 0; round < 40; ++round) {
        const DataFrame df = random_table(rng, round < 20 ? 50 : 3000);
        std::vector<SortKey> keys;
        const int nkeys = 1 + round % 3;
        for (int k = 0; k < nkeys; ++k)
            keys.push_back(
                {names[(round + k * 3) % 4], (round >> k) & 1 ? kDesc : SortDirection::ascending});
        INFO("round " << round);
        CHECK(imlit::sort_rows(df, keys) == reference_sort(df, keys));
    }
}
