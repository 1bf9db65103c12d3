// imlit cache — file stamps (R16): imlit::file_stamp(path) and the watcher thread behind it.
//
// Every path asked for is kept in a table with its last seen (exists, size, mtime). One
// detached thread stats each watched path every kCheckEvery and, when one changed, updates the
// table and calls request_redraw(): the next frame hashes the new stamp, misses, and reloads.
// file_stamp() itself only reads the table (a mutex and a hash lookup): no system call per
// frame, except the very first call for a path. The table's mutex is a leaf lock (nothing else
// is taken while it is held; no stat runs under it).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <sys/stat.h>

#include "imlit/cache.hpp"

namespace imlit {
namespace {

constexpr std::chrono::milliseconds kCheckEvery{250};
constexpr std::chrono::seconds kForgetAfter{10}; // a path nobody asked for this long

struct Seen {
    bool exists = false;
    std::uint64_t size = 0;
    std::int64_t mtime_ns = 0;
    std::chrono::steady_clock::time_point asked{};
    friend bool operator==(const Seen& a, const Seen& b) {
        return a.exists == b.exists && a.size == b.size && a.mtime_ns == b.mtime_ns;
    }
};

Seen stat_now(const std::string& path) {
    Seen s;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        s.exists = true;
        s.size = static_cast<std::uint64_t>(st.st_size);
        s.mtime_ns = std::int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    }
    return s;
}

struct Watcher {
    std::mutex mutex; // leaf lock
    std::unordered_map<std::string, Seen> files;
    bool started = false;

    void loop() {
        std::vector<std::string> paths;
        for (;;) {
            std::this_thread::sleep_for(kCheckEvery);
            const auto now = std::chrono::steady_clock::now();
            {
                std::lock_guard lock(mutex);
                paths.clear();
                for (auto it = files.begin(); it != files.end();) {
                    if (now - it->second.asked > kForgetAfter) {
                        it = files.erase(it);
                        continue;
                    }
                    paths.push_back(it->first);
                    ++it;
                }
            }
            bool changed = false;
            for (const std::string& p : paths) {
                const Seen s = stat_now(p); // unlocked
                std::lock_guard lock(mutex);
                auto it = files.find(p);
                if (it == files.end() || it->second == s) continue;
                it->second.exists = s.exists;
                it->second.size = s.size;
                it->second.mtime_ns = s.mtime_ns;
                changed = true;
            }
            if (changed) request_redraw();
        }
    }
};

Watcher& watcher() {
    static auto* w = new Watcher(); // never destroyed: its thread is detached
    return *w;
}

} // namespace

FileStamp file_stamp(const std::filesystem::path& path) {
    Watcher& w = watcher();
    const std::string key = path.string();
    FileStamp out;
    out.path_ = path;
    Seen seen;
    bool found = false;
    {
        std::lock_guard lock(w.mutex);
        if (auto it = w.files.find(key); it != w.files.end()) {
            it->second.asked = std::chrono::steady_clock::now();
            seen = it->second;
            found = true;
        }
    }
    if (!found) {
        seen = stat_now(key); // the first call for this path
        seen.asked = std::chrono::steady_clock::now();
        std::lock_guard lock(w.mutex);
        w.files.emplace(key, seen);
        if (!w.started) {
            w.started = true;
            std::thread([&w] { w.loop(); }).detach();
        }
    }
    out.exists_ = seen.exists;
    out.size_ = seen.size;
    out.mtime_ns_ = seen.mtime_ns;
    return out;
}

} // namespace imlit
