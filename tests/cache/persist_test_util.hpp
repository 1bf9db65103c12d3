// Helpers for the Persist::disk tests: a private cache directory per test, the files in it,
// the warnings given since the test began.
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

#include "cache/persist_store.hpp"
#include "cache/registry.hpp"
#include "imlit/cache.hpp"

namespace imlit_persist_test {

// A fresh cache directory for one test (set_cache_dir), removed with its files at the end; the
// test hooks are reset.
class TempCacheDir {
public:
    TempCacheDir() {
        static std::atomic<int> n{0};
        path_ = std::filesystem::temp_directory_path() /
                ("imlit_persist_test_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        std::filesystem::remove_all(path_);
        imlit::set_cache_dir(path_.string());
        warnings_before_ = imlit::detail::cache_warnings().size();
    }
    ~TempCacheDir() {
        imlit::flush_disk_writes();
        imlit::detail::persist_hooks() = {};
        imlit::set_cache_dir("");
        std::error_code ec;
        std::filesystem::permissions(path_, std::filesystem::perms::all, ec);
        std::filesystem::remove_all(path_, ec);
    }
    TempCacheDir(const TempCacheDir&) = delete;
    TempCacheDir& operator=(const TempCacheDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Entry files (*.imc) under the directory, after the queued writes are done.
    std::vector<std::filesystem::path> entry_files() const {
        imlit::flush_disk_writes();
        std::vector<std::filesystem::path> out;
        std::error_code ec;
        for (std::filesystem::recursive_directory_iterator it(path_, ec), end; !ec && it != end;
             it.increment(ec))
            if (it->path().extension() == ".imc") out.push_back(it->path());
        return out;
    }
    // Any file at all (temporaries included).
    std::size_t all_files() const {
        imlit::flush_disk_writes();
        std::size_t n = 0;
        std::error_code ec;
        for (std::filesystem::recursive_directory_iterator it(path_, ec), end; !ec && it != end;
             it.increment(ec))
            n += it->is_regular_file() ? 1 : 0;
        return n;
    }
    std::vector<std::string> new_warnings() const {
        auto all = imlit::detail::cache_warnings();
        return {all.begin() + static_cast<std::ptrdiff_t>(warnings_before_), all.end()};
    }

private:
    std::filesystem::path path_;
    std::size_t warnings_before_ = 0;
};

} // namespace imlit_persist_test
