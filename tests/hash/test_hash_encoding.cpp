// Tests for the cache-key hasher (DESIGN R1): distinctness, equality, customisation, wrappers.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <deque>
#include <forward_list>
#include <limits>
#include <list>
#include <map>
#include <set>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "imlit/hash.hpp"

using imlit::Hash128;
using imlit::hash_args;
using imlit::hash_value;

namespace {

template <class A, class B>
bool same(const A& a, const B& b) {
    return imlit::hash_value(a) ==
           imlit::hash_value(b); // qualified: std::filesystem::hash_value exists
}

} // namespace

namespace geo {
struct Point {
    int x = 0, y = 0;
    std::string label;
};
// A user type: ADL hash_append appending the fields that define its value.
void hash_append(imlit::Hasher& h, const Point& p) {
    h(p.x, p.y, p.label);
}

// A user type whose hash_append is a template over the hasher and calls hash_append
// unqualified on a member (the built-in overload must be found and must not be ambiguous).
struct Polygon {
    std::vector<Point> points;
    std::string ignored_cache; // not part of the value
};
template <class H>
void hash_append(H& h, const Polygon& p) {
    hash_append(h, p.points);
}

// A user type that appends exactly one int: still not the same as that int.
struct Meters {
    int v = 0;
};
void hash_append(imlit::Hasher& h, const Meters& m) {
    h(m.v);
}

enum class Color : std::uint8_t { red, green };
} // namespace geo

namespace other {
struct NoHash {
    int x;
};
} // namespace other

static_assert(imlit::Hashable<int>);
static_assert(imlit::Hashable<const std::string&>);
static_assert(imlit::Hashable<std::map<std::string, std::vector<std::optional<double>>>>);
static_assert(imlit::Hashable<std::tuple<int, std::variant<std::monostate, std::string>>>);
static_assert(imlit::Hashable<geo::Point>);
static_assert(imlit::Hashable<std::vector<geo::Polygon>>);
static_assert(imlit::Hashable<geo::Color>);
static_assert(imlit::Hashable<std::filesystem::path>);
static_assert(imlit::Hashable<std::chrono::milliseconds>);
static_assert(!imlit::Hashable<other::NoHash>);
static_assert(!imlit::Hashable<std::vector<other::NoHash>>);
static_assert(!imlit::Hashable<std::map<int, other::NoHash>>);
static_assert(!imlit::Hashable<std::pair<int, other::NoHash>>);
static_assert(!imlit::Hashable<std::optional<other::NoHash>>);
static_assert(!imlit::Hashable<int*>);
static_assert(!imlit::Hashable<std::shared_ptr<int>>);
// The two ways out make anything hashable.
static_assert(imlit::Hashable<imlit::Unhashed<other::NoHash>>);
static_assert(imlit::Hashable<imlit::Keyed<other::NoHash&, int>>);
static_assert(!imlit::Hashable<imlit::Keyed<int, other::NoHash>>); // the version must hash

TEST_CASE("hash: 1, 1.0, true and \"1\" all differ", "[hash]") {
    const std::vector<Hash128> hs = {hash_value(1),
                                     hash_value(1.0),
                                     hash_value(true),
                                     hash_value("1"),
                                     hash_value('1'),
                                     hash_value(1u),
                                     hash_value(geo::Color::green)};
    for (std::size_t i = 0; i < hs.size(); ++i)
        for (std::size_t j = i + 1; j < hs.size(); ++j) {
            INFO("i=" << i << " j=" << j);
            CHECK_FALSE(hs[i] == hs[j]);
        }
    CHECK_FALSE(hash_args(1) == hash_args(1.0));
    CHECK_FALSE(hash_args(1) == hash_args(std::string("1")));
}

TEST_CASE("hash: integer and floating families widen (int 1 == long 1, float 1 == double 1)",
          "[hash]") {
    CHECK(same(1, 1L));
    CHECK(same(1, static_cast<short>(1)));
    CHECK(same(static_cast<signed char>(-5), -5LL));
    CHECK(same(1u, static_cast<std::uint64_t>(1)));
    CHECK(same(static_cast<std::uint8_t>(200), 200ul));
    CHECK(same(1.5f, 1.5));
    CHECK(same(1.5L, 1.5));
    CHECK(hash_args(1, 2.0f) == hash_args(1L, 2.0));
    // ...but signed and unsigned are separate families, and so are chars and integers.
    CHECK_FALSE(same(1, 1u));
    CHECK_FALSE(same('a', 97));
    CHECK_FALSE(same(-1, std::numeric_limits<std::uint64_t>::max()));
    // long double beyond double precision is still distinguished.
    const long double third = 1.0L / 3.0L;
    if (static_cast<long double>(static_cast<double>(third)) != third) {
        CHECK_FALSE(same(third, static_cast<double>(third)));
        CHECK(same(third, 1.0L / 3.0L));
    }
}

TEST_CASE("hash: -0.0 equals 0.0 and every NaN is one value", "[hash]") {
    CHECK(same(-0.0, 0.0));
    CHECK(same(-0.0f, 0.0));
    const double qnan = std::numeric_limits<double>::quiet_NaN();
    const double other_nan = -std::nan("123");
    CHECK(same(qnan, other_nan));
    CHECK(same(std::numeric_limits<float>::signaling_NaN(), qnan));
    CHECK_FALSE(same(qnan, 0.0));
    CHECK_FALSE(same(std::numeric_limits<double>::infinity(), qnan));
    CHECK_FALSE(
        same(std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()));
    // Bulk-hashed arrays normalise the same way, in every position of a chunk.
    std::vector<float> a(5000, 1.0f), b(5000, 1.0f);
    a[0] = 0.0f;
    b[0] = -0.0f;
    a[4999] = std::numeric_limits<float>::quiet_NaN();
    b[4999] = -std::nanf("7");
    a[1234] = b[1234] = 3.5f;
    CHECK(same(a, b));
    std::vector<double> c{0.0, 1.0, qnan}, d{-0.0, 1.0, other_nan};
    CHECK(same(c, d));
    std::list<double> e{-0.0, 1.0, other_nan}; // per-element path agrees with the bulk path
    CHECK(same(c, e));
    b[1234] = 3.25f;
    CHECK_FALSE(same(a, b));
}

TEST_CASE("hash: strings, string_views and C strings of equal text are equal", "[hash]") {
    const std::string s = "hello";
    const std::string_view sv = s;
    const char* cs = "hello";
    char buf[16] = "hello";
    CHECK(same(s, sv));
    CHECK(same(s, cs));
    CHECK(same(s, "hello"));
    CHECK(same(s, buf)); // a char array is a C string bounded by its size
    CHECK(hash_args(std::string("a"), std::string_view("b")) == hash_args("a", "b"));
    CHECK_FALSE(same(s, std::string("hellO")));
    CHECK_FALSE(same(std::string(""), std::string(1, '\0')));
    CHECK_FALSE(same(std::string("ab"), std::vector<char>{'a', 'b'})); // text vs sequence
    CHECK(same(static_cast<const char*>(nullptr), std::nullopt));      // a null C string is none
    CHECK_FALSE(same(static_cast<const char*>(nullptr), ""));
    CHECK(same(std::u32string(U"ab"), U"ab"));
    CHECK_FALSE(same(std::u16string(u"ab"), std::string("ab")));
}

TEST_CASE("hash: containers are length-prefixed and shapes differ", "[hash]") {
    using V = std::vector<int>;
    CHECK_FALSE(same(V{1}, 1));
    CHECK_FALSE(same(V{}, std::vector<std::string>{""}));
    CHECK_FALSE(same(std::vector<V>{{1}, {2}}, std::vector<V>{{1, 2}}));
    CHECK_FALSE(same(std::vector<V>{{1, 2}, {}}, std::vector<V>{{}, {1, 2}}));
    CHECK_FALSE(same(std::vector<V>{{}}, std::vector<V>{}));
    CHECK_FALSE(same(std::vector<std::string>{"ab", "c"}, std::vector<std::string>{"a", "bc"}));
    CHECK_FALSE(same(std::vector<std::string>{"abc"}, std::string("abc")));
    CHECK_FALSE(same(std::make_tuple(std::string("a"), std::string("")),
                     std::make_tuple(std::string(""), std::string("a"))));
    CHECK_FALSE(same(V{1, 2}, V{2, 1}));
    CHECK_FALSE(same(V{1, 2}, std::make_pair(1, 2))); // a sequence is not a tuple
    CHECK_FALSE(same(V{1, 2}, std::set<int>{1, 2}));  // ...nor a set
    CHECK_FALSE(same(std::make_pair(std::string("a"), std::string("b")),
                     std::vector<std::string>{"a", "b"}));
    CHECK_FALSE(same(std::set<std::string>{"a", "b"}, std::vector<std::string>{"a", "b"}));
    CHECK_FALSE(same(std::map<int, int>{{1, 2}}, // a map is not a list of pairs
                     std::vector<std::pair<int, int>>{{1, 2}}));
    CHECK_FALSE(same(std::set<int>{1}, std::set<int>{1, 2}));
    CHECK_FALSE(same(std::map<int, int>{{1, 2}}, std::map<int, int>{{2, 1}}));
    CHECK_FALSE(same(std::multiset<int>{1, 1}, std::multiset<int>{1}));
    CHECK_FALSE(hash_args(1, 2) == hash_args(std::make_tuple(1, 2)));
    CHECK_FALSE(hash_args(1) == hash_args(1, imlit::unhashed(0)));
    CHECK_FALSE(hash_args() == hash_args(std::make_tuple()));
}

TEST_CASE("hash: length prefixes hold when data contains encoding bytes", "[hash]") {
    // A string whose bytes spell the header of another string: only the length prefixes keep
    // ("x" + H + "y", "") apart from ("x", "y" + H).
    const std::string header("\x09\x01\0\0\0\0\0\0\0\0", 10); // string tag, char size, length 0
    CHECK_FALSE(same(std::make_pair("x" + header + "y", std::string()),
                     std::make_pair(std::string("x"), "y" + header)));
    // Lists of lists: only the counts keep ([[], []], []) apart from ([[]], [[]]).
    using LL = std::vector<std::vector<std::string>>;
    CHECK_FALSE(same(std::make_pair(LL{{}, {}}, LL{}), std::make_pair(LL{{}}, LL{{}})));
    // The same for byte arrays: the element count keeps the split.
    const std::vector<std::uint8_t> a{1, 0x0A, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0}, b{1};
    CHECK_FALSE(same(std::make_pair(a, std::vector<std::uint8_t>{}),
                     std::make_pair(b, std::vector<std::uint8_t>(a.begin() + 1, a.end()))));
}

TEST_CASE("hash: sequences of the same elements hash equal whatever the container", "[hash]") {
    const std::vector<int> v{1, 2, 3};
    const std::array<int, 3> a{1, 2, 3};
    const int c[3] = {1, 2, 3};
    const std::deque<int> d{1, 2, 3};
    const std::list<int> l{1, 2, 3};
    const std::forward_list<int> f{1, 2, 3};
    CHECK(same(v, a));
    CHECK(same(v, c));
    CHECK(same(v, std::span<const int>(v)));
    CHECK(same(v, d));
    CHECK(same(v, l));
    CHECK(same(v, f));
    // Element types are exact inside arrays of scalars (they are hashed as raw bytes in bulk).
    CHECK_FALSE(same(v, std::vector<long>{1, 2, 3}));
    CHECK_FALSE(same(v, std::vector<unsigned>{1, 2, 3}));
    // vector<bool> (not contiguous) agrees with a bool array.
    CHECK(same(std::vector<bool>{true, false}, std::array<bool, 2>{true, false}));
    CHECK_FALSE(same(std::vector<bool>{true, false}, std::vector<bool>{false, true}));
    // Non-scalar elements.
    CHECK(same(std::vector<std::string>{"a", "b"}, std::list<std::string>{"a", "b"}));
    CHECK(same(std::vector<std::vector<int>>{{1}, {}}, std::deque<std::list<int>>{{1}, {}}));
    // Bytes: vector<uint8_t>, std::byte arrays.
    CHECK(same(std::vector<std::uint8_t>{1, 2}, std::array<std::uint8_t, 2>{1, 2}));
    CHECK(same(std::vector<std::byte>{std::byte{1}}, std::array<std::byte, 1>{std::byte{1}}));
    CHECK_FALSE(same(std::vector<std::byte>{std::byte{1}}, std::vector<std::uint8_t>{1}));
}

TEST_CASE("hash: unordered containers ignore insertion order and bucket count", "[hash]") {
    std::unordered_map<std::string, int> a, b(1000);
    for (int i = 0; i < 200; ++i)
        a.emplace("k" + std::to_string(i), i);
    for (int i = 199; i >= 0; --i)
        b.emplace("k" + std::to_string(i), i);
    b.rehash(4096);
    REQUIRE(a.bucket_count() != b.bucket_count());
    CHECK(same(a, b));
    // The same content in an ordered map is the same value.
    std::map<std::string, int> m(a.begin(), a.end());
    CHECK(same(a, m));
    b["k7"] = 8;
    CHECK_FALSE(same(a, b));

    std::unordered_set<int> s1, s2(512);
    for (int i = 0; i < 100; ++i)
        s1.insert(i * 7919);
    for (int i = 99; i >= 0; --i)
        s2.insert(i * 7919);
    CHECK(same(s1, s2));
    CHECK(same(s1, std::set<int>(s1.begin(), s1.end())));
    std::unordered_multiset<int> ms1{1, 1, 2}, ms2{2, 1, 1};
    CHECK(same(ms1, ms2));
    CHECK(same(ms1, std::multiset<int>{1, 2, 1}));
    CHECK_FALSE(same(ms1, std::multiset<int>{1, 2, 2}));
    // Key/value pairing matters, not just the two multisets of keys and values.
    CHECK_FALSE(same(std::map<int, int>{{1, 10}, {2, 20}}, std::map<int, int>{{1, 20}, {2, 10}}));
}

TEST_CASE("hash: optional, variant, pair and tuple", "[hash]") {
    using O = std::optional<int>;
    CHECK_FALSE(same(O{}, O{0}));
    CHECK_FALSE(same(O{1}, 1)); // an engaged optional is not the bare value
    CHECK(same(O{1}, std::optional<long>{1}));
    CHECK(same(O{}, std::optional<std::string>{}));
    CHECK_FALSE(same(std::optional<O>{O{}}, O{}));

    using Var = std::variant<int, long, std::string>;
    CHECK_FALSE(same(Var{1}, Var{1L})); // same value, different alternative index
    CHECK_FALSE(same(Var{1}, 1));
    CHECK(same(Var{std::string("a")}, std::variant<int, long, std::string_view>{"a"}));
    CHECK_FALSE(same(std::variant<std::monostate, int>{}, std::variant<std::monostate, int>{0}));

    CHECK(same(std::make_pair(1, std::string("a")), std::make_tuple(1L, "a")));
    CHECK_FALSE(same(std::make_pair(1, 2), std::make_pair(2, 1)));
    CHECK_FALSE(same(std::make_tuple(1, 2, 3), std::make_tuple(1, std::make_tuple(2, 3))));
}

TEST_CASE("hash: paths, durations and time points", "[hash]") {
    namespace fs = std::filesystem;
    CHECK(same(fs::path("/data/a.csv"), fs::path("/data") / "a.csv"));
    CHECK_FALSE(same(fs::path("/data/a.csv"), std::string("/data/a.csv")));
    CHECK_FALSE(same(fs::path("a"), fs::path("b")));

    using namespace std::chrono;
    CHECK(same(seconds(1), milliseconds(1000)));
    CHECK(same(seconds(1), duration<double>(1.0)));
    CHECK(same(minutes(2), nanoseconds(120'000'000'000)));
    CHECK(same(duration<double, std::milli>(0.5), microseconds(500)));
    CHECK(same(duration<double>(-0.0), seconds(0)));
    CHECK_FALSE(same(seconds(1), milliseconds(1001)));
    CHECK_FALSE(same(seconds(1), 1));
    CHECK_FALSE(same(duration<double>(1e-10), nanoseconds(0))); // sub-ns values kept
    CHECK(same(duration<double>(1e-10), duration<float, std::nano>(0.1f)) ==
          (static_cast<double>(0.1f) == 0.1)); // as exact as double allows
    const sys_seconds t{seconds(1700000000)};
    CHECK(same(t, time_point_cast<milliseconds>(t)));
    CHECK_FALSE(same(t, t + seconds(1)));
    CHECK_FALSE(same(t, seconds(1700000000)));
}

TEST_CASE("hash: user types through ADL hash_append", "[hash]") {
    const geo::Point p{1, 2, "a"}, q{1, 2, "a"}, r{2, 1, "a"};
    CHECK(same(p, q));
    CHECK_FALSE(same(p, r));
    CHECK_FALSE(same(p, geo::Point{1, 2, "b"}));
    // Containers of user types, and a user type that hashes a container of user types.
    CHECK(same(std::vector<geo::Point>{p}, std::list<geo::Point>{q}));
    geo::Polygon a{{p, r}, "x"}, b{{p, r}, "y"};
    CHECK(same(a, b)); // ignored_cache is not part of its value
    b.points.pop_back();
    CHECK_FALSE(same(a, b));
    CHECK(same(std::map<std::string, geo::Point>{{"p", p}},
               std::unordered_map<std::string, geo::Point>{{"p", q}}));
    // A user type is tagged: it is not the bare tuple of its fields.
    CHECK_FALSE(same(p, std::make_tuple(1, 2, std::string("a"))));
    CHECK_FALSE(same(geo::Meters{5}, 5));
    CHECK(same(geo::Meters{5}, geo::Meters{5}));
}

TEST_CASE("hash: enums hash as tag plus underlying value", "[hash]") {
    CHECK(same(geo::Color::green, geo::Color::green));
    CHECK_FALSE(same(geo::Color::red, geo::Color::green));
    CHECK_FALSE(same(geo::Color::green, 1u));
    CHECK(
        same(std::vector<geo::Color>{geo::Color::green}, std::list<geo::Color>{geo::Color::green}));
}

TEST_CASE("hash: keyed() hashes only the version and unhashed() contributes nothing", "[hash]") {
    std::vector<std::uint8_t> big(1 << 20, 7), other(3, 1);
    CHECK(hash_args(imlit::keyed(big, 3)) == hash_args(imlit::keyed(other, 3)));
    CHECK_FALSE(hash_args(imlit::keyed(big, 3)) == hash_args(imlit::keyed(big, 4)));
    CHECK(hash_args(imlit::keyed(big, std::string("v1"))) == hash_args(imlit::keyed(other, "v1")));
    CHECK_FALSE(hash_args(imlit::keyed(big, 3)) == hash_args(3)); // tagged as keyed
    CHECK_FALSE(hash_args(imlit::keyed(big, 3)) == hash_args(big));

    CHECK(hash_args(1, imlit::unhashed(big)) == hash_args(1, imlit::unhashed(other)));
    CHECK(hash_args(1, imlit::unhashed(other::NoHash{5})) == hash_args(1, imlit::unhashed(2.5)));
    CHECK_FALSE(hash_args(1, imlit::unhashed(big)) == hash_args(2, imlit::unhashed(big)));
    // Inside containers too.
    CHECK(same(std::make_pair(1, imlit::unhashed(big)), std::make_pair(1, imlit::unhashed(0))));

    // The wrappers hold lvalues by reference (O(1)), rvalues by value, and unwrap_arg gives
    // back what the loader receives.
    auto k = imlit::keyed(big, 1);
    static_assert(std::is_same_v<decltype(k), imlit::Keyed<std::vector<std::uint8_t>&, int>>);
    CHECK(&imlit::unwrap_arg(k) == &big);
    auto u = imlit::unhashed(std::vector<int>{1, 2});
    static_assert(std::is_same_v<decltype(u), imlit::Unhashed<std::vector<int>>>);
    CHECK(imlit::unwrap_arg(u).size() == 2);
    static_assert(std::is_same_v<decltype(imlit::unwrap_arg(std::move(u))), std::vector<int>&&>);
    int plain = 4;
    CHECK(&imlit::unwrap_arg(plain) == &plain);
}

TEST_CASE("hash: Hasher streams, copies and resets consistently", "[hash]") {
    // One value appended in pieces or at once; short (inline) and long (streaming) inputs.
    for (std::size_t n : {0u, 10u, 239u, 240u, 241u, 5000u}) {
        std::string s(n, 'x');
        for (std::size_t i = 0; i < n; ++i)
            s[i] = static_cast<char>('a' + i % 26);
        imlit::Hasher a;
        a(1, s, 2);
        imlit::Hasher b;
        b(1);
        imlit::Hasher c = b; // copy mid-stream
        b(s)(2);
        c(s, 2);
        CHECK(a.digest() == b.digest());
        CHECK(a.digest() == c.digest());
        // Same bytes as a bare one-shot XXH3-128 of the encoding.
        imlit::Hasher raw;
        raw.update(s.data(), s.size());
        const XXH128_hash_t x = XXH3_128bits(s.data(), s.size());
        CHECK(raw.digest() == Hash128{x.low64, x.high64});
        a.reset();
        CHECK(a.digest() == imlit::Hasher{}.digest());
    }
    CHECK(hash_args(1, "a") == [] {
        imlit::Hasher h;
        h.put_tag_u64(imlit::HashTag::args, 2);
        h(1, "a");
        return h.digest();
    }());
}

TEST_CASE("hash: Hash128 itself is hashable and distinct from its words", "[hash]") {
    const Hash128 a{1, 2}, b{2, 1};
    CHECK_FALSE(same(a, b));
    CHECK(same(a, Hash128{1, 2}));
    CHECK_FALSE(same(a, std::make_pair(1ull, 2ull)));
}

TEST_CASE("hash: Hash128 works as a key of ordered and unordered containers", "[hash]") {
    std::unordered_set<Hash128> u;
    std::set<Hash128> o;
    for (int i = 0; i < 100; ++i) {
        u.insert(hash_value(i));
        o.insert(hash_value(i));
    }
    u.insert(hash_value(5L)); // same value, same digest
    o.insert(hash_value(5L));
    CHECK(u.size() == 100);
    CHECK(o.size() == 100);
    CHECK(u.count(hash_value(99)) == 1);
    CHECK((Hash128{1, 2} < Hash128{2, 1}));
}
