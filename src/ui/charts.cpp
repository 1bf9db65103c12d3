// imlit — the chart elements: public functions (options -> ChartSpec, the one conversion
// point), their recording (intern_chart) and execution (execute_chart: log for the harness,
// find the chart's state, draw).
//
// Index
//   [SECTION] Recording
//   [SECTION] Execution
//   [SECTION] Public chart functions
#include <imgui.h>

#include "ui/chart_model.hpp"
#include "ui/context.hpp"

namespace imlit::detail {

// [SECTION] Recording ------------------------------------------------------------------------

namespace {

std::size_t series_heap_bytes(std::span<const Series> series) {
    std::size_t n = 0;
    for (const Series& s : series)
        n += s.name.capacity() + (s.x.capacity() + s.y.capacity()) * sizeof(double);
    return n;
}

std::size_t prep_heap_bytes(const ChartPrep& p) {
    std::size_t n = p.series.capacity() * sizeof(SeriesPrep) + p.edges.capacity() * sizeof(double) +
                    p.error.capacity();
    for (const SeriesPrep& s : p.series)
        n += s.error.capacity() + s.counts.capacity() * sizeof(std::size_t);
    return n;
}

} // namespace

ChartCmd intern_chart(Arena& a, const ChartCmd& c) {
    ChartCmd out;
    if (c.shared != nullptr) { // shared, not copied: the caller promised it never changes
        out.shared = a.make<SharedSeries>(*c.shared);
        if (*out.shared) out.series = **out.shared;
    } else {
        out.series = a.intern_array(c.series);
        a.add_external(series_heap_bytes(out.series));
    }
    ChartSpec spec = *c.spec;
    spec.key = a.intern(spec.key);
    spec.title = a.intern(spec.title);
    spec.x_label = a.intern(spec.x_label);
    spec.y_label = a.intern(spec.y_label);
    spec.edges = a.intern_array(spec.edges);
    spec.categories = a.intern_array(spec.categories);
    for (const std::string& cat : spec.categories)
        a.add_external(cat.capacity() > 15 ? cat.capacity() : 0);
    const ChartSpec* interned = a.make<ChartSpec>(spec);
    out.spec = interned;
    // Prepared here, once (on the loader's thread when recorded by a cached loader).
    ChartPrep* prep = a.make<ChartPrep>();
    prepare_chart(*interned, out.series, *prep);
    prep->serial = next_prep_serial(); // the recording's data and spec never change
    a.add_external(prep_heap_bytes(*prep));
    out.prep = prep;
    return out;
}

// [SECTION] Execution ------------------------------------------------------------------------

namespace {

constexpr std::uint64_t kChartSegmentTag = 0x4000; // + ChartKind: unkeyed chart ids
constexpr std::uint64_t kChartKeyTag = 0x4100;     // keyed chart ids
constexpr std::uint64_t kChartOccurrenceTag = 0x4200;

// The chart's state id: from its key, or from its kind, title and place (the n-th such chart
// under one parent in a frame gets its own id), as containers get theirs.
std::uint64_t chart_id(Context::Impl& c, const ChartSpec& spec) {
    const std::uint64_t parent = c.top().path;
    if (!spec.key.empty()) return child_path(parent, segment_hash(kChartKeyTag, spec.key));
    const std::uint64_t base = child_path(
        parent, segment_hash(kChartSegmentTag + static_cast<std::uint64_t>(spec.kind), spec.title));
    const std::uint32_t n = c.container_ids.next(base);
    return n == 0 ? base : child_path(base, segment_hash(kChartOccurrenceTag, n));
}

void log_chart(Context::Impl& c, const ChartCmd& m, const ChartPrep& prep, const ChartState& state,
               std::uint64_t id) {
    if (!c.logging() || !c.visible()) return;
    c.text_buf.clear();
    auto out = std::back_inserter(c.text_buf);
    for (std::size_t i = 0; i < m.series.size(); ++i) {
        char nb[32];
        fmt::format_to(out, "{}{} ({})", i ? ", " : "", series_label(m.series[i], i, nb, sizeof nb),
                       m.series[i].y.size());
    }
    LoggedElement* e = append_log_element(c, chart_kind_name(m.spec->kind), c.text_buf,
                                          m.spec->title.empty() ? m.spec->key : m.spec->title);
    e->chart_id = id;
    e->key.assign(m.spec->key);
    e->chart_series.resize(m.series.size());
    for (std::size_t i = 0; i < m.series.size(); ++i) {
        char nb[32];
        LoggedElement::ChartSeries& s = e->chart_series[i];
        s.name.assign(series_label(m.series[i], i, nb, sizeof nb));
        s.points = m.series[i].y.size();
        s.hidden = state.is_hidden(s.name);
        s.invalid = i < prep.series.size() && !prep.series[i].valid;
    }
}

} // namespace

void execute_chart(Context::Impl& c, const ChartCmd& m, bool draw) {
    const bool log = c.logging() && c.visible();
    if (!draw && !log) return;
    thread_local ChartState no_session; // a frame without a session (render tests) keeps none
    std::uint64_t id = 0;
    ChartState* state = &no_session;
    if (c.session != nullptr) {
        Session::Impl& s = c.session->impl();
        id = chart_id(c, *m.spec);
        state = &s.charts.at(id, s.frame_count);
    }
    // Prepared facts: the recording's (computed once), the kept ones of immutable shared data,
    // or, for a span made in the frame, this frame's (storage reused).
    const ChartPrep* prep = m.prep;
    if (prep == nullptr && m.shared != nullptr && state != &no_session) {
        prep = &state->shared_prep(*m.spec, *m.shared);
    } else if (prep == nullptr) {
        thread_local ChartPrep frame_prep;
        prepare_chart(*m.spec, m.series, frame_prep);
        prep = &frame_prep;
    }
    if (log) log_chart(c, m, *prep, *state, id);
    if (draw) draw_chart(*m.spec, m.series, *prep, *state, id);
}

} // namespace imlit::detail

// [SECTION] Public chart functions -----------------------------------------------------------

namespace imlit {
using namespace detail;

namespace {

void emit_chart(const char* fn, std::span<const Series> series, const ChartSpec& spec,
                const SharedSeries* shared = nullptr) {
    emit(require_context(fn), ChartCmd{series, &spec, nullptr, shared});
}

std::span<const Series> view(const SharedSeries& s) {
    return s ? std::span<const Series>(*s) : std::span<const Series>();
}

// The fields every options struct starts with (ui.hpp, Charts), in their order.
template <class Options>
ChartSpec common_spec(ChartKind kind, const Options& o) {
    return {.kind = kind,
            .key = o.key,
            .title = o.title,
            .height = o.height,
            .x_label = o.x_label,
            .y_label = o.y_label,
            .legend = o.legend,
            .interactive = o.interactive};
}

ChartSpec line_spec(const ChartOptions& o) {
    return common_spec(ChartKind::line, o);
}
ChartSpec area_spec(const AreaChartOptions& o) {
    ChartSpec s = common_spec(ChartKind::area, o);
    s.stacked = o.stacked;
    return s;
}
ChartSpec bar_spec(std::span<const std::string> categories, const BarChartOptions& o) {
    ChartSpec s = common_spec(ChartKind::bar, o);
    s.stacked = o.mode == BarMode::stacked;
    s.categories = categories;
    return s;
}
ChartSpec scatter_spec(const ScatterChartOptions& o) {
    ChartSpec s = common_spec(ChartKind::scatter, o);
    s.point_size = o.point_size;
    return s;
}
ChartSpec histogram_spec(const HistogramOptions& o) {
    ChartSpec s = common_spec(ChartKind::histogram, o);
    s.bins = o.bins;
    s.edges = o.edges;
    s.max_bins = o.max_bins;
    return s;
}

} // namespace

void line_chart(std::span<const Series> series, ChartOptions options) {
    emit_chart("line_chart", series, line_spec(options));
}
void line_chart(SharedSeries series, ChartOptions options) {
    emit_chart("line_chart", view(series), line_spec(options), &series);
}
void area_chart(std::span<const Series> series, AreaChartOptions options) {
    emit_chart("area_chart", series, area_spec(options));
}
void area_chart(SharedSeries series, AreaChartOptions options) {
    emit_chart("area_chart", view(series), area_spec(options), &series);
}
void bar_chart(std::span<const std::string> categories, std::span<const Series> series,
               BarChartOptions options) {
    emit_chart("bar_chart", series, bar_spec(categories, options));
}
void bar_chart(std::span<const std::string> categories, SharedSeries series,
               BarChartOptions options) {
    emit_chart("bar_chart", view(series), bar_spec(categories, options), &series);
}
void scatter_chart(std::span<const Series> series, ScatterChartOptions options) {
    emit_chart("scatter_chart", series, scatter_spec(options));
}
void scatter_chart(SharedSeries series, ScatterChartOptions options) {
    emit_chart("scatter_chart", view(series), scatter_spec(options), &series);
}
void histogram(std::span<const Series> series, HistogramOptions options) {
    emit_chart("histogram", series, histogram_spec(options));
}
void histogram(SharedSeries series, HistogramOptions options) {
    emit_chart("histogram", view(series), histogram_spec(options), &series);
}

} // namespace imlit
