// Chart arithmetic: nice axes for any range, tick labels, min/max decimation, histogram bins,
// stacking. Pure functions: no Dear ImGui.
#include <catch2/catch.hpp>

#include <cfloat>
#include <cmath>
#include <numeric>
#include <random>
#include <string>

#include "ui/chart_math.hpp"

namespace d = imlit::detail;

namespace {

bool is_nice(double step) {
    const double p = std::pow(10.0, std::floor(std::log10(step)));
    const double m = step / p;
    return std::abs(m - 1) < 1e-9 || std::abs(m - 2) < 1e-9 || std::abs(m - 5) < 1e-9 ||
           std::abs(m - 10) < 1e-9;
}

void check_axis(const d::AxisScale& a, double lo, double hi, int max_ticks) {
    INFO("axis for [" << lo << ", " << hi << "], max " << max_ticks << ": lo " << a.lo << " hi "
                      << a.hi << " step " << a.step << " count " << a.count);
    REQUIRE(std::isfinite(a.lo));
    REQUIRE(std::isfinite(a.hi));
    REQUIRE(a.lo < a.hi);
    REQUIRE(std::isfinite(a.step));
    CHECK(is_nice(a.step));
    CHECK(a.count >= 1);
    CHECK(a.count <= std::max(max_ticks, 2));
    for (int i = 0; i < a.count; ++i) {
        const double t = a.tick(i);
        CHECK(t >= a.lo - a.step * 1e-6);
        CHECK(t <= a.hi + a.step * 1e-6);
    }
}

std::string label(double v, const d::AxisScale& a) {
    char buf[64];
    return std::string(d::format_tick(v, a, buf, sizeof buf));
}

} // namespace

TEST_CASE("nice_axis: 1/2/5 steps inside the range for ordinary, tiny, huge, negative ranges",
          "[chart_math]") {
    const double cases[][2] = {{0, 1},
                               {0, 100},
                               {-7, -3},
                               {-1, 1},
                               {0.1, 0.15},
                               {1e-300, 3e-300},
                               {-1e308, 1e308},
                               {-DBL_MAX, DBL_MAX},
                               {3, 1e9},
                               {1000.0001, 1000.0002},
                               {1e15, 1e15 + 64},
                               {2, 2.0000001}};
    for (const auto& c : cases)
        for (int max_ticks : {2, 3, 5, 11}) {
            check_axis(d::nice_axis(c[0], c[1], max_ticks), c[0], c[1], max_ticks);
            const d::AxisScale s = d::nice_axis(c[0], c[1], max_ticks, true);
            check_axis(s, c[0], c[1], std::max(max_ticks, 3));
            CHECK(s.lo <= c[0]); // snapped outward
            CHECK(s.hi >= std::min(c[1], DBL_MAX));
        }
    const d::AxisScale a = d::nice_axis(0, 100, 6);
    CHECK(a.step == 20);
    CHECK(a.count == 6);
    CHECK(a.tick(5) == 100);
}

TEST_CASE("nice_axis: zero width, swapped and non-finite inputs", "[chart_math]") {
    const double nan = std::nan("");
    const d::AxisScale same = d::nice_axis(5, 5, 5);
    check_axis(same, 5, 5, 5);
    CHECK(same.lo < 5);
    CHECK(same.hi > 5);
    check_axis(d::nice_axis(0, 0, 5), 0, 0, 5);
    check_axis(d::nice_axis(1e-320, 1e-320, 5), 0, 0, 5);
    check_axis(d::nice_axis(DBL_MAX, DBL_MAX, 5), 0, 0, 5);
    check_axis(d::nice_axis(1, 1 + 1e-15, 5), 1, 1, 5); // narrower than doubles can tick
    const d::AxisScale swapped = d::nice_axis(10, 0, 5);
    CHECK(swapped.lo == 0);
    CHECK(swapped.hi == 10);
    const d::AxisScale none = d::nice_axis(nan, INFINITY, 5);
    CHECK(none.lo == 0);
    CHECK(none.hi == 1);
    const d::AxisScale half = d::nice_axis(nan, 7, 5);
    check_axis(half, 7, 7, 5);
    CHECK(half.lo < 7);
    CHECK(half.hi > 7);
}

TEST_CASE("format_tick: just enough decimals, clean zero, scientific at extremes", "[chart_math]") {
    const d::AxisScale a = d::nice_axis(0, 1, 11);
    CHECK(a.step == Approx(0.1));
    CHECK(label(a.tick(3), a) == "0.3"); // not 0.30000000000000004
    CHECK(label(a.tick(0), a) == "0");
    const d::AxisScale s = d::nice_axis(-1, 1, 3);
    CHECK(label(1e-17, s) == "0"); // never "-0" or "1e-17"
    CHECK(label(-1e-17, s) == "0");
    const d::AxisScale big = d::nice_axis(0, 4e12, 5);
    CHECK(label(big.tick(1), big) == "1e+12");
    const d::AxisScale fine = d::nice_axis(1000.0001, 1000.0002, 3);
    CHECK(label(fine.tick(0), fine).starts_with("1000.0001"));
    const d::AxisScale tiny = d::nice_axis(1e-300, 3e-300, 3);
    CHECK(label(tiny.tick(0), tiny) == "1e-300");
}

TEST_CASE("format_tick: thousands grouped on axes reaching 10,000, all labels alike",
          "[chart_math]") {
    const d::AxisScale big = d::nice_axis(0, 1'300'000, 8);
    CHECK(big.grouped);
    CHECK(big.step == 200'000);
    CHECK(label(big.tick(0), big) == "0");
    CHECK(label(big.tick(1), big) == "200,000");
    CHECK(label(big.tick(6), big) == "1,200,000");
    CHECK(label(-1'250'000, big) == "-1,250,000");
    const d::AxisScale mixed = d::nice_axis(0, 12'000, 7); // 2,000 next to 10,000
    CHECK(label(mixed.tick(1), mixed) == "2,000");
    CHECK(label(mixed.tick(5), mixed) == "10,000");
    const d::AxisScale frac = d::nice_axis(12'345.2, 12'345.9, 8); // decimals are not grouped
    CHECK(label(frac.tick(1), frac) == "12,345.3");
    const d::AxisScale largest = d::nice_axis(0, 9e8, 4); // the last fixed magnitude
    CHECK_FALSE(largest.scientific);
    CHECK(label(9e8, largest) == "900,000,000");
    const d::AxisScale years = d::nice_axis(2019, 2024, 6); // 4-digit axes stay plain
    CHECK_FALSE(years.grouped);
    CHECK(label(years.tick(1), years) == "2020");
    const d::AxisScale small = d::nice_axis(0, 1, 11);
    CHECK_FALSE(small.grouped);
    CHECK(label(4e12, d::nice_axis(0, 4e12, 5)) == "4e+12"); // scientific: never grouped
    char tight[8];                                           // no room for the commas: plain
    CHECK(d::format_tick(1'250'000, big, tight, sizeof tight) == "1250000");
}

TEST_CASE("decimate_min_max: 1,000,000 points become 2 per pixel column, extremes kept",
          "[chart_math]") {
    const std::size_t n = 1'000'000;
    std::vector<double> x(n), y(n);
    for (std::size_t i = 0; i < n; ++i) {
        x[i] = double(i) * 0.001;
        y[i] = std::sin(double(i) * 0.0007) + (i == 123457 ? 50 : 0) - (i == 765431 ? 50 : 0);
    }
    REQUIRE(d::x_order(x) == d::XOrder::ascending);
    std::vector<std::size_t> out;
    const int pixels = 800;
    d::decimate_min_max(x, y, d::XOrder::ascending, x.front(), x.back(), pixels, out);
    CHECK(out.size() <= std::size_t(2 * pixels + 2));
    CHECK(out.size() >= std::size_t(pixels));
    CHECK(std::is_sorted(out.begin(), out.end()));                 // original order
    CHECK(std::find(out.begin(), out.end(), 123457) != out.end()); // spikes survive
    CHECK(std::find(out.begin(), out.end(), 765431) != out.end());
    CHECK(out.front() == 0);
    CHECK(out.back() == n - 1);

    // No x: the same with x = index.
    d::decimate_min_max({}, y, d::XOrder::index, 0, double(n - 1), pixels, out);
    CHECK(out.size() <= std::size_t(2 * pixels + 2));
    CHECK(std::find(out.begin(), out.end(), 765431) != out.end());
}

TEST_CASE("decimate_min_max: NaN and inf are gaps; zoom keeps one point beyond each edge",
          "[chart_math]") {
    std::vector<double> y = {1, 2, NAN, 4, INFINITY, 6, 7, 8, 9, 10};
    std::vector<std::size_t> out;
    d::decimate_min_max({}, y, d::XOrder::index, 0, 9, 1000, out);
    CHECK(out == std::vector<std::size_t>{0, 1, d::kGap, 3, d::kGap, 5, 6, 7, 8, 9});

    std::vector<double> x(100), z(100);
    for (int i = 0; i < 100; ++i) {
        x[std::size_t(i)] = i;
        z[std::size_t(i)] = i % 7;
    }
    d::decimate_min_max(x, z, d::XOrder::ascending, 40.5, 50.5, 100, out);
    CHECK(out.front() == 40); // one point left of the view
    CHECK(out.back() == 51);  // one point right of it
    CHECK(out.size() == 12);
    d::decimate_min_max({}, z, d::XOrder::index, 40.5, 50.5, 100, out);
    CHECK(out.front() == 40);
    CHECK(out.back() == 51);

    // Unordered x: buckets of indices; NaN x is a gap too.
    std::vector<double> ux = {3, 1, NAN, 2, 5};
    std::vector<double> uy = {1, 2, 3, 4, 5};
    REQUIRE(d::x_order(ux) == d::XOrder::unordered);
    d::decimate_min_max(ux, uy, d::XOrder::unordered, 0, 6, 100, out);
    CHECK(out == std::vector<std::size_t>{0, 1, d::kGap, 3, 4});

    // Bad input: empty output, no crash.
    d::decimate_min_max({}, y, d::XOrder::index, 5, 5, 100, out);
    CHECK(out.empty());
    d::decimate_min_max(ux, y, d::XOrder::unordered, 0, 1, 100, out); // sizes differ
    CHECK(out.empty());
    d::decimate_min_max({}, y, d::XOrder::index, 0, 1, 0, out);
    CHECK(out.empty());
    const std::vector<double> all_nan(10, NAN);
    d::decimate_min_max({}, all_nan, d::XOrder::index, 0, 9, 10, out);
    CHECK(out.empty());
}

TEST_CASE("histogram: bins from the data are nice, capped, and count every finite value",
          "[chart_math]") {
    std::mt19937 rng(7);
    std::normal_distribution<double> normal(100, 15);
    std::vector<double> v(100000);
    for (double& x : v)
        x = normal(rng);
    v[5] = NAN;
    v[6] = INFINITY;
    const d::Histogram h = d::histogram(v);
    REQUIRE(h.edges.size() == h.counts.size() + 1);
    CHECK(h.counts.size() >= 20);
    CHECK(h.counts.size() <= 200);
    CHECK(h.ignored == 2);
    CHECK(std::accumulate(h.counts.begin(), h.counts.end(), std::size_t(0)) == v.size() - 2);
    CHECK(is_nice(h.edges[1] - h.edges[0]));
    CHECK(std::is_sorted(h.edges.begin(), h.edges.end()));
    // The peak is near the mean.
    const std::size_t peak =
        std::size_t(std::max_element(h.counts.begin(), h.counts.end()) - h.counts.begin());
    CHECK(h.edges[peak] > 90);
    CHECK(h.edges[peak + 1] < 110);

    const d::Histogram capped = d::histogram(v, {.max_bins = 10});
    CHECK(capped.counts.size() <= 10);
    CHECK(std::accumulate(capped.counts.begin(), capped.counts.end(), std::size_t(0)) ==
          v.size() - 2);
}

TEST_CASE("histogram: given edges and counts, edge cases and bad options", "[chart_math]") {
    const std::vector<double> v = {0, 0.5, 1, 1.5, 2, 2, 3, -1, NAN};
    const d::Histogram given = d::histogram(v, {.edges = {0, 1, 2}});
    CHECK(given.counts == std::vector<std::size_t>{2, 4}); // [0,1): 0, 0.5; [1,2]: 1, 1.5, 2, 2
    CHECK(given.outside == 2);
    CHECK(given.ignored == 1);
    const d::Histogram fixed = d::histogram(v, {.bins = 4});
    CHECK(fixed.counts.size() == 4);
    CHECK(fixed.edges.front() == -1);
    CHECK(fixed.edges.back() == 3);
    CHECK(std::accumulate(fixed.counts.begin(), fixed.counts.end(), std::size_t(0)) == 8);
    CHECK(fixed.counts.back() >= 1); // the maximum lands in the last bin

    const d::Histogram same = d::histogram(std::vector<double>{4, 4, 4});
    CHECK(same.edges == std::vector<double>{3.5, 4.5});
    CHECK(same.counts == std::vector<std::size_t>{3});
    const std::vector<double> ties = {1, 1, 1, 1, 1, 1, 1, 2, 9};
    const d::Histogram sturges = d::histogram(ties); // IQR 0
    CHECK(std::accumulate(sturges.counts.begin(), sturges.counts.end(), std::size_t(0)) == 9);
    const d::Histogram empty = d::histogram(std::vector<double>{NAN, INFINITY});
    CHECK(empty.edges.empty());
    CHECK(empty.counts.empty());
    CHECK(empty.ignored == 2);
    const d::Histogram extreme = d::histogram(std::vector<double>{-DBL_MAX, 0, DBL_MAX});
    CHECK(std::accumulate(extreme.counts.begin(), extreme.counts.end(), std::size_t(0)) == 3);

    CHECK_THROWS_WITH(d::histogram(v, {.edges = {0, 2, 1}}),
                      Catch::Contains("edge 2 (1) follows 2"));
    CHECK_THROWS_AS(d::histogram(v, {.edges = {1}}), std::invalid_argument);
    CHECK_THROWS_AS(d::histogram(v, {.edges = {0, NAN}}), std::invalid_argument);
    CHECK_THROWS_AS(d::histogram(v, {.bins = -1}), std::invalid_argument);
    CHECK_THROWS_AS(d::histogram(v, {.max_bins = 0}), std::invalid_argument);
}

TEST_CASE("stack_series: positives up, negatives down, NaN gaps, length mismatch", "[chart_math]") {
    const std::vector<double> a = {1, -2, 3, NAN}, b = {2, -1, NAN, 4}, c = {-1, 5, 1, 1};
    const std::span<const double> series[] = {a, b, c};
    const auto bands = d::stack_series(series);
    REQUIRE(bands.size() == 3);
    CHECK(bands[0].lower[0] == 0);
    CHECK(bands[0].lower[1] == -2);
    CHECK(bands[0].lower[2] == 0);
    CHECK(std::isnan(bands[0].lower[3]));
    CHECK(bands[0].upper[0] == 1);
    CHECK(bands[1].lower[0] == 1);
    CHECK(bands[1].upper[0] == 3);
    CHECK(bands[1].upper[1] == -2); // negatives stack downward from the previous negative
    CHECK(bands[1].lower[1] == -3);
    CHECK(std::isnan(bands[1].upper[2]));
    CHECK(bands[1].lower[3] == 0); // a's NaN added nothing
    CHECK(bands[2].upper[0] == 0);
    CHECK(bands[2].lower[0] == -1);
    CHECK(bands[2].lower[1] == 0);
    CHECK(bands[2].upper[1] == 5);
    CHECK(bands[2].lower[2] == 3);
    CHECK(bands[2].lower[3] == 4);
    const std::vector<double> shorter = {1};
    const std::span<const double> bad[] = {a, shorter};
    CHECK_THROWS_WITH(d::stack_series(bad),
                      Catch::Contains("series 1 has 1 values but series 0 has 4"));
    CHECK(d::stack_series({}).empty());
}
