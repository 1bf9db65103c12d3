// DataFrame, Column and StringArray: construction, access, missing values, errors, take,
// byte_size and hashing; and the cell text of column_format.hpp.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "imlit/cache.hpp"
#include "imlit/column_format.hpp"
#include "imlit/dataframe.hpp"
#include "imlit/hash.hpp"

using imlit::Column;
using imlit::DataFrame;
using imlit::DataType;

namespace {

DataFrame sample() {
    return DataFrame({
        Column::int64("id", {85248, 85249, 85250}),
        Column::float64("price", {9.5, 12.25, 3.0}, {true, false, true}),
        Column::string("name", {"bolt", "nut, hex", "washer"}),
        Column::boolean("in_stock", {true, false, true}),
    });
}

std::string message_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no exception)";
}

} // namespace

TEST_CASE("DataFrame: typed columns, rows, columns, access by name and index", "[dataframe]") {
    const DataFrame df = sample();
    CHECK(df.rows() == 3);
    CHECK(df.columns() == 4);
    CHECK(df.column(0).type() == DataType::int64);
    CHECK(df.column("price").type() == DataType::float64);
    CHECK(df.column("name").type() == DataType::string);
    CHECK(df.column(3).type() == DataType::boolean);
    CHECK(df.column("id").int64_values()[0] == 85248);
    CHECK(df.column("name").string_values()[1] == "nut, hex");
    CHECK(df.column("in_stock").bool_values()[1] == 0);
    CHECK(df.find_column("name") == std::optional<std::size_t>(2));
    CHECK_FALSE(df.find_column("nope"));
    std::vector<std::string> names;
    for (const Column& c : df)
        names.push_back(c.name());
    CHECK(names == std::vector<std::string>{"id", "price", "name", "in_stock"});
    CHECK(imlit::to_string(DataType::float64) == "float64");
    CHECK(imlit::to_string(DataType::boolean) == "bool");
}

TEST_CASE("DataFrame: missing values are flagged and hold zero slots", "[dataframe]") {
    const DataFrame df = sample();
    const Column& price = df.column("price");
    CHECK(price.has_missing());
    CHECK(price.missing_count() == 1);
    CHECK_FALSE(price.is_missing(0));
    CHECK(price.is_missing(1));
    CHECK(price.float64_values()[1] == 0.0); // the slot of a missing value is cleared
    CHECK_FALSE(price.number(1));
    CHECK(price.number(0) == 9.5);
    CHECK(df.column("id").number(2) == 85250.0);
    CHECK(df.column("in_stock").number(0) == 1.0);
    CHECK_FALSE(df.column("name").number(0));
    CHECK_FALSE(df.column("id").has_missing());
    CHECK(df.column("id").validity_bits().empty());

    const Column s = Column::from_optional<std::string>("s", {"a", std::nullopt, ""});
    CHECK(s.is_missing(1));
    CHECK_FALSE(s.is_missing(2)); // "" is a value
    CHECK(s.string_values()[1].empty());
    const Column all = Column::float64("x", {1, 2}, {false, false});
    CHECK(all.missing_count() == 2);
}

TEST_CASE("DataFrame: clear errors for bad access and bad construction", "[dataframe]") {
    const DataFrame df = sample();
    CHECK(message_of([&] { (void)df.column("pricee"); }) ==
          "imlit: DataFrame: no column named 'pricee' (columns: id, price, name, in_stock)");
    CHECK(message_of([&] { (void)df.column(7); }) ==
          "imlit: DataFrame: no column 7 (it has 4 columns)");
    CHECK(message_of([&] { (void)df.column("name").int64_values(); }) ==
          "imlit: column 'name' is string, not int64");
    CHECK_THROWS_AS(df.column("id").float64_values(), std::logic_error);
    CHECK_THROWS_AS(df.column("id").number(3), std::out_of_range);
    CHECK(message_of([] {
              DataFrame({Column::int64("a", {1, 2}), Column::int64("b", {1})});
          }) == "imlit: DataFrame: column 'b' has 1 rows but column 'a' has 2");
    CHECK(message_of([] {
              DataFrame({Column::int64("a", {1}), Column::float64("a", {1})});
          }) == "imlit: DataFrame: two columns are named 'a'");
    CHECK(message_of([] {
              Column::int64("a", {1, 2}, {true});
          }) == "imlit: column 'a': 2 values but 1 validity flags");
    CHECK_THROWS_AS(imlit::StringArray::from_parts("abc", {0, 5}), std::invalid_argument);
    CHECK_THROWS_AS(imlit::StringArray::from_parts("abc", {0, 2, 1, 3}), std::invalid_argument);
}

TEST_CASE("DataFrame: take selects and reorders rows of every column", "[dataframe]") {
    const DataFrame df = sample();
    const std::vector<imlit::RowIndex> rows = {2, 1, 1};
    const DataFrame t = df.take(rows);
    CHECK(t.rows() == 3);
    CHECK(t.column("id").int64_values()[0] == 85250);
    CHECK(t.column("name").string_values()[1] == "nut, hex");
    CHECK(t.column("price").is_missing(1));
    CHECK(t.column("price").is_missing(2));
    CHECK_FALSE(t.column("price").is_missing(0));
    CHECK(t.column("price").missing_count() == 2);
    const std::vector<imlit::RowIndex> none;
    CHECK(df.take(none).rows() == 0);
    const std::vector<imlit::RowIndex> bad = {0, 3};
    CHECK_THROWS_AS(df.take(bad), std::out_of_range);
    // Selecting only present rows leaves no mask.
    const std::vector<imlit::RowIndex> present = {0, 2};
    CHECK_FALSE(df.take(present).column("price").has_missing());
}

TEST_CASE("DataFrame: equality; byte_size and hash_append as cache values and arguments",
          "[dataframe]") {
    const DataFrame a = sample();
    DataFrame b = sample();
    CHECK(a == b);
    CHECK(imlit::hash_value(a) == imlit::hash_value(b));
    CHECK(Column::float64("x", {NAN}) == Column::float64("x", {NAN}));
    // The value behind a missing flag does not matter; the flag does.
    CHECK(Column::int64("x", {1, 5}, {true, false}) == Column::int64("x", {1, 7}, {true, false}));
    CHECK(imlit::hash_value(Column::int64("x", {1, 5}, {true, false})) ==
          imlit::hash_value(Column::int64("x", {1, 7}, {true, false})));
    CHECK(imlit::hash_value(Column::int64("x", {1, 0}, {true, false})) !=
          imlit::hash_value(Column::int64("x", {1, 0})));
    CHECK(imlit::hash_value(Column::int64("x", {1})) !=
          imlit::hash_value(Column::float64("x", {1})));
    CHECK(imlit::hash_value(Column::int64("x", {1})) != imlit::hash_value(Column::int64("y", {1})));
    CHECK(imlit::hash_value(Column::string("s", {"ab", "c"})) !=
          imlit::hash_value(Column::string("s", {"a", "bc"})));
    b.add_column(Column::int64("extra", {1, 2, 3}));
    CHECK_FALSE(a == b);
    CHECK(imlit::hash_value(a) != imlit::hash_value(b));
    STATIC_REQUIRE(imlit::Hashable<DataFrame>);
    CHECK(imlit::hash_args(imlit::keyed(a, 1)) == imlit::hash_args(imlit::keyed(b, 1)));

    // byte_size through cache.hpp's ADL lookup, and it grows with the data.
    CHECK(imlit::detail::size_of(a) == a.memory_bytes());
    std::vector<std::string> many(10000, std::string(40, 'x'));
    const DataFrame big({Column::string("s", many)});
    CHECK(imlit::detail::size_of(big) >= 10000 * 40 + 10000 * 8);
    CHECK(imlit::detail::size_of(big) < 10000 * 40 * 2);
}

// [SECTION] Cell text ------------------------------------------------------------------------

namespace {

std::string cell(const Column& c, std::size_t row, const imlit::ColumnOptions& o = {}) {
    imlit::CellText buf;
    return std::string(imlit::format_cell(c, row, o, buf));
}

} // namespace

TEST_CASE("format_cell: ids as integers, automatic and fixed precision", "[dataframe][format]") {
    CHECK(cell(Column::int64("id", {85248}), 0) == "85248");
    CHECK(cell(Column::float64("id", {85248.0}), 0) == "85248"); // not 85248.00
    CHECK(cell(Column::float64("x", {12.25}), 0) == "12.25");
    CHECK(cell(Column::float64("x", {0.1 + 0.2}), 0) == "0.3");
    CHECK(cell(Column::float64("x", {-2.5}), 0) == "-2.5");
    CHECK(cell(Column::float64("x", {1e20}), 0) == "1e+20");
    CHECK(cell(Column::float64("x", {1e-7}), 0) == "1e-07");
    CHECK(cell(Column::float64("x", {0.0}), 0) == "0");
    CHECK(cell(Column::float64("x", {12.25}), 0, {.precision = 1}) == "12.2"); // round half even
    CHECK(cell(Column::float64("x", {85248}), 0, {.precision = 2}) == "85248.00");
    CHECK(cell(Column::float64("x", {-0.0001}), 0, {.precision = 2}) == "0.00"); // no "-0.00"
    CHECK(cell(Column::int64("x", {std::numeric_limits<std::int64_t>::min()}), 0) ==
          "-9223372036854775808");
    // Huge values with many decimals need more than the inline buffer: still right.
    CHECK(cell(Column::float64("x", {1e300}), 0, {.precision = 3}).size() == 301 + 4);
}

TEST_CASE("format_cell: thousands separators, percent, missing and non-finite values",
          "[dataframe][format]") {
    const imlit::ColumnOptions grouped{.thousands = true};
    CHECK(cell(Column::int64("x", {1234567}), 0, grouped) == "1,234,567");
    CHECK(cell(Column::int64("x", {-1234}), 0, grouped) == "-1,234");
    CHECK(cell(Column::int64("x", {999}), 0, grouped) == "999");
    CHECK(cell(Column::float64("x", {-1234567.5}), 0, {.precision = 1, .thousands = true}) ==
          "-1,234,567.5");
    CHECK(cell(Column::int64("x", {1234567}), 0, {.thousands = true, .thousands_separator = '.'}) ==
          "1.234.567");
    CHECK(cell(Column::float64("x", {0.125}), 0, {.percent = true}) == "12.5%");
    CHECK(cell(Column::float64("x", {0.12345}), 0, {.precision = 1, .percent = true}) == "12.3%");
    CHECK(cell(Column::int64("x", {123}), 0, {.thousands = true, .percent = true}) == "12,300%");
    const Column gaps =
        Column::float64("x", {NAN, INFINITY, -INFINITY, 1}, {true, true, true, false});
    const imlit::ColumnOptions everything{.precision = 2, .thousands = true, .percent = true};
    CHECK(cell(gaps, 0, everything) == "NaN");
    CHECK(cell(gaps, 1, everything) == "inf");
    CHECK(cell(gaps, 2, everything) == "-inf");
    CHECK(cell(gaps, 3, everything).empty()); // missing: blank
    CHECK(cell(Column::from_optional<std::string>("s", {std::nullopt}), 0).empty());
    CHECK(cell(Column::boolean("b", {true, false}), 1) == "false");
}

TEST_CASE("format_cell: fmt format strings, checked once with clear errors",
          "[dataframe][format]") {
    CHECK(cell(Column::float64("t", {3.25}), 0, {.format = "{:.1f} ms"}) == "3.2 ms");
    CHECK(cell(Column::float64("p", {1234.5}), 0, {.format = "${:.2f}", .thousands = true}) ==
          "$1,234.50");
    CHECK(cell(Column::int64("h", {255}), 0, {.format = "{:#x}"}) == "0xff");
    CHECK(cell(Column::string("s", {"ab"}), 0, {.format = "[{:>4}]"}) == "[  ab]");
    CHECK(cell(Column::boolean("b", {true}), 0, {.format = "{:d}"}) == "1");
    CHECK(cell(Column::float64("x", {NAN}), 0, {.format = "{:.3f}"}) == "NaN");

    const Column price = Column::float64("price", {1.5});
    CHECK_NOTHROW(imlit::check_column_options(price, {.format = "{:.2f}"}));
    CHECK(message_of([&] {
              imlit::check_column_options(price, {.format = "{:d}"});
          }).starts_with("imlit: column 'price': format \"{:d}\" cannot format float64 values: "));
    CHECK(message_of([&] { imlit::check_column_options(price, {.format = "total"}); }) ==
          "imlit: column 'price': format \"total\" cannot format float64 values: it has no "
          "replacement field {}");
    CHECK_THROWS_AS(imlit::check_column_options(price, {.format = "{{}}"}), std::invalid_argument);
    CHECK_THROWS_AS(imlit::check_column_options(price, {.precision = 18}), std::invalid_argument);
    // percent hands a double to the format, even for int64 columns
    CHECK_THROWS_AS(
        imlit::check_column_options(Column::int64("n", {1}), {.format = "{:d}", .percent = true}),
        std::invalid_argument);
    imlit::CellText buf;
    CHECK_THROWS_AS(imlit::format_cell(price, 0, {.format = "{:d}"}, buf), std::invalid_argument);
    CHECK_THROWS_AS(imlit::format_cell(price, 1, {}, buf), std::out_of_range);
}

TEST_CASE("format_cell: the hot path reuses the buffer and does not copy strings",
          "[dataframe][format]") {
    const Column ids = Column::float64("x", {1234567.891, -0.5, 1e14, 42});
    const Column names = Column::string("s", {"first", "second"});
    imlit::CellText buf;
    const char* inline_storage = buf.data();
    for (int round = 0; round < 100; ++round)
        for (std::size_t r = 0; r < ids.size(); ++r)
            (void)imlit::format_cell(ids, r, {.precision = 3, .thousands = true, .percent = true},
                                     buf);
    CHECK(buf.data() == inline_storage); // never grew: no allocation
    const std::string_view s = imlit::format_cell(names, 1, {}, buf);
    CHECK(s.data() == names.string_values()[1].data());
}

TEST_CASE("resolved_align: numbers right, text left, bools centred", "[dataframe][format]") {
    using imlit::ColumnAlign;
    CHECK(imlit::resolved_align(Column::int64("a", {}), {}) == ColumnAlign::right);
    CHECK(imlit::resolved_align(Column::float64("a", {}), {}) == ColumnAlign::right);
    CHECK(imlit::resolved_align(Column::string("a", std::vector<std::string>{}), {}) ==
          ColumnAlign::left);
    CHECK(imlit::resolved_align(Column::boolean("a", {}), {}) == ColumnAlign::center);
    CHECK(imlit::resolved_align(Column::int64("a", {}), {.align = ColumnAlign::left}) ==
          ColumnAlign::left);
}
