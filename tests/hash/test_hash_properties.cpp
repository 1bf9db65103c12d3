// Property tests for the hash encoding (a libFuzzer-free fuzz): random nested values hash
// deterministically, equal values built differently hash equal, and a corpus of distinct random
// values has no collisions.
#include <catch2/catch.hpp>

#include <deque>
#include <list>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "imlit/hash.hpp"

namespace {

using Leaf = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                          std::vector<std::uint8_t>, std::vector<float>>;
using Node = std::tuple<std::vector<Leaf>, std::map<std::string, std::optional<Leaf>>,
                        std::vector<std::vector<std::int32_t>>, std::set<std::string>>;

struct Gen {
    std::mt19937_64 rng;
    explicit Gen(std::uint64_t seed) : rng(seed) {}

    std::size_t small(std::size_t max) {
        return std::uniform_int_distribution<std::size_t>(0, max)(rng);
    }
    std::string str() {
        std::string s(small(6), 'a');
        for (char& c : s)
            c = static_cast<char>('a' + small(3)); // tiny alphabet: near-collisions
        return s;
    }
    Leaf leaf() {
        switch (small(6)) {
        case 0:
            return std::monostate{};
        case 1:
            return small(1) == 1;
        case 2:
            return static_cast<std::int64_t>(small(8)) - 4;
        case 3:
            return static_cast<double>(small(8)) / 2 - 2; // includes 0.0; -0.0 handled below
        case 4:
            return str();
        case 5: {
            std::vector<std::uint8_t> v(small(4));
            for (auto& b : v)
                b = static_cast<std::uint8_t>(small(2));
            return v;
        }
        default: {
            std::vector<float> v(small(3));
            for (auto& f : v)
                f = static_cast<float>(small(4)) - 1.5f;
            return v;
        }
        }
    }
    Node node() {
        Node n;
        auto& [leaves, map, nested, set] = n;
        for (std::size_t i = small(3); i > 0; --i)
            leaves.push_back(leaf());
        for (std::size_t i = small(3); i > 0; --i)
            map[str()] = small(3) == 0 ? std::nullopt : std::optional<Leaf>(leaf());
        for (std::size_t i = small(3); i > 0; --i) {
            nested.emplace_back(small(3));
            for (auto& x : nested.back())
                x = static_cast<std::int32_t>(small(2));
        }
        for (std::size_t i = small(3); i > 0; --i)
            set.insert(str());
        return n;
    }
};

// The same value rebuilt through other containers and float signs: must hash equal.
imlit::Hash128 hash_rebuilt(const Node& n) {
    const auto& [leaves, map, nested, set] = n;
    std::list<Leaf> leaves2;
    for (const Leaf& l : leaves) {
        if (const double* d = std::get_if<double>(&l); d && *d == 0.0)
            leaves2.emplace_back(-0.0);
        else
            leaves2.push_back(l);
    }
    std::unordered_map<std::string, std::optional<Leaf>> map2(64);
    for (auto it = map.rbegin(); it != map.rend(); ++it)
        map2.insert(*it);
    std::deque<std::list<std::int32_t>> nested2;
    for (const auto& v : nested)
        nested2.emplace_back(v.begin(), v.end());
    std::unordered_set<std::string> set2(set.begin(), set.end());
    return imlit::hash_value(std::make_tuple(leaves2, map2, nested2, set2));
}

} // namespace

TEST_CASE("hash property: random nested values hash deterministically and equal when rebuilt",
          "[hash]") {
    Gen gen(12345);
    for (int i = 0; i < 2000; ++i) {
        const Node n = gen.node();
        const Node copy = n;
        const imlit::Hash128 h = imlit::hash_value(n);
        REQUIRE(h == imlit::hash_value(n));
        REQUIRE(h == imlit::hash_value(copy));
        REQUIRE(h == hash_rebuilt(n));
    }
}

TEST_CASE("hash property: a corpus of distinct random values has no collisions", "[hash]") {
    Gen gen(987654321);
    std::set<Node> values; // distinct by operator== (std containers compare by value)
    while (values.size() < 20000)
        values.insert(gen.node());
    // Canonical doubles only (-0.0 < 0.0 is false for std::set, so they are merged already).
    std::map<std::pair<std::uint64_t, std::uint64_t>, const Node*> seen;
    std::size_t collisions = 0;
    for (const Node& n : values) {
        const imlit::Hash128 h = imlit::hash_value(n);
        if (!seen.emplace(std::make_pair(h.lo, h.hi), &n).second) ++collisions;
    }
    CHECK(collisions == 0);
    CHECK(seen.size() == values.size());
}

TEST_CASE("hash property: small structurally similar values are pairwise distinct", "[hash]") {
    // Exhaustive over a small space where encoding mistakes (missing length prefixes, missing
    // tags) would show up as collisions: every vector<string> of up to 3 strings over {"", a, aa}
    // and the same split across a pair.
    const std::vector<std::string> atoms = {"", "a", "aa"};
    std::vector<std::vector<std::string>> all = {{}};
    for (int len = 1; len <= 3; ++len) {
        std::vector<std::vector<std::string>> next;
        for (const auto& v : all)
            if (static_cast<int>(v.size()) == len - 1)
                for (const auto& a : atoms) {
                    auto w = v;
                    w.push_back(a);
                    next.push_back(w);
                }
        all.insert(all.end(), next.begin(), next.end());
    }
    std::set<std::pair<std::uint64_t, std::uint64_t>> digests;
    for (const auto& v : all) {
        const auto h = imlit::hash_value(v);
        digests.emplace(h.lo, h.hi);
        for (std::size_t cut = 0; cut <= v.size(); ++cut) {
            const std::vector<std::string> a(v.begin(), v.begin() + cut),
                b(v.begin() + cut, v.end());
            const auto p = imlit::hash_value(std::make_pair(a, b));
            digests.emplace(p.lo, p.hi);
        }
    }
    std::size_t expected = all.size();
    for (const auto& v : all)
        expected += v.size() + 1; // each (prefix, suffix) pair is distinct
    CHECK(digests.size() == expected);
}
