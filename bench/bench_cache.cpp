// Cache benchmarks (DESIGN §7):
//   BM_CacheHitVsBareProbe  a hit with a small argument and no widgets, against a bare XXH3
//                           (hash_args) + std::unordered_map probe of the same key; counter
//                           `ratio` = hit / bare (target: <= 4).
//   BM_ReplayVsDirect       a frame replaying 1,000 recorded text elements against a frame
//                           issuing the same imlit::text calls directly, and against raw
//                           ImGui::TextWrapped calls; counters `ratio_vs_imlit`, `ratio_vs_imgui`
//                           (target: <= 1.10), headless Dear ImGui via AppTest.
//   BM_Overhead             bytes per recorded command and per entry (counters).
#include <benchmark/benchmark.h>

#include <chrono>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "imlit/cache.hpp"
#include "imlit/hash.hpp"
#include "imlit/testing.hpp"
#include "imlit/ui.hpp"
#include "ui/seam.hpp"

namespace {

using SteadyClock = std::chrono::steady_clock;

struct Hash128Hasher {
    std::size_t operator()(const imlit::Hash128& h) const noexcept {
        return static_cast<std::size_t>(h.lo ^ (h.hi * 0x9E3779B97F4A7C15ull));
    }
};

void BM_CacheHitVsBareProbe(benchmark::State& state) {
    auto f = imlit::cache_data([](int x) { return x * 2; }, {.blocking = true});
    std::unordered_map<imlit::Hash128, std::shared_ptr<const int>, Hash128Hasher> bare;
    for (int i = 0; i < 64; ++i)
        bare.emplace(imlit::hash_args(i), std::make_shared<const int>(i));
    double hit_ns = 0, bare_ns = 0;
    imlit::testing::AppTest at([&] {
        for (int i = 0; i < 64; ++i)
            (void)f(i); // warm
        constexpr int kBatch = 1000;
        for (auto _ : state) {
            auto t0 = SteadyClock::now();
            for (int i = 0; i < kBatch; ++i) {
                auto v = f(i & 63);
                benchmark::DoNotOptimize(v);
            }
            auto t1 = SteadyClock::now();
            for (int i = 0; i < kBatch; ++i) {
                auto it = bare.find(imlit::hash_args(i & 63));
                std::shared_ptr<const int> v = it->second; // the hit also hands out a shared_ptr
                benchmark::DoNotOptimize(v);
            }
            auto t2 = SteadyClock::now();
            hit_ns += std::chrono::duration<double, std::nano>(t1 - t0).count() / kBatch;
            bare_ns += std::chrono::duration<double, std::nano>(t2 - t1).count() / kBatch;
        }
    });
    at.run();
    const double n = static_cast<double>(state.iterations());
    state.counters["hit_ns"] = hit_ns / n;
    state.counters["bare_ns"] = bare_ns / n;
    state.counters["ratio"] = hit_ns / bare_ns;
}
BENCHMARK(BM_CacheHitVsBareProbe)->Iterations(2000);

void BM_ReplayVsDirect(benchmark::State& state) {
    constexpr int kElements = 1000;
    std::vector<std::string> lines;
    for (int i = 0; i < kElements; ++i)
        lines.push_back("line " + std::to_string(i));
    auto f = imlit::cache_data(
        [&]() {
            for (const auto& l : lines)
                imlit::text(l);
            return 0;
        },
        {.blocking = true});
    int mode = 0; // 0: replay, 1: imlit::text directly, 2: raw ImGui
    imlit::testing::AppTest at([&] {
        if (mode == 0)
            (void)f();
        else if (mode == 1)
            for (const auto& l : lines)
                imlit::text(l);
        else
            imlit::custom([&] {
                for (const auto& l : lines)
                    ImGui::TextWrapped("%s", l.c_str());
            });
    });
    at.run(); // records
    double ns[3] = {0, 0, 0};
    for (auto _ : state) {
        for (mode = 0; mode < 3; ++mode) {
            auto t0 = SteadyClock::now();
            at.run();
            ns[mode] += std::chrono::duration<double, std::micro>(SteadyClock::now() - t0).count();
        }
    }
    const double n = static_cast<double>(state.iterations());
    state.counters["replay_us"] = ns[0] / n;
    state.counters["imlit_direct_us"] = ns[1] / n;
    state.counters["imgui_direct_us"] = ns[2] / n;
    state.counters["ratio_vs_imlit"] = ns[0] / ns[1];
    state.counters["ratio_vs_imgui"] = ns[0] / ns[2];
}
BENCHMARK(BM_ReplayVsDirect)->Iterations(200);

void BM_Overhead(benchmark::State& state) {
    for (auto _ : state) {
        imlit::detail::Recording rec(imlit::detail::Site{});
        const std::size_t empty = rec.byte_size();
        {
            imlit::testing::AppTest at([&] {
                imlit::detail::RecordScope scope(rec, {"bench", true});
                for (int i = 0; i < 1000; ++i)
                    imlit::text("line");
            });
            at.run();
        }
        state.counters["bytes_per_command"] =
            static_cast<double>(rec.byte_size() - empty) / static_cast<double>(rec.size());
        auto f = imlit::cache_data([](int x) { return x; }, {.blocking = true});
        for (int i = 0; i < 1000; ++i)
            (void)f(i);
        state.counters["bytes_per_int_entry"] =
            static_cast<double>(f.stats().bytes) / static_cast<double>(f.stats().entries);
    }
}
BENCHMARK(BM_Overhead)->Iterations(1);

} // namespace
