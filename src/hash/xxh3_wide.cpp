// imlit — bulk XXH3 updates on the widest vector unit available (see detail/xxh3_wide.hpp).
//
// xxHash supports compiling its x86 vector kernels side by side in one translation unit, each
// with a function-level target attribute (XXH_X86DISPATCH, XXH_DISPATCH_* and XXH_TARGET_*; that
// is how xxHash's own dispatcher is built). Each variant below inlines xxHash's streaming update
// with one kernel; the first call picks the widest one the CPU runs. This file must not include
// hash.hpp: it configures <xxhash.h> differently from every other translation unit.
#include "imlit/detail/xxh3_wide.hpp"

#include <cstdint>
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

// A variant's update for streamed input and for input already in cache.
struct Updates {
    UpdateFn stream = nullptr;
    UpdateFn cached = nullptr;
    explicit operator bool() const { return stream != nullptr; }
};

void update_portable(XXH3_state_t* s, const void* p, std::size_t n) {
    XXH3_128bits_update(s, p, n);
}

#if IMLIT_XXH3_WIDE
// XXH3_update is the routine behind XXH3_128bits_update; its kernel arguments pick the vector
// unit. Its signature is xxHash 0.8.1's (Debian 12); check it before allowing another version.
static_assert(XXH_VERSION_NUMBER == 801, "imlit: check XXH3_update's signature for this xxHash");

// For streamed input the kernels also prefetch the stripe kPrefetchAhead bytes on (xxHash's own
// prefetch is 384 bytes ahead): memory keeps streaming across page boundaries, where the
// hardware prefetcher stops. A prefetch never faults, so past the end of the input it is
// harmless; the address is formed as an integer for that reason. Input already in cache (the
// float-array encoder's chunks, prefetched by its scan) skips it.
constexpr std::uintptr_t kPrefetchAhead = 4096;

template <bool Stream>
inline void prefetch_ahead(const void* input) {
    if constexpr (Stream)
        __builtin_prefetch(reinterpret_cast<const void*>(reinterpret_cast<std::uintptr_t>(input) +
                                                         kPrefetchAhead));
}

template <bool Stream>
XXH_FORCE_INLINE XXH_TARGET_AVX512 void acc_avx512(void* XXH_RESTRICT acc, const void* input,
                                                   const void* secret) {
    prefetch_ahead<Stream>(input);
    XXH3_accumulate_512_avx512(acc, input, secret);
}
template <bool Stream>
XXH_FORCE_INLINE XXH_TARGET_AVX2 void acc_avx2(void* XXH_RESTRICT acc, const void* input,
                                               const void* secret) {
    prefetch_ahead<Stream>(input);
    XXH3_accumulate_512_avx2(acc, input, secret);
}
template <bool Stream>
XXH_FORCE_INLINE XXH_TARGET_SSE2 void acc_sse2(void* XXH_RESTRICT acc, const void* input,
                                               const void* secret) {
    prefetch_ahead<Stream>(input);
    XXH3_accumulate_512_sse2(acc, input, secret);
}

template <bool Stream>
XXH_TARGET_AVX512 void update_avx512(XXH3_state_t* s, const void* p, std::size_t n) {
    XXH3_update(s, static_cast<const xxh_u8*>(p), n, acc_avx512<Stream>, XXH3_scrambleAcc_avx512);
}
template <bool Stream>
XXH_TARGET_AVX2 void update_avx2(XXH3_state_t* s, const void* p, std::size_t n) {
    XXH3_update(s, static_cast<const xxh_u8*>(p), n, acc_avx2<Stream>, XXH3_scrambleAcc_avx2);
}
template <bool Stream>
XXH_TARGET_SSE2 void update_sse2(XXH3_state_t* s, const void* p, std::size_t n) {
    XXH3_update(s, static_cast<const xxh_u8*>(p), n, acc_sse2<Stream>, XXH3_scrambleAcc_sse2);
}
#endif

// The updates of `v`, or none when this build or CPU cannot run it.
Updates updates_for(Xxh3Variant v) noexcept {
    switch (v) {
#if IMLIT_XXH3_WIDE
    case Xxh3Variant::avx512:
        __builtin_cpu_init();
        if (!__builtin_cpu_supports("avx512f")) return {};
        return {&update_avx512<true>, &update_avx512<false>};
    case Xxh3Variant::avx2:
        __builtin_cpu_init();
        if (!__builtin_cpu_supports("avx2")) return {};
        return {&update_avx2<true>, &update_avx2<false>};
    case Xxh3Variant::sse2:
        return {&update_sse2<true>, &update_sse2<false>};
#else
    case Xxh3Variant::avx512:
    case Xxh3Variant::avx2:
    case Xxh3Variant::sse2:
        return {};
#endif
    case Xxh3Variant::portable:
        return {&update_portable, &update_portable};
    }
    return {};
}

struct Chosen {
    Xxh3Variant variant;
    Updates updates;
};

Chosen choose() noexcept {
    for (Xxh3Variant v : {Xxh3Variant::avx512, Xxh3Variant::avx2, Xxh3Variant::sse2})
        if (Updates u = updates_for(v)) return {v, u};
    return {Xxh3Variant::portable, updates_for(Xxh3Variant::portable)};
}

const Chosen& chosen() noexcept {
    static const Chosen c = choose(); // thread-safe once; afterwards one guard load per call
    return c;
}

} // namespace

void xxh3_update_wide(void* xxh3_state, const void* data, std::size_t size) noexcept {
    chosen().updates.stream(static_cast<XXH3_state_t*>(xxh3_state), data, size);
}

void xxh3_update_wide_cached(void* xxh3_state, const void* data, std::size_t size) noexcept {
    chosen().updates.cached(static_cast<XXH3_state_t*>(xxh3_state), data, size);
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

bool xxh3_update_with(Xxh3Variant v, bool cached, void* xxh3_state, const void* data,
                      std::size_t size) noexcept {
    const Updates u = updates_for(v);
    if (!u) return false;
    (cached ? u.cached : u.stream)(static_cast<XXH3_state_t*>(xxh3_state), data, size);
    return true;
}

} // namespace imlit::detail
