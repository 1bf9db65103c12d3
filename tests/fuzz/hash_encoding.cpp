// libFuzzer target: the hash encoding is injective on the fuzzed shapes (DESIGN R1).
//
// Two values a and b of one shape (nested vectors, strings, optionals, doubles, floats,
// variants) are decoded from the input so that collisions are likely to be tried: both read the
// SAME stream of leaf bytes (string contents, number bits) but each has its own stream of
// structure bytes (lengths, counts, engaged flags, variant indices). Different structures over
// the same bytes are exactly the values a missing length prefix or type tag would confuse
// (["ab", "c"] and ["a", "bc"]; an int64 and a double with the same bits). A structure flag
// may also turn a leaf into an equal twin (-0.0 for 0.0, another NaN bit pattern for a NaN).
//
// Property: hash_value(a) == hash_value(b) exactly when a and b are equal as values (numbers
// compare with ==, except that every NaN equals every NaN: the encoding canonicalises them).
// The digest stands in for the encoding: a 128-bit XXH3 collision between two inputs of a few
// KB will not happen by chance, so equal digests mean equal encodings.
//
// Input: [shape][structure-a length][structure-b length][structure a][structure b][leaves].
#include <fuzzer/FuzzedDataProvider.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

#include "imlit/hash.hpp"

namespace {

// The bound on a container's size: small for containers of compound values, large for number
// arrays (their hashing has fast paths above 240 and 256 bytes).
constexpr std::size_t kMaxCompound = 16;
constexpr std::size_t kMaxNumbers = 300;
constexpr std::size_t kMaxString = 64;

class Source {
public:
    Source(std::span<const std::uint8_t> structure, std::span<const std::uint8_t> leaves)
        : shape_(structure.data(), structure.size()), leaves_(leaves) {}

    FuzzedDataProvider& shape() { return shape_; }
    // Leaf bytes; zeros once the stream is exhausted (both values then read the same zeros).
    void leaf(void* out, std::size_t n) {
        auto* p = static_cast<std::uint8_t*>(out);
        for (std::size_t i = 0; i < n; ++i)
            p[i] = pos_ < leaves_.size() ? leaves_[pos_++] : 0;
    }

private:
    FuzzedDataProvider shape_;
    std::span<const std::uint8_t> leaves_;
    std::size_t pos_ = 0;
};

template <class T>
struct Codec;

// A NaN with other bits, or -0 for 0: equal as a value, different bits.
template <class F, class U>
F twin(F x) {
    U bits = std::bit_cast<U>(x);
    constexpr U sign = U(1) << (sizeof(U) * 8 - 1);
    if (x == F(0)) return std::bit_cast<F>(bits ^ sign);
    if (std::isnan(x)) {
        const U flipped = bits ^ U(1); // lowest mantissa bit; keep the mantissa non-zero
        const U payload = std::isnan(std::bit_cast<F>(flipped)) ? flipped : (bits | U(2));
        return std::bit_cast<F>(payload ^ sign);
    }
    return x;
}

template <class F, class U>
struct FloatCodec {
    static F decode(Source& s) {
        U bits = 0;
        s.leaf(&bits, sizeof bits);
        const F x = std::bit_cast<F>(bits);
        return s.shape().ConsumeBool() ? twin<F, U>(x) : x;
    }
    static bool equal(F a, F b) { return a == b || (std::isnan(a) && std::isnan(b)); }
};
template <>
struct Codec<double> : FloatCodec<double, std::uint64_t> {};
template <>
struct Codec<float> : FloatCodec<float, std::uint32_t> {};

template <>
struct Codec<std::int64_t> {
    static std::int64_t decode(Source& s) {
        std::int64_t v = 0;
        s.leaf(&v, sizeof v);
        return v;
    }
    static bool equal(std::int64_t a, std::int64_t b) { return a == b; }
};

template <>
struct Codec<std::string> {
    static std::string decode(Source& s) {
        std::string v(s.shape().ConsumeIntegralInRange<std::size_t>(0, kMaxString), '\0');
        s.leaf(v.data(), v.size());
        return v;
    }
    static bool equal(const std::string& a, const std::string& b) { return a == b; }
};

template <>
struct Codec<std::monostate> {
    static std::monostate decode(Source&) { return {}; }
    static bool equal(std::monostate, std::monostate) { return true; }
};

template <class T>
struct Codec<std::optional<T>> {
    static std::optional<T> decode(Source& s) {
        if (!s.shape().ConsumeBool()) return std::nullopt;
        return Codec<T>::decode(s);
    }
    static bool equal(const std::optional<T>& a, const std::optional<T>& b) {
        if (a.has_value() != b.has_value()) return false;
        return !a || Codec<T>::equal(*a, *b);
    }
};

template <class T>
struct Codec<std::vector<T>> {
    static std::vector<T> decode(Source& s) {
        const std::size_t max = std::is_arithmetic_v<T> ? kMaxNumbers : kMaxCompound;
        std::vector<T> v(s.shape().ConsumeIntegralInRange<std::size_t>(0, max));
        for (auto& e : v)
            e = Codec<T>::decode(s);
        return v;
    }
    static bool equal(const std::vector<T>& a, const std::vector<T>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!Codec<T>::equal(a[i], b[i])) return false;
        return true;
    }
};

template <class A, class B>
struct Codec<std::pair<A, B>> {
    static std::pair<A, B> decode(Source& s) {
        A a = Codec<A>::decode(s);
        return {std::move(a), Codec<B>::decode(s)};
    }
    static bool equal(const std::pair<A, B>& x, const std::pair<A, B>& y) {
        return Codec<A>::equal(x.first, y.first) && Codec<B>::equal(x.second, y.second);
    }
};

template <class... T>
struct Codec<std::tuple<T...>> {
    static std::tuple<T...> decode(Source& s) {
        return std::tuple<T...>{Codec<T>::decode(s)...}; // braces: left to right
    }
    static bool equal(const std::tuple<T...>& x, const std::tuple<T...>& y) {
        return equal_from(x, y, std::index_sequence_for<T...>{});
    }
    template <std::size_t... I>
    static bool equal_from(const std::tuple<T...>& x, const std::tuple<T...>& y,
                           std::index_sequence<I...>) {
        return (Codec<T>::equal(std::get<I>(x), std::get<I>(y)) && ...);
    }
};

template <class... T>
struct Codec<std::variant<T...>> {
    using V = std::variant<T...>;
    static V decode(Source& s) {
        const std::size_t index =
            s.shape().ConsumeIntegralInRange<std::size_t>(0, sizeof...(T) - 1);
        return pick(s, index, std::index_sequence_for<T...>{});
    }
    template <std::size_t... I>
    static V pick(Source& s, std::size_t index, std::index_sequence<I...>) {
        V v;
        ((index == I ? (v.template emplace<I>(Codec<T>::decode(s)), true) : false) || ...);
        return v;
    }
    static bool equal(const V& x, const V& y) {
        if (x.index() != y.index()) return false;
        return std::visit(
            [&](const auto& a) {
                using A = std::remove_cvref_t<decltype(a)>;
                return Codec<A>::equal(a, std::get<A>(y));
            },
            x);
    }
};

using Shape0 = std::vector<std::vector<std::string>>;
using Shape1 = std::pair<std::vector<std::optional<double>>, std::optional<std::string>>;
using Shape2 =
    std::tuple<std::optional<std::vector<std::string>>, std::vector<double>, std::string>;
using Shape3 = std::vector<
    std::variant<std::monostate, std::int64_t, double, std::string, std::vector<float>>>;
using Shape4 = std::vector<std::pair<std::string, std::vector<double>>>;
using Shape5 = std::pair<std::vector<float>, std::vector<double>>;
using Shape6 = std::vector<std::optional<std::vector<std::optional<std::string>>>>;

template <class T>
void check(std::span<const std::uint8_t> sa, std::span<const std::uint8_t> sb,
           std::span<const std::uint8_t> leaves) {
    Source source_a(sa, leaves), source_b(sb, leaves);
    const T a = Codec<T>::decode(source_a);
    const T b = Codec<T>::decode(source_b);
    const bool equal = Codec<T>::equal(a, b);
    const bool same_hash = imlit::hash_value(a) == imlit::hash_value(b);
    if (equal != same_hash) {
        std::fprintf(stderr, "hash_encoding: values %s but their hashes %s\n",
                     equal ? "equal" : "differ", same_hash ? "are equal" : "differ");
        std::abort();
    }
    // Hashing is deterministic, and an argument list is not the value itself.
    if (imlit::hash_value(a) != imlit::hash_value(T(a)) ||
        imlit::hash_args(a) == imlit::hash_value(a))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 3) return 0;
    const std::uint8_t shape = data[0];
    const std::span<const std::uint8_t> rest(data + 3, size - 3);
    const std::size_t la = std::min<std::size_t>(data[1], rest.size());
    const std::size_t lb = std::min<std::size_t>(data[2], rest.size() - la);
    const auto sa = rest.subspan(0, la);
    const auto sb = rest.subspan(la, lb);
    const auto leaves = rest.subspan(la + lb);
    switch (shape % 7) {
    case 0:
        check<Shape0>(sa, sb, leaves);
        break;
    case 1:
        check<Shape1>(sa, sb, leaves);
        break;
    case 2:
        check<Shape2>(sa, sb, leaves);
        break;
    case 3:
        check<Shape3>(sa, sb, leaves);
        break;
    case 4:
        check<Shape4>(sa, sb, leaves);
        break;
    case 5:
        check<Shape5>(sa, sb, leaves);
        break;
    default:
        check<Shape6>(sa, sb, leaves);
        break;
    }
    return 0;
}
