// File stamps (R16): an entry keyed by file_stamp(path) reloads when the file is edited, the
// watcher wakes the frame loop by itself, and hashing a stamp costs no system call.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <unistd.h>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "ui/seam.hpp"

using imlit::testing::AppTest;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {
void write_text(const fs::path& p, const std::string& s) {
    std::ofstream(p, std::ios::trunc) << s;
}
std::string read_text(const fs::path& p) {
    std::ifstream in(p);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
// Wait (at most `timeout`) until `done()`, waking on redraw requests like an idle frame loop.
template <class F>
bool wait_until(F done, std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::uint64_t gen = imlit::detail::redraw_generation();
    while (!done()) {
        if (std::chrono::steady_clock::now() >= until) return false;
        gen = imlit::detail::wait_for_redraw(gen, 50ms);
    }
    return true;
}
} // namespace

TEST_CASE("file_stamp: an edited file reloads, woken by the watcher", "[cache][file_stamp]") {
    static int run = 0; // a new file for each section's run
    const fs::path path = fs::temp_directory_path() / ("imlit_stamp_" + std::to_string(::getpid()) +
                                                       "_" + std::to_string(run++) + ".txt");
    write_text(path, "one");
    std::atomic<int> runs{0};
    auto load = imlit::cache_data(
        [&runs](const imlit::FileStamp& f) {
            ++runs;
            return read_text(f.path());
        },
        {.name = "stamp_load", .blocking = true});
    std::string shown;
    AppTest at([&] {
        if (auto v = load(imlit::file_stamp(path))) shown = *v;
    });
    at.run();
    CHECK(shown == "one");
    at.run();
    CHECK(runs == 1);
    const imlit::FileStamp first = imlit::file_stamp(path);

    SECTION("a new size") {
        write_text(path, "three");
    }
    SECTION("same size, new modification time") {
        write_text(path, "two");
        fs::last_write_time(path, fs::last_write_time(path) + 5s);
    }
    // The watcher notices (it checks every 250 ms) and wakes the frame loop; no frame runs
    // meanwhile. (The timeouts only bound a hang: the machine may be busy.)
    const std::uint64_t gen = imlit::detail::redraw_generation();
    REQUIRE(wait_until([&] { return !(imlit::file_stamp(path) == first); }, 5000ms));
    CHECK(imlit::detail::redraw_generation() != gen);
    at.run(); // the frame the redraw asked for
    CHECK(runs == 2);
    CHECK(shown == read_text(path));
    fs::remove(path);
}

TEST_CASE("file_stamp: a missing file has its own stamp; its creation reloads",
          "[cache][file_stamp]") {
    const fs::path path =
        fs::temp_directory_path() / ("imlit_stamp_missing_" + std::to_string(::getpid()));
    fs::remove(path);
    const imlit::FileStamp before = imlit::file_stamp(path);
    CHECK(!before.exists());
    CHECK(imlit::file_stamp(path) == before);
    write_text(path, "x");
    REQUIRE(wait_until([&] { return imlit::file_stamp(path).exists(); }, 5000ms));
    CHECK(imlit::file_stamp(path).size() == 1);
    CHECK(imlit::Hasher{}(imlit::file_stamp(path)).digest() != imlit::Hasher{}(before).digest());
    fs::remove(path);
}
