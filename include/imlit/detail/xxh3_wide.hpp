// imlit internal — bulk XXH3 updates on the widest vector unit the CPU has (used by hash.hpp).
//
// hash.hpp inlines xxHash (XXH_INLINE_ALL) at the baseline x86-64 level, where XXH3 runs on
// SSE2 only (and GCC 12 keeps its accumulators in memory there: about 2.4 GB/s, a third of a
// read-only pass). Large contiguous inputs instead go through xxh3_update_wide(), compiled in
// src/hash/xxh3_wide.cpp for AVX-512, AVX2 and SSE2 and picked once at run time. Every variant
// computes the same XXH3 state: the choice changes speed, never a digest.
#pragma once
#include <cstddef>

namespace imlit::detail {

// XXH3_128bits_update(state, data, size) on the fastest variant this CPU supports, prefetching
// 4 KiB ahead of what it hashes (for input streamed from memory).
// `xxh3_state` is an XXH3_state_t (xxHash's streaming state, from <xxhash.h>).
void xxh3_update_wide(void* xxh3_state, const void* data, std::size_t size) noexcept;
// The same for input already in cache (just read): no prefetching.
void xxh3_update_wide_cached(void* xxh3_state, const void* data, std::size_t size) noexcept;

enum class Xxh3Variant { avx512, avx2, sse2, portable };

// The variant xxh3_update_wide() runs on this CPU.
Xxh3Variant xxh3_wide_variant() noexcept;
const char* xxh3_variant_name(Xxh3Variant v) noexcept; // "avx512", "avx2", "sse2", "portable"

// For tests: the update (streamed or `cached`) on one given variant. False (state untouched)
// when this build or CPU cannot run it.
bool xxh3_update_with(Xxh3Variant v, bool cached, void* xxh3_state, const void* data,
                      std::size_t size) noexcept;

} // namespace imlit::detail
