// Real-window check (issue 11): one element with an enormous text, scrolled from the top of the
// page to the bottom, one step per frame.
//
//   long_text_scroll --frames 62 --stats -- MODE STEPS
//
// MODE: text       a 1 MB paragraph without a newline (imlit::text)
//       code       a 100,000-line code block (imlit::code)
//       exception  a cached loader that throws an exception with a 1 MB message
// The page scrolls by 1/STEPS of its height per frame; give --frames at least STEPS + 2 (the
// first frame lays out the page, a scroll takes effect on the next frame). Prints the page
// height, the median and slowest whole frame (from one frame's start to the next: build,
// render, present) and the slowest frame function, all after the first two frames (which lay
// the text out), then "reached the bottom" when the page was drawn scrolled to its end.
// --stats adds imlit's own frame-time figures.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "imlit/imlit.hpp"

namespace {

std::string megabyte(std::string_view phrase) {
    std::string s;
    s.reserve((std::size_t(1) << 20) + phrase.size());
    while (s.size() < (std::size_t(1) << 20))
        s += phrase;
    return s;
}

std::string code_lines(int n) {
    std::string s;
    for (int i = 0; i < n; ++i)
        s += "let value_" + std::to_string(i) + " = compute(" + std::to_string(i) + ");\n";
    return s;
}

} // namespace

int main(int argc, char** argv) {
    std::string mode = "text";
    int steps = 60;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) != "--") continue;
        if (i + 1 < argc) mode = argv[i + 1];
        if (i + 2 < argc) steps = std::max(1, std::atoi(argv[i + 2]));
        break;
    }
    if (mode != "text" && mode != "code" && mode != "exception") {
        std::fprintf(stderr, "long_text_scroll: unknown mode '%s' (text, code, exception)\n",
                     mode.c_str());
        return 2;
    }
    const std::string paragraph = megabyte("a paragraph that never ends, ");
    const std::string code = mode == "code" ? code_lines(100000) : std::string();
    auto failing = imlit::cache_data(
        [&](int) -> int { throw std::runtime_error(megabyte("the loader failed because ")); },
        {.blocking = true});

    using Clock = std::chrono::steady_clock;
    int frame = 0;
    bool reached = false;
    float page = 0;
    double slowest_ms = 0;
    std::vector<double> frame_ms; // start to start
    Clock::time_point previous_start{};
    const int rc = imlit::run(argc, argv, {.title = "long text: " + mode}, [&] {
        const auto start = Clock::now();
        if (frame > 2)
            frame_ms.push_back(
                std::chrono::duration<double, std::milli>(start - previous_start).count());
        previous_start = start;
        imlit::caption(mode + ": frame " + std::to_string(frame));
        if (mode == "text") imlit::text(paragraph);
        if (mode == "code") imlit::code(code, "rust");
        if (mode == "exception") (void)failing(1);
        imlit::custom([&] {
            const float max = ImGui::GetScrollMaxY();
            page = max;
            if (frame > steps && max > 0 && ImGui::GetScrollY() == max) reached = true;
            ImGui::SetScrollY(max * std::min(1.0f, float(frame) / float(steps)));
        });
        ++frame;
        if (frame > 2) // the first frames make the layout
            slowest_ms =
                std::max(slowest_ms,
                         std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    });
    std::sort(frame_ms.begin(), frame_ms.end());
    const double median = frame_ms.empty() ? 0 : frame_ms[frame_ms.size() / 2];
    const double worst = frame_ms.empty() ? 0 : frame_ms.back();
    std::printf("long_text_scroll: mode=%s frames=%d page_height=%.0f px median_frame=%.2f ms "
                "max_frame=%.2f ms slowest_frame_function=%.2f ms\n",
                mode.c_str(), frame, double(page), median, worst, slowest_ms);
    if (rc != 0) return rc;
    if (!reached) {
        std::printf("long_text_scroll: did not reach the bottom (give --frames > STEPS + 1)\n");
        return 1;
    }
    std::printf("long_text_scroll: reached the bottom\n");
    return 0;
}
