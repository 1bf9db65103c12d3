// The hasher's fast paths against scalar references, on random data: the SSE2 float/double
// scan and canonicalisation (detail/hash_floats.hpp), whole-array digests against a digest
// built by hand from the documented encoding, and every XXH3 vector variant of the bulk update
// (detail/xxh3_wide.hpp) against xxHash's own one-shot XXH3.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "imlit/hash.hpp"

namespace {

using imlit::Hash128;
using imlit::detail::float_bits_t;

// Bit patterns that exercise every branch: signed zeros, NaNs of both signs with several
// payloads (quiet and signalling, including the canonical one and x86's default NaN),
// infinities, denormals (the negative ones whose high word equals -0.0's) and the edges around
// them.
template <class F>
std::vector<float_bits_t<F>> special_bits() {
    if constexpr (sizeof(F) == 8) {
        return {0x8000000000000000ull, 0x0000000000000000ull, 0x7FF8000000000000ull,
                0xFFF8000000000000ull, 0x7FF0000000000001ull, 0xFFF0000000000001ull,
                0x7FF4000000000000ull, 0x7FF8000000000001ull, 0xFFF8000000000123ull,
                0x7FFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFFFull, 0x7FF0000100000000ull,
                0x7FF0000000000000ull, 0xFFF0000000000000ull, 0x7FEFFFFFFFFFFFFFull,
                0x0000000000000001ull, 0x8000000000000001ull, 0x80000000FFFFFFFFull,
                0x800FFFFFFFFFFFFFull, 0x000FFFFFFFFFFFFFull, 0x8000000100000000ull,
                0x3FF0000000000000ull, 0xBFF0000000000000ull};
    } else {
        return {0x80000000u, 0x00000000u, 0x7FC00000u, 0xFFC00000u, 0x7F800001u,
                0xFF800001u, 0x7FA00000u, 0x7FC00001u, 0xFFC00123u, 0x7FFFFFFFu,
                0xFFFFFFFFu, 0x7F800000u, 0xFF800000u, 0x7F7FFFFFu, 0x00000001u,
                0x80000001u, 0x807FFFFFu, 0x007FFFFFu, 0x3F800000u, 0xBF800000u};
    }
}

// n values: ordinary numbers, and with probability `special_rate` one of special_bits().
template <class F>
std::vector<F> random_floats(std::mt19937_64& rng, std::size_t n, double special_rate) {
    const auto specials = special_bits<F>();
    std::uniform_real_distribution<double> value(-1e6, 1e6);
    std::uniform_real_distribution<double> coin(0, 1);
    std::vector<F> v(n);
    for (auto& x : v) {
        if (coin(rng) < special_rate)
            x = std::bit_cast<F>(specials[rng() % specials.size()]);
        else
            x = static_cast<F>(value(rng));
    }
    return v;
}

// The scalar reference: the documented encoding of a contiguous float array (tag, family 4,
// sizeof, count, canonical bits) built byte by byte and hashed one-shot.
template <class F>
std::vector<unsigned char> reference_encoding(std::span<const F> v) {
    std::vector<unsigned char> e{static_cast<unsigned char>(imlit::HashTag::array), 4,
                                 static_cast<unsigned char>(sizeof(F))};
    const std::uint64_t n = v.size();
    e.insert(e.end(), reinterpret_cast<const unsigned char*>(&n),
             reinterpret_cast<const unsigned char*>(&n) + 8);
    for (F x : v) {
        float_bits_t<F> b = std::bit_cast<float_bits_t<F>>(x);
        if (b == float_bits_t<F>(1) << (sizeof(F) * 8 - 1)) {
            b = 0; // -0.0
        } else if (x != x) {
            b = std::bit_cast<float_bits_t<F>>(std::numeric_limits<F>::quiet_NaN());
        }
        e.insert(e.end(), reinterpret_cast<const unsigned char*>(&b),
                 reinterpret_cast<const unsigned char*>(&b) + sizeof b);
    }
    return e;
}

Hash128 xxh3(const std::vector<unsigned char>& bytes) {
    const XXH128_hash_t r = XXH3_128bits(bytes.data(), bytes.size());
    return {r.low64, r.high64};
}

template <class F>
void check_canonicalize_and_scan(std::mt19937_64& rng) {
    using U = float_bits_t<F>;
    // Every length up to a few vectors, every start offset (alignment) within a vector.
    for (std::size_t n = 0; n <= 70; ++n) {
        for (std::size_t offset = 0; offset < 4; ++offset) {
            const auto all = random_floats<F>(rng, n + offset, 0.3);
            const F* p = all.data() + offset;
            std::vector<U> out(n + 1, U(0xA5));
            imlit::detail::canonicalize(p, n, out.data());
            bool any_change = false;
            for (std::size_t i = 0; i < n; ++i) {
                const U b = std::bit_cast<U>(p[i]);
                const U want = imlit::detail::canonical_float_bits<F>(b);
                INFO("n=" << n << " offset=" << offset << " i=" << i << " bits=" << std::hex << b);
                REQUIRE(out[i] == want);
                any_change |= want != b;
            }
            CHECK(out[n] == U(0xA5)); // nothing written past the end
            // The scan may be true without a change, never false with one.
            if (any_change) CHECK(imlit::detail::may_need_canonical(p, n, 0));
            if (any_change) CHECK(imlit::detail::may_need_canonical_fast(p, n, 0));
        }
    }
    // One special at every position of a two-chunk array, alone among ordinary values.
    for (U special : special_bits<F>()) {
        std::vector<F> v = random_floats<F>(rng, 130, 0);
        REQUIRE_FALSE(imlit::detail::may_need_canonical(v.data(), v.size(), 0));
        REQUIRE_FALSE(imlit::detail::may_need_canonical_fast(v.data(), v.size(), 0));
        const bool changes = imlit::detail::canonical_float_bits<F>(special) != special;
        for (std::size_t i = 0; i < v.size(); ++i) {
            const F keep = v[i];
            v[i] = std::bit_cast<F>(special);
            INFO("special=" << std::hex << special << std::dec << " at " << i);
            if (changes) REQUIRE(imlit::detail::may_need_canonical(v.data(), v.size(), 0));
            if (changes) REQUIRE(imlit::detail::may_need_canonical_fast(v.data(), v.size(), 0));
            v[i] = keep;
        }
    }
}

template <class F>
void check_array_digests(std::mt19937_64& rng) {
    constexpr std::size_t kChunk = 2048 / sizeof(F); // put_float_array's chunk
    std::vector<std::size_t> sizes;
    for (std::size_t n = 0; n <= 300; ++n)
        sizes.push_back(n); // every tail length of the vector loops, inline and streamed
    for (std::size_t k : {1u, 2u, 3u, 5u})
        for (std::size_t d = 0; d < 9; ++d)
            sizes.push_back(k * kChunk + d - 4); // around chunk boundaries
    sizes.push_back(50 * kChunk + 17);           // far enough for the prefetching scan
    for (double rate : {0.0, 0.001, 0.2}) {
        for (std::size_t n : sizes) {
            const auto v = random_floats<F>(rng, n + 1, rate);
            const std::span<const F> s = std::span(v).subspan(1); // 1 element off alignment
            INFO("n=" << n << " special rate=" << rate);
            REQUIRE(imlit::hash_value(s) == xxh3(reference_encoding(s)));
            // The same array at an odd stream offset (after a 1-byte-long string's encoding).
            std::vector<unsigned char> e{static_cast<unsigned char>(imlit::HashTag::args),
                                         2,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         static_cast<unsigned char>(imlit::HashTag::string),
                                         1,
                                         1,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         0,
                                         'x'};
            const auto arr = reference_encoding(s);
            e.insert(e.end(), arr.begin(), arr.end());
            REQUIRE(imlit::hash_args(std::string("x"), s) == xxh3(e));
        }
    }
}

} // namespace

TEST_CASE("hash fast path: SSE2 canonicalisation and scan (and the AVX2 scan) match the scalar "
          "reference",
          "[hash]") {
    std::mt19937_64 rng(12);
    check_canonicalize_and_scan<double>(rng);
    check_canonicalize_and_scan<float>(rng);
}

TEST_CASE("hash fast path: the scan lets ordinary data through (the no-copy path)", "[hash]") {
    std::mt19937_64 rng(13);
    const auto d = random_floats<double>(rng, 1000, 0);
    const auto f = random_floats<float>(rng, 1000, 0);
    CHECK_FALSE(imlit::detail::may_need_canonical(d.data(), d.size(), 0));
    CHECK_FALSE(imlit::detail::may_need_canonical(f.data(), f.size(), 0));
    // Canonical NaNs need no copy for floats (the scan is exact there).
    std::vector<float> with_nan(f);
    with_nan[500] = std::numeric_limits<float>::quiet_NaN();
    CHECK_FALSE(imlit::detail::may_need_canonical(with_nan.data(), with_nan.size(), 0));
    // The same through the dispatched scan (AVX2 on a CPU that has it).
    CHECK_FALSE(imlit::detail::may_need_canonical_fast(d.data(), d.size(), 0));
    CHECK_FALSE(imlit::detail::may_need_canonical_fast(f.data(), f.size(), 0));
    CHECK_FALSE(imlit::detail::may_need_canonical_fast(with_nan.data(), with_nan.size(), 0));
}

TEST_CASE("hash fast path: float and double arrays hash like their scalar reference encoding",
          "[hash]") {
    std::mt19937_64 rng(14);
    check_array_digests<double>(rng);
    check_array_digests<float>(rng);
}

TEST_CASE("hash fast path: every XXH3 vector variant gives xxHash's own digest", "[hash]") {
    using imlit::detail::Xxh3Variant;
    std::mt19937_64 rng(15);
    std::vector<unsigned char> data(300000);
    for (auto& b : data)
        b = static_cast<unsigned char>(rng());
    int ran = 0;
    for (Xxh3Variant v :
         {Xxh3Variant::avx512, Xxh3Variant::avx2, Xxh3Variant::sse2, Xxh3Variant::portable}) {
        for (std::size_t n :
             {0u, 1u, 63u, 64u, 255u, 256u, 257u, 1023u, 1024u, 1025u, 4096u, 65537u, 300000u}) {
            for (std::size_t split : {std::size_t{0}, std::size_t{1}, n / 3, n}) {
                for (bool cached : {false, true}) {
                    if (split > n) continue;
                    // The state may already hold buffered bytes when the wide update starts.
                    XXH3_state_t state;
                    XXH3_128bits_reset(&state);
                    XXH3_128bits_update(&state, data.data(), split);
                    if (!imlit::detail::xxh3_update_with(v, cached, &state, data.data() + split,
                                                         n - split))
                        break;
                    const XXH128_hash_t got = XXH3_128bits_digest(&state);
                    const XXH128_hash_t want = XXH3_128bits(data.data(), n);
                    INFO(imlit::detail::xxh3_variant_name(v)
                         << " n=" << n << " split=" << split << " cached=" << cached);
                    REQUIRE(got.low64 == want.low64);
                    REQUIRE(got.high64 == want.high64);
                    ++ran;
                }
            }
        }
    }
    CHECK(ran > 0);
    // The variant the hasher uses is one this machine runs.
    XXH3_state_t state;
    XXH3_128bits_reset(&state);
    CHECK(
        imlit::detail::xxh3_update_with(imlit::detail::xxh3_wide_variant(), false, &state, "x", 1));
}
