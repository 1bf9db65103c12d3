// imlit bench harness — hashing cases (DESIGN §7: "hashing a 64 MiB argument: bytes and doubles
// at >= 0.8x a read-only pass; keyed() O(1)"; issue 12: small arguments vs a bare XXH3).
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <emmintrin.h>

#include "cases.hpp"
#include "imlit/hash.hpp"

namespace imlit::bench {
namespace {

constexpr std::size_t k64MiB = std::size_t(64) << 20;

// The references a hash is compared with: one read of every byte (16-byte SSE2 loads into four
// independent XOR accumulators), as a plain loop leaves it to the hardware prefetcher, and with
// a software prefetch 4 KiB ahead (like the hasher's bulk paths), which keeps memory streaming
// across page boundaries and reads faster still.
template <bool Prefetch>
__attribute__((noinline)) std::uint64_t read_pass(const void* data, std::size_t bytes) {
    constexpr std::size_t kAhead = 4096 / 16; // in 16-byte vectors
    const auto* v = static_cast<const __m128i*>(data);
    __m128i a = _mm_setzero_si128(), b = a, c = a, d = a;
    const std::size_t n = bytes / 64 * 4;
    for (std::size_t i = 0; i < n; i += 4) {
        if (Prefetch && i + kAhead < n) __builtin_prefetch(v + i + kAhead);
        a = _mm_xor_si128(a, _mm_loadu_si128(v + i));
        b = _mm_xor_si128(b, _mm_loadu_si128(v + i + 1));
        c = _mm_xor_si128(c, _mm_loadu_si128(v + i + 2));
        d = _mm_xor_si128(d, _mm_loadu_si128(v + i + 3));
    }
    a = _mm_xor_si128(_mm_xor_si128(a, b), _mm_xor_si128(c, d));
    std::uint64_t out[2];
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), a);
    return out[0] ^ out[1];
}

std::vector<std::uint8_t> make_bytes(std::size_t n) {
    std::vector<std::uint8_t> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = static_cast<std::uint8_t>(i * 2654435761u >> 13);
    return v;
}

// Ordinary measurements: values with a few decimals, no -0.0, NaN or infinity.
std::vector<double> make_doubles(std::size_t n) {
    std::vector<double> v(n);
    std::uint64_t s = 88172645463325252ull;
    for (auto& x : v) {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        x = static_cast<double>(s % 2000001) / 100.0 - 10000.0;
    }
    return v;
}

// Hashing `data` vs reading it; the target applies to the plain read (the and DESIGN's
// "read-only pass"), the prefetching read is shown for information.
template <class T>
void speed_rows(Report& report, const std::string& id, const std::string& what, const T& data,
                int rounds) {
    const std::size_t bytes = data.size() * sizeof(data[0]);
    PairOptions o;
    o.rounds = rounds;
    const auto hash = [&](long n) {
        for (long i = 0; i < n; ++i)
            keep(imlit::hash_value(data));
    };
    for (bool prefetching : {false, true}) {
        const PairResult r = compare(o, hash, [&](long n) {
            for (long i = 0; i < n; ++i)
                keep(prefetching ? read_pass<true>(data.data(), bytes)
                                 : read_pass<false>(data.data(), bytes));
        });
        char detail[96];
        std::snprintf(detail, sizeof detail, "hash %.2f GB/s, read %.2f GB/s",
                      static_cast<double>(bytes) / r.a_ns, static_cast<double>(bytes) / r.b_ns);
        if (!prefetching)
            report.add(
                {id, what + " (speed)", fmt_speed(r), detail, ">= 0.8x", 1 / r.ratio >= 0.8});
        else
            report.add({id + "_vs_prefetching_read",
                        "the same vs a read that also prefetches 4 KiB ahead (speed)", fmt_speed(r),
                        detail, "", true});
    }
}

} // namespace

void run_hash_cases(Report& report, const Options& options) {
    const int rounds = options.quick ? 3 : 11;
    {
        const auto bytes = make_bytes(k64MiB);
        speed_rows(report, "hash.bytes_64mib",
                   "hash `std::vector<uint8_t>` of 64 MiB vs a read-only pass over it", bytes,
                   rounds);
    }
    {
        const auto doubles = make_doubles(k64MiB / sizeof(double));
        speed_rows(report, "hash.doubles_64mib",
                   "hash `std::vector<double>` of 64 MiB vs a read-only pass over it", doubles,
                   rounds);
        auto with_nan = doubles;
        for (std::size_t i = 0; i < with_nan.size(); i += 1000)
            with_nan[i] = std::numeric_limits<double>::quiet_NaN();
        PairOptions o;
        o.rounds = rounds;
        const PairResult r = compare(
            o,
            [&](long n) {
                for (long i = 0; i < n; ++i)
                    keep(imlit::hash_value(with_nan));
            },
            [&](long n) {
                for (long i = 0; i < n; ++i)
                    keep(imlit::hash_value(doubles));
            });
        report.add({"hash.doubles_64mib_nan",
                    "the same with a NaN every 1,000 values (canonicalised copies) vs without",
                    fmt_speed(r), fmt_time(r.a_ns) + " vs " + fmt_time(r.b_ns), "", true});
    }
    {
        // keyed(): only the version is hashed, whatever the payload's size.
        const auto small = make_bytes(1024);
        const auto big = make_bytes(k64MiB);
        PairOptions o;
        o.rounds = rounds;
        o.iters = 200000;
        o.slices = 20;
        std::uint64_t version = 0;
        const PairResult r = compare(
            o,
            [&](long n) {
                for (long i = 0; i < n; ++i)
                    keep(imlit::hash_args(imlit::keyed(big, ++version)));
            },
            [&](long n) {
                for (long i = 0; i < n; ++i)
                    keep(imlit::hash_args(imlit::keyed(small, ++version)));
            });
        report.add({"hash.keyed_o1", "`hash_args(keyed(x, version))`: x of 64 MiB vs x of 1 KiB",
                    fmt_ratio(r), fmt_time(r.a_ns) + " vs " + fmt_time(r.b_ns), "O(1): <= 1.2x",
                    r.ratio <= 1.2});
    }
    {
        // Small arguments: the encoding (tags, lengths, the Hasher) over a bare XXH3 of the
        // arguments' own bytes (an int's 4 and the string's 5).
        const std::string name = "hello";
        PairOptions o;
        o.rounds = rounds * 2 + 1;
        o.iters = 200000;
        o.slices = 20;
        const auto hash_args = [&](long n) {
            for (long i = 0; i < n; ++i) {
                int x = static_cast<int>(i);
                keep(x);
                keep(imlit::hash_args(x, name));
            }
        };
        const PairResult r = compare(o, hash_args, [&](long n) {
            for (long i = 0; i < n; ++i) {
                int x = static_cast<int>(i);
                keep(x);
                unsigned char raw[4 + 5];
                std::memcpy(raw, &x, 4);
                std::memcpy(raw + 4, name.data(), 5);
                keep(XXH3_128bits(raw, sizeof raw));
            }
        });
        report.add({"hash.small_args",
                    "`hash_args(int, std::string(\"hello\"))` vs a bare `XXH3_128bits` of the "
                    "9 raw bytes",
                    fmt_ratio(r), fmt_time(r.a_ns) + " vs " + fmt_time(r.b_ns), "", true});
        // The same split in two: the Hasher against XXH3 one-shot over the very bytes it hashes
        // (the encoding: 33 bytes of tags, lengths and values; its size is fixed by the pinned
        // digests, and past 16 bytes XXH3 takes its longer path).
        const PairResult e = compare(o, hash_args, [&](long n) {
            for (long i = 0; i < n; ++i) {
                int x = static_cast<int>(i);
                keep(x);
                unsigned char enc[64];
                std::size_t len = 0;
                const auto put = [&](const void* p, std::size_t k) {
                    std::memcpy(enc + len, p, k);
                    len += k;
                };
                const auto tag = [&](imlit::HashTag t) {
                    const auto b = static_cast<unsigned char>(t);
                    put(&b, 1);
                };
                const std::uint64_t arity = 2, size = name.size();
                const auto value = static_cast<std::int64_t>(x);
                const unsigned char code_unit = 1;
                tag(imlit::HashTag::args);
                put(&arity, 8);
                tag(imlit::HashTag::sint);
                put(&value, 8);
                tag(imlit::HashTag::string);
                put(&code_unit, 1);
                put(&size, 8);
                put(name.data(), name.size());
                keep(XXH3_128bits(enc, len));
            }
        });
        report.add({"hash.small_args_encoding",
                    "the same `hash_args` vs `XXH3_128bits` one-shot over its own 33-byte encoding "
                    "(the Hasher's cost alone)",
                    fmt_ratio(e), fmt_time(e.a_ns) + " vs " + fmt_time(e.b_ns), "", true});
    }
}

} // namespace imlit::bench
