// Benchmarks for the cache-key hasher (DESIGN §7):
//   - hashing a 64 MiB argument: at least half of memcpy bandwidth (ratio counter, one run);
//   - keyed() is O(1): the same cost for a 1 KiB and a 64 MiB payload;
//   - small arguments (an int and a short string) vs a bare XXH3-128 of the same bytes.
//
// Index
//   [SECTION] Helpers
//   [SECTION] 64 MiB: hash vs memcpy
//   [SECTION] keyed() is O(1)
//   [SECTION] Small arguments vs bare XXH3
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstring>
#include <numeric>
#include <string>
#include <vector>

#include "imlit/hash.hpp"

namespace {

// [SECTION] Helpers -------------------------------------------------------------------------------
constexpr std::size_t k64MiB = std::size_t(64) << 20;
using BenchClock = std::chrono::steady_clock;

double seconds_since(BenchClock::time_point t0) {
    return std::chrono::duration<double>(BenchClock::now() - t0).count();
}

// Filled (so every page is faulted in before timing) with non-trivial bytes.
std::vector<std::uint8_t> make_bytes(std::size_t n) {
    std::vector<std::uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = static_cast<std::uint8_t>(i * 2654435761u >> 13);
    return v;
}

// [SECTION] 64 MiB: hash vs memcpy ---------------------------------------------------------------

// Hashing a 64 MiB vector<uint8_t> through hash_value (tag + length + one bulk update).
void BM_Hash64MiB(benchmark::State& state) {
    const auto data = make_bytes(k64MiB);
    for (auto _ : state)
        benchmark::DoNotOptimize(imlit::hash_value(data));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * k64MiB));
}
BENCHMARK(BM_Hash64MiB)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same for vector<float> (checked chunk by chunk for -0.0/NaN before the bulk update).
void BM_Hash64MiBFloats(benchmark::State& state) {
    std::vector<float> data(k64MiB / sizeof(float));
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<float>(i % 1000) * 0.5f;
    for (auto _ : state)
        benchmark::DoNotOptimize(imlit::hash_value(data));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * k64MiB));
}
BENCHMARK(BM_Hash64MiBFloats)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Memcpy64MiB(benchmark::State& state) {
    const auto src = make_bytes(k64MiB);
    std::vector<std::uint8_t> dst(k64MiB, 1);
    for (auto _ : state) {
        std::memcpy(dst.data(), src.data(), k64MiB);
        benchmark::ClobberMemory();
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * k64MiB));
}
BENCHMARK(BM_Memcpy64MiB)->Unit(benchmark::kMillisecond)->UseRealTime();

// Both in one benchmark, interleaved, so the ratio compares like with like on a shared machine.
// Counters: hash_GBps, memcpy_GBps (bytes of the buffer per second) and
// hash_over_memcpy = hash bandwidth / memcpy bandwidth (DESIGN §7 target: >= 0.5).
void BM_Hash64MiB_vs_Memcpy(benchmark::State& state) {
    const auto src = make_bytes(k64MiB);
    std::vector<std::uint8_t> dst(k64MiB, 1);
    double t_hash = 0, t_copy = 0;
    for (auto _ : state) {
        auto t0 = BenchClock::now();
        std::memcpy(dst.data(), src.data(), k64MiB);
        benchmark::ClobberMemory();
        t_copy += seconds_since(t0);
        t0 = BenchClock::now();
        benchmark::DoNotOptimize(imlit::hash_value(src));
        t_hash += seconds_since(t0);
    }
    const double bytes = static_cast<double>(state.iterations()) * k64MiB;
    state.counters["hash_GBps"] = bytes / t_hash / 1e9;
    state.counters["memcpy_GBps"] = bytes / t_copy / 1e9;
    state.counters["hash_over_memcpy"] = t_copy / t_hash;
}
BENCHMARK(BM_Hash64MiB_vs_Memcpy)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

// [SECTION] keyed() is O(1) -----------------------------------------------------------------------

// hash_args(keyed(payload, version)) for a 1 KiB and a 64 MiB payload: the times must match.
void BM_KeyedArgs(benchmark::State& state) {
    const auto payload = make_bytes(static_cast<std::size_t>(state.range(0)));
    std::uint64_t version = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(imlit::hash_args(imlit::keyed(payload, version)));
        ++version;
    }
    state.counters["payload_MiB"] = static_cast<double>(payload.size()) / (1 << 20);
}
BENCHMARK(BM_KeyedArgs)->Arg(1 << 10)->Arg(static_cast<std::int64_t>(k64MiB));

// The same payload hashed in full, for contrast (what keyed() avoids every frame).
void BM_FullArgs64MiB(benchmark::State& state) {
    const auto payload = make_bytes(k64MiB);
    for (auto _ : state)
        benchmark::DoNotOptimize(imlit::hash_args(payload));
}
BENCHMARK(BM_FullArgs64MiB)->Unit(benchmark::kMillisecond)->UseRealTime();

// [SECTION] Small arguments vs bare XXH3 --------------------------------------------------------

// Interleaved in one benchmark: hash_args(int, short string) vs XXH3_128bits over the same 4 + 5
// raw bytes (no tags, no lengths). Counters: ns per call of each and args_over_bare (the cost of
// the encoding: tags, length prefixes, the type dispatch).
void BM_SmallArgs_vs_BareXXH3(benchmark::State& state) {
    const std::string name = "hello";
    constexpr int kInner = 4096;
    double t_args = 0, t_bare = 0;
    int n = 0;
    for (auto _ : state) {
        auto t0 = BenchClock::now();
        for (int i = 0; i < kInner; ++i) {
            int x = n + i;
            benchmark::DoNotOptimize(x);
            benchmark::DoNotOptimize(imlit::hash_args(x, name));
        }
        t_args += seconds_since(t0);
        t0 = BenchClock::now();
        for (int i = 0; i < kInner; ++i) {
            int x = n + i;
            benchmark::DoNotOptimize(x);
            unsigned char bytes[4 + 5];
            std::memcpy(bytes, &x, 4);
            std::memcpy(bytes + 4, name.data(), 5);
            benchmark::DoNotOptimize(XXH3_128bits(bytes, sizeof bytes));
        }
        t_bare += seconds_since(t0);
        n += kInner;
    }
    const double calls = static_cast<double>(state.iterations()) * kInner;
    state.counters["args_ns"] = t_args / calls * 1e9;
    state.counters["bare_ns"] = t_bare / calls * 1e9;
    state.counters["args_over_bare"] = t_args / t_bare;
}
BENCHMARK(BM_SmallArgs_vs_BareXXH3)->UseRealTime();

void BM_SmallArgs(benchmark::State& state) {
    const std::string name = "hello";
    int x = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(x);
        benchmark::DoNotOptimize(imlit::hash_args(x, name));
        ++x;
    }
}
BENCHMARK(BM_SmallArgs);

void BM_BareXXH3Small(benchmark::State& state) {
    const std::string name = "hello";
    int x = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(x);
        unsigned char bytes[4 + 5];
        std::memcpy(bytes, &x, 4);
        std::memcpy(bytes + 4, name.data(), 5);
        benchmark::DoNotOptimize(XXH3_128bits(bytes, sizeof bytes));
        ++x;
    }
}
BENCHMARK(BM_BareXXH3Small);

} // namespace
