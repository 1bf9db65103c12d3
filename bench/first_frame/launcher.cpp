// imlit_first_frame — time to first frame of two programs, paired (DESIGN §7: "time to first
// frame within 1.15x of a plain Dear ImGui + GLFW hello").
//
//   imlit_first_frame --shim PATH [--rounds N] [--markdown FILE --label TEXT [--target X]]
//                     -- A ARGS... -- B ARGS...
//
// Runs A and B alternately (A, B, A, B, ...; one untimed pair first), each with PATH (the
// exit_at_first_swap shim) preloaded, so each run ends right after its first glfwSwapBuffers.
// A run's time is the wall time from fork to exit; its CPU time (user + system, all its
// threads, from wait4) is kept too: on a loaded machine the wall time mostly measures waiting
// for a core, the CPU time the work done. Prints the medians and the median of the per-pair
// ratios A/B (with min and max) of both; with --markdown, appends two rows of the results table
// (bench/harness's columns: case, measured, medians, target) to FILE: TEXT names the case, X is
// the wall-time ratio target (none: information only); the CPU-time row is information.
// Needs a display: run it under xvfb-run.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <string>
#include <vector>

namespace {

constexpr int kFirstFrameStatus = 42; // exit_at_first_swap.c

double now_ms() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Run {
    double wall_ms = -1; // -1: the run failed
    double cpu_ms = 0;
};

double ms(const timeval& t) {
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
}

// Runs `argv` with the shim preloaded, output discarded: its wall and CPU time to first frame.
Run run_once(const std::vector<std::string>& argv, const std::string& shim) {
    std::vector<char*> args;
    for (const auto& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const double t0 = now_ms();
    const pid_t pid = fork();
    if (pid < 0) return {};
    if (pid == 0) {
        setenv("LD_PRELOAD", shim.c_str(), 1);
        if (std::freopen("/dev/null", "w", stdout) == nullptr) _exit(127);
        execvp(args[0], args.data());
        std::fprintf(stderr, "imlit_first_frame: cannot run %s: %s\n", args[0],
                     std::strerror(errno));
        _exit(127);
    }
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
    }
    const double t1 = now_ms();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != kFirstFrameStatus) {
        std::fprintf(stderr, "imlit_first_frame: %s ended without presenting a frame (status %d)\n",
                     args[0], WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        return {};
    }
    return {t1 - t0, ms(usage.ru_utime) + ms(usage.ru_stime)};
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Paired times of A and B, and their per-pair ratios.
struct Series {
    std::vector<double> a, b, ratios;
    void add(double x, double y) {
        a.push_back(x);
        b.push_back(y);
        ratios.push_back(y > 0 ? x / y : 0);
    }
    double ratio() const { return median(ratios); }
    double lo() const { return *std::min_element(ratios.begin(), ratios.end()); }
    double hi() const { return *std::max_element(ratios.begin(), ratios.end()); }
    std::string summary(int rounds) const {
        char text[160];
        std::snprintf(text, sizeof text,
                      "A %.1f ms, B %.1f ms (medians of %d); A/B %.2fx (%.2f-%.2f)", median(a),
                      median(b), rounds, ratio(), lo(), hi());
        return text;
    }
    // A row of the results table; `target` 0: information only.
    std::string row(const std::string& label, double target) const {
        char target_text[64] = "(information)";
        if (target > 0)
            std::snprintf(target_text, sizeof target_text, "<= %.2fx — %s", target,
                          ratio() <= target ? "met" : "**not met**");
        char text[1024];
        std::snprintf(text, sizeof text, "| %s | %.2fx (%.2f–%.2f) | %.0f ms vs %.0f ms | %s |\n",
                      label.c_str(), ratio(), lo(), hi(), median(a), median(b), target_text);
        return text;
    }
};

int usage(const char* self) {
    std::fprintf(stderr,
                 "usage: %s --shim PATH [--rounds N] [--markdown FILE] -- A ARGS... -- B ARGS...\n",
                 self);
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::string shim, markdown, label;
    double target = 0; // 0: information only
    int rounds = 15;
    int i = 1;
    for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
        if (std::strcmp(argv[i], "--shim") == 0 && i + 1 < argc)
            shim = argv[++i];
        else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--markdown") == 0 && i + 1 < argc)
            markdown = argv[++i];
        else if (std::strcmp(argv[i], "--label") == 0 && i + 1 < argc)
            label = argv[++i];
        else if (std::strcmp(argv[i], "--target") == 0 && i + 1 < argc)
            target = std::atof(argv[++i]);
        else
            return usage(argv[0]);
    }
    std::vector<std::string> a, b;
    for (++i; i < argc && std::strcmp(argv[i], "--") != 0; ++i)
        a.push_back(argv[i]);
    for (++i; i < argc; ++i)
        b.push_back(argv[i]);
    if (shim.empty() || a.empty() || b.empty() || (!markdown.empty() && label.empty()))
        return usage(argv[0]);

    Series wall, cpu;
    for (int r = -1; r < rounds; ++r) { // r == -1: untimed warm-up pair (page cache, Xvfb)
        const Run x = run_once(a, shim);
        const Run y = run_once(b, shim);
        if (x.wall_ms < 0 || y.wall_ms < 0) return 1;
        if (r < 0) continue;
        wall.add(x.wall_ms, y.wall_ms);
        cpu.add(x.cpu_ms, y.cpu_ms);
    }
    std::printf("first frame, wall time: %s\n", wall.summary(rounds).c_str());
    std::printf("first frame, CPU time:  %s\n", cpu.summary(rounds).c_str());
    if (!markdown.empty()) {
        std::ofstream out(markdown, std::ios::app);
        out << wall.row(label + ", wall time", target)
            << cpu.row(label + ", CPU time (user + system, all threads)", 0);
        if (!out) {
            std::fprintf(stderr, "imlit_first_frame: cannot write %s\n", markdown.c_str());
            return 1;
        }
    }
    return 0;
}
