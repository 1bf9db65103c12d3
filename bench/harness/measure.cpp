// imlit bench harness — measurement (see measure.hpp).
#include "measure.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <stdexcept>

namespace imlit::bench {
namespace {

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double timed(const std::function<void(long)>& f, long iters) {
    const double t0 = thread_cpu_ns();
    f(iters);
    return thread_cpu_ns() - t0;
}

} // namespace

double thread_cpu_ns() {
    timespec ts{};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        throw std::runtime_error("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

PairResult compare(const PairOptions& options, const std::function<void(long)>& a,
                   const std::function<void(long)>& b) {
    if (options.rounds < 1 || options.iters < 1 || options.slices < 1 ||
        options.iters % options.slices != 0)
        throw std::invalid_argument(
            "compare: rounds, iters and slices must be at least 1, iters a multiple of slices");
    const long per_slice = options.iters / options.slices;
    for (int i = 0; i < options.warmup; ++i) {
        a(options.iters);
        b(options.iters);
    }
    std::vector<double> as, bs, ratios, diffs;
    const auto per = [&](double ns) { return ns / static_cast<double>(options.iters); };
    for (int r = 0; r < options.rounds; ++r) {
        double ta = 0, tb = 0;
        for (int s = 0; s < options.slices; ++s) {
            ta += timed(a, per_slice);
            tb += timed(b, per_slice);
        }
        ta = per(ta);
        tb = per(tb);
        as.push_back(ta);
        bs.push_back(tb);
        ratios.push_back(ta / tb);
        diffs.push_back(ta - tb);
    }
    PairResult res;
    res.a_ns = median(as);
    res.b_ns = median(bs);
    res.ratio = median(ratios);
    res.ratio_min = *std::min_element(ratios.begin(), ratios.end());
    res.ratio_max = *std::max_element(ratios.begin(), ratios.end());
    res.diff_ns = median(diffs);
    res.rounds = options.rounds;
    return res;
}

void Report::add(Row row) {
    std::printf("%-34s %-16s %-28s %s%s\n", row.id.c_str(), row.figure.c_str(), row.detail.c_str(),
                row.target.empty() ? "" : "target ",
                row.target.empty() ? ""
                                   : (row.target + (row.met ? " (met)" : " (NOT met)")).c_str());
    std::fflush(stdout);
    rows_.push_back(std::move(row));
}

std::string Report::markdown() const {
    std::string s = "| case | measured | medians | target |\n| --- | --- | --- | --- |\n";
    for (const Row& r : rows_) {
        std::string target = r.target.empty() ? "(information)" : r.target;
        if (!r.target.empty()) target += r.met ? " — met" : " — **not met**";
        s += "| " + r.what + " | " + r.figure + " | " + r.detail + " | " + target + " |\n";
    }
    return s;
}

std::string fmt_ratio(const PairResult& r) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2fx (%.2f–%.2f)", r.ratio, r.ratio_min, r.ratio_max);
    return buf;
}

std::string fmt_speed(const PairResult& r) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2fx (%.2f–%.2f)", 1 / r.ratio, 1 / r.ratio_max,
                  1 / r.ratio_min);
    return buf;
}

std::string fmt_time(double ns) {
    char buf[32];
    if (ns < 1e3)
        std::snprintf(buf, sizeof buf, "%.0f ns", ns);
    else if (ns < 1e6)
        std::snprintf(buf, sizeof buf, "%.2f µs", ns / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%.2f ms", ns / 1e6);
    return buf;
}

} // namespace imlit::bench
