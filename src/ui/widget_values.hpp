// imlit internals — WidgetValues: the session's widget store locked for a run of value lookups.
// A cache walk (src/cache/cached_call.cpp) reads one widget per trie level and takes the
// store's mutex once for all of them instead of once per widget (widget_value_hash in seam.hpp
// is one lookup under its own lock).
#pragma once

#include <cstdint>
#include <optional>

#include "ui/seam.hpp"

namespace imlit::detail {

struct WidgetStore;

// Hold it for lookups only: widgets drawn meanwhile wait for it, and no other lock may be taken
// while it is held (it is a leaf lock: src/cache/cache_internal.hpp).
class WidgetValues {
public:
    explicit WidgetValues(Session& session);
    ~WidgetValues();
    WidgetValues(const WidgetValues&) = delete;
    WidgetValues& operator=(const WidgetValues&) = delete;
    // The current value hash of widget `full` (nullopt: not in the store yet).
    std::optional<Hash128> hash(std::uint64_t full) const;

private:
    WidgetStore& store_;
};

} // namespace imlit::detail
