// imlit — chart arithmetic. See chart_math.hpp.
//
// Index
//   [SECTION] Array scans (SSE2 on x86-64, scalar elsewhere)
//   [SECTION] Data range
//   [SECTION] Nice axes
//   [SECTION] Decimation
//   [SECTION] Histogram
//   [SECTION] Stacking
#include "ui/chart_math.hpp"

#include <algorithm>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#define IMLIT_CHART_SSE2 1
#else
#define IMLIT_CHART_SSE2 0
#endif

namespace imlit::detail {
namespace {

constexpr int kMaxTicks = 1000;             // more ticks than any axis could label
constexpr int kMaxStepTries = 64;           // steps tried (each x2 to x2.5) before giving up
constexpr double kMinRelativeWidth = 1e-12; // narrower ranges (relative to their magnitude)
                                            // cannot hold distinct, readable ticks
constexpr double kTinyMagnitude = 1e-305;   // ranges of smaller magnitude are treated as 0
constexpr double kScientificLarge = 1e9;    // labels from this magnitude up: scientific
constexpr double kScientificSmall = 1e-4;   // labels of axes below this magnitude: scientific
constexpr double kGroupThousandsFrom = 1e4; // axes reaching this magnitude group thousands
constexpr int kThousandsGroup = 3;          // digits between separators
constexpr double kZeroSnap = 1e-9;          // a tick this close to 0 (in steps) is 0
constexpr int kMaxSignificant = 17;
constexpr int kMaxDecimals = 17;

bool finite(double v) noexcept {
    return v - v == 0;
}

// The smallest 1, 2 or 5 x 10^k that is >= x (x > 0 and finite).
double nice_step_at_least(double x) noexcept {
    double p = std::pow(10.0, std::floor(std::log10(x)));
    if (!(p > 0)) p = DBL_MIN; // log10 of a denormal
    for (;;) {
        for (double m : {1.0, 2.0, 5.0})
            if (m * p >= x * (1 - 1e-12)) return m * p;
        p *= 10;
    }
}

// The next larger nice step after `step`.
double next_nice_step(double step) noexcept {
    return nice_step_at_least(step * 1.5);
}

} // namespace

// [SECTION] Array scans ----------------------------------------------------------------------
//
// A chart drawn from a plain span scans its points every frame (its range, x's order, the
// decimation): a million points are three passes over 8 MB each. These scans run two doubles
// per instruction and give exactly what the scalar loops they stand for give (the tests
// compare them with those loops on random data full of NaN, inf and -0.0).

namespace {

// The lowest and highest of p[0, n) (n >= 1) and whether every value is finite. When one is
// not, lo and hi mean nothing.
struct RunExtremes {
    double lo = 0, hi = 0;
    bool all_finite = false;
};

RunExtremes run_extremes(const double* p, std::size_t n) noexcept {
    std::size_t i = 0;
    double lo = p[0], hi = p[0], bad = 0; // bad: the sum of v - v, NaN once one is not finite
#if IMLIT_CHART_SSE2
    if (n >= 4) {
        __m128d lo0 = _mm_set1_pd(p[0]), lo1 = lo0, hi0 = lo0, hi1 = lo0;
        __m128d bad0 = _mm_setzero_pd(), bad1 = bad0;
        for (; i + 4 <= n; i += 4) {
            const __m128d a = _mm_loadu_pd(p + i), b = _mm_loadu_pd(p + i + 2);
            lo0 = _mm_min_pd(a, lo0);
            lo1 = _mm_min_pd(b, lo1);
            hi0 = _mm_max_pd(a, hi0);
            hi1 = _mm_max_pd(b, hi1);
            bad0 = _mm_add_pd(bad0, _mm_sub_pd(a, a));
            bad1 = _mm_add_pd(bad1, _mm_sub_pd(b, b));
        }
        const __m128d l = _mm_min_pd(lo0, lo1), h = _mm_max_pd(hi0, hi1);
        const __m128d e = _mm_add_pd(bad0, bad1);
        double lanes[2];
        _mm_storeu_pd(lanes, l);
        lo = std::min(lanes[0], lanes[1]);
        _mm_storeu_pd(lanes, h);
        hi = std::max(lanes[0], lanes[1]);
        _mm_storeu_pd(lanes, e);
        bad = lanes[0] + lanes[1];
    }
#endif
    for (; i < n; ++i) {
        const double v = p[i];
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        bad += v - v;
    }
    return {lo, hi, bad == 0};
}

// The first i with p[i] == v (there is one).
std::size_t first_equal(const double* p, std::size_t n, double v) noexcept {
    std::size_t i = 0;
#if IMLIT_CHART_SSE2
    const __m128d want = _mm_set1_pd(v);
    for (; i + 2 <= n; i += 2) {
        const int hit = _mm_movemask_pd(_mm_cmpeq_pd(_mm_loadu_pd(p + i), want));
        if (hit != 0) return i + ((hit & 1) != 0 ? 0 : 1);
    }
#endif
    while (p[i] != v)
        ++i;
    return i;
}

} // namespace

// [SECTION] Data range -----------------------------------------------------------------------

DataRange finite_range(std::span<const double> values) noexcept {
    DataRange r;
    const double* p = values.data();
    const std::size_t n = values.size();
    std::size_t i = 0;
#if IMLIT_CHART_SSE2
    // Per lane: the finite values' lowest and highest (a non-finite value is replaced by +inf
    // for the low and -inf for the high, which change nothing), and how many are finite.
    const __m128d zero = _mm_setzero_pd();
    const __m128d pos_inf = _mm_set1_pd(r.lo), neg_inf = _mm_set1_pd(r.hi);
    __m128d lo = pos_inf, hi = neg_inf;
    __m128i count = _mm_setzero_si128();
    for (; i + 2 <= n; i += 2) {
        const __m128d v = _mm_loadu_pd(p + i);
        const __m128d ok = _mm_cmpeq_pd(_mm_sub_pd(v, v), zero); // all ones where finite
        lo = _mm_min_pd(_mm_or_pd(_mm_and_pd(ok, v), _mm_andnot_pd(ok, pos_inf)), lo);
        hi = _mm_max_pd(_mm_or_pd(_mm_and_pd(ok, v), _mm_andnot_pd(ok, neg_inf)), hi);
        count = _mm_sub_epi64(count, _mm_castpd_si128(ok)); // -(-1) per finite value
    }
    double lanes[2];
    std::uint64_t counts[2];
    _mm_storeu_si128(reinterpret_cast<__m128i*>(counts), count);
    if (counts[0] + counts[1] != 0) {
        _mm_storeu_pd(lanes, lo);
        r.lo = std::min(lanes[0], lanes[1]);
        _mm_storeu_pd(lanes, hi);
        r.hi = std::max(lanes[0], lanes[1]);
        r.count = std::size_t(counts[0] + counts[1]);
    }
#endif
    for (; i < n; ++i)
        r.add(p[i]);
    // A range ending at zero ends at +0.0, whichever zero came first (the lanes see the values
    // in another order than one loop would).
    if (r.count != 0) {
        r.lo += 0.0;
        r.hi += 0.0;
    }
    return r;
}

// [SECTION] Nice axes ------------------------------------------------------------------------

AxisScale nice_axis(double lo, double hi, int max_ticks, bool snap) {
    max_ticks = std::clamp(max_ticks, 2, kMaxTicks);
    if (!finite(lo) && !finite(hi)) {
        lo = 0;
        hi = 1;
    } else if (!finite(lo)) {
        lo = hi;
    } else if (!finite(hi)) {
        hi = lo;
    }
    if (lo > hi) std::swap(lo, hi);

    // Widen a range too narrow to hold distinct ticks, around its middle.
    const double mid = lo / 2 + hi / 2;
    const double width = hi / 2 - lo / 2; // half the width: never overflows
    const double magnitude = std::max(std::abs(lo), std::abs(hi));
    if (!(width > magnitude * kMinRelativeWidth / 2) || magnitude < kTinyMagnitude) {
        double half = 0.5;
        if (std::abs(mid) >= kTinyMagnitude)
            half = std::pow(10.0, std::floor(std::log10(std::abs(mid)))) / 2;
        lo = std::max(mid - half, -DBL_MAX);
        hi = std::min(mid + half, DBL_MAX);
    }

    AxisScale a;
    // Ticks of `step` inside [lo, hi] (or, snapped, the ticks around it).
    const auto ticks_for = [&](double step, double& first, double& count) {
        if (snap) {
            first = std::floor(lo / step + kZeroSnap);
            count = std::ceil(hi / step - kZeroSnap) - first + 1;
        } else {
            first = std::ceil(lo / step - kZeroSnap);
            count = std::floor(hi / step + kZeroSnap) - first + 1;
        }
    };
    // Start below the step that spreads max_ticks ticks over the range (the ends may fall
    // between ticks, so a smaller step can fit) and grow it until the ticks fit. Tick counts
    // only shrink as the step grows; snapped ticks around 0 never drop below 3, hence the clamp.
    if (snap) max_ticks = std::max(max_ticks, 3);
    const double raw = (hi / 2 - lo / 2) / double(max_ticks - 1) * 2;
    double step = nice_step_at_least(std::min(raw, DBL_MAX) / 2.5);
    double previous = step, first = 0, count = 0;
    for (int tries = 0; tries < kMaxStepTries; ++tries) {
        ticks_for(step, first, count);
        if (count <= double(max_ticks)) break;
        const double next = next_nice_step(step);
        if (!finite(next)) break;
        previous = step;
        step = next;
    }
    if (count > double(max_ticks) && snap) { // no step fits (extreme ranges): do not snap
        snap = false;
        ticks_for(step, first, count);
    }
    if (count < 1 && previous != step) { // the range fell between two ticks of the larger step
        step = previous;
        ticks_for(step, first, count);
    }
    count = std::clamp(count, 0.0, double(max_ticks));
    a.step = step;
    a.first = std::int64_t(first);
    a.count = int(count);
    if (snap) {
        // (min/max: first * step may round to just inside the range)
        a.lo = std::max(std::min(first * step, lo), -DBL_MAX);
        a.hi = std::min(std::max((first + count - 1) * step, hi), DBL_MAX);
    } else {
        a.lo = lo;
        a.hi = hi;
    }

    // Labels: fixed notation with the step's decimals, or scientific for extreme magnitudes.
    const double label_magnitude = std::max(std::abs(a.lo), std::abs(a.hi));
    const int step_exp = int(std::floor(std::log10(a.step) + 1e-9));
    a.scientific = label_magnitude >= kScientificLarge || label_magnitude < kScientificSmall;
    a.grouped = !a.scientific && label_magnitude >= kGroupThousandsFrom;
    a.decimals = std::clamp(-step_exp, 0, kMaxDecimals);
    const int top_exp = int(std::floor(std::log10(std::max(label_magnitude, a.step))));
    a.significant = std::clamp(top_exp - step_exp + 1, 1, kMaxSignificant);
    return a;
}

namespace {

// Inserts a ',' every 3 digits into the integer part of the number in buf[0, len); returns
// the new length, or len unchanged when buf has no room for the separators.
std::size_t group_thousands(char* buf, std::size_t len, std::size_t size) {
    const std::size_t begin = len > 0 && buf[0] == '-' ? 1 : 0;
    std::size_t end = begin;
    while (end < len && buf[end] >= '0' && buf[end] <= '9')
        ++end;
    const std::size_t digits = end - begin;
    if (digits <= std::size_t(kThousandsGroup)) return len;
    const std::size_t commas = (digits - 1) / kThousandsGroup;
    if (len + commas > size) return len;
    // Move the tail (decimals) right, then write the digits back to front with separators.
    std::memmove(buf + end + commas, buf + end, len - end);
    std::size_t from = end, to = end + commas;
    for (std::size_t n = 0; from > begin; ++n) {
        if (n > 0 && n % kThousandsGroup == 0) buf[--to] = ',';
        buf[--to] = buf[--from];
    }
    return len + commas;
}

} // namespace

std::string_view format_tick(double v, const AxisScale& axis, char* buf, std::size_t size) {
    if (size == 0) return {};
    if (std::abs(v) < axis.step * kZeroSnap) v = 0;
    std::to_chars_result r;
    if (v == 0) {
        buf[0] = '0';
        return std::string_view(buf, 1);
    }
    bool fixed = !axis.scientific;
    if (axis.scientific)
        r = std::to_chars(buf, buf + size, v, std::chars_format::scientific, axis.significant - 1);
    else
        r = std::to_chars(buf, buf + size, v, std::chars_format::fixed, axis.decimals);
    if (r.ec != std::errc()) {
        fixed = false;
        r = std::to_chars(buf, buf + size, v, std::chars_format::general, 6);
    }
    if (r.ec != std::errc()) return {};
    std::size_t len = std::size_t(r.ptr - buf);
    if (fixed && axis.grouped) len = group_thousands(buf, len, size);
    return std::string_view(buf, len);
}

// [SECTION] Decimation -----------------------------------------------------------------------

IndexRange x_index_range(std::span<const double> x, XOrder order, std::size_t n, double lo,
                         double hi) noexcept {
    if (order == XOrder::ascending)
        return {std::size_t(std::lower_bound(x.begin(), x.end(), lo) - x.begin()),
                std::size_t(std::upper_bound(x.begin(), x.end(), hi) - x.begin())};
    if (order == XOrder::index) // first index >= lo, first > hi
        return {std::size_t(std::clamp(std::ceil(lo), 0.0, double(n))),
                std::size_t(std::clamp(std::floor(hi) + 1, 0.0, double(n)))};
    return {0, n};
}

XOrder x_order(std::span<const double> x) noexcept {
    if (x.empty()) return XOrder::index;
    const double* p = x.data();
    const std::size_t n = x.size();
    if (!finite(p[0])) return XOrder::unordered;
    std::size_t i = 1;
#if IMLIT_CHART_SSE2
    // Blocks of 512 values: each pair must be finite and not below the value before it.
    constexpr std::size_t kBlock = 512;
    const __m128d zero = _mm_setzero_pd();
    while (i + kBlock <= n) {
        __m128d bad = _mm_setzero_pd();
        for (const std::size_t stop = i + kBlock; i < stop; i += 2) {
            const __m128d v = _mm_loadu_pd(p + i), before = _mm_loadu_pd(p + i - 1);
            bad = _mm_or_pd(bad, _mm_cmpneq_pd(_mm_sub_pd(v, v), zero)); // NaN or inf
            bad = _mm_or_pd(bad, _mm_cmplt_pd(v, before));
        }
        if (_mm_movemask_pd(bad) != 0) return XOrder::unordered;
    }
#endif
    for (; i < n; ++i)
        if (!finite(p[i]) || p[i] < p[i - 1]) return XOrder::unordered;
    return XOrder::ascending;
}

namespace {

// Collects the min and max point of each bucket and the gaps between runs of finite points.
class MinMaxReducer {
public:
    explicit MinMaxReducer(std::vector<std::size_t>& out) : out_(out) {}

    void point(long long bucket, std::size_t i, double y) {
        if (open_ && bucket == bucket_) {
            if (y < lo_) {
                lo_ = y;
                lo_i_ = i;
            } else if (y > hi_) {
                hi_ = y;
                hi_i_ = i;
            }
            return;
        }
        this->bucket(bucket, i, y, i, y);
    }
    // A new bucket holding its lowest and highest point so far (what point() gives for every
    // point of a whole bucket, all finite: its first lowest and first highest point).
    void bucket(long long bucket, std::size_t lo_i, double lo, std::size_t hi_i, double hi) {
        flush();
        open_ = true;
        bucket_ = bucket;
        lo_ = lo;
        hi_ = hi;
        lo_i_ = lo_i;
        hi_i_ = hi_i;
    }
    void gap() {
        flush();
        if (!out_.empty() && out_.back() != kGap) out_.push_back(kGap);
    }
    void finish() {
        flush();
        if (!out_.empty() && out_.back() == kGap) out_.pop_back();
    }

private:
    void flush() {
        if (!open_) return;
        open_ = false;
        if (lo_i_ == hi_i_) {
            out_.push_back(lo_i_);
        } else {
            out_.push_back(std::min(lo_i_, hi_i_));
            out_.push_back(std::max(lo_i_, hi_i_));
        }
    }

    std::vector<std::size_t>& out_;
    bool open_ = false;
    long long bucket_ = 0;
    double lo_ = 0, hi_ = 0;
    std::size_t lo_i_ = 0, hi_i_ = 0;
};

} // namespace

void decimate_min_max(std::span<const double> x, std::span<const double> y, XOrder order, double x0,
                      double x1, int pixels, std::vector<std::size_t>& out) {
    out.clear();
    const std::size_t n = y.size();
    const bool has_x = order != XOrder::index;
    if (pixels < 1 || !(x0 < x1) || !finite(x0) || !finite(x1) || (has_x && x.size() != n) ||
        (!has_x && !x.empty()) || n == 0)
        return;
    MinMaxReducer reduce(out);

    if (order == XOrder::unordered) { // buckets of consecutive indices
        const std::size_t per = std::max<std::size_t>(1, n / std::size_t(pixels));
        for (std::size_t i = 0; i < n; ++i) {
            if (!finite(y[i]) || !finite(x[i]))
                reduce.gap();
            else
                reduce.point((long long)(i / per), i, y[i]);
        }
        reduce.finish();
        return;
    }

    // Visible indices [begin, end), widened by one point on each side.
    const IndexRange view = x_index_range(x, order, n, x0, x1);
    const std::size_t begin = view.begin > 0 ? view.begin - 1 : 0;
    const std::size_t end = std::min(view.end + 1, n);

    // A point's pixel column; the points beyond the view (the one kept on each side) get
    // buckets of their own. It never decreases with i (x ascends), so each column's points are
    // one run of indices: found by galloping and bisecting, then reduced in one scan.
    const double scale = double(pixels) / (x1 - x0);
    const auto column = [&](std::size_t i) {
        const double xi = has_x ? x[i] : double(i);
        return (long long)std::clamp(std::floor((xi - x0) * scale), -1.0, double(pixels));
    };
    constexpr std::size_t kScanFrom = 8; // shorter runs go point by point
    std::size_t guess = 0;               // the last run's length: evenly spaced x repeat it
    for (std::size_t i = begin; i < end;) {
        const long long c = column(i);
        std::size_t inside = i, beyond = end; // column(inside) == c; column(beyond) > c or end
        if (guess > 1) { // one probe where the run ends if it is as long as the last one
            const std::size_t at = std::min(i + guess - 1, end - 1);
            (column(at) == c ? inside : beyond) = at;
        }
        for (std::size_t step = 1; inside + step < beyond; step *= 2) { // gallop
            if (column(inside + step) != c) {
                beyond = inside + step;
                break;
            }
            inside += step;
        }
        while (beyond - inside > 1) { // bisect
            const std::size_t mid = inside + (beyond - inside) / 2;
            (column(mid) == c ? inside : beyond) = mid;
        }
        guess = beyond - i;
        const RunExtremes e =
            beyond - i >= kScanFrom ? run_extremes(y.data() + i, beyond - i) : RunExtremes{};
        if (e.all_finite) {
            const std::size_t lo_i = i + first_equal(y.data() + i, beyond - i, e.lo);
            const std::size_t hi_i = i + first_equal(y.data() + i, beyond - i, e.hi);
            reduce.bucket(c, lo_i, e.lo, hi_i, e.hi);
        } else {
            for (std::size_t k = i; k < beyond; ++k) {
                if (finite(y[k]))
                    reduce.point(c, k, y[k]);
                else
                    reduce.gap();
            }
        }
        i = beyond;
    }
    reduce.finish();
}

// [SECTION] Histogram ------------------------------------------------------------------------

namespace {

void check_edges(const std::vector<double>& edges) {
    if (edges.size() < 2)
        throw std::invalid_argument(fmt::format(
            "imlit: histogram: {} bin edges given; at least 2 are needed", edges.size()));
    for (std::size_t i = 0; i < edges.size(); ++i) {
        if (!finite(edges[i]))
            throw std::invalid_argument(
                fmt::format("imlit: histogram: bin edge {} is {}", i, edges[i]));
        if (i > 0 && !(edges[i] > edges[i - 1]))
            throw std::invalid_argument(fmt::format(
                "imlit: histogram: bin edges must increase, but edge {} ({}) follows {}", i,
                edges[i], edges[i - 1]));
    }
}

// Equal bins of width w from e0 (as long double: a range near DBL_MAX does not overflow).
std::vector<double> uniform_edges(long double e0, long double w, std::size_t bins) {
    std::vector<double> edges(bins + 1);
    for (std::size_t i = 0; i <= bins; ++i)
        edges[i] = double(
            std::clamp(e0 + w * (long double)i, (long double)-DBL_MAX, (long double)DBL_MAX));
    return edges;
}

// Bin edges chosen from the finite values `v` (non-empty; reordered by nth_element).
std::vector<double> chosen_edges(std::vector<double>& v, double lo, double hi, int max_bins) {
    const std::size_t n = v.size();
    if (lo == hi) return {lo - 0.5, lo + 0.5};
    const long double range = (long double)hi - (long double)lo;
    auto quantile = [&v, n](double q) {
        const std::size_t k = std::min(n - 1, std::size_t(q * double(n - 1)));
        std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
        return (long double)v[k];
    };
    // Sturges: ceil(log2 n) + 1 equal bins over the range.
    const auto sturges = [&] {
        const std::size_t bins = std::min<std::size_t>(
            std::size_t(max_bins), std::size_t(std::ceil(std::log2(double(n)))) + 1);
        return uniform_edges(lo, range / (long double)bins, bins);
    };
    const long double iqr = quantile(0.75) - quantile(0.25);
    const long double fd = 2 * iqr / std::cbrt((long double)n);
    // No spread in the middle half, or a range too wide for double steps: Sturges.
    if (!(iqr > 0) || !(range < (long double)DBL_MAX) || !(fd < (long double)DBL_MAX))
        return sturges();
    double w =
        nice_step_at_least(std::max(double(fd), double(range) / double(max_bins)) * (1 - 1e-12));
    while (finite(w)) {
        const long double e0 = std::floor((long double)lo / w) * w;
        const long double span = (long double)hi - e0;
        const std::size_t bins = std::max<std::size_t>(1, std::size_t(std::ceil(span / w)));
        if (bins <= std::size_t(max_bins)) return uniform_edges(e0, w, bins);
        w = next_nice_step(w);
    }
    return sturges();
}

} // namespace

Histogram histogram(std::span<const double> values, const BinOptions& options) {
    // Counts are checked before anything is allocated for them (bins = INT_MAX: 16 GiB).
    if (options.bins < 0 || options.bins > kMaxHistogramBins)
        throw std::invalid_argument(fmt::format("imlit: histogram: bins = {} (must be 0..{})",
                                                options.bins, kMaxHistogramBins));
    if (options.max_bins < 1 || options.max_bins > kMaxHistogramBins)
        throw std::invalid_argument(fmt::format("imlit: histogram: max_bins = {} (must be 1..{})",
                                                options.max_bins, kMaxHistogramBins));
    Histogram h;
    if (!options.edges.empty()) {
        check_edges(options.edges);
        h.edges = options.edges;
    }
    std::vector<double> finite_values;
    if (h.edges.empty()) {
        finite_values.reserve(values.size());
        for (double v : values)
            if (finite(v)) finite_values.push_back(v);
        h.ignored = values.size() - finite_values.size();
        if (finite_values.empty()) return h;
        const auto [mn, mx] = std::minmax_element(finite_values.begin(), finite_values.end());
        const double lo = *mn, hi = *mx;
        if (options.bins > 0 && lo < hi)
            h.edges =
                uniform_edges(lo, ((long double)hi - lo) / options.bins, std::size_t(options.bins));
        else if (options.bins > 0)
            h.edges = uniform_edges((long double)lo - 0.5L, 1.0L / options.bins,
                                    std::size_t(options.bins));
        else
            h.edges = chosen_edges(finite_values, lo, hi, options.max_bins);
    }

    const std::size_t bins = h.edges.size() - 1;
    h.counts.assign(bins, 0);
    const double e0 = h.edges.front(), e1 = h.edges.back();
    const auto count = [&](double v) {
        if (!finite(v)) {
            ++h.ignored;
            return;
        }
        if (v < e0 || v > e1) {
            ++h.outside;
            return;
        }
        // The bin whose [left, right) holds v; the last bin also holds its right edge.
        std::size_t i =
            std::size_t(std::upper_bound(h.edges.begin(), h.edges.end(), v) - h.edges.begin());
        i = std::min(i == 0 ? 0 : i - 1, bins - 1);
        ++h.counts[i];
    };
    if (!options.edges.empty()) {
        for (double v : values)
            count(v);
    } else {
        for (double v : finite_values)
            count(v);
    }
    return h;
}

// [SECTION] Stacking -------------------------------------------------------------------------

std::vector<StackedBand> stack_series(std::span<const std::span<const double>> series) {
    if (series.empty()) return {};
    const std::size_t n = series[0].size();
    for (std::size_t s = 1; s < series.size(); ++s)
        if (series[s].size() != n)
            throw std::invalid_argument(
                fmt::format("imlit: stacked chart: series {} has {} values but series 0 has {}", s,
                            series[s].size(), n));
    std::vector<StackedBand> bands(series.size());
    std::vector<double> up(n, 0.0), down(n, 0.0);
    for (std::size_t s = 0; s < series.size(); ++s) {
        StackedBand& b = bands[s];
        b.lower.resize(n);
        b.upper.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            const double v = series[s][i];
            if (!finite(v)) {
                b.lower[i] = b.upper[i] = std::numeric_limits<double>::quiet_NaN();
            } else if (v >= 0) {
                b.lower[i] = up[i];
                up[i] += v;
                b.upper[i] = up[i];
            } else {
                b.upper[i] = down[i];
                down[i] += v;
                b.lower[i] = down[i];
            }
        }
    }
    return bands;
}

} // namespace imlit::detail
