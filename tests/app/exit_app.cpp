// A test app for fast exit (tests/app/run_exit_test.sh): its frame asks for a loader that takes
// 30 s, and for more loads waiting behind it; run it with --seconds 1. It prints how long after
// the last frame run() returned and the process finished exiting (an atexit handler registered
// first, so it runs after every static of the program is destroyed).
//
//   exit_app --seconds 1 -- polite   the loader checks imlit::cancelled() every 10 ms
//   exit_app --seconds 1 -- rude     the loader sleeps 30 s and never checks
// Waiting loads read a static std::string: if one ever ran during static destruction, an ASan
// build would report a heap-use-after-free.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "imlit/imlit.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<std::int64_t> g_last_frame_ns{0};
bool g_polite = true;
const std::string g_greeting = "a static string long enough to live on the heap, read by loaders";

std::int64_t now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

double ms_since_last_frame() {
    return static_cast<double>(now_ns() - g_last_frame_ns.load()) / 1e6;
}

void report_exit() {
    std::printf("exit_after_last_frame_ms=%.1f\n", ms_since_last_frame());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    std::atexit(report_exit); // first registered: runs last, after static destructors
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "--") == 0) g_polite = std::strcmp(argv[i + 1], "rude") != 0;
    imlit::set_max_parallel_loads(1); // the slow loader holds the only worker

    static auto slow = imlit::cache_data(
        [](int) {
            using namespace std::chrono_literals;
            if (!g_polite) {
                std::this_thread::sleep_for(30s);
                return g_greeting.size();
            }
            for (int i = 0; i < 3000 && !imlit::cancelled(); ++i)
                std::this_thread::sleep_for(10ms);
            if (imlit::cancelled()) throw std::runtime_error("cancelled");
            return g_greeting.size();
        },
        {.name = "slow"});
    static auto waiting = imlit::cache_data(
        [](int i) { return g_greeting.size() + std::size_t(i); }, {.name = "waiting"});

    const int rc = imlit::run(argc, argv, {.title = "exit test"}, [] {
        g_last_frame_ns = now_ns();
        auto v = slow(1);
        imlit::text(v ? "done" : "loading");
        for (int i = 0; i < 5; ++i)
            (void)waiting(i);
    });
    std::printf("run_returned_after_last_frame_ms=%.1f\n", ms_since_last_frame());
    std::fflush(stdout);
    return rc;
}
