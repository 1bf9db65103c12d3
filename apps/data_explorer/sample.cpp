// data_explorer — the generated sample file.
#include <array>
#include <cstdlib>
#include <filesystem>
#include <random>

#include <fmt/format.h>

#include "page.hpp"

namespace data_explorer {

namespace {
constexpr std::array kRegions = {"North", "South", "East", "West", "Central"};
constexpr std::array kProducts = {"bolt",  "nut, hex", "washer",      "bracket",
                                  "hinge", "spring",   "gear \"M2\"", "bearing"};
constexpr double kMissingDiscountRate = 1.0 / 12;
constexpr int kFirstYear = 2023;
constexpr int kDaysPerMonth = 28; // every generated date exists
} // namespace

void write_sample_csv(std::ostream& out, std::size_t rows, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<int> region(0, kRegions.size() - 1);
    std::uniform_int_distribution<int> product(0, kProducts.size() - 1);
    std::uniform_int_distribution<int> units(1, 500);
    std::lognormal_distribution<double> price(2.5, 0.8);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    out << "order_id,date,region,product,units,price,revenue,discount,returned\n";
    fmt::memory_buffer line;
    for (std::size_t i = 0; i < rows; ++i) {
        const std::size_t day = i * 730 / std::max<std::size_t>(rows, 1); // two years
        const int month = static_cast<int>(day / kDaysPerMonth);
        const int year = kFirstYear + month / 12;
        const int u = units(rng);
        const double p = std::round(price(rng) * 100) / 100;
        const bool has_discount = unit(rng) >= kMissingDiscountRate;
        const double discount = std::round(unit(rng) * 0.3 * 1000) / 1000;
        const double revenue = std::round(u * p * (1 - (has_discount ? discount : 0)) * 100) / 100;
        std::string name = kProducts[static_cast<std::size_t>(product(rng))];
        if (name.find_first_of(",\"") != std::string::npos) {
            std::string quoted = "\"";
            for (char ch : name)
                quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
            name = quoted + "\"";
        }
        line.clear();
        fmt::format_to(std::back_inserter(line), "{},{:04}-{:02}-{:02},{},{},{},{:.2f},{:.2f},",
                       85000 + i, year, month % 12 + 1, static_cast<int>(day % kDaysPerMonth) + 1,
                       kRegions[static_cast<std::size_t>(region(rng))], name, u, p, revenue);
        if (has_discount) fmt::format_to(std::back_inserter(line), "{:.3f}", discount);
        fmt::format_to(std::back_inserter(line), ",{}\n", unit(rng) < 0.04 ? "true" : "false");
        out.write(line.data(), static_cast<std::streamsize>(line.size()));
    }
}

void ensure_sample_file(const std::string& path, std::size_t rows) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    imlit::write_file_atomically(path, [&](std::ostream& out) { write_sample_csv(out, rows); });
}

std::string sample_path(std::size_t rows) {
    namespace fs = std::filesystem;
    fs::path dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        dir = fs::path(xdg) / "imlit";
    else if (const char* home = std::getenv("HOME"); home && *home)
        dir = fs::path(home) / ".cache" / "imlit";
    else
        dir = fs::temp_directory_path() / "imlit";
    return (dir / fmt::format("data_explorer_sample_{}.csv", rows)).string();
}

} // namespace data_explorer
