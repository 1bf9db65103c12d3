// Command-line flags every app understands (src/app/command_line.hpp).
#include <catch2/catch.hpp>

#include <initializer_list>
#include <vector>

#include "app/command_line.hpp"

using imlit::detail::parse_flags;

namespace {
imlit::detail::FlagParse parse(std::initializer_list<const char*> args) {
    std::vector<const char*> argv{"app"};
    argv.insert(argv.end(), args.begin(), args.end());
    return parse_flags(static_cast<int>(argv.size()), argv.data());
}
} // namespace

TEST_CASE("no flags: run until closed", "[app]") {
    auto p = parse({});
    REQUIRE(p.error.empty());
    CHECK(p.flags.frames == 0);
    CHECK(p.flags.seconds == 0);
    CHECK(p.flags.screenshot.empty());
    CHECK(p.flags.width == 0);
    CHECK_FALSE(p.flags.stats);
    CHECK_FALSE(p.flags.help);
}

TEST_CASE("every flag, in both spellings", "[app]") {
    auto p = parse(
        {"--frames", "5", "--seconds=2.5", "--screenshot", "out.png", "--size=800x600", "--stats"});
    REQUIRE(p.error.empty());
    CHECK(p.flags.frames == 5);
    CHECK(p.flags.seconds == 2.5);
    CHECK(p.flags.screenshot == "out.png");
    CHECK(p.flags.width == 800);
    CHECK(p.flags.height == 600);
    CHECK(p.flags.stats);
    CHECK(parse({"--help"}).flags.help);
    CHECK(parse({"-h"}).flags.help);
    CHECK(parse({"--frames=3"}).flags.frames == 3);
    CHECK(parse({"--size", "10X20"}).flags.height == 20);
}

TEST_CASE("bad flags name the flag", "[app]") {
    CHECK(parse({"--bogus"}).error == "unknown argument '--bogus'");
    CHECK(parse({"positional"}).error == "unknown argument 'positional'");
    CHECK(parse({"--frames"}).error == "--frames needs a value: --frames N");
    CHECK(parse({"--frames", "0"}).error.find("--frames needs a whole number") == 0);
    CHECK(parse({"--frames", "2x"}).error.find("'2x'") != std::string::npos);
    CHECK(parse({"--seconds", "-1"}).error.find("--seconds needs a number > 0") == 0);
    CHECK(parse({"--seconds", "nan"}).error.find("--seconds") == 0);
    CHECK(parse({"--size", "800"}).error.find("--size needs WxH") == 0);
    CHECK(parse({"--size", "0x10"}).error.find("--size needs WxH") == 0);
    CHECK(parse({"--screenshot"}).error.find("--screenshot needs a file path") == 0);
    CHECK(parse({"--screenshot="}).error.find("--screenshot needs a file path") == 0);
    CHECK(parse({"--stats=1"}).error == "--stats takes no value");
}

TEST_CASE("arguments after -- are left for the app", "[app]") {
    auto p = parse({"--stats", "--", "--bogus", "file.csv"});
    REQUIRE(p.error.empty());
    CHECK(p.flags.stats);
}

TEST_CASE("usage lists every flag and xvfb-run", "[app]") {
    const std::string u = imlit::detail::usage("gallery");
    for (const char* flag : {"--frames N", "--seconds S", "--screenshot PATH", "--size WxH",
                             "--stats", "--help", "xvfb-run"})
        CHECK(u.find(flag) != std::string::npos);
}
