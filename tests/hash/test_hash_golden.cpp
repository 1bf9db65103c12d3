// Golden digests: the exact hash values of a fixed set of inputs, recorded from the encoding as
// it was before any speed work (kHashEncodingVersion 1). A digest that changes here changes every
// persisted key: bump kHashEncodingVersion instead of editing these numbers. The inputs cover
// the paths that have fast variants: the inline one-shot buffer, streaming past 240 bytes, bulk
// byte arrays (vectorised XXH3), float/double arrays (vectorised -0.0/NaN canonicalisation) at
// every chunk boundary, unaligned data and arrays that start at an odd stream offset.
#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "imlit/hash.hpp"

namespace {

using imlit::Hash128;

std::uint64_t splitmix(std::uint64_t& s) {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

template <class F>
F from_bits(std::uint64_t b) {
    if constexpr (sizeof(F) == 8) {
        return std::bit_cast<F>(b);
    } else {
        return std::bit_cast<F>(static_cast<std::uint32_t>(b));
    }
}

// n ordinary values with every kind of special sprinkled in when `specials` is set: -0.0,
// +0.0, NaNs of both signs with several payloads (quiet and signalling), infinities and
// denormals (including the negative ones that share -0.0's high word).
template <class F>
std::vector<F> floats(std::size_t n, bool specials, std::uint64_t seed) {
    std::vector<F> v(n);
    for (std::size_t i = 0; i < n; ++i)
        v[i] = static_cast<F>(static_cast<double>(splitmix(seed) % 20001) / 8.0 - 1250.0);
    if (!specials) return v;
    const bool dbl = sizeof(F) == 8;
    const std::uint64_t specials_bits[] = {
        dbl ? 0x8000000000000000ull : 0x80000000ull, // -0.0
        0,                                           // +0.0
        dbl ? 0x7FF8000000000000ull : 0x7FC00000ull, // canonical quiet NaN
        dbl ? 0xFFF8000000000000ull : 0xFFC00000ull, // x86's default NaN (negative)
        dbl ? 0x7FF0000000000001ull : 0x7F800001ull, // signalling NaN, payload 1
        dbl ? 0xFFF4000000000123ull : 0xFFA00123ull, // negative signalling NaN, payload
        dbl ? 0x7FFFFFFFFFFFFFFFull : 0x7FFFFFFFull, // quiet NaN, all payload bits
        dbl ? 0x7FF0000000000000ull : 0x7F800000ull, // +inf
        dbl ? 0xFFF0000000000000ull : 0xFF800000ull, // -inf
        dbl ? 0x0000000000000001ull : 0x00000001ull, // smallest denormal
        dbl ? 0x8000000000000001ull : 0x80000001ull, // smallest negative denormal
        dbl ? 0x800FFFFFFFFFFFFFull : 0x807FFFFFull, // largest negative denormal
    };
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t r = splitmix(seed);
        if (r % 7 == 0) v[i] = from_bits<F>(specials_bits[(r >> 8) % std::size(specials_bits)]);
    }
    return v;
}

std::vector<std::uint8_t> bytes(std::size_t n, std::uint64_t seed) {
    std::vector<std::uint8_t> v(n);
    for (auto& b : v)
        b = static_cast<std::uint8_t>(splitmix(seed));
    return v;
}

struct Case {
    std::string name;
    Hash128 digest;
};

std::vector<Case> cases() {
    std::vector<Case> c;
    const auto add = [&c](std::string name, Hash128 d) { c.push_back({std::move(name), d}); };
    add("args()", imlit::hash_args());
    add("args(42, hello)", imlit::hash_args(42, std::string("hello")));
    add("-0.0", imlit::hash_value(-0.0));
    add("NaN", imlit::hash_value(-std::nan("5")));
    add("1.5f", imlit::hash_value(1.5f));
    add("string(300)", imlit::hash_value(std::string(300, 'x')));
    for (std::size_t n : {0u, 1u, 3u, 241u, 256u, 1000u, 4096u, 1048589u})
        add("bytes(" + std::to_string(n) + ")", imlit::hash_value(bytes(n, n)));
    for (std::size_t n :
         {0u, 1u, 2u, 3u, 5u, 7u, 31u, 511u, 512u, 513u, 1023u, 1024u, 1025u, 5000u, 70001u}) {
        for (bool sp : {false, true}) {
            const std::string suffix = std::to_string(n) + (sp ? ",specials)" : ")");
            add("double(" + suffix, imlit::hash_value(floats<double>(n, sp, n)));
            add("float(" + suffix, imlit::hash_value(floats<float>(n, sp, n)));
        }
    }
    // The array's bytes start at stream offset 1 + 13 + 11: not a multiple of 8.
    add("args(string, doubles, int)",
        imlit::hash_args(std::string("abc"), floats<double>(3000, true, 9), 7));
    {
        const auto v = floats<double>(2001, true, 11);
        add("span of doubles from an odd index", imlit::hash_value(std::span(v).subspan(1)));
        const auto f = floats<float>(2003, true, 12);
        add("span of floats from an odd index", imlit::hash_value(std::span(f).subspan(3)));
    }
    {
        std::vector<std::string> v;
        for (int i = 0; i < 400; ++i)
            v.push_back(
                std::string(static_cast<std::size_t>(i % 13), static_cast<char>('a' + i % 26)));
        add("vector<string>(400)", imlit::hash_value(v));
    }
    {
        std::map<std::string, std::vector<float>> m;
        for (int i = 0; i < 20; ++i)
            m["k" + std::to_string(i)] = floats<float>(static_cast<std::size_t>(i * 37), true,
                                                       static_cast<std::uint64_t>(i));
        add("map<string, vector<float>>", imlit::hash_value(m));
    }
    {
        const auto b = bytes(100000, 3);
        imlit::Hasher h;
        std::size_t at = 0, step = 1;
        while (at < b.size()) {
            const std::size_t m = std::min(step, b.size() - at);
            h.update(b.data() + at, m);
            at += m;
            step = step * 3 % 1009 + 1;
        }
        add("Hasher fed in odd pieces", h.digest());
    }
    return c;
}

// Recorded from the encoding before the speed work (see the comment at the top).
const std::map<std::string, Hash128> kExpected = {
    {"args()", {0x67ad3d1316183ee2ull, 0x59193f28be798743ull}},
    {"args(42, hello)", {0x5d1e871e828bea08ull, 0x2061257a328dcfeeull}},
    {"-0.0", {0x0c66fa5ab7facd44ull, 0x6ae09fc4628ce347ull}},
    {"NaN", {0x90d5eeedaf8ee7d2ull, 0xb1a4e7239072f239ull}},
    {"1.5f", {0xe3d9a54f69c74b44ull, 0xc7061657b5c45f9full}},
    {"string(300)", {0x9eeab1128c6c3686ull, 0x4fbdb11ba15c814full}},
    {"bytes(0)", {0x16e7ed9bfc7d043eull, 0x75771e08554196edull}},
    {"bytes(1)", {0x0205e8d8c1dfcaa3ull, 0x6369386d0ec2da7eull}},
    {"bytes(3)", {0x62472480aae4e9c7ull, 0xcac1761599d06ae0ull}},
    {"bytes(241)", {0x81309d63c2474d95ull, 0xd72c404bacfda4b9ull}},
    {"bytes(256)", {0x9ff806ad8117f056ull, 0x8e9d0149d3626ea1ull}},
    {"bytes(1000)", {0x7a73b27f04676ddaull, 0x782f74022ddfb27aull}},
    {"bytes(4096)", {0xe73bc6e922cd8b6cull, 0x67807c594ae72077ull}},
    {"bytes(1048589)", {0xe517f708d3c19950ull, 0x6b39c8e7396629edull}},
    {"double(0)", {0xe27fe4a5ff87689dull, 0xdccb30aeaf4cc599ull}},
    {"float(0)", {0x4d5bdc99cd2d0f43ull, 0x07d44c10e8da4c05ull}},
    {"double(0,specials)", {0xe27fe4a5ff87689dull, 0xdccb30aeaf4cc599ull}},
    {"float(0,specials)", {0x4d5bdc99cd2d0f43ull, 0x07d44c10e8da4c05ull}},
    {"double(1)", {0x1b0192453e1509c1ull, 0xc8d2e670a63e30ddull}},
    {"float(1)", {0x2ea1fae274c053d9ull, 0xed3202e7f5eb8999ull}},
    {"double(1,specials)", {0x6b795c57c8d8fbcdull, 0xb11906e46947ce6aull}},
    {"float(1,specials)", {0x6779e579eb859ff1ull, 0xc86800681f7b3805ull}},
    {"double(2)", {0xd47196aae5bde5a3ull, 0x9f3e74c24b267727ull}},
    {"float(2)", {0xbd9fadf113d4fc02ull, 0xa01453b29b88a894ull}},
    {"double(2,specials)", {0x2c69650ca6763259ull, 0x49e53cb425b08b48ull}},
    {"float(2,specials)", {0x607cd0ea48d262f8ull, 0x367ea1ecbfc75c23ull}},
    {"double(3)", {0x0c1639e7d9c7c401ull, 0xd4d91b7bee61c980ull}},
    {"float(3)", {0xc76a13d9bf4aea46ull, 0x67372b26668acaafull}},
    {"double(3,specials)", {0xfff9c24ca6dc32b6ull, 0x8d85c97ce0c32290ull}},
    {"float(3,specials)", {0xe0e1687c0b27739cull, 0xef9fc7d3012e6a62ull}},
    {"double(5)", {0xb2dc6b8e2d88fd2eull, 0xb630997832f764fbull}},
    {"float(5)", {0x79cdff2dc2696130ull, 0xbff1cfca9b0dd3e7ull}},
    {"double(5,specials)", {0xc503b0d524aaaa01ull, 0x1cd31929417c7db4ull}},
    {"float(5,specials)", {0x51de2174270823d0ull, 0xa850b4580fc28b8aull}},
    {"double(7)", {0x09d7aefce4b5f850ull, 0xeb783b74512c0ff0ull}},
    {"float(7)", {0xbffd96e496a7beb0ull, 0x7e627a21bd45b190ull}},
    {"double(7,specials)", {0x0718fcca80cae8dfull, 0xa336d4aed9fe9374ull}},
    {"float(7,specials)", {0xeeea9b4065823fd8ull, 0x7d8cc0077845a58eull}},
    {"double(31)", {0x891d15ef998f0ef4ull, 0xa30dec1e5fb750c3ull}},
    {"float(31)", {0x29d5d0e5102d64d8ull, 0xf3ab5f8ec0dabeccull}},
    {"double(31,specials)", {0x0624c82ea74389dfull, 0x2141828a982f39c6ull}},
    {"float(31,specials)", {0x22eda0e5bf19f6d1ull, 0x06b311277de670d9ull}},
    {"double(511)", {0xf58c43781ad732dfull, 0xbe82ca0ad5c0a785ull}},
    {"float(511)", {0xac608fad3aa859f2ull, 0xdcdfc104b8b0d673ull}},
    {"double(511,specials)", {0xc31d7536c3abc3c4ull, 0xc100c8d6426f1482ull}},
    {"float(511,specials)", {0x8b32c44833b57f73ull, 0x17a78742955cfb9dull}},
    {"double(512)", {0xaedef1a5080cfee0ull, 0xf2f28eed4c8cf35aull}},
    {"float(512)", {0xa26bb0d094f36d9eull, 0x3df40c146bf29891ull}},
    {"double(512,specials)", {0xb35b6c47fd626850ull, 0xdd8991eb551e0d13ull}},
    {"float(512,specials)", {0x4f9a530aa407c265ull, 0x7de1f22c6e718dcbull}},
    {"double(513)", {0xac7b77df3ffd289aull, 0x213671a74bb6ca56ull}},
    {"float(513)", {0xec575ad0b1a8c9c5ull, 0x76197f364f2ed86aull}},
    {"double(513,specials)", {0xa43405045a6fbc51ull, 0x0aaafa32b7da1581ull}},
    {"float(513,specials)", {0x58f614dd3328ddbbull, 0x7f8913015acbe8b4ull}},
    {"double(1023)", {0x70b2de4b5494f560ull, 0xda0fefe01668457full}},
    {"float(1023)", {0x336d65dc0a0e16a9ull, 0x7212f52608a6eecaull}},
    {"double(1023,specials)", {0x67f93d6b0bb31ff9ull, 0xd694586c6f838391ull}},
    {"float(1023,specials)", {0x80c866e545aa08cfull, 0x5817aa428e08c0c7ull}},
    {"double(1024)", {0xb757cb0e6de01452ull, 0xcc10617b63e09b7aull}},
    {"float(1024)", {0x0073175698a77b07ull, 0x23c546a4d98581e8ull}},
    {"double(1024,specials)", {0xf3fb984a680a4fe0ull, 0x6e5ce9be342b3b6full}},
    {"float(1024,specials)", {0xf371ad33495379a7ull, 0x82a0756904a30abbull}},
    {"double(1025)", {0x5592761efbff62d8ull, 0xb824da21ac8f8b16ull}},
    {"float(1025)", {0xb6f8a82b0a7bc0feull, 0xc668c24294a924fdull}},
    {"double(1025,specials)", {0x2a601c1c5d7dd7a2ull, 0x95809091e963c3fcull}},
    {"float(1025,specials)", {0xaf8a059ad9df3027ull, 0x6662ebebbe36d2baull}},
    {"double(5000)", {0x8000684f480ee89cull, 0x237eb70a91e6cddbull}},
    {"float(5000)", {0x263765ed4897761cull, 0xf48e86e47a9fe176ull}},
    {"double(5000,specials)", {0xeb1f7bb15e0813f6ull, 0xc2121e219ab6eb15ull}},
    {"float(5000,specials)", {0x3adebb9a38a8921dull, 0x0ce3f76a16fad46full}},
    {"double(70001)", {0xf9c1dbb202fdf3a2ull, 0xda698fdd7d29453bull}},
    {"float(70001)", {0xe350ca12bb5c842aull, 0x9faf0e95ee825e84ull}},
    {"double(70001,specials)", {0x14e89351a2d69cb4ull, 0x555eab464ffcbcb8ull}},
    {"float(70001,specials)", {0x2e1765e0630ba919ull, 0x9012a06f40a739a7ull}},
    {"args(string, doubles, int)", {0xa30bfc078f5add47ull, 0x3ee08f06cc86de8dull}},
    {"span of doubles from an odd index", {0xbeb932756e83f20full, 0x4c2fbc3d5b150534ull}},
    {"span of floats from an odd index", {0x9786472a3cb2a45aull, 0x187c2128dcf23ec3ull}},
    {"vector<string>(400)", {0xf86368d0b7e49642ull, 0x98230a4e90f96454ull}},
    {"map<string, vector<float>>", {0x43ffe441ec2acd4eull, 0x8de152939a1b0ba7ull}},
    {"Hasher fed in odd pieces", {0xc6bf958df50ec8f2ull, 0x9eed21b32ed1a9e6ull}},
};

} // namespace

TEST_CASE("hash golden: digests of fixed inputs never change", "[hash]") {
    const auto all = cases();
    CHECK(all.size() == kExpected.size());
    for (const Case& c : all) {
        INFO(c.name);
        const auto it = kExpected.find(c.name);
        const bool match = it != kExpected.end() && it->second == c.digest;
        if (!match) // the line to paste when a case is added (never to paper over a change)
            std::printf("    {\"%s\", {0x%016llxull, 0x%016llxull}},\n", c.name.c_str(),
                        static_cast<unsigned long long>(c.digest.lo),
                        static_cast<unsigned long long>(c.digest.hi));
        CHECK(match);
    }
}
