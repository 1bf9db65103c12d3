// Persist::disk figures (docs/caching.md): a 100 MB value written and read back, against a raw
// copy of a file of the same size, and the warm-start time to first frame with it, against
// computing it in the first frame (the cheapest loader that makes 100 MB: fill a vector).
//
//   imlit_persist_bench [DIR] [MB] [ROUNDS]     (defaults: /tmp/imlit_persist_bench, 100, 5)
//
// Wall-clock medians of alternating rounds (disk work is I/O, not CPU: thread CPU time would
// hide it). The page cache is warm (the file was just written): these are the figures of a
// restart shortly after a run, not of a cold disk.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}
// The value the loaders make: `n` doubles, i * 0.5 (no more work than writing the memory).
std::vector<double> compute(std::size_t n) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = static_cast<double>(i) * 0.5;
    return v;
}
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// cp: read the file, write a temporary, fsync, rename (what a careful copy does).
void raw_copy(const std::string& from, const std::string& to) {
    const int in = ::open(from.c_str(), O_RDONLY);
    const std::string tmp = to + ".tmp";
    const int out = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in < 0 || out < 0) std::exit(1);
    std::vector<char> buf(1 << 20);
    for (ssize_t n; (n = ::read(in, buf.data(), buf.size())) > 0;)
        if (::write(out, buf.data(), static_cast<std::size_t>(n)) != n) std::exit(1);
    ::fsync(out);
    ::close(out);
    ::close(in);
    std::rename(tmp.c_str(), to.c_str());
}
std::size_t raw_read(const std::string& path) {
    const int in = ::open(path.c_str(), O_RDONLY);
    std::vector<char> all(std::filesystem::file_size(path));
    std::size_t got = 0;
    for (ssize_t n; (n = ::read(in, all.data() + got, all.size() - got)) > 0;)
        got += static_cast<std::size_t>(n);
    ::close(in);
    return got;
}

} // namespace

int main(int argc, char** argv) {
    const std::string dir = argc > 1 ? argv[1] : "/tmp/imlit_persist_bench";
    const std::size_t mb = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 100;
    const int rounds = argc > 3 ? std::atoi(argv[3]) : 5;
    std::filesystem::remove_all(dir);
    imlit::set_cache_dir(dir);
    const std::size_t n = mb * 1000 * 1000 / sizeof(double);
    const std::vector<double> big = compute(n);

    std::vector<double> write_ms, copy_ms, read_ms, raw_read_ms, first_frame_ms, empty_frame_ms,
        computed_frame_ms;
    std::string entry;
    for (int r = 0; r < rounds; ++r) {
        // Write: the value handed to the cache until it is on disk (serialise, write, fsync,
        // rename: all on the writer thread).
        {
            auto f = imlit::cache_data(
                [&big](int) { return big; },
                {.name = "bench_big", .blocking = true, .persist = imlit::Persist::disk});
            f.clear();
            imlit::flush_disk_writes();
            const auto t0 = Clock::now();
            auto v = f(r);
            imlit::flush_disk_writes();
            const double loader_ms =
                std::chrono::duration<double, std::milli>(f.stats().load_time).count();
            write_ms.push_back(ms_since(t0) - loader_ms); // not the loader's copy of `big`
            f.clear(); // memory only would be cleared too; the file goes with it
            imlit::flush_disk_writes();
            auto again = f(0); // the file read below
            imlit::flush_disk_writes();
        }
        for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
            if (e.path().extension() == ".imc") entry = e.path().string();
        {
            const auto t0 = Clock::now();
            raw_copy(entry, dir + "/copy.bin");
            copy_ms.push_back(ms_since(t0));
            const auto t1 = Clock::now();
            raw_read(entry);
            raw_read_ms.push_back(ms_since(t1));
        }
        // Read back + warm start: a fresh function in a fresh session, the first frame.
        {
            auto g = imlit::cache_data([&big](int) { return big; },
                                       {.name = "bench_big", .persist = imlit::Persist::disk});
            const auto t0 = Clock::now();
            std::size_t size = 0;
            imlit::testing::AppTest at([&] {
                if (auto v = g(0)) size = v->size();
            });
            at.run();
            first_frame_ms.push_back(ms_since(t0));
            if (size != n || g.stats().disk_hits != 1) {
                std::fprintf(stderr, "not read back from disk\n");
                return 1;
            }
        }
        {
            auto g = imlit::cache_data([&big](int) { return big; },
                                       {.name = "bench_big", .persist = imlit::Persist::disk});
            const auto t0 = Clock::now();
            auto v = g(0); // no session: the disk read alone
            read_ms.push_back(ms_since(t0));
        }
        {
            const auto t0 = Clock::now();
            imlit::testing::AppTest at([] { imlit::text("hello"); });
            at.run();
            empty_frame_ms.push_back(ms_since(t0));
        }
        // Cold start without persistence: the first frame computes the value (blocking, so the
        // first frame shows it, as the warm start's does).
        {
            auto c = imlit::cache_data([n](int) { return compute(n); },
                                       {.name = "bench_compute", .blocking = true});
            const auto t0 = Clock::now();
            std::size_t size = 0;
            imlit::testing::AppTest at([&] {
                if (auto v = c(0)) size = v->size();
            });
            at.run();
            computed_frame_ms.push_back(ms_since(t0));
            if (size != n) {
                std::fprintf(stderr, "not computed\n");
                return 1;
            }
        }
    }
    const double file_mb = static_cast<double>(std::filesystem::file_size(entry)) / 1e6;
    std::printf("value %zu MB (file %.1f MB), %d rounds, medians, warm page cache\n", mb, file_mb,
                rounds);
    std::printf("write  : persist %.0f ms (%.0f MB/s)   raw copy+fsync %.0f ms (%.0f MB/s)\n",
                median(write_ms), file_mb / median(write_ms) * 1e3, median(copy_ms),
                file_mb / median(copy_ms) * 1e3);
    std::printf("read   : persist %.0f ms (%.0f MB/s)   raw read %.0f ms (%.0f MB/s)\n",
                median(read_ms), file_mb / median(read_ms) * 1e3, median(raw_read_ms),
                file_mb / median(raw_read_ms) * 1e3);
    std::printf("first frame: with the persisted value %.0f ms, computing it %.0f ms, an empty "
                "app %.1f ms\n",
                median(first_frame_ms), median(computed_frame_ms), median(empty_frame_ms));
    std::filesystem::remove_all(dir);
    return 0;
}
