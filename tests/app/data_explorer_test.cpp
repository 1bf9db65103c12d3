// apps/data_explorer through AppTest, on a generated 3,000-row sample: the sidebar filters
// change the metrics and the table, a header sort orders the rows, Save writes the filtered
// rows as CSV (read back with read_csv).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "imlit/testing.hpp"
#include "imlit/testing_data.hpp"
#include "page.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
using Strings = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {
constexpr auto kLoadTimeout = std::chrono::seconds(120); // bounds a hang, not speed
constexpr std::size_t kRows = 3000;

std::string metric(const AppTest& at, std::string_view label) {
    for (const auto& e : at.elements_of("metric"))
        if (e.text.starts_with(label)) return e.text;
    return {};
}
std::vector<double> column_values(const AppTest& at, std::size_t col) {
    std::vector<double> out;
    for (const auto& e : at.elements_of("table_row")) {
        std::string row = e.text;
        for (std::size_t i = 0; i < col; ++i)
            row = row.substr(row.find(" | ") + 3);
        row = row.substr(0, row.find(" | "));
        std::erase(row, ',');
        out.push_back(std::stod(row));
    }
    return out;
}
} // namespace

TEST_CASE("data_explorer: filters, sort and save", "[app][data_explorer]") {
    const fs::path dir =
        fs::temp_directory_path() / ("imlit_data_explorer_test_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string csv = (dir / "sample.csv").string();
    data_explorer::ensure_sample_file(csv, kRows);

    AppTest at([&] { data_explorer::page({.path = csv}); }, {.width = 1400, .height = 1000});
    at.run_until_idle(kLoadTimeout);
    CHECK(metric(at, "Rows") == "Rows: 3,000");
    CHECK(at.elements_of("table_row").size() > 5);

    // Threshold: only rows with revenue >= 1000 are left, in the metrics and the table.
    at.slider("Minimum revenue").set(1000.0);
    at.run_until_idle(kLoadTimeout);
    const std::string rows_after = metric(at, "Rows");
    CHECK(rows_after != "Rows: 3,000");
    for (double revenue : column_values(at, 6))
        CHECK(revenue >= 1000);

    // Categories: one region only.
    at.multiselect("region").set(Strings{"North"});
    at.run_until_idle(kLoadTimeout);
    for (const auto& e : at.elements_of("table_row"))
        CHECK_THAT(e.text, Contains("| North |"));

    // Sort by revenue, descending: the visible rows are in order.
    imlit::testing::table(at, "Matching rows", "rows").set("revenue descending");
    at.run_until_idle(kLoadTimeout);
    const std::vector<double> revenue = column_values(at, 6);
    REQUIRE(revenue.size() > 3);
    CHECK(std::is_sorted(revenue.rbegin(), revenue.rend()));

    // Save: the filtered rows, as CSV.
    auto save = imlit::testing::file_browser(at, "Save filtered CSV");
    save.open().navigate(dir.string()).name("north.csv").confirm();
    at.run();
    at.run();
    const imlit::DataFrame saved = imlit::read_csv((dir / "north.csv").string());
    const std::string shown = metric(at, "Rows"); // "Rows: 1,234"
    std::string digits;
    for (char ch : shown)
        if (ch >= '0' && ch <= '9') digits += ch;
    CHECK(digits == std::to_string(saved.rows()));
    CHECK(saved.rows() > 0);
    for (std::size_t r = 0; r < saved.rows(); ++r) {
        CHECK(saved.column("region").string_values()[r] == "North");
        CHECK(*saved.column("revenue").number(r) >= 1000);
    }
    // Text with commas and quotes survives the round trip.
    bool quoted = false;
    for (std::size_t r = 0; r < saved.rows(); ++r)
        quoted |= saved.column("product").string_values()[r] == "nut, hex";
    CHECK(quoted);
    fs::remove_all(dir);
}
