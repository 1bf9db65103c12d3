// Persist::disk never crashes and never loses data (R9): every kind of bad file or failing disk
// is a miss (or a memory-only entry) with one warning; the loader then runs, its value is
// right, and (when the disk works) the entry written in place of the bad file is valid.
#include <catch2/catch.hpp>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cache/persist_format.hpp"
#include "imlit/cache.hpp"
#include "imlit/testing.hpp"
#include "persist_test_util.hpp"

using imlit::testing::AppTest;
using namespace imlit_persist_test;
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void write_all(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::atomic<int> g_runs{0};

// A fresh function (an empty memory, as after a restart) asking for key 7 once; returns the
// value it got (-1: none) and whether it came from disk.
struct Ask {
    int value = -1;
    bool from_disk = false;
    std::uint64_t warnings = 0;
};
Ask ask() {
    auto f = imlit::cache_data(
        [](int x) {
            ++g_runs;
            imlit::text("loaded " + std::to_string(x));
            return std::vector<int>(100, x);
        },
        {.name = "p_corrupt", .persist = imlit::Persist::disk});
    Ask a;
    AppTest at([&] {
        if (auto v = f(7)) a.value = (*v)[99];
    });
    at.run_until_idle();
    imlit::flush_disk_writes(); // its write (if any) is on disk before the next step
    a.from_disk = f.stats().disk_hits == 1;
    a.warnings = f.stats().disk_warnings;
    return a;
}

} // namespace

TEST_CASE("persist: corruption matrix: each bad file is a miss with one warning, then a valid "
          "entry",
          "[cache][persist]") {
    TempCacheDir dir;
    g_runs = 0;
    REQUIRE(ask().value == 7); // writes the entry
    const auto files = dir.entry_files();
    REQUIRE(files.size() == 1);
    const fs::path file = files[0];
    const std::string good = read_all(file);
    REQUIRE(good.size() > imlit::detail::kEnvelopeSize + 100);
    REQUIRE(ask().from_disk);

    struct Case {
        std::string name;
        std::string bytes;
    };
    std::vector<Case> cases;
    // Truncated at every envelope field, and inside the payload.
    for (std::size_t at : {0, 4, 8, 12, 16, 24, 40, 56, 64, 72, 80, 87, 88, 92, 120})
        cases.push_back({"truncated at " + std::to_string(at), good.substr(0, at)});
    cases.push_back({"truncated by one byte", good.substr(0, good.size() - 1)});
    cases.push_back({"one byte too many", good + "x"});
    // A flipped byte in each envelope field and in the payload.
    for (std::size_t at : {0, 8, 12, 16, 24, 40, 56, 64, 72, 80, 88, 100, 200}) {
        std::string b = good;
        b[at] = static_cast<char>(b[at] ^ 0x5A);
        cases.push_back({"byte " + std::to_string(at) + " flipped", b});
    }
    {
        std::string b = good;
        b[b.size() - 1] = static_cast<char>(b[b.size() - 1] ^ 1);
        cases.push_back({"last byte flipped", b});
        b = good;
        std::memcpy(b.data(), "NOTIMLIT", 8);
        cases.push_back({"wrong magic", b});
        b = good;
        const std::uint32_t v = imlit::detail::kFormatVersion + 1;
        std::memcpy(b.data() + 8, &v, 4);
        cases.push_back({"another format version", b});
        cases.push_back({"empty", ""});
        cases.push_back({"foreign text", "hello, this is not a cache entry at all\n"});
    }

    for (const Case& c : cases) {
        INFO(c.name);
        write_all(file, c.bytes);
        const std::size_t warned_before = dir.new_warnings().size();
        const int runs_before = g_runs;
        const Ask a = ask();
        CHECK(a.value == 7);              // the loader ran and its value is right
        CHECK(!a.from_disk);              // a miss
        CHECK(g_runs == runs_before + 1); // exactly one load
        const auto w = dir.new_warnings();
        REQUIRE(w.size() == warned_before + 1); // one warning
        CHECK_THAT(w.back(), Catch::Contains(file.string()));
        // The entry written in its place is valid: a fresh function reads it back.
        const Ask again = ask();
        CHECK(again.from_disk);
        CHECK(again.value == 7);
        CHECK(g_runs == runs_before + 1);
    }
}

TEST_CASE("persist: a foreign entry under this key's name is a miss with one warning",
          "[cache][persist]") {
    TempCacheDir dir;
    g_runs = 0;
    REQUIRE(ask().value == 7);
    const fs::path file = dir.entry_files().at(0);
    // The entry of another function, renamed to this key's file name.
    auto other = imlit::cache_data([](int x) { return std::vector<int>(100, x); },
                                   {.name = "p_other", .persist = imlit::Persist::disk});
    AppTest at([&] { other(7); });
    at.run_until_idle();
    fs::path other_file;
    for (const auto& p : dir.entry_files())
        if (p != file) other_file = p;
    REQUIRE(!other_file.empty());
    fs::copy_file(other_file, file, fs::copy_options::overwrite_existing);
    const Ask a = ask();
    CHECK(!a.from_disk);
    CHECK(a.value == 7);
    REQUIRE(dir.new_warnings().size() == 1);
    CHECK_THAT(dir.new_warnings()[0], Catch::Contains("another function"));
    CHECK(ask().from_disk);
}

TEST_CASE("persist: a directory in the way: a miss, one warning, a memory-only entry",
          "[cache][persist]") {
    TempCacheDir dir;
    g_runs = 0;
    REQUIRE(ask().value == 7);
    const fs::path file = dir.entry_files().at(0);
    fs::remove(file);
    fs::create_directory(file);
    auto f = imlit::cache_data(
        [](int x) {
            ++g_runs;
            return std::vector<int>(100, x);
        },
        {.name = "p_corrupt", .persist = imlit::Persist::disk});
    int got = -1;
    AppTest at([&] {
        if (auto v = f(7)) got = (*v)[0];
    });
    at.run_until_idle();
    imlit::flush_disk_writes();
    CHECK(got == 7);
    CHECK(g_runs == 2);
    // The read and the failed write are about the same file: one warning.
    REQUIRE(dir.new_warnings().size() == 1);
    CHECK(f.stats().disk_warnings == 1);
    at.run(); // still served from memory
    CHECK(g_runs == 2);
    CHECK(f.stats().entries == 1);
    CHECK(fs::is_directory(file)); // not ours to delete
    CHECK(dir.all_files() == 0);   // no temporary left behind
}

TEST_CASE("persist: unreadable file, read-only directory and full disk (write hook)",
          "[cache][persist]") {
    TempCacheDir dir;
    g_runs = 0;
    REQUIRE(ask().value == 7);
    const fs::path file = dir.entry_files().at(0);

    SECTION("permission denied on read: a miss, one warning, then a valid entry") {
        imlit::detail::persist_hooks().fail = [](std::string_view op, const std::string&) {
            return op == "read" ? EACCES : 0;
        };
        const Ask a = ask();
        CHECK(!a.from_disk);
        CHECK(a.value == 7);
        REQUIRE(dir.new_warnings().size() == 1);
        CHECK_THAT(dir.new_warnings()[0], Catch::Contains("Permission denied"));
        imlit::detail::persist_hooks().fail = nullptr;
        CHECK(ask().from_disk);
    }
    SECTION("disk full / read-only directory: the entry is kept in memory, one warning") {
        for (const int err : {ENOSPC, EROFS}) {
            INFO(std::strerror(err));
            fs::remove(file);
            const std::string op = err == ENOSPC ? "write" : "open";
            imlit::detail::persist_hooks().fail =
                [op, err](std::string_view o, const std::string&) { return o == op ? err : 0; };
            const std::size_t before = dir.new_warnings().size();
            auto f = imlit::cache_data([](int x) { return std::vector<int>(100, x); },
                                       {.name = "p_corrupt", .persist = imlit::Persist::disk});
            int got = -1;
            AppTest at([&] {
                if (auto v = f(7)) got = (*v)[0];
            });
            at.run_until_idle();
            imlit::flush_disk_writes();
            CHECK(got == 7);
            CHECK(f.stats().entries == 1);
            CHECK(f.stats().disk_writes == 0);
            REQUIRE(dir.new_warnings().size() == before + 1);
            CHECK_THAT(dir.new_warnings().back(), Catch::Contains(std::strerror(err)));
            CHECK(dir.all_files() == 0); // nothing half-written left behind
            imlit::detail::persist_hooks().fail = nullptr;
        }
    }
}
