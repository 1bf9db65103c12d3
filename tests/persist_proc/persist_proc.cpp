// Persist::disk across real processes (run by persist_restart.sh and persist_two_processes.sh):
//
//   persist_proc fill DIR      fill a persisted cache: widget-keyed entries, a recording with
//                              text, a table, a texture and a chart; exit 0 when every loader
//                              ran
//   persist_proc check DIR     a fresh process: every entry is there on the first frame (and for
//                              the other widget states on the frame after the change), the
//                              recordings replay, and no loader runs
//   persist_proc hammer DIR S  for S seconds, read and write one key over and over; every read
//                              must be a valid entry (no warning, a consistent value written by
//                              a hammering process); prints "last <word>": its last write
//   persist_proc count DIR     print the entry files of the hammered function; exit 0 when
//                              there is exactly one and no temporary file is left
//   persist_proc verify DIR W...  a fresh process reads the hammered key without running a
//                              loader: a valid entry whose words are all one of the W given
//                              (the last writes of the hammering processes: nothing was lost)
#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <unistd.h>

#include "cache/persist_store.hpp"
#include "cache/registry.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"

namespace {

std::atomic<int> g_loads{0};

imlit::Texture checker() {
    constexpr int kSide = 8;
    std::vector<std::uint8_t> px(kSide * kSide * 4);
    for (std::size_t i = 0; i < px.size(); ++i)
        px[i] = static_cast<std::uint8_t>(i % 4 == 3 ? 255 : i * 5);
    return imlit::Texture::from_rgba(kSide, kSide, px);
}

imlit::Table report_table(bool detail) {
    imlit::Table t;
    t.columns.push_back({"region", std::vector<std::string>{"north", "south"}});
    t.columns.push_back({"sales", std::vector<double>{detail ? 1.25 : 1.0, 2.5}});
    return t;
}

auto& report_fn() {
    static auto f = imlit::cache_data<imlit::Persist::disk>(
        [](const std::string& name) {
            ++g_loads;
            imlit::header("Report " + name);
            const bool detail = imlit::checkbox("detail");
            imlit::text(detail ? "detailed" : "summary");
            imlit::Table t = report_table(detail);
            imlit::table(t);
            imlit::image(checker());
            imlit::bar_chart({"north", "south"},
                             {{.name = "sales", .y = {detail ? 1.25 : 1.0, 2.5}}},
                             {.title = "Sales"});
            return t;
        },
        {.name = "restart_report"});
    return f;
}

auto& number_fn() {
    static auto f = imlit::cache_data<imlit::Persist::disk>(
        [](int x) {
            ++g_loads;
            return x * imlit::slider("scale", 1, 1, 10);
        },
        {.name = "restart_number"});
    return f;
}

struct Frame {
    bool report_ready = false;
    double sales = 0;
    int number = -1;
    void operator()() {
        auto r = report_fn()("sales");
        report_ready = r.ready();
        if (r) sales = std::get<std::vector<double>>(r->columns[1].values)[0];
        auto n = number_fn()(4);
        number = n ? *n : -1;
        if (n) imlit::text("number " + std::to_string(*n));
    }
};

int fail(const std::string& what, const imlit::testing::AppTest& at) {
    std::fprintf(stderr, "persist_proc: %s\n%s", what.c_str(), at.dump().c_str());
    return 1;
}

int fill() {
    Frame f;
    imlit::testing::AppTest at([&] { f(); });
    at.run_until_idle();
    at.checkbox("detail").set(true);
    at.run_until_idle();
    at.slider("scale").set(3);
    at.run_until_idle();
    imlit::flush_disk_writes();
    if (g_loads != 4) return fail("expected 4 loads, got " + std::to_string(g_loads), at);
    if (f.number != 12 || f.sales != 1.25) return fail("wrong values", at);
    std::printf("persist_proc fill: %d loads, entries written to %s\n", g_loads.load(),
                imlit::cache_dir().c_str());
    return 0;
}

int check() {
    Frame f;
    imlit::testing::AppTest at([&] { f(); });
    at.run(); // the first frame
    const std::vector<std::string> want = {"Report sales", "summary", "number 4"};
    if (!f.report_ready || f.number != 4 || at.texts() != want)
        return fail("the first frame does not show the persisted entries", at);
    if (at.elements_of("table").size() != 1 || at.elements_of("image").size() != 1 ||
        at.elements_of("checkbox").size() != 1 || at.elements_of("bar_chart").size() != 1)
        return fail("the recording (table, image, checkbox, chart) was not replayed", at);
    at.checkbox("detail").set(true);
    at.run();
    if (f.sales != 1.25 || at.texts()[1] != "detailed")
        return fail("the other widget state is not there on the frame after the change", at);
    at.slider("scale").set(3);
    at.run();
    if (f.number != 12) return fail("the slider state is not there", at);
    if (g_loads != 0) return fail(std::to_string(g_loads) + " loaders ran", at);
    if (!imlit::detail::cache_warnings().empty()) return fail("warnings were given", at);
    std::printf("persist_proc check: all entries found on the first frame, no loader ran\n");
    return 0;
}

struct Block {
    std::vector<std::uint64_t> words;
    template <class Archive>
    void serialize(Archive& ar) {
        ar(words);
    }
};
constexpr std::size_t kBlockWords = 64 * 1024; // 512 KB: a torn write would be easy to see
constexpr int kMinRounds = 10; // reads and writes each process must make for the run to count

// A block's word: who wrote it (pid) and when (its iteration). Every word of a valid block is
// the same, and its pid is one of the hammering processes (checked by the script).
std::uint64_t block_word(std::uint64_t pid, std::uint64_t iteration) {
    return pid << 32 | iteration;
}

auto hammered(std::function<Block()> loader) {
    return imlit::cache_data<imlit::Persist::disk>(
        [loader = std::move(loader)](int) { return loader(); },
        {.name = "hammer", .blocking = true});
}

// A valid block: the right length, one word throughout. "" when so, else what is wrong.
std::string block_problem(const Block& b) {
    if (b.words.size() != kBlockWords)
        return "a block of " + std::to_string(b.words.size()) + " words";
    for (std::uint64_t x : b.words)
        if (x != b.words[0]) return "a torn block (words of different writes)";
    return {};
}

int hammer(double seconds) {
    const std::uint64_t me = static_cast<std::uint64_t>(::getpid());
    const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    std::size_t reads = 0, writes = 0, iteration = 0;
    std::uint64_t last_write = 0;
    std::atomic<bool> skip_disk{false}; // read by the hook on the writer thread too
    // Writes: the disk is skipped (a file that is "gone") so the loader runs and writes.
    imlit::detail::persist_hooks().fail = [&skip_disk](std::string_view op, const std::string&) {
        return skip_disk.load() && op == "read" ? ENOENT : 0;
    };
    while (std::chrono::steady_clock::now() < end) {
        ++iteration;
        skip_disk.store(iteration % 2 == 0);
        auto f = hammered([me, iteration, &last_write] {
            last_write = block_word(me, iteration);
            return Block{std::vector<std::uint64_t>(kBlockWords, last_write)};
        });
        auto v = f(0); // no imlit context: runs inline
        if (!v) {
            std::fprintf(stderr, "persist_proc hammer: no value: %s\n", v.error().c_str());
            return 1;
        }
        if (const std::string problem = block_problem(*v); !problem.empty()) {
            std::fprintf(stderr, "persist_proc hammer: %s\n", problem.c_str());
            return 1;
        }
        if (f.stats().disk_hits == 1) ++reads;
        if (f.stats().loads == 1) ++writes;
        if (skip_disk.load()) imlit::flush_disk_writes();
    }
    imlit::flush_disk_writes();
    const auto warnings = imlit::detail::cache_warnings();
    if (!warnings.empty()) {
        std::fprintf(stderr, "persist_proc hammer: %zu warnings, first: %s\n", warnings.size(),
                     warnings[0].c_str());
        return 1;
    }
    std::printf("persist_proc hammer (pid %llu): %zu valid reads from disk, %zu writes\n",
                static_cast<unsigned long long>(me), reads, writes);
    std::printf("last %llu\n", static_cast<unsigned long long>(last_write));
    if (reads < kMinRounds || writes < kMinRounds) {
        std::fprintf(stderr,
                     "persist_proc hammer: too few rounds to mean anything (at least %d "
                     "reads and writes each)\n",
                     kMinRounds);
        return 1;
    }
    return 0;
}

int verify(const std::vector<std::uint64_t>& last_writes) {
    bool loaded = false;
    auto f = hammered([&loaded] {
        loaded = true;
        return Block{};
    });
    auto v = f(0);
    if (!v || loaded) {
        std::fprintf(stderr, "persist_proc verify: the entry was lost (the loader ran)\n");
        return 1;
    }
    if (const std::string problem = block_problem(*v); !problem.empty()) {
        std::fprintf(stderr, "persist_proc verify: %s\n", problem.c_str());
        return 1;
    }
    if (std::find(last_writes.begin(), last_writes.end(), v->words[0]) == last_writes.end()) {
        std::fprintf(stderr,
                     "persist_proc verify: the entry (word %llu) is not the last write of either "
                     "process: a later write was lost\n",
                     static_cast<unsigned long long>(v->words[0]));
        return 1;
    }
    if (!imlit::detail::cache_warnings().empty()) {
        std::fprintf(stderr, "persist_proc verify: %s\n",
                     imlit::detail::cache_warnings()[0].c_str());
        return 1;
    }
    std::printf("persist_proc verify: one valid entry, the last write of pid %llu\n",
                static_cast<unsigned long long>(v->words[0] >> 32));
    return 0;
}

int count(const std::string& dir) {
    std::size_t entries = 0, others = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        const bool entry = e.path().extension() == ".imc";
        (entry ? entries : others) += 1;
        std::printf("  %s\n", e.path().c_str());
    }
    std::printf("persist_proc count: %zu entry files, %zu other files\n", entries, others);
    return entries == 1 && others == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: persist_proc fill|check|hammer|count|verify DIR [SECONDS | "
                             "WORDS...]\n");
        return 2;
    }
    const std::string mode = argv[1];
    imlit::set_cache_dir(argv[2]);
    if (mode == "fill") return fill();
    if (mode == "check") return check();
    if (mode == "hammer") return hammer(argc > 3 ? std::atof(argv[3]) : 2.0);
    if (mode == "count") return count(argv[2]);
    if (mode == "verify") {
        std::vector<std::uint64_t> words;
        for (int i = 3; i < argc; ++i)
            words.push_back(std::strtoull(argv[i], nullptr, 10));
        return verify(words);
    }
    std::fprintf(stderr, "persist_proc: unknown mode %s\n", mode.c_str());
    return 2;
}
