// imlit — bulk XXH3 updates on the widest vector unit available (see detail/xxh3_wide.hpp).
//
// xxHash supports compiling its x86 vector kernels side by side in one translation unit, each
// with a function-level target attribute (XXH_X86DISPATCH, XXH_DISPATCH_* and XXH_TARGET_*; that
// is how xxHash's own dispatcher is built). Each variant below inlines xxHash's streaming update
// with one kernel; the first call picks the widest one the CPU runs. This file must not include
// hash.hpp: it configures <xxhash.h> differently from every other translation unit.
#include "imlit/detail/xxh3_wide.hpp"

#include <initializer_list>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define IMLIT_XXH3_WIDE 1
#define XXH_INLINE_ALL
#define XXH_X86DISPATCH
#define XXH_DISPATCH_AVX512 1
#define XXH_DISPATCH_AVX2 1
#define XXH_TARGET_AVX512 __attribute__((__target__("avx512f")))
#define XXH_TARGET_AVX2 __attribute__((__target__("avx2")))
#define XXH_TARGET_SSE2 __attribute__((__target__("sse2")))
// GCC 12 flags _mm512_undefined_epi32() inside its own intrinsics as maybe-uninitialized (a
// known false positive); the warning is reported at the intrinsic header's lines.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h> // every kernel's intrinsics (GCC declares them whatever -m flags are set)
#else
#define IMLIT_XXH3_WIDE 0
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

namespace imlit::detail {
namespace {

using UpdateFn = void (*)(XXH3_state_t*, const void*, std::size_t);

void update_portable(XXH3_state_t* s, const void* p, std::size_t n) {
    XXH3_128bits_update(s, p, n);
}

#if IMLIT_XXH3_WIDE
// XXH3_update is the routine behind XXH3_128bits_update; its kernel arguments pick the vector
// unit. Its signature is xxHash 0.8.1's (Debian 12); check it before allowing another version.
static_assert(XXH_VERSION_NUMBER == 801, "imlit: check XXH3_update's signature for this xxHash");

XXH_TARGET_AVX512 void update_avx512(XXH3_state_t* s, const void* p, std::size_t n) {
    XXH3_update(s, static_cast<const xxh_u8*>(p), n, XXH3_accumulate_512_avx512,
                XXH3_scrambleAcc_avx512);
}
XXH_TARGET_AVX2 void update_avx2(XXH3_state_t* s, const void* p, std::size_t n) {
    XXH3_update(s, static_cast<const xxh_u8*>(p), n, XXH3_accumulate_512_avx2,
                XXH3_scrambleAcc_avx2);
}
XXH_TARGET_SSE2 void update_sse2(XXH3_state_t* s, const void* p, std::size_t n) {
    XXH3_update(s, static_cast<const xxh_u8*>(p), n, XXH3_accumulate_512_sse2,
                XXH3_scrambleAcc_sse2);
}
#endif

// The update for `v`, or null when this build or CPU cannot run it.
UpdateFn update_for(Xxh3Variant v) noexcept {
    switch (v) {
#if IMLIT_XXH3_WIDE
    case Xxh3Variant::avx512:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx512f") ? &update_avx512 : nullptr;
    case Xxh3Variant::avx2:
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") ? &update_avx2 : nullptr;
    case Xxh3Variant::sse2:
        return &update_sse2;
#else
    case Xxh3Variant::avx512:
    case Xxh3Variant::avx2:
    case Xxh3Variant::sse2:
        return nullptr;
#endif
    case Xxh3Variant::portable:
        return &update_portable;
    }
    return nullptr;
}

struct Chosen {
    Xxh3Variant variant;
    UpdateFn update;
};

Chosen choose() noexcept {
    for (Xxh3Variant v : {Xxh3Variant::avx512, Xxh3Variant::avx2, Xxh3Variant::sse2})
        if (UpdateFn f = update_for(v)) return {v, f};
    return {Xxh3Variant::portable, &update_portable};
}

const Chosen& chosen() noexcept {
    static const Chosen c = choose(); // thread-safe once; afterwards one guard load per call
    return c;
}

} // namespace

void xxh3_update_wide(void* xxh3_state, const void* data, std::size_t size) noexcept {
    chosen().update(static_cast<XXH3_state_t*>(xxh3_state), data, size);
}

Xxh3Variant xxh3_wide_variant() noexcept {
    return chosen().variant;
}

const char* xxh3_variant_name(Xxh3Variant v) noexcept {
    switch (v) {
    case Xxh3Variant::avx512:
        return "avx512";
    case Xxh3Variant::avx2:
        return "avx2";
    case Xxh3Variant::sse2:
        return "sse2";
    case Xxh3Variant::portable:
        return "portable";
    }
    return "?";
}

bool xxh3_update_with(Xxh3Variant v, void* xxh3_state, const void* data,
                      std::size_t size) noexcept {
    const UpdateFn f = update_for(v);
    if (f == nullptr) return false;
    f(static_cast<XXH3_state_t*>(xxh3_state), data, size);
    return true;
}

} // namespace imlit::detail
