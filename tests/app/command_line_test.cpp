// Command-line flags every app understands (src/app/command_line.hpp).
#include <catch2/catch.hpp>

#include <initializer_list>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "app/command_line.hpp"

using imlit::detail::parse_flags;
using Strings = std::vector<std::string>;

namespace {
imlit::detail::FlagParse parse(std::initializer_list<const char*> args,
                               std::span<const imlit::AppFlag> app_flags = {}) {
    std::vector<const char*> argv{"app"};
    argv.insert(argv.end(), args.begin(), args.end());
    return parse_flags(static_cast<int>(argv.size()), argv.data(), app_flags);
}
// The flags model_loader-like apps declare.
const std::vector<imlit::AppFlag> kAppFlags = {
    {.name = "--epochs",
     .value = "N",
     .help = "training epochs",
     .check =
         [](std::string_view v) {
             return v.find_first_not_of("0123456789") == std::string_view::npos && !v.empty()
                        ? std::string()
                        : std::string("needs a whole number");
         }},
    {.name = "--pretrained", .help = "start with the pre-trained model"},
    {.name = "-v", .help = "say more"},
};
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
    CHECK(parse({"--bogus"}).error.find("unknown flag '--bogus'") == 0);
    CHECK(parse({"-x"}).error.find("unknown flag '-x'") == 0);
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
    auto p = parse({"--stats", "--", "--bogus", "file.csv", "--"});
    REQUIRE(p.error.empty());
    CHECK(p.flags.stats);
    CHECK(p.app_args == Strings{"--bogus", "file.csv", "--"});
}

TEST_CASE("positional arguments are left for the app, in order", "[app]") {
    auto p = parse({"data.csv", "--frames", "2", "-", "more.csv", "--", "-5"});
    REQUIRE(p.error.empty());
    CHECK(p.flags.frames == 2);
    CHECK(p.app_args == Strings{"data.csv", "-", "more.csv", "-5"});
    CHECK(p.app_flags.empty());
}

TEST_CASE("declared app flags: with a value, switches, short names", "[app]") {
    auto p = parse({"--epochs", "40", "text", "--pretrained", "-v", "--epochs=50", "--stats"},
                   kAppFlags);
    REQUIRE(p.error.empty());
    CHECK(p.flags.stats);
    CHECK(p.app_args == Strings{"text"});
    using Flag = std::pair<std::string, std::string>;
    CHECK(p.app_flags ==
          std::vector<Flag>{
              {"--epochs", "40"}, {"--pretrained", ""}, {"-v", ""}, {"--epochs", "50"}});
    CHECK(parse({"--epochs"}, kAppFlags).error == "--epochs needs a value: --epochs N");
    CHECK(parse({"--pretrained=1"}, kAppFlags).error == "--pretrained takes no value");
    CHECK(parse({"--epochs", "ten"}, kAppFlags).error == "--epochs: needs a whole number");
    // An undeclared flag stays an error, declared ones or not.
    CHECK(parse({"--epoch", "3"}, kAppFlags).error.find("unknown flag '--epoch'") == 0);
}

TEST_CASE("bad AppOptions.flags declarations are errors naming the flag", "[app]") {
    auto declared = [](std::vector<imlit::AppFlag> flags) { return parse({}, flags).error; };
    CHECK(declared({{.name = "epochs"}}).find("'epochs' is not a flag name") != std::string::npos);
    CHECK(declared({{.name = "--size"}}).find("'--size' is one of imlit's own flags") !=
          std::string::npos);
    CHECK(declared({{.name = "-h"}}).find("imlit's own") != std::string::npos);
    CHECK(declared({{.name = "--a b"}}).find("letters, digits") != std::string::npos);
    CHECK(declared({{.name = "--x"}, {.name = "--x"}}).find("declared twice") != std::string::npos);
}

TEST_CASE("usage lists every flag and xvfb-run", "[app]") {
    const std::string u = imlit::detail::usage("gallery");
    for (const char* flag :
         {"usage: gallery [flags] [-- app arguments]", "--frames N", "--seconds S",
          "--screenshot PATH", "--size WxH", "--stats", "--help", "xvfb-run"})
        CHECK(u.find(flag) != std::string::npos);
    CHECK(u.find("gallery flags:") == std::string::npos); // no app flags: no app section
}

TEST_CASE("usage: the app's usage line, and its flags after imlit's", "[app]") {
    const std::string u = imlit::detail::usage("./build/apps/model_loader",
                                               {.usage = "[flags] [TEXT]", .flags = kAppFlags});
    INFO(u);
    CHECK(u.find("usage: model_loader [flags] [TEXT]\n") == 0);
    const auto own = u.find("imlit flags:"), app = u.find("model_loader flags:");
    REQUIRE(own != std::string::npos);
    REQUIRE(app != std::string::npos);
    CHECK(own < app);
    CHECK(u.find("--stats") < app);
    CHECK(u.find("  --epochs N") > app);
    CHECK(u.find("training epochs") > app);
    CHECK(u.find("  --pretrained") > app);
    CHECK(u.find("  -v ") > app);
    CHECK(u.find("xvfb-run -a -s \"-screen 0 1920x1080x24\" ./build/apps/model_loader") !=
          std::string::npos); // the hint runs the program by its path
}
