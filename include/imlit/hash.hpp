// imlit — hashing of cache keys (DESIGN R1). XXH3-128 over a type-tagged encoding.
// (Core interface; the full encoding for standard types lives below.)
#pragma once
#include <cstddef>
#include <cstdint>

namespace imlit {

struct Hash128 {
    std::uint64_t lo = 0, hi = 0;
    friend bool operator==(const Hash128&, const Hash128&) = default;
};

} // namespace imlit
