// A cached call's key: argument lists of fixed-size scalars are encoded straight into a buffer
// and hashed in one XXH3 call (detail::hash_call_fixed); everything else streams through a
// Hasher (detail::hash_call_streamed). Both must give the same digest for the same call, or a
// cache would miss (and persisted keys would change) depending on which path a call took.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <tuple>

#include "imlit/cache.hpp"
#include "imlit/hash.hpp"

namespace {

using imlit::Hash128;
using imlit::detail::hash_call;
using imlit::detail::hash_call_fixed;
using imlit::detail::hash_call_streamed;

enum class Small : std::uint8_t { a = 1, b = 200 };
enum Plain { p0, p1 = -7 };
enum class Flag : bool { off, on };
enum class Letter : char { x = 'x' };

// The key of a call to a loader taking P..., with arguments a..., by both paths; also checks
// that hash_call takes the fixed path (the one a cache hit uses) for these arguments.
template <class... P, class... A>
void check_same(const A&... a) {
    using Params = std::tuple<P...>;
    static_assert(((imlit::detail::fixed_arg_size<P, const A&>() != 0) && ...),
                  "these arguments should take the fixed path");
    const Hash128 fixed = hash_call_fixed(static_cast<Params*>(nullptr), a...);
    const Hash128 streamed = hash_call_streamed(static_cast<Params*>(nullptr), a...);
    CHECK(fixed == streamed);
    CHECK(hash_call(static_cast<Params*>(nullptr), a...) == streamed);
}

} // namespace

TEST_CASE("call keys: the fixed path gives the Hasher's digest for every scalar kind", "[hash]") {
    check_same<>();
    check_same<int>(0);
    check_same<int>(-1);
    check_same<int>(std::numeric_limits<int>::min());
    check_same<long long>(std::numeric_limits<long long>::max());
    check_same<signed char>(static_cast<signed char>(-128));
    check_same<unsigned>(0xFFFFFFFFu);
    check_same<std::uint64_t>(std::numeric_limits<std::uint64_t>::max());
    check_same<unsigned char>(static_cast<unsigned char>(255));
    check_same<bool>(true);
    check_same<bool>(false);
    check_same<char>('a');
    check_same<char>(static_cast<char>(-3)); // a negative char: its code unit, not -3
    check_same<wchar_t>(L'\u00e9');
    check_same<char16_t>(u'\u20ac');
    check_same<char32_t>(U'\U0001F600');
    check_same<char8_t>(u8'z');
    check_same<double>(1.5);
    check_same<double>(-0.0); // canonicalised to 0.0
    check_same<double>(std::nan("1"));
    check_same<double>(-std::numeric_limits<double>::quiet_NaN());
    check_same<double>(std::numeric_limits<double>::infinity());
    check_same<float>(0.1f);
    check_same<float>(-0.0f);
    check_same<Small>(Small::b);
    check_same<Plain>(p1);
    check_same<Flag>(Flag::on);
    check_same<Letter>(Letter::x);
    check_same<int, double, bool, char, Small>(7, 2.25, false, 'q', Small::a);
}

TEST_CASE("call keys: arguments converted to the loader's parameter type hash alike on both "
          "paths",
          "[hash]") {
    check_same<double>(3);         // int -> double
    check_same<double>(0.5f);      // float -> double
    check_same<int>(2.9);          // double -> int (truncated, as the loader would get it)
    check_same<std::int64_t>(-5);  // int -> int64
    check_same<std::uint8_t>(300); // int -> uint8 (wraps, as the loader would get it)
    check_same<float>(1e300);      // double -> float (inf)
    check_same<bool>(2);           // int -> bool
    check_same<const double&>(4);  // a const reference parameter
    check_same<double, int>(1, 2.0);
    // The conversions key like the parameter's own value: f(1) and f(1.0) share an entry.
    using D = std::tuple<double>;
    CHECK(hash_call(static_cast<D*>(nullptr), 1) == hash_call(static_cast<D*>(nullptr), 1.0));
    CHECK(hash_call(static_cast<D*>(nullptr), 1) == imlit::hash_args(1.0));
}

TEST_CASE("call keys: the fixed path's digests are the documented encoding's", "[hash]") {
    // hash_args is pinned by the golden tests; a scalar call key is hash_args of the values.
    using P = std::tuple<int, double, bool>;
    CHECK(hash_call(static_cast<P*>(nullptr), 42, 0.25, true) == imlit::hash_args(42, 0.25, true));
    using Q = std::tuple<>;
    CHECK(hash_call(static_cast<Q*>(nullptr)) == imlit::hash_args());
    // Strings and other non-scalars stream, and still mix with scalars.
    using R = std::tuple<const std::string&, int>;
    CHECK(hash_call(static_cast<R*>(nullptr), "abc", 1) == imlit::hash_args(std::string("abc"), 1));
}

TEST_CASE("call keys: a Cached<T> argument (its entry's identity) hashes alike on both paths",
          "[hash]") {
    const imlit::Cached<const int> c(std::make_shared<const int>(1), nullptr,
                                     imlit::detail::CachedState::ready, 123456789);
    check_same<const int&>(c);
    check_same<const int&, int>(c, 5);
    const imlit::Cached<const int> other(std::make_shared<const int>(1), nullptr,
                                         imlit::detail::CachedState::ready, 123456790);
    using P = std::tuple<const int&>;
    CHECK(hash_call(static_cast<P*>(nullptr), c) != hash_call(static_cast<P*>(nullptr), other));
}
