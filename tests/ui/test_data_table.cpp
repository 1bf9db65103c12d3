// imlit::table(label, DataFrame): sorting through the widget state (every type, missing values
// last, stable, in the background for big tables, replayed in a cached scope), cell formats,
// row selection, errors in place. The visible rows are AppTest's "table_row" elements.
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "imlit/cache.hpp"
#include "imlit/data_table.hpp"
#include "imlit/state.hpp"
#include "imlit/testing.hpp"
#include "imlit/testing_data.hpp"
#include "ui/data_table.hpp"
#include "widget_test_util.hpp"

using Catch::Matchers::Contains;
using imlit::Column;
using imlit::DataFrame;
using imlit::testing::AppTest;
using widget_test::errors;
using Strings = std::vector<std::string>;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Rows: id, score (row 3 missing, row 4 NaN), name, ok (row 1 missing).
std::shared_ptr<const DataFrame> small_frame() {
    return std::make_shared<const DataFrame>(std::vector<Column>{
        Column::int64("id", {30, 10, 20, 10, 40}),
        Column::float64("score", {2.5, -1.0, 2.5, 0.0, kNaN}, {true, true, true, false, true}),
        Column::string("name", {"pear", "apple", "fig", "apple", "date"}),
        Column::boolean("ok", {true, false, false, true, false}, {true, false, true, true, true}),
    });
}

Strings rows_shown(const AppTest& at) {
    Strings out;
    for (const auto& e : at.elements_of("table_row"))
        out.push_back(e.text);
    return out;
}

// The first cell of each visible row.
Strings first_cells(const AppTest& at) {
    Strings out;
    for (const std::string& row : rows_shown(at))
        out.push_back(row.substr(0, row.find(" | ")));
    return out;
}

Strings column_cells(const AppTest& at, std::size_t col) {
    Strings out;
    for (std::string row : rows_shown(at)) {
        for (std::size_t i = 0; i < col; ++i)
            row = row.substr(row.find(" | ") + 3);
        out.push_back(row.substr(0, row.find(" | ")));
    }
    return out;
}

} // namespace

TEST_CASE("data table: rows in input order, cells formatted, missing values blank",
          "[data_table]") {
    const auto df = small_frame();
    AppTest at([&] { imlit::table("Fruit", df); });
    at.run();
    CHECK(rows_shown(at) == Strings{"30 | 2.5 | pear | true", "10 | -1 | apple | ",
                                    "20 | 2.5 | fig | false", "10 |  | apple | true",
                                    "40 | NaN | date | false"});
    CHECK(imlit::testing::table(at, "Fruit").value<std::string>().empty());
    CHECK(errors(at).empty());
}

TEST_CASE("data table: sorting by each type, missing values last both ways, stable",
          "[data_table][sort]") {
    const auto df = small_frame();
    AppTest at([&] { imlit::table("Fruit", df); });
    at.run();
    auto sorted = [&](const char* order, std::size_t col) {
        imlit::testing::table(at, "Fruit").set(order);
        at.run();
        return column_cells(at, col);
    };
    // int64: the two 10s keep their input order (rows 1 then 3).
    CHECK(sorted("id", 0) == Strings{"10", "10", "20", "30", "40"});
    CHECK(column_cells(at, 1) == Strings{"-1", "", "2.5", "2.5", "NaN"});
    CHECK(sorted("id desc", 0) == Strings{"40", "30", "20", "10", "10"});
    CHECK(column_cells(at, 1) == Strings{"NaN", "2.5", "2.5", "-1", ""}); // ties: input order
    // float64: NaN after every number, the missing value last, in both directions.
    CHECK(sorted("score ascending", 1) == Strings{"-1", "2.5", "2.5", "NaN", ""});
    CHECK(sorted("score descending", 1) == Strings{"2.5", "2.5", "-1", "NaN", ""});
    CHECK(column_cells(at, 0) == Strings{"30", "20", "10", "40", "10"}); // 2.5s stable
    // string: by bytes; equal names keep their order.
    CHECK(sorted("name", 2) == Strings{"apple", "apple", "date", "fig", "pear"});
    CHECK(column_cells(at, 0) == Strings{"10", "10", "40", "20", "30"});
    // bool: false before true, missing last.
    CHECK(sorted("ok", 3) == Strings{"false", "false", "true", "true", ""});
    CHECK(sorted("ok descending", 3) == Strings{"true", "true", "false", "false", ""});
    // Several keys: the first decides, the next breaks ties.
    CHECK(sorted("name descending, id descending", 0) == Strings{"30", "20", "40", "10", "10"});
    CHECK(imlit::testing::table(at, "Fruit").value<std::string>() ==
          "name descending, id descending");
    // Unsorted again.
    CHECK(sorted("", 0) == Strings{"30", "10", "20", "10", "40"});
}

TEST_CASE("data table: a sort order naming no column is refused, naming the columns",
          "[data_table][sort]") {
    const auto df = small_frame();
    AppTest at([&] { imlit::table("Fruit", df); });
    at.run();
    CHECK_THROWS_WITH(imlit::testing::table(at, "Fruit").set("colour desc"),
                      Contains("no column \"colour\"") && Contains("\"score\""));
    CHECK_THROWS_WITH(imlit::testing::table(at, "Fruit").set("id,"), Contains("empty key"));
    CHECK_THROWS_AS(imlit::testing::table(at, "Fruit").set(3), std::invalid_argument);
}

TEST_CASE("data table: a header click cycles ascending, descending, unsorted",
          "[data_table][sort]") {
    const std::vector<std::string_view> names = {"id", "price desc", "name"};
    using imlit::detail::next_sort_order;
    CHECK(next_sort_order("", "id", names) == "id ascending");
    CHECK(next_sort_order("id ascending", "id", names) == "id descending");
    CHECK(next_sort_order("id descending", "id", names) == "");
    CHECK(next_sort_order("id descending", "name", names) == "name ascending");
    CHECK(next_sort_order("name ascending, id descending", "name", names) == "name descending");
    // A column named like a direction word stays one name.
    CHECK(next_sort_order("", "price desc", names) == "price desc ascending");
    CHECK(next_sort_order("price desc ascending", "price desc", names) == "price desc descending");
}

TEST_CASE("data table: set_widget sets the order by key; the order outlives the frame",
          "[data_table][sort]") {
    const auto df = small_frame();
    bool reset = false;
    AppTest at([&] {
        imlit::table("Fruit", df, {.key = "fruit"});
        if (reset) imlit::set_widget("fruit", "id desc");
    });
    at.run();
    reset = true;
    at.run();
    reset = false;
    at.run();
    CHECK(first_cells(at) == Strings{"40", "30", "20", "10", "10"});
    at.run();
    CHECK(imlit::testing::table(at, "Fruit", "fruit").value<std::string>() == "id descending");
}

TEST_CASE("data table: per-column formats, alignment and an unknown column in place",
          "[data_table][format]") {
    auto df = std::make_shared<const DataFrame>(std::vector<Column>{
        Column::int64("id", {85248, 1234567}),
        Column::float64("price", {1234567.5, 3.0}),
        Column::float64("share", {0.125, 1.0}),
        Column::float64("ms", {3.25, kNaN}),
    });
    std::vector<imlit::TableColumn> columns = {
        {"id", {.thousands = true}},
        {"price", {.precision = 2, .thousands = true}},
        {"share", {.precision = 1, .percent = true}},
        {"ms", {.format = "{:.1f} ms", .tooltip = "milliseconds"}},
    };
    AppTest at([&] { imlit::table("Prices", df, {.columns = columns}); });
    at.run();
    CHECK(rows_shown(at) ==
          Strings{"85,248 | 1,234,567.50 | 12.5% | 3.2 ms", "1,234,567 | 3.00 | 100.0% | NaN"});
    CHECK(errors(at).empty());

    columns.push_back({"pricee", {}});
    columns[0].options.format = "{:%Y}"; // not a format for an integer
    at.run();
    CHECK_THAT(errors(at), Contains("no column \"pricee\"") && Contains("'id'"));
    CHECK(first_cells(at) == Strings{"85248", "1234567"}); // the defaults, still drawn
}

TEST_CASE("data table: row selection returns indices into the frame", "[data_table][select]") {
    const auto df = small_frame();
    std::vector<imlit::RowIndex> picked;
    imlit::RowSelection mode = imlit::RowSelection::multiple;
    AppTest at([&] { picked = imlit::table("Fruit", df, {.selection = mode}); });
    at.run();
    CHECK(picked.empty());
    imlit::testing::table_selection(at, "Fruit").set(Strings{"4", "1"});
    at.run();
    CHECK(picked == std::vector<imlit::RowIndex>{1, 4});
    // Sorting does not change which rows are selected (they are frame rows, not positions).
    imlit::testing::table(at, "Fruit").set("id desc");
    at.run();
    CHECK(picked == std::vector<imlit::RowIndex>{1, 4});
    CHECK(imlit::testing::table_selection(at, "Fruit").value<Strings>() == Strings{"1", "4"});
    CHECK_THROWS_WITH(imlit::testing::table_selection(at, "Fruit").set(Strings{"5"}),
                      Contains("out of range"));
    CHECK_THROWS_WITH(imlit::testing::table_selection(at, "Fruit").set(Strings{"x"}),
                      Contains("not a row index"));

    mode = imlit::RowSelection::single;
    at.run(); // the stored two rows are more than a single selection holds: cut to one
    at.run();
    CHECK(picked.size() <= 1);
    CHECK_THROWS_WITH(imlit::testing::table_selection(at, "Fruit").set(Strings{"0", "2"}),
                      Contains("at most 1"));
    imlit::testing::table_selection(at, "Fruit").set(Strings{"2"});
    at.run();
    CHECK(picked == std::vector<imlit::RowIndex>{2});

    mode = imlit::RowSelection::none; // no selection widget at all
    at.run();
    CHECK(picked.empty());
    CHECK_THROWS_AS(imlit::testing::table_selection(at, "Fruit"), std::out_of_range);
}

TEST_CASE("data table: a keyed table's selection is found by the table's key",
          "[data_table][select]") {
    const auto df = small_frame();
    std::vector<imlit::RowIndex> a, b;
    AppTest at([&] {
        a = imlit::table("T", df, {.key = "a", .selection = imlit::RowSelection::single});
        b = imlit::table("T", df, {.key = "b", .selection = imlit::RowSelection::single});
    });
    at.run();
    imlit::testing::table_selection(at, "T", "b").set(Strings{"3"});
    at.run();
    CHECK(a.empty());
    CHECK(b == std::vector<imlit::RowIndex>{3});
}

TEST_CASE("data table: a big table sorts in the background, the old order shown meanwhile",
          "[data_table][sort]") {
    const std::size_t n = imlit::kSyncSortRows + 1000;
    std::vector<std::int64_t> ids(n);
    for (std::size_t i = 0; i < n; ++i)
        ids[i] = static_cast<std::int64_t>((i * 7919) % n);
    const auto df =
        std::make_shared<const DataFrame>(std::vector<Column>{Column::int64("id", std::move(ids))});
    AppTest at([&] { imlit::table("Big", df, {.height = 200}); });
    at.run();
    const Strings before = first_cells(at);
    REQUIRE(before.size() > 3);
    CHECK(before[1] == "7919");
    imlit::testing::table(at, "Big").set("id descending");
    at.run(); // the sort starts on a worker: this frame still shows the input order
    if (!at.elements_of("table_status").empty()) {
        CHECK_THAT(at.elements_of("table_status")[0].text, Contains("Sorting by id descending"));
        CHECK(first_cells(at) == before);
    }
    at.run_until_idle();
    const Strings after = first_cells(at);
    REQUIRE(after.size() > 3);
    CHECK(after[0] == std::to_string(n - 1));
    CHECK(after[1] == std::to_string(n - 2));
    CHECK(at.elements_of("table_status").empty());
}

TEST_CASE("data table: a borrowed big table is copied for its background sort",
          "[data_table][sort]") {
    const std::size_t n = imlit::kSyncSortRows + 10;
    std::vector<double> x(n);
    for (std::size_t i = 0; i < n; ++i)
        x[i] = static_cast<double>(i);
    auto df = std::make_unique<DataFrame>(std::vector<Column>{Column::float64("x", x)});
    AppTest at([&] { imlit::table("Borrowed", *df, {.height = 100}); });
    at.run();
    imlit::testing::table(at, "Borrowed").set("x desc");
    at.run();
    at.run_until_idle();
    CHECK(first_cells(at).front() == std::to_string(n - 1));
}

TEST_CASE("data table: inside a cached scope the table replays with the current order",
          "[data_table][sort][cache]") {
    static std::atomic<int> loads{0};
    static const auto df = small_frame();
    static auto show = imlit::cache_data(
        [](int) {
            ++loads;
            imlit::table("Cached fruit", df);
            return 0;
        },
        {.blocking = true});
    loads = 0;
    AppTest at([&] { show(1); });
    at.run();
    at.run();
    CHECK(loads == 1);
    CHECK(first_cells(at) == Strings{"30", "10", "20", "10", "40"});
    imlit::testing::table(at, "Cached fruit").set("id desc");
    at.run();
    at.run();
    CHECK(loads == 1); // the order is not part of the scope's key
    CHECK(first_cells(at) == Strings{"40", "30", "20", "10", "10"});
}

TEST_CASE("data table: a Cached<const DataFrame> is shared, pending shows a spinner",
          "[data_table][cache]") {
    static auto load = imlit::cache_data([](int rows) {
        std::vector<std::int64_t> v(static_cast<std::size_t>(rows));
        for (int i = 0; i < rows; ++i)
            v[static_cast<std::size_t>(i)] = i;
        return DataFrame({Column::int64("n", std::move(v))});
    });
    AppTest at([&] { imlit::table("Loaded", load(3)); });
    at.run();
    at.run_until_idle();
    CHECK(first_cells(at) == Strings{"0", "1", "2"});
}

TEST_CASE("data table: an empty frame and a null pointer are shown in place", "[data_table]") {
    const auto empty = std::make_shared<const DataFrame>();
    AppTest at([&] {
        imlit::table("Empty", empty);
        imlit::table("Null", std::shared_ptr<const DataFrame>());
    });
    at.run();
    CHECK(rows_shown(at).empty());
    CHECK_THAT(errors(at), Contains("table 'Null'"));
}
