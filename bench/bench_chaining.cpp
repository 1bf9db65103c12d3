// Chaining and clearing benchmarks (issue 7, DESIGN R14 and §7):
//   BM_ChainedHitVsIntHit   a hit of a cached function whose argument is a Cached<T> holding a
//                           1,000,000-row vector, against a hit of one whose argument is an
//                           int: the Cached<T> hashes as its entry's identity, so the ratio
//                           `ratio` = chained / int must stay within 2.
//   BM_HitVsBareProbeCpu    a hit with a small argument against a bare XXH3 + map probe.
//   BM_Clear100kEntries     clear() of a function holding 100,000 entries, on the calling
//                           thread (the entries are freed on a worker): `clear_ms` (target 5).
// Times are thread CPU time; rounds alternate A, B, A, B... and the medians are compared.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <memory>
#include <unordered_map>
#include <vector>

#include "imlit/cache.hpp"
#include "imlit/testing.hpp"

namespace {

double thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void BM_ChainedHitVsIntHit(benchmark::State& state) {
    constexpr int kRows = 1'000'000;
    constexpr int kRounds = 21;
    constexpr int kBatch = 20'000;
    auto load = imlit::cache_data([](int n) { return std::vector<double>(std::size_t(n), 1.0); },
                                  {.blocking = true});
    auto by_rows = imlit::cache_data(
        [](const std::vector<double>& rows, int k) { return rows.size() + std::size_t(k); },
        {.blocking = true});
    auto by_int = imlit::cache_data([](int n, int k) { return std::size_t(n) + std::size_t(k); },
                                    {.blocking = true});
    std::vector<double> chained_ns, int_ns;
    imlit::testing::AppTest at([&] {
        auto rows = load(kRows);
        (void)by_rows(rows, 1); // warm both
        (void)by_int(kRows, 1);
        for (auto _ : state) {
            for (int r = 0; r < kRounds; ++r) {
                const double t0 = thread_cpu_ns();
                for (int i = 0; i < kBatch; ++i)
                    benchmark::DoNotOptimize(by_rows(rows, 1));
                const double t1 = thread_cpu_ns();
                for (int i = 0; i < kBatch; ++i)
                    benchmark::DoNotOptimize(by_int(kRows, 1));
                const double t2 = thread_cpu_ns();
                chained_ns.push_back((t1 - t0) / kBatch);
                int_ns.push_back((t2 - t1) / kBatch);
            }
        }
    });
    at.run();
    const double chained = median(chained_ns), plain = median(int_ns);
    state.counters["chained_ns"] = chained;
    state.counters["int_ns"] = plain;
    state.counters["ratio"] = chained / plain;
}
BENCHMARK(BM_ChainedHitVsIntHit)->Iterations(1)->Unit(benchmark::kMillisecond);

// The hit path itself: a hit with a small argument and no widgets against a bare XXH3
// (hash_args) + std::unordered_map probe handing out the same shared_ptr, alternating rounds
// of thread CPU time (bench_cache.cpp's BM_CacheHitVsBareProbe measures wall time).
void BM_HitVsBareProbeCpu(benchmark::State& state) {
    constexpr int kKeys = 64;
    constexpr int kRounds = 21;
    constexpr int kBatch = 20'000;
    struct Hash128Hasher {
        std::size_t operator()(const imlit::Hash128& h) const noexcept {
            return static_cast<std::size_t>(h.lo ^ (h.hi * 0x9E3779B97F4A7C15ull));
        }
    };
    auto f = imlit::cache_data([](int x) { return x * 2; }, {.blocking = true});
    std::unordered_map<imlit::Hash128, std::shared_ptr<const int>, Hash128Hasher> bare;
    for (int i = 0; i < kKeys; ++i)
        bare.emplace(imlit::hash_args(i), std::make_shared<const int>(i));
    std::vector<double> hit_ns, bare_ns;
    imlit::testing::AppTest at([&] {
        for (int i = 0; i < kKeys; ++i)
            (void)f(i); // warm
        for (auto _ : state) {
            for (int r = 0; r < kRounds; ++r) {
                const double t0 = thread_cpu_ns();
                for (int i = 0; i < kBatch; ++i)
                    benchmark::DoNotOptimize(f(i & (kKeys - 1)));
                const double t1 = thread_cpu_ns();
                for (int i = 0; i < kBatch; ++i) {
                    auto it = bare.find(imlit::hash_args(i & (kKeys - 1)));
                    std::shared_ptr<const int> v = it->second;
                    benchmark::DoNotOptimize(v);
                }
                const double t2 = thread_cpu_ns();
                hit_ns.push_back((t1 - t0) / kBatch);
                bare_ns.push_back((t2 - t1) / kBatch);
            }
        }
    });
    at.run();
    state.counters["hit_ns"] = median(hit_ns);
    state.counters["bare_ns"] = median(bare_ns);
    state.counters["ratio"] = median(hit_ns) / median(bare_ns);
}
BENCHMARK(BM_HitVsBareProbeCpu)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_Clear100kEntries(benchmark::State& state) {
    constexpr int kEntries = 100'000;
    constexpr int kRounds = 3;
    auto f = imlit::cache_data([](int i) { return i; }, {.blocking = true});
    std::vector<double> clear_ms, wall_ms;
    for (auto _ : state) {
        for (int r = 0; r < kRounds; ++r) {
            state.PauseTiming();
            for (int i = 0; i < kEntries; ++i)
                (void)f(i); // a plain thread: loads run inline
            state.ResumeTiming();
            const auto w0 = std::chrono::steady_clock::now();
            const double t0 = thread_cpu_ns();
            f.clear();
            clear_ms.push_back((thread_cpu_ns() - t0) / 1e6);
            wall_ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - w0)
                    .count());
        }
    }
    state.counters["clear_ms"] = median(clear_ms);     // thread CPU time of the calling thread
    state.counters["clear_wall_ms"] = median(wall_ms); // wall time (noisy on a shared machine)
}
BENCHMARK(BM_Clear100kEntries)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace
