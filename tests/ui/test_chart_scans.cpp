// The chart's array scans (finite_range, x_order, decimate_min_max) run on vector registers and
// walk each pixel column's points as one run. They must give exactly what the plain loops give:
// here those loops are the reference, and both run on random series full of NaN, inf, -0.0,
// repeated values, repeated x, spikes, zoomed and panned views, and every length around the
// vector widths.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "ui/chart_math.hpp"

namespace d = imlit::detail;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

bool finite(double v) {
    return v - v == 0;
}

// [SECTION] The plain loops ------------------------------------------------------------------

d::DataRange reference_range(const std::vector<double>& v) {
    d::DataRange r;
    for (double x : v)
        r.add(x);
    return r;
}

d::XOrder reference_order(const std::vector<double>& x) {
    if (x.empty()) return d::XOrder::index;
    double last = -DBL_MAX;
    for (double v : x) {
        if (!finite(v) || v < last) return d::XOrder::unordered;
        last = v;
    }
    return d::XOrder::ascending;
}

// The decimation point by point: every finite point goes to its pixel column's bucket, which
// keeps its first lowest and first highest point; a non-finite y breaks the line.
std::vector<std::size_t> reference_decimate(const std::vector<double>& x,
                                            const std::vector<double>& y, d::XOrder order,
                                            double x0, double x1, int pixels) {
    std::vector<std::size_t> out;
    const std::size_t n = y.size();
    const bool has_x = order != d::XOrder::index;
    bool open = false;
    long long bucket = 0;
    double lo = 0, hi = 0;
    std::size_t lo_i = 0, hi_i = 0;
    const auto flush = [&] {
        if (!open) return;
        open = false;
        if (lo_i == hi_i) {
            out.push_back(lo_i);
        } else {
            out.push_back(std::min(lo_i, hi_i));
            out.push_back(std::max(lo_i, hi_i));
        }
    };
    std::size_t begin, end;
    if (order == d::XOrder::index) {
        begin = x0 <= 0 ? 0 : std::size_t(std::min(std::ceil(x0), double(n)));
        end = x1 < 0 ? 0 : x1 >= double(n - 1) ? n : std::size_t(std::floor(x1)) + 1;
    } else {
        begin = std::size_t(std::lower_bound(x.begin(), x.end(), x0) - x.begin());
        end = std::size_t(std::upper_bound(x.begin(), x.end(), x1) - x.begin());
    }
    begin = begin > 0 ? begin - 1 : 0;
    end = std::min(end + 1, n);
    const double scale = double(pixels) / (x1 - x0);
    for (std::size_t i = begin; i < end; ++i) {
        const double xi = has_x ? x[i] : double(i);
        if (!finite(y[i])) {
            flush();
            if (!out.empty() && out.back() != d::kGap) out.push_back(d::kGap);
            continue;
        }
        const auto c = (long long)std::clamp(std::floor((xi - x0) * scale), -1.0, double(pixels));
        if (open && c == bucket) {
            if (y[i] < lo) {
                lo = y[i];
                lo_i = i;
            } else if (y[i] > hi) {
                hi = y[i];
                hi_i = i;
            }
            continue;
        }
        flush();
        open = true;
        bucket = c;
        lo = hi = y[i];
        lo_i = hi_i = i;
    }
    flush();
    if (!out.empty() && out.back() == d::kGap) out.pop_back();
    return out;
}

// [SECTION] Random series --------------------------------------------------------------------

struct Maker {
    std::mt19937_64 rng;
    double uniform(double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); }
    bool chance(double p) { return std::bernoulli_distribution(p)(rng); }

    // Mostly smooth values with spikes, plateaus (repeats), zeros of both signs, and, with
    // probability `odd`, NaN / inf / -inf.
    std::vector<double> values(std::size_t n, double odd) {
        std::vector<double> v(n);
        double level = uniform(-5, 5);
        for (std::size_t i = 0; i < n; ++i) {
            if (!chance(0.3)) level += uniform(-1, 1);
            double y = level;
            if (chance(0.01)) y = uniform(-1e6, 1e6); // spike
            if (chance(0.02)) y = chance(0.5) ? 0.0 : -0.0;
            if (chance(odd)) {
                const int k = std::uniform_int_distribution<int>(0, 2)(rng);
                y = k == 0 ? kNaN : k == 1 ? kInf : -kInf;
            }
            v[i] = y;
        }
        return v;
    }
    // Ascending x with repeats and uneven steps.
    std::vector<double> ascending(std::size_t n) {
        std::vector<double> x(n);
        double at = uniform(-100, 100);
        for (std::size_t i = 0; i < n; ++i) {
            if (!chance(0.1)) at += chance(0.05) ? uniform(0, 50) : uniform(0, 1);
            x[i] = at;
        }
        return x;
    }
};

std::string describe(const std::vector<std::size_t>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 40; ++i)
        s += (v[i] == d::kGap ? std::string("gap") : std::to_string(v[i])) + " ";
    return s;
}

} // namespace

TEST_CASE("chart scans: finite_range is the plain loop's range", "[chart_math]") {
    Maker m{std::mt19937_64(11)};
    for (int round = 0; round < 400; ++round) {
        const std::size_t n = round < 40 ? std::size_t(round) : std::size_t(m.uniform(0, 5000));
        const double odd = round % 3 == 0 ? 0.0 : round % 3 == 1 ? 0.01 : 0.6;
        const std::vector<double> v = m.values(n, odd);
        const d::DataRange want = reference_range(v);
        const d::DataRange got = d::finite_range(v);
        INFO("round " << round << ", " << n << " values");
        REQUIRE(got.count == want.count);
        if (want.count == 0) {
            CHECK(got.lo == kInf);
            CHECK(got.hi == -kInf);
        } else {
            CHECK(got.lo == want.lo); // -0.0 == 0.0
            CHECK(got.hi == want.hi);
            CHECK_FALSE((got.lo == 0 && std::signbit(got.lo))); // a zero end is +0.0
            CHECK_FALSE((got.hi == 0 && std::signbit(got.hi)));
        }
    }
    // Every value but one not finite, at each place.
    for (std::size_t at = 0; at < 9; ++at) {
        std::vector<double> v(9, kNaN);
        v[at] = -3.5;
        const d::DataRange r = d::finite_range(v);
        CHECK(r.count == 1);
        CHECK(r.lo == -3.5);
        CHECK(r.hi == -3.5);
    }
}

TEST_CASE("chart scans: x_order is the plain loop's verdict", "[chart_math]") {
    Maker m{std::mt19937_64(12)};
    for (int round = 0; round < 400; ++round) {
        const std::size_t n = std::size_t(m.uniform(0, 3000));
        std::vector<double> x = m.ascending(n);
        if (n > 0 && round % 2 == 1) { // one flaw at a random place
            const auto at = std::size_t(m.uniform(0, double(n)));
            const int k = round % 8;
            x[at] = k == 1 ? kNaN : k == 3 ? kInf : k == 5 ? -kInf : x[at] - 1e-9 - m.uniform(0, 1);
        }
        INFO("round " << round << ", " << n << " values");
        CHECK(d::x_order(x) == reference_order(x));
    }
    // A single decrease at every place of a 1,100-value array (blocks and tails alike).
    std::vector<double> x(1100);
    for (std::size_t i = 0; i < x.size(); ++i)
        x[i] = double(i);
    REQUIRE(d::x_order(x) == d::XOrder::ascending);
    for (std::size_t at = 1; at < x.size(); ++at) {
        std::vector<double> bad = x;
        bad[at] = bad[at - 1] - 0.5;
        INFO("decrease at " << at);
        REQUIRE(d::x_order(bad) == d::XOrder::unordered);
    }
    std::vector<double> first_nan = x;
    first_nan[0] = kNaN;
    CHECK(d::x_order(first_nan) == d::XOrder::unordered);
}

TEST_CASE("chart scans: decimate_min_max picks the points the plain loop picks", "[chart_math]") {
    Maker m{std::mt19937_64(13)};
    std::vector<std::size_t> got;
    for (int round = 0; round < 600; ++round) {
        const std::size_t n = round < 30
                                  ? std::size_t(round + 1)
                                  : std::size_t(m.uniform(1, round % 10 == 0 ? 200000 : 8000));
        const double odd = round % 4 == 0   ? 0.0
                           : round % 4 == 1 ? 0.0005
                           : round % 4 == 2 ? 0.02
                                            : 0.4;
        const std::vector<double> y = m.values(n, odd);
        const bool with_x = round % 2 == 1;
        const std::vector<double> x = with_x ? m.ascending(n) : std::vector<double>{};
        const d::XOrder order = with_x ? d::XOrder::ascending : d::XOrder::index;
        const double first = with_x ? x.front() : 0, last = with_x ? x.back() : double(n - 1);
        double x0 = first, x1 = last > first ? last : first + 1;
        if (round % 3 == 1) { // zoomed and panned
            const double w = (x1 - x0) * m.uniform(0.001, 1.2);
            x0 = m.uniform(first - w, last);
            x1 = x0 + w;
        }
        const int pixels = int(m.uniform(1, 2000));
        INFO("round " << round << ": " << n << " points, x " << (with_x ? "given" : "index")
                      << ", view [" << x0 << ", " << x1 << "], " << pixels << " px");
        const std::vector<std::size_t> want = reference_decimate(x, y, order, x0, x1, pixels);
        d::decimate_min_max(x, y, order, x0, x1, pixels, got);
        INFO("want " << describe(want));
        INFO("got  " << describe(got));
        REQUIRE(got == want);
    }
}
