// data_explorer — the page: a cached CSV parse (keyed by path, size and mtime), a cached
// summary and a cached filter that take the parse's Cached table (no copy), sidebar filters,
// metrics, a chart, the sortable table and a Save button.
//
// Index
//   [SECTION] Cached steps
//   [SECTION] CSV output
//   [SECTION] Page
#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

#include <fmt/format.h>

#include "data_explorer.hpp"

namespace data_explorer {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kRestatEvery = std::chrono::seconds(1); // how often the file's stamp is re-read
constexpr std::size_t kMaxCategories = 50;   // a text column with more values is not a category
constexpr std::size_t kMaxChartPoints = 800; // the chart sums rows into at most this many points
constexpr float kTableHeight = 420;
constexpr float kChartHeight = 240;

// [SECTION] Cached steps --------------------------------------------------------------------------

// What the filters are built from: the numeric column to threshold, the category column and
// its values, the numeric column's range.
struct Summary {
    std::string value_column;    // "": none
    std::string category_column; // "": none
    std::vector<std::string> categories;
    double min = 0, max = 0;
};
std::size_t byte_size(const Summary& s) {
    std::size_t n = sizeof s + s.value_column.capacity() + s.category_column.capacity();
    for (const std::string& c : s.categories)
        n += sizeof c + c.capacity();
    return n;
}

// The rows that pass the filters, and what the metrics and the chart show of them.
struct View {
    imlit::DataFrame rows;
    double total = 0, mean = 0;
    std::size_t total_rows = 0;
    std::vector<double> chart; // the value column summed per date (or per bucket of rows)
    std::string chart_x;       // what one chart point is
};
std::size_t byte_size(const View& v) {
    return sizeof v + v.rows.memory_bytes() + v.chart.capacity() * sizeof(double);
}

const auto load_csv = imlit::cache_data(
    [](const std::string& path, std::uintmax_t size, std::int64_t mtime) {
        (void)size; // part of the key: a changed file is read again
        (void)mtime;
        return imlit::read_csv(path);
    },
    {.name = "read_csv", .max_entries = 4});

const auto summarize = imlit::cache_data(
    [](const imlit::DataFrame& df) {
        Summary s;
        if (auto i = df.find_column("revenue"); i && df.column(*i).is_number())
            s.value_column = "revenue";
        if (auto i = df.find_column("region"); i && df.column(*i).type() == imlit::DataType::string)
            s.category_column = "region";
        for (const imlit::Column& c : df) {
            if (s.value_column.empty() && c.type() == imlit::DataType::float64)
                s.value_column = c.name();
            if (s.category_column.empty() && c.type() == imlit::DataType::string) {
                std::set<std::string_view> values;
                for (std::size_t r = 0; r < c.size() && values.size() <= kMaxCategories; ++r)
                    values.insert(c.string_values()[r]);
                if (values.size() <= kMaxCategories) s.category_column = c.name();
            }
        }
        if (!s.category_column.empty()) {
            const imlit::Column& c = df.column(s.category_column);
            std::set<std::string> values;
            for (std::size_t r = 0; r < c.size(); ++r)
                if (!c.is_missing(r)) values.emplace(c.string_values()[r]);
            s.categories.assign(values.begin(), values.end());
        }
        if (!s.value_column.empty()) {
            const imlit::Column& c = df.column(s.value_column);
            s.min = std::numeric_limits<double>::infinity();
            s.max = -s.min;
            for (std::size_t r = 0; r < c.size(); ++r)
                if (auto v = c.number(r); v && std::isfinite(*v)) {
                    s.min = std::min(s.min, *v);
                    s.max = std::max(s.max, *v);
                }
            if (s.min > s.max) s.min = s.max = 0;
        }
        return s;
    },
    {.name = "summarize"});

const auto filter_rows = imlit::cache_data(
    [](const imlit::DataFrame& df, const Summary& s, double threshold,
       const std::vector<std::string>& categories) {
        View v;
        v.total_rows = df.rows();
        const imlit::Column* value = s.value_column.empty() ? nullptr : &df.column(s.value_column);
        const imlit::Column* category =
            s.category_column.empty() ? nullptr : &df.column(s.category_column);
        std::vector<imlit::RowIndex> keep;
        keep.reserve(df.rows());
        for (std::size_t r = 0; r < df.rows(); ++r) {
            if (value) {
                const auto x = value->number(r);
                if (!x || *x < threshold) continue;
            }
            if (category && (category->is_missing(r) ||
                             !std::binary_search(categories.begin(), categories.end(),
                                                 category->string_values()[r])))
                continue;
            keep.push_back(static_cast<imlit::RowIndex>(r));
        }
        v.rows = df.take(keep);
        if (value) {
            const imlit::Column& c = v.rows.column(s.value_column);
            for (std::size_t r = 0; r < c.size(); ++r)
                v.total += c.number(r).value_or(0);
            v.mean = c.size() ? v.total / static_cast<double>(c.size()) : 0;
            // Per date when there is a date column (the sample is in date order), else per
            // bucket of consecutive rows.
            const auto date = v.rows.find_column("date");
            if (date && v.rows.column(*date).type() == imlit::DataType::string) {
                const imlit::StringArray& d = v.rows.column(*date).string_values();
                for (std::size_t r = 0; r < c.size(); ++r) {
                    if (r == 0 || d[r] != d[r - 1]) v.chart.push_back(0);
                    v.chart.back() += c.number(r).value_or(0);
                }
                v.chart_x = "day";
            }
            if (!date || v.chart.size() > kMaxChartPoints) {
                v.chart.clear();
                const std::size_t per =
                    std::max<std::size_t>(1, (c.size() + kMaxChartPoints - 1) / kMaxChartPoints);
                for (std::size_t r = 0; r < c.size(); ++r) {
                    if (r % per == 0) v.chart.push_back(0);
                    v.chart.back() += c.number(r).value_or(0);
                }
                v.chart_x = fmt::format("bucket of {} rows", per);
            }
        }
        return v;
    },
    {.name = "filter_rows", .max_entries = 8});

// The file's size and mtime, re-read at most once a second (not every frame).
struct Stamp {
    std::string path;
    std::uintmax_t size = 0;
    std::int64_t mtime = 0;
    std::string error;
    Clock::time_point checked{};
};
const Stamp& file_stamp(const std::string& path) {
    Stamp& s = imlit::session_state<Stamp>("data_explorer.stamp");
    const auto now = Clock::now();
    if (s.path == path && now - s.checked < kRestatEvery) return s;
    s.path = path;
    s.checked = now;
    std::error_code ec;
    s.size = std::filesystem::file_size(path, ec);
    if (ec) {
        s.error = fmt::format("{}: {}", path, ec.message());
        return s;
    }
    s.mtime = std::filesystem::last_write_time(path, ec).time_since_epoch().count();
    s.error.clear();
    return s;
}

std::string thousands(double x, int precision) {
    imlit::CellText buf;
    const imlit::Column c = imlit::Column::float64("", {x});
    return std::string(imlit::format_cell(c, 0, {.precision = precision, .thousands = true}, buf));
}

} // namespace

// [SECTION] CSV output ----------------------------------------------------------------------------

void write_csv(std::ostream& out, const imlit::DataFrame& frame) {
    fmt::memory_buffer buf;
    auto flush = [&] {
        out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
        buf.clear();
    };
    auto field = [&](std::string_view s) {
        if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
            buf.append(s);
            return;
        }
        buf.push_back('"');
        for (char ch : s) {
            if (ch == '"') buf.push_back('"');
            buf.push_back(ch);
        }
        buf.push_back('"');
    };
    for (std::size_t c = 0; c < frame.columns(); ++c) {
        if (c) buf.push_back(',');
        field(frame.column(c).name());
    }
    buf.push_back('\n');
    constexpr std::size_t kFlushBytes = 1 << 16;
    for (std::size_t r = 0; r < frame.rows(); ++r) {
        for (std::size_t c = 0; c < frame.columns(); ++c) {
            if (c) buf.push_back(',');
            const imlit::Column& col = frame.column(c);
            if (col.is_missing(r)) continue;
            switch (col.type()) {
            case imlit::DataType::int64:
                fmt::format_to(std::back_inserter(buf), "{}", col.int64_values()[r]);
                break;
            case imlit::DataType::float64:
                fmt::format_to(std::back_inserter(buf), "{}", col.float64_values()[r]);
                break;
            case imlit::DataType::string:
                field(col.string_values()[r]);
                break;
            case imlit::DataType::boolean:
                buf.append(std::string_view(col.bool_values()[r] ? "true" : "false"));
                break;
            }
        }
        buf.push_back('\n');
        if (buf.size() > kFlushBytes) flush();
    }
    flush();
    if (!out) throw std::runtime_error("writing the CSV failed");
}

// [SECTION] Page
// ------------------------------------------------------------------------------------

void page(const PageOptions& options) {
    std::string path;
    if (auto side = imlit::sidebar()) {
        imlit::header("Data");
        path =
            imlit::file_input("CSV file", options.path, {.filters = {"*.csv", "*.tsv", "*.txt"}});
    }
    imlit::title("Data explorer");
    if (path.empty()) {
        imlit::info("Choose a CSV file in the sidebar.");
        return;
    }
    const Stamp& stamp = file_stamp(path);
    if (!stamp.error.empty()) {
        imlit::error(stamp.error);
        return;
    }
    const auto data = load_csv(path, stamp.size, stamp.mtime);
    if (!data) {
        if (data.failed()) imlit::error(data.error());
        return;
    }
    const auto summary = summarize(data);
    if (!summary) return;
    const Summary& s = *summary;

    double threshold = s.min;
    std::vector<std::string> picked = s.categories;
    std::size_t chart_kind = 0;
    if (auto side = imlit::sidebar()) {
        imlit::header("Filters");
        if (!s.value_column.empty() && s.max > s.min)
            threshold = imlit::slider(fmt::format("Minimum {}", s.value_column), s.min, s.min,
                                      s.max, {.key = "threshold", .format = "%.2f"});
        if (!s.category_column.empty())
            picked = imlit::multiselect(s.category_column, s.categories, s.categories,
                                        {.key = "categories"});
        std::sort(picked.begin(), picked.end());
        imlit::header("Chart");
        static constexpr std::array<std::string_view, 5> kCharts = {"line", "bar", "area",
                                                                    "scatter", "histogram"};
        chart_kind = imlit::selectbox_index("Chart type", kCharts, 0, {.key = "chart"});
    }

    const auto view = filter_rows(data, summary, threshold, picked);
    if (!view) {
        if (view.failed()) imlit::error(view.error());
        return;
    }
    const View& v = *view;

    auto cols = imlit::columns(4);
    if (auto c = cols[0]) imlit::metric("Rows", thousands(static_cast<double>(v.rows.rows()), 0));
    if (auto c = cols[1])
        imlit::metric(
            "Share of the file",
            fmt::format("{:.1f}%",
                        v.total_rows ? 100.0 * double(v.rows.rows()) / double(v.total_rows) : 0.0));
    if (auto c = cols[2])
        imlit::metric(fmt::format("Total {}", s.value_column), thousands(v.total, 2));
    if (auto c = cols[3])
        imlit::metric(fmt::format("Mean {}", s.value_column), thousands(v.mean, 2));

    // Chart kinds in the sidebar's order: line, bar, area, scatter, histogram.
    const std::vector<imlit::Series> series = {
        imlit::Series{fmt::format("{} per {}", s.value_column, v.chart_x), v.chart}};
    const std::string_view x_label = v.chart_x, y_label = s.value_column;
    switch (chart_kind) {
    case 1:
        imlit::bar_chart({}, series,
                         {.height = kChartHeight, .x_label = x_label, .y_label = y_label});
        break;
    case 2:
        imlit::area_chart(series, {.height = kChartHeight, .x_label = x_label, .y_label = y_label});
        break;
    case 3:
        imlit::scatter_chart(series,
                             {.height = kChartHeight, .x_label = x_label, .y_label = y_label});
        break;
    case 4:
        imlit::histogram(series, {.height = kChartHeight, .x_label = y_label, .y_label = "days"});
        break;
    default:
        imlit::line_chart(series, {.height = kChartHeight, .x_label = x_label, .y_label = y_label});
    }

    // Shared with the cached view (an aliasing pointer): the table is never copied.
    const std::shared_ptr<const imlit::DataFrame> rows(view.shared(), &view->rows);
    const std::vector<imlit::RowIndex> selected = imlit::table(
        "Matching rows", rows,
        {.key = "rows",
         .height = kTableHeight,
         .columns = {{"order_id", {.tooltip = "order number"}},
                     {"units", {.thousands = true}},
                     {"price", {.format = "${:.2f}"}},
                     {"revenue", {.precision = 2, .thousands = true, .tooltip = "units x price"}},
                     {"discount", {.precision = 1, .percent = true}}},
         .selection = imlit::RowSelection::multiple});
    if (!selected.empty()) imlit::caption(fmt::format("{} rows selected", selected.size()));

    const std::shared_ptr<const View> keep = view.shared(); // the writer runs on a later frame
    if (imlit::save_button("Save filtered CSV",
                           [keep](std::ostream& out) { write_csv(out, keep->rows); },
                           "filtered.csv", {.filters = {"*.csv"}}))
        imlit::toast("Saved");
}

} // namespace data_explorer
