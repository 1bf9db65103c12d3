// Counts far beyond what a UI can show are rejected before anything is allocated for them:
// columns(1 << 28), tabs over a huge span of labels, histogram bins.
#include <climits>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/chart_math.hpp"

using Catch::Matchers::Contains;
using imlit::testing::AppTest;
namespace d = imlit::detail;

namespace {
std::string errors(const AppTest& at) {
    std::string all;
    for (const auto& e : at.elements_of("error"))
        all += e.text + "\n";
    return all;
}
} // namespace

TEST_CASE("columns(1 << 28) is an error in place", "[containers][limits]") {
    AppTest at([] {
        auto cols = imlit::columns(std::size_t(1) << 28);
        CHECK(cols.size() == 0);
        imlit::text("after");
    });
    REQUIRE_NOTHROW(at.run());
    CHECK_THAT(errors(at), Contains("columns: count must be 1..64 (got 268435456)"));
    CHECK(at.texts() == std::vector<std::string>{"after"});
}

TEST_CASE("tabs over a huge span of labels is an error in place", "[containers][limits]") {
    const std::vector<std::string> labels(100'000, "tab");
    AppTest at([&] {
        auto tabs = imlit::tabs(labels);
        CHECK(tabs.size() == 0);
        imlit::text("after");
    });
    REQUIRE_NOTHROW(at.run());
    CHECK_THAT(errors(at), Contains("tabs: at most 1024 tabs (got 100000 labels)"));
    CHECK(at.texts() == std::vector<std::string>{"after"});

    std::vector<std::string> fine; // the limit itself works
    for (int i = 0; i < 1024; ++i)
        fine.push_back("t" + std::to_string(i));
    AppTest ok([&] { auto tabs = imlit::tabs(fine); });
    ok.run();
    CHECK(ok.elements_of("error").empty());
}

TEST_CASE("histogram bins beyond the cap throw before allocating", "[chart_math][limits]") {
    const std::vector<double> v = {0, 1, 2};
    CHECK_THROWS_WITH(d::histogram(v, {.bins = d::kMaxHistogramBins + 1}),
                      Contains("bins = 100001 (must be 0..100000)"));
    CHECK_THROWS_WITH(d::histogram(v, {.bins = INT_MAX}), Contains("bins = 2147483647"));
    CHECK_THROWS_WITH(d::histogram(v, {.max_bins = INT_MAX}), Contains("max_bins = 2147483647"));
    CHECK(d::histogram(v, {.bins = d::kMaxHistogramBins}).counts.size() ==
          std::size_t(d::kMaxHistogramBins));
}
