// imlit — the float/double array scan on the widest vector unit available (see
// detail/hash_floats.hpp, may_need_canonical_fast). The header's SSE2 scan is the baseline of
// x86-64; on a CPU with AVX2 the same test runs on 256-bit registers: half the instructions per
// cache line, which is most of what hashing a double array costs on top of hashing its bytes.
#include <cstddef>
#include <cstdint>

#include "imlit/detail/hash_floats.hpp"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define IMLIT_SCAN_AVX2 1
#include <immintrin.h>
#else
#define IMLIT_SCAN_AVX2 0
#endif

namespace imlit::detail {
namespace {

#if IMLIT_SCAN_AVX2
// The same verdicts as may_need_canonical (hash_floats.hpp): exact for floats, the high word
// only for doubles.
template <class F>
[[gnu::target("avx2")]] bool scan_avx2(const F* p, std::size_t n, std::size_t ahead) noexcept {
    constexpr std::size_t kPerLine = kCacheLine / sizeof(F);
    const char* const bytes = reinterpret_cast<const char*>(p);
    std::size_t i = 0;
    __m256i acc = _mm256_setzero_si256();
    if constexpr (sizeof(F) == 4) {
        const __m256i sign = _mm256_set1_epi32(static_cast<int>(FloatBits<F>::sign));
        const __m256i abs_mask = _mm256_set1_epi32(static_cast<int>(~FloatBits<F>::sign));
        const __m256i inf = _mm256_set1_epi32(static_cast<int>(FloatBits<F>::inf));
        const __m256i qnan = _mm256_set1_epi32(static_cast<int>(FloatBits<F>::qnan));
        for (; i + kPerLine <= n; i += kPerLine) {
            __builtin_prefetch(bytes + i * sizeof(F) + ahead);
            for (std::size_t k = 0; k < kPerLine; k += 8) {
                const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + k));
                const __m256i nan = _mm256_cmpgt_epi32(_mm256_and_si256(b, abs_mask), inf);
                const __m256i odd_nan = _mm256_andnot_si256(_mm256_cmpeq_epi32(b, qnan), nan);
                acc = _mm256_or_si256(acc, _mm256_or_si256(odd_nan, _mm256_cmpeq_epi32(b, sign)));
            }
        }
    } else {
        const __m256i neg_zero_hi = _mm256_set1_epi32(static_cast<int>(0x80000000u));
        const __m256i abs_mask = _mm256_set1_epi32(0x7FFFFFFF);
        const __m256i below_inf = _mm256_set1_epi32(0x7FEFFFFF);
        for (; i + kPerLine <= n; i += kPerLine) { // one cache line: eight doubles
            __builtin_prefetch(bytes + i * sizeof(F) + ahead);
            const __m256i a = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
            const __m256i b = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i + 4));
            // The high words of the eight doubles (in each 128-bit half: two of a, two of b).
            const __m256i hi = _mm256_castps_si256(_mm256_shuffle_ps(
                _mm256_castsi256_ps(a), _mm256_castsi256_ps(b), _MM_SHUFFLE(3, 1, 3, 1)));
            const __m256i inf_nan = _mm256_cmpgt_epi32(_mm256_and_si256(hi, abs_mask), below_inf);
            acc =
                _mm256_or_si256(acc, _mm256_or_si256(inf_nan, _mm256_cmpeq_epi32(hi, neg_zero_hi)));
        }
    }
    // The tail (less than a cache line): the header's scan, which takes it element by element.
    return !_mm256_testz_si256(acc, acc) || may_need_canonical(p + i, n - i, 0);
}

bool have_avx2() noexcept {
    static const bool yes = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") != 0;
    }();
    return yes;
}
#endif

template <class F>
bool scan(const F* p, std::size_t n, std::size_t ahead) noexcept {
#if IMLIT_SCAN_AVX2
    if (have_avx2()) return scan_avx2(p, n, ahead);
#endif
    return may_need_canonical(p, n, ahead);
}

} // namespace

bool may_need_canonical_fast(const double* p, std::size_t n, std::size_t ahead) noexcept {
    return scan(p, n, ahead);
}

bool may_need_canonical_fast(const float* p, std::size_t n, std::size_t ahead) noexcept {
    return scan(p, n, ahead);
}

} // namespace imlit::detail
