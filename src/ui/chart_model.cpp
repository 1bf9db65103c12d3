// imlit — chart kinds, data preparation and per-chart state. See chart_model.hpp.
//
// Index
//   [SECTION] Names
//   [SECTION] prepare_chart
//   [SECTION] Kept marks
//   [SECTION] ChartState
#include "ui/chart_model.hpp"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

namespace imlit::detail {

// [SECTION] Names ----------------------------------------------------------------------------

const char* chart_kind_name(ChartKind kind) {
    switch (kind) {
    case ChartKind::line:
        return "line_chart";
    case ChartKind::area:
        return "area_chart";
    case ChartKind::bar:
        return "bar_chart";
    case ChartKind::scatter:
        return "scatter_chart";
    case ChartKind::histogram:
        return "histogram";
    }
    return "chart";
}

std::string_view series_label(const Series& s, std::size_t index, char* buf, std::size_t size) {
    if (!s.name.empty()) return s.name;
    const int n = std::snprintf(buf, size, "series %zu", index + 1);
    return std::string_view(buf, std::size_t(std::clamp(n, 0, int(size) - 1)));
}

// [SECTION] prepare_chart --------------------------------------------------------------------

namespace {

constexpr std::size_t kNameInMessage = 200; // longer names are cut in error messages

std::string quoted_label(const Series& s, std::size_t i) {
    char buf[32];
    const std::string_view label = series_label(s, i, buf, sizeof buf);
    return fmt::format("'{}'", label.substr(0, kNameInMessage));
}

// The first series that is valid so far: the one others must match in length.
const Series* first_valid(std::span<const Series> series, const ChartPrep& prep,
                          std::size_t* index) {
    for (std::size_t i = 0; i < series.size(); ++i)
        if (prep.series[i].valid) {
            *index = i;
            return &series[i];
        }
    return nullptr;
}

void require_equal_lengths(std::span<const Series> series, ChartPrep& prep, const char* kind,
                           const char* why) {
    std::size_t ref_i = 0;
    const Series* ref = first_valid(series, prep, &ref_i);
    if (ref == nullptr) return;
    for (std::size_t i = ref_i + 1; i < series.size(); ++i) {
        SeriesPrep& p = prep.series[i];
        if (!p.valid || series[i].y.size() == ref->y.size()) continue;
        p.valid = false;
        p.error = fmt::format("{}: series {} has {} values but {} has {}: {}", kind,
                              quoted_label(series[i], i), series[i].y.size(),
                              quoted_label(*ref, ref_i), ref->y.size(), why);
    }
}

void prepare_histogram(const ChartSpec& spec, std::span<const Series> series, ChartPrep& prep) {
    try {
        if (!spec.edges.empty()) {
            prep.edges.assign(spec.edges.begin(), spec.edges.end());
            // Validates the edges (throws naming the bad one).
            (void)histogram(std::span<const double>(), BinOptions{.edges = prep.edges});
        } else {
            const BinOptions choose{.bins = spec.bins, .edges = {}, .max_bins = spec.max_bins};
            std::size_t n = 0, last = series.size();
            for (std::size_t i = 0; i < series.size(); ++i)
                if (prep.series[i].valid) {
                    n += series[i].y.size();
                    last = i;
                }
            if (last == series.size()) return; // no valid series: nothing to bin
            if (n == series[last].y.size()) {  // one series with values: bin it directly
                prep.edges = histogram(series[last].y, choose).edges;
            } else { // bins shared by all series: chosen from all their values
                std::vector<double> all;
                all.reserve(n);
                for (std::size_t i = 0; i < series.size(); ++i)
                    if (prep.series[i].valid)
                        all.insert(all.end(), series[i].y.begin(), series[i].y.end());
                prep.edges = histogram(all, choose).edges;
            }
        }
        for (std::size_t i = 0; i < series.size(); ++i) {
            SeriesPrep& p = prep.series[i];
            if (!p.valid) continue;
            if (prep.edges.empty()) { // no finite value anywhere
                p.counts.clear();
                p.ignored = series[i].y.size();
                continue;
            }
            Histogram h = histogram(series[i].y, BinOptions{.edges = prep.edges});
            p.counts = std::move(h.counts);
            p.ignored = h.ignored + h.outside;
            std::size_t most = 0;
            for (std::size_t c : p.counts)
                most = std::max(most, c);
            p.y = DataRange{};
            p.y.add(0);
            p.y.add(double(most));
        }
    } catch (const std::invalid_argument& e) {
        prep.error = e.what();
        prep.edges.clear();
        for (SeriesPrep& p : prep.series)
            p.valid = false;
    }
}

} // namespace

void prepare_chart(const ChartSpec& spec, std::span<const Series> series, ChartPrep& prep) {
    const char* kind = chart_kind_name(spec.kind);
    prep.serial = 0; // the caller gives it one when the data is immutable
    prep.error.clear();
    prep.edges.clear();
    prep.series.resize(series.size());
    if (series.empty()) {
        prep.error = fmt::format("{}: no series", kind);
        return;
    }
    const bool uses_x = spec.kind == ChartKind::line || spec.kind == ChartKind::area ||
                        spec.kind == ChartKind::scatter;
    for (std::size_t i = 0; i < series.size(); ++i) {
        const Series& s = series[i];
        SeriesPrep& p = prep.series[i];
        p.valid = true;
        p.error.clear();
        p.counts.clear();
        p.ignored = 0;
        p.order = XOrder::index;
        p.x = DataRange{};
        p.y = DataRange{};
        if (uses_x && !s.x.empty() && s.x.size() != s.y.size()) {
            p.valid = false;
            p.error = fmt::format("{}: series {} has {} x values but {} y values", kind,
                                  quoted_label(s, i), s.x.size(), s.y.size());
            continue;
        }
        if (spec.kind == ChartKind::bar && !spec.categories.empty() &&
            s.y.size() != spec.categories.size()) {
            p.valid = false;
            p.error = fmt::format("{}: series {} has {} values for {} categories", kind,
                                  quoted_label(s, i), s.y.size(), spec.categories.size());
            continue;
        }
        if (uses_x) p.order = x_order(s.x);
        if (spec.kind == ChartKind::area && p.order == XOrder::unordered) {
            p.valid = false;
            p.error = fmt::format("{}: series {} needs finite, ascending x values", kind,
                                  quoted_label(s, i));
            continue;
        }
        if (spec.kind == ChartKind::histogram) continue; // ranges from the bins, below
        p.y = finite_range(s.y);
        if (!uses_x || s.x.empty()) {
            if (!s.y.empty()) {
                p.x.add(0);
                p.x.add(double(s.y.size() - 1));
            }
        } else if (p.order == XOrder::ascending) {
            p.x.add(s.x.front());
            p.x.add(s.x.back());
        } else {
            p.x = finite_range(s.x);
        }
    }
    if (spec.kind == ChartKind::histogram) {
        prepare_histogram(spec, series, prep);
    } else if (spec.kind == ChartKind::bar && spec.categories.empty()) {
        require_equal_lengths(series, prep, kind,
                              "without categories, every series needs one "
                              "value per bar");
    } else if (spec.stacked) {
        require_equal_lengths(series, prep, kind, "stacked series must be as long");
    }
}

// [SECTION] Kept marks -----------------------------------------------------------------------

namespace {
std::atomic<std::uint64_t> g_prep_serial{0};
std::atomic<std::uint64_t> g_reduction_passes{0};
} // namespace

std::uint64_t next_prep_serial() noexcept {
    return g_prep_serial.fetch_add(1, std::memory_order_relaxed) + 1;
}

std::uint64_t chart_reduction_passes() noexcept {
    return g_reduction_passes.load(std::memory_order_relaxed);
}

void count_chart_reduction_pass() noexcept {
    g_reduction_passes.fetch_add(1, std::memory_order_relaxed);
}

// Exact comparisons: a view that moved by any amount is a new view.
bool MarksKey::matches(std::uint64_t s, double a0, double a1, double b0, double b1, float w,
                       float h, float ps, std::span<const char> sh) const {
    return s != 0 && serial == s && x0 == a0 && x1 == a1 && y0 == b0 && y1 == b1 && width == w &&
           height == h && point_size == ps &&
           std::equal(shown.begin(), shown.end(), sh.begin(), sh.end());
}

void MarksKey::set(std::uint64_t s, double a0, double a1, double b0, double b1, float w, float h,
                   float ps, std::span<const char> sh) {
    serial = s;
    x0 = a0;
    x1 = a1;
    y0 = b0;
    y1 = b1;
    width = w;
    height = h;
    point_size = ps;
    shown.assign(sh.begin(), sh.end());
}

// [SECTION] ChartState -----------------------------------------------------------------------

bool ChartState::is_hidden(std::string_view label) const {
    return std::find(hidden.begin(), hidden.end(), label) != hidden.end();
}

void ChartState::toggle(std::string_view label) {
    auto it = std::find(hidden.begin(), hidden.end(), label);
    if (it == hidden.end())
        hidden.emplace_back(label);
    else
        hidden.erase(it);
}

bool PrepKey::matches(const ChartSpec& spec) const {
    return kind == spec.kind && stacked == spec.stacked && bins == spec.bins &&
           max_bins == spec.max_bins && categories == spec.categories.size() &&
           std::equal(edges.begin(), edges.end(), spec.edges.begin(), spec.edges.end());
}

void PrepKey::set(const ChartSpec& spec) {
    kind = spec.kind;
    stacked = spec.stacked;
    bins = spec.bins;
    max_bins = spec.max_bins;
    categories = spec.categories.size();
    edges.assign(spec.edges.begin(), spec.edges.end());
}

const ChartPrep& ChartState::shared_prep(const ChartSpec& spec, const SharedSeries& data) {
    const bool same_owner =
        !prep_owner.owner_before(data) && !data.owner_before(prep_owner) && !prep_owner.expired();
    if (prep == nullptr || !same_owner || !prep_key.matches(spec)) {
        if (prep == nullptr) prep = std::make_unique<ChartPrep>();
        prepare_chart(spec, data ? std::span<const Series>(*data) : std::span<const Series>(),
                      *prep);
        prep->serial = next_prep_serial(); // new data or spec: marks kept for the old do not fit
        prep_owner = data;
        prep_key.set(spec);
    }
    return *prep;
}

ChartState& ChartStates::at(std::uint64_t id, std::uint64_t frame) {
    if (by_id.size() >= kChartStatePruneAt && by_id.find(id) == by_id.end())
        std::erase_if(by_id, [&](const auto& kv) {
            return kv.second.last_frame + kChartStateIdleFrames < frame;
        });
    ChartState& s = by_id[id];
    s.last_frame = frame;
    return s;
}

} // namespace imlit::detail
