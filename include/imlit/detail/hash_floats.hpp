// imlit internal — canonical bits of float/double values for hashing (used by hash.hpp).
//
// Equal values must hash equal, so -0.0 is hashed as +0.0 and every NaN as the one quiet NaN
// (DESIGN R1). Scalars use canonical_float_bits(); arrays are scanned with SSE2 (the baseline of
// x86-64; AVX2 where the CPU has it, may_need_canonical_fast) in chunks: a chunk with nothing to
// canonicalise (the usual case) is hashed in place, a chunk with something is canonicalised into a
// buffer first. Everything here works on the bit patterns with integer operations, so the result
// does not depend on the floating-point environment (denormals-are-zero, -ffast-math's no-NaN
// assumption).
//
// Index
//   [SECTION] Scalar reference
//   [SECTION] Array scan: may_need_canonical
//   [SECTION] Array copy: canonicalize
#pragma once
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#if defined(__SSE2__)
#include <emmintrin.h>
#define IMLIT_HASH_SSE2 1
#else
#define IMLIT_HASH_SSE2 0
#endif

namespace imlit::detail {

// [SECTION] Scalar reference ----------------------------------------------------------------

template <class F>
using float_bits_t = std::conditional_t<sizeof(F) == 4, std::uint32_t, std::uint64_t>;

template <class F>
struct FloatBits {
    static_assert(std::numeric_limits<F>::is_iec559, "imlit: IEEE-754 floats required");
    using U = float_bits_t<F>;
    static constexpr U sign = U(1) << (sizeof(U) * 8 - 1);
    static constexpr U inf = std::bit_cast<U>(std::numeric_limits<F>::infinity());
    static constexpr U qnan = std::bit_cast<U>(std::numeric_limits<F>::quiet_NaN());
};

// The canonical bit pattern of a float/double given by its bits: -0.0 becomes +0.0, every NaN
// (either sign, any payload, quiet or signalling) becomes the quiet NaN, the rest is unchanged.
template <class F>
constexpr float_bits_t<F> canonical_float_bits(float_bits_t<F> b) noexcept {
    using B = FloatBits<F>;
    if (b == B::sign) return 0;
    if ((b & ~B::sign) > B::inf) return B::qnan;
    return b;
}

template <class F>
float_bits_t<F> canonical_bits(F x) noexcept {
    return canonical_float_bits<F>(std::bit_cast<float_bits_t<F>>(x));
}

// [SECTION] Array scan: may_need_canonical ----------------------------------------------------

// The scan's per-element test. Exact for floats. For doubles it looks at the high 32 bits only
// (half the work): it is true for -0.0 and every NaN, and also for +-infinity, the canonical
// NaN and the negative denormals whose high word is 0x80000000; those take the copy path,
// which leaves them unchanged. So it may be true when nothing changes, never false when
// something does.
template <class F>
constexpr bool may_need_canonical_bits(float_bits_t<F> b) noexcept {
    using B = FloatBits<F>;
    if constexpr (sizeof(F) == 4) {
        return b == B::sign || ((b & ~B::sign) > B::inf && b != B::qnan);
    } else {
        const auto hi = static_cast<std::uint32_t>(b >> 32);
        return hi == 0x80000000u || (hi & 0x7FFFFFFFu) >= 0x7FF00000u;
    }
}

inline constexpr std::size_t kCacheLine = 64;

// True when some element of p[0, n) may need canonicalising (see may_need_canonical_bits).
// While it scans, it prefetches the cache lines `ahead` bytes further on, one per line scanned:
// the caller hashes a chunk right after scanning it, and the prefetches keep memory busy during
// that hashing (otherwise the next scan would wait for every line). `ahead` must stay inside the
// caller's array (0 when there is nothing further on).
template <class F>
bool may_need_canonical(const F* p, std::size_t n, std::size_t ahead) noexcept {
    std::size_t i = 0;
    bool found = false;
#if IMLIT_HASH_SSE2
    constexpr std::size_t kPerLine = kCacheLine / sizeof(F);
    const char* const bytes = reinterpret_cast<const char*>(p);
    __m128i acc = _mm_setzero_si128();
    if constexpr (sizeof(F) == 4) {
        const __m128i sign = _mm_set1_epi32(static_cast<int>(FloatBits<F>::sign));
        const __m128i abs_mask = _mm_set1_epi32(static_cast<int>(~FloatBits<F>::sign));
        const __m128i inf = _mm_set1_epi32(static_cast<int>(FloatBits<F>::inf));
        const __m128i qnan = _mm_set1_epi32(static_cast<int>(FloatBits<F>::qnan));
        for (; i + kPerLine <= n; i += kPerLine) {
            __builtin_prefetch(bytes + i * sizeof(F) + ahead);
            for (std::size_t k = 0; k < kPerLine; k += 4) {
                const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + k));
                // abs > inf (signed compare is fine: both sides are non-negative as int32)
                const __m128i nan = _mm_cmpgt_epi32(_mm_and_si128(b, abs_mask), inf);
                const __m128i odd_nan = _mm_andnot_si128(_mm_cmpeq_epi32(b, qnan), nan);
                acc = _mm_or_si128(acc, _mm_or_si128(odd_nan, _mm_cmpeq_epi32(b, sign)));
            }
        }
    } else {
        const __m128i neg_zero_hi = _mm_set1_epi32(static_cast<int>(0x80000000u));
        const __m128i abs_mask = _mm_set1_epi32(0x7FFFFFFF);
        const __m128i below_inf = _mm_set1_epi32(0x7FEFFFFF);
        for (; i + kPerLine <= n; i += kPerLine) {
            __builtin_prefetch(bytes + i * sizeof(F) + ahead);
            for (std::size_t k = 0; k < kPerLine; k += 4) {
                const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + k));
                const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + k + 2));
                // The high words of four doubles in one register.
                const __m128i hi = _mm_castps_si128(_mm_shuffle_ps(
                    _mm_castsi128_ps(a), _mm_castsi128_ps(b), _MM_SHUFFLE(3, 1, 3, 1)));
                const __m128i inf_nan = _mm_cmpgt_epi32(_mm_and_si128(hi, abs_mask), below_inf);
                acc = _mm_or_si128(acc, _mm_or_si128(inf_nan, _mm_cmpeq_epi32(hi, neg_zero_hi)));
            }
        }
    }
    found = _mm_movemask_epi8(acc) != 0;
#else
    (void)ahead;
#endif
    for (; i < n; ++i) {
        float_bits_t<F> b;
        std::memcpy(&b, p + i, sizeof b);
        found |= may_need_canonical_bits<F>(b);
    }
    return found;
}

// may_need_canonical on the widest vector unit this CPU has (AVX2 when present, chosen at run
// time; else the SSE2 scan above). The same verdicts. src/hash/float_scan.cpp.
bool may_need_canonical_fast(const double* p, std::size_t n, std::size_t ahead) noexcept;
bool may_need_canonical_fast(const float* p, std::size_t n, std::size_t ahead) noexcept;

// [SECTION] Array copy: canonicalize -------------------------------------------------------

// out[i] = canonical_float_bits(bits of p[i]) for i in [0, n).
template <class F>
void canonicalize(const F* p, std::size_t n, float_bits_t<F>* out) noexcept {
    using B = FloatBits<F>;
    std::size_t i = 0;
#if IMLIT_HASH_SSE2
    constexpr std::size_t kPerVector = 16 / sizeof(F);
    if constexpr (sizeof(F) == 4) {
        const __m128i sign = _mm_set1_epi32(static_cast<int>(B::sign));
        const __m128i abs_mask = _mm_set1_epi32(static_cast<int>(~B::sign));
        const __m128i inf = _mm_set1_epi32(static_cast<int>(B::inf));
        const __m128i qnan = _mm_set1_epi32(static_cast<int>(B::qnan));
        for (; i + kPerVector <= n; i += kPerVector) {
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            const __m128i nan = _mm_cmpgt_epi32(_mm_and_si128(b, abs_mask), inf);
            const __m128i neg_zero = _mm_cmpeq_epi32(b, sign);
            // nan -> qnan, -0.0 -> 0, else b
            const __m128i kept = _mm_andnot_si128(_mm_or_si128(nan, neg_zero), b);
            const __m128i r = _mm_or_si128(kept, _mm_and_si128(nan, qnan));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), r);
        }
    } else {
        // SSE2 has no 64-bit compares: build them from 32-bit ones. In each 64-bit lane the high
        // dword (index 1, 3) carries the verdict, then is copied to the low dword.
        const __m128i abs_mask = _mm_set1_epi64x(static_cast<long long>(~B::sign));
        const __m128i inf = _mm_set1_epi64x(static_cast<long long>(B::inf));
        const __m128i neg_zero_bits = _mm_set1_epi64x(static_cast<long long>(B::sign));
        const __m128i qnan = _mm_set1_epi64x(static_cast<long long>(B::qnan));
        for (; i + kPerVector <= n; i += kPerVector) {
            const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            const __m128i abs = _mm_and_si128(b, abs_mask);
            // NaN: abs > inf, i.e. high(abs) > 0x7FF00000, or high(abs) == 0x7FF00000 and
            // low(abs) != 0 (inf's low word is 0). Signed 32-bit compares are fine: abs >= 0.
            const __m128i gt = _mm_cmpgt_epi32(abs, inf);
            const __m128i eq = _mm_cmpeq_epi32(abs, inf);
            const __m128i low_zero_up = _mm_slli_epi64(eq, 32); // low word's "== 0" moved up
            const __m128i nan_hi = _mm_or_si128(gt, _mm_andnot_si128(low_zero_up, eq));
            const __m128i nan = _mm_shuffle_epi32(nan_hi, _MM_SHUFFLE(3, 3, 1, 1));
            // -0.0: both words equal.
            const __m128i eqz = _mm_cmpeq_epi32(b, neg_zero_bits);
            const __m128i neg_zero =
                _mm_and_si128(eqz, _mm_shuffle_epi32(eqz, _MM_SHUFFLE(2, 3, 0, 1)));
            const __m128i kept = _mm_andnot_si128(_mm_or_si128(nan, neg_zero), b);
            const __m128i r = _mm_or_si128(kept, _mm_and_si128(nan, qnan));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), r);
        }
    }
#endif
    for (; i < n; ++i) {
        float_bits_t<F> b;
        std::memcpy(&b, p + i, sizeof b);
        out[i] = canonical_float_bits<F>(b);
    }
}

} // namespace imlit::detail
