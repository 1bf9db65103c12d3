// imlit bench harness — replay cases (DESIGN §7 / issue 12: replaying 1,000 and 10,000 recorded
// wrapped-text elements vs the same Dear ImGui calls issued directly, in a 900-px window and in
// a 100,000-px one where nothing is culled).
//
// The set-up is bench_cache.cpp's BM_ReplayVsDirect as it was: a cached function whose loader
// issues imlit::text(line) per line, against imlit::custom issuing the wrapped-text calls
// imlit::text stands for (PushTextWrapPos(0), TextUnformatted, PopTextWrapPos). Whole frames of
// a production-like headless session (headless.hpp).
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include "cases.hpp"
#include "headless.hpp"
#include "imlit/cache.hpp"
#include "imlit/ui.hpp"

namespace imlit::bench {
namespace {

void replay_rows(Report& report, int elements, float height, int rounds, bool quick) {
    std::vector<std::string> lines;
    for (int i = 0; i < elements; ++i)
        lines.push_back("line " + std::to_string(i));
    auto f = imlit::cache_data(
        [&lines] {
            for (const auto& l : lines)
                imlit::text(l);
            return 0;
        },
        {.blocking = true});
    HeadlessApp app(1280, height);
    const std::function<void()> replay = [&] { (void)f(); };
    const std::function<void()> raw = [&] {
        imlit::custom([&] {
            for (const auto& l : lines) {
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextUnformatted(l.data(), l.data() + l.size());
                ImGui::PopTextWrapPos();
            }
        });
    };
    const std::function<void()> direct = [&] {
        for (const auto& l : lines)
            imlit::text(l);
    };
    for (int i = 0; i < 3; ++i) { // records, then settles the layout
        app.frame(replay);
        app.frame(raw);
        app.frame(direct);
    }
    PairOptions o;
    o.rounds = rounds;
    o.iters = quick ? 2 : (elements >= 10000 ? 6 : 40);
    o.slices = static_cast<int>(o.iters / 2); // two frames of each side at a time
    const auto frames = [&app](const std::function<void()>& body) {
        return [&app, &body](long n) {
            for (long i = 0; i < n; ++i)
                app.frame(body);
        };
    };
    const PairResult r = compare(o, frames(replay), frames(raw));
    const std::string n = elements == 1000 ? "1,000" : "10,000";
    const bool tall = height > 10000;
    const std::string h = tall ? "100,000-px" : "900-px";
    const char* target = tall ? "<= 1.05x" : "<= 1.00x";
    report.add({"replay." + std::to_string(elements) + (tall ? "_tall" : "_900"),
                "replay " + n + " wrapped-text elements vs the same Dear ImGui calls, " + h +
                    " window (whole frames)",
                fmt_ratio(r), fmt_time(r.a_ns) + " vs " + fmt_time(r.b_ns), target,
                r.ratio <= (tall ? 1.05 : 1.00)});
    if (!tall) {
        const PairResult d = compare(o, frames(replay), frames(direct));
        report.add(
            {"replay." + std::to_string(elements) + "_vs_imlit",
             "replay " + n + " elements vs issuing the same `imlit::text` calls, " + h + " window",
             fmt_ratio(d), fmt_time(d.a_ns) + " vs " + fmt_time(d.b_ns), "", true});
    }
}

} // namespace

void run_replay_cases(Report& report, const Options& options) {
    const int rounds = options.quick ? 3 : 15;
    for (int elements : {1000, 10000})
        for (float height : {900.0f, 100000.0f})
            replay_rows(report, elements, height, rounds, options.quick);
}

} // namespace imlit::bench
