// imlit — hashing of cache keys (DESIGN R1). XXH3-128 over a type-tagged encoding.
//
// Everything a cached function is called with is turned into a byte stream (the *encoding*) and
// hashed with XXH3-128 (xxHash, inlined). The encoding is injective per type: every value starts
// with a one-byte type tag, variable-size values are length-prefixed, and values that compare
// equal encode equal. See docs/hashing.md for the full table.
//
//   imlit::Hash128 k = imlit::hash_args(42, "name", std::vector<float>{1, 2});
//   imlit::Hash128 v = imlit::hash_value(std::map<std::string, int>{{"a", 1}});
//
// User types: declare `void hash_append(imlit::Hasher& h, const T& v)` in T's namespace (found by
// argument-dependent lookup) and feed it the fields that matter: `h(v.name, v.size);`.
// Arguments that must not be hashed: `imlit::unhashed(x)` (not part of the key) or
// `imlit::keyed(x, version)` (only `version` is hashed; O(1) for any size of x).
// A type that cannot be hashed fails to compile with a static_assert naming it
// (look for `cannot_hash_type<YourType>` in the diagnostic).
//
// Index
//   [SECTION] Hash128 and the encoding version
//   [SECTION] Hasher
//   [SECTION] Argument wrappers: unhashed, keyed
//   [SECTION] Type classification (what is hashable, and how)
//   [SECTION] Encoding
//   [SECTION] Entry points: hash_value, hash_args, Hashable
#pragma once
#include <algorithm>
#include <array>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <forward_list>
#include <functional>
#include <iterator>
#include <limits>
#include <list>
#include <map>
#include <optional>
#include <ranges>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL // header-only xxHash: every XXH3 call below is inlined (static functions)
#endif
#include <xxhash.h>

#include "imlit/detail/hash_floats.hpp"
#include "imlit/detail/xxh3_wide.hpp"

namespace imlit {

// [SECTION] Hash128 and the encoding version ---------------------------------------------------

// A 128-bit digest (XXH3-128: low and high 64 bits).
struct Hash128 {
    std::uint64_t lo = 0, hi = 0;
    friend bool operator==(const Hash128&, const Hash128&) = default;
    friend auto operator<=>(const Hash128&, const Hash128&) = default; // for ordered containers
};

// Bumped whenever the encoding changes (persisted keys from another version must be misses).
inline constexpr std::uint32_t kHashEncodingVersion = 1;

// Type tags: the first byte of every encoded value. Stable values (they end up in persisted keys).
enum class HashTag : std::uint8_t {
    none = 0x01,     // nullptr, std::nullopt, std::monostate, a null const char*
    boolean = 0x02,  // bool: 1 byte
    sint = 0x03,     // signed integers (signed char ... long long), widened to int64
    uint = 0x04,     // unsigned integers (unsigned char ... unsigned long long), widened to uint64
    floating = 0x05, // float, double, long double exactly representable as double: double
    floating_x = 0x06,  // long double not representable as double: double head + double tail
    character = 0x07,   // char, wchar_t, char8_t, char16_t, char32_t: code unit as uint32
    enumeration = 0x08, // enum: followed by its underlying value (sint/uint)
    string = 0x09,      // strings: code-unit size (u8), length (u64), code units
    array = 0x0A,      // sequence of bulk scalars: family (u8), sizeof (u8), count (u64), raw bytes
    list = 0x0B,       // sequence of anything else: count (u64), encoded elements
    tuple = 0x0C,      // pair, tuple: arity (u64), encoded elements
    set = 0x0D,        // set-like: count (u64), sorted 128-bit digests of the elements
    map = 0x0E,        // map-like: count (u64), sorted 128-bit digests of (key, value)
    optional = 0x0F,   // u8 engaged, then the value when engaged
    variant = 0x10,    // index (u64), then the alternative
    path = 0x11,       // filesystem::path: its native string (string encoding)
    duration = 0x12,   // chrono duration in nanoseconds: sint, or floating if not integral
    time_point = 0x13, // chrono time_point: duration since its clock's epoch
    digest = 0x14,     // Hash128: lo, hi
    keyed = 0x15,      // keyed(x, version): the version's encoding only
    unhashed = 0x16,   // unhashed(x): nothing else
    user = 0x17,       // a type with an ADL hash_append: whatever it appends
    args = 0x18,       // hash_args: arity (u64), encoded arguments
};

class Hasher;

namespace detail {
template <class T>
void encode(Hasher& h, const T& value);
template <class F>
void put_float_array(Hasher& h, const F* p, std::size_t n);
} // namespace detail

// [SECTION] Hasher -------------------------------------------------------------------------------

// Streaming XXH3-128 over the encoding. Small inputs (up to kInlineBytes) are buffered and hashed
// one-shot at digest() (no state setup); larger ones stream through an XXH3 state, and large
// contiguous buffers (kWideBytes and up) go to XXH3 in one update on the widest vector unit the
// CPU has (AVX-512, AVX2 or SSE2, picked at run time; detail/xxh3_wide.hpp), so hashing runs at
// memory bandwidth. Not thread-safe; cheap to construct (the XXH3 state is set up only when
// needed).
class Hasher {
public:
    static constexpr std::size_t kInlineBytes = 240; // XXH3's one-shot short-input limit
    static constexpr std::size_t kWideBytes = 256;   // XXH3's stream buffer: below, it only copies

    Hasher() noexcept {} // user-provided: `Hasher h{};` must not zero the 576-byte state
    Hasher(const Hasher& other) noexcept { *this = other; }
    Hasher& operator=(const Hasher& other) noexcept {
        if (this == &other) return *this;
        started_ = other.started_;
        len_ = other.len_;
        if (started_)
            XXH3_copyState(&state_, &other.state_);
        else if (len_ != 0)
            std::memcpy(buf_, other.buf_, len_);
        return *this;
    }

    // Append the encoding of each value (type tag + contents). Returns *this.
    template <class... Ts>
    Hasher& operator()(const Ts&... values) {
        (detail::encode(*this, values), ...);
        return *this;
    }

    // Raw bytes, no tag or length: only for building your own encodings (prefer operator()).
    void update(const void* data, std::size_t size) noexcept {
        if (size == 0) return;
        if (!started_) {
            if (len_ + size <= kInlineBytes) {
                std::memcpy(buf_ + len_, data, size);
                len_ += size;
                return;
            }
            start();
        }
        if (size >= kWideBytes)
            detail::xxh3_update_wide(&state_, data, size);
        else
            XXH3_128bits_update(&state_, data, size);
    }

    // The digest of everything appended so far (the hasher stays usable).
    Hash128 digest() const noexcept {
        const XXH128_hash_t r = started_ ? XXH3_128bits_digest(&state_) : XXH3_128bits(buf_, len_);
        return {r.low64, r.high64};
    }

    // Forget everything appended.
    void reset() noexcept {
        started_ = false;
        len_ = 0;
    }

    // Encoding primitives (used by the built-in encoders; fine for user encoders too).
    void put_tag(HashTag tag) noexcept { put_u8(static_cast<std::uint8_t>(tag)); }
    void put_u8(std::uint8_t v) noexcept { update(&v, 1); }
    void put_u64(std::uint64_t v) noexcept { update(&v, sizeof v); }
    void put_tag_u64(HashTag tag, std::uint64_t v) noexcept {
        unsigned char b[9];
        b[0] = static_cast<unsigned char>(tag);
        std::memcpy(b + 1, &v, 8);
        update(b, sizeof b);
    }

private:
    template <class F>
    friend void detail::put_float_array(Hasher& h, const F* p, std::size_t n);

    // update() for bytes just read into cache (a float-array chunk after its scan): the bulk
    // path skips prefetching memory ahead.
    void update_cached(const void* data, std::size_t size) noexcept {
        if (!started_ && len_ + size <= kInlineBytes) {
            update(data, size);
            return;
        }
        if (!started_) start();
        if (size >= kWideBytes)
            detail::xxh3_update_wide_cached(&state_, data, size);
        else
            XXH3_128bits_update(&state_, data, size);
    }

    void start() noexcept {
        XXH3_128bits_reset(&state_);
        if (len_ != 0) XXH3_128bits_update(&state_, buf_, len_);
        started_ = true;
    }

    XXH3_state_t state_; // valid only when started_ (left uninitialised until then on purpose)
    bool started_ = false;
    std::size_t len_ = 0;
    unsigned char buf_[kInlineBytes];
};

// [SECTION] Argument wrappers: unhashed, keyed ---------------------------------------------------

// An argument passed to the loader but not hashed. T is `U&` when made from an lvalue (holds a
// reference: no copy) and `U` when made from an rvalue (holds the moved value). Its encoding is
// the `unhashed` tag alone, so two calls that differ only in this argument share one entry.
template <class T>
struct Unhashed {
    T value;
};

// An argument passed to the loader whose key contribution is `version` only (O(1) for any size
// of the data). Change the version whenever the data changes. T as in Unhashed.
template <class T, class V>
struct Keyed {
    T value;
    V version;
};

// unhashed(x): pass x to the loader, leave it out of the key.
template <class T>
constexpr Unhashed<T> unhashed(T&& x) noexcept(std::is_nothrow_constructible_v<Unhashed<T>, T&&>) {
    return Unhashed<T>{std::forward<T>(x)};
}

// keyed(x, version): pass x to the loader, hash only `version` (any hashable value).
template <class T, class V>
constexpr Keyed<T, std::decay_t<V>> keyed(T&& x, V&& version) {
    return Keyed<T, std::decay_t<V>>{std::forward<T>(x), std::forward<V>(version)};
}

template <class T>
inline constexpr bool is_unhashed_v = false;
template <class T>
inline constexpr bool is_unhashed_v<Unhashed<T>> = true;
template <class T>
inline constexpr bool is_keyed_v = false;
template <class T, class V>
inline constexpr bool is_keyed_v<Keyed<T, V>> = true;

// The value a loader receives for an argument: the wrapped value for Unhashed/Keyed (a reference
// to it, keeping the wrapper's value category), the argument itself otherwise.
template <class A>
constexpr decltype(auto) unwrap_arg(A&& arg) noexcept {
    using D = std::remove_cvref_t<A>;
    if constexpr (is_unhashed_v<D> || is_keyed_v<D>)
        return (std::forward<A>(arg).value);
    else
        return std::forward<A>(arg);
}

// [SECTION] Type classification (what is hashable, and how) -----------------------------------
namespace detail {

template <class T, template <class...> class Tmpl>
inline constexpr bool is_instance_v = false;
template <template <class...> class Tmpl, class... Args>
inline constexpr bool is_instance_v<Tmpl<Args...>, Tmpl> = true;

template <class T>
inline constexpr bool is_std_array_v = false;
template <class T, std::size_t N>
inline constexpr bool is_std_array_v<std::array<T, N>> = true;
template <class T>
inline constexpr bool is_span_v = false;
template <class T, std::size_t E>
inline constexpr bool is_span_v<std::span<T, E>> = true;

template <class T>
inline constexpr bool is_char_v =
    std::is_same_v<T, char> || std::is_same_v<T, wchar_t> || std::is_same_v<T, char8_t> ||
    std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>;

template <class T>
inline constexpr bool is_string_v =
    is_instance_v<T, std::basic_string> || is_instance_v<T, std::basic_string_view>;

// Scalars whose object representation is their value (after float normalisation): sequences of
// these are encoded as raw bytes and hashed in bulk. long double is excluded (padding bytes).
template <class T>
consteval bool is_bulk_scalar() {
    if constexpr (std::is_enum_v<T>)
        return is_bulk_scalar<std::underlying_type_t<T>>();
    else if constexpr (std::is_same_v<T, long double>)
        return false;
    else
        return std::is_arithmetic_v<T>;
}

enum class Kind {
    unhashable,
    none,
    boolean,
    character,
    sint,
    uint,
    floating,
    enumeration,
    string,
    c_string,
    char_array,
    sequence,
    set,
    map,
    optional,
    variant,
    tuple,
    path,
    duration,
    time_point,
    digest,
    unhashed,
    keyed,
    reference,
    user,
};

// What an unqualified hash_append(h, v) resolves to when no user overload exists: the generic
// imlit::hash_append below returns this marker type, a user's overload returns something else.
struct BuiltinHashAppend {};

} // namespace detail

// hash_append(h, v) for built-in types, so user encoders may call `hash_append(h, field)`
// unqualified as well as `h(field)`. For a type with neither a built-in encoding nor an ADL
// overload, this is where the "cannot hash" static_assert fires.
// (H is a template parameter constrained to Hasher so that any user overload, including one
// written as `template <class H> void hash_append(H&, const MyType&)`, is more specialised.)
template <class H, class T>
requires std::is_same_v<H, Hasher> detail::BuiltinHashAppend hash_append(H& h, const T& value) {
    detail::encode(h, value);
    return {};
}

namespace detail {
namespace adl {
void hash_append() = delete; // hide imlit::hash_append from ordinary lookup: ADL only
template <class T>
concept has_user_hash_append = requires(Hasher& h, const T& v) {
    hash_append(h, v);
    requires !std::is_same_v<decltype(hash_append(h, v)), BuiltinHashAppend>;
};
} // namespace adl

template <class T>
consteval Kind kind_of() {
    if constexpr (is_unhashed_v<T>)
        return Kind::unhashed;
    else if constexpr (is_keyed_v<T>)
        return Kind::keyed;
    else if constexpr (is_instance_v<T, std::reference_wrapper>)
        return Kind::reference;
    else if constexpr (std::is_same_v<T, Hash128>)
        return Kind::digest;
    else if constexpr (std::is_same_v<T, std::nullptr_t> || std::is_same_v<T, std::nullopt_t> ||
                       std::is_same_v<T, std::monostate>)
        return Kind::none;
    else if constexpr (std::is_same_v<T, bool>)
        return Kind::boolean;
    else if constexpr (is_char_v<T>)
        return Kind::character;
    else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
        return Kind::sint;
    else if constexpr (std::is_integral_v<T>)
        return Kind::uint;
    else if constexpr (std::is_floating_point_v<T>)
        return Kind::floating;
    else if constexpr (std::is_enum_v<T>)
        return Kind::enumeration;
    else if constexpr (is_string_v<T>)
        return Kind::string;
    else if constexpr (std::is_pointer_v<T> &&
                       is_char_v<std::remove_cv_t<std::remove_pointer_t<T>>>)
        return Kind::c_string;
    else if constexpr (std::is_array_v<T> && std::rank_v<T> == 1 &&
                       is_char_v<std::remove_cv_t<std::remove_extent_t<T>>>)
        return Kind::char_array;
    else if constexpr (std::is_same_v<T, std::filesystem::path>)
        return Kind::path;
    else if constexpr (is_instance_v<T, std::optional>)
        return Kind::optional;
    else if constexpr (is_instance_v<T, std::variant>)
        return Kind::variant;
    else if constexpr (is_instance_v<T, std::pair> || is_instance_v<T, std::tuple>)
        return Kind::tuple;
    else if constexpr (is_instance_v<T, std::chrono::duration>)
        return Kind::duration;
    else if constexpr (is_instance_v<T, std::chrono::time_point>)
        return Kind::time_point;
    else if constexpr (is_instance_v<T, std::set> || is_instance_v<T, std::multiset> ||
                       is_instance_v<T, std::unordered_set> ||
                       is_instance_v<T, std::unordered_multiset>)
        return Kind::set;
    else if constexpr (is_instance_v<T, std::map> || is_instance_v<T, std::multimap> ||
                       is_instance_v<T, std::unordered_map> ||
                       is_instance_v<T, std::unordered_multimap>)
        return Kind::map;
    else if constexpr (is_instance_v<T, std::vector> || is_instance_v<T, std::deque> ||
                       is_instance_v<T, std::list> || is_instance_v<T, std::forward_list> ||
                       is_std_array_v<T> || is_span_v<T> || std::is_bounded_array_v<T>)
        return Kind::sequence;
    else if constexpr (adl::has_user_hash_append<T>)
        return Kind::user;
    else
        return Kind::unhashable;
}

template <class T>
consteval bool is_hashable();

template <class Tuple, std::size_t... I>
consteval bool all_elements_hashable(std::index_sequence<I...>) {
    return (is_hashable<std::remove_cv_t<std::tuple_element_t<I, Tuple>>>() && ...);
}
template <class... Alts>
consteval bool all_hashable(std::variant<Alts...>*) {
    return (is_hashable<Alts>() && ...);
}

template <class T>
consteval bool is_hashable() {
    constexpr Kind k = kind_of<T>();
    if constexpr (k == Kind::unhashable)
        return false;
    else if constexpr (k == Kind::keyed)
        return is_hashable<decltype(T::version)>();
    else if constexpr (k == Kind::reference)
        return is_hashable<std::remove_cv_t<typename T::type>>();
    else if constexpr (k == Kind::sequence) {
        if constexpr (std::is_array_v<T>)
            return is_hashable<std::remove_cv_t<std::remove_extent_t<T>>>();
        else
            return is_hashable<std::remove_cv_t<typename T::value_type>>();
    } else if constexpr (k == Kind::set || k == Kind::optional)
        return is_hashable<std::remove_cv_t<typename T::value_type>>();
    else if constexpr (k == Kind::map)
        return is_hashable<typename T::key_type>() && is_hashable<typename T::mapped_type>();
    else if constexpr (k == Kind::variant)
        return all_hashable(static_cast<T*>(nullptr));
    else if constexpr (k == Kind::tuple)
        return all_elements_hashable<T>(std::make_index_sequence<std::tuple_size_v<T>>{});
    else
        return true;
}

// The diagnostic for an unhashable type: instantiating this names the type
// (`cannot_hash_type<YourType>`) right next to the message.
template <class T>
inline constexpr bool always_false_v = false;
template <class T>
struct cannot_hash_type {
    static_assert(
        always_false_v<T>,
        "imlit: this type cannot be hashed for a cache key (the type is the argument "
        "of imlit::detail::cannot_hash_type<...> in this diagnostic). Two ways out: (1) declare "
        "`void hash_append(imlit::Hasher& h, const T& v)` in the type's namespace "
        "(found by ADL) and append the fields that define its value, e.g. h(v.a, v.b); "
        "or (2) wrap the argument: imlit::unhashed(x) (not part of the key) or "
        "imlit::keyed(x, version) (only `version` is hashed).");
    static constexpr bool value = false;
};

// [SECTION] Encoding ------------------------------------------------------------------------------

// A double's canonical value (-0.0 -> 0.0, every NaN -> the quiet NaN), by its bits.
inline double canonical_double(double x) noexcept {
    return std::bit_cast<double>(canonical_bits(x));
}

// Family code of a bulk scalar in an array encoding (with sizeof, it identifies the layout).
template <class T>
consteval std::uint8_t array_family() {
    if constexpr (std::is_enum_v<T>)
        return 6;
    else if constexpr (std::is_same_v<T, bool>)
        return 1;
    else if constexpr (is_char_v<T>)
        return 5;
    else if constexpr (std::is_floating_point_v<T>)
        return 4;
    else if constexpr (std::is_signed_v<T>)
        return 2;
    else
        return 3;
}

// Bulk float/double arrays: canonicalise -0.0 and NaNs (detail/hash_floats.hpp). Each chunk is
// scanned (SSE2, AVX2 where the CPU has it) while prefetching the next chunk, then hashed from
// L1 untouched when clean (the usual case; the bulk update prefetches 4 KiB ahead again), else
// piece by piece, the pieces with something to change through a canonicalised copy. 4 KiB chunks:
// each XXH3 update copies up to 256 bytes through its buffer, so smaller chunks pay that more
// often, and larger ones leave memory idle while the scanned chunk is hashed (measured by bench/,
// hash.doubles_64mib).
template <class F>
void put_float_array(Hasher& h, const F* p, std::size_t n) {
    using U = float_bits_t<F>;
    constexpr std::size_t kChunk = 4096 / sizeof(F);
    constexpr std::size_t kAhead = 4096; // bytes
    for (std::size_t at = 0; at < n; at += kChunk) {
        const std::size_t m = std::min(kChunk, n - at);
        const F* c = p + at;
        // Prefetch only inside the array: the whole chunk plus the distance must fit.
        const std::size_t ahead = (n - at) * sizeof(F) >= kChunk * sizeof(F) + kAhead ? kAhead : 0;
        if (!may_need_canonical_fast(c, m, ahead)) {
            h.update(c, m * sizeof(F));
            continue;
        }
        // Something to canonicalise: by 1 KiB pieces, so a stray NaN copies a piece, not the
        // chunk; the clean pieces around it go in as they are, a run of them in one update.
        constexpr std::size_t kPiece = 1024 / sizeof(F);
        std::size_t clean_from = 0;
        for (std::size_t sub = 0; sub < m; sub += kPiece) {
            const std::size_t k = std::min(kPiece, m - sub);
            if (!may_need_canonical_fast(c + sub, k, 0)) continue;
            if (sub > clean_from) h.update_cached(c + clean_from, (sub - clean_from) * sizeof(F));
            U tmp[kPiece];
            canonicalize(c + sub, k, tmp);
            h.update_cached(tmp, k * sizeof(U));
            clean_from = sub + k;
        }
        if (m > clean_from) h.update_cached(c + clean_from, (m - clean_from) * sizeof(F));
    }
}

template <class E>
void put_bulk_scalar(Hasher& h, const E& e) {
    if constexpr (std::is_floating_point_v<E>) {
        const auto b = canonical_bits(e);
        h.update(&b, sizeof b);
    } else {
        h.update(&e, sizeof e);
    }
}

template <class E>
void put_bulk_span(Hasher& h, const E* p, std::size_t n) {
    if constexpr (std::is_floating_point_v<E>)
        put_float_array(h, p, n);
    else
        h.update(p, n * sizeof(E)); // one update: no per-element work
}

inline void put_double(Hasher& h, HashTag tag, double d) {
    h.put_tag_u64(tag, std::bit_cast<std::uint64_t>(canonical_double(d)));
}

template <class C>
void put_string(Hasher& h, std::basic_string_view<C> s) {
    unsigned char head[10];
    head[0] = static_cast<unsigned char>(HashTag::string);
    head[1] = static_cast<unsigned char>(sizeof(C));
    const std::uint64_t n = s.size();
    std::memcpy(head + 2, &n, 8);
    h.update(head, sizeof head);
    h.update(s.data(), s.size() * sizeof(C));
}

template <class R>
void put_duration_ns(Hasher& h, R count_ns_num, std::intmax_t num, std::intmax_t den) {
    // Generic path: value in ns as long double; integral values that fit int64 use sint so
    // that duration<double>(1.0) == seconds(1) == milliseconds(1000).
    const long double v = static_cast<long double>(count_ns_num) * num / den;
    constexpr long double lim = 9223372036854775808.0L; // 2^63
    if (std::isfinite(v) && v == std::trunc(v) && v >= -lim && v < lim)
        h.put_tag_u64(HashTag::sint, static_cast<std::uint64_t>(static_cast<std::int64_t>(v)));
    else
        put_double(h, HashTag::floating, static_cast<double>(v));
}

template <class Rep, class Period>
void put_duration(Hasher& h, const std::chrono::duration<Rep, Period>& d) {
    using to_ns = std::ratio_divide<Period, std::nano>;
    h.put_tag(HashTag::duration);
    if constexpr (std::is_integral_v<Rep> && to_ns::den == 1) {
        std::int64_t r;
        const Rep c = d.count();
        const bool fits =
            !(std::is_unsigned_v<Rep> &&
              static_cast<std::uint64_t>(c) >
                  static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
        if (fits && !__builtin_mul_overflow(static_cast<std::int64_t>(c),
                                            static_cast<std::int64_t>(to_ns::num), &r)) {
            h.put_tag_u64(HashTag::sint, static_cast<std::uint64_t>(r));
            return;
        }
    }
    put_duration_ns(h, d.count(), to_ns::num, to_ns::den);
}

// Order-independent containers: the sorted list of per-element digests. Sorting (rather than
// summing/xoring) keeps multiset semantics exact and gives no algebraic shortcut to collisions.
template <class It, class Fn>
void put_unordered(Hasher& h, HashTag tag, It first, std::size_t n, Fn&& hash_one) {
    h.put_tag_u64(tag, n);
    constexpr std::size_t kSmall = 16;
    std::array<Hash128, kSmall> small;
    std::vector<Hash128> big;
    Hash128* d = small.data();
    if (n > kSmall) {
        big.resize(n);
        d = big.data();
    }
    for (std::size_t i = 0; i < n; ++i, ++first)
        d[i] = hash_one(*first);
    std::sort(d, d + n, [](const Hash128& a, const Hash128& b) {
        return a.hi != b.hi ? a.hi < b.hi : a.lo < b.lo;
    });
    h.update(d, n * sizeof(Hash128));
}

template <class Seq>
void put_sequence(Hasher& h, const Seq& seq) {
    using E = std::remove_cv_t<std::ranges::range_value_t<const Seq>>;
    std::uint64_t n;
    if constexpr (is_instance_v<Seq, std::forward_list>)
        n = static_cast<std::uint64_t>(std::distance(seq.begin(), seq.end()));
    else
        n = static_cast<std::uint64_t>(std::size(seq));
    if constexpr (is_bulk_scalar<E>()) {
        unsigned char head[11];
        head[0] = static_cast<unsigned char>(HashTag::array);
        head[1] = array_family<E>();
        head[2] = static_cast<unsigned char>(sizeof(E));
        std::memcpy(head + 3, &n, 8);
        h.update(head, sizeof head);
        if constexpr (std::ranges::contiguous_range<const Seq>) {
            put_bulk_span(h, std::ranges::data(seq), static_cast<std::size_t>(n));
        } else {
            for (const auto& e : seq)
                put_bulk_scalar<E>(h, static_cast<E>(e)); // vector<bool> too
        }
    } else {
        h.put_tag_u64(HashTag::list, n);
        for (const auto& e : seq)
            encode(h, e);
    }
}

template <class T>
void encode(Hasher& h, const T& v) {
    constexpr Kind k = kind_of<T>();
    if constexpr (k == Kind::unhashable) {
        (void)cannot_hash_type<T>::value;
    } else if constexpr (k == Kind::unhashed) {
        h.put_tag(HashTag::unhashed);
    } else if constexpr (k == Kind::keyed) {
        h.put_tag(HashTag::keyed);
        encode(h, v.version);
    } else if constexpr (k == Kind::reference) {
        encode(h, v.get());
    } else if constexpr (k == Kind::digest) {
        const std::uint64_t b[2] = {v.lo, v.hi};
        h.put_tag(HashTag::digest);
        h.update(b, sizeof b);
    } else if constexpr (k == Kind::none) {
        h.put_tag(HashTag::none);
    } else if constexpr (k == Kind::boolean) {
        const unsigned char b[2] = {static_cast<unsigned char>(HashTag::boolean),
                                    static_cast<unsigned char>(v ? 1 : 0)};
        h.update(b, 2);
    } else if constexpr (k == Kind::character) {
        h.put_tag_u64(HashTag::character,
                      static_cast<std::uint32_t>(static_cast<std::make_unsigned_t<T>>(v)));
    } else if constexpr (k == Kind::sint) {
        h.put_tag_u64(HashTag::sint, static_cast<std::uint64_t>(static_cast<std::int64_t>(v)));
    } else if constexpr (k == Kind::uint) {
        h.put_tag_u64(HashTag::uint, static_cast<std::uint64_t>(v));
    } else if constexpr (k == Kind::floating) {
        if constexpr (std::is_same_v<T, long double>) {
            const double head = static_cast<double>(v);
            if (static_cast<long double>(head) == v || v != v) {
                put_double(h, HashTag::floating, head);
            } else {
                const double tail = static_cast<double>(v - static_cast<long double>(head));
                put_double(h, HashTag::floating_x, head);
                h.put_u64(std::bit_cast<std::uint64_t>(canonical_double(tail)));
            }
        } else {
            put_double(h, HashTag::floating, static_cast<double>(v));
        }
    } else if constexpr (k == Kind::enumeration) {
        h.put_tag(HashTag::enumeration);
        encode(h, static_cast<std::underlying_type_t<T>>(v));
    } else if constexpr (k == Kind::string) {
        put_string(h, std::basic_string_view<typename T::value_type>(v.data(), v.size()));
    } else if constexpr (k == Kind::c_string) {
        using C = std::remove_cv_t<std::remove_pointer_t<T>>;
        if (v == nullptr)
            h.put_tag(HashTag::none);
        else
            put_string(h, std::basic_string_view<C>(v));
    } else if constexpr (k == Kind::char_array) {
        // A char array is a C string bounded by its size: up to the first NUL.
        using C = std::remove_cv_t<std::remove_extent_t<T>>;
        const std::basic_string_view<C> all(v, std::extent_v<T>);
        put_string(h, all.substr(0, all.find(C{})));
    } else if constexpr (k == Kind::path) {
        h.put_tag(HashTag::path);
        put_string(h, std::basic_string_view<std::filesystem::path::value_type>(v.native()));
    } else if constexpr (k == Kind::optional) {
        const unsigned char b[2] = {static_cast<unsigned char>(HashTag::optional),
                                    static_cast<unsigned char>(v.has_value() ? 1 : 0)};
        h.update(b, 2);
        if (v.has_value()) encode(h, *v);
    } else if constexpr (k == Kind::variant) {
        const std::uint64_t index = v.valueless_by_exception()
                                        ? std::numeric_limits<std::uint64_t>::max()
                                        : static_cast<std::uint64_t>(v.index());
        h.put_tag_u64(HashTag::variant, index);
        if (!v.valueless_by_exception()) std::visit([&h](const auto& alt) { encode(h, alt); }, v);
    } else if constexpr (k == Kind::tuple) {
        h.put_tag_u64(HashTag::tuple, std::tuple_size_v<T>);
        std::apply([&h](const auto&... e) { (encode(h, e), ...); }, v);
    } else if constexpr (k == Kind::duration) {
        put_duration(h, v);
    } else if constexpr (k == Kind::time_point) {
        h.put_tag(HashTag::time_point);
        put_duration(h, v.time_since_epoch());
    } else if constexpr (k == Kind::set) {
        put_unordered(h, HashTag::set, v.begin(), v.size(), [](const auto& e) {
            Hasher sub;
            encode(sub, e);
            return sub.digest();
        });
    } else if constexpr (k == Kind::map) {
        put_unordered(h, HashTag::map, v.begin(), v.size(), [](const auto& kv) {
            Hasher sub;
            encode(sub, kv.first);
            encode(sub, kv.second);
            return sub.digest();
        });
    } else if constexpr (k == Kind::sequence) {
        put_sequence(h, v);
    } else if constexpr (k == Kind::user) {
        h.put_tag(HashTag::user);
        hash_append(h, v); // ADL: the user's overload
    }
}

// Scalars with an encoding of fixed size, written straight into a buffer: the bytes encode()
// appends for them, without a Hasher (the cache's call path hashes small argument lists this
// way, in one XXH3 call of a constant length). fixed_size<T>(): the encoding's size, 0 when T
// is not such a scalar.
template <class T>
consteval std::size_t fixed_size() {
    constexpr Kind k = kind_of<T>();
    if constexpr (k == Kind::boolean)
        return 2;
    else if constexpr (k == Kind::character || k == Kind::sint || k == Kind::uint)
        return 9;
    else if constexpr (k == Kind::floating)
        return std::is_same_v<T, long double> ? 0 : 9; // long double: one or two words
    else if constexpr (k == Kind::enumeration)
        return 1 + fixed_size<std::underlying_type_t<T>>();
    else
        return 0;
}

inline unsigned char* put_fixed_tag_u64(unsigned char* out, HashTag tag, std::uint64_t v) {
    out[0] = static_cast<unsigned char>(tag);
    std::memcpy(out + 1, &v, 8);
    return out + 9;
}

// Writes fixed_size<T>() bytes (the same as encode(h, v)); returns the end.
template <class T>
unsigned char* put_fixed(unsigned char* out, const T& v) {
    constexpr Kind k = kind_of<T>();
    static_assert(fixed_size<T>() != 0);
    if constexpr (k == Kind::boolean) {
        out[0] = static_cast<unsigned char>(HashTag::boolean);
        out[1] = static_cast<unsigned char>(v ? 1 : 0);
        return out + 2;
    } else if constexpr (k == Kind::character) {
        return put_fixed_tag_u64(
            out, HashTag::character,
            static_cast<std::uint32_t>(static_cast<std::make_unsigned_t<T>>(v)));
    } else if constexpr (k == Kind::sint) {
        return put_fixed_tag_u64(out, HashTag::sint,
                                 static_cast<std::uint64_t>(static_cast<std::int64_t>(v)));
    } else if constexpr (k == Kind::uint) {
        return put_fixed_tag_u64(out, HashTag::uint, static_cast<std::uint64_t>(v));
    } else if constexpr (k == Kind::floating) {
        return put_fixed_tag_u64(
            out, HashTag::floating,
            std::bit_cast<std::uint64_t>(canonical_double(static_cast<double>(v))));
    } else {
        out[0] = static_cast<unsigned char>(HashTag::enumeration);
        return put_fixed(out + 1, static_cast<std::underlying_type_t<T>>(v));
    }
}

} // namespace detail

// [SECTION] Entry points: hash_value, hash_args, Hashable ---------------------------------------

// True when T has an encoding: built in (recursively for containers) or an ADL hash_append.
template <class T>
concept Hashable = detail::is_hashable<std::remove_cvref_t<T>>();

// The digest of one value's encoding.
template <class T>
Hash128 hash_value(const T& value) {
    Hasher h;
    detail::encode(h, value);
    return h.digest();
}

// The digest of a whole argument list: `args` tag, arity, then each argument's encoding.
// Unhashed arguments contribute only their tag; keyed ones only their version.
template <class... Args>
Hash128 hash_args(const Args&... args) {
    Hasher h;
    h.put_tag_u64(HashTag::args, sizeof...(Args));
    (detail::encode(h, args), ...);
    return h.digest();
}

} // namespace imlit

// std::hash for unordered containers keyed by a digest (the low word is already well mixed).
template <>
struct std::hash<imlit::Hash128> {
    std::size_t operator()(const imlit::Hash128& h) const noexcept {
        return static_cast<std::size_t>(h.lo);
    }
};
