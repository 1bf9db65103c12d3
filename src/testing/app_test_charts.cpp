// imlit — AppTest's chart lookup and ChartHandle (testing.hpp): charts found in the last frame's
// element log; legend and view changes written to the chart's state in the session, as the
// user's clicks, wheel and drags would.
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "imlit/testing.hpp"
#include "ui/context.hpp"
#include "ui/session_impl.hpp"

namespace imlit::testing {

namespace {

bool is_chart(const detail::LoggedElement& e) {
    return e.chart_id != 0;
}

const detail::LoggedElement* chart_entry(detail::Session& session, std::uint64_t id) {
    for (const detail::LoggedElement& e : detail::element_log(session))
        if (e.chart_id == id) return &e;
    return nullptr;
}

} // namespace

ChartHandle AppTest::chart(std::string_view title_or_key) {
    if (frames_ == 0)
        throw std::out_of_range(fmt::format(
            "AppTest: no chart \"{}\": no frame has run yet (call run() first)", title_or_key));
    std::vector<const detail::LoggedElement*> matches;
    std::string shown;
    for (const detail::LoggedElement& e : detail::element_log(session())) {
        if (!is_chart(e)) continue;
        shown += fmt::format("{}{} \"{}\"", shown.empty() ? "" : ", ", e.kind, e.label);
        if (e.label == title_or_key || e.key == title_or_key) matches.push_back(&e);
    }
    if (matches.size() == 1)
        return ChartHandle(this, matches[0]->chart_id, matches[0]->kind, matches[0]->label);
    if (matches.empty())
        throw std::out_of_range(fmt::format(
            "AppTest: no chart titled or keyed \"{}\" in the last frame. Charts shown: {}",
            title_or_key, shown.empty() ? "(none)" : shown));
    throw std::out_of_range(fmt::format(
        "AppTest: {} charts titled \"{}\" in the last frame; give each a key and find it by that",
        matches.size(), title_or_key));
}

std::vector<ChartHandle> AppTest::charts() {
    std::vector<ChartHandle> out;
    for (const detail::LoggedElement& e : detail::element_log(session()))
        if (is_chart(e)) out.push_back(ChartHandle(this, e.chart_id, e.kind, e.label));
    return out;
}

std::vector<ChartSeriesInfo> ChartHandle::series() const {
    const detail::LoggedElement* e = chart_entry(test_->session(), id_);
    if (e == nullptr)
        throw std::out_of_range(
            fmt::format("AppTest: {} \"{}\" is not shown in the last frame", kind_, label_));
    std::vector<ChartSeriesInfo> out;
    out.reserve(e->chart_series.size());
    for (const auto& s : e->chart_series)
        out.push_back({s.name, s.points, s.hidden, s.invalid});
    return out;
}

ChartHandle& ChartHandle::toggle_legend(std::string_view name) {
    std::string names;
    for (const ChartSeriesInfo& s : series()) {
        if (s.name == name) {
            test_->session().impl().charts.by_id[id_].toggle(name);
            return *this;
        }
        names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", s.name);
    }
    throw std::invalid_argument(
        fmt::format("AppTest: {} \"{}\" has no series \"{}\" (its series: {})", kind_, label_, name,
                    names.empty() ? "(none)" : names));
}

bool ChartHandle::zoomed() const {
    const auto& charts = test_->session().impl().charts.by_id;
    auto it = charts.find(id_);
    return it != charts.end() && it->second.zoom_x;
}

std::pair<double, double> ChartHandle::x_view() const {
    if (!zoomed())
        throw std::logic_error(fmt::format(
            "AppTest: {} \"{}\" is not zoomed: it shows its data's own x range", kind_, label_));
    const detail::ChartState& s = test_->session().impl().charts.by_id.at(id_);
    return {s.x0, s.x1};
}

ChartHandle& ChartHandle::zoom_x(double x0, double x1) {
    if (!(x0 < x1) || !std::isfinite(x0) || !std::isfinite(x1))
        throw std::invalid_argument(fmt::format(
            "AppTest: {} \"{}\": zoom_x needs finite x0 < x1 (got {}, {})", kind_, label_, x0, x1));
    detail::ChartState& s = test_->session().impl().charts.by_id[id_];
    s.x0 = x0;
    s.x1 = x1;
    s.zoom_x = true;
    return *this;
}

ChartHandle& ChartHandle::reset_view() {
    test_->session().impl().charts.by_id[id_].reset_view();
    return *this;
}

} // namespace imlit::testing
