// imlit gallery — every element, widget and container, in sections.
//
//   ./gallery                        (a window)
//   xvfb-run -a -s "-screen 0 1400x1000x24" ./gallery --frames 10 --size 1280x900
//       --screenshot docs/images/gallery.png     (one line)
//   ./gallery --tab Data             (open with that tab first: Tour, Widgets, Data, Text,
//                                     Layout, Slots, Cache)
//   ./gallery --toast "Saved!"       (a toast at startup, for screenshots)
//
// The first tab ("Tour") is a dense overview of everything; the others go into each group:
// widgets (every widget and its options, set_widget, session_state), data (one chart of each kind,
// a 1,000,000-point line and a 10,000-row table), text (markdown, code, callouts, errors), layout (columns by weight,
// Streamlit's scoping, expanders, bordered containers, nesting, the lambda forms), slots
// (placeholder, status, toast) and a cached loader. The sidebar holds a few widgets that drive the
// chart.
//
// Index
//   [SECTION] Generated data
//   [SECTION] Sidebar
//   [SECTION] Tour
//   [SECTION] Charts (Data tab)
//   [SECTION] Data, Text, Layout tabs
//   [SECTION] Widgets tab
//   [SECTION] Slots tab
//   [SECTION] Cache tab
//   [SECTION] main
#include <imlit/imlit.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

// [SECTION] Generated data -------------------------------------------------------------------

// A 10,000-row table of made-up sensor readings. Built once; the table element clips rows, so
// only the visible ones are drawn each frame.
imlit::Table make_readings(std::size_t rows) {
    static constexpr std::array<const char*, 6> sites = {"Oslo",  "Lagos", "Lima",
                                                         "Perth", "Quito", "Seoul"};
    std::vector<double> temperature(rows), humidity(rows);
    std::vector<std::string> id(rows), site(rows), status(rows);
    std::uint32_t seed = 12345;
    auto next = [&seed] { // xorshift: deterministic, so screenshots are stable
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        return static_cast<double>(seed % 100000) / 100000.0;
    };
    for (std::size_t i = 0; i < rows; ++i) {
        id[i] = std::to_string(i + 1);
        site[i] = sites[i % sites.size()];
        temperature[i] = 12 + 10 * std::sin(static_cast<double>(i) / 90.0) + 4 * next();
        humidity[i] = 40 + 35 * next();
        status[i] = humidity[i] > 70 ? "humid" : temperature[i] > 20 ? "warm" : "ok";
    }
    imlit::Table t;
    t.columns = {{"id", std::move(id)},
                 {"site", std::move(site)},
                 {"temperature °C", std::move(temperature)},
                 {"humidity %", std::move(humidity)},
                 {"status", std::move(status)}};
    return t;
}

// A Mandelbrot set rendered to RGBA pixels: an image made in memory, no file needed.
imlit::Texture make_fractal(int w, int h) {
    std::vector<std::uint8_t> px(static_cast<std::size_t>(w * h * 4));
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const double cr = -2.2 + 3.0 * x / w, ci = -1.1 + 2.2 * y / h;
            double zr = 0, zi = 0;
            int n = 0;
            while (n < 64 && zr * zr + zi * zi < 4) {
                const double t = zr * zr - zi * zi + cr;
                zi = 2 * zr * zi + ci;
                zr = t;
                ++n;
            }
            const double f = n == 64 ? 0 : std::sqrt(n / 64.0);
            std::uint8_t* p = &px[static_cast<std::size_t>((y * w + x) * 4)];
            p[0] = static_cast<std::uint8_t>(255 * std::clamp(f * 1.6, 0.0, 1.0));
            p[1] = static_cast<std::uint8_t>(255 * std::clamp(f * f * 1.2, 0.0, 1.0));
            p[2] = static_cast<std::uint8_t>(255 * std::clamp(0.35 + f * 0.9, 0.0, 1.0));
            p[3] = 255;
        }
    }
    return imlit::Texture::from_rgba(w, h, px);
}

std::vector<imlit::Series> make_waves(float frequency, float damping, int points) {
    std::vector<double> x(static_cast<std::size_t>(points)), a(x.size()), b(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        const double t = static_cast<double>(i) / 20.0;
        x[i] = t;
        a[i] = std::sin(frequency * t) * std::exp(-damping * t);
        b[i] = 0.6 * std::cos(0.5 * frequency * t);
    }
    return {{"damped sine", a, x}, {"slow cosine", b, x}};
}

struct Gallery {
    imlit::Table readings = make_readings(10000);
    imlit::Texture fractal = make_fractal(240, 150);
    imlit::Texture missing = imlit::Texture::from_file("no/such/picture.png");
    std::vector<imlit::Series> waves;
    float waves_frequency = -1, waves_damping = -1;
    int clicks = 0;
};

// [SECTION] Sidebar ---------------------------------------------------------------------------

struct SidebarChoices {
    float frequency = 2;
    float damping = 0.1f;
    int points = 300;
    bool show_spinner = false; // off by default: a visible spinner keeps frames coming (no idle)
};

SidebarChoices sidebar() {
    SidebarChoices c;
    if (auto s = imlit::sidebar()) {
        imlit::header("imlit gallery");
        imlit::caption("Every element, widget and container. The widgets here drive the chart.");
        c.frequency = imlit::slider("Frequency", 2.0f, 0.5f, 6.0f);
        c.damping = imlit::slider("Damping", 0.1f, 0.0f, 0.5f);
        c.points = imlit::slider("Points", 300, 50, 2000);
        c.show_spinner = imlit::checkbox("Show a spinner", false);
        imlit::separator();
        imlit::metric("Table rows", "10,000");
    }
    return c;
}

// [SECTION] Tour -------------------------------------------------------------------------------

void tour_columns(Gallery& g, const SidebarChoices& c);

void tour(Gallery& g, const SidebarChoices& c) {
    tour_columns(g, c);
    imlit::table(g.readings, {.height = 130, .number_precision = 1});
    imlit::caption("10,000 rows, clipped while scrolling. Markdown, code and exceptions are in the "
                   "Text tab; more containers in Layout.");
}

void tour_columns(Gallery& g, const SidebarChoices& c) {
    auto cols = imlit::columns({1.0f, 1.0f, 1.25f});
    if (auto col = cols[0]) {
        imlit::subheader("Elements");
        imlit::text("Plain text wraps to the column width, like this sentence does.");
        imlit::text("Formatted: pi = {:.3f}, {} rows", 3.14159265, g.readings.rows());
        imlit::caption("A caption: small and dimmed.");
        imlit::success("Success: the model loaded.");
        imlit::info("Info: 3 files were skipped.");
        imlit::warning("Warning: the disk is 91% full.");
        imlit::error("Error: the server did not answer.");
        auto m = imlit::columns(2);
        if (auto a = m[0])
            imlit::metric("Latency", "42 ms", "+8 ms", {.delta_color = imlit::DeltaColor::inverse});
        if (auto b = m[1]) imlit::metric("Throughput", "1.2k/s", "+12%");
    }
    if (auto col = cols[1]) {
        imlit::subheader("Widgets");
        const bool enabled =
            imlit::checkbox("Enable turbo", true, {.help = "Every widget takes a help tooltip."});
        if (imlit::button("Click me")) ++g.clicks;
        const int level = imlit::slider("Level", 3, 0, 10);
        const double budget = imlit::number_input("Budget", 250.0, {.step = 10.0});
        const std::string name = imlit::text_input("Name", "Ada");
        const std::string model = imlit::selectbox("Model", {"small", "medium", "large"}, 1);
        const std::string mode = imlit::radio("Mode", {"fast", "exact"});
        const auto tags = imlit::multiselect("Tags", {"red", "green", "blue"}, {"green"});
        const imlit::Color tint = imlit::color_picker("Tint", {0.30f, 0.60f, 0.90f, 1.0f});
        imlit::caption(fmt::format("turbo={} clicks={} level={} budget={:.0f} name={} model={} "
                                   "mode={} tags={} tint=({:.2f}, {:.2f}, {:.2f})",
                                   enabled, g.clicks, level, budget, name, model, mode, tags.size(),
                                   tint.r, tint.g, tint.b));
    }
    if (auto col = cols[2]) {
        imlit::subheader("Data");
        if (g.waves_frequency != c.frequency || g.waves_damping != c.damping || g.waves.empty() ||
            g.waves[0].y.size() != static_cast<std::size_t>(c.points)) {
            g.waves = make_waves(c.frequency, c.damping, c.points);
            g.waves_frequency = c.frequency;
            g.waves_damping = c.damping;
        }
        imlit::line_chart(g.waves, {.height = 170, .x_label = "t (s)", .y_label = "amplitude"});
        imlit::image(g.fractal, {200, 0});
        imlit::progress(0.62f, "Training: 62%");
        if (c.show_spinner) imlit::spinner("Waiting for more data...");
    }
}

// [SECTION] Charts (Data tab) ------------------------------------------------------------------

// Data for one chart of each kind, made once (deterministic: screenshots are stable).
struct ChartData {
    std::vector<imlit::Series> traffic;   // stacked area: three sources over 120 days
    std::vector<std::string> quarters = {"Q1", "Q2", "Q3", "Q4"};
    std::vector<imlit::Series> sales;     // bars: three regions per quarter
    std::vector<imlit::Series> clusters;  // scatter: two clusters, their own point sizes
    std::vector<imlit::Series> latencies; // histogram: two services
    imlit::SharedSeries million;          // a 1,000,000-point line, shared (never copied)
};

ChartData make_chart_data() {
    ChartData d;
    std::uint64_t seed = 0x9E3779B97F4A7C15ull;
    auto uniform = [&seed] { // xorshift in [0, 1)
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        return static_cast<double>(seed >> 11) / 9007199254740992.0;
    };
    auto normal = [&] { // Box-Muller
        const double u = std::max(uniform(), 1e-12), v = uniform();
        return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v);
    };
    const char* sources[] = {"search", "direct", "social"};
    for (int s = 0; s < 3; ++s) {
        imlit::Series series{.name = sources[s], .y = {}};
        for (int day = 0; day < 120; ++day)
            series.y.push_back((3 - s) * 40 + 25 * std::sin(day / (9.0 + 4 * s)) + 10 * uniform());
        d.traffic.push_back(std::move(series));
    }
    d.sales = {{"north", {120, 135, 160, 150}},
               {"south", {90, 110, 95, 130}},
               {"west", {60, 85, 120, 140}}};
    imlit::Series a{.name = "cluster A", .y = {}, .x = {}, .color = {}, .point_size = 2.5f};
    imlit::Series b{.name = "cluster B", .y = {}, .x = {}, .color = {}, .point_size = 4};
    for (int i = 0; i < 400; ++i) {
        a.x.push_back(2 + normal());
        a.y.push_back(3 + 0.8 * a.x.back() + 0.6 * normal());
        if (i % 2) continue;
        b.x.push_back(6 + 0.8 * normal());
        b.y.push_back(2 + 0.7 * normal());
    }
    d.clusters = {std::move(a), std::move(b)};
    imlit::Series api{.name = "api", .y = {}}, db{.name = "database", .y = {}};
    for (int i = 0; i < 20000; ++i) {
        api.y.push_back(40 + 8 * normal());
        if (i % 2 == 0) db.y.push_back(std::exp(3.2 + 0.35 * normal()));
    }
    d.latencies = {std::move(api), std::move(db)};
    constexpr std::size_t kMillion = 1000000;
    imlit::Series big{.name = "signal", .y = std::vector<double>(kMillion)};
    for (std::size_t i = 0; i < kMillion; ++i) {
        const double t = static_cast<double>(i) / kMillion;
        big.y[i] = std::sin(40 * t) + 0.3 * std::sin(900 * t) + 0.15 * normal();
    }
    d.million = std::make_shared<const std::vector<imlit::Series>>(
        std::vector<imlit::Series>{std::move(big)});
    return d;
}

void charts_section(const Gallery& g) {
    static const ChartData d = make_chart_data();
    imlit::subheader("Charts");
    imlit::caption("Wheel: zoom. Drag: pan. Double-click: reset. Click a legend entry to hide or "
                   "show its series. Hover for the nearest values.");
    auto row1 = imlit::columns(2);
    if (auto c = row1[0])
        imlit::line_chart(g.waves, {.title = "line_chart", .height = 170, .x_label = "t (s)"});
    if (auto c = row1[1])
        imlit::area_chart(d.traffic, {.title = "area_chart (stacked)", .height = 170,
                                      .x_label = "day"});
    auto row2 = imlit::columns(2);
    if (auto c = row2[0])
        imlit::bar_chart(d.quarters, d.sales, {.title = "bar_chart (grouped)", .height = 170});
    if (auto c = row2[1])
        imlit::bar_chart(d.quarters, d.sales,
                         {.title = "bar_chart (stacked)", .height = 170,
                          .mode = imlit::BarMode::stacked});
    auto row3 = imlit::columns(2);
    if (auto c = row3[0])
        imlit::scatter_chart(d.clusters, {.title = "scatter_chart", .height = 170});
    if (auto c = row3[1])
        imlit::histogram(d.latencies, {.title = "histogram", .height = 170,
                                       .x_label = "latency (ms)"});
    imlit::line_chart(d.million, {.title = "1,000,000 points, decimated to the pixel width",
                                  .height = 150});
}

// [SECTION] Data, Text, Layout tabs ----------------------------------------------------------

void data_tab(Gallery& g, const SidebarChoices& c) {
    charts_section(g);
    imlit::caption(fmt::format("The line chart has {} points per series (sidebar).", c.points));
    imlit::subheader("A table of 10,000 rows");
    imlit::caption("Rows are clipped: only the visible ones are drawn, so it scrolls smoothly.");
    imlit::table(g.readings, {.height = 260, .number_precision = 1});
    imlit::subheader("Images");
    auto cols = imlit::columns(2);
    if (auto a = cols[0]) {
        imlit::image(g.fractal);
        imlit::caption("Generated from RGBA pixels in memory.");
    }
    if (auto b = cols[1]) {
        imlit::image(g.missing);
        imlit::caption("A missing file is an error in place, not a crash.");
    }
}

void text_tab() {
    imlit::title("Title");
    imlit::header("Header");
    imlit::subheader("Subheader");
    imlit::markdown("Markdown, a **small subset**: headings, **bold**, `inline code`, "
                    "[links](https://example.com) shown as text,\n\n"
                    "- bullet lists\n  - nested\n- with `code`\n\n"
                    "1. numbered lists\n2. in order\n\n"
                    "```cpp\nauto model = load_model(\"sentiment\");\n```\n");
    imlit::code("static auto load = imlit::cache_data([](const std::string& path) {\n"
                "    return parse_csv(path); // runs once per path\n"
                "});",
                "cpp");
    imlit::separator();
    try {
        throw std::runtime_error("could not parse line 17: expected 5 fields, got 4");
    } catch (const std::exception& e) {
        imlit::exception(e);
    }
    imlit::progress(std::nanf(""), "a NaN fraction");
}

void layout_tab() {
    imlit::caption("Columns by weight (1 : 2 : 1), each in a bordered container:");
    {
        auto cols = imlit::columns({1.0f, 2.0f, 1.0f});
        for (std::size_t i = 0; i < cols.size(); ++i)
            if (auto col = cols[i])
                if (auto box = imlit::container({.border = true}))
                    imlit::text("column {} (weight {})", i, i == 1 ? 2 : 1);
    }
    // Streamlit's `a, b, c = st.columns(3)`: fill the columns, then write below them. The group
    // handle still lives; the caption goes below the whole group all the same.
    auto m = imlit::columns(3, {.border = true});
    if (auto a = m[0]) imlit::metric("Rows", "10,000");
    if (auto b = m[1])
        imlit::metric("Errors", "3", "-2", {.delta_color = imlit::DeltaColor::inverse});
    if (auto c = m[2])
        imlit::metric("Version", "0.1", "+0.1", {.delta_color = imlit::DeltaColor::off});
    imlit::caption("This caption comes after the three metric columns in the code, so it is drawn "
                   "below them (the columns' handle is still alive).");
    if (auto e = imlit::expander("An expander, open", {.expanded = true})) {
        imlit::text("Expanders hold anything, including other containers:");
        auto t = imlit::tabs({"Inner tab A", "Inner tab B"});
        if (auto a = t[0]) imlit::checkbox("A checkbox inside a tab inside an expander");
        if (auto b = t[1]) imlit::text("Tab B");
    }
    imlit::expander("An expander, closed (the lambda form)",
                    [] { imlit::text("Hidden until opened."); });
    imlit::container({.key = "plain"}, [] {
        imlit::caption("A plain container (keyed \"plain\") groups output; its key, not its "
                       "place on the page, names the widgets inside.");
    });
}

// [SECTION] Slots tab ---------------------------------------------------------------------------

// A loader that reports its steps in a status box and its progress in a placeholder. Replays
// show the box in its last state and one bar with its last value.
const auto& task_loader() {
    static auto load = imlit::cache_data(
        [](int size) {
            auto s = imlit::status("Processing files...", {.expanded = true});
            imlit::text("Reading {} files", size);
            auto bar = imlit::placeholder();
            long total = 0;
            for (int i = 1; i <= size && !imlit::cancelled(); ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(40)); // "slow"
                total += i;
                bar.progress(static_cast<float>(i) / static_cast<float>(size),
                             fmt::format("file {}/{}", i, size));
            }
            s.update({.label = fmt::format("Processed {} files", size),
                      .state = imlit::StatusState::complete});
            return total;
        },
        {.name = "gallery task", .spinner_text = "Processing..."});
    return load;
}

void slots_tab() {
    auto cols = imlit::columns(2);
    if (auto left = cols[0]) {
        imlit::subheader("Placeholder");
        imlit::caption("A slot whose content each write replaces. Here: a progress bar, replaced "
                       "by a message when the slider reaches 10.");
        const int done = imlit::slider("Steps done", 7, 0, 10);
        auto slot = imlit::placeholder();
        for (int i = 0; i <= done; ++i) // ten writes a frame; one bar shows
            slot.progress(static_cast<float>(i) / 10, fmt::format("{} of 10 steps", i));
        if (done == 10) slot.success("All 10 steps done");
        imlit::subheader("Toast");
        imlit::caption("A notice in the corner for a few seconds; never recorded.");
        if (imlit::button("Show a toast")) imlit::toast("Saved! This toast goes away in 4 s.");
    }
    if (auto right = cols[1]) {
        imlit::subheader("Status");
        {
            auto s = imlit::status("Downloading data...", {.expanded = true});
            imlit::text("Searching for data...");
            imlit::text("Found URL.");
            s.update({.label = "Download complete!", .state = imlit::StatusState::complete});
        }
        imlit::status("Uploading the report", [](imlit::Status& s) {
            imlit::text("Connecting...");
            s.update({.label = "Upload failed: the server said 507 (disk full)",
                      .state = imlit::StatusState::error});
        });
        imlit::status("Still running: step 3 of 5", [] { imlit::text("Steps 1 and 2 done."); });
        imlit::subheader("Both, in a cached loader");
        const int size = imlit::slider("Files", 20, 5, 40);
        (void)task_loader()(size);
    }
}

// [SECTION] Widgets tab --------------------------------------------------------------------------

enum class Shape { circle, square, triangle };

} // namespace

// selectbox/radio take any range of values fmt can format: the enum's labels come from here.
template <>
struct fmt::formatter<Shape> : fmt::formatter<std::string_view> {
    auto format(Shape s, fmt::format_context& ctx) const {
        constexpr std::array<std::string_view, 3> names = {"circle", "square", "triangle"};
        return fmt::formatter<std::string_view>::format(names[static_cast<std::size_t>(s)], ctx);
    }
};

namespace {

// Every widget with its options. The Reset button sets widgets from code (imlit::set_widget);
// the click counter lives in session state.
void widgets_tab() {
    auto cols = imlit::columns(3);
    if (auto col = cols[0]) {
        imlit::subheader("Choices");
        const bool live = imlit::toggle("Live updates", true,
                                        {.help = "A toggle is a checkbox "
                                                 "drawn as a switch."});
        imlit::checkbox("Locked option", true, {.disabled = true});
        int& clicks = imlit::session_state("gallery clicks", 0);
        if (imlit::button("Count", {.help = "The count lives in imlit::session_state."})) ++clicks;
        if (imlit::button("Reset", {.help = "imlit::set_widget: the widgets show their "
                                            "defaults from the next frame."})) {
            imlit::set_widget("level", 25);
            imlit::set_widget("threshold", 0.5);
            imlit::set_widget("years", std::pair{1990, 2020});
            imlit::set_widget("name", "");
            clicks = 0;
        }
        static constexpr std::array shapes = {Shape::circle, Shape::square, Shape::triangle};
        const Shape shape = imlit::radio("Shape", shapes, 1, {.horizontal = true});
        const std::size_t size = imlit::selectbox_index("Size", {"small", "medium", "large"}, 1);
        const auto tags =
            imlit::multiselect("Tags (at most 2)", {"red", "green", "blue"}, {},
                               {.placeholder = "Pick up to two", .max_selections = 2});
        imlit::caption(fmt::format("live={} clicks={} shape={} size index={} tags={}", live, clicks,
                                   shape, size, tags.size()));
    }
    if (auto col = cols[1]) {
        imlit::subheader("Numbers");
        const int level = imlit::slider("Level", 25, 0, 100, {.key = "level", .step = 5});
        const double threshold = imlit::slider(
            "Threshold", 0.5, 0.0, 1.0, {.key = "threshold", .step = 0.05, .format = "%.2f"});
        const auto years = imlit::range_slider("Years", {1990, 2020}, 1900, 2030,
                                               {.key = "years", .help = "Two handles."});
        const auto band =
            imlit::range_slider("Band", std::pair{20.0, 80.0}, {.max = 100, .format = "%.0f%%"});
        const int count = imlit::number_input("Count", 3, {.min = 0, .max = 10});
        const double latency =
            imlit::number_input("Latency", 12.5, {.step = 0.5, .format = "%.1f ms"});
        imlit::caption(fmt::format("level={} threshold={:.2f} years={}-{} band={:.0f}-{:.0f} "
                                   "count={} latency={:.1f}",
                                   level, threshold, years.first, years.second, band.first,
                                   band.second, count, latency));
    }
    if (auto col = cols[2]) {
        imlit::subheader("Text, dates, colours");
        const std::string name =
            imlit::text_input("Name", "", {.key = "name", .placeholder = "Your name"});
        imlit::text_input("Password", "", {.password = true});
        imlit::text_input("Code (4 characters)", "", {.max_chars = 4});
        imlit::text_input(
            "Notes", "",
            {.placeholder = "A text area: Enter adds a line.", .multiline = true, .height = 70});
        const imlit::Date day =
            imlit::date_input("Day", {2024, 3, 5},
                              {.min = imlit::Date{2024, 1, 1}, .max = imlit::Date{2024, 12, 31}});
        const imlit::Color tint =
            imlit::color_picker("Tint (no alpha)", {0.30f, 0.60f, 0.90f, 1.0f}, {.alpha = false});
        imlit::caption(fmt::format("name={} day={} tint=({:.2f}, {:.2f}, {:.2f})",
                                   name.empty() ? "-" : name, day, tint.r, tint.g, tint.b));
    }
}

// [SECTION] Cache tab ---------------------------------------------------------------------------

// A slow loader in a cached scope: the first call for a (seed, "Bins") runs it on a worker while
// a spinner shows; later frames replay its output (the subheader, the slider, the success
// callout) and return the stored histogram at once. Moving the slider (read inside the loader)
// is part of the key: a new value loads once, an old one is a hit.
const auto& histogram_loader() {
    // Made on first use (not at static-initialisation time, before imlit's own statics).
    static auto load = imlit::cache_data(
        [](int seed) {
            imlit::subheader("A cached loader");
            const int bins = imlit::slider("Bins", 24, 4, 64);
            for (int i = 0; i < 12 && !imlit::cancelled(); ++i) // "slow"; stops early when a
                std::this_thread::sleep_for(std::chrono::milliseconds(100)); // newer call wins
            std::vector<double> counts(static_cast<std::size_t>(bins));
            std::uint32_t state = static_cast<std::uint32_t>(seed) * 2654435761u + 1;
            for (int i = 0; i < 50000; ++i) {
                double sum = 0; // sum of 4 uniforms: roughly normal
                for (int k = 0; k < 4; ++k) {
                    state = state * 1664525u + 1013904223u;
                    sum += static_cast<double>(state >> 8) / 16777216.0;
                }
                const auto b = static_cast<std::size_t>(sum / 4 * bins);
                counts[std::min(b, counts.size() - 1)] += 1;
            }
            imlit::success(fmt::format("Loaded 50,000 samples into {} bins (seed {})", bins, seed));
            return counts;
        },
        {.name = "gallery histogram", .spinner_text = "Sampling..."});
    return load;
}

void cache_tab() {
    imlit::caption("The loader below sleeps 1.2 s on a worker thread; the page stays live. Its "
                   "output is recorded and replayed on every later frame.");
    const int seed = imlit::slider("Seed", 1, 1, 5);
    const auto& load_histogram = histogram_loader();
    auto hist = load_histogram(seed);
    if (hist) imlit::line_chart({{"samples per bin", *hist}}, {.height = 180, .x_label = "bin"});
    if (imlit::button("Clear the cache")) load_histogram.clear();
    imlit::expander("Cache inspector", [] { imlit::cache_inspector(); });
}

// [SECTION] main --------------------------------------------------------------------------------

// Tab order; `--tab Text` on the command line puts that tab first (it opens selected), for
// screenshots of each section.
std::vector<std::string> g_tabs = {"Tour", "Widgets", "Data", "Text", "Layout", "Slots", "Cache"};

void frame() {
    static Gallery g;
    const SidebarChoices c = sidebar();
    if (g.waves.empty()) g.waves = make_waves(c.frequency, c.damping, c.points);
    imlit::title("imlit gallery");
    auto t = imlit::tabs(g_tabs);
    for (std::size_t i = 0; i < g_tabs.size(); ++i) {
        if (auto tab = t[i]) {
            if (g_tabs[i] == "Tour") tour(g, c);
            if (g_tabs[i] == "Widgets") widgets_tab();
            if (g_tabs[i] == "Data") data_tab(g, c);
            if (g_tabs[i] == "Text") text_tab();
            if (g_tabs[i] == "Layout") layout_tab();
            if (g_tabs[i] == "Slots") slots_tab();
            if (g_tabs[i] == "Cache") cache_tab();
        }
    }
}

std::string check_tab(std::string_view name) {
    if (std::find(g_tabs.begin(), g_tabs.end(), name) != g_tabs.end()) return {};
    return fmt::format("no tab '{}' (Tour, Data, Text, Layout, Slots, Cache)", name);
}

} // namespace

int main(int argc, char** argv) {
    const imlit::AppOptions options{
        .title = "imlit gallery",
        .width = 1280,
        .height = 900,
        .flags = {{.name = "--tab",
                   .value = "NAME",
                   .help = "open with this tab first (Tour, Data, Text, Layout, Slots, Cache)",
                   .check = check_tab},
                  {.name = "--toast",
                   .value = "TEXT",
                   .help = "show this toast at startup (for screenshots)"}}};
    return imlit::run(argc, argv, options, [first = true]() mutable {
        if (first) { // put the --tab tab first (run() checked the name)
            first = false;
            if (auto tab = imlit::app_flag("--tab")) {
                auto it = std::find(g_tabs.begin(), g_tabs.end(), *tab);
                std::rotate(g_tabs.begin(), it, it + 1);
            }
            if (auto text = imlit::app_flag("--toast")) imlit::toast(*text);
        }
        frame();
    });
}
